#!/bin/sh
# Installs into a temporary DESTDIR with PREFIX=/usr, checks the layout, and
# builds and runs a program outside the tree against the installed copy using
# only `pkg-config --cflags --libs libldrt`, linked shared and static.
#   tests/install-test.sh [program.c ...]   (default: tests/install/smoke.c)
set -eu
top=$(pwd)
[ $# -gt 0 ] || set -- "$top/tests/install/smoke.c"
dest=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$dest" "$work"' EXIT
make --no-print-directory install DESTDIR="$dest" PREFIX=/usr >/dev/null
lib="$dest/usr/lib"
for f in "$dest/usr/include/ldrt.h" "$dest/usr/include/ldrt/common.h" "$lib/libldrt.a" \
         "$lib/pkgconfig/libldrt.pc" "$dest/usr/bin/ldrt"; do
    [ -f "$f" ] || { echo "install-test: missing $f" >&2; exit 1; }
done
major=$(sed -n 's/^#define LDRT_VERSION_MAJOR  *//p' include/ldrt/common.h)
[ "$(readlink "$lib/libldrt.so")" = "libldrt.so.$major" ] || { echo "install-test: bad libldrt.so link" >&2; exit 1; }
readlink "$lib/libldrt.so.$major" | grep -q "^libldrt.so.$major\.[0-9]*\.[0-9]*$" || { echo "install-test: bad SONAME link" >&2; exit 1; }
grep -q '^prefix=/usr$' "$lib/pkgconfig/libldrt.pc" || { echo "install-test: libldrt.pc does not say /usr" >&2; exit 1; }

export PKG_CONFIG_PATH="$lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest"
for src in "$@"; do
    name=$(basename "$src" .c)
    cp "$src" "$work/$name.c"
    (
        cd "$work"
        # shellcheck disable=SC2046
        cc -std=c11 -Wall -Wextra -Werror -o "$name" "$name.c" $(pkg-config --cflags --libs libldrt)
        # shellcheck disable=SC2046
        cc -std=c11 -Wall -Wextra -Werror -o "$name-static" "$name.c" \
            $(pkg-config --cflags --static --libs libldrt | sed 's/-lldrt/-l:libldrt.a/')
        if ldd "./$name-static" | grep -q libldrt; then
            echo "install-test: $name-static still needs libldrt.so" >&2; exit 1
        fi
        LD_LIBRARY_PATH="$lib" "./$name"
        "./$name-static"
    )
done
echo "install-test: installed layout, pkg-config, shared and static links: all passed"
