"""The patient report: what `ldrt report` prints, from Python."""
import json
import os
import subprocess
import unittest

import ldrt

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "..", "..", "examples", "data", "case-fong-2025.json")
BIN = os.path.join(HERE, "..", "..", "bin", "ldrt")

UNEQUAL = {
    "ldrt": 1, "patient": {"id": "unequal\x1b[31m"},
    "lesions": [{"id": "L1", "site": "skin", "category": "target"}],
    "events": [
        {"type": "imaging", "date": "2023-01-01", "baseline": True,
         "measurements": [{"lesion": "L1", "diameter_mm": 0}]},
        {"type": "radiotherapy", "date": "2023-02-02", "course_id": "C2", "targets": ["L1"],
         "fractions": [{"date": "2023-02-02", "dose_gy": 2}, {"date": "2023-02-03", "dose_gy": 3}]},
        {"type": "imaging", "date": "2023-03-01",
         "measurements": [{"lesion": "L1", "diameter_mm": 5}]},
    ],
}


class TestReport(unittest.TestCase):
    def test_json_report_parses_with_numbers_and_nulls(self):
        with ldrt.Patient.loads(json.dumps(UNEQUAL)) as p:
            r = json.loads(p.report("json"))
        course = r["radiotherapy"]["courses"][0]
        self.assertEqual(course["dose_per_fraction_gy"], 2.5)  # (2 + 3) / 2
        self.assertIs(course["uniform_fractions"], False)
        self.assertIsNone(r["course_response"]["lesions"][0]["best_change_pct"])
        self.assertEqual(r["patient"]["id"], "unequal\x1b[31m")  # JSON carries it exactly

    def test_text_escapes_control_characters(self):
        with ldrt.Patient.loads(json.dumps(UNEQUAL)) as p:
            for fmt in ("text", "markdown"):
                out = p.report(fmt)
                self.assertNotIn("\x1b", out)
                self.assertIn("unequal\\x1b[31m", out)
                self.assertIn("2.50 (mean)", out)

    def test_sections(self):
        with ldrt.Patient.load(SEED) as p:
            r = json.loads(p.report("json", sections=["toxicity", "radiotherapy"]))
            self.assertEqual(list(r), ["title", "radiotherapy", "toxicity"])
            with self.assertRaises(ValueError):
                p.report(sections=["nope"])
            with self.assertRaises(ValueError):
                p.report(sections=[])
            with self.assertRaises(TypeError):
                p.report(sections="toxicity")
            with self.assertRaises(ldrt.errors.NotFound):
                p.report("html")

    @unittest.skipUnless(os.access(BIN, os.X_OK), "bin/ldrt not built")
    def test_same_as_the_command(self):
        with ldrt.Patient.load(SEED) as p:
            for fmt in ("text", "markdown", "json"):
                cli = subprocess.run([BIN, "report", SEED, "--format", fmt], check=True,
                                     stdout=subprocess.PIPE).stdout.decode("utf-8")
                self.assertEqual(p.report(fmt), cli)


if __name__ == "__main__":
    unittest.main()
