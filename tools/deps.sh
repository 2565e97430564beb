#!/bin/sh
# Makes sure the tools and libraries a make target needs are present.
#   tools/deps.sh build|check|docs|abi|valgrind|fuzz|numpy|deb|mypy|fhir|dicom|cohort ...
# A missing Debian package is installed with apt-get when that is possible
# (running as root, or with passwordless sudo), saying what it installs;
# otherwise the script stops with the one command that would install it.
set -eu

need=""
add() { case " $need " in *" $1 "*) ;; *) need="$need $1" ;; esac; }

have_pc() { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1" 2>/dev/null; }

for what in "$@"; do
    case "$what" in
    build)
        command -v cc >/dev/null 2>&1 || add gcc
        command -v pkg-config >/dev/null 2>&1 || add pkg-config
        have_pc jansson || add libjansson-dev
        ;;
    check)
        have_pc check || add check
        command -v python3 >/dev/null 2>&1 || add python3
        # The README's virtual environment (python3 -m venv, with pip).
        python3 -c 'import ensurepip' >/dev/null 2>&1 || add python3-venv
        ;;
    docs)
        command -v doxygen >/dev/null 2>&1 || add doxygen
        ;;
    abi)
        command -v abidw >/dev/null 2>&1 || add abigail-tools
        ;;
    valgrind)
        command -v valgrind >/dev/null 2>&1 || add valgrind
        ;;
    fuzz)
        command -v clang >/dev/null 2>&1 || add clang
        # libFuzzer and the sanitizer runtimes of Debian's clang.
        ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 \
            || add libclang-rt-dev
        ;;
    mypy)
        # make check type-checks the Python binding with mypy --strict.
        python3 -c 'import mypy' >/dev/null 2>&1 || /usr/bin/python3 -c 'import mypy' >/dev/null 2>&1 || add python3-mypy
        ;;
    numpy)
        # Optional: the benchmarks and the binding's array tests use numpy
        # when the python3 that runs them can import it.
        python3 -c 'import numpy' >/dev/null 2>&1 || /usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || add python3-numpy
        ;;
    deb)
        # Building and checking the Debian packages (make deb, tests/deb-test.sh).
        command -v dpkg-buildpackage >/dev/null 2>&1 || add dpkg-dev
        command -v dh >/dev/null 2>&1 || add debhelper
        command -v dh_python3 >/dev/null 2>&1 || add dh-python
        command -v lintian >/dev/null 2>&1 || add lintian
        command -v fakeroot >/dev/null 2>&1 || add fakeroot
        ;;
    fhir)
        # make test-fhir: node and npm run the FHIR validators (npm packages,
        # installed into the build tree by tests/fhir/run.sh).
        command -v node >/dev/null 2>&1 || add nodejs
        command -v npm >/dev/null 2>&1 || add npm
        ;;
    dicom)
        # ldrt.dicom and its tests: numpy, pydicom, pandas, and dicompyler-core
        # (the peer its DVH is compared with), for Debian's python3.
        for m in numpy:python3-numpy pydicom:python3-pydicom pandas:python3-pandas \
                 dicompylercore:python3-dicompylercore; do
            /usr/bin/python3 -c "import ${m%%:*}" >/dev/null 2>&1 || add "${m#*:}"
        done
        ;;
    cohort)
        # ldrt.cohort and its tests: pandas, and Dask with its distributed
        # scheduler (a LocalCluster of 2 workers), for Debian's python3.
        for m in numpy:python3-numpy pandas:python3-pandas dask.dataframe:python3-dask \
                 distributed:python3-distributed; do
            /usr/bin/python3 -c "import ${m%%:*}" >/dev/null 2>&1 || add "${m#*:}"
        done
        ;;
    *)
        echo "deps.sh: unknown group '$what'" >&2
        exit 2
        ;;
    esac
done

[ -z "$need" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
else
    echo "libldrt needs:$need" >&2
    echo "Install them with:  sudo apt-get install -y$need" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "libldrt needs:$need (no apt-get here: install them with your package manager)" >&2
    exit 1
fi

echo "Installing with apt-get:$need"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $sudo apt-get install -y -q --no-install-recommends $need >/dev/null; then
    $sudo apt-get update -q >/dev/null
    # shellcheck disable=SC2086
    $sudo apt-get install -y -q --no-install-recommends $need >/dev/null
fi
