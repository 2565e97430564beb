#!/bin/sh
# After `make install`: when the library went into a directory the dynamic
# loader caches (a system prefix such as /usr/local), says that `ldconfig`
# must be run for programs other than bin/ldrt to find it. It never runs
# ldconfig itself (that is the administrator's step, and needs root).
#   tools/ldconfig-hint.sh DESTDIR LIBDIR [LD_SO_CONF]
set -eu
destdir=$1 libdir=${2%/} conf=${3:-/etc/ld.so.conf}

# A staged install (DESTDIR) is not where programs will look yet.
[ -z "$destdir" ] || exit 0

# The loader's own directories, then those of ld.so.conf and its includes.
dirs="/lib /usr/lib /lib64 /usr/lib64"
read_conf() {
    [ -r "$1" ] || return 0
    while read -r word rest; do
        case "$word" in
        ''|'#'*) ;;
        include)
            for f in $rest; do
                case "$f" in /*) ;; *) f="$(dirname "$1")/$f" ;; esac
                # shellcheck disable=SC2086
                for g in $f; do [ "$g" = "$1" ] || read_conf "$g"; done
            done ;;
        *) dirs="$dirs ${word%/}" ;;
        esac
    done < "$1"
}
read_conf "$conf"

for d in $dirs; do
    if [ "$d" = "$libdir" ]; then
        echo "libldrt is installed in $libdir, a directory of the dynamic loader's cache:"
        echo "run 'ldconfig' as root (sudo ldconfig) so that programs linked with -lldrt find it."
        exit 0
    fi
done
echo "libldrt is installed in $libdir, where the dynamic loader does not look:"
echo "link programs with -Wl,-rpath,$libdir (bin/ldrt has its own RUNPATH)."
