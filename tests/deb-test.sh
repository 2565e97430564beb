#!/bin/sh
# Builds the Debian packages, installs them on this machine with dpkg -i, uses
# them as a new user would (the ldrt command, the README's C example compiled
# with pkg-config against the installed headers, shared and static, `import
# ldrt` with the system python3), then purges them, leaving the machine as it
# was. Needs root (or passwordless sudo) and a machine without libldrt
# packages installed.
#   tests/deb-test.sh
set -eu
top=$(pwd)
pkgs="python3-ldrt ldrt libldrt-dev libldrt0"

if [ "$(id -u)" = 0 ]; then sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"
else echo "deb-test: needs root or passwordless sudo (dpkg -i)" >&2; exit 1
fi

installed() { dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^.i'; }
for p in $pkgs; do
    if installed "$p"; then
        echo "deb-test: $p is already installed; remove it first (the test purges what it installs)" >&2
        exit 1
    fi
done

# dpkg waits for no one: retry while another apt-get or dpkg holds the lock.
dpkg_locked() {
    n=0
    while :; do
        if out=$($sudo "$@" 2>&1); then printf '%s\n' "$out"; return 0; fi
        case "$out" in
        *"lock"*) n=$((n + 1)); [ $n -lt 60 ] || break; sleep 5 ;;
        *) break ;;
        esac
    done
    printf '%s\n' "$out" >&2
    return 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The tests ran before (make check); no debug symbol packages.
DEB_BUILD_OPTIONS="nocheck nodoc noautodbgsym parallel=2" make --no-print-directory deb >"$work/build.log" 2>&1 \
    || { tail -n 60 "$work/build.log" >&2; exit 1; }
sed -n '/^lintian /,$p' "$work/build.log" | grep -E '^[EWIP]: ' || true

purge() {
    dpkg_locked dpkg --purge $pkgs >/dev/null || true
    rm -rf "$work"
}
trap purge EXIT

debs=""
for p in $pkgs; do debs="$debs $(ls build/deb/${p}_*.deb)"; done
# shellcheck disable=SC2086
dpkg_locked dpkg -i $debs >/dev/null

# The symbols file (made from the version script) names exactly what the
# installed library exports, each with its version node.
lib0=$(ls build/deb/libldrt0_*.deb)
dpkg-deb -I "$lib0" symbols | sed -n 's/^ \(([a-z]*)\)\{0,1\}\([^ ]*\) .*/\2/p' | sort > "$work/symbols.deb"
so=$(dpkg -L libldrt0 | grep '/libldrt\.so\.[0-9]*\.[0-9]*\.[0-9]*$')
objdump -T "$so" | awk '$2 == "g" && $4 != "*UND*" { print $NF "@" $(NF-1) }' | sort -u > "$work/symbols.so"
if ! cmp -s "$work/symbols.deb" "$work/symbols.so"; then
    echo "deb-test: the symbols file and the library's exports differ:" >&2
    diff "$work/symbols.deb" "$work/symbols.so" >&2; exit 1
fi
echo "deb-test: symbols file: $(wc -l < "$work/symbols.so") symbols, as the library exports them"

# A clean environment: nothing from the tree, no variable pointing at a library.
clean_env() {
    env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME="$work" \
        LANG=C.UTF-8 "$@"
}

# The command, from PATH, with its man page.
[ "$(clean_env sh -c 'command -v ldrt')" = /usr/bin/ldrt ] || { echo "deb-test: ldrt is not /usr/bin/ldrt" >&2; exit 1; }
v=$(clean_env ldrt version)
echo "deb-test: $v"
want=$(sed -n 's/^#define LDRT_VERSION_\(MAJOR\|MINOR\|PATCH\)  *//p' include/ldrt/common.h | paste -sd.)
case "$v" in *"libldrt $want"*) ;; *) echo "deb-test: ldrt version says '$v', expected libldrt $want" >&2; exit 1 ;; esac
clean_env ldrt dose --total 10 --fractions 5 --ab 10 | grep -q '^EQD2: *10.000 Gy' \
    || { echo "deb-test: ldrt dose gives a wrong EQD2" >&2; exit 1; }
ls /usr/share/man/man1/ldrt.1.gz >/dev/null
if readelf -d /usr/bin/ldrt | grep -Eq 'RPATH|RUNPATH'; then
    echo "deb-test: the packaged ldrt has a RUNPATH" >&2; exit 1
fi

# The README's C example, against the installed headers and library.
python3 - "$top/README.md" "$work/app.c" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"^## Quick start: C\n.*?^```c\n(.*?)^```", text, re.M | re.S)
if not m:
    sys.exit("deb-test: no ```c block under '## Quick start: C' in README.md")
open(sys.argv[2], "w").write(m.group(1))
PY
(
    cd "$work"
    # shellcheck disable=SC2046
    clean_env sh -c 'cc -std=c11 -Wall -Wextra -Werror -o app app.c $(pkg-config --cflags --libs libldrt)'
    # shellcheck disable=SC2046
    clean_env sh -c 'cc -std=c11 -Wall -Wextra -Werror -static -o app-static app.c $(pkg-config --static --cflags --libs libldrt)'
    cc -std=c11 -H -fsyntax-only app.c 2>&1 | grep -q '^\. /usr/include/ldrt.h' \
        || { echo "deb-test: app.c did not include /usr/include/ldrt.h" >&2; exit 1; }
)
if ldd "$work/app-static" 2>&1 | grep -q libldrt; then
    echo "deb-test: app-static needs libldrt.so" >&2; exit 1
fi
out=$(clean_env "$work/app")
[ "$out" = "$(clean_env "$work/app-static")" ] || { echo "deb-test: static and shared programs differ" >&2; exit 1; }
case "$out" in "EQD2 10.0 Gy; "*" events") echo "deb-test: README C example: $out" ;;
*) echo "deb-test: README C example printed '$out'" >&2; exit 1 ;; esac

# The binding, with Debian's python3, from outside the tree.
(cd "$work" && clean_env /usr/bin/python3 -c '
import ldrt, ldrt._lib
assert ldrt.__file__.startswith("/usr/lib/python3/dist-packages/ldrt/"), ldrt.__file__
path = ldrt._lib.load()._ldrt_path
assert path == ldrt._lib.SONAME, path
print("deb-test: python3 imports ldrt %s, library %s (%s)" % (ldrt.__version__, ldrt.library_version(), path))
assert ldrt.dose.eqd2(10, 5, 10) == 10.0
')

# Purge, and check nothing is left.
trap 'rm -rf "$work"' EXIT
dpkg_locked dpkg --purge $pkgs >/dev/null
for p in $pkgs; do
    if dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^[^n]'; then
        echo "deb-test: $p is still known to dpkg after purge" >&2; exit 1
    fi
done
for f in /usr/bin/ldrt /usr/include/ldrt.h /usr/include/ldrt /usr/lib/python3/dist-packages/ldrt \
         /usr/share/man/man1/ldrt.1.gz; do
    [ ! -e "$f" ] || { echo "deb-test: $f is left after purge" >&2; exit 1; }
done
if ls /usr/lib/*/libldrt.* /usr/lib/*/pkgconfig/libldrt.pc >/dev/null 2>&1; then
    echo "deb-test: library files are left after purge" >&2; exit 1
fi
echo "deb-test: built, lintian-clean (no errors), installed, used and purged: all passed"
