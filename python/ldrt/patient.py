"""The patient record: :class:`Patient` and the objects it owns.

A :class:`Patient` owns a C record; the :class:`Event`, :class:`Fraction`,
:class:`Lesion` and :class:`Diagnosis` objects read from it are views that
keep their patient alive. The record is freed once, by :meth:`Patient.close`,
by leaving a ``with`` block, or by the garbage collector (a
``weakref.finalize``), in whatever order the objects go away. A view used
after its patient was closed, or after the item it shows was removed (or
regenerated, like the administrations of a series whose repeat changed),
raises :class:`ldrt.ClosedError` instead of touching freed memory.

>>> import ldrt
>>> with ldrt.Patient("P1") as p:
...     course = p.add_event("radiotherapy", "2023-07-21", course_id="L-XRT")
...     course.set_prescription(total_gy=5.0, fractions=5, schedule="daily")
...     print(course.total_dose_gy, course.fraction_dates[1])
5.0 2023-07-25
"""

import collections
import ctypes
import enum
import math
import weakref
from typing import Optional, Tuple

from . import _convert, _lib, errors
from ._guard import Guarded, handle_in_use
from ._owned import _Owned
from ._prototypes import (CourseP, CourseResponseP, DiagnosisP, EventP, FractionP, LesionP, PatientP,
                          ScanP, SystemicP,
                          c_date)
from .dates import Date, DateLike, as_date
from .errors import ClosedError, NotFound

__all__ = [
    "Patient", "Event", "SystemicEvent", "RadiotherapyCourse", "ImagingEvent",
    "ToxicityEvent", "HoldEvent", "SurgeryEvent", "DiseaseEvent", "NoteEvent",
    "Fraction", "Lesion", "Diagnosis", "EventKind", "Category", "HoldKind", "Schedule",
    "NonTargetState", "MeasurementState", "Agent", "Measurement", "NewLesion",
    "Prescription", "DrugSummary", "CourseDose", "LesionDose", "DrugTiming", "LesionResponse",
    "CourseResponse", "validate", "validate_file",
]


def _L():
    return _lib.load()


# --- enumerations (str-valued: they compare equal to the document spelling) ------

class EventKind(str, enum.Enum):
    """The kind of an event, spelled as in the document's ``type``."""
    DIAGNOSIS = "diagnosis"
    RECURRENCE = "recurrence"
    PROGRESSION = "progression"
    SURGERY = "surgery"
    SYSTEMIC = "systemic"
    RADIOTHERAPY = "radiotherapy"
    IMAGING = "imaging"
    TOXICITY = "toxicity"
    HOLD = "hold"
    NOTE = "note"

    def __str__(self):
        return self.value


class Category(str, enum.Enum):
    """The baseline role of a lesion (``category``)."""
    TARGET = "target"
    NON_TARGET = "non-target"
    NEW = "new"

    def __str__(self):
        return self.value


class HoldKind(str, enum.Enum):
    """The kind of a hold event."""
    HOLIDAY = "holiday"
    DISCONTINUED = "discontinued"

    def __str__(self):
        return self.value


class Schedule(str, enum.Enum):
    """The schedule of a radiotherapy prescription."""
    DAILY = "daily"
    WEEKDAYS = "weekdays"
    ALTERNATE_DAYS = "alternate-days"

    def __str__(self):
        return self.value


class NonTargetState(str, enum.Enum):
    """The state of a non-target lesion on a scan."""
    PRESENT = "present"
    ABSENT = "absent"
    UNEQUIVOCAL_PROGRESSION = "unequivocal-progression"
    NOT_EVALUATED = "not-evaluated"

    def __str__(self):
        return self.value


class MeasurementState(str, enum.Enum):
    """The state of a measured lesion on a scan."""
    MEASURED = "measured"
    NOT_EVALUATED = "not-evaluated"
    TOO_SMALL = "too-small"

    def __str__(self):
        return self.value


# The ldrt_lesion_state a measurement can have (ldrt_scan_measurement_state()),
# read by its spelling: "present" is a measured diameter.
_MEASUREMENT_STATES = {"present": MeasurementState.MEASURED,
                       "not-evaluated": MeasurementState.NOT_EVALUATED,
                       "too-small": MeasurementState.TOO_SMALL}

# The C names of each enumeration: (parse function, name function).
_ENUM_FUNCS = {
    EventKind: ("ldrt_event_kind_parse", "ldrt_event_kind_name"),
    Category: ("ldrt_lesion_role_parse", "ldrt_lesion_role_name"),
    HoldKind: ("ldrt_hold_kind_parse", "ldrt_hold_kind_name"),
    Schedule: ("ldrt_schedule_parse", "ldrt_schedule_name"),
    NonTargetState: ("ldrt_lesion_state_parse", "ldrt_lesion_state_name"),
}


def _enum_code(enum_cls, value, what):
    """The C value of an enumeration member or its document name (parsed by the library)."""
    if isinstance(value, enum_cls):
        value = value.value
    if not isinstance(value, str):
        raise TypeError("%s: expected a %s or one of %s, not %s"
                        % (what, enum_cls.__name__, ", ".join(repr(m.value) for m in enum_cls),
                           type(value).__name__))
    out = ctypes.c_int()
    parse = getattr(_L(), _ENUM_FUNCS[enum_cls][0])
    parse(_text(value, what), ctypes.byref(out))
    return out.value


def _enum_member(enum_cls, code):
    """The enumeration member of a C value, or None for a value without a name."""
    name = getattr(_L(), _ENUM_FUNCS[enum_cls][1])(code)
    return enum_cls(name.decode("ascii")) if name is not None else None


# --- argument conversion ----------------------------------------------------------

# Every str, number, int and path passed to the library goes through ldrt._convert
# (type, NUL and range checks naming the argument).
_text = _convert.text
_number = _convert.number
_integer = _convert.integer
_path = _convert.path


def _str(raw):
    return None if raw is None else raw.decode("utf-8")


def _date(value, what, allow_none=False):
    if value is None:
        if allow_none:
            return 0
        raise TypeError("%s: a date is required" % what)
    return as_date(value, what).value


def _document(text, what):
    if isinstance(text, str):
        return text.encode("utf-8")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    raise TypeError("%s: expected a str or bytes document, not %s" % (what, type(text).__name__))


def _take_buffer(out, size):
    """The bytes of a library-allocated buffer, which is then freed."""
    try:
        return ctypes.string_at(out, size.value) if out else b""
    finally:
        _L().ldrt_free(out)


def validate(document):
    """Checks a JSON patient document (str or bytes) and returns the list of
    problems found, each naming its JSON path; an empty list means valid."""
    data = _document(document, "document")
    out, size, problems = ctypes.POINTER(ctypes.c_char)(), ctypes.c_size_t(), ctypes.c_size_t()
    _L().ldrt_json_validate_buffer(data, len(data), ctypes.byref(out), ctypes.byref(problems))
    size.value = len(ctypes.string_at(out)) if out else 0
    return _take_buffer(out, size).decode("utf-8").splitlines()


def validate_file(path):
    """Checks a JSON patient document file, as :func:`validate`."""
    out, size, problems = ctypes.POINTER(ctypes.c_char)(), ctypes.c_size_t(), ctypes.c_size_t()
    _L().ldrt_json_validate_file(_path(path, "path"), ctypes.byref(out), ctypes.byref(problems))
    size.value = len(ctypes.string_at(out)) if out else 0
    return _take_buffer(out, size).decode("utf-8").splitlines()


def _addr(ptr):
    return ctypes.cast(ptr, ctypes.c_void_p).value


def _optional(func, *args):
    """Calls a getter that reports an absent field with LDRT_ENOTFOUND; True when present."""
    try:
        func(*args)
        return True
    except NotFound:
        return False


Agent = collections.namedtuple("Agent", "drug dose unit")
Agent.__doc__ = "One agent of a systemic event: drug name, dose (None when not recorded), unit."
Measurement = collections.namedtuple("Measurement", "lesion state diameter_mm")
Measurement.__doc__ = ("A lesion on a scan: the Lesion, a MeasurementState and the diameter in "
                       "millimetres (None when not evaluated or too small without a value).")
NewLesion = collections.namedtuple("NewLesion", "id site diameter_mm")
NewLesion.__doc__ = "A new lesion found on a scan (site and diameter_mm may be None)."
Prescription = collections.namedtuple("Prescription", "total_gy fractions schedule")
Prescription.__doc__ = "The prescription of a course: total dose (Gy), fractions, Schedule."
CourseDose = collections.namedtuple("CourseDose", "total_gy bed_gy eqd2_gy")
CourseDose.__doc__ = "Physical dose, BED and EQD2 of a course from its fractions, in Gy."
LesionDose = collections.namedtuple("LesionDose", "total_gy bed_gy eqd2_gy courses")
LesionDose.__doc__ = "Cumulative dose of a lesion over the courses that target it (Gy)."
DrugTiming = collections.namedtuple("DrugTiming", "timing days_since_previous days_until_next")
DrugTiming.__doc__ = ("Timing of a drug against a course (\"concurrent\", \"before\", \"after\", "
                      "\"before-and-after\", \"not-given\") and the days from the previous "
                      "administration and to the next one (None when there is none).")
LesionResponse = collections.namedtuple(
    "LesionResponse", "lesion in_field before_mm best_mm best_change_pct responded "
                      "days_to_response scans")
class CourseResponse(list):
    """The LesionResponse of each lesion measured before and after a course;
    ``abscopal`` counts the out-of-field lesions that responded."""

    abscopal = 0


LesionResponse.__doc__ = ("One lesion's response to a course: in field or not, diameter before "
                          "(mm), best after (mm) and its change (%), whether it responded "
                          "(>= the abscopal threshold), days from the last fraction to the "
                          "response (None when none), and every scan after as (date, mm, %).")
DrugSummary = collections.namedtuple("DrugSummary", "first last count")
DrugSummary.__doc__ = "First and last administration dates of a drug and their number."


# --- the patient ---------------------------------------------------------------------

class Patient(_Owned):
    """One patient's clinical record.

    ``Patient(id)`` starts an empty record; :meth:`load` and :meth:`loads`
    read a JSON document. Use it as a context manager or call :meth:`close`;
    otherwise it is freed when garbage collected.
    """

    _closed = "the patient is closed"

    def __init__(self, id):
        handle = PatientP()
        _L().ldrt_patient_new(_text(id, "id"), ctypes.byref(handle))
        self._adopt(handle)

    @classmethod
    def _from_handle(cls, handle):
        self = cls.__new__(cls)
        self._adopt(handle)
        return self

    @classmethod
    def load(cls, path):
        """Reads a JSON patient document file (errors name the file and JSON path)."""
        handle = PatientP()
        _L().ldrt_patient_load_json(_path(path, "path"), ctypes.byref(handle))
        return cls._from_handle(handle)

    @classmethod
    def loads(cls, document):
        """Reads a JSON patient document from a str or bytes."""
        data = _document(document, "document")
        handle = PatientP()
        _L().ldrt_patient_load_json_buffer(data, len(data), ctypes.byref(handle))
        return cls._from_handle(handle)

    def save(self, path):
        """Writes the JSON document to a file, atomically (the old file stays on failure)."""
        _L().ldrt_patient_save_json(self._h, _path(path, "path"))

    def dumps(self):
        """The JSON document as a str."""
        out, size = ctypes.POINTER(ctypes.c_char)(), ctypes.c_size_t()
        _L().ldrt_patient_save_json_buffer(self._h, ctypes.byref(out), ctypes.byref(size))
        return _take_buffer(out, size).decode("utf-8")

    def plot(self, kind="swimmer", path=None):
        """An SVG plot of the record: ``"swimmer"`` (treatment history),
        ``"spider"`` (each lesion's percent change from baseline, RECIST
        thresholds drawn) or ``"dose"`` (cumulative dose per irradiated lesion).
        Returns the SVG text, or with ``path`` writes the file atomically and
        returns None."""
        code = ctypes.c_int()
        _L().ldrt_plot_kind_parse(_text(kind, "kind"), ctypes.byref(code))
        if path is not None:
            _L().ldrt_plot_save_svg(self._h, code.value, _path(path, "path"))
            return None
        out, size = ctypes.POINTER(ctypes.c_char)(), ctypes.c_size_t()
        _L().ldrt_plot_svg(self._h, code.value, ctypes.byref(out), ctypes.byref(size))
        return _take_buffer(out, size).decode("utf-8")

    def render_timeline(self, format="text"):
        """The timeline as ``"text"``, ``"markdown"`` or ``"json"`` (a str)."""
        code = ctypes.c_int()
        _L().ldrt_timeline_format_parse(_text(format, "format"), ctypes.byref(code))
        out, size = ctypes.POINTER(ctypes.c_char)(), ctypes.c_size_t()
        _L().ldrt_timeline_render(self._h, code.value, ctypes.byref(out), ctypes.byref(size))
        return _take_buffer(out, size).decode("utf-8")

    def _adopt(self, handle):
        # Views by (class, address), so one item has one view and a removal can
        # invalidate the views of what it freed.
        self._views = weakref.WeakValueDictionary()
        self._own_handle(handle, _L().ldrt_patient_free)

    # lifetime: close() and closed come from _Owned. A call in flight in another
    # thread finishes on the live record; every later use of the patient or of
    # a view of it raises ClosedError.

    # copies and pickles go through the document (never share the C record)
    def __copy__(self):
        return Patient.loads(self.dumps())

    def __deepcopy__(self, memo):
        return Patient.loads(self.dumps())

    def __reduce__(self):
        return (Patient.loads, (self.dumps(),))

    def __enter__(self):
        self._h
        return self

    def __repr__(self):
        try:
            return "<ldrt.Patient %r: %d events, %d lesions>" % (self.id, len(self.events),
                                                                len(self.lesions))
        except ClosedError:
            return "<ldrt.Patient (closed)>"

    # views
    def _view(self, cls, ptr):
        if not ptr:
            return None
        if cls is Event:
            kind = _L().ldrt_event_type(ptr)
            cls = _EVENT_CLASSES.get(kind, Event)
        key = (cls._family, _addr(ptr))
        view = self._views.get(key)
        if view is None or not view._valid:
            view = cls.__new__(cls)
            view._patient = self
            view._ptr = ptr
            view._valid = True
            view._init_view()
            self._views[key] = view
        return view

    def _invalidate(self, predicate):
        for key, view in list(self._views.items()):
            if predicate(view):
                view._valid = False
                del self._views[key]

    def _own(self, view, cls, what):
        """The handle of a view of this patient, checked."""
        if not isinstance(view, cls):
            raise TypeError("%s: expected an ldrt.%s, not %s"
                            % (what, cls.__name__, type(view).__name__))
        if view._patient is not self:
            raise ValueError("%s: %r belongs to another patient" % (what, view))
        return view._h

    def _lesion_id(self, lesion, what):
        if isinstance(lesion, Lesion):
            self._own(lesion, Lesion, what)
            return lesion.id.encode("utf-8")
        return _text(lesion, what)

    def _event_list(self, call, *args, handle=EventP, to_event=None):
        # handle: the C type of the array's items (an event or a typed handle);
        # to_event: the conversion of a typed handle back to its event.
        arr = ctypes.POINTER(handle)()
        n = ctypes.c_size_t()
        call(*(args + (ctypes.byref(arr), ctypes.byref(n))))
        try:
            # Copy each handle out of the array before it is freed (arr[i] shares its memory).
            items = [handle.from_buffer_copy(arr[i]) for i in range(n.value)]
            if to_event is not None:
                items = [to_event(item) for item in items]
            return [self._view(Event, item) for item in items]
        finally:
            _L().ldrt_free(arr)

    # identity
    @property
    def id(self):
        """The patient identifier (``patient.id``)."""
        return _str(_L().ldrt_patient_id(self._h))

    @id.setter
    def id(self, value):
        _L().ldrt_patient_set_id(self._h, _text(value, "id"))

    @property
    def sex(self):
        """The sex as recorded, or None."""
        return _str(_L().ldrt_patient_sex(self._h))

    @sex.setter
    def sex(self, value):
        _L().ldrt_patient_set_sex(self._h, _text(value, "sex", True))

    @property
    def birth_date(self):
        """The birth date (often only a year), or None."""
        out = c_date()
        if _optional(_L().ldrt_patient_birth_date, self._h, ctypes.byref(out)):
            return Date(out.value)
        return None

    @birth_date.setter
    def birth_date(self, value: Optional[DateLike]) -> None:
        _L().ldrt_patient_set_birth_date(self._h, _date(value, "birth_date", True))

    # diagnoses
    @property
    def diagnoses(self):
        """The diagnoses, in the order they were added."""
        lib, h = _L(), self._h
        return [self._view(Diagnosis, lib.ldrt_patient_diagnosis_at_mut(h, i))
                for i in range(lib.ldrt_patient_diagnosis_count(h))]

    def add_diagnosis(self, date: DateLike, condition, site=None, stage=None, markers=None):
        """Adds a diagnosis; ``markers`` is a mapping such as ``{"BRAF": "negative"}``."""
        lib, h = _L(), self._h
        d, cond = _date(date, "date"), _text(condition, "condition")
        if site is not None:
            _text(site, "site")
        if stage is not None:
            _text(stage, "stage")
        if markers is not None and not hasattr(markers, "items"):
            raise TypeError("markers: expected a mapping, not %s" % type(markers).__name__)
        out = DiagnosisP()
        lib.ldrt_patient_add_diagnosis(h, d, cond, ctypes.byref(out))
        diagnosis = self._view(Diagnosis, out)
        try:
            if site is not None:
                diagnosis.site = site
            if stage is not None:
                diagnosis.stage = stage
            for name, value in (markers or {}).items():
                diagnosis.set_marker(name, value)
        except BaseException:
            self.remove_diagnosis(diagnosis)
            raise
        return diagnosis

    def remove_diagnosis(self, diagnosis):
        ptr = self._own(diagnosis, Diagnosis, "diagnosis")
        _L().ldrt_patient_remove_diagnosis(self._h, ptr)
        diagnosis._valid = False
        self._invalidate(lambda v: v is diagnosis)

    # lesions
    @property
    def lesions(self):
        """The lesions, in the order they were added."""
        lib, h = _L(), self._h
        return [self._view(Lesion, lib.ldrt_patient_lesion_at_mut(h, i))
                for i in range(lib.ldrt_patient_lesion_count(h))]

    def lesion(self, id):
        """The lesion with this id (raises ldrt.NotFound)."""
        out = LesionP()
        _L().ldrt_patient_find_lesion_mut(self._h, _text(id, "id"), ctypes.byref(out))
        return self._view(Lesion, out)

    def add_lesion(self, id, site=None, organ=None, nodal=None, category=None):
        """Adds a lesion; the other fields are set as with the Lesion properties."""
        out = LesionP()
        _L().ldrt_patient_add_lesion(self._h, _text(id, "id"), ctypes.byref(out))
        lesion = self._view(Lesion, out)
        try:
            if site is not None:
                lesion.site = site
            if organ is not None:
                lesion.organ = organ
            if nodal is not None:
                lesion.nodal = nodal
            if category is not None:
                lesion.category = category
        except BaseException:
            self.remove_lesion(lesion)
            raise
        return lesion

    def remove_lesion(self, lesion):
        """Removes a lesion no event refers to (else ldrt.WrongState)."""
        ptr = self._own(lesion, Lesion, "lesion")
        _L().ldrt_patient_remove_lesion(self._h, ptr)
        lesion._valid = False
        self._invalidate(lambda v: v is lesion)

    # events
    @property
    def events(self):
        """The recorded events in time order (a series counts once)."""
        lib, h = _L(), self._h
        return [self._view(Event, lib.ldrt_patient_event_at_mut(h, i))
                for i in range(lib.ldrt_patient_event_count(h))]

    def add_event(self, kind, date: DateLike, **fields):
        """Adds an event of ``kind`` (an EventKind or its name) on ``date``.

        Keyword arguments set the event's properties (``id``, ``note``,
        ``site``, ``end``, ``grade``, ...); if one is refused the event is
        removed again and the error raised, so the record is unchanged.
        """
        code = _enum_code(EventKind, kind, "kind")
        d = _date(date, "date")
        out = EventP()
        _L().ldrt_patient_add_event(self._h, code, d, ctypes.byref(out))
        event = self._view(Event, out)
        try:
            for name, value in fields.items():
                if not isinstance(getattr(type(event), name, None), property):
                    raise TypeError("add_event: a %s event has no property %r"
                                    % (event.kind.value, name))
                setattr(event, name, value)
        except BaseException:
            self.remove_event(event)
            raise
        return event

    def remove_event(self, event):
        """Removes a recorded event and everything it holds (its fractions, administrations)."""
        ptr = self._own(event, Event, "event")
        _L().ldrt_patient_remove_event(self._h, ptr)
        me = _addr(ptr)
        event._valid = False
        self._invalidate(lambda v: v is event or v._owner == me)

    def find_event(self, id):
        """The recorded event with this ``id`` (raises ldrt.NotFound)."""
        out = EventP()
        _L().ldrt_patient_find_event_mut(self._h, _text(id, "id"), ctypes.byref(out))
        return self._view(Event, out)

    def find_course(self, course_id):
        """The radiotherapy course with this ``course_id`` (raises ldrt.NotFound)."""
        lib = _L()
        out = CourseP()
        lib.ldrt_patient_find_course_mut(self._h, _text(course_id, "course_id"), ctypes.byref(out))
        return self._view(Event, lib.ldrt_course_as_event_mut(out))

    # timeline queries
    def timeline(self, kinds=None, start: Optional[DateLike] = None,
                 end: Optional[DateLike] = None, expand=False):
        """Events in time order, optionally of some kinds and within [start, end].

        An event is in the range when any day it can fall on is. With
        ``expand`` each series is listed as its administrations.
        """
        if kinds is None:
            mask = 0xFFFFFFFF
        else:
            if isinstance(kinds, (str, EventKind)):
                kinds = [kinds]
            mask = 0
            for k in kinds:
                mask |= 1 << _enum_code(EventKind, k, "kinds")
        lib = _L()
        return self._event_list(lib.ldrt_patient_events, self._h, mask,
                                _date(start, "start", True), _date(end, "end", True),
                                1 if expand else 0)

    def drug_administrations(self, drug):
        """Every administration of a drug (series expanded), in time order."""
        return self._event_list(_L().ldrt_patient_drug_administrations, self._h,
                                _text(drug, "drug"))

    def drug_summary(self, drug):
        """DrugSummary(first, last, count) of a drug (ldrt.NotFound when never given)."""
        first, last, n = c_date(), c_date(), ctypes.c_size_t()
        _L().ldrt_patient_drug_summary(self._h, _text(drug, "drug"), ctypes.byref(first),
                                       ctypes.byref(last), ctypes.byref(n))
        return DrugSummary(Date(first.value), Date(last.value), n.value)

    def drug_cumulative_dose(self, drug):
        """(total dose, unit) of a drug over its administrations."""
        dose, unit = ctypes.c_double(), ctypes.c_char_p()
        _L().ldrt_patient_drug_cumulative_dose(self._h, _text(drug, "drug"), ctypes.byref(dose),
                                               ctypes.byref(unit))
        return dose.value, _str(unit.value)

    def drug_exposure_days(self, drug):
        """(smallest, largest) days from the first to the last administration of a drug."""
        lo, hi = ctypes.c_int64(), ctypes.c_int64()
        _L().ldrt_patient_drug_exposure_days(self._h, _text(drug, "drug"), ctypes.byref(lo),
                                             ctypes.byref(hi))
        return lo.value, hi.value

    def drug_gaps(self, drug, longer_than_days: int):
        """The administrations followed by the next one more than ``longer_than_days`` later."""
        return self._event_list(_L().ldrt_patient_drug_gaps, self._h, _text(drug, "drug"),
                                _integer(longer_than_days, "longer_than_days", ctypes.c_int64))

    def drug_holds(self, drug):
        """The holds that apply to a drug (naming it or naming no drug), in time order."""
        return self._event_list(_L().ldrt_patient_drug_holds, self._h, _text(drug, "drug"))

    def lesion_fractions(self, lesion):
        """The fractions of every course that targeted a lesion, in time order."""
        if not isinstance(lesion, Lesion):
            lesion = self.lesion(lesion)
        ptr = self._own(lesion, Lesion, "lesion")
        arr = ctypes.POINTER(FractionP)()
        n = ctypes.c_size_t()
        _L().ldrt_patient_lesion_fractions(self._h, ptr, ctypes.byref(arr), ctypes.byref(n))
        try:
            return [self._view(Fraction, FractionP.from_buffer_copy(arr[i]))
                    for i in range(n.value)]
        finally:
            _L().ldrt_free(arr)

    # response
    def response_rows(self):
        """The RECIST 1.1 measurement rows of this record, as the cohort engine
        (:func:`ldrt.response.recist_cohort`, :class:`ldrt.response.Cohort`)
        takes them, following the rules of :meth:`assess`: the baseline is the
        first scan marked baseline that has measurements or non-target states,
        else the first scan with such data; later scans without any are left
        out. A lesion's role is its category (a lesion without one is a target
        when measured at baseline, a non-target when it has a non-target state
        there, else new), with NODAL for a node; a lesion's index is its
        position in :attr:`lesions`, and each new-lesion id listed on a scan
        gets an index after those.

        Returns a dict: ``scans`` (the ImagingEvents), ``dates``, ``tp_offsets``,
        ``lesion``, ``role``, ``state``, ``value``.
        """
        from . import response as R
        lesions = self.lesions
        index = {id(v): i for i, v in enumerate(lesions)}
        new_index = {}
        roles = {Category.TARGET: R.TARGET, Category.NON_TARGET: R.NON_TARGET,
                 Category.NEW: R.NEW}
        nt_states = {NonTargetState.PRESENT: R.PRESENT, NonTargetState.ABSENT: R.ABSENT,
                     NonTargetState.UNEQUIVOCAL_PROGRESSION: R.PROGRESSION,
                     NonTargetState.NOT_EVALUATED: R.NOT_EVALUATED}

        def has_data(scan):
            return bool(scan.measurements) or bool(scan.non_targets)

        scans = [s for s in self.timeline(kinds="imaging") if has_data(s) or s.new_lesions]
        with_data = [s for s in scans if has_data(s)]
        flagged = [s for s in with_data if s.baseline]
        baseline = flagged[0] if flagged else (with_data[0] if with_data else None)
        out = {"scans": [], "dates": [], "tp_offsets": [0], "lesion": [], "role": [],
               "state": [], "value": []}
        if baseline is None:
            return out
        scans = scans[scans.index(baseline):]
        measured_at_baseline = {id(m.lesion) for m in baseline.measurements}
        nt_at_baseline = {id(l) for l, _s in baseline.non_targets}

        def role_of(lesion):
            role = roles.get(lesion.category)
            if role is None:
                role = (R.TARGET if id(lesion) in measured_at_baseline else
                        R.NON_TARGET if id(lesion) in nt_at_baseline else R.NEW)
            return role | R.NODAL if lesion.nodal else role

        for scan in scans:
            rows, seen = [], set()
            for m in scan.measurements:
                seen.add(id(m.lesion))
                if m.state is MeasurementState.MEASURED:
                    state, value = R.PRESENT, m.diameter_mm
                elif m.state is MeasurementState.TOO_SMALL:
                    state, value = R.TOO_SMALL, math.nan
                else:
                    state, value = R.NOT_EVALUATED, math.nan
                rows.append((index[id(m.lesion)], role_of(m.lesion), state, value))
            for lesion, state in scan.non_targets:
                if id(lesion) not in seen:
                    rows.append((index[id(lesion)], role_of(lesion), nt_states[state], math.nan))
            for new in scan.new_lesions:
                k = new_index.setdefault(new.id, len(lesions) + len(new_index))
                rows.append((k, R.NEW, R.PRESENT,
                             math.nan if new.diameter_mm is None else new.diameter_mm))
            out["scans"].append(scan)
            out["dates"].append(scan.date)
            for k, role, state, value in rows:
                out["lesion"].append(k)
                out["role"].append(role)
                out["state"].append(state)
                out["value"].append(value)
            out["tp_offsets"].append(len(out["lesion"]))
        return out

    def assess(self, criteria="recist1.1", options=None):
        """Assesses the record's scans by ``criteria`` ("recist1.1", "irecist" or
        "percist1.0") in the library (the baseline, roles and new lesions as
        ldrt_patient_assess() documents them). Returns an
        :class:`ldrt.response.Assessment`."""
        from . import response as R
        crit = R._criteria(criteria)
        out = R.AssessmentP()
        _L().ldrt_patient_assess(self._h, crit, R._options_handle(options), ctypes.byref(out))
        return R.Assessment._adopt(out)

    def resistance(self, drug, line_start: Optional[DateLike] = None, assessment=None, options=None):
        """SITC resistance to a drug from the record (ldrt_patient_resistance()):
        the first dose on or after ``line_start``, the responses of
        ``assessment`` (RECIST 1.1 or iRECIST) with the record's progression
        and recurrence events. Returns an :class:`ldrt.response.Resistance`."""
        from . import response as R
        if assessment is not None and not isinstance(assessment, R.Assessment):
            raise TypeError("assessment: expected an ldrt.response.Assessment or None")
        out = R.ResistanceP()
        _L().ldrt_patient_resistance(self._h, _text(drug, "drug"),
                                     _date(line_start, "line_start", True),
                                     assessment._h if assessment is not None else None,
                                     R._options_handle(options), ctypes.byref(out))
        return R._resistance_result(out)

    def therapy_lines(self):
        """The systemic events that start a line of therapy, in time order
        (ldrt_patient_therapy_lines()): drugs given together are one line; a
        cycle-1 event or a new drug starts the next one."""
        lib = _L()
        return self._event_list(lib.ldrt_patient_therapy_lines, self._h, handle=SystemicP,
                                to_event=lib.ldrt_systemic_as_event)

    def line_resistance(self, line, assessment=None, options=None):
        """SITC resistance of one line of therapy (ldrt_patient_line_resistance()):
        ``line`` is one of :meth:`therapy_lines`. An adjuvant or neoadjuvant
        line is "not applicable"; a PD is confirmed only by the next scan
        >= 28 days later taken before any other treatment. Returns an
        :class:`ldrt.response.Resistance`."""
        from . import response as R
        if assessment is not None and not isinstance(assessment, R.Assessment):
            raise TypeError("assessment: expected an ldrt.response.Assessment or None")
        ptr = self._own(line, Event, "line")
        lib = _L()
        systemic = lib.ldrt_event_as_systemic(ptr)
        if not systemic:
            raise errors.InvalidArgument(errors.EINVAL, "ldrt_patient_line_resistance: line: not "
                                         "a systemic event that starts a line of therapy")
        out = R.ResistanceP()
        lib.ldrt_patient_line_resistance(self._h, systemic,
                                          assessment._h if assessment is not None else None,
                                          R._options_handle(options), ctypes.byref(out))
        return R._resistance_result(out)

    def radscopal(self, window_days: int):
        """RadScopal pairs (high-dose course, low-dose course to other lesions) at most
        ``window_days`` apart; the window is the caller's (none is published)."""
        lib = _L()
        high, low = ctypes.POINTER(CourseP)(), ctypes.POINTER(CourseP)()
        n = ctypes.c_size_t()
        lib.ldrt_patient_radscopal(self._h, _integer(window_days, "window_days", ctypes.c_int64),
                                   ctypes.byref(high), ctypes.byref(low), ctypes.byref(n))
        try:
            def event(course):
                return self._view(Event, lib.ldrt_course_as_event(CourseP.from_buffer_copy(course)))
            return [(event(high[i]), event(low[i])) for i in range(n.value)]
        finally:
            lib.ldrt_free(high)
            lib.ldrt_free(low)

    def assess_recorded(self, criteria="recist1.1", options=None):
        """An Assessment from the responses recorded on the scans for ``criteria``."""
        from . import response as R
        dates, labels = [], []
        for scan in self.timeline(kinds="imaging"):
            rec = scan.recorded_response
            if rec is not None and rec[0] == criteria:
                dates.append(scan.date)
                labels.append(rec[1])
        return R.assess_recorded(criteria, dates, labels, options)

    def lesion_scans(self, lesion):
        """The scans that assessed a lesion, in time order."""
        if not isinstance(lesion, Lesion):
            lesion = self.lesion(lesion)
        ptr = self._own(lesion, Lesion, "lesion")
        lib = _L()
        return self._event_list(lib.ldrt_patient_lesion_scans, self._h, ptr, handle=ScanP,
                                to_event=lib.ldrt_scan_as_event)


# --- views ---------------------------------------------------------------------------

class _View(Guarded):
    """A borrowed item of a patient; it keeps the patient alive, and using it is
    using its patient (a use of the patient's lifetime, see ldrt._guard)."""

    _family = None
    __slots__ = ("_patient", "_ptr", "_valid", "_owner", "_generated", "__weakref__")

    def _init_view(self):
        # _owner: the address of the event whose removal frees this item too;
        # _generated: the item is regenerated when that event is re-expanded.
        self._owner = None
        self._generated = False

    def _lifetime_in_use(self):
        return self._patient._lifetime

    def _closed_message(self):
        return "%s: its patient is closed" % type(self).__name__

    @property
    def _h(self):
        handle_in_use(self._patient._lifetime)
        if not self._valid:
            raise ClosedError("%s: it was removed from its patient (or regenerated)"
                              % type(self).__name__)
        return self._ptr

    @property
    def patient(self):
        """The Patient this item belongs to."""
        self._h
        return self._patient

    # A view is borrowed from its patient's record: a copy is the same view.
    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        raise TypeError("an ldrt.%s cannot be deep-copied on its own: copy its Patient"
                        % type(self).__name__)

    def __reduce__(self):
        raise TypeError("an ldrt.%s cannot be pickled on its own: pickle its Patient"
                        % type(self).__name__)

    def __repr__(self):
        try:
            return "<ldrt.%s %s>" % (type(self).__name__, self._describe())
        except ClosedError:
            return "<ldrt.%s (closed)>" % type(self).__name__


class Diagnosis(_View):
    """A diagnosis of the document's top-level ``diagnoses`` list."""

    _family = "diagnosis"
    __slots__ = ()

    def _describe(self):
        return "%s %s" % (self.date, self.condition)

    @property
    def date(self):
        return Date(_L().ldrt_diagnosis_date(self._h))

    @property
    def condition(self):
        return _str(_L().ldrt_diagnosis_condition(self._h))

    @property
    def site(self):
        return _str(_L().ldrt_diagnosis_site(self._h))

    @site.setter
    def site(self, value):
        _L().ldrt_diagnosis_set_site(self._h, _text(value, "site", True))

    @property
    def stage(self):
        return _str(_L().ldrt_diagnosis_stage(self._h))

    @stage.setter
    def stage(self, value):
        _L().ldrt_diagnosis_set_stage(self._h, _text(value, "stage", True))

    @property
    def markers(self):
        """The markers as a dict (a copy), in the order they were set."""
        lib, h = _L(), self._h
        out = {}
        for i in range(lib.ldrt_diagnosis_marker_count(h)):
            name, value = ctypes.c_char_p(), ctypes.c_char_p()
            lib.ldrt_diagnosis_marker_at(h, i, ctypes.byref(name), ctypes.byref(value))
            out[_str(name.value)] = _str(value.value)
        return out

    def set_marker(self, name, value):
        """Sets a marker (``value`` None removes it)."""
        _L().ldrt_diagnosis_set_marker(self._h, _text(name, "name"), _text(value, "value", True))


class Lesion(_View):
    """A lesion of the patient."""

    _family = "lesion"
    __slots__ = ()

    def _describe(self):
        return repr(self.id)

    @property
    def id(self):
        return _str(_L().ldrt_lesion_id(self._h))

    @property
    def site(self):
        return _str(_L().ldrt_lesion_site(self._h))

    @site.setter
    def site(self, value):
        _L().ldrt_lesion_set_site(self._h, _text(value, "site", True))

    @property
    def organ(self):
        return _str(_L().ldrt_lesion_organ(self._h))

    @organ.setter
    def organ(self, value):
        _L().ldrt_lesion_set_organ(self._h, _text(value, "organ", True))

    @property
    def nodal(self):
        """True for a lymph node, False if not, None when not recorded."""
        out = ctypes.c_int()
        if _optional(_L().ldrt_lesion_nodal, self._h, ctypes.byref(out)):
            return bool(out.value)
        return None

    @nodal.setter
    def nodal(self, value):
        if value is not None and not isinstance(value, bool):
            raise TypeError("nodal: expected True, False or None, not %s" % type(value).__name__)
        _L().ldrt_lesion_set_nodal(self._h, -1 if value is None else int(value))

    @property
    def category(self):
        """A Category, or None."""
        return _enum_member(Category, _L().ldrt_lesion_category_of(self._h))

    @category.setter
    def category(self, value):
        code = 0 if value is None else _enum_code(Category, value, "category")
        _L().ldrt_lesion_set_category(self._h, code)

    @property
    def fractions(self):
        """The fractions that targeted this lesion."""
        return self.patient.lesion_fractions(self)

    @property
    def scans(self):
        """The scans that assessed this lesion."""
        return self.patient.lesion_scans(self)

    def dose(self, alpha_beta_gy, recovery=False):
        """Cumulative LesionDose over every course that targets the lesion;
        ``alpha_beta_gy`` is a number or a preset name; with ``recovery`` each
        earlier course counts (1 - r) (the fixed re-irradiation factors)."""
        from . import dose as D
        ab = D.alpha_beta(alpha_beta_gy)
        total, bed, eqd2, n = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), \
            ctypes.c_size_t()
        _L().ldrt_lesion_dose(self._patient._h, self._h, ab, 1 if recovery else 0,
                              ctypes.byref(total), ctypes.byref(bed), ctypes.byref(eqd2),
                              ctypes.byref(n))
        return LesionDose(total.value, bed.value, eqd2.value, n.value)


class Fraction(_View):
    """One fraction of a radiotherapy course."""

    _family = "fraction"
    __slots__ = ()

    def _describe(self):
        return "%s %g Gy" % (self.date, self.dose_gy)

    def _init_view(self):
        lib = _L()
        self._owner = _addr(lib.ldrt_course_as_event(lib.ldrt_fraction_course(self._ptr)))
        self._generated = bool(lib.ldrt_fraction_is_expanded(self._ptr))

    @property
    def course(self):
        """The RadiotherapyCourse it belongs to."""
        lib = _L()
        return self._patient._view(Event, lib.ldrt_course_as_event(lib.ldrt_fraction_course(self._h)))

    @property
    def index(self):
        """Its position in the course (0 first)."""
        return _L().ldrt_fraction_index(self._h)

    @property
    def date(self):
        return Date(_L().ldrt_fraction_date(self._h))

    @property
    def span(self):
        """(earliest, latest) day it can fall on."""
        lo, hi = c_date(), c_date()
        _L().ldrt_fraction_span(self._h, ctypes.byref(lo), ctypes.byref(hi))
        return Date(lo.value), Date(hi.value)

    @property
    def dose_gy(self):
        out = ctypes.c_double()
        _L().ldrt_fraction_dose_gy(self._h, ctypes.byref(out))
        return out.value

    @property
    def is_expanded(self):
        """True when generated from the course's prescription."""
        return bool(_L().ldrt_fraction_is_expanded(self._h))


_FIELDS = {
    "id": 1, "note": 2, "site": 3, "detail": 4, "procedure": 5, "pathology": 6, "regimen": 7,
    "intent": 8, "course_id": 9, "technique": 10, "modality": 11, "term": 12,
    "attribution": 13, "reason": 14,
}


def _text_field(name):
    code = _FIELDS[name]

    def get(self):
        return _str(_L().ldrt_event_text(self._h, code))

    def set(self, value):
        self._set_text(code, name, value)

    return property(get, set, doc="The ``%s`` text of the event, or None." % name)


class Event(_View):
    """An event of the timeline; the subclass follows its kind."""

    _family = "event"
    __slots__ = ()

    def _describe(self):
        return "%s %s%s" % (self.kind.value, self.date,
                            " %r" % self.id if self.id is not None else "")

    def _init_view(self):
        parent = _L().ldrt_event_parent(self._ptr)
        self._owner = _addr(parent) if parent else None
        self._generated = self._owner is not None

    def __eq__(self, other):
        if not isinstance(other, Event):
            return NotImplemented
        return self._patient is other._patient and _addr(self._ptr) == _addr(other._ptr)

    def __hash__(self):
        return hash((id(self._patient), _addr(self._ptr)))

    def _set_text(self, code, name, value):
        _L().ldrt_event_set_text(self._h, code, _text(value, name, True))

    def _regenerated(self):
        """Invalidates the views of items generated from this event (re-expanded)."""
        me = _addr(self._ptr)
        self._patient._invalidate(lambda v: v._owner == me and v._generated)

    id = _text_field("id")
    note = _text_field("note")

    @property
    def kind(self):
        """The EventKind."""
        return _enum_member(EventKind, _L().ldrt_event_type(self._h))

    @property
    def date(self):
        """The date as recorded (a Date, possibly partial)."""
        return Date(_L().ldrt_event_date(self._h))

    @date.setter
    def date(self, value: DateLike) -> None:
        d = _date(value, "date")
        h = self._h
        _L().ldrt_event_set_date(h, d)
        self._regenerated()

    @property
    def end(self):
        """The end date, or None."""
        out = c_date()
        if _optional(_L().ldrt_event_end, self._h, ctypes.byref(out)):
            return Date(out.value)
        return None

    @end.setter
    def end(self, value: Optional[DateLike]) -> None:
        _L().ldrt_event_set_end(self._h, _date(value, "end", True))

    @property
    def span(self):
        """(earliest, latest): every day the event can fall on."""
        lo, hi = c_date(), c_date()
        _L().ldrt_event_span(self._h, ctypes.byref(lo), ctypes.byref(hi))
        return Date(lo.value), Date(hi.value)

    @property
    def is_expanded(self):
        """True for an administration generated from a series."""
        return bool(_L().ldrt_event_is_expanded(self._h))

    @property
    def parent(self):
        """The series of a generated administration, else None."""
        return self._patient._view(Event, _L().ldrt_event_parent(self._h))


class DiseaseEvent(Event):
    """A diagnosis, recurrence or progression event."""

    __slots__ = ()
    site = _text_field("site")
    detail = _text_field("detail")


class SurgeryEvent(Event):
    """A surgery, with the lesions it removed."""

    __slots__ = ()
    site = _text_field("site")
    procedure = _text_field("procedure")
    pathology = _text_field("pathology")

    @property
    def removed_lesions(self):
        lib, h = _L(), self._h
        return [self._patient._view(Lesion, lib.ldrt_event_removed_lesion_at(h, i))
                for i in range(lib.ldrt_event_removed_lesion_count(h))]

    @removed_lesions.setter
    def removed_lesions(self, lesions):
        for lesion in lesions:
            self.add_removed_lesion(lesion)

    def add_removed_lesion(self, lesion):
        """Records that the surgery removed a lesion (a Lesion or its id)."""
        _L().ldrt_event_add_removed_lesion(self._h, self._patient._lesion_id(lesion, "lesion"))


class SystemicEvent(Event):
    """A systemic therapy: one administration, or a series (``repeat``)."""

    __slots__ = ()

    @property
    def _th(self):
        # the systemic handle of this event (same object, its own C type)
        return _L().ldrt_event_as_systemic_mut(self._h)
    regimen = _text_field("regimen")
    intent = _text_field("intent")

    @property
    def agents(self):
        """The agents: a list of Agent(drug, dose, unit)."""
        lib, h = _L(), self._th
        out = []
        for i in range(lib.ldrt_systemic_agent_count(h)):
            dose = ctypes.c_double()
            has = _optional(lib.ldrt_systemic_agent_dose, h, i, ctypes.byref(dose))
            out.append(Agent(_str(lib.ldrt_systemic_agent_drug(h, i)), dose.value if has else None,
                             _str(lib.ldrt_systemic_agent_unit(h, i))))
        return out

    @agents.setter
    def agents(self, agents):
        for agent in agents:
            if isinstance(agent, str):
                self.add_agent(agent)
            else:
                self.add_agent(*agent)

    def add_agent(self, drug, dose=None, unit=None):
        """Adds an agent: drug name, dose in ``unit`` (None when not recorded)."""
        _L().ldrt_systemic_add_agent(self._th, _text(drug, "drug"), _number(dose, "dose", True),
                                  _text(unit, "unit", True))

    def gives(self, drug):
        """Whether the event (or its series) gives a drug."""
        return bool(_L().ldrt_systemic_gives_drug(self._th, _text(drug, "drug")))

    @property
    def cycle(self):
        """The cycle number, or None."""
        out = ctypes.c_int()
        if _optional(_L().ldrt_systemic_cycle, self._th, ctypes.byref(out)):
            return out.value
        return None

    @cycle.setter
    def cycle(self, value: Optional[int]) -> None:
        _L().ldrt_systemic_set_cycle(self._th, 0 if value is None else _integer(value, "cycle"))

    @property
    def repeat(self):
        """(every_days, count) of a series, or None."""
        every, count = ctypes.c_int(), ctypes.c_int()
        if _optional(_L().ldrt_systemic_repeat, self._th, ctypes.byref(every), ctypes.byref(count)):
            return every.value, count.value
        return None

    @repeat.setter
    def repeat(self, value: Optional[Tuple[int, int]]) -> None:
        if value is None:
            self.set_repeat(0, 0)
        else:
            every, count = value
            self.set_repeat(every, count)

    def set_repeat(self, every_days: int, count: int) -> None:
        """Makes the event a series of ``count`` administrations ``every_days`` apart
        (0, 0 removes the repeat). Views of the former administrations become closed."""
        _L().ldrt_systemic_set_repeat(self._th, _integer(every_days, "every_days"),
                                   _integer(count, "count"))
        self._regenerated()

    @property
    def administrations(self):
        """The administrations it stands for (itself when single)."""
        lib, h = _L(), self._th
        return [self._patient._view(Event, lib.ldrt_systemic_administration_at(h, i))
                for i in range(lib.ldrt_systemic_administration_count(h))]


class HoldEvent(Event):
    """A drug holiday or discontinuation."""

    __slots__ = ()
    reason = _text_field("reason")

    @property
    def hold_kind(self):
        """A HoldKind, or None."""
        out = ctypes.c_int()
        if _optional(_L().ldrt_event_hold_kind, self._h, ctypes.byref(out)):
            return _enum_member(HoldKind, out.value)
        return None

    @hold_kind.setter
    def hold_kind(self, value):
        code = 0 if value is None else _enum_code(HoldKind, value, "hold_kind")
        _L().ldrt_event_set_hold_kind(self._h, code)

    @property
    def drugs(self):
        """The drugs held (empty: every drug)."""
        lib, h = _L(), self._h
        return [_str(lib.ldrt_event_drug_at(h, i)) for i in range(lib.ldrt_event_drug_count(h))]

    @drugs.setter
    def drugs(self, drugs):
        for drug in drugs:
            self.add_drug(drug)

    def add_drug(self, drug):
        _L().ldrt_event_add_drug(self._h, _text(drug, "drug"))


class RadiotherapyCourse(Event):
    """One radiotherapy course with its targets and fractions."""

    __slots__ = ()

    @property
    def _th(self):
        # the course handle of this event (same object, its own C type)
        return _L().ldrt_event_as_course_mut(self._h)
    site = _text_field("site")
    intent = _text_field("intent")
    course_id = _text_field("course_id")
    technique = _text_field("technique")
    modality = _text_field("modality")

    @property
    def targets(self):
        lib, h = _L(), self._th
        return [self._patient._view(Lesion, lib.ldrt_course_target_at(h, i))
                for i in range(lib.ldrt_course_target_count(h))]

    @targets.setter
    def targets(self, lesions):
        for lesion in lesions:
            self.add_target(lesion)

    def add_target(self, lesion):
        """Adds a target lesion (a Lesion or its id)."""
        _L().ldrt_course_add_target(self._th, self._patient._lesion_id(lesion, "lesion"))

    def targets_lesion(self, lesion):
        """Whether the course targets a lesion (a Lesion or its id)."""
        if not isinstance(lesion, Lesion):
            lesion = self._patient.lesion(lesion)
        ptr = self._patient._own(lesion, Lesion, "lesion")
        return bool(_L().ldrt_course_targets_lesion(self._th, ptr))

    @property
    def margin_mm(self):
        """The GTV/CTV-PTV margin in millimetres, or None."""
        out = ctypes.c_double()
        if _optional(_L().ldrt_course_margin_mm, self._th, ctypes.byref(out)):
            return out.value
        return None

    @margin_mm.setter
    def margin_mm(self, value):
        _L().ldrt_course_set_margin_mm(self._th, _number(value, "margin_mm", True))

    def add_fraction(self, date: DateLike, dose_gy):
        """Adds a listed fraction (date, dose in gray); returns the Fraction."""
        out = FractionP()
        _L().ldrt_course_add_fraction(self._th, _date(date, "date"), _number(dose_gy, "dose_gy"),
                                     ctypes.byref(out))
        return self._patient._view(Fraction, out)

    @property
    def prescription(self):
        """A Prescription(total_gy, fractions, schedule), or None."""
        total, n, sched = ctypes.c_double(), ctypes.c_int(), ctypes.c_int()
        if _optional(_L().ldrt_course_prescription, self._th, ctypes.byref(total),
                     ctypes.byref(n), ctypes.byref(sched)):
            return Prescription(total.value, n.value, _enum_member(Schedule, sched.value))
        return None

    @prescription.setter
    def prescription(self, value: Tuple[float, int, str]) -> None:
        self.set_prescription(*value)

    def set_prescription(self, total_gy, fractions: int, schedule="daily"):
        """Prescribes the course and expands it into its fractions from the course date.
        Views of earlier prescribed fractions become closed."""
        _L().ldrt_course_set_prescription(self._th, _number(total_gy, "total_gy"),
                                         _integer(fractions, "fractions"),
                                         _enum_code(Schedule, schedule, "schedule"))
        self._regenerated()

    @property
    def fractions(self):
        """The fractions, in time order."""
        lib, h = _L(), self._th
        return [self._patient._view(Fraction, lib.ldrt_course_fraction_at(h, i))
                for i in range(lib.ldrt_course_fraction_count(h))]

    @property
    def fraction_dates(self):
        """(first, last) fraction dates (ldrt.NotFound without fractions)."""
        first, last = c_date(), c_date()
        _L().ldrt_course_fraction_dates(self._th, ctypes.byref(first), ctypes.byref(last))
        return Date(first.value), Date(last.value)

    @property
    def overall_days(self):
        """(smallest, largest) overall treatment time in days."""
        lo, hi = ctypes.c_int64(), ctypes.c_int64()
        _L().ldrt_course_overall_days(self._th, ctypes.byref(lo), ctypes.byref(hi))
        return lo.value, hi.value

    @property
    def total_dose_gy(self):
        """The sum of the fraction doses in gray."""
        out = ctypes.c_double()
        _L().ldrt_course_total_dose_gy(self._th, ctypes.byref(out))
        return out.value

    @property
    def dose_per_fraction_gy(self):
        """(mean dose per fraction in gray, uniform: bool)."""
        mean, uniform = ctypes.c_double(), ctypes.c_int()
        _L().ldrt_course_dose_per_fraction_gy(self._th, ctypes.byref(mean), ctypes.byref(uniform))
        return mean.value, bool(uniform.value)

    def dose(self, alpha_beta_gy):
        """CourseDose(total_gy, bed_gy, eqd2_gy) from the real fraction doses;
        ``alpha_beta_gy`` is a number or a preset name ("melanoma")."""
        from . import dose as D
        ab = D.alpha_beta(alpha_beta_gy)
        total, bed, eqd2 = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        _L().ldrt_course_dose(self._th, ab, ctypes.byref(total), ctypes.byref(bed),
                              ctypes.byref(eqd2))
        return CourseDose(total.value, bed.value, eqd2.value)

    def bed_repop(self, alpha_beta_gy, kickoff_days, alpha_per_gy, tpot_days):
        """(lowest, highest) BED in Gy with the repopulation correction, the overall
        time taken from the fraction dates (a range when they are partial)."""
        from . import dose as D
        lo, hi = ctypes.c_double(), ctypes.c_double()
        _L().ldrt_course_bed_repop(self._th, D.alpha_beta(alpha_beta_gy),
                                   D._num(kickoff_days, "kickoff_days"),
                                   D._num(alpha_per_gy, "alpha_per_gy"),
                                   D._num(tpot_days, "tpot_days"), ctypes.byref(lo),
                                   ctypes.byref(hi))
        return lo.value, hi.value

    @property
    def regimen(self):
        """The ldrt.dose.Regimen of the course, from its fraction doses."""
        from . import dose as D
        code, mask = ctypes.c_int(), ctypes.c_uint()
        _L().ldrt_course_classify(self._th, ctypes.byref(code), ctypes.byref(mask))
        return D._regimen(code.value, mask.value)

    def drug_timing(self, drug, window_days: int = 90):
        """DrugTiming of a drug against this course (window: 90 days, Anscher 2022)."""
        prev, nxt, timing = ctypes.c_int64(), ctypes.c_int64(), ctypes.c_int()
        lib = _L()
        lib.ldrt_course_drug_timing(self._patient._h, self._th, _text(drug, "drug"),
                                    _integer(window_days, "window_days", ctypes.c_int64), ctypes.byref(prev),
                                    ctypes.byref(nxt), ctypes.byref(timing))
        return DrugTiming(lib.ldrt_drug_timing_name(timing.value).decode("ascii"),
                          None if prev.value < 0 else prev.value,
                          None if nxt.value < 0 else nxt.value)

    def response(self, options=None):
        """Each lesion's response to this course (in and out of field) as a list of
        LesionResponse; an out-of-field lesion that responded is an abscopal response."""
        from . import response as R
        lib = _L()
        out = CourseResponseP()
        lib.ldrt_patient_course_response(self._patient._h, self._th, R._options_handle(options),
                                         ctypes.byref(out))
        try:
            result = CourseResponse()
            result.abscopal = lib.ldrt_course_response_abscopal_count(out)
            for i in range(lib.ldrt_course_response_count(out)):
                lesion, inf = LesionP(), ctypes.c_int()
                before, best, change = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
                resp, days = ctypes.c_int(), ctypes.c_int64()
                lib.ldrt_course_response_lesion(out, i, ctypes.byref(lesion), ctypes.byref(inf),
                                                ctypes.byref(before), ctypes.byref(best),
                                                ctypes.byref(change), ctypes.byref(resp),
                                                ctypes.byref(days))
                scans = []
                for j in range(lib.ldrt_course_response_scan_count(out, i)):
                    d, mm, ch = c_date(), ctypes.c_double(), ctypes.c_double()
                    lib.ldrt_course_response_scan(out, i, j, ctypes.byref(d), ctypes.byref(mm),
                                                  ctypes.byref(ch))
                    scans.append((Date(d.value), mm.value, ch.value))
                result.append(LesionResponse(self._patient._view(Lesion, lesion), bool(inf.value),
                                             before.value, best.value, change.value,
                                             bool(resp.value),
                                             None if days.value < 0 else days.value, scans))
            return result
        finally:
            lib.ldrt_course_response_free(out)


class ImagingEvent(Event):
    """A scan with its measurements."""

    __slots__ = ()

    @property
    def _th(self):
        # the scan handle of this event (same object, its own C type)
        return _L().ldrt_event_as_scan_mut(self._h)

    @staticmethod
    def _measurement_state(lib, h, i):
        state = ctypes.c_int()
        lib.ldrt_scan_measurement_state(h, i, ctypes.byref(state))
        return _MEASUREMENT_STATES.get(lib.ldrt_lesion_state_name(state.value).decode("ascii"))

    @staticmethod
    def _non_target_state(lib, h, i):
        state = ctypes.c_int()
        lib.ldrt_scan_non_target_state(h, i, ctypes.byref(state))
        return state.value

    modality = _text_field("modality")

    @property
    def baseline(self):
        """True for the baseline scan, False if not, None when not recorded."""
        out = ctypes.c_int()
        if _optional(_L().ldrt_scan_baseline, self._th, ctypes.byref(out)):
            return bool(out.value)
        return None

    @baseline.setter
    def baseline(self, value):
        if value is not None and not isinstance(value, bool):
            raise TypeError("baseline: expected True, False or None, not %s"
                            % type(value).__name__)
        _L().ldrt_scan_set_baseline(self._th, -1 if value is None else int(value))

    def add_measurement(self, lesion, diameter_mm=None, too_small=False):
        """Adds a lesion's diameter in millimetres (0: disappeared; None: not evaluated)."""
        _L().ldrt_scan_add_measurement(self._th, self._patient._lesion_id(lesion, "lesion"),
                                        _number(diameter_mm, "diameter_mm", True),
                                        1 if too_small else 0)

    @property
    def measurements(self):
        """A list of Measurement(lesion, state, diameter_mm)."""
        lib, h = _L(), self._th
        out = []
        for i in range(lib.ldrt_scan_measurement_count(h)):
            mm = ctypes.c_double()
            has = _optional(lib.ldrt_scan_measurement_diameter_mm, h, i, ctypes.byref(mm))
            out.append(Measurement(self._patient._view(Lesion, lib.ldrt_scan_measurement_lesion(h, i)),
                                   self._measurement_state(lib, h, i),
                                   mm.value if has else None))
        return out

    @measurements.setter
    def measurements(self, values):
        """Adds measurements from a mapping {lesion id: diameter_mm}."""
        for lesion, mm in values.items():
            self.add_measurement(lesion, mm)

    def measurement(self, lesion):
        """The Measurement of a lesion on this scan, or None when it is not listed."""
        if not isinstance(lesion, Lesion):
            lesion = self._patient.lesion(lesion)
        ptr = self._patient._own(lesion, Lesion, "lesion")
        index = ctypes.c_size_t()
        if not _optional(_L().ldrt_scan_find_measurement, self._th, ptr, ctypes.byref(index)):
            return None
        return self.measurements[index.value]

    def add_sul_peak(self, lesion, value):
        """Adds a lesion's SULpeak (g/mL)."""
        _L().ldrt_scan_add_sul_peak(self._th, self._patient._lesion_id(lesion, "lesion"),
                                     _number(value, "value"))

    @property
    def sul_peaks(self):
        """A list of (Lesion, SULpeak)."""
        lib, h = _L(), self._th
        out = []
        for i in range(lib.ldrt_scan_sul_peak_count(h)):
            v = ctypes.c_double()
            lib.ldrt_scan_sul_peak_value(h, i, ctypes.byref(v))
            out.append((self._patient._view(Lesion, lib.ldrt_scan_sul_peak_lesion(h, i)), v.value))
        return out

    @property
    def liver_sul_mean(self):
        """Mean SUL of normal liver (g/mL), or None."""
        out = ctypes.c_double()
        if _optional(_L().ldrt_scan_liver_sul_mean, self._th, ctypes.byref(out)):
            return out.value
        return None

    @liver_sul_mean.setter
    def liver_sul_mean(self, value):
        _L().ldrt_scan_set_liver_sul_mean(self._th, _number(value, "liver_sul_mean", True))

    @property
    def blood_pool_sul(self):
        """SUL of the surrounding background blood pool (g/mL), or None (PERCIST CMR)."""
        out = ctypes.c_double()
        if _optional(_L().ldrt_scan_blood_pool_sul, self._th, ctypes.byref(out)):
            return out.value
        return None

    @blood_pool_sul.setter
    def blood_pool_sul(self, value):
        _L().ldrt_scan_set_blood_pool_sul(self._th, _number(value, "blood_pool_sul", True))

    def set_non_target(self, lesion, state):
        """Sets a non-target lesion's state (a NonTargetState or its name)."""
        _L().ldrt_scan_set_non_target(self._th, self._patient._lesion_id(lesion, "lesion"),
                                       _enum_code(NonTargetState, state, "state"))

    @property
    def non_targets(self):
        """A list of (Lesion, NonTargetState)."""
        lib, h = _L(), self._th
        return [(self._patient._view(Lesion, lib.ldrt_scan_non_target_lesion(h, i)),
                 _enum_member(NonTargetState, self._non_target_state(lib, h, i)))
                for i in range(lib.ldrt_scan_non_target_count(h))]

    def add_new_lesion(self, id, site=None, diameter_mm=None):
        """Adds a new lesion found on this scan."""
        _L().ldrt_scan_add_new_lesion(self._th, _text(id, "id"), _text(site, "site", True),
                                       _number(diameter_mm, "diameter_mm", True))

    @property
    def new_lesions(self):
        """A list of NewLesion(id, site, diameter_mm)."""
        lib, h = _L(), self._th
        out = []
        for i in range(lib.ldrt_scan_new_lesion_count(h)):
            mm = ctypes.c_double()
            has = _optional(lib.ldrt_scan_new_lesion_diameter_mm, h, i, ctypes.byref(mm))
            out.append(NewLesion(_str(lib.ldrt_scan_new_lesion_id(h, i)),
                                 _str(lib.ldrt_scan_new_lesion_site(h, i)),
                                 mm.value if has else None))
        return out

    @property
    def new_lesions_reported(self):
        """Whether the scan reports its new lesions (a list, even empty)."""
        return bool(_L().ldrt_scan_new_lesions_reported(self._th))

    @new_lesions_reported.setter
    def new_lesions_reported(self, value):
        if not isinstance(value, bool):
            raise TypeError("new_lesions_reported: expected a bool")
        _L().ldrt_scan_set_new_lesions_reported(self._th, int(value))

    @property
    def recorded_response(self):
        """(criteria, overall) recorded on the scan, or None."""
        crit, overall = ctypes.c_char_p(), ctypes.c_char_p()
        if _optional(_L().ldrt_scan_recorded_response, self._th, ctypes.byref(crit),
                     ctypes.byref(overall)):
            return _str(crit.value), _str(overall.value)
        return None

    @recorded_response.setter
    def recorded_response(self, value):
        if value is None:
            _L().ldrt_scan_set_recorded_response(self._th, None, None)
        else:
            criteria, overall = value
            _L().ldrt_scan_set_recorded_response(self._th, _text(criteria, "criteria"),
                                                  _text(overall, "overall"))


class ToxicityEvent(Event):
    """An adverse event (CTCAE term and grade)."""

    __slots__ = ()
    term = _text_field("term")
    attribution = _text_field("attribution")

    @property
    def grade(self):
        """The CTCAE grade 1-5, or None."""
        out = ctypes.c_int()
        if _optional(_L().ldrt_event_grade, self._h, ctypes.byref(out)):
            return out.value
        return None

    @grade.setter
    def grade(self, value: Optional[int]) -> None:
        _L().ldrt_event_set_grade(self._h, 0 if value is None else _integer(value, "grade"))

    @property
    def resolved(self):
        """The date it resolved, or None."""
        out = c_date()
        if _optional(_L().ldrt_event_resolved, self._h, ctypes.byref(out)):
            return Date(out.value)
        return None

    @resolved.setter
    def resolved(self, value: Optional[DateLike]) -> None:
        _L().ldrt_event_set_resolved(self._h, _date(value, "resolved", True))


class NoteEvent(Event):
    """A free-text note."""

    __slots__ = ()


_EVENT_CLASSES = {
    1: DiseaseEvent, 2: DiseaseEvent, 3: DiseaseEvent, 4: SurgeryEvent, 5: SystemicEvent,
    6: RadiotherapyCourse, 7: ImagingEvent, 8: ToxicityEvent, 9: HoldEvent, 10: NoteEvent,
}
