"""Patient.to_fhir() and Patient.from_fhir(): the FHIR R4 (mCODE) bundle
from Python. Values come from the seed case (Fong, Ho & So, Front. Oncol.
2025) and hand calculations written beside them."""

import json
import os
import unittest
import warnings

import ldrt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
SEED = os.path.join(ROOT, "examples", "data", "case-fong-2025.json")
ALL_KINDS = os.path.join(ROOT, "tests", "data", "all-kinds.json")
JENNY = os.path.join(ROOT, "tests", "data", "fhir", "mcode-jenny-m.json")
METASTATIC = os.path.join(ROOT, "tests", "data", "fhir", "metastatic-melanoma.json")


def resources(bundle, kind):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


class ToFhir(unittest.TestCase):
    def test_seed_bundle(self):
        with ldrt.Patient.load(SEED) as p:
            b = p.to_fhir()
            self.assertEqual(b, p.to_fhir())  # deterministic
        self.assertEqual(b["resourceType"], "Bundle")
        self.assertEqual(b["type"], "collection")
        self.assertTrue(all(e["fullUrl"].startswith("urn:uuid:") for e in b["entry"]))
        (patient,) = resources(b, "Patient")
        self.assertEqual(patient["gender"], "male")
        courses = [r for r in resources(b, "Procedure")
                   if r["code"].get("coding", [{}])[0].get("code") == "1217123003"]
        self.assertEqual(len(courses), 2)
        totals = {}
        for c in courses:
            for e in c["extension"]:
                if e["url"].endswith("mcode-radiotherapy-dose-delivered-to-volume"):
                    q = e["extension"][1]["valueQuantity"]
                    self.assertEqual(q["code"], "cGy")
                    totals[c["identifier"][0]["value"]] = q["value"]
        # 5 x 8 Gy = 40 Gy = 4000 cGy; 5 x 2 Gy = 10 Gy = 1000 cGy.
        self.assertEqual(totals, {"SBRT-2022": 4000, "LXRT-2023": 1000})

    def test_codes_death_and_secondary(self):
        with ldrt.Patient.load(METASTATIC) as p:
            b = p.to_fhir()
        (patient,) = resources(b, "Patient")
        self.assertEqual(patient["deceasedDateTime"], "2024-05")  # partial, as recorded
        ext = {e["url"].rsplit("/", 1)[1]: e for e in patient["extension"]}
        self.assertEqual(ext["death-cause"]["valueString"], "progressive melanoma")
        self.assertEqual(ext["last-contact"]["valueDate"], "2024-04-20")
        primary, secondary = resources(b, "Condition")
        self.assertTrue(primary["meta"]["profile"][0].endswith("mcode-primary-cancer-condition"))
        # ICD-10-CM C78.7 is a secondary malignant neoplasm (C77-C79).
        self.assertTrue(secondary["meta"]["profile"][0].endswith("mcode-secondary-cancer-condition"))
        self.assertEqual(secondary["code"]["coding"][0]["code"], "C78.7")
        self.assertEqual(secondary["code"]["text"], "liver metastases")
        self.assertNotIn("stage", secondary)  # SecondaryCancerCondition does not use stage
        (ae,) = resources(b, "AdverseEvent")
        self.assertEqual(ae["event"]["coding"][0]["code"], "C57788")
        with ldrt.Patient.load(METASTATIC) as p, ldrt.Patient.from_fhir(b) as q:
            self.assertEqual(p.dumps(), q.dumps())

    def test_no_empty_values(self):
        def walk(v):
            self.assertNotIn(v, (None, "", [], {}))
            if isinstance(v, dict):
                for x in v.values():
                    walk(x)
            elif isinstance(v, list):
                for x in v:
                    walk(x)
        with ldrt.Patient.load(ALL_KINDS) as p:
            walk(p.to_fhir())


class FromFhir(unittest.TestCase):
    def test_round_trip(self):
        for path in (SEED, ALL_KINDS):
            with ldrt.Patient.load(path) as p:
                bundle = p.to_fhir()
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    with ldrt.Patient.from_fhir(bundle) as q:
                        self.assertEqual(p.dumps(), q.dumps())
                        self.assertEqual(p.report(), q.report())
                    with ldrt.Patient.from_fhir(json.dumps(bundle)) as q:
                        self.assertEqual(p.dumps(), q.dumps())

    def test_mcode_example_warns_and_keeps(self):
        with open(JENNY, encoding="utf-8") as f:
            bundle = json.load(f)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with ldrt.Patient.from_fhir(bundle) as p:
                self.assertEqual(p.id, "MRN1234")
                doc = json.loads(p.dumps())
        names = [str(w.message) for w in caught if issubclass(w.category, ldrt.FhirWarning)]
        self.assertTrue(any(n.startswith("MedicationRequest/cancer-related-medication-request-anastrozole-jenny-m")
                            for n in names), names)
        self.assertEqual(len(doc["fhir_unmapped"]), 3)

    def test_errors(self):
        with self.assertRaises(ldrt.InvalidArgument):
            ldrt.Patient.from_fhir({"resourceType": "Bundle"})
        with self.assertRaises(ldrt.ParseError):
            ldrt.Patient.from_fhir("{")
        with self.assertRaises(TypeError):
            ldrt.Patient.from_fhir(42)  # type: ignore[arg-type]


if __name__ == "__main__":
    unittest.main()
