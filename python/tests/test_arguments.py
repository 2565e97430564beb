"""Arguments that C cannot take are refused before the call, naming the argument.

ctypes converts a Python int to a C integer by wrapping it around
(2**32 + 5 fractions would become 5) and passes a str with a NUL to a C
string that stops at the NUL ("a\\x00b" would become "a"). The binding checks
every integer against the range of the C parameter it goes to and every
string for NUL, in one place (ldrt._convert) and again in the prototypes.

The integer test enumerates the public surface: every parameter whose type
hint admits an int (dates included: a YYYYMMDD int is a date) must have a row
in INTEGER_PARAMETERS, so a new integer parameter cannot go untested."""

import ctypes
import inspect
import typing
import unittest

import ldrt
from ldrt import _prototypes, dates, dose, patient, response
from ldrt._record import Record
from ldrt.response import Cohort, Options

I32 = (-2 ** 31, 2 ** 31 - 1)
I64 = (-2 ** 63, 2 ** 63 - 1)
U8 = (0, 255)


def _patient():
    p = ldrt.Patient("P")
    p.add_lesion("T1")
    return p


def _course():
    return _patient().add_event("radiotherapy", "2023-07-21", targets=["T1"])


def _systemic():
    return _patient().add_event("systemic", "2023-07-21", agents=["pembrolizumab"])


def _cohort():
    c = Cohort()
    c.add_patient("P")
    c.add_scan("2023-07-01")
    return c


def _assessment():
    return response.assess_recorded("recist1.1", ["2023-07-01"], [""])


def _setter(make, name):
    return lambda v: setattr(make(), name, v)


def _set_option(name):
    def call(v):
        Options()[name] = v
    return call


# "where.parameter": (range of the C type, [(call with the value, name in the message)])
INTEGER_PARAMETERS = {
    "Patient.birth_date.value": (I32, [(_setter(_patient, "birth_date"), "birth_date")]),
    "Patient.death_date.value": (I32, [(_setter(_patient, "death_date"), "death_date")]),
    "Patient.last_contact.value": (I32, [(_setter(_patient, "last_contact"), "last_contact")]),
    "Patient.add_diagnosis.date": (I32, [(lambda v: _patient().add_diagnosis(v, "melanoma"),
                                          "date")]),
    "Patient.add_event.date": (I32, [(lambda v: _patient().add_event("note", v), "date")]),
    "Patient.timeline.start": (I32, [(lambda v: _patient().timeline(start=v), "start")]),
    "Patient.timeline.end": (I32, [(lambda v: _patient().timeline(end=v), "end")]),
    "Patient.drug_gaps.longer_than_days": (I64, [(lambda v: _patient().drug_gaps("x", v),
                                                  "longer_than_days")]),
    "Patient.resistance.line_start": (I32, [(lambda v: _patient().resistance("x", v),
                                             "line_start")]),
    "Patient.radscopal.window_days": (I64, [(lambda v: _patient().radscopal(v),
                                             "window_days")]),
    "Event.date.value": (I32, [(_setter(_course, "date"), "date")]),
    "Event.end.value": (I32, [(_setter(_course, "end"), "end")]),
    "SystemicEvent.cycle.value": (I32, [(_setter(_systemic, "cycle"), "cycle")]),
    "SystemicEvent.repeat.value": (I32, [
        (lambda v: setattr(_systemic(), "repeat", (v, 3)), "every_days"),
        (lambda v: setattr(_systemic(), "repeat", (21, v)), "count")]),
    "SystemicEvent.set_repeat.every_days": (I32, [(lambda v: _systemic().set_repeat(v, 3),
                                                   "every_days")]),
    "SystemicEvent.set_repeat.count": (I32, [(lambda v: _systemic().set_repeat(21, v),
                                              "count")]),
    "RadiotherapyCourse.add_fraction.date": (I32, [(lambda v: _course().add_fraction(v, 2.0),
                                                    "date")]),
    "RadiotherapyCourse.prescription.value": (I32, [
        (lambda v: setattr(_course(), "prescription", (10.0, v, "daily")), "fractions")]),
    "RadiotherapyCourse.set_prescription.fractions": (I32, [
        (lambda v: _course().set_prescription(10.0, v), "fractions")]),
    "RadiotherapyCourse.drug_timing.window_days": (I64, [
        (lambda v: _course().drug_timing("pembrolizumab", v), "window_days")]),
    "RadiotherapyCourse.drug_timing_range.window_days": (I64, [
        (lambda v: _course().drug_timing_range("pembrolizumab", v), "window_days")]),
    "ToxicityEvent.grade.value": (I32, [
        (lambda v: setattr(_patient().add_event("toxicity", "2023-08"), "grade", v), "grade")]),
    "ToxicityEvent.resolved.value": (I32, [
        (lambda v: setattr(_patient().add_event("toxicity", "2023-08"), "resolved", v),
         "resolved")]),
    "Date.__init__.value": (I32, [(lambda v: ldrt.Date(v), "date")]),
    "Date.from_parts.year": (I32, [(lambda v: ldrt.Date.from_parts(v, 7, 21), "year")]),
    "Date.from_parts.month": (I32, [(lambda v: ldrt.Date.from_parts(2023, v, 21), "month")]),
    "Date.from_parts.day": (I32, [(lambda v: ldrt.Date.from_parts(2023, 7, v), "day")]),
    "Date.from_days.days": (I64, [(lambda v: ldrt.Date.from_days(v), "days")]),
    "Date.add_days.days": (I64, [(lambda v: ldrt.Date("2023-07-21").add_days(v), "days")]),
    "Date.days_until.other": (I32, [(lambda v: ldrt.Date("2023-07-21").days_until(v),
                                     "other")]),
    "Date.days_until_range.other": (I32, [
        (lambda v: ldrt.Date("2023-07-21").days_until_range(v), "other")]),
    "Date.relation.other": (I32, [(lambda v: ldrt.Date("2023-07-21").relation(v), "other")]),
    "Date.compare.other": (I32, [(lambda v: ldrt.Date("2023-07-21").compare(v), "other")]),
    "label_name.code": (I32, [(response.label_name, "code")]),
    "Options.__setitem__.value": (I32, [(_set_option("reference_date"), "reference_date")]),
    "assess.criteria": (I32, [(lambda v: response.assess(v, [], [0], [], [], [], []),
                               "criteria")]),
    "assess_recorded.criteria": (I32, [(lambda v: response.assess_recorded(v, [], []),
                                        "criteria")]),
    "assess_recorded.labels": (I32, [
        (lambda v: response.assess_recorded("recist1.1", ["2023-07-01"], [v]), "labels[0]")]),
    "resistance.first_dose": (I32, [(lambda v: response.resistance(v, None, [], []),
                                     "first_dose")]),
    "resistance.last_dose": (I32, [(lambda v: response.resistance("2023-01", v, [], []),
                                    "last_dose")]),
    "resistance.labels": (I32, [
        (lambda v: response.resistance("2023-01", None, ["2023-07-01"], [v]), "labels[0]")]),
    "Cohort.add_scan.date": (I32, [(lambda v: _cohort().add_scan(v), "date")]),
    "Cohort.add_row.lesion": (I32, [(lambda v: _cohort().add_row(v, 1, 0, 10.0), "lesion")]),
    "Cohort.add_row.role": (U8, [(lambda v: _cohort().add_row(0, v, 0, 10.0), "role")]),
    "Cohort.add_row.state": (U8, [(lambda v: _cohort().add_row(0, 1, v, 10.0), "state")]),
    "Patient.assess.criteria": (I32, [(lambda v: _patient().assess(v), "criteria")]),
    "Options.__init__.settings": (I32, [(lambda v: Options(reference_date=v), "reference_date")]),
    "Assessment.timepoint.i": (I64, [(lambda v: _assessment().timepoint(v), "i")]),
    "ir_h_factor.fractions_per_day": (I32, [(lambda v: dose.ir_h_factor(v, 6.0, 1.5),
                                             "fractions_per_day")]),
    "ir_bed.fractions_per_day": (I32, [(lambda v: dose.ir_bed(60.0, 30, 10.0, v, 6.0, 1.5),
                                        "fractions_per_day")]),
}


def _admits_int(hint):
    if hint is int:
        return True
    return any(_admits_int(a) for a in typing.get_args(hint))


def _functions_of(obj, where):
    """(where, function) of a function, or of every method and property setter of a class."""
    if inspect.isfunction(obj):
        yield where, obj
        return
    if not inspect.isclass(obj) or issubclass(obj, Record):
        return  # a result record is never passed to the library
    for name, value in vars(obj).items():
        if name.startswith("_") and name not in ("__init__", "__setitem__"):
            continue
        if isinstance(value, (classmethod, staticmethod)):
            value = value.__func__
        if isinstance(value, property):
            if value.fset is not None:
                yield "%s.%s" % (obj.__name__, name), value.fset
        elif inspect.isfunction(value):
            yield "%s.%s" % (obj.__name__, name), value


def integer_parameters():
    """Every public parameter whose type hint admits an int, as "where.parameter"."""
    found = set()
    for module in (patient, dates, response, dose):
        for name in module.__all__:
            obj = getattr(module, name)
            if getattr(obj, "__module__", None) != module.__name__:
                continue
            for where, func in _functions_of(obj, name):
                for param, hint in typing.get_type_hints(func).items():
                    if param != "return" and _admits_int(hint):
                        found.add("%s.%s" % (where, param))
    return found


def _outside(bounds):
    lo, hi = bounds
    return [hi + 1, lo - 1, hi + 2 ** 32 + 5, 2 ** 70, -2 ** 70]


class TestIntegerRanges(unittest.TestCase):
    def test_every_integer_parameter_is_listed(self):
        found = integer_parameters()
        self.assertGreater(len(found), 30)
        self.assertEqual(sorted(found - set(INTEGER_PARAMETERS)), [],
                         "integer parameters without a row in INTEGER_PARAMETERS")
        self.assertEqual(sorted(set(INTEGER_PARAMETERS) - found), [],
                         "rows of INTEGER_PARAMETERS that are no integer parameter")

    def test_every_integer_parameter_refuses_what_c_cannot_hold(self):
        for key, (bounds, calls) in sorted(INTEGER_PARAMETERS.items()):
            for call, name in calls:
                for value in _outside(bounds):
                    with self.subTest(key=key, value=value):
                        with self.assertRaises((ldrt.ArgumentRangeError, IndexError)) as cm:
                            call(value)
                        if isinstance(cm.exception, IndexError):
                            # an index is checked against the length, not the C type
                            self.assertEqual(key, "Assessment.timepoint.i")
                        self.assertIn(name + ": ", str(cm.exception))
                        self.assertIn(str(value), str(cm.exception))

    def test_the_reported_cases(self):
        # Each of these used to wrap around to a valid value.
        with self.assertRaises(OverflowError):
            ldrt.Date(2 ** 32 + 20230721)          # was 2023-07-21
        c = _course()
        with self.assertRaises(ValueError) as cm:
            c.set_prescription(10, 2 ** 32 + 5)    # was 5 fractions
        self.assertIn("fractions", str(cm.exception))
        self.assertIsNone(c.prescription)          # nothing changed
        s = _systemic()
        with self.assertRaises(OverflowError):
            s.cycle = 2 ** 32 + 3                   # was cycle 3
        self.assertIsNone(s.cycle)
        with self.assertRaises(OverflowError) as cm:
            _patient().radscopal(2 ** 70)           # was a window of 0 days
        self.assertIn("window_days", str(cm.exception))

    def test_values_at_the_limits_reach_the_library(self):
        # The largest int64 window is a valid window; the library answers.
        self.assertEqual(_patient().radscopal(2 ** 63 - 1), [])
        # The largest int32 fraction count reaches the library, which refuses it
        # for its own reason (not the binding's range check).
        with self.assertRaises(ldrt.InvalidArgument):
            _course().set_prescription(10, 2 ** 31 - 1)
        self.assertEqual(response.label_name(0), "")

    def test_the_prototypes_check_every_integer_parameter(self):
        # The second line: called with an out-of-range int at any integer
        # parameter, every declared function is refused before the call
        # (the other arguments are NULL / 0: the call would not be safe).
        lib = ldrt.load()
        checked = 0
        for table in _prototypes.TABLES:
            for name, argtypes, _restype in table:
                for i, t in enumerate(argtypes):
                    if t not in _prototypes._INT_TYPES:
                        continue
                    lo, hi = ldrt._convert.int_range(t)
                    for bad in (hi + 1, lo - 1):
                        args = [self._dummy(u) for u in argtypes]
                        args[i] = bad
                        with self.subTest(function=name, argument=i, value=bad):
                            with self.assertRaises(ctypes.ArgumentError) as cm:
                                getattr(lib, name)(*args)
                            self.assertIn("argument %d:" % (i + 1), str(cm.exception))
                            self.assertIn("out of range", str(cm.exception))
                    checked += 1
        self.assertGreater(checked, 100)

    @staticmethod
    def _dummy(t):
        if t in _prototypes._INT_TYPES:
            return 0
        if t is ctypes.c_double:
            return 0.0
        return None


class TestNul(unittest.TestCase):
    def test_strings_with_nul_are_refused_naming_the_argument(self):
        p = _patient()
        c = p.add_event("radiotherapy", "2023-07-21", course_id="C1")
        cases = [
            (lambda: ldrt.Patient("a\x00b"), "id"),
            (lambda: setattr(p, "id", "a\x00b"), "id"),
            (lambda: setattr(p, "sex", "male\x00"), "sex"),
            (lambda: p.add_lesion("T\x002"), "id"),
            (lambda: p.lesion("T1\x00"), "id"),
            (lambda: p.add_diagnosis("2021", "mela\x00noma"), "condition"),
            (lambda: p.add_event("note\x00", "2021"), "kind"),
            (lambda: p.add_event("note", "2021", note="a\x00b"), "note"),
            (lambda: setattr(c, "note", "cut\x00here"), "note"),
            (lambda: c.add_target("T1\x00"), "lesion"),
            (lambda: p.find_course("C1\x00x"), "course_id"),
            (lambda: p.drug_summary("pembro\x00"), "drug"),
            (lambda: ldrt.Date("2023-07-21\x00junk"), "date"),
            (lambda: ldrt.Date("2023").days_until("2023-07-21\x00"), "other"),
            (lambda: p.save("x\x00.json"), "path"),
            (lambda: ldrt.Patient.load("x\x00.json"), "path"),
            (lambda: ldrt.validate_file("x\x00.json"), "path"),
            (lambda: p.render_timeline("text\x00"), "format"),
            (lambda: p.plot("swimmer\x00"), "kind"),
            (lambda: p.assess("recist1.1\x00"), "criteria"),
            (lambda: dose.tissue("melanoma\x00"), "name"),
            (lambda: dose.is_checkpoint_inhibitor("nivolumab\x00"), "drug"),
            (lambda: response.label_code("CR\x00"), "label"),
            (lambda: response.criteria_code("irecist\x00"), "criteria"),
        ]
        for call, name in cases:
            with self.subTest(argument=name):
                with self.assertRaises(ValueError) as cm:
                    call()
                self.assertIn(name + ": ", str(cm.exception))
                self.assertIn("NUL", str(cm.exception))
        # Nothing was changed by the refused calls.
        self.assertEqual(p.id, "P")
        self.assertIsNone(p.sex)
        self.assertEqual([lesion.id for lesion in p.lesions], ["T1"])
        self.assertIsNone(c.note)
        self.assertEqual(len(p.events), 1)

    def test_the_reported_case(self):
        with self.assertRaises(ValueError):
            ldrt.Patient("a\x00b")          # was a patient with id "a"

    def test_the_prototypes_refuse_nul_in_every_string_parameter(self):
        lib = ldrt.load()
        checked = 0
        for table in _prototypes.TABLES:
            for name, argtypes, _restype in table:
                for i, t in enumerate(argtypes):
                    if t is not ctypes.c_char_p:
                        continue
                    if i + 1 < len(argtypes) and argtypes[i + 1] is ctypes.c_size_t:
                        continue  # a buffer with its length may hold any byte
                    args = [TestIntegerRanges._dummy(u) for u in argtypes]
                    args[i] = b"a\x00b"
                    with self.subTest(function=name, argument=i):
                        with self.assertRaises(ctypes.ArgumentError) as cm:
                            getattr(lib, name)(*args)
                        self.assertIn("NUL", str(cm.exception))
                    checked += 1
        self.assertGreater(checked, 40)

    def test_documents_may_hold_any_byte(self):
        # A document is passed with its length: a NUL inside is the parser's to refuse.
        with self.assertRaises(ldrt.ParseError):
            ldrt.Patient.loads('{"patient": {"id": "a\x00b"}}')

    def test_other_invalid_text_names_the_argument(self):
        with self.assertRaises(ValueError) as cm:
            ldrt.Patient("\ud800")          # a lone surrogate is not UTF-8 text
        self.assertIn("id: ", str(cm.exception))


if __name__ == "__main__":
    unittest.main()
