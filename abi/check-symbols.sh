#!/bin/sh
# The symbol check: the functions declared LDRT_API in the public headers,
# the names in the linker version script and the dynamic symbols the library
# exports must be the same set, every name must start with "ldrt_", and every
# exported symbol must carry a version node (LDRT_x.y).
#   abi/check-symbols.sh lib/libldrt.so src/libldrt.map include
set -eu
lib=$1 map=$2 inc=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Declared: in the public headers, every declaration of a function begins
# with LDRT_API on the line that names it.
grep -rhE '^[[:space:]]*LDRT_API[[:space:]]' "$inc" |
    sed -E 's/\(.*//; s/.*[^A-Za-z0-9_]([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*$/\1/' |
    sort -u > "$tmp/declared"
# A function-like declaration that lacks LDRT_API would be unexported.
if grep -rnE '^[A-Za-z_][A-Za-z0-9_ \*]*[[:space:]\*]ldrt_[a-z0-9_]+[[:space:]]*\(' "$inc" |
        grep -vE 'LDRT_API|typedef|#[[:space:]]*define'; then
    echo "check-symbols: the declarations above lack LDRT_API" >&2
    exit 1
fi
# Listed in the version script (names ending with ';' inside a node).
sed -e 's:/\*.*\*/::g' "$map" | grep -oE '^[[:space:]]*[a-z_][a-z0-9_]*;' |
    tr -d ' \t;' | grep -v '^local$' | sort -u > "$tmp/mapped"
# Exported by the library.
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDRBVW]$/ {print $3}' > "$tmp/exported-raw"
sed 's/@.*//' "$tmp/exported-raw" | grep -vE '^LDRT_[0-9.]+$' | sort -u > "$tmp/exported"

status=0
bad=$(grep -v '^ldrt_' "$tmp/exported" || true)
if [ -n "$bad" ]; then echo "check-symbols: exported names without the ldrt_ prefix:" >&2; echo "$bad" >&2; status=1; fi
unversioned=$(grep -v '@@\?LDRT_[0-9]' "$tmp/exported-raw" | grep -vE '^LDRT_[0-9.]+$' || true)
if [ -n "$unversioned" ]; then echo "check-symbols: exported symbols without a version node:" >&2; echo "$unversioned" >&2; status=1; fi
if ! diff -u "$tmp/declared" "$tmp/mapped" > "$tmp/d1"; then
    echo "check-symbols: public headers (-) and version script (+) differ:" >&2; cat "$tmp/d1" >&2; status=1; fi
if ! diff -u "$tmp/mapped" "$tmp/exported" > "$tmp/d2"; then
    echo "check-symbols: version script (-) and exported symbols (+) differ:" >&2; cat "$tmp/d2" >&2; status=1; fi
if [ $status = 0 ]; then
    echo "check-symbols: $(wc -l < "$tmp/exported") symbols, all declared, versioned and prefixed ldrt_"
fi
exit $status
