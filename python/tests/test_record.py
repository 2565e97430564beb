"""Tests of the vital status, follow-up and coded terms through the binding.
Day counts are hand calculations from the baseline 2023-01-10: 2023-05-02 is
day 112, 2023-07-04 day 175, 2023-09-01 day 234."""

import unittest

import ldrt
import ldrt.code
from ldrt.code import Code

DOC = """{"ldrt": 1,
 "patient": {"id": "p", "death_date": "2023-09-01", "death_cause": "melanoma",
             "last_contact": "2023-02-01"},
 "lesions": [{"id": "T1", "organ": "liver", "nodal": false, "category": "target"}],
 "events": [
  {"type": "imaging", "date": "2023-01-10", "baseline": true,
   "measurements": [{"lesion": "T1", "diameter_mm": 30}]},
  {"type": "imaging", "date": "2023-03-07", "measurements": [{"lesion": "T1", "diameter_mm": 30}]},
  {"type": "imaging", "date": "2023-05-02", "measurements": [{"lesion": "T1", "diameter_mm": 30}]},
  {"type": "systemic", "date": "2023-06-01", "new_therapy": true,
   "agents": [{"drug": "cyclophosphamide",
               "code": {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "3002"}}]},
  {"type": "imaging", "date": "2023-07-04", "measurements": [{"lesion": "T1", "diameter_mm": 50}]}
 ]}"""


class TestVitalStatus(unittest.TestCase):
    def test_members_and_endpoints(self):
        with ldrt.Patient.loads(DOC) as p:
            self.assertEqual(str(p.death_date), "2023-09-01")
            self.assertEqual(p.death_cause, "melanoma")
            self.assertEqual(str(p.last_contact), "2023-02-01")
            # The last imaging shows the patient alive after the last contact.
            self.assertEqual(str(p.last_known_alive), "2023-07-04")
            self.assertTrue(p.events[3].new_therapy)
            self.assertFalse(p.events[0].new_therapy)
            a = p.assess("recist1.1")
            # PD on 2023-07-04 comes after the new therapy: censored at day 112.
            self.assertEqual((a.endpoint("progression_free").days, a.endpoint("progression_free").censor), (112, "new therapy"))
            self.assertEqual((a.endpoint("overall_survival").days, a.endpoint("overall_survival").censor), (234, "event"))
            self.assertTrue(a.endpoint_death("overall_survival"))
            self.assertEqual(a.endpoint_range("overall_survival"), (234, 234))
            # Without the flag the PD (day 175) is the event.
            p.events[3].new_therapy = False
            a = p.assess("recist1.1")
            self.assertEqual((a.endpoint("progression_free").days, a.endpoint("progression_free").censor), (175, "event"))
            self.assertFalse(a.endpoint_death("progression_free"))

    def test_errors_name_the_field(self):
        with ldrt.Patient.loads(DOC) as p:
            with self.assertRaisesRegex(ldrt.InvalidArgument, "death_date: 2023-06-10 is before"):
                p.death_date = "2023-06-10"
            with self.assertRaisesRegex(ldrt.InvalidArgument, "new_therapy: only a systemic"):
                p.events[0].new_therapy = True
            p.death_cause = None
            p.death_date = None
            self.assertIsNone(p.death_date)
            p.check_dates()

    def test_round_trip(self):
        with ldrt.Patient.loads(DOC) as p, ldrt.Patient.loads(p.dumps()) as q:
            self.assertEqual(p.dumps(), q.dumps())
            self.assertEqual(str(q.death_date), "2023-09-01")


class TestCodes(unittest.TestCase):
    def test_lookup_and_table(self):
        self.assertEqual(ldrt.code.lookup("photon"),
                         Code("http://snomed.info/sct", "1156506007",
                              "External beam radiation therapy using photons (procedure)"))
        self.assertIsNone(ldrt.code.lookup("SBRT"))
        self.assertIsNone(ldrt.code.lookup("photon", "http://www.nlm.nih.gov/research/umls/rxnorm"))
        for term, code, source in ldrt.code.table():
            ldrt.code.check(code.system, code.code)
            self.assertTrue(source)
        self.assertIn("http://loinc.org", ldrt.code.SYSTEMS)

    def test_check(self):
        ldrt.code.check("http://loinc.org", "21889-1")
        with self.assertRaisesRegex(ldrt.InvalidArgument, "LOINC mod-10 check digit"):
            ldrt.code.check("http://loinc.org", "21889-2")

    def test_codes_on_items(self):
        with ldrt.Patient.loads(DOC) as p:
            s = p.events[3]
            self.assertEqual(s.agent_code("cyclophosphamide").code, "3002")
            tox = p.add_event("toxicity", "2023-08-01")
            tox.code = ldrt.code.lookup("Diarrhea")
            self.assertEqual(tox.code.code, "C57788")
            with self.assertRaisesRegex(ldrt.InvalidArgument, "Verhoeff"):
                p.lesions[0].site_code = Code("http://snomed.info/sct", "372244007")
            d = p.add_diagnosis("2021-02", "melanoma")
            d.code = Code("http://hl7.org/fhir/sid/icd-10-cm", "C43.72")
            self.assertIn('"C43.72"', p.dumps())
            d.code = None
            self.assertIsNone(d.code)


if __name__ == "__main__":
    unittest.main()
