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


class TestSeedRanges(unittest.TestCase):
    """The bounds that the seed's month-level dates allow, from the binding, computed
    by hand and checked against the report (tests/check_render.c, check_course_dose.c)."""

    def test_drug_timing_range(self):
        with ldrt.Patient.load(SEED) as p:
            sbrt = p.find_course("SBRT-2022")
            # Ipilimumab's 4th cycle of the 2021 line: November 2021 + 3 x 21 days =
            # 3 Jan to 1 Feb 2022. The SBRT's fractions are all in May 2022 (1 to 31).
            # Shortest: 1 May - 1 Feb = 28 (Feb) + 31 (Mar) + 30 (Apr) = 89 days;
            # longest: 31 May - 3 Jan = 28 (to 31 Jan) + 28 + 31 + 30 + 31 = 148 days.
            # Within 90 days or not depends on the true days: possibly concurrent.
            r = sbrt.drug_timing_range("ipilimumab")
            self.assertEqual(tuple(r), ("concurrent", 89, 148, False))
            self.assertEqual((r.nearest_days_min, r.nearest_days_max), (89, 148))
            # The certain counterpart gives only the shortest distance.
            self.assertEqual(sbrt.drug_timing("ipilimumab").days_since_previous, 89)
            # A window of 148 days holds the longest: concurrent for sure. One of 88
            # holds neither: the 2023 rechallenge is after, so before and after.
            self.assertEqual(tuple(sbrt.drug_timing_range("ipilimumab", 148)),
                             ("concurrent", 89, 148, True))
            self.assertEqual(tuple(sbrt.drug_timing_range("ipilimumab", 88)),
                             ("before-and-after", 89, 148, True))
            # The L-XRT (first fraction 2023-07-21) and the rechallenge's 4th cycle
            # (April 2023 + 63 days = 3 Jun to 2 Jul): 21 Jul - 2 Jul = 19 to
            # 21 Jul - 3 Jun = 27 + 21 = 48 days, within 90 either way.
            self.assertEqual(tuple(p.find_course("LXRT-2023").drug_timing_range("ipilimumab")),
                             ("concurrent", 19, 48, True))
            row = [r for r in json.loads(p.report("json"))["timing"]["courses"]
                   if r["course_id"] == "SBRT-2022" and r["drug"] == "ipilimumab"]
            self.assertEqual([(r["nearest_days_min"], r["nearest_days_max"], r["timing"])
                              for r in row], [(89, 148, "possibly-concurrent")])

    def test_days_to_response_range(self):
        with ldrt.Patient.load(SEED) as p:
            res = {r.lesion.id: r for r in p.find_course("LXRT-2023").response()}
            # The L-XRT's last fraction 2023-07-26, the response on the CT of
            # September 2023: 1 Sep - 26 Jul = 5 + 31 + 1 = 37 days at least,
            # 30 Sep - 26 Jul = 5 + 31 + 30 = 66 at most.
            t1 = res["T1"]
            self.assertTrue(t1.responded)
            self.assertEqual(t1.days_to_response, 37)
            self.assertEqual(t1.days_to_response_range, (37, 66))
            for r in res.values():
                if not r.responded:
                    self.assertEqual(r.days_to_response_range, (None, None))
            les = json.loads(p.report("json"))["course_response"]["lesions"][0]
            self.assertEqual((les["days_to_response_min"], les["days_to_response_max"]), (37, 66))


if __name__ == "__main__":
    unittest.main()
