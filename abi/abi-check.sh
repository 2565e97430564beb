#!/bin/sh
# Compares the built library with the committed ABI baseline. Any difference
# fails, except new symbols: abidiff's exit status is a bit field (1 error,
# 2 usage, 4 change, 8 incompatible change), and with --no-added-syms an
# addition is not a change, so every non-zero status here is a failure.
#   abi/abi-check.sh abi/libldrt.so.0.abi lib/libldrt.so include
set -u
baseline=$1 lib=$2 inc=$3
if [ ! -f "$baseline" ]; then
    echo "abi-check: no baseline $baseline (make abi-baseline creates it)" >&2
    exit 1
fi
abidiff --no-added-syms --headers-dir2 "$inc" "$baseline" "$lib"
status=$?
if [ $status -ne 0 ]; then
    echo "abi-check: the ABI differs from $baseline (abidiff status $status)." >&2
    echo "abi-check: a break needs a SONAME bump and an entry in abi/CHANGES.md." >&2
    exit 1
fi
echo "abi-check: no change against $baseline (new symbols allowed)"
