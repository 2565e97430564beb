"""Tests of the patient record binding: building a record through every
property and method, timeline queries (values by hand calculation, written
next to each assertion), and misuse: wrong types, closed patients, removed or
regenerated items, items of another patient, finalisation in any order."""

import gc
import math
import os
import subprocess
import sys
import unittest

import ldrt
from ldrt import EventKind


def seed_like():
    """A small record shaped like the seed case (Fong 2025)."""
    p = ldrt.Patient("P1")
    p.sex = "male"
    p.birth_date = "1958"
    p.add_diagnosis("2021-02", "melanoma", site="left big toe", stage="III",
                    markers={"BRAF": "negative"})
    p.add_lesion("T1", site="mesentery", organ="peritoneum", nodal=False, category="target")
    p.add_lesion("NT1", site="peritoneum", category=ldrt.Category.NON_TARGET)
    p.add_lesion("N1", site="left pelvic lymph node", nodal=True, category="target")
    return p


class TestRecord(unittest.TestCase):
    def test_patient_fields(self):
        with seed_like() as p:
            self.assertEqual(p.id, "P1")
            p.id = "P2"
            self.assertEqual(p.id, "P2")
            self.assertEqual(p.sex, "male")
            p.sex = None
            self.assertIsNone(p.sex)
            self.assertEqual(p.birth_date, "1958")
            self.assertEqual(p.birth_date.precision, ldrt.dates.YEAR)
            p.birth_date = None
            self.assertIsNone(p.birth_date)
            self.assertIn("P2", repr(p))
        self.assertTrue(p.closed)
        self.assertIn("closed", repr(p))

    def test_diagnoses(self):
        p = seed_like()
        (d,) = p.diagnoses
        self.assertEqual((str(d.date), d.condition, d.site, d.stage),
                         ("2021-02", "melanoma", "left big toe", "III"))
        self.assertEqual(d.markers, {"BRAF": "negative"})
        d.set_marker("NRAS", "wild-type")
        d.set_marker("BRAF", None)  # removes it
        self.assertEqual(d.markers, {"NRAS": "wild-type"})
        d.stage = None
        self.assertIsNone(d.stage)
        self.assertIs(p.diagnoses[0], d)  # one view per item
        p.remove_diagnosis(d)
        self.assertEqual(p.diagnoses, [])
        with self.assertRaises(ldrt.ClosedError):
            d.condition
        # A refused field removes the half-built diagnosis again.
        with self.assertRaises(TypeError):
            p.add_diagnosis("2021-02", "melanoma", markers=[("BRAF", "x")])
        with self.assertRaises(ldrt.InvalidArgument):
            p.add_diagnosis("2021-02", "")
        self.assertEqual(p.diagnoses, [])

    def test_lesions(self):
        p = seed_like()
        self.assertEqual([l.id for l in p.lesions], ["T1", "NT1", "N1"])
        t1 = p.lesion("T1")
        self.assertIs(t1, p.lesions[0])
        self.assertEqual((t1.site, t1.organ, t1.nodal, t1.category),
                         ("mesentery", "peritoneum", False, "target"))
        self.assertIs(t1.category, ldrt.Category.TARGET)
        self.assertTrue(p.lesion("N1").nodal)
        self.assertIsNone(p.lesion("NT1").nodal)
        t1.category = None
        self.assertIsNone(t1.category)
        t1.nodal = None
        self.assertIsNone(t1.nodal)
        with self.assertRaises(ldrt.NotFound):
            p.lesion("T9")
        with self.assertRaises(ldrt.InvalidArgument) as cm:
            p.add_lesion("T1")  # duplicate
        self.assertIn("T1", str(cm.exception))
        with self.assertRaises(ldrt.NotFound):
            p.add_lesion("X", category="metastasis")  # unknown category: nothing added
        self.assertEqual(len(p.lesions), 3)
        x = p.add_lesion("X")
        p.remove_lesion(x)
        with self.assertRaises(ldrt.ClosedError):
            x.id
        self.assertIn("closed", repr(x))

    def test_systemic_series(self):
        p = seed_like()
        # Pembrolizumab 200 mg every 21 days x 4 from 2022-01-03.
        s = p.add_event("systemic", "2022-01-03", regimen="pembrolizumab q3w", cycle=5,
                        agents=[("pembrolizumab", 200, "mg")])
        self.assertIsInstance(s, ldrt.SystemicEvent)
        self.assertIs(s.kind, EventKind.SYSTEMIC)
        self.assertEqual(s.kind, "systemic")
        s.set_repeat(21, 4)
        self.assertEqual(s.repeat, (21, 4))
        admins = s.administrations
        # Hand: 2022-01-03 + 21 = 01-24, + 21 = 02-14, + 21 = 03-07.
        self.assertEqual([str(a.date) for a in admins],
                         ["2022-01-03", "2022-01-24", "2022-02-14", "2022-03-07"])
        self.assertTrue(admins[1].is_expanded)
        self.assertIs(admins[1].parent, s)
        self.assertEqual(admins[2].cycle, 7)  # first cycle 5 + index 2
        self.assertEqual(s.agents, [ldrt.Agent("pembrolizumab", 200.0, "mg")])
        self.assertTrue(admins[3].gives("pembrolizumab"))
        self.assertFalse(s.gives("nivolumab"))
        self.assertEqual(tuple(p.drug_summary("pembrolizumab")),
                         ("2022-01-03", "2022-03-07", 4))
        self.assertEqual(p.drug_cumulative_dose("pembrolizumab"), (800.0, "mg"))
        # Hand: 2022-01-03 to 2022-03-07 = 28 + 28 + 7 = 63 days.
        self.assertEqual(p.drug_exposure_days("pembrolizumab"), (63, 63))
        self.assertEqual(len(p.drug_administrations("pembrolizumab")), 4)
        self.assertEqual(p.drug_gaps("pembrolizumab", 21), [])
        self.assertEqual(p.drug_gaps("pembrolizumab", 20), admins[:3])
        # Changing the repeat regenerates the administrations: old views are closed.
        s.repeat = (21, 2)
        with self.assertRaises(ldrt.ClosedError):
            admins[3].date
        self.assertEqual(len(s.administrations), 2)
        s.repeat = None
        self.assertIsNone(s.repeat)
        self.assertEqual(s.administrations, [s])
        s.add_agent("ipilimumab")  # no dose recorded
        self.assertEqual(tuple(s.agents[1]), ("ipilimumab", None, None))
        with self.assertRaises(ldrt.NotFound):  # an administration without a dose
            p.drug_cumulative_dose("ipilimumab")
        with self.assertRaises(ldrt.NotFound):
            p.drug_summary("nivolumab")

    def test_generated_administration_is_read_only(self):
        p = seed_like()
        s = p.add_event("systemic", "2022-01-03")
        s.set_repeat(7, 3)
        admin = s.administrations[1]
        with self.assertRaises(ldrt.WrongState):
            p.remove_event(admin)
        with self.assertRaises(ldrt.WrongState):
            admin.date = "2022-02-01"
        self.assertEqual(str(admin.date), "2022-01-10")  # unchanged

    def test_moving_a_series_regenerates_it(self):
        p = seed_like()
        s = p.add_event("systemic", "2022-01-03")
        s.set_repeat(7, 2)
        old = s.administrations[1]
        s.date = "2022-02-07"
        with self.assertRaises(ldrt.ClosedError):
            old.date
        self.assertEqual(str(s.administrations[1].date), "2022-02-14")

    def test_holds_and_toxicity(self):
        p = seed_like()
        h = p.add_event("hold", "2022-06-13", hold_kind="holiday", reason="rash",
                        drugs=["pembrolizumab"])
        self.assertIsInstance(h, ldrt.HoldEvent)
        self.assertIs(h.hold_kind, ldrt.HoldKind.HOLIDAY)
        self.assertEqual(h.drugs, ["pembrolizumab"])
        p.add_event("hold", "2023-01", hold_kind="discontinued")  # holds every drug
        self.assertEqual(len(p.drug_holds("pembrolizumab")), 2)
        self.assertEqual(len(p.drug_holds("nivolumab")), 1)
        t = p.add_event("toxicity", "2023-07", term="Diarrhea", grade=2,
                        attribution="radiotherapy", resolved="2023-08")
        self.assertIsInstance(t, ldrt.ToxicityEvent)
        self.assertEqual((t.term, t.grade, t.attribution, str(t.resolved)),
                         ("Diarrhea", 2, "radiotherapy", "2023-08"))
        with self.assertRaises(ldrt.InvalidArgument):
            t.grade = 6
        self.assertEqual(t.grade, 2)
        with self.assertRaises(ldrt.InvalidArgument):
            t.resolved = "2023-06"  # before the onset
        t.grade = None
        self.assertIsNone(t.grade)

    def test_toxicity_during(self):
        # A toxicity of "2023-07" during a course of 2023-07-21 to 2023-07-26 is
        # placed on max(07-01, 07-21) = 07-21 to min(07-31, 07-26) = 07-26.
        p = seed_like()
        t = p.add_event("toxicity", "2023-07", term="Diarrhea", grade=2)
        self.assertIsNone(t.during)
        self.assertIsNone(t.during_event)
        self.assertEqual(tuple(str(d) for d in t.placed_span), ("2023-07-01", "2023-07-31"))
        t.during = "LXRT-2023"  # not yet recorded: refused when placing
        with self.assertRaises(ldrt.NotFound):
            t.placed_span
        c = p.add_event("radiotherapy", "2023-07-21", end="2023-07-26", course_id="LXRT-2023")
        self.assertEqual(t.during, "LXRT-2023")
        self.assertEqual(t.during_event, c)
        self.assertEqual(tuple(str(d) for d in t.placed_span), ("2023-07-21", "2023-07-26"))
        late = p.add_event("toxicity", "2023-08", term="Nausea", during="LXRT-2023")
        with self.assertRaises(ldrt.OutOfRange):
            late.placed_span
        with self.assertRaises(AttributeError):
            c.during = "x"  # a member of toxicities only
        t.during = None
        self.assertIsNone(t.during)

    def test_radiotherapy_prescription(self):
        p = seed_like()
        # L-XRT: 10 Gy in 5 daily fractions from Friday 2023-07-21.
        c = p.add_event("radiotherapy", "2023-07-21", course_id="LXRT", technique="IMRT",
                        targets=["T1"], margin_mm=20)
        self.assertIsInstance(c, ldrt.RadiotherapyCourse)
        c.set_prescription(10.0, 5, "daily")
        self.assertEqual(tuple(c.prescription), (10.0, 5, "daily"))
        self.assertEqual(c.total_dose_gy, 10.0)
        self.assertEqual(c.dose_per_fraction_gy, (2.0, True))
        self.assertEqual([str(f.date) for f in c.fractions],
                         ["2023-07-21", "2023-07-22", "2023-07-23", "2023-07-24", "2023-07-25"])
        self.assertEqual(c.overall_days, (4, 4))
        f = c.fractions[4]
        self.assertEqual((f.index, f.dose_gy, f.is_expanded), (4, 2.0, True))
        self.assertIs(f.course, c)
        # Weekdays: Fri 21, Mon 24, Tue 25, Wed 26, Thu 27 -> overall 6 days.
        c.prescription = (10.0, 5, ldrt.Schedule.WEEKDAYS)
        with self.assertRaises(ldrt.ClosedError):
            f.dose_gy  # regenerated
        self.assertEqual(c.fraction_dates, ("2023-07-21", "2023-07-27"))
        self.assertEqual(c.overall_days, (6, 6))
        self.assertTrue(c.targets_lesion("T1"))
        self.assertFalse(c.targets_lesion(p.lesion("N1")))
        self.assertEqual(c.targets, [p.lesion("T1")])
        self.assertEqual(c.margin_mm, 20.0)
        self.assertEqual(len(p.lesion_fractions("T1")), 5)
        self.assertEqual(len(p.lesion("T1").fractions), 5)
        with self.assertRaises(ldrt.WrongState):
            c.add_fraction("2023-07-28", 2.0)  # prescribed courses list no fractions
        with self.assertRaises(ldrt.InvalidArgument):
            c.set_prescription(-1, 5)
        with self.assertRaises(ldrt.NotFound):
            c.set_prescription(10.0, 5, "sometimes")
        self.assertEqual(c.prescription.schedule, "weekdays")  # unchanged

    def test_radiotherapy_listed_fractions(self):
        p = seed_like()
        c = p.add_event("radiotherapy", "2022-05", course_id="SBRT", targets=["N1"])
        fr = [c.add_fraction("2022-05", 8.0) for _ in range(5)]
        self.assertEqual(c.total_dose_gy, 40.0)
        self.assertFalse(fr[0].is_expanded)
        self.assertEqual(fr[0].span, ("2022-05-01", "2022-05-31"))
        self.assertIsNone(c.prescription)
        with self.assertRaises(ldrt.InvalidArgument):
            c.add_fraction("2022-05", 0.0)
        with self.assertRaises(ldrt.InvalidArgument):
            c.add_fraction("2022-04", 8.0)  # before the course
        self.assertEqual(len(c.fractions), 5)
        self.assertIs(p.find_course("SBRT"), c)
        # Removing the course closes its fractions.
        p.remove_event(c)
        for f in fr:
            with self.assertRaises(ldrt.ClosedError):
                f.date
        with self.assertRaises(ldrt.ClosedError):
            c.course_id

    def test_imaging(self):
        p = seed_like()
        s = p.add_event("imaging", "2023-07", modality="PET/CT", baseline=True)
        s.add_measurement("T1", 22.0)
        s.add_measurement(p.lesion("N1"), None)
        s.set_non_target("NT1", "present")
        s.add_sul_peak("T1", 6.5)
        s.liver_sul_mean = 2.0
        self.assertIsNone(s.blood_pool_sul)
        s.blood_pool_sul = 1.7
        self.assertEqual(s.blood_pool_sul, 1.7)
        s.add_new_lesion("new1", "liver", 12.0)
        s.recorded_response = ("recist1.1", "PD")
        self.assertIsInstance(s, ldrt.ImagingEvent)
        self.assertTrue(s.baseline)
        m = s.measurements
        self.assertEqual(tuple(m[0]), (p.lesion("T1"), ldrt.MeasurementState.MEASURED, 22.0))
        self.assertEqual(m[1].state, "not-evaluated")
        self.assertIsNone(m[1].diameter_mm)
        self.assertEqual(s.measurement("T1").diameter_mm, 22.0)
        self.assertIsNone(s.measurement("NT1"))
        self.assertEqual(s.non_targets, [(p.lesion("NT1"), ldrt.NonTargetState.PRESENT)])
        self.assertEqual(s.sul_peaks, [(p.lesion("T1"), 6.5)])
        self.assertEqual(s.liver_sul_mean, 2.0)
        self.assertEqual(s.new_lesions, [ldrt.NewLesion("new1", "liver", 12.0)])
        self.assertTrue(s.new_lesions_reported)
        self.assertEqual(s.recorded_response, ("recist1.1", "PD"))
        s.recorded_response = None
        self.assertIsNone(s.recorded_response)
        self.assertEqual(p.lesion_scans("T1"), [s])
        self.assertEqual(p.lesion("NT1").scans, [s])
        with self.assertRaises(ldrt.InvalidArgument):
            s.add_measurement("T1", 20.0)  # already measured on this scan
        with self.assertRaises(ldrt.NotFound):
            s.add_measurement("T9", 20.0)
        with self.assertRaises(ldrt.InvalidArgument):
            s.add_measurement("NT1", -1.0)
        with self.assertRaises(ldrt.WrongState):
            s.new_lesions_reported = False  # it has entries
        s2 = p.add_event("imaging", "2023-09")
        s2.add_measurement("T1", 0, too_small=True)
        self.assertEqual(s2.measurements[0].state, ldrt.MeasurementState.TOO_SMALL)
        self.assertFalse(s2.new_lesions_reported)
        s2.new_lesions_reported = True
        self.assertEqual(s2.new_lesions, [])
        self.assertIsNone(s2.baseline)

    def test_surgery_disease_note(self):
        p = seed_like()
        s = p.add_event("surgery", "2023-04-13", procedure="small bowel excision",
                        removed_lesions=["T1"], pathology="melanoma")
        self.assertEqual(s.removed_lesions, [p.lesion("T1")])
        with self.assertRaises(ldrt.WrongState) as cm:
            p.remove_lesion(p.lesion("T1"))  # the surgery still names it
        self.assertIn("T1", str(cm.exception))
        d = p.add_event(EventKind.RECURRENCE, "2023-03", site="small bowel", detail="mass",
                        id="rec-2023", note="during the holiday")
        self.assertIsInstance(d, ldrt.DiseaseEvent)
        self.assertEqual((d.site, d.detail, d.id, d.note),
                         ("small bowel", "mass", "rec-2023", "during the holiday"))
        self.assertIs(p.find_event("rec-2023"), d)
        n = p.add_event("note", "2021-01", note="presentation")
        self.assertIsInstance(n, ldrt.NoteEvent)
        d.end = "2023-05"
        self.assertEqual(d.end, "2023-05")
        d.end = None
        self.assertIsNone(d.end)
        self.assertEqual(d.span, ("2023-03-01", "2023-03-31"))

    def test_timeline(self):
        p = seed_like()
        a = p.add_event("imaging", "2023-09")
        b = p.add_event("note", "2021-01")
        c = p.add_event("systemic", "2022-01-03")
        c.set_repeat(21, 3)
        d = p.add_event("imaging", "2023-07")
        self.assertEqual(p.events, [b, c, d, a])  # time order
        self.assertEqual(p.timeline(kinds="imaging"), [d, a])
        self.assertEqual(p.timeline(kinds=["note", EventKind.IMAGING]), [b, d, a])
        self.assertEqual(p.timeline(start="2023-08", end="2024"), [a])
        # Views made from a query's array stay valid after the array is freed (each
        # handle is copied out of it): dates of administrations never viewed before.
        self.assertEqual([str(e.date) for e in p.timeline(kinds="systemic", expand=True)],
                         ["2022-01-03", "2022-01-24", "2022-02-14"])
        self.assertEqual(p.timeline(kinds="systemic"), [c])
        with self.assertRaises(ldrt.NotFound):
            p.timeline(kinds="scan")
        with self.assertRaises(TypeError):
            p.timeline(kinds=[7])

    def test_add_event_is_all_or_nothing(self):
        p = seed_like()
        with self.assertRaises(TypeError) as cm:
            p.add_event("note", "2021-01", grade=2)  # not a property of a note
        self.assertIn("grade", str(cm.exception))
        with self.assertRaises(ldrt.InvalidArgument):
            p.add_event("toxicity", "2021-01", term="rash", grade=9)
        with self.assertRaises(ldrt.NotFound):
            p.add_event("radiotherapy", "2021-01", targets=["T1", "T9"])
        self.assertEqual(p.events, [])
        with self.assertRaises(ldrt.NotFound):
            p.add_event("scan", "2021-01")
        with self.assertRaises(ldrt.ParseError):
            p.add_event("note", "2021-02-30")


class TestMisuse(unittest.TestCase):
    def test_wrong_types(self):
        p = seed_like()
        for bad in (None, 3, b"P", ["P"]):
            with self.assertRaises(TypeError):
                ldrt.Patient(bad)
        with self.assertRaises(TypeError):
            p.sex = 1
        with self.assertRaises(TypeError):
            p.birth_date = 1958.0
        with self.assertRaises(TypeError):
            p.add_lesion("X", nodal="yes")
        with self.assertRaises(TypeError):
            p.add_event(6, "2023-07-21")
        s = p.add_event("imaging", "2023-07")
        with self.assertRaises(TypeError):
            s.add_measurement("T1", "22")
        with self.assertRaises(TypeError):
            s.add_measurement(3, 22.0)
        with self.assertRaises(TypeError):
            s.baseline = "yes"
        with self.assertRaises(TypeError):
            p.remove_event(p.lesion("T1"))  # a lesion is not an event
        with self.assertRaises(TypeError):
            p.remove_lesion("T1")
        with self.assertRaises(TypeError):
            p.lesion_fractions(s)
        with self.assertRaises(TypeError):
            p.drug_gaps("x", 1.5)
        # A raw handle of another type never reaches the library.
        import ctypes
        from ldrt import _prototypes as P
        lib = ldrt.load()
        with self.assertRaises(ctypes.ArgumentError):
            lib.ldrt_event_type(p.lesion("T1")._ptr)
        with self.assertRaises(ctypes.ArgumentError):
            lib.ldrt_patient_event_count(ctypes.c_void_p(0))
        with self.assertRaises(ctypes.ArgumentError):
            lib.ldrt_patient_free(12345)
        self.assertIsInstance(P.EventP(), ctypes._Pointer)

    def test_items_of_another_patient(self):
        p, q = seed_like(), seed_like()
        with self.assertRaises(ValueError) as cm:
            p.remove_lesion(q.lesion("T1"))
        self.assertIn("another patient", str(cm.exception))
        e = q.add_event("note", "2021-01")
        with self.assertRaises(ValueError):
            p.remove_event(e)
        c = p.add_event("radiotherapy", "2023-07-21")
        with self.assertRaises(ValueError):
            c.targets_lesion(q.lesion("T1"))
        with self.assertRaises(ValueError):
            p.lesion_scans(q.lesion("T1"))
        # By id a lesion is looked up in this patient.
        c.add_target("T1")
        self.assertTrue(c.targets_lesion("T1"))

    def test_use_after_close(self):
        p = seed_like()
        t1 = p.lesion("T1")
        d = p.diagnoses[0]
        c = p.add_event("radiotherapy", "2023-07-21")
        c.set_prescription(10, 5)
        f = c.fractions[0]
        p.close()
        for thunk in (lambda: p.id, lambda: p.events, lambda: p.add_lesion("X"),
                      lambda: t1.id, lambda: d.condition, lambda: c.total_dose_gy,
                      lambda: f.dose_gy, lambda: c.patient, lambda: p.dumps(),
                      lambda: p.timeline()):
            with self.assertRaises(ldrt.ClosedError):
                thunk()
        p.close()  # twice is fine
        with self.assertRaises(ldrt.ClosedError):
            with p:
                pass
        self.assertIn("closed", repr(f))

    def test_children_keep_the_patient_alive(self):
        p = seed_like()
        lesion = p.lesion("T1")
        course = p.add_event("radiotherapy", "2023-07-21", targets=["T1"])
        course.set_prescription(10, 5)
        fraction = course.fractions[2]
        del p, course
        gc.collect()
        self.assertEqual(lesion.id, "T1")
        self.assertEqual(fraction.dose_gy, 2.0)
        self.assertEqual(str(fraction.date), "2023-07-23")
        self.assertEqual(fraction.course.patient.id, "P1")

    def test_finalizers_run(self):
        p = seed_like()
        finalizer = p._finalizer
        lesion = p.lesion("T1")
        del p
        gc.collect()
        self.assertTrue(finalizer.alive)  # the lesion keeps its patient alive
        del lesion
        gc.collect()
        self.assertFalse(finalizer.alive)
        q = seed_like()
        q.close()
        self.assertFalse(q._finalizer.alive)

    def test_finalisation_in_any_order(self):
        # In a child interpreter: views and patients dropped in every order, then
        # interpreter exit with live objects (finalizers at exit); no crash.
        code = """
import gc, ldrt
def build():
    p = ldrt.Patient("P")
    p.add_lesion("T1", category="target")
    c = p.add_event("radiotherapy", "2023-07-21", targets=["T1"])
    c.set_prescription(10, 5)
    s = p.add_event("systemic", "2023-01-02"); s.set_repeat(21, 5)
    return p, p.lesion("T1"), c, c.fractions[1], s.administrations[3]
p, l, c, f, a = build(); del p; gc.collect(); del f, a; gc.collect(); del l, c; gc.collect()
p, l, c, f, a = build(); del l, c, f, a; gc.collect(); del p; gc.collect()
p, l, c, f, a = build(); p.close(); del f; gc.collect(); del p, l, c, a; gc.collect()
p, l, c, f, a = build(); cyc = [p, l, c, f, a]; cyc.append(cyc); del p, l, c, f, a, cyc; gc.collect()
keep = [build() for _ in range(3)]
print("ok")
"""
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env=dict(os.environ))
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.strip(), "ok")

    def test_library_and_binding_agree(self):
        import ctypes
        from ldrt import patient as P
        lib = ldrt.load()
        # The text fields, by the library's own names.
        for name, code in P._FIELDS.items():
            self.assertEqual(lib.ldrt_event_field_name(code).decode(), name)
        p = seed_like()
        e = p.add_event("note", "2021-01", id="n1")
        self.assertEqual(ctypes.cast(lib.ldrt_event_patient(e._ptr), ctypes.c_void_p).value,
                         ctypes.cast(p._handle, ctypes.c_void_p).value)
        self.assertEqual(lib.ldrt_event_id(e._ptr).decode(), e.id)
        # The status of the last failure, and clearing it.
        with self.assertRaises(ldrt.InvalidArgument):
            p.add_lesion("")
        self.assertEqual(lib.ldrt_last_error_code(), ldrt.errors.EINVAL)
        lib.ldrt_clear_error()
        self.assertEqual(lib.ldrt_last_error_code(), 0)

    def test_errors_name_the_argument(self):
        p = seed_like()
        c = p.add_event("radiotherapy", "2023-07-21")
        with self.assertRaises(ldrt.InvalidArgument) as cm:
            c.margin_mm = -1
        self.assertIn("margin_mm", str(cm.exception))
        with self.assertRaises(ldrt.InvalidArgument) as cm:
            c.add_fraction("2023-07-21", math.inf)
        self.assertIn("dose_gy", str(cm.exception))
        self.assertEqual(cm.exception.code, ldrt.errors.EINVAL)


if __name__ == "__main__":
    unittest.main()


class TestDateRules(unittest.TestCase):
    def test_relation_and_ordering(self):
        d = ldrt.Date
        self.assertEqual(d("2023-07").relation("2023-07-21"), "overlaps")
        self.assertEqual(d("2023-06").relation("2023-07-21"), "before")
        self.assertEqual(d("2024").relation("2023-07"), "after")
        # Python's ordering agrees with the library's rule on every pair of a mixed set.
        dates = [d(s) for s in ["2023", "2023-01", "2023-01-01", "2023-01-31", "2023-02",
                                "2022-12-31", "2024", "2023-12", "2023-12-31"]]
        for a in dates:
            for b in dates:
                want = a.compare(b)
                self.assertEqual((a < b, a == b, a > b), (want < 0, want == 0, want > 0),
                                 (str(a), str(b)))


class TestCopies(unittest.TestCase):
    def test_copies_never_share_the_record(self):
        import copy
        import pickle
        p = seed_like()
        p.add_event("radiotherapy", "2023-07-21", course_id="C1").set_prescription(10, 5)
        for q in (copy.copy(p), copy.deepcopy(p), pickle.loads(pickle.dumps(p))):
            self.assertIsNot(q, p)
            self.assertEqual(q.dumps(), p.dumps())
            q.lesion("T1").site = "elsewhere"
            self.assertEqual(p.lesion("T1").site, "mesentery")
            q.close()
        lesion = p.lesion("T1")
        self.assertIs(copy.copy(lesion), lesion)
        with self.assertRaises(TypeError):
            copy.deepcopy(lesion)
        with self.assertRaises(TypeError):
            pickle.dumps(p.events[0])
        p.close()
        with self.assertRaises(ldrt.ClosedError):
            copy.deepcopy(p)


class TestPerPatientDose(unittest.TestCase):
    def record(self):
        p = seed_like()
        # SBRT 40 Gy/5 daily to N1 from Monday 2023-07-03 (last fraction 07-07), then
        # L-XRT 10 Gy/5 daily to T1 from 2023-07-21 (last fraction 07-25).
        sbrt = p.add_event("radiotherapy", "2023-07-03", course_id="SBRT", targets=["N1"])
        sbrt.set_prescription(40, 5, "daily")
        lxrt = p.add_event("radiotherapy", "2023-07-21", course_id="LXRT", targets=["T1"])
        lxrt.set_prescription(10, 5, "daily")
        pem = p.add_event("systemic", "2023-07-10", agents=[("pembrolizumab", 200, "mg")])
        self.assertTrue(pem.gives("pembrolizumab"))
        return p, sbrt, lxrt

    def test_course_dose(self):
        p, sbrt, lxrt = self.record()
        # Hand: L-XRT BED(10) = 10 (1 + 2/10) = 12, EQD2 10; BED(0.6) = 10 (1 + 2/0.6).
        self.assertEqual(tuple(lxrt.dose(10)), (10.0, 12.0, 10.0))
        self.assertAlmostEqual(lxrt.dose("melanoma").bed_gy, 10 * (1 + 2 / 0.6), places=12)
        # Hand: SBRT at a/b 3: BED 40 (1 + 8/3) = 146.667, EQD2 = 146.667 / (1 + 2/3) = 88.
        total, bed, eqd2 = sbrt.dose(dose_tissue("late"))
        self.assertAlmostEqual(bed, 40 * (1 + 8 / 3), places=9)
        self.assertAlmostEqual(eqd2, 88, places=9)
        self.assertEqual(sbrt.regimen.name, "sbrt")
        self.assertEqual(lxrt.regimen.name, "low-dose")
        self.assertIn("lxrt-seed", lxrt.regimen.rules)
        # 2 Gy fractions also match the conventional band: listed apart, not as a reason.
        self.assertNotIn("conventional", lxrt.regimen.rules)
        self.assertEqual(lxrt.regimen.also_matches, ["conventional"])
        # T = 4 days <= Tk 28: no correction, BED 72 at a/b 10.
        self.assertEqual(sbrt.bed_repop(10, 28, 0.35, 3), (72.0, 72.0))
        with self.assertRaises(ldrt.InvalidArgument):
            sbrt.dose(0)
        with self.assertRaises(ldrt.NotFound):
            sbrt.dose("unicorn")
        empty = p.add_event("radiotherapy", "2023-08-01")
        with self.assertRaises(ldrt.NotFound):
            empty.dose(10)

    def test_repopulation_from_the_dates(self):
        p = seed_like()
        c = p.add_event("radiotherapy", "2023-01-02", targets=["T1"])
        c.set_prescription(60, 30, "daily")  # 2023-01-02 to 2023-01-31: T = 29 days
        lo, hi = c.bed_repop(10, 21, 0.35, 3)
        # Hand: 72 - ln2 (29 - 21) / (0.35 x 3) = 66.7189...
        want = 72 - math.log(2) * 8 / 1.05
        self.assertAlmostEqual(lo, want, places=9)
        self.assertAlmostEqual(hi, want, places=9)

    def test_lesion_dose_with_recovery(self):
        p = seed_like()
        a = p.add_event("radiotherapy", "2022-01-03", targets=["T1"])
        a.set_prescription(40, 5, "daily")  # last fraction 2022-01-07
        b = p.add_event("radiotherapy", "2023-03-01", targets=["T1"])
        b.set_prescription(10, 5, "daily")
        # 2022-01-07 to 2023-03-01 = 418 days >= 12 months: the first course counts 0.5.
        t1 = p.lesion("T1")
        self.assertEqual(tuple(t1.dose(10)), (50.0, 84.0, 70.0, 2))  # BED 72 + 12, EQD2 60 + 10
        self.assertEqual(tuple(t1.dose(10, recovery=True)), (50.0, 48.0, 40.0, 2))  # 36 + 12, 30 + 10
        self.assertEqual(tuple(p.lesion("NT1").dose(10)), (0.0, 0.0, 0.0, 0))

    def test_radscopal_and_drug_timing(self):
        p, sbrt, lxrt = self.record()
        # The gap from the SBRT's last fraction (07-07) to the L-XRT's first (07-21): 14 days.
        self.assertEqual(p.radscopal(14), [(sbrt, lxrt)])
        self.assertEqual(p.radscopal(13), [])
        with self.assertRaises(ldrt.InvalidArgument):
            p.radscopal(-1)
        # Pembrolizumab on 07-10: 11 days before the L-XRT's first fraction.
        t = lxrt.drug_timing("pembrolizumab")
        self.assertEqual(tuple(t), ("concurrent", 11, None))
        timing, since, until = t                     # a record unpacks like the tuple it was
        self.assertEqual((timing, since, until), (t.timing, t.days_since_previous,
                                                  t.days_until_next))
        self.assertEqual(t, ldrt.DrugTiming("concurrent", 11, None))
        with self.assertRaises(AttributeError):
            t.timing = "after"  # type: ignore[misc]  # frozen
        self.assertEqual(lxrt.drug_timing("pembrolizumab", window_days=5).timing, "before")
        self.assertEqual(lxrt.drug_timing("nivolumab").timing, "not-given")
        self.assertEqual(tuple(sbrt.drug_timing("pembrolizumab")), ("concurrent", None, 3))  # 07-07 -> 07-10
        # The same with both bounds: exact dates give equal bounds, and a sure timing.
        r = lxrt.drug_timing_range("pembrolizumab")
        self.assertEqual(r, ldrt.DrugTimingRange("concurrent", 11, 11, True))
        self.assertEqual(tuple(r), ("concurrent", 11, 11, True))
        with self.assertRaises(AttributeError):
            r.certain = False  # type: ignore[misc]  # frozen
        self.assertEqual(tuple(lxrt.drug_timing_range("pembrolizumab", window_days=5)),
                         ("before", 11, 11, True))
        self.assertEqual(tuple(sbrt.drug_timing_range("pembrolizumab")), ("concurrent", 3, 3, True))
        self.assertEqual(tuple(lxrt.drug_timing_range("nivolumab")),
                         ("not-given", None, None, True))
        with self.assertRaises(ldrt.InvalidArgument):
            lxrt.drug_timing_range("pembrolizumab", window_days=-1)
        with self.assertRaises(TypeError):
            lxrt.drug_timing_range(None)  # type: ignore[arg-type]
        self.assertTrue(ldrt.dose.is_checkpoint_inhibitor("Nivolumab"))
        self.assertFalse(ldrt.dose.is_checkpoint_inhibitor("dexamethasone"))
        with self.assertRaises(TypeError):
            ldrt.dose.is_checkpoint_inhibitor(None)

    def test_course_response_and_abscopal(self):
        p, sbrt, lxrt = self.record()
        before = p.add_event("imaging", "2023-07-12", baseline=True)
        before.add_measurement("T1", 22.0)
        before.add_measurement("N1", 20.0)
        after = p.add_event("imaging", "2023-09-20")
        after.add_measurement("T1", 14.0)
        after.add_measurement("N1", 12.0)
        res = {r.lesion.id: r for r in lxrt.response()}
        # T1 in field: 22 -> 14 = -36.4%; N1 out of field of the L-XRT: 20 -> 12 = -40%:
        # an abscopal response 57 days after the last fraction (07-25 -> 09-20).
        self.assertTrue(res["T1"].in_field)
        self.assertAlmostEqual(res["T1"].best_change_pct, (14 / 22 - 1) * 100, places=9)
        n1 = res["N1"]
        self.assertEqual((n1.in_field, n1.before_mm, n1.best_mm, n1.responded,
                          n1.days_to_response), (False, 20.0, 12.0, True, 57))
        self.assertEqual(n1.days_to_response_range, (57, 57))  # exact dates: equal bounds
        self.assertEqual(n1.scans, [(ldrt.Date("2023-09-20"), 12.0, -40.0)])
        self.assertEqual(lxrt.response().abscopal, 1)
        self.assertEqual(sbrt.response().abscopal, 0)  # for the SBRT, N1 is in field
        from ldrt import response as R
        with R.Options(abscopal_pct=50) as o:
            res = lxrt.response(o)
            self.assertFalse({r.lesion.id: r for r in res}["N1"].responded)
            self.assertEqual(res.abscopal, 0)


def dose_tissue(name):
    return ldrt.dose.tissue(name)
