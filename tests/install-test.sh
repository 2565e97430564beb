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
make --no-print-directory install DESTDIR="$dest" PREFIX=/usr >"$work/install.log"
if grep -q ldconfig "$work/install.log"; then
    echo "install-test: a DESTDIR install asks for ldconfig" >&2; exit 1
fi
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

# The installed command finds its library by itself, through a RUNPATH relative
# to its own place ($ORIGIN/<BINDIR to LIBDIR>), even in a DESTDIR staging copy.
runpath() { readelf -d "$1" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]$/\1/p'; }
check_runs() { # BINARY WANTED_RUNPATH
    [ "$(runpath "$1")" = "$2" ] || { echo "install-test: $1 has RUNPATH '$(runpath "$1")', not '$2'" >&2; exit 1; }
    v=$(env -u LD_LIBRARY_PATH "$1" version) || { echo "install-test: $1 does not run without LD_LIBRARY_PATH" >&2; exit 1; }
    case "$v" in "ldrt $version (libldrt $version)") ;; *) echo "install-test: $1 version says '$v'" >&2; exit 1 ;; esac
}
version=$(sed -n 's/^#define LDRT_VERSION_\(MAJOR\|MINOR\|PATCH\)  *//p' include/ldrt/common.h | paste -sd.)
check_runs "$dest/usr/bin/ldrt" '$ORIGIN/../lib'
# A multiarch libdir and a prefix moved after installing.
make --no-print-directory install PREFIX="$work/p" LIBDIR="$work/p/lib/x86_64-linux-gnu" \
    LD_SO_CONF=/dev/null >"$work/install.log"
mv "$work/p" "$work/moved"
check_runs "$work/moved/bin/ldrt" '$ORIGIN/../lib/x86_64-linux-gnu'
grep -q -- "-Wl,-rpath,$work/p/lib/x86_64-linux-gnu" "$work/install.log" \
    || { echo "install-test: no rpath hint for a prefix the loader does not know" >&2; exit 1; }
if grep -q ldconfig "$work/install.log"; then
    echo "install-test: ldconfig hint for a directory the loader does not cache" >&2; exit 1
fi
# A system prefix (one that ld.so.conf lists, through an include as on Debian):
# the ldconfig hint, and ldconfig not run.
mkdir -p "$work/etc/ld.so.conf.d"
echo "include $work/etc/ld.so.conf.d/*.conf" > "$work/etc/ld.so.conf"
printf '# a system prefix\n%s\n' "$work/sys/lib" > "$work/etc/ld.so.conf.d/libc.conf"
mkdir -p "$work/fakebin"
printf '#!/bin/sh\ntouch "%s"\n' "$work/ldconfig-ran" > "$work/fakebin/ldconfig"
chmod +x "$work/fakebin/ldconfig"
PATH="$work/fakebin:$PATH" make --no-print-directory install PREFIX="$work/sys" \
    LD_SO_CONF="$work/etc/ld.so.conf" >"$work/install.log"
grep -q "run 'ldconfig' as root" "$work/install.log" \
    || { echo "install-test: no ldconfig hint for a system prefix" >&2; cat "$work/install.log" >&2; exit 1; }
if [ -e "$work/ldconfig-ran" ]; then
    echo "install-test: make install ran ldconfig" >&2; exit 1
fi
check_runs "$work/sys/bin/ldrt" '$ORIGIN/../lib'

echo "install-test: installed layout, pkg-config, shared and static links, RUNPATH, ldconfig hint: all passed"
