"""Tests of ldrt.response. Values: RECIST 1.1 (Eisenhauer et al., EJC 2009)
Table 3, the SITC resistance definitions (Kluger et al., JITC 2020) and the
seed case (Fong, Ho & So 2025), with the hand calculations written next to
each assertion, as in the C suite. numpy paths are skipped without numpy."""

import json
import math
import os
import unittest

import ldrt
from ldrt import response as R

try:
    import numpy as np
except ImportError:
    np = None

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "..", "..", "examples", "data", "case-fong-2025.json")
NAN = math.nan


class TestNames(unittest.TestCase):
    def test_labels(self):
        self.assertEqual(R.label_name(0), "")
        self.assertEqual(R.label_code("PR"), 2)
        self.assertEqual(R.label_name(R.label_code("NON-iCR/NON-iUPD")), "NON-iCR/NON-iUPD")
        self.assertEqual(R.label_code(None), 0)
        with self.assertRaises(ldrt.NotFound):
            R.label_code("pr")  # case-sensitive CDISC spelling
        with self.assertRaises(ValueError):
            R.label_name(99)
        self.assertEqual(R.criteria_code("percist1.0"), 3)

    def test_options(self):
        with R.Options(confirm_days=35, reference_date="2023-07-01") as o:
            self.assertEqual(o["confirm_days"], 35)
            self.assertEqual(o["sd_min_days"], 42)  # default
            self.assertEqual(str(o["reference_date"]), "2023-07-01")
            o["reference_date"] = None
            self.assertIsNone(o["reference_date"])
            self.assertEqual(list(o.as_dict())[:2], ["confirm_days", "sd_min_days"])
            with self.assertRaises(ldrt.InvalidArgument) as cm:
                o["percist_pmr_pct"] = 0
            self.assertIn("percist_pmr_pct", str(cm.exception))
            self.assertEqual(o["percist_pmr_pct"], 30)  # unchanged
            with self.assertRaises(KeyError):
                o["confirm_weeks"] = 4
            with self.assertRaises(TypeError):
                o["confirm_days"] = "28"
        with self.assertRaises(ldrt.ClosedError):
            o["confirm_days"]
        # The setting keys agree with the library's names.
        lib = ldrt.load()
        for name, code in R.SETTINGS.items():
            self.assertEqual(lib.ldrt_response_setting_name(code).decode(), name)


class TestTablesAndEnums(unittest.TestCase):
    """The settings and endpoint tables are read from the library's name
    functions; the enumerations agree with the library's names."""

    def test_settings_and_endpoints_come_from_the_library(self):
        # response.h: 17 settings (LDRT_SET_CONFIRM_DAYS = 1 ...
        # LDRT_SET_RESIST_OFF_TREATMENT_DAYS = 17) and 5 endpoints, numbered from 1.
        self.assertEqual(list(R.SETTINGS.values()), list(range(1, 18)))
        self.assertEqual(list(R.SETTINGS)[:4], ["confirm_days", "sd_min_days", "max_ne_between",
                                                "reference_date"])
        self.assertEqual(list(R.ENDPOINTS.items()), [
            ("time_to_response", 1), ("duration_of_response", 2), ("duration_of_sd", 3),
            ("progression_free", 4), ("overall_survival", 5)])
        lib = ldrt.load()
        self.assertIsNone(lib.ldrt_response_setting_name(18))   # the table ends where C's does
        self.assertIsNone(lib.ldrt_endpoint_name(6))
        self.assertEqual(R.settings(), R.SETTINGS)
        self.assertEqual(R.endpoints(), R.ENDPOINTS)
        with self.assertRaises(AttributeError):
            R.NO_SUCH_TABLE

    def test_labels_and_criteria_are_enums_named_by_the_library(self):
        spellings = [m.spelling for m in R.Label]
        self.assertEqual(spellings[:7], ["", "CR", "PR", "SD", "PD", "NE", "NON-CR/NON-PD"])
        self.assertEqual(spellings[-4:], ["CMR", "PMR", "SMD", "PMD"])
        for member in R.Label:
            self.assertIs(R.label_code(member.spelling or None), member)
        self.assertIs(R.label_code("iUPD"), R.Label.IUPD)
        self.assertEqual(R.label_name(R.Label.PR), "PR")
        with self.assertRaises(ValueError):
            R.label_name(len(R.Label))                      # one past the last label
        self.assertEqual([c.spelling for c in R.Criteria], ["recist1.1", "irecist", "percist1.0"])
        for c in R.Criteria:
            self.assertIs(R.criteria_code(c.spelling), c)

    def test_roles_and_states_are_enums(self):
        self.assertIs(R.TARGET, R.Role.TARGET)
        self.assertIs(R.NOT_EVALUATED, R.State.NOT_EVALUATED)
        self.assertEqual(R.Role.NEW | R.NODAL, 0x13)          # LDRT_ROLE_NEW | LDRT_ROLE_NODAL
        self.assertEqual([int(s) for s in R.State], list(range(7)))
        # The cohort engine takes the members as the C values they are.
        c = R.Cohort()
        c.add_patient("P1")
        c.add_scan("2023-07-01")
        c.add_row(0, R.Role.TARGET, R.State.PRESENT, 22.0)
        c.add_scan("2023-09-01")
        c.add_row(0, R.Role.TARGET, R.State.PRESENT, 14.0)    # -36%: PR
        self.assertEqual(c.classify()["overall"], [R.Label.NONE, R.Label.PR])


class TestAssessment(unittest.TestCase):
    def seed_rows(self):
        # The July 2023 PET/CT: the 22 mm mesenteric nodule is the baseline; September
        # 14 mm; December and April: gone.
        dates = ["2023-07", "2023-09", "2023-12", "2024-04"]
        return dates, [0, 1, 2, 3, 4], [0, 0, 0, 0], [R.TARGET] * 4, \
            [R.PRESENT, R.PRESENT, R.ABSENT, R.ABSENT], [22.0, 14.0, NAN, NAN]

    def test_seed_case(self):
        a = R.assess("recist1.1", *self.seed_rows())
        self.assertEqual(len(a), 4)
        self.assertEqual(a.criteria, "recist1.1")
        tp = a.timepoints
        # 14/22 - 1 = -36.36% -> PR.
        self.assertEqual(tp[1].overall, "PR")
        self.assertEqual(tp[1].reason, "sum -36.4% from baseline 22.0 mm")
        self.assertAlmostEqual(tp[1].change_from_baseline_pct, (14 / 22 - 1) * 100, places=9)
        self.assertEqual(str(tp[1].date), "2023-09")  # partial stays partial
        self.assertEqual([t.overall for t in tp], ["", "PR", "CR", "CR"])
        self.assertEqual(a.best(), "CR")
        self.assertEqual(a.best(confirmed=True), "CR")
        self.assertEqual(a.best_reason(True),
                         "CR on 2023-12 confirmed by CR on 2024-04 (>= 28 days later)")
        # Time to response: 2023-07-01 -> 2023-09-01 = 62 days.
        self.assertEqual(tuple(a.endpoint("time_to_response")), (62, "event"))
        # Duration of response: 2023-09-01 -> 2024-04-01 = 213 days, censored.
        self.assertEqual(tuple(a.endpoint("duration_of_response")), (213, "last assessment"))
        self.assertEqual(tuple(a.endpoint("duration_of_sd")), (None, "not applicable"))
        # The same as ranges: Sep 1 - Jul 31 = 32 to Sep 30 - Jul 1 = 91 days; Apr 1 2024 -
        # Sep 30 2023 = 184 to Apr 30 - Sep 1 = 242 days.
        self.assertEqual(a.endpoint_range("time_to_response"), (32, 91))
        self.assertEqual(a.endpoint_range("duration_of_response"), (184, 242))
        self.assertEqual(a.endpoint_range("duration_of_sd"), (None, None))
        # Built from arrays without a follow-up: overall survival does not apply.
        self.assertEqual(a.endpoint("overall_survival").censor, "not applicable")
        with self.assertRaises(ValueError):
            a.endpoint_range("event_free")
        self.assertEqual(a.settings["confirm_days"], 28)
        self.assertEqual(a.warnings, [])
        self.assertEqual(a.labels, ["", "PR", "CR", "CR"])
        self.assertEqual(list(a.endpoints), ["time_to_response", "duration_of_response",
                                             "duration_of_sd", "progression_free",
                                             "overall_survival"])
        self.assertEqual(tuple(a.endpoints["time_to_response"]), (62, "event"))
        self.assertEqual(a.timepoint(-1).overall, "CR")
        with self.assertRaises(IndexError):
            a.timepoint(4)
        with self.assertRaises(ValueError):
            a.endpoint("event_free_survival")
        a.close()
        with self.assertRaises(ldrt.ClosedError):
            a.best()
        self.assertIn("closed", repr(a))

    def test_options_close(self):
        # Options free their handle at the end of a with block, or on close()
        # (twice is fine); a closed one says so.
        with R.Options(confirm_days=35) as o:
            self.assertEqual(o["confirm_days"], 35)
        with self.assertRaisesRegex(ldrt.ClosedError, "the options are closed"):
            o["confirm_days"]
        o.close()

    def test_patient_assess(self):
        # The seed document: the same answers from the record itself.
        with ldrt.Patient.load(SEED) as p:
            rows = p.response_rows()
            self.assertEqual([str(d) for d in rows["dates"]],
                             ["2023-07", "2023-09", "2023-12", "2024-04"])
            a = p.assess()
            self.assertEqual([t.overall for t in a], ["", "PR", "CR", "CR"])
            self.assertEqual(a.timepoint(1).non_target, "NE")  # NT1 not evaluated in September
            self.assertEqual(a.best(True), "CR")
            self.assertEqual(p.assess("irecist").best(), "iCR")
            with self.assertRaises(ldrt.NotFound):
                p.assess("percist1.0")  # the document records no SULpeak nor PERCIST response
            with self.assertRaises(ldrt.NotFound):
                p.assess("who")
            # The same rows through the cohort engine give the same answers.
            c = R.Cohort()
            c.add_patient()
            for t, date in enumerate(rows["dates"]):
                c.add_scan(date)
                for r in range(rows["tp_offsets"][t], rows["tp_offsets"][t + 1]):
                    c.add_row(rows["lesion"][r], rows["role"][r], rows["state"][r],
                              rows["value"][r])
            self.assertEqual([R.label_name(x) for x in c.classify()["overall"]],
                             ["", "PR", "CR", "CR"])
            text = a.render()
            self.assertIn("sum -36.4% from baseline 22.0 mm", text)
            self.assertEqual(json.loads(a.render("json"))["confirmed_best_overall_response"],
                             "CR")
            with self.assertRaises(ldrt.NotFound):
                a.render("html")
            # SITC, from the record: the rechallenge from March 2023. The July 2023
            # progression can only be confirmed by a scan >= 4 weeks later taken before
            # the low-dose radiotherapy of 2023-07-21 (the library's convention); the
            # September PR comes after it, so the data are insufficient.
            r = p.resistance("pembrolizumab", "2023-03", a)
            self.assertEqual(r.category, "insufficient data")
            self.assertEqual(r.missing, "confirmatory scan >= 28 days after PD on 2023-07, "
                                        "before radiotherapy LXRT-2023 on 2023-07-21")
            # Lines of therapy [Kluger 2020 Table 1: advanced disease; Kluger 2023
            # e005921: combinations]: adjuvant nivolumab (not applicable), ipilimumab +
            # pembrolizumab from 2021-11 (one line; stopped 2022-06, recurrence 2023-03:
            # after discontinuation), the 2023-04 rechallenge (insufficient data).
            lines = p.therapy_lines()
            self.assertEqual([str(e.date) for e in lines], ["2021-03", "2021-11", "2023-04"])
            self.assertEqual([p.line_resistance(e, a).category for e in lines],
                             ["not applicable", "progression after discontinuation",
                              "insufficient data"])
            with self.assertRaises(TypeError):
                p.line_resistance(lines[0], "PR")
            with self.assertRaises(TypeError):
                p.resistance("pembrolizumab", "2023-03", "PR")

    def test_patient_percist_and_recorded(self):
        p = ldrt.Patient("P")
        p.add_lesion("L1", category="target")
        s0 = p.add_event("imaging", "2023-01-02", baseline=True)
        s0.add_sul_peak("L1", 10.0)
        s0.liver_sul_mean = 2.0
        s0.recorded_response = ("recist1.1", "SD")
        s1 = p.add_event("imaging", "2023-03-01")
        s1.add_sul_peak("L1", 6.0)  # -40% and -4.0 SUL: PMR (>= 30% and >= 0.8)
        s1.liver_sul_mean = 2.1
        s1.recorded_response = ("recist1.1", "PR")
        a = p.assess("percist1.0")
        self.assertEqual(a.timepoint(1).overall, "PMR")
        rec = p.assess_recorded("recist1.1")
        self.assertEqual([t.overall for t in rec], ["SD", "PR"])

    def test_selection_warnings(self):
        # RECIST 1.1 allows at most 2 target lesions per organ: three in the liver warn.
        p = ldrt.Patient("P")
        for i in range(3):
            p.add_lesion("T%d" % i, category="target", organ="liver")
        for date, mm in (("2023-01-02", 20.0), ("2023-03-01", 15.0)):
            s = p.add_event("imaging", date, baseline=date == "2023-01-02")
            for i in range(3):
                s.add_measurement("T%d" % i, mm)
        a = p.assess()
        self.assertEqual(a.warnings,
                         ['3 target lesions in organ "liver": RECIST 1.1 allows at most 2'])
        self.assertEqual(a.labels, ["", "SD"])  # 45 mm from 60: -25%

    def test_recorded_table3(self):
        # RECIST 1.1 Table 3 with the reference 2023-01-01: first time point on day 50
        # (>= 42: SD minimum met), second on day 85 (35 days later >= 28).
        base = ldrt.Date("2023-01-01")
        # CR then PR: the CR is not confirmed, so not definitively assigned (EORTC FAQ);
        # the footnote revises it to PR, confirmed by the PR >= 28 days later.
        rows = [("CR", "CR", 50, 85, "CR"), ("CR", "PR", 50, 85, "PR"),
                ("CR", "PR", 50, 70, "SD"), ("CR", "SD", 10, 40, "PD"),
                ("PR", "CR", 50, 85, "PR"), ("PR", "NE", 10, 40, "NE"),
                ("PR", "PD", 50, 85, "SD")]
        for first, second, d1, d2, bor in rows:
            dates = [base, base.add_days(d1), base.add_days(d2)]
            a = R.assess_recorded("recist1.1", dates, ["", first, second])
            self.assertEqual(a.best(confirmed=True), bor, (first, second, d1, d2))

    def test_bad_input(self):
        dates, off, les, role, state, val = self.seed_rows()
        with self.assertRaises(ValueError):
            R.assess("recist1.1", dates, off[:-1], les, role, state, val)
        with self.assertRaises(ValueError):
            R.assess("recist1.1", dates, off, les, role[:-1], state, val)
        with self.assertRaises(ldrt.InvalidArgument) as cm:
            R.assess("recist1.1", dates, off, les, role, state, [22.0, -14.0, NAN, NAN])
        self.assertIn("[1]", str(cm.exception))
        with self.assertRaises(ldrt.NotFound):
            R.assess("recist2", dates, off, les, role, state, val)
        with self.assertRaises(TypeError):
            R.assess("recist1.1", [20230700, 1, 2, 3], off, les, role, state, val)
        with self.assertRaises(TypeError):
            R.assess("recist1.1", dates, off, les, role, state, val, options={"confirm_days": 1})
        with self.assertRaises(TypeError):
            R.assess("recist1.1", dates, off, les, role, state, ["22", 14, 0, 0])
        with self.assertRaises(ValueError) as cm:
            R.assess("recist1.1", dates, off, les, [300, 1, 1, 1], state, val)  # not a byte
        self.assertIn("role[0]: 300 is out of range", str(cm.exception))
        with self.assertRaises(ValueError):
            R.assess("recist1.1", dates, off, [2 ** 40, 0, 0, 0], role, state, val)
        with self.assertRaises(TypeError):
            R.Assessment()


class TestCohortEngine(unittest.TestCase):
    def cohort(self):
        # Patient A: 22 -> 14 -> 0 mm (PR, CR); patient B: 30 -> 40 mm (+33%, +10 mm: PD);
        # patient C: 50 -> 40 mm (-20%: SD).
        c = R.Cohort()
        for pid, dates, mm in (("A", ["2023-07-01", "2023-09-01", "2023-12-01"], [22, 14, 0]),
                               ("B", ["2023-01-01", "2023-03-01"], [30, 40]),
                               ("C", ["2023-01-01", "2023-03-15"], [50, 40])):
            c.add_patient(pid)
            for d, v in zip(dates, mm):
                c.add_scan(d)
                c.add_row(0, R.TARGET, R.PRESENT, float(v))
        return c

    def test_classify_lists(self):
        c = self.cohort()
        out = c.classify()
        self.assertIsInstance(out["overall"], list)
        self.assertEqual([R.label_name(x) for x in out["overall"]],
                         ["", "PR", "CR", "", "PD", "", "SD"])
        self.assertEqual(out["sum_mm"], [22.0, 14.0, 0.0, 30.0, 40.0, 50.0, 40.0])
        lib = ldrt.load()
        self.assertEqual(lib.ldrt_response_rule_name(out["rule"][4]).decode(),
                         "target sum >= 20% and >= 5 mm above the nadir")
        bor, confirmed = c.best()
        # A: without confirmation the best is the CR of 12-01. With confirmation, the CR has
        # no later scan, while the PR of 09-01 is followed 91 days (>= 28) later by a CR:
        # Table 3 "PR CR -> PR".
        self.assertEqual([R.label_name(x) for x in bor], ["CR", "PD", "SD"])
        self.assertEqual([R.label_name(x) for x in confirmed], ["PR", "PD", "SD"])

    def test_cohort_matches_per_patient_assessment(self):
        c = self.cohort()
        out = c.classify()
        k = 0
        for p in range(len(c)):
            lo, hi = c.patient_offsets[p], c.patient_offsets[p + 1]
            rows_lo, rows_hi = c.tp_offsets[lo], c.tp_offsets[hi]
            a = R.assess("recist1.1", c.dates[lo:hi],
                         [x - rows_lo for x in c.tp_offsets[lo:hi + 1]],
                         c.lesion[rows_lo:rows_hi], c.role[rows_lo:rows_hi],
                         c.state[rows_lo:rows_hi], c.value[rows_lo:rows_hi])
            for t in a:
                self.assertEqual(t.overall, R.label_name(out["overall"][k]))
                k += 1
        self.assertEqual(k, len(out["overall"]))

    def test_bor_cohort_directly(self):
        # Table 3 "PR PR -> PR" and "CR SD -> PD (min not met)", day numbers from 2023-01-01.
        d0 = ldrt.Date("2023-01-01").to_days()
        bor, conf = R.bor_cohort([0, 3, 6], [d0, d0 + 50, d0 + 85, d0, d0 + 10, d0 + 40],
                                 ["", "PR", "PR", "", "CR", "SD"])
        self.assertEqual([R.label_name(x) for x in conf], ["PR", "PD"])
        with self.assertRaises(ValueError):
            R.bor_cohort([0, 3], [d0, d0 + 1], ["", "PR"])
        with self.assertRaises(ldrt.InvalidArgument):
            R.bor_cohort([0, 2], [d0 + 5, d0], ["", "PR"])  # days go backwards

    def test_bad_cohort_input(self):
        with self.assertRaises(ValueError):
            R.recist_cohort([0, 1], [0], [0], [1], [0], [22.0])  # tp_offsets too short
        with self.assertRaises(ValueError):
            R.recist_cohort([0, 1], [0, 2], [0], [1], [0], [22.0])  # rows missing
        with self.assertRaises(ldrt.InvalidArgument):
            R.recist_cohort([0, 1], [0, 1], [0], [9], [0], [22.0])  # unknown role
        with self.assertRaises(TypeError):
            R.recist_cohort([0, 1], [0, 1], "0", [1], [0], [22.0])
        c = R.Cohort()
        with self.assertRaises(ValueError):
            c.add_scan("2023-01-01")
        c.add_patient()
        with self.assertRaises(ValueError):
            c.add_row(0, R.TARGET, R.PRESENT, 1.0)
        c.add_scan("2023-01-01")
        with self.assertRaises(ValueError):
            c.add_row(0, 256, R.PRESENT, 1.0)
        with self.assertRaises(TypeError):
            c.add_row(0, R.TARGET, R.PRESENT, "1.0")
        self.assertEqual(c.lesion, [])  # nothing half-added
        out = R.recist_cohort([0], [0], [], [], [], [])  # no patients
        self.assertEqual(out["overall"], [])

    @unittest.skipIf(np is None, "numpy is not installed")
    def test_numpy_in_numpy_out(self):
        c = self.cohort()
        arrays = c.arrays()
        self.assertEqual(arrays["role"].dtype, np.uint8)
        out = R.recist_cohort(**arrays)
        self.assertIsInstance(out["overall"], np.ndarray)
        self.assertEqual(out["overall"].dtype, np.int32)
        np.testing.assert_array_equal(out["overall"], [0, 2, 1, 0, 4, 0, 3])
        lists = c.classify(numpy=False)
        np.testing.assert_array_equal(out["sum_mm"], lists["sum_mm"])
        # Arrays of other dtypes and non-contiguous views are converted.
        out2 = R.recist_cohort(arrays["patient_offsets"].astype(np.int32),
                               arrays["tp_offsets"], arrays["lesion"].astype(np.int64),
                               arrays["role"], arrays["state"],
                               np.repeat(arrays["value_mm"], 2)[::2])
        np.testing.assert_array_equal(out2["overall"], out["overall"])
        # A conversion that would change a value is refused, not wrapped around.
        with self.assertRaises(ValueError):
            R.recist_cohort(arrays["patient_offsets"], arrays["tp_offsets"], arrays["lesion"],
                            arrays["role"].astype(np.int64) + 256, arrays["state"],
                            arrays["value_mm"])
        with self.assertRaises(ValueError):
            R.recist_cohort(arrays["patient_offsets"], arrays["tp_offsets"],
                            arrays["lesion"] + 0.5, arrays["role"], arrays["state"],
                            arrays["value_mm"])
        ch, flags, n = R.abscopal(np.array([20.0, 20.0]), np.array([14.0, 14.01]),
                                  np.array([0, 0], dtype=np.uint8))
        np.testing.assert_array_equal(flags, [1, 0])
        self.assertEqual(n, 1)


class TestResistanceAndAbscopal(unittest.TestCase):
    def test_resistance_rows(self):
        # Kluger 2020 Table 1 rows as in the C suite.
        r = R.resistance("2023-01-01", None, ["2023-03-01", "2023-08-01", "2023-09-01"],
                         ["SD", "PD", "PD"])
        self.assertEqual((r.category, r.missing), ("secondary resistance", ""))
        r = R.resistance("2023-01-01", None, ["2023-03-01"], ["PD"])
        self.assertEqual(r.category, "insufficient data")
        self.assertEqual(r.missing, "confirmatory scan >= 28 days after PD on 2023-03-01")
        r = R.resistance("2023-01-01", "2023-03-01", ["2023-08-01", "2023-09-01"], ["PD", "PD"])
        self.assertEqual(r.category, "progression after discontinuation")  # 153 days > 84
        # The seed case after the 2023 rechallenge: PD in July 2023 not confirmed (PR in
        # September after L-XRT): no resistance established.
        r = R.resistance("2023-04", None, ["2023-07", "2023-09", "2023-12"], ["PD", "PR", "CR"])
        self.assertEqual(r.category, "none")
        self.assertIn("not confirmed", r.reason)
        # With the L-XRT course (2023-07-21) as an intervention, the September scan
        # cannot confirm or refute the July PD (the library's window convention).
        r = R.resistance("2023-04", None, ["2023-07", "2023-09", "2023-12"], ["PD", "PR", "CR"],
                         interventions=["2023-07-21"])
        self.assertEqual(r.category, "insufficient data")
        self.assertIn("before the next treatment on 2023-07-21", r.missing)
        # An adjuvant line: Kluger 2020 Table 1 is for advanced disease.
        r = R.resistance("2021-03", None, ["2021-10"], ["PD"], setting="adjuvant")
        self.assertEqual(r.category, "not applicable")
        with self.assertRaises(ValueError):
            R.resistance("2021-03", None, ["2021-10"], ["PD"], setting="palliative")
        with self.assertRaises(ldrt.InvalidArgument) as cm:
            R.resistance("2023-01-01", None, ["2023-03-01", "2023-02-01"], ["PD", "PD"])
        self.assertIn("dates[1]", str(cm.exception))
        with self.assertRaises(ValueError):
            R.resistance("2023-01-01", None, ["2023-03-01"], [])
        with self.assertRaises(TypeError):
            R.resistance("2023-01-01", None, ["2023-03-01"], [2.0])

    def test_abscopal_flags(self):
        # >= 30% decrease of an out-of-field lesion: 20 -> 14 yes; 20 -> 14.01 no; in field
        # no; unknown no; 0 -> 0 no; 33.3 -> 23.31 = 0.7 x 33.3 yes (exact to 0.01 mm).
        change, flags, n = R.abscopal([20, 20, 20, NAN, 0, 33.3], [14, 14.01, 10, 5, 0, 23.31],
                                      [0, 0, 1, 0, 0, False])
        self.assertEqual(list(flags), [1, 0, 0, 0, 0, 1])
        self.assertEqual(n, 2)
        self.assertAlmostEqual(change[0], -30.0, places=9)
        self.assertTrue(math.isnan(change[3]))
        with R.Options(abscopal_pct=50) as o:
            self.assertEqual(R.abscopal([20], [14], [0], o)[2], 0)
        with self.assertRaises(ldrt.InvalidArgument) as cm:
            R.abscopal([20, -1], [14, 14], [0, 0])
        self.assertIn("before_mm[1]", str(cm.exception))
        with self.assertRaises(ValueError):
            R.abscopal([20], [14, 1], [0])
        self.assertEqual(R.abscopal([], [], []), ([], [], 0))


class TestExposure(unittest.TestCase):
    """Drug exposure per line of therapy (ldrt_patient_exposure()); the hand
    calculations are those of tests/check_exposure.c."""

    def test_seed_case(self):
        with ldrt.Patient.load(SEED) as p:
            lines = p.exposure()
            self.assertEqual([str(x.line.date) for x in lines], ["2021-03", "2021-11", "2023-04"])
            self.assertEqual([[d.drug for d in x.drugs] for x in lines],
                             [["nivolumab"], ["ipilimumab", "pembrolizumab"],
                              ["ipilimumab", "pembrolizumab"]])
            # Nivolumab: one series of 16 every 14 days: 15 x 14 = 210 days.
            niv = lines[0].drugs[0]
            self.assertEqual((niv.count, niv.exact, niv.days_min, niv.days_max), (16, True, 210, 210))
            # Ipilimumab: two courses of 4 (3 x 21 = 63 days each), 17 months apart.
            for x in lines[1:]:
                ipi = x.drugs[0]
                self.assertEqual((ipi.recorded, ipi.count, ipi.exact, ipi.days_min, ipi.days_max),
                                 (4, 4, True, 63, 63))
            # Pembrolizumab, first line: 11 cycles; Nov 30 2021 -> Jun 7 2022 = 189,
            # Nov 1 2021 -> Jun 13 2022 (the holiday recorded on 2022-06-13 ends the
            # line: cycle 11 is not later) = 224.
            pem = lines[1].drugs[1]
            self.assertEqual((pem.recorded, pem.count, pem.exact, pem.days_min, pem.days_max),
                             (11, 11, True, 189, 224))
            self.assertEqual((str(pem.first), str(pem.last)), ("2021-11", "2022-06"))
            # Rechallenge: cycles 1-4, 5 and 19 recorded: 6 listed, at least 19 given;
            # Apr 30 2023 -> Jun 1 2024 = 398, Apr 1 2023 -> Jun 30 2024 = 456.
            pem = lines[2].drugs[1]
            self.assertEqual((pem.recorded, pem.count, pem.exact, pem.days_min, pem.days_max),
                             (6, 19, False, 398, 456))

    def test_hold_excluded(self):
        p = ldrt.Patient("E")
        s = p.add_event("systemic", "2020-01-06", cycle=1)
        s.add_agent("pembrolizumab")
        s.set_repeat(21, 3)
        h = p.add_event("hold", "2020-03-01")
        h.add_drug("pembrolizumab")
        s = p.add_event("systemic", "2020-05-04", cycle=4)
        s.add_agent("pembrolizumab")
        s.set_repeat(21, 2)
        # Jan 6 -> Feb 17 = 42 and May 4 -> May 25 = 21: 63 days (140 first to last).
        (line,) = p.exposure()
        d = line.drugs[0]
        self.assertEqual((d.recorded, d.count, d.exact, d.days_min, d.days_max),
                         (5, 5, True, 63, 63))
        self.assertEqual(ldrt.Patient("none").exposure(), [])


if __name__ == "__main__":
    unittest.main()


class TestCopies(unittest.TestCase):
    def test_copies(self):
        import copy
        import pickle
        o = R.Options(confirm_days=35, reference_date="2023-07-01")
        for q in (copy.copy(o), copy.deepcopy(o), pickle.loads(pickle.dumps(o))):
            self.assertEqual(q.as_dict(), o.as_dict())
            q["confirm_days"] = 28
            self.assertEqual(o["confirm_days"], 35)
        a = R.assess_recorded("recist1.1", ["2023-01-01", "2023-03-01"], ["", "PR"])
        for f in (copy.copy, copy.deepcopy, pickle.dumps):
            with self.assertRaises(TypeError):
                f(a)
        from ldrt import dose
        with dose.Dvh([1.0]) as h:
            with self.assertRaises(TypeError):
                copy.copy(h)
