#!/bin/sh
# The naming rules of CONTRIBUTING.md, checked on the public headers:
#  1. every enumeration's constants share a prefix LDRT_<PREFIX>_ that no
#     other enumeration uses (the prefix names its enum);
#  2. a value documented as one of an enumeration ("@param x an ::ldrt_e",
#     "@param x receives an ::ldrt_e", "@return an ::ldrt_e") has that
#     enumeration's type, not int (nor int * for an out parameter);
#  3. the spelling function of an enumeration is ldrt_<enum>_name() and takes
#     that enumeration's type;
#  4. a function named after a handle of the record (ldrt_course_*,
#     ldrt_scan_*, ...) takes or creates a handle of that type.
#   abi/check-names.sh include
set -eu
inc=$1
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat "$inc"/ldrt.h "$inc"/ldrt/*.h > "$tmp/all.h"

# 1. Enumeration prefixes.
awk '
/typedef enum ldrt_[a-z0-9_]+ \{/ { inenum = 1; name = $3; n = 0; next }
inenum && /^\}/ { inenum = 0;
    p = c[1]; for (i = 2; i <= n; i++) while (index(c[i], p) != 1) sub(/[A-Z0-9]+_?$/, "", p);
    if (p !~ /_$/) sub(/[A-Z0-9]+$/, "", p);
    print name, p; next }
inenum && match($0, /^[ \t]*LDRT_[A-Z0-9_]+/) { s = substr($0, RSTART, RLENGTH); gsub(/[ \t]/, "", s); c[++n] = s }
' "$tmp/all.h" > "$tmp/prefixes"
if awk '$1 != "ldrt_status" && ($2 == "LDRT_" || $2 == "") { print "check-names: the constants of " $1 " share no prefix beyond LDRT_"; bad = 1 } END { exit bad }' "$tmp/prefixes"; then :; else status=1; fi
dups=$(awk '{ print $2 }' "$tmp/prefixes" | sort | uniq -d)
if [ -n "$dups" ]; then
    for d in $dups; do echo "check-names: prefix $d is used by: $(awk -v d="$d" '$2 == d { printf "%s ", $1 }' "$tmp/prefixes")"; done
    status=1
fi

# 2. Enumerations typed in signatures. Each documented declaration is one
# record: its comment, then its LDRT_API declaration.
awk '
/\/\*\*/ { doc = ""; indoc = 1 }
indoc { doc = doc " " $0 }
/\*\// { indoc = 0 }
/^LDRT_API/ { decl = $0; while (decl !~ /;/ && (getline line) > 0) decl = decl " " line;
    rest = doc
    while (match(rest, /@param[ \t]+[a-z_0-9]+[ \t]+(receives[ \t]+)?an?[ \t]+::ldrt_[a-z0-9_]+/)) {
        m = substr(rest, RSTART, RLENGTH); rest = substr(rest, RSTART + RLENGTH)
        n = split(m, w, /[ \t]+/); e = w[n]; sub(/^::/, "", e)
        if (decl ~ ("[(,][ \t]*int[ \t]*[*]?[ \t]*" w[2] "[,)]")) print "check-names: " w[2] " is an " e " but declared int: " decl
    }
    doc = "" }
' "$tmp/all.h" > "$tmp/untyped"
grep -oE 'typedef enum ldrt_[a-z0-9_]+' "$tmp/all.h" | awk '{ print $3 }' > "$tmp/enums"
grep -F -f "$tmp/enums" "$tmp/untyped" || true
if grep -q -F -f "$tmp/enums" "$tmp/untyped"; then status=1; fi

# 3. Spelling functions: ldrt_<enum>_name(<enum>). (ldrt_regimen_rule is a
# set of bits: its names take one bit as unsigned.)
for e in $(grep -v '^ldrt_regimen_rule$' "$tmp/enums"); do
    for f in $(grep -oE "LDRT_API[^(]*[ *]${e}_name\(" "$tmp/all.h" | grep -oE "${e}_name"); do
        decl=$(grep -E "[ *]$f\(" "$tmp/all.h" | head -1)
        case $decl in
        *"$e "*|*"$e *"*) ;;
        *) echo "check-names: $f does not take its enumeration $e: $decl"; status=1 ;;
        esac
    done
done

# 4. Handle prefixes: a function named ldrt_<handle>_... takes or creates an ldrt_<handle>.
handles="ldrt_patient ldrt_event ldrt_course ldrt_scan ldrt_systemic ldrt_lesion ldrt_fraction ldrt_diagnosis ldrt_course_response ldrt_dvh ldrt_assessment ldrt_response_options"
grep -E '^LDRT_API' "$tmp/all.h" | sed -E 's/^LDRT_API[^(]*[ *](ldrt_[a-z0-9_]+)\(.*/\1/' | sort -u > "$tmp/functions"
for fn in $(cat "$tmp/functions"); do
    best=
    for h in $handles $(cat "$tmp/enums"); do
        case $fn in "${h}_"*) [ ${#h} -gt ${#best} ] && best=$h ;; esac
    done
    case " $handles " in *" $best "*) ;; *) continue ;; esac
    decl=$(awk -v f="$fn" '/^LDRT_API/ && index($0, f "(") { d = $0; while (d !~ /;/ && (getline l) > 0) d = d " " l; print d; exit }' "$tmp/all.h")
    case $decl in
    *"$best "*|*"$best*"*) ;;
    *) echo "check-names: $fn is named after $best but does not take one: $decl"; status=1 ;;
    esac
done

if [ $status = 0 ]; then
    echo "check-names: $(wc -l < "$tmp/prefixes") enumerations with their own prefix, typed in signatures; $(wc -l < "$tmp/functions") functions named after what they take"
fi
exit $status
