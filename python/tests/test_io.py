"""Tests of JSON load/save, validation and the timeline renderer through the
binding, on the seed case (Fong, Ho & So, Front Oncol 2025, Table 1) and on
small documents written here."""

import json
import os
import stat
import tempfile
import unittest

import ldrt

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "..", "..", "examples", "data", "case-fong-2025.json")

MINIMAL = '{"ldrt": 1, "patient": {"id": "P1"}, "events": []}'


class TestLoad(unittest.TestCase):
    def test_seed_case(self):
        with ldrt.Patient.load(SEED) as p:
            self.assertEqual(p.id, "fong-2025-melanoma")
            self.assertEqual(p.sex, "male")
            self.assertEqual(p.diagnoses[0].markers, {"BRAF": "negative"})
            # L-XRT: 5 fractions of 2 Gy, 21 to 26 July 2023 (paper).
            lxrt = p.find_course("LXRT-2023")
            self.assertEqual(len(lxrt.fractions), 5)
            self.assertEqual(lxrt.total_dose_gy, 10.0)
            first, last = lxrt.fraction_dates
            self.assertEqual((str(first), str(last)), ("2023-07-21", "2023-07-26"))
            self.assertEqual(lxrt.margin_mm, 20.0)
            self.assertEqual([l.id for l in lxrt.targets], ["T1"])
            # "well tolerated, complicated only by self-resolving grade 2 diarrhea":
            # recorded at "2023-07" during LXRT-2023, so placed within the course.
            (diarrhoea,) = [t for t in p.timeline(kinds="toxicity") if t.term == "Diarrhea"]
            self.assertEqual(diarrhoea.during, "LXRT-2023")
            self.assertEqual(diarrhoea.during_event, lxrt)
            self.assertEqual([str(d) for d in diarrhoea.placed_span], ["2023-07-21", "2023-07-26"])
            # SBRT 40 Gy in 5 alternate-day fractions, May 2022: "alternate days" does not
            # fix the overall time (a weekend lengthens it), so the five fractions are dated
            # at month precision and the overall time is the range May allows.
            sbrt = p.find_course("SBRT-2022")
            self.assertIsNone(sbrt.prescription)
            self.assertEqual(sbrt.total_dose_gy, 40.0)
            self.assertEqual(sbrt.overall_days, (0, 30))
            # Pembrolizumab holiday from 13 June 2022.
            (hold,) = p.timeline(kinds="hold")
            self.assertEqual(str(hold.date), "2022-06-13")
            self.assertEqual(hold.hold_kind, "holiday")
            self.assertEqual(hold.drugs, ["pembrolizumab"])
            # The mesenteric nodule: 22 mm, then 14 mm (-36%), then 0 (-100%).
            t1 = [s.measurement("T1").diameter_mm for s in p.lesion_scans("T1")]
            self.assertEqual(t1, [22.0, 14.0, 0.0, 0.0])

    def test_round_trip(self):
        with ldrt.Patient.load(SEED) as p:
            text = p.dumps()
        self.assertEqual(json.loads(text)["patient"]["id"], "fong-2025-melanoma")
        q = ldrt.Patient.loads(text)
        self.assertEqual(q.dumps(), text)  # saving a loaded document is stable
        q2 = ldrt.Patient.loads(text.encode("utf-8"))  # bytes work too
        self.assertEqual(len(q2.events), len(q.events))

    def test_built_record_round_trips(self):
        p = ldrt.Patient("P1")
        p.add_lesion("T1", category="target")
        c = p.add_event("radiotherapy", "2023-07-21", course_id="C1", targets=["T1"])
        c.set_prescription(10, 5, "daily")
        q = ldrt.Patient.loads(p.dumps())
        self.assertEqual(tuple(q.find_course("C1").prescription), (10.0, 5, "daily"))
        self.assertEqual(len(q.find_course("C1").fractions), 5)

    def test_save_is_atomic_and_private(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "p.json")
            p = ldrt.Patient.loads(MINIMAL)
            p.save(path)
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
            self.assertEqual(ldrt.Patient.load(path).id, "P1")
            from pathlib import Path
            p.id = "P2"
            p.save(Path(path))  # os.PathLike
            self.assertEqual(ldrt.Patient.load(Path(path)).id, "P2")
            with self.assertRaises(ldrt.IOFailure) as cm:
                p.save(os.path.join(tmp, "missing-dir", "p.json"))
            self.assertIn("missing-dir", str(cm.exception))
            self.assertEqual(sorted(os.listdir(tmp)), ["p.json"])  # no temporary left

    def test_errors_name_the_file_and_path(self):
        with self.assertRaises(ldrt.IOFailure) as cm:
            ldrt.Patient.load("/nonexistent/p.json")
        self.assertIn("/nonexistent/p.json", str(cm.exception))
        with self.assertRaises(ldrt.ParseError):
            ldrt.Patient.loads("{not json")
        bad = json.loads(MINIMAL)
        bad["events"] = [{"type": "radiotherapy", "date": "2023-07-21",
                          "fractions": [{"date": "2023-07-21", "dose_gy": 0}]}]
        with self.assertRaises(ldrt.InvalidArgument) as cm:
            ldrt.Patient.loads(json.dumps(bad))
        self.assertIn("events[0].fractions[0].dose_gy", str(cm.exception))
        with self.assertRaises(ldrt.Unsupported):
            ldrt.Patient.loads(MINIMAL.replace('"ldrt": 1', '"ldrt": 2'))
        with self.assertRaises(TypeError):
            ldrt.Patient.loads(None)
        with self.assertRaises(TypeError):
            ldrt.Patient.load(42.0)
        with self.assertRaises(TypeError):
            ldrt.Patient.loads({"ldrt": 1})

    def test_validate(self):
        self.assertEqual(ldrt.validate(MINIMAL), [])
        self.assertEqual(ldrt.validate_file(SEED), [])
        problems = ldrt.validate('{"ldrt": 1}')
        self.assertEqual(len(problems), 2)
        self.assertTrue(problems[0].startswith("patient"))
        with self.assertRaises(ldrt.IOFailure):
            ldrt.validate_file("/nonexistent/p.json")


class TestPlots(unittest.TestCase):
    def test_seed_plots_are_valid_svg(self):
        import xml.etree.ElementTree as ET
        ns = "{http://www.w3.org/2000/svg}"
        with ldrt.Patient.load(SEED) as p:
            for kind in ("swimmer", "spider", "dose"):
                svg = p.plot(kind)
                root = ET.fromstring(svg)  # well-formed XML
                self.assertEqual(root.tag, ns + "svg")
                self.assertIsNotNone(root.find(ns + "title"))
            text = " ".join(ET.fromstring(p.plot("spider")).itertext())
            self.assertIn("T1", text)
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "swimmer.svg")
                self.assertIsNone(p.plot("swimmer", path=path))
                with open(path, encoding="utf-8") as f:
                    self.assertEqual(f.read(), p.plot("swimmer"))
                with self.assertRaises(ldrt.IOFailure):
                    p.plot("swimmer", path=os.path.join(tmp, "no", "x.svg"))
            with self.assertRaises(ldrt.NotFound):
                p.plot("pie")
            with self.assertRaises(TypeError):
                p.plot(1)
        lib = ldrt.load()
        self.assertEqual(lib.ldrt_plot_kind_name(2).decode(), "spider")


class TestTimeline(unittest.TestCase):
    def test_render(self):
        with ldrt.Patient.load(SEED) as p:
            text = p.render_timeline()
            self.assertIn("LXRT-2023: 10 Gy in 5 fractions", text)
            md = p.render_timeline("markdown")
            self.assertIn("|", md)
            rows = json.loads(p.render_timeline("json"))
            self.assertEqual(rows["patient"], "fong-2025-melanoma")
            self.assertEqual(len(rows["events"]), len(p.events))
            with self.assertRaises(ldrt.NotFound):
                p.render_timeline("html")


if __name__ == "__main__":
    unittest.main()
