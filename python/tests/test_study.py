"""Tests of ldrt.study on the pharmaversesdtm onco domains
(tests/data/sdtm/pharmaverse, Apache-2.0). The values are those of the C
suite (tests/check_study.c), which derives them by hand from the TR rows."""

import csv
import io
import os
import tempfile
import unittest

import ldrt
import ldrt.study

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "tests", "data", "sdtm", "pharmaverse")


class TestRead(unittest.TestCase):
    def test_subjects_streams_unmapped(self):
        with ldrt.study.read_sdtm(DATA) as st:
            self.assertEqual(st.id, "CDISCPILOT01")
            self.assertEqual(st.reader, "INVESTIGATOR")
            self.assertEqual(len(st), 26)
            self.assertEqual(st.readers, ("INDEPENDENT ASSESSOR/RADIOLOGIST 1",
                                          "INDEPENDENT ASSESSOR/RADIOLOGIST 2", "INVESTIGATOR"))
            self.assertEqual(st.usubjids[0], "01-701-1015")
            self.assertEqual(str(st.first_dose(0)), "2014-01-02")
            self.assertEqual(str(st.randomization(0)), "2014-01-02")
            with self.assertRaises(IndexError):
                st.first_dose(26)
            first = st.unmapped[0]
            self.assertEqual((first.domain, first.file, first.row, first.usubjid),
                             ("DS", "ds.csv", 3, "01-701-1015"))
            self.assertIn("only the randomization", first.reason)
            p = st.patients()[0]
            self.assertEqual(p.id, "01-701-1015")
            self.assertEqual(p.sex, "female")
            self.assertEqual([l.id for l in p.lesions], ["T01", "T02", "T03", "T04"])

    def test_bad_reader_and_directory(self):
        with self.assertRaises(ldrt.NotFound) as cm:
            ldrt.study.read_sdtm(DATA, reader="INDEPENDENT ASSESSOR")
        self.assertIn("is ambiguous", str(cm.exception))
        with self.assertRaises(ldrt.IOFailure):
            ldrt.study.read_sdtm(os.path.join(DATA, "nothing-here"))
        with self.assertRaises(ValueError):
            ldrt.study.read_sdtm(DATA, criteria="who")


class TestAudit(unittest.TestCase):
    def test_recist_no_disagreement(self):
        with ldrt.study.read_sdtm(DATA) as st:
            audit = st.audit("recist1.1", reference_date="first-dose")
        self.assertEqual(audit.criteria, "recist1.1")
        by_id = {s.usubjid: s for s in audit.subjects}
        self.assertEqual(len(by_id), 26)
        self.assertTrue(all(not s.disagreements for s in audit.subjects))
        s = by_id["01-701-1115"]
        self.assertEqual((s.best_overall_response, s.confirmed_best_overall_response, s.basis),
                         ("CR", "SD", "measurements"))
        self.assertIsNone(by_id["01-701-1146"].best_overall_response)
        self.assertEqual(by_id["01-701-1146"].basis, "none")
        # The CSV is the same audit: one row per subject here.
        rows = list(csv.DictReader(io.StringIO(audit.csv)))
        self.assertEqual(len(rows), 26)
        self.assertEqual(rows[0]["usubjid"], "01-701-1015")

    def test_confirmation_setting(self):
        with ldrt.study.read_sdtm(DATA) as st:
            audit = st.audit("recist1.1", confirm_days=21)
        s = [x for x in audit.subjects if x.usubjid == "01-701-1115"][0]
        self.assertEqual(s.confirmed_best_overall_response, "PR")

    def test_irecist_disagreements(self):
        with ldrt.study.read_sdtm(DATA, criteria="irecist") as st:
            audit = st.audit("irecist")
        real = [(s.usubjid, d) for s in audit.subjects for d in s.disagreements
                if d.computed is not None]
        self.assertEqual([(u, d.date, d.computed, d.recorded) for u, d in real],
                         [("01-701-1118", "2014-04-23", "iPR", "iUPD"),
                          ("01-701-1130", "2014-03-29", "iSD", "iUPD")])
        self.assertIn("-51.3% from baseline 78.0 mm", real[0][1].reason)
        self.assertEqual(sum(s.basis == "recorded" for s in audit.subjects), 18)

    def test_from_json_matches(self):
        text = ('{"criteria": "recist1.1", "reader": "INVESTIGATOR", "subjects": ['
                '{"usubjid": "A", "best_overall_response": "PR", '
                '"confirmed_best_overall_response": null, "basis": "measurements", '
                '"disagreements": [{"date": "2024-01", "computed": "PR", "recorded": "SD", '
                '"reason": "r"}]}]}')
        a = ldrt.study.Audit.from_json(text)
        self.assertEqual(a.subjects[0].disagreements[0],
                         ldrt.study.Disagreement("2024-01", "PR", "SD", "r"))
        self.assertIsNone(a.subjects[0].confirmed_best_overall_response)


class TestWrite(unittest.TestCase):
    def test_round_trip(self):
        with tempfile.TemporaryDirectory() as out:
            with ldrt.study.read_sdtm(DATA) as st:
                st.write_sdtm(out)
                before = [p.dumps() for p in st.patients()]
            with ldrt.study.read_sdtm(out) as back:
                self.assertEqual(back.id, "CDISCPILOT01")
                self.assertEqual(back.unmapped, ())
                audit = back.audit()
                self.assertTrue(all(not s.disagreements for s in audit.subjects))
                self.assertEqual(len(back.patients()), len(before))

    def test_from_patients(self):
        with tempfile.TemporaryDirectory() as out:
            p = ldrt.Patient("S-1")
            st = ldrt.study.Study("T-1", [p])
            st.write_sdtm(out)
            with open(os.path.join(out, "dm.csv"), newline="") as f:
                rows = list(csv.DictReader(f))
            self.assertEqual(rows, [{"STUDYID": "T-1", "DOMAIN": "DM", "USUBJID": "S-1",
                                     "SEX": "", "BRTHDTC": "", "RFXSTDTC": ""}])
            with self.assertRaises(ldrt.WrongState):
                ldrt.study.Study("T-1", [p, p])
            with self.assertRaises(TypeError):
                ldrt.study.Study("T-1", ["S-1"])  # type: ignore[list-item]


if __name__ == "__main__":
    unittest.main()
