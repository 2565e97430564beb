#!/bin/sh
# Lists the functions of the library's sources longer than a limit (from the
# line of the name to the closing brace), longest first, and fails when more
# of them exist than allowed: the count may only go down.
#   sh abi/long-functions.sh [LIMIT [ALLOWED]] [DIR]
# LIMIT defaults to 100 lines, ALLOWED to 0, DIR to src.
# SPDX-License-Identifier: MIT
limit=${1:-100}
allowed=${2:-0}
dir=${3:-src}
list=$(find "$dir" -name '*.c' | sort | xargs awk -v limit="$limit" '
    FNR == 1 { name = ""; start = 0 }
    # a definition starts with a name at column 0 and an opening parenthesis
    /^[A-Za-z_][A-Za-z0-9_ \t*]*[ \t*]\**[A-Za-z_][A-Za-z0-9_]*\(/ && !/;[ \t]*$/ {
        line = $0
        sub(/\(.*/, "", line)
        n = split(line, w, /[ \t*]+/)
        name = w[n]; start = FNR
        next
    }
    /^\{/ && name != "" { next }
    /^\}/ && name != "" {
        len = FNR - start + 1
        if (len > limit) printf "%d %s:%d %s\n", len, FILENAME, start, name
        name = ""
        next
    }
' | sort -rn)
count=0
[ -n "$list" ] && count=$(printf '%s\n' "$list" | wc -l)
[ -n "$list" ] && printf '%s\n' "$list" | sed 's/^/  /'
if [ "$count" -gt "$allowed" ]; then
    echo "long-functions: $count functions over $limit lines (at most $allowed allowed): split them" >&2
    exit 1
fi
echo "long-functions: $count functions over $limit lines (at most $allowed allowed)"
