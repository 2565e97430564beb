#!/bin/sh
# The symbol check, tier by tier. libldrt has two tiers (doc/guides/abi.md):
#  - stable: declared in the public headers outside any LDRT_EXPERIMENTAL_API
#    section, listed in a node LDRT_<major>.<minor> of the version script;
#  - experimental: declared between "#ifdef LDRT_EXPERIMENTAL_API" and
#    "#endif /* LDRT_EXPERIMENTAL_API */", listed in a node
#    LDRT_EXPERIMENTAL_<major>.<minor>.
# For each tier the functions declared LDRT_API, the names in its nodes of the
# linker version script and the dynamic symbols the library exports with its
# nodes must be the same set; every name must start with "ldrt_"; every
# exported symbol must carry a version node of one of the two forms; and the
# experimental declarations must be invisible to a program that does not
# define LDRT_EXPERIMENTAL_API (checked with the preprocessor, $CC or cc).
#   abi/check-symbols.sh lib/libldrt.so src/libldrt.map include
set -eu
lib=$1 map=$2 inc=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# Declared: in the public headers, every declaration of a function begins
# with LDRT_API on the line that names it. The tier is the section it is in.
for h in "$inc"/*.h "$inc"/*/*.h; do
    [ -f "$h" ] || continue
    awk -v file="$h" -v out="$tmp" '
    /^#[ \t]*if(def)?[ \t].*LDRT_EXPERIMENTAL_API/ {
        if (inexp) { print file ":" NR ": LDRT_EXPERIMENTAL_API sections do not nest" > "/dev/stderr"; bad = 1 }
        inexp = 1; next }
    /^#[ \t]*endif[ \t]*\/\*[ \t]*LDRT_EXPERIMENTAL_API[ \t]*\*\// {
        if (!inexp) { print file ":" NR ": #endif of an LDRT_EXPERIMENTAL_API section that was not opened" > "/dev/stderr"; bad = 1 }
        inexp = 0; next }
    /^[ \t]*LDRT_API[ \t]/ {
        d = $0; sub(/\(.*/, "", d); sub(/[ \t]*$/, "", d); n = split(d, w, /[^A-Za-z0-9_]+/)
        print w[n] >> (out "/" (inexp ? "declared.experimental" : "declared.stable")) }
    END {
        if (inexp) { print file ": an LDRT_EXPERIMENTAL_API section is not closed by #endif /* LDRT_EXPERIMENTAL_API */" > "/dev/stderr"; bad = 1 }
        exit bad }' "$h" || status=1
done
for t in stable experimental; do
    touch "$tmp/declared.$t"
    sort -u -o "$tmp/declared.$t" "$tmp/declared.$t"
done
# A function-like declaration that lacks LDRT_API would be unexported.
if grep -rnE '^[A-Za-z_][A-Za-z0-9_ \*]*[[:space:]\*]ldrt_[a-z0-9_]+[[:space:]]*\(' "$inc" |
        grep -vE 'LDRT_API|typedef|#[[:space:]]*define'; then
    echo "check-symbols: the declarations above lack LDRT_API" >&2
    exit 1
fi

# Listed in the version script: "name;" lines, by the node they are in.
sed -e 's:/\*.*\*/::g' "$map" | awk -v out="$tmp" '
    /^[A-Za-z_][A-Za-z0-9_.]*[ \t]*\{/ { node = $1; next }
    /^[ \t]*\}/ { node = ""; next }
    node != "" && /^[ \t]*[a-z_][a-z0-9_]*;[ \t]*$/ {
        name = $1; sub(/;$/, "", name); if (name == "local") next
        if (node ~ /^LDRT_[0-9]+\.[0-9]+$/) t = "stable"
        else if (node ~ /^LDRT_EXPERIMENTAL_[0-9]+\.[0-9]+$/) t = "experimental"
        else { print "check-symbols: version node " node " is neither LDRT_<major>.<minor> nor LDRT_EXPERIMENTAL_<major>.<minor>" > "/dev/stderr"; bad = 1; next }
        print name > (out "/mapped." t) }
    END { exit bad }' || status=1

# Exported by the library, with the node each symbol is bound to.
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDRBVW]$/ {print $3}' |
    grep -vE '^LDRT_[A-Z_]*[0-9.]+$' > "$tmp/exported-raw" || true
bad=$(sed 's/@.*//' "$tmp/exported-raw" | grep -v '^ldrt_' || true)
if [ -n "$bad" ]; then echo "check-symbols: exported names without the ldrt_ prefix:" >&2; echo "$bad" >&2; status=1; fi
unversioned=$(grep -vE '@@?LDRT_(EXPERIMENTAL_)?[0-9]+\.[0-9]+$' "$tmp/exported-raw" || true)
if [ -n "$unversioned" ]; then echo "check-symbols: exported symbols without a version node:" >&2; echo "$unversioned" >&2; status=1; fi
grep -E '@@?LDRT_[0-9]+\.[0-9]+$' "$tmp/exported-raw" | sed 's/@.*//' > "$tmp/exported.stable" || true
grep -E '@@?LDRT_EXPERIMENTAL_[0-9]+\.[0-9]+$' "$tmp/exported-raw" | sed 's/@.*//' > "$tmp/exported.experimental" || true

for t in stable experimental; do
    for f in mapped exported; do touch "$tmp/$f.$t"; sort -u -o "$tmp/$f.$t" "$tmp/$f.$t"; done
    if ! diff -u "$tmp/declared.$t" "$tmp/mapped.$t" > "$tmp/d1"; then
        echo "check-symbols: $t tier: public headers (-) and version script (+) differ:" >&2; cat "$tmp/d1" >&2; status=1; fi
    if ! diff -u "$tmp/mapped.$t" "$tmp/exported.$t" > "$tmp/d2"; then
        echo "check-symbols: $t tier: version script (-) and exported symbols (+) differ:" >&2; cat "$tmp/d2" >&2; status=1; fi
done

# The experimental tier is opt-in: without LDRT_EXPERIMENTAL_API the umbrella
# header declares none of it, and with it every one.
cc=${CC:-cc}
if command -v "$cc" >/dev/null 2>&1; then
    printf '#include "ldrt.h"\n' > "$tmp/t.c"
    "$cc" -E -I"$inc" "$tmp/t.c" > "$tmp/plain.i"
    "$cc" -E -DLDRT_EXPERIMENTAL_API -I"$inc" "$tmp/t.c" > "$tmp/opted.i"
    for s in $(cat "$tmp/declared.experimental"); do
        if grep -qw "$s" "$tmp/plain.i"; then
            echo "check-symbols: $s is experimental but visible without LDRT_EXPERIMENTAL_API" >&2; status=1; fi
        if ! grep -qw "$s" "$tmp/opted.i"; then
            echo "check-symbols: $s is not declared by ldrt.h with LDRT_EXPERIMENTAL_API" >&2; status=1; fi
    done
    for s in $(cat "$tmp/declared.stable"); do
        if ! grep -qw "$s" "$tmp/plain.i"; then
            echo "check-symbols: $s is stable but not declared by ldrt.h without LDRT_EXPERIMENTAL_API" >&2; status=1; fi
    done
fi

if [ $status = 0 ]; then
    echo "check-symbols: $(wc -l < "$tmp/exported.stable") stable + $(wc -l < "$tmp/exported.experimental") experimental symbols, all declared in their tier, versioned and prefixed ldrt_"
fi
exit $status
