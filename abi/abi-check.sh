#!/bin/sh
# Compares the built library with the committed ABI baseline, tier by tier
# (doc/guides/abi.md).
#  - Stable tier (version nodes LDRT_<major>.<minor>): any difference fails,
#    except new symbols. abidiff's exit status is a bit field (1 error,
#    2 usage, 4 change, 8 incompatible change), and with --no-added-syms an
#    addition is not a change, so every non-zero status is a failure.
#  - Experimental tier (nodes LDRT_EXPERIMENTAL_<major>.<minor>, suppressed
#    by abi/experimental.abignore in the first comparison): may change in any
#    minor release; its added, removed and changed functions are reported,
#    and do not fail the check.
#   abi/abi-check.sh abi/libldrt.so.0.abi lib/libldrt.so include
set -u
baseline=$1 lib=$2 inc=$3
here=$(dirname "$0")
if [ ! -f "$baseline" ]; then
    echo "abi-check: no baseline $baseline (make abi-baseline creates it)" >&2
    exit 1
fi
abidiff --no-added-syms --suppressions "$here/experimental.abignore" \
    --headers-dir2 "$inc" "$baseline" "$lib"
status=$?
if [ $status -ne 0 ]; then
    echo "abi-check: the stable tier differs from $baseline (abidiff status $status)." >&2
    echo "abi-check: a break needs a SONAME bump and an entry in abi/CHANGES.md." >&2
    exit 1
fi

# The experimental tier: what changed, for the release notes (abi/CHANGES.md).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -n "s/.*<elf-symbol name='\\([^']*\\)' version='\\(LDRT_EXPERIMENTAL_[0-9.]*\\)'.*/\\1@\\2/p" "$baseline" |
    sort > "$tmp/before"
nm -D --defined-only "$lib" | awk '{ print $3 }' | sed -n 's/@@*\(LDRT_EXPERIMENTAL_[0-9.]*\)$/@\1/p' |
    sort > "$tmp/after"
added=$(comm -13 "$tmp/before" "$tmp/after")
removed=$(comm -23 "$tmp/before" "$tmp/after")
# Without the suppressions, the only changed functions left are experimental
# (the stable tier has just passed): their "[C]" entries with the details.
changed=$(abidiff --no-added-syms --headers-dir2 "$inc" "$baseline" "$lib" 2>&1 |
          awk '/^  \[C\] / { on = 1 } on && /^[^ ]/ { on = 0 } on && NF')
if [ -n "$added$removed$changed" ]; then
    echo "abi-check: the experimental tier changed against $baseline (allowed; record it in abi/CHANGES.md):"
    [ -z "$added" ] || printf '%s\n' "$added" | sed 's/^/  added:   /'
    [ -z "$removed" ] || printf '%s\n' "$removed" | sed 's/^/  removed: /'
    [ -z "$changed" ] || printf '%s\n' "$changed" | sed 's/^  \[C\] /  changed: /; s/^    /           /'
fi
echo "abi-check: the stable tier has no change against $baseline (new symbols allowed);" \
     "experimental tier: $(wc -l < "$tmp/after") symbols"
