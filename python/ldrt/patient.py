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

import ctypes
import dataclasses
import enum
import math
import json
import os
import warnings
import weakref
from typing import (Any, Callable, Dict, Iterable, List, Mapping, Optional,
                    Sequence, Tuple, Type, TypeVar, Union)

from . import _convert, _lib, errors
from ._guard import Guarded, Lifetime, handle_in_use
from ._owned import _Owned
from ._record import Record
from ._prototypes import (AssessmentP, CourseP, CourseResponseP, DiagnosisP, EventP, FractionP,
                          LesionP, PatientP, ResistanceP, ExposureP, ScanP, SystemicP,
                          c_date)
from .code import SITE, TERM, Code
from ._prototypes import CodeStruct
from .dates import Date, DateLike, as_date
from .errors import ClosedError, NotFound

from .dose import Regimen, Tissue
from .response import Assessment, Options, Resistance

E = TypeVar("E", bound=enum.Enum)
V = TypeVar("V", bound="_View")
#: A file name: str, bytes or os.PathLike.
PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]
#: A lesion given by its view or its id.
LesionRef = Union["Lesion", str]

__all__ = [
    "Patient", "Event", "SystemicEvent", "RadiotherapyCourse", "ImagingEvent",
    "ToxicityEvent", "HoldEvent", "SurgeryEvent", "DiseaseEvent", "NoteEvent",
    "Fraction", "Lesion", "Diagnosis", "EventKind", "Category", "HoldKind", "Schedule",
    "NonTargetState", "MeasurementState", "Agent", "Measurement", "NewLesion",
    "Prescription", "DrugSummary", "DrugExposure", "LineExposure", "CourseDose", "LesionDose",
    "DrugTiming", "DrugTimingRange", "LesionResponse",
    "CourseResponse", "validate", "validate_file",
]


def _L() -> ctypes.CDLL:
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

    def __str__(self) -> str:
        return str(self.value)


class Category(str, enum.Enum):
    """The baseline role of a lesion (``category``)."""
    TARGET = "target"
    NON_TARGET = "non-target"
    NEW = "new"

    def __str__(self) -> str:
        return str(self.value)


class HoldKind(str, enum.Enum):
    """The kind of a hold event."""
    HOLIDAY = "holiday"
    DISCONTINUED = "discontinued"

    def __str__(self) -> str:
        return str(self.value)


class Schedule(str, enum.Enum):
    """The schedule of a radiotherapy prescription."""
    DAILY = "daily"
    WEEKDAYS = "weekdays"
    ALTERNATE_DAYS = "alternate-days"

    def __str__(self) -> str:
        return str(self.value)


class NonTargetState(str, enum.Enum):
    """The state of a non-target lesion on a scan."""
    PRESENT = "present"
    ABSENT = "absent"
    UNEQUIVOCAL_PROGRESSION = "unequivocal-progression"
    NOT_EVALUATED = "not-evaluated"

    def __str__(self) -> str:
        return str(self.value)


class MeasurementState(str, enum.Enum):
    """The state of a measured lesion on a scan."""
    MEASURED = "measured"
    NOT_EVALUATED = "not-evaluated"
    TOO_SMALL = "too-small"

    def __str__(self) -> str:
        return str(self.value)


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


def _enum_code(enum_cls: Type[enum.Enum], value: Any, what: str) -> int:
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
    return int(out.value)


def _enum_member(enum_cls: Type[E], code: int) -> Optional[E]:
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


def _str_of(raw: Optional[bytes]) -> str:
    """The text of a string the library always has ("" if it ever gave none)."""
    return "" if raw is None else raw.decode("utf-8")


def _str(raw: Optional[bytes]) -> Optional[str]:
    return None if raw is None else raw.decode("utf-8")


def _date(value: Any, what: str, allow_none: bool = False) -> int:
    if value is None:
        if allow_none:
            return 0
        raise TypeError("%s: a date is required" % what)
    return as_date(value, what).value


def _document(text: Union[str, bytes], what: str) -> bytes:
    if isinstance(text, str):
        return text.encode("utf-8")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    raise TypeError("%s: expected a str or bytes document, not %s" % (what, type(text).__name__))


def _take_buffer(out: Any, size: ctypes.c_size_t) -> bytes:
    """The bytes of a library-allocated buffer, which is then freed."""
    try:
        return ctypes.string_at(out, size.value) if out else b""
    finally:
        _L().ldrt_free(out)


def validate(document: Union[str, bytes]) -> List[str]:
    """Checks a JSON patient document (str or bytes) and returns the list of
    problems found, each naming its JSON path; an empty list means valid."""
    data = _document(document, "document")
    out, size, problems = ctypes.POINTER(ctypes.c_char)(), ctypes.c_size_t(), ctypes.c_size_t()
    _L().ldrt_json_validate_buffer(data, len(data), ctypes.byref(out), ctypes.byref(problems))
    size.value = len(ctypes.string_at(out)) if out else 0
    return _take_buffer(out, size).decode("utf-8").splitlines()


def validate_file(path: PathLike) -> List[str]:
    """Checks a JSON patient document file, as :func:`validate`."""
    out, size, problems = ctypes.POINTER(ctypes.c_char)(), ctypes.c_size_t(), ctypes.c_size_t()
    _L().ldrt_json_validate_file(_path(path, "path"), ctypes.byref(out), ctypes.byref(problems))
    size.value = len(ctypes.string_at(out)) if out else 0
    return _take_buffer(out, size).decode("utf-8").splitlines()


def _addr(ptr: Any) -> Optional[int]:
    return ctypes.cast(ptr, ctypes.c_void_p).value


def _optional(func: Callable[..., Any], *args: Any) -> bool:
    """Calls a getter that reports an absent field with LDRT_ENOTFOUND; True when present."""
    try:
        func(*args)
        return True
    except NotFound:
        return False


@dataclasses.dataclass(frozen=True)
class Agent(Record):
    """One agent of a systemic event: drug name, dose (None when not recorded), unit."""

    drug: str
    dose: Optional[float]
    unit: Optional[str]


@dataclasses.dataclass(frozen=True)
class Measurement(Record):
    """A lesion on a scan: the Lesion, a MeasurementState and the diameter in
    millimetres (None when not evaluated or too small without a value)."""

    lesion: "Lesion"
    state: Optional[MeasurementState]
    diameter_mm: Optional[float]


@dataclasses.dataclass(frozen=True)
class NewLesion(Record):
    """A new lesion found on a scan (site and diameter_mm may be None)."""

    id: str
    site: Optional[str]
    diameter_mm: Optional[float]


@dataclasses.dataclass(frozen=True)
class Prescription(Record):
    """The prescription of a course: total dose (Gy), fractions, Schedule."""

    total_gy: float
    fractions: int
    schedule: Optional[Schedule]


@dataclasses.dataclass(frozen=True)
class CourseDose(Record):
    """Physical dose, BED and EQD2 of a course from its fractions, in Gy."""

    total_gy: float
    bed_gy: float
    eqd2_gy: float


@dataclasses.dataclass(frozen=True)
class LesionDose(Record):
    """Cumulative dose of a lesion over the courses that target it (Gy)."""

    total_gy: float
    bed_gy: float
    eqd2_gy: float
    courses: int


@dataclasses.dataclass(frozen=True)
class DrugTiming(Record):
    """Timing of a drug against a course ("concurrent", "before", "after",
    "before-and-after", "not-given") and the days from the previous
    administration and to the next one (None when there is none)."""

    timing: str
    days_since_previous: Optional[int]
    days_until_next: Optional[int]


@dataclasses.dataclass(frozen=True)
class DrugTimingRange(Record):
    """Timing of a drug against a course with both bounds the (possibly partial)
    dates allow. ``nearest_days_min`` and ``nearest_days_max`` are the shortest
    and longest number of days between the course (first to last fraction) and
    the administration nearest to it, 0 when one can fall during the course;
    equal when every date is exact, None when the drug was never given.
    ``timing`` is named as in DrugTiming; when the nearest administration may
    or may not fall within the window (``nearest_days_min`` within it,
    ``nearest_days_max`` beyond it) it is "concurrent" and ``certain`` is
    False: "possibly concurrent". A sequential timing is always certain."""

    timing: str
    nearest_days_min: Optional[int]
    nearest_days_max: Optional[int]
    certain: bool


@dataclasses.dataclass(frozen=True)
class LesionResponse(Record):
    """One lesion's response to a course: in field or not, diameter before (mm),
    best after (mm) and its change (%), whether it responded (>= the abscopal
    threshold), days from the last fraction to the response (None when none),
    every scan after as (date, mm, %), and ``days_to_response_range``: the
    (shortest, longest) days from the last fraction to the response that the
    (possibly partial) dates allow, equal when both dates are exact and
    (None, None) when the lesion did not respond."""

    lesion: "Lesion"
    in_field: bool
    before_mm: float
    best_mm: float
    best_change_pct: float
    responded: bool
    days_to_response: Optional[int]
    scans: List[Tuple[Date, float, float]]
    days_to_response_range: Tuple[Optional[int], Optional[int]] = (None, None)


class CourseResponse(List[LesionResponse]):
    """The LesionResponse of each lesion measured before and after a course;
    ``abscopal`` counts the out-of-field lesions that responded."""

    abscopal = 0


@dataclasses.dataclass(frozen=True)
class DrugSummary(Record):
    """First and last administration dates of a drug and their number."""

    first: Date
    last: Date
    count: int


@dataclasses.dataclass(frozen=True)
class DrugExposure(Record):
    """Exposure to one drug within one line of therapy (ldrt_exposure_count(),
    ldrt_exposure_days()): the first and last recorded administration; how
    many the record lists (``recorded``) and how many were given (``count``:
    exact when ``exact``, else *at least* that many, from the cycle
    numbers and the series recorded with unknown dates, which add to
    ``count`` but not to ``recorded``); time on drug in days as a range,
    holds excluded."""

    drug: str
    first: Date
    last: Date
    recorded: int
    count: int
    exact: bool
    days_min: int
    days_max: int


@dataclasses.dataclass(frozen=True)
class LineExposure(Record):
    """One line of therapy (the systemic event that starts it) and the
    exposure to each of its drugs, in order of first use."""

    line: "Event"
    drugs: List[DrugExposure]


# --- the patient ---------------------------------------------------------------------

class Patient(_Owned):
    """One patient's clinical record.

    ``Patient(id)`` starts an empty record; :meth:`load` and :meth:`loads`
    read a JSON document. Use it as a context manager or call :meth:`close`;
    otherwise it is freed when garbage collected.
    """

    _closed = "the patient is closed"

    def __init__(self, id: str) -> None:
        handle = PatientP()
        _L().ldrt_patient_new(_text(id, "id"), ctypes.byref(handle))
        self._adopt(handle)

    @classmethod
    def _from_handle(cls, handle: Any) -> "Patient":
        self = cls.__new__(cls)
        self._adopt(handle)
        return self

    @classmethod
    def load(cls, path: PathLike) -> "Patient":
        """Reads a JSON patient document file (errors name the file and JSON path)."""
        handle = PatientP()
        _L().ldrt_patient_load_json(_path(path, "path"), ctypes.byref(handle))
        return cls._from_handle(handle)

    @classmethod
    def loads(cls, document: Union[str, bytes]) -> "Patient":
        """Reads a JSON patient document from a str or bytes."""
        data = _document(document, "document")
        handle = PatientP()
        _L().ldrt_patient_load_json_buffer(data, len(data), ctypes.byref(handle))
        return cls._from_handle(handle)

    def save(self, path: PathLike) -> None:
        """Writes the JSON document to a file, atomically (the old file stays on failure)."""
        _L().ldrt_patient_save_json(self._h, _path(path, "path"))

    def dumps(self) -> str:
        """The JSON document as a str."""
        out, size = ctypes.POINTER(ctypes.c_char)(), ctypes.c_size_t()
        _L().ldrt_patient_save_json_buffer(self._h, ctypes.byref(out), ctypes.byref(size))
        return _take_buffer(out, size).decode("utf-8")

    def to_fhir(self) -> Dict[str, Any]:
        """The record as one FHIR R4 Bundle (mCODE STU4, CodeX RT), a dict
        parsed from the JSON the library writes (``ldrt_patient_write_fhir()``,
        experimental tier; the mapping: doc/guides/fhir.md). The same record
        always gives the same bundle."""
        out, size = ctypes.POINTER(ctypes.c_char)(), ctypes.c_size_t()
        _L().ldrt_patient_write_fhir(self._h, ctypes.byref(out), ctypes.byref(size))
        bundle = json.loads(_take_buffer(out, size).decode("utf-8"))
        if not isinstance(bundle, dict):
            raise TypeError("the FHIR bundle is not a JSON object")
        return bundle

    @classmethod
    def from_fhir(cls, bundle: Union[Mapping[str, Any], str, bytes]) -> "Patient":
        """Reads a FHIR R4 Bundle of one patient (a dict, or its JSON text).
        Each resource that cannot be mapped is kept in the record (member
        ``fhir_unmapped``) and named in a :class:`ldrt.errors.FhirWarning`
        issued with :func:`warnings.warn`; nothing is dropped silently."""
        if isinstance(bundle, (str, bytes)):
            data = _document(bundle, "bundle")
        elif isinstance(bundle, Mapping):
            data = json.dumps(bundle, ensure_ascii=False, allow_nan=False).encode("utf-8")
        else:
            raise TypeError("bundle: a dict, str or bytes is needed, not %s" % type(bundle).__name__)
        handle = PatientP()
        notes = ctypes.POINTER(ctypes.c_char)()
        _L().ldrt_patient_read_fhir(data, len(data), ctypes.byref(handle), ctypes.byref(notes))
        patient = cls._from_handle(handle)
        size = ctypes.c_size_t(len(ctypes.string_at(notes)) if notes else 0)
        for line in _take_buffer(notes, size).decode("utf-8").splitlines():
            warnings.warn(line, errors.FhirWarning, stacklevel=2)
        return patient

    def plot(self, kind: str = "swimmer", path: Optional[PathLike] = None) -> Optional[str]:
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

    def render_timeline(self, format: str = "text") -> str:
        """The timeline as ``"text"``, ``"markdown"`` or ``"json"`` (a str)."""
        code = ctypes.c_int()
        _L().ldrt_timeline_format_parse(_text(format, "format"), ctypes.byref(code))
        out, size = ctypes.POINTER(ctypes.c_char)(), ctypes.c_size_t()
        _L().ldrt_timeline_render(self._h, code.value, ctypes.byref(out), ctypes.byref(size))
        return _take_buffer(out, size).decode("utf-8")

    #: The sections of :meth:`report`, in the order they are written (the
    #: bits of ``ldrt_report_section`` in ldrt/render.h).
    REPORT_SECTIONS = ("summary", "patient", "timeline", "radiotherapy", "immunotherapy",
                       "timing", "response", "course_response", "resistance", "toxicity")

    def report(self, format: str = "text", sections: Optional[Iterable[str]] = None) -> str:
        """The whole story of the patient, exactly as ``ldrt report`` prints it
        (``ldrt_patient_report()``): ``format`` is ``"text"``, ``"markdown"``
        or ``"json"``; ``sections`` an iterable of names of
        :attr:`REPORT_SECTIONS` (None: all of them). Returns a str;
        ``json.loads()`` reads the JSON form."""
        code = ctypes.c_int()
        _L().ldrt_format_parse(_text(format, "format"), ctypes.byref(code))
        if sections is None:
            mask = (1 << len(self.REPORT_SECTIONS)) - 1
        else:
            if isinstance(sections, (str, bytes)):
                raise TypeError("sections: an iterable of section names, not a single string")
            mask = 0
            for name in sections:
                if name not in self.REPORT_SECTIONS:
                    raise ValueError("sections: unknown section %r (one of %s)"
                                     % (name, ", ".join(self.REPORT_SECTIONS)))
                mask |= 1 << self.REPORT_SECTIONS.index(name)
            if not mask:
                raise ValueError("sections: at least one section")
        out, size = ctypes.POINTER(ctypes.c_char)(), ctypes.c_size_t()
        _L().ldrt_patient_report(self._h, code.value, mask, ctypes.byref(out), ctypes.byref(size))
        return _take_buffer(out, size).decode("utf-8")

    def _adopt(self, handle: Any) -> None:
        # Views by (class, address), so one item has one view and a removal can
        # invalidate the views of what it freed.
        self._views: "weakref.WeakValueDictionary[Tuple[Optional[str], Optional[int]], _View]" = \
            weakref.WeakValueDictionary()
        self._own_handle(handle, _L().ldrt_patient_free)

    # lifetime: close() and closed come from _Owned. A call in flight in another
    # thread finishes on the live record; every later use of the patient or of
    # a view of it raises ClosedError.

    # copies and pickles go through the document (never share the C record)
    def __copy__(self) -> "Patient":
        return Patient.loads(self.dumps())

    def __deepcopy__(self, memo: Any) -> "Patient":
        return Patient.loads(self.dumps())

    def __reduce__(self) -> Tuple[Any, Tuple[str]]:
        return (Patient.loads, (self.dumps(),))

    def __enter__(self) -> "Patient":
        self._h
        return self

    def __repr__(self) -> str:
        try:
            return "<ldrt.Patient %r: %d events, %d lesions>" % (self.id, len(self.events),
                                                                len(self.lesions))
        except ClosedError:
            return "<ldrt.Patient (closed)>"

    # views
    def _view_or_none(self, cls: Type[V], ptr: Any) -> Optional[V]:
        return self._view(cls, ptr) if ptr else None

    def _view(self, cls: Type[V], ptr: Any) -> V:
        if not ptr:
            raise RuntimeError("ldrt internal error: the library gave no %s" % cls.__name__)
        if cls is Event:
            kind = _L().ldrt_event_type(ptr)
            cls = _EVENT_CLASSES.get(kind, Event)  # type: ignore[assignment]
        key = (cls._family, _addr(ptr))
        view: Optional[Any] = self._views.get(key)
        if view is None or not view._valid:
            view = cls.__new__(cls)
            view._patient = self
            view._ptr = ptr
            view._valid = True
            view._init_view()
            self._views[key] = view
        return view

    def _invalidate(self, predicate: Callable[["_View"], bool]) -> None:
        for key, view in list(self._views.items()):
            if predicate(view):
                view._valid = False
                del self._views[key]

    def _own(self, view: Any, cls: Type["_View"], what: str) -> Any:
        """The handle of a view of this patient, checked."""
        if not isinstance(view, cls):
            raise TypeError("%s: expected an ldrt.%s, not %s"
                            % (what, cls.__name__, type(view).__name__))
        if view._patient is not self:
            raise ValueError("%s: %r belongs to another patient" % (what, view))
        return view._h

    def _lesion_id(self, lesion: LesionRef, what: str) -> Optional[bytes]:
        if isinstance(lesion, Lesion):
            self._own(lesion, Lesion, what)
            return _text(lesion.id, what)
        return _text(lesion, what)

    def _event_list(self, call: Callable[..., Any], *args: Any, handle: Any = EventP,
                    to_event: Optional[Callable[[Any], Any]] = None) -> List["Event"]:
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
    def id(self) -> Optional[str]:
        """The patient identifier (``patient.id``)."""
        return _str(_L().ldrt_patient_id(self._h))

    @id.setter
    def id(self, value: str) -> None:
        _L().ldrt_patient_set_id(self._h, _text(value, "id"))

    @property
    def sex(self) -> Optional[str]:
        """The sex as recorded, or None."""
        return _str(_L().ldrt_patient_sex(self._h))

    @sex.setter
    def sex(self, value: Optional[str]) -> None:
        _L().ldrt_patient_set_sex(self._h, _text(value, "sex", True))

    @property
    def birth_date(self) -> Optional[Date]:
        """The birth date (often only a year), or None."""
        out = c_date()
        if _optional(_L().ldrt_patient_birth_date, self._h, ctypes.byref(out)):
            return Date(out.value)
        return None

    @birth_date.setter
    def birth_date(self, value: Optional[DateLike]) -> None:
        _L().ldrt_patient_set_birth_date(self._h, _date(value, "birth_date", True))

    # vital status and follow-up
    def _date_of(self, getter: Callable[..., Any]) -> Optional[Date]:
        out = c_date()
        if _optional(getter, self._h, ctypes.byref(out)):
            return Date(out.value)
        return None

    @property
    def death_date(self) -> Optional[Date]:
        """The date of death (``patient.death_date``, partial allowed), or None."""
        return self._date_of(_L().ldrt_patient_death_date)

    @death_date.setter
    def death_date(self, value: Optional[DateLike]) -> None:
        _L().ldrt_patient_set_death_date(self._h, _date(value, "death_date", True))

    @property
    def death_cause(self) -> Optional[str]:
        """The cause of death as recorded, or None."""
        return _str(_L().ldrt_patient_death_cause(self._h))

    @death_cause.setter
    def death_cause(self, value: Optional[str]) -> None:
        _L().ldrt_patient_set_death_cause(self._h, _text(value, "death_cause", True))

    @property
    def last_contact(self) -> Optional[Date]:
        """The date last known alive as recorded (``patient.last_contact``), or None."""
        return self._date_of(_L().ldrt_patient_last_contact)

    @last_contact.setter
    def last_contact(self, value: Optional[DateLike]) -> None:
        _L().ldrt_patient_set_last_contact(self._h, _date(value, "last_contact", True))

    @property
    def last_known_alive(self) -> Optional[Date]:
        """The later of ``last_contact`` and the last event that shows the patient
        alive (every event but a note), or None."""
        return self._date_of(_L().ldrt_patient_last_known_alive)

    def check_dates(self) -> None:
        """Raises InvalidArgument when the vital-status dates conflict with the
        record (a death before the birth or an event, ...)."""
        _L().ldrt_patient_check_dates(self._h)

    # diagnoses
    @property
    def diagnoses(self) -> List["Diagnosis"]:
        """The diagnoses, in the order they were added."""
        lib, h = _L(), self._h
        return [self._view(Diagnosis, lib.ldrt_patient_diagnosis_at_mut(h, i))
                for i in range(lib.ldrt_patient_diagnosis_count(h))]

    def add_diagnosis(self, date: DateLike, condition: str, site: Optional[str] = None,
                      stage: Optional[str] = None,
                      markers: Optional[Mapping[str, Optional[str]]] = None) -> "Diagnosis":
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

    def remove_diagnosis(self, diagnosis: "Diagnosis") -> None:
        ptr = self._own(diagnosis, Diagnosis, "diagnosis")
        _L().ldrt_patient_remove_diagnosis(self._h, ptr)
        diagnosis._valid = False
        self._invalidate(lambda v: v is diagnosis)

    # lesions
    @property
    def lesions(self) -> List["Lesion"]:
        """The lesions, in the order they were added."""
        lib, h = _L(), self._h
        return [self._view(Lesion, lib.ldrt_patient_lesion_at_mut(h, i))
                for i in range(lib.ldrt_patient_lesion_count(h))]

    def lesion(self, id: str) -> "Lesion":
        """The lesion with this id (raises ldrt.NotFound)."""
        out = LesionP()
        _L().ldrt_patient_find_lesion_mut(self._h, _text(id, "id"), ctypes.byref(out))
        return self._view(Lesion, out)

    def add_lesion(self, id: str, site: Optional[str] = None, organ: Optional[str] = None,
                   nodal: Optional[bool] = None,
                   category: Union["Category", str, None] = None) -> "Lesion":
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
                lesion.category = category  # type: ignore[assignment]  # the setter takes str
        except BaseException:
            self.remove_lesion(lesion)
            raise
        return lesion

    def remove_lesion(self, lesion: "Lesion") -> None:
        """Removes a lesion no event refers to (else ldrt.WrongState)."""
        ptr = self._own(lesion, Lesion, "lesion")
        _L().ldrt_patient_remove_lesion(self._h, ptr)
        lesion._valid = False
        self._invalidate(lambda v: v is lesion)

    # events
    @property
    def events(self) -> List["Event"]:
        """The recorded events in time order (a series counts once)."""
        lib, h = _L(), self._h
        return [self._view(Event, lib.ldrt_patient_event_at_mut(h, i))
                for i in range(lib.ldrt_patient_event_count(h))]

    def add_event(self, kind: Union[EventKind, str], date: DateLike, **fields: Any) -> Any:
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
                                    % (event.kind, name))
                setattr(event, name, value)
        except BaseException:
            self.remove_event(event)
            raise
        return event

    def remove_event(self, event: "Event") -> None:
        """Removes a recorded event and everything it holds (its fractions, administrations)."""
        ptr = self._own(event, Event, "event")
        _L().ldrt_patient_remove_event(self._h, ptr)
        me = _addr(ptr)
        event._valid = False
        self._invalidate(lambda v: v is event or v._owner == me)

    def find_event(self, id: str) -> "Event":
        """The recorded event with this ``id`` (raises ldrt.NotFound)."""
        out = EventP()
        _L().ldrt_patient_find_event_mut(self._h, _text(id, "id"), ctypes.byref(out))
        return self._view(Event, out)

    def find_course(self, course_id: str) -> Any:
        """The radiotherapy course with this ``course_id`` (raises ldrt.NotFound)."""
        lib = _L()
        out = CourseP()
        lib.ldrt_patient_find_course_mut(self._h, _text(course_id, "course_id"), ctypes.byref(out))
        return self._view(Event, lib.ldrt_course_as_event_mut(out))

    # timeline queries
    def timeline(self, kinds: Union[EventKind, str, Iterable[Union[EventKind, str]], None] = None,
                 start: Optional[DateLike] = None, end: Optional[DateLike] = None,
                 expand: bool = False) -> List[Any]:
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

    def drug_administrations(self, drug: str) -> List["Event"]:
        """Every administration of a drug (series expanded), in time order."""
        return self._event_list(_L().ldrt_patient_drug_administrations, self._h,
                                _text(drug, "drug"))

    def drug_summary(self, drug: str) -> DrugSummary:
        """DrugSummary(first, last, count) of a drug (ldrt.NotFound when never given)."""
        first, last, n = c_date(), c_date(), ctypes.c_size_t()
        _L().ldrt_patient_drug_summary(self._h, _text(drug, "drug"), ctypes.byref(first),
                                       ctypes.byref(last), ctypes.byref(n))
        return DrugSummary(Date(first.value), Date(last.value), n.value)

    def drug_cumulative_dose(self, drug: str) -> Tuple[float, Optional[str]]:
        """(total dose, unit) of a drug over its administrations."""
        dose, unit = ctypes.c_double(), ctypes.c_char_p()
        _L().ldrt_patient_drug_cumulative_dose(self._h, _text(drug, "drug"), ctypes.byref(dose),
                                               ctypes.byref(unit))
        return dose.value, _str(unit.value)

    def drug_exposure_days(self, drug: str) -> Tuple[int, int]:
        """(smallest, largest) days from the first to the last administration of a drug."""
        lo, hi = ctypes.c_int64(), ctypes.c_int64()
        _L().ldrt_patient_drug_exposure_days(self._h, _text(drug, "drug"), ctypes.byref(lo),
                                             ctypes.byref(hi))
        return lo.value, hi.value

    def drug_gaps(self, drug: str, longer_than_days: int) -> List["Event"]:
        """The administrations followed by the next one more than ``longer_than_days`` later."""
        return self._event_list(_L().ldrt_patient_drug_gaps, self._h, _text(drug, "drug"),
                                _integer(longer_than_days, "longer_than_days", ctypes.c_int64))

    def drug_holds(self, drug: str) -> List["Event"]:
        """The holds that apply to a drug (naming it or naming no drug), in time order."""
        return self._event_list(_L().ldrt_patient_drug_holds, self._h, _text(drug, "drug"))

    def lesion_fractions(self, lesion: LesionRef) -> List["Fraction"]:
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
    def response_rows(self) -> Dict[str, List[Any]]:
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
        new_index: Dict[str, int] = {}
        roles = {Category.TARGET: R.TARGET, Category.NON_TARGET: R.NON_TARGET,
                 Category.NEW: R.NEW}
        nt_states = {NonTargetState.PRESENT: R.PRESENT, NonTargetState.ABSENT: R.ABSENT,
                     NonTargetState.UNEQUIVOCAL_PROGRESSION: R.PROGRESSION,
                     NonTargetState.NOT_EVALUATED: R.NOT_EVALUATED}

        def has_data(scan: Any) -> bool:
            return bool(scan.measurements) or bool(scan.non_targets)

        scans = [s for s in self.timeline(kinds="imaging") if has_data(s) or s.new_lesions]
        with_data = [s for s in scans if has_data(s)]
        flagged = [s for s in with_data if s.baseline]
        baseline = flagged[0] if flagged else (with_data[0] if with_data else None)
        out: Dict[str, List[Any]] = {"scans": [], "dates": [], "tp_offsets": [0], "lesion": [],
                                     "role": [], "state": [], "value": []}
        if baseline is None:
            return out
        scans = scans[scans.index(baseline):]
        measured_at_baseline = {id(m.lesion) for m in baseline.measurements}
        nt_at_baseline = {id(l) for l, _s in baseline.non_targets}

        def role_of(lesion: Lesion) -> int:
            role: Optional[int] = roles.get(lesion.category) if lesion.category else None
            if role is None:
                role = (R.TARGET if id(lesion) in measured_at_baseline else
                        R.NON_TARGET if id(lesion) in nt_at_baseline else R.NEW)
            return role | R.NODAL if lesion.nodal else role

        for scan in scans:
            rows: List[Tuple[int, int, int, float]] = []
            seen = set()
            for m in scan.measurements:
                seen.add(id(m.lesion))
                if m.state is MeasurementState.MEASURED:
                    state, value = R.PRESENT, float(m.diameter_mm or 0.0)
                elif m.state is MeasurementState.TOO_SMALL:
                    state, value = R.TOO_SMALL, math.nan
                else:
                    state, value = R.NOT_EVALUATED, math.nan
                rows.append((index[id(m.lesion)], role_of(m.lesion), state, value))
            for lesion, nt_state in scan.non_targets:
                if id(lesion) not in seen:
                    rows.append((index[id(lesion)], role_of(lesion), nt_states[nt_state],
                                 math.nan))
            for new in scan.new_lesions:
                k = new_index.setdefault(new.id, len(lesions) + len(new_index))
                rows.append((k, R.NEW, R.PRESENT,
                             math.nan if new.diameter_mm is None else new.diameter_mm))
            out["scans"].append(scan)
            out["dates"].append(scan.date)
            for k, role, row_state, row_value in rows:
                out["lesion"].append(k)
                out["role"].append(role)
                out["state"].append(row_state)
                out["value"].append(row_value)
            out["tp_offsets"].append(len(out["lesion"]))
        return out

    def assess(self, criteria: Union[str, int] = "recist1.1",
               options: Optional["Options"] = None) -> "Assessment":
        """Assesses the record's scans by ``criteria`` ("recist1.1", "irecist" or
        "percist1.0") in the library (the baseline, roles and new lesions as
        ldrt_patient_assess() documents them). Returns an
        :class:`ldrt.response.Assessment`."""
        from . import response as R
        crit = R._criteria(criteria)
        out = AssessmentP()
        _L().ldrt_patient_assess(self._h, crit, R._options_handle(options), ctypes.byref(out))
        return R.Assessment._adopt(out)

    def resistance(self, drug: str, line_start: Optional[DateLike] = None,
                   assessment: Optional["Assessment"] = None,
                   options: Optional["Options"] = None) -> "Resistance":
        """SITC resistance to a drug from the record (ldrt_patient_resistance()):
        the first dose on or after ``line_start``, the responses of
        ``assessment`` (RECIST 1.1 or iRECIST) with the record's progression
        and recurrence events. Returns an :class:`ldrt.response.Resistance`."""
        from . import response as R
        if assessment is not None and not isinstance(assessment, R.Assessment):
            raise TypeError("assessment: expected an ldrt.response.Assessment or None")
        out = ResistanceP()
        _L().ldrt_patient_resistance(self._h, _text(drug, "drug"),
                                     _date(line_start, "line_start", True),
                                     assessment._h if assessment is not None else None,
                                     R._options_handle(options), ctypes.byref(out))
        return R._resistance_result(out)

    def therapy_lines(self) -> List["Event"]:
        """The systemic events that start a line of therapy, in time order
        (ldrt_patient_therapy_lines()): drugs given together are one line; a
        cycle-1 event or a new drug starts the next one."""
        lib = _L()
        return self._event_list(lib.ldrt_patient_therapy_lines, self._h, handle=SystemicP,
                                to_event=lib.ldrt_systemic_as_event)

    def exposure(self) -> List[LineExposure]:
        """Drug exposure per line of therapy and per drug within a line
        (ldrt_patient_exposure()): a rechallenge is its own line, the gap
        between lines and the holds are not time on drug, and a series with
        unrecorded cycles is counted "at least N" (``exact`` False)."""
        lib = _L()
        handle = ExposureP()
        lib.ldrt_patient_exposure(self._h, ctypes.byref(handle))
        try:
            out: List[LineExposure] = []
            for i in range(lib.ldrt_exposure_line_count(handle)):
                event = self._view(Event, lib.ldrt_systemic_as_event(
                    lib.ldrt_exposure_line(handle, i)))
                drugs: List[DrugExposure] = []
                for k in range(lib.ldrt_exposure_drug_count(handle, i)):
                    first, last = c_date(), c_date()
                    rec, cnt, exact = ctypes.c_size_t(), ctypes.c_size_t(), ctypes.c_int()
                    lo, hi = ctypes.c_int64(), ctypes.c_int64()
                    lib.ldrt_exposure_dates(handle, i, k, ctypes.byref(first), ctypes.byref(last))
                    lib.ldrt_exposure_count(handle, i, k, ctypes.byref(rec), ctypes.byref(cnt),
                                            ctypes.byref(exact))
                    lib.ldrt_exposure_days(handle, i, k, ctypes.byref(lo), ctypes.byref(hi))
                    drugs.append(DrugExposure(_str(lib.ldrt_exposure_drug(handle, i, k)) or "",
                                              Date(first.value), Date(last.value), rec.value,
                                              cnt.value, bool(exact.value), lo.value, hi.value))
                out.append(LineExposure(event, drugs))
            return out
        finally:
            lib.ldrt_exposure_free(handle)

    def line_resistance(self, line: "Event", assessment: Optional["Assessment"] = None,
                        options: Optional["Options"] = None) -> "Resistance":
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
        out = ResistanceP()
        lib.ldrt_patient_line_resistance(self._h, systemic,
                                          assessment._h if assessment is not None else None,
                                          R._options_handle(options), ctypes.byref(out))
        return R._resistance_result(out)

    def radscopal(self, window_days: int) -> List[Tuple["Event", "Event"]]:
        """RadScopal pairs (high-dose course, low-dose course to other lesions) at most
        ``window_days`` apart; the window is the caller's (none is published)."""
        lib = _L()
        high, low = ctypes.POINTER(CourseP)(), ctypes.POINTER(CourseP)()
        n = ctypes.c_size_t()
        lib.ldrt_patient_radscopal(self._h, _integer(window_days, "window_days", ctypes.c_int64),
                                   ctypes.byref(high), ctypes.byref(low), ctypes.byref(n))
        try:
            def event(course: Any) -> Event:
                return self._view(Event, lib.ldrt_course_as_event(CourseP.from_buffer_copy(course)))
            return [(event(high[i]), event(low[i])) for i in range(n.value)]
        finally:
            lib.ldrt_free(high)
            lib.ldrt_free(low)

    def assess_recorded(self, criteria: str = "recist1.1",
                        options: Optional["Options"] = None) -> "Assessment":
        """An Assessment from the responses recorded on the scans for ``criteria``."""
        from . import response as R
        dates, labels = [], []
        for scan in self.timeline(kinds="imaging"):
            rec = scan.recorded_response
            if rec is not None and rec[0] == criteria:
                dates.append(scan.date)
                labels.append(rec[1])
        return R.assess_recorded(criteria, dates, labels, options)

    def lesion_scans(self, lesion: LesionRef) -> List["Event"]:
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

    _family: Optional[str] = None
    __slots__ = ("_patient", "_ptr", "_valid", "_owner", "_generated", "__weakref__")
    _patient: Patient
    _ptr: Any
    _valid: bool
    _owner: Optional[int]
    _generated: bool

    def _describe(self) -> str:
        raise NotImplementedError

    def _init_view(self) -> None:
        # _owner: the address of the event whose removal frees this item too;
        # _generated: the item is regenerated when that event is re-expanded.
        self._owner = None
        self._generated = False

    def _lifetime_in_use(self) -> Lifetime:
        return self._patient._lifetime

    def _closed_message(self) -> str:
        return "%s: its patient is closed" % type(self).__name__

    @property
    def _h(self) -> Any:
        handle_in_use(self._patient._lifetime)
        if not self._valid:
            raise ClosedError("%s: it was removed from its patient (or regenerated)"
                              % type(self).__name__)
        return self._ptr

    @property
    def patient(self) -> Patient:
        """The Patient this item belongs to."""
        self._h
        return self._patient

    # A view is borrowed from its patient's record: a copy is the same view.
    def __copy__(self: V) -> V:
        return self

    def __deepcopy__(self, memo: Any) -> Any:
        raise TypeError("an ldrt.%s cannot be deep-copied on its own: copy its Patient"
                        % type(self).__name__)

    def __reduce__(self) -> Any:
        raise TypeError("an ldrt.%s cannot be pickled on its own: pickle its Patient"
                        % type(self).__name__)

    def __repr__(self) -> str:
        try:
            return "<ldrt.%s %s>" % (type(self).__name__, self._describe())
        except ClosedError:
            return "<ldrt.%s (closed)>" % type(self).__name__


def _code_get(getter: Callable[..., Any], h: Any, *args: Any) -> Optional[Code]:
    out = CodeStruct()
    if _optional(getter, h, *args, ctypes.byref(out)):
        return Code(_str_of(out.system), _str_of(out.code), _str(out.display))
    return None


def _code_args(value: Optional[Code]) -> Tuple[Optional[bytes], Optional[bytes], Optional[bytes]]:
    if value is None:
        return None, None, None
    if not isinstance(value, Code):
        raise TypeError("code: expected an ldrt.code.Code or None, not %s" % type(value).__name__)
    return (_text(value.system, "system"), _text(value.code, "code"),
            _text(value.display, "display", True))


def _code_property(getter: str, setter: str, of: int, doc: str) -> Any:
    def get(self: Any) -> Optional[Code]:
        return _code_get(getattr(_L(), getter), self._h, of)

    def set(self: Any, value: Optional[Code]) -> None:
        getattr(_L(), setter)(self._h, of, *_code_args(value))

    return property(get, set, doc=doc)


class Diagnosis(_View):
    """A diagnosis of the document's top-level ``diagnoses`` list."""

    _family: Optional[str] = "diagnosis"
    __slots__ = ()

    def _describe(self) -> str:
        return "%s %s" % (self.date, self.condition)

    @property
    def date(self) -> Date:
        return Date(_L().ldrt_diagnosis_date(self._h))

    @property
    def condition(self) -> Optional[str]:
        return _str(_L().ldrt_diagnosis_condition(self._h))

    @property
    def site(self) -> Optional[str]:
        return _str(_L().ldrt_diagnosis_site(self._h))

    @site.setter
    def site(self, value: Optional[str]) -> None:
        _L().ldrt_diagnosis_set_site(self._h, _text(value, "site", True))

    @property
    def stage(self) -> Optional[str]:
        return _str(_L().ldrt_diagnosis_stage(self._h))

    @stage.setter
    def stage(self, value: Optional[str]) -> None:
        _L().ldrt_diagnosis_set_stage(self._h, _text(value, "stage", True))

    @property
    def markers(self) -> Dict[Optional[str], Optional[str]]:
        """The markers as a dict (a copy), in the order they were set."""
        lib, h = _L(), self._h
        out = {}
        for i in range(lib.ldrt_diagnosis_marker_count(h)):
            name, value = ctypes.c_char_p(), ctypes.c_char_p()
            lib.ldrt_diagnosis_marker_at(h, i, ctypes.byref(name), ctypes.byref(value))
            out[_str(name.value)] = _str(value.value)
        return out

    def set_marker(self, name: str, value: Optional[str]) -> None:
        """Sets a marker (``value`` None removes it)."""
        _L().ldrt_diagnosis_set_marker(self._h, _text(name, "name"), _text(value, "value", True))

    code = _code_property("ldrt_diagnosis_code", "ldrt_diagnosis_set_code", TERM,
                          "The Code of the condition (``code``), or None.")
    site_code = _code_property("ldrt_diagnosis_code", "ldrt_diagnosis_set_code", SITE,
                               "The Code of the site (``site_code``), or None.")


class Lesion(_View):
    """A lesion of the patient."""

    _family: Optional[str] = "lesion"
    __slots__ = ()

    site_code = _code_property("ldrt_lesion_code", "ldrt_lesion_set_code", SITE,
                               "The Code of the lesion's site (``site_code``), or None.")

    def _describe(self) -> str:
        return repr(self.id)

    @property
    def id(self) -> str:
        return _str_of(_L().ldrt_lesion_id(self._h))

    @property
    def site(self) -> Optional[str]:
        return _str(_L().ldrt_lesion_site(self._h))

    @site.setter
    def site(self, value: Optional[str]) -> None:
        _L().ldrt_lesion_set_site(self._h, _text(value, "site", True))

    @property
    def organ(self) -> Optional[str]:
        return _str(_L().ldrt_lesion_organ(self._h))

    @organ.setter
    def organ(self, value: Optional[str]) -> None:
        _L().ldrt_lesion_set_organ(self._h, _text(value, "organ", True))

    @property
    def nodal(self) -> Optional[bool]:
        """True for a lymph node, False if not, None when not recorded."""
        out = ctypes.c_int()
        if _optional(_L().ldrt_lesion_nodal, self._h, ctypes.byref(out)):
            return bool(out.value)
        return None

    @nodal.setter
    def nodal(self, value: Optional[bool]) -> None:
        if value is not None and not isinstance(value, bool):
            raise TypeError("nodal: expected True, False or None, not %s" % type(value).__name__)
        _L().ldrt_lesion_set_nodal(self._h, -1 if value is None else int(value))

    @property
    def category(self) -> Optional[Category]:
        """A Category, or None."""
        return _enum_member(Category, _L().ldrt_lesion_category_of(self._h))

    @category.setter
    def category(self, value: Union[Category, str, None]) -> None:
        code = 0 if value is None else _enum_code(Category, value, "category")
        _L().ldrt_lesion_set_category(self._h, code)

    @property
    def fractions(self) -> List["Fraction"]:
        """The fractions that targeted this lesion."""
        return self.patient.lesion_fractions(self)

    @property
    def scans(self) -> List["Event"]:
        """The scans that assessed this lesion."""
        return self.patient.lesion_scans(self)

    def dose(self, alpha_beta_gy: Union[float, str, "Tissue"], recovery: bool = False) -> LesionDose:
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

    _family: Optional[str] = "fraction"
    __slots__ = ()

    def _describe(self) -> str:
        return "%s %g Gy" % (self.date, self.dose_gy)

    def _init_view(self) -> None:
        lib = _L()
        self._owner = _addr(lib.ldrt_course_as_event(lib.ldrt_fraction_course(self._ptr)))
        self._generated = bool(lib.ldrt_fraction_is_expanded(self._ptr))

    @property
    def course(self) -> "RadiotherapyCourse":
        """The RadiotherapyCourse it belongs to."""
        lib = _L()
        return self._patient._view(RadiotherapyCourse,
                                   lib.ldrt_course_as_event(lib.ldrt_fraction_course(self._h)))

    @property
    def index(self) -> int:
        """Its position in the course (0 first)."""
        return int(_L().ldrt_fraction_index(self._h))

    @property
    def date(self) -> Date:
        return Date(_L().ldrt_fraction_date(self._h))

    @property
    def span(self) -> Tuple[Date, Date]:
        """(earliest, latest) day it can fall on."""
        lo, hi = c_date(), c_date()
        _L().ldrt_fraction_span(self._h, ctypes.byref(lo), ctypes.byref(hi))
        return Date(lo.value), Date(hi.value)

    @property
    def dose_gy(self) -> float:
        out = ctypes.c_double()
        _L().ldrt_fraction_dose_gy(self._h, ctypes.byref(out))
        return out.value

    @property
    def is_expanded(self) -> bool:
        """True when generated from the course's prescription."""
        return bool(_L().ldrt_fraction_is_expanded(self._h))


_FIELDS = {
    "id": 1, "note": 2, "site": 3, "detail": 4, "procedure": 5, "pathology": 6, "regimen": 7,
    "intent": 8, "course_id": 9, "technique": 10, "modality": 11, "term": 12,
    "attribution": 13, "reason": 14, "during": 15,
}


def _text_field(name: str) -> Any:
    code = _FIELDS[name]

    def get(self: "Event") -> Optional[str]:
        return _str(_L().ldrt_event_text(self._h, code))

    def set(self: "Event", value: Optional[str]) -> None:
        self._set_text(code, name, value)

    return property(get, set, doc="The ``%s`` text of the event, or None." % name)


class Event(_View):
    """An event of the timeline; the subclass follows its kind."""

    _family: Optional[str] = "event"
    __slots__ = ()

    def _describe(self) -> str:
        return "%s %s%s" % (self.kind, self.date,
                            " %r" % self.id if self.id is not None else "")

    def _init_view(self) -> None:
        parent = _L().ldrt_event_parent(self._ptr)
        self._owner = _addr(parent) if parent else None
        self._generated = self._owner is not None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Event):
            return NotImplemented
        return self._patient is other._patient and _addr(self._ptr) == _addr(other._ptr)

    def __hash__(self) -> int:
        return hash((id(self._patient), _addr(self._ptr)))

    def _set_text(self, code: int, name: str, value: Optional[str]) -> None:
        _L().ldrt_event_set_text(self._h, code, _text(value, name, True))

    code = _code_property("ldrt_event_code", "ldrt_event_set_code", TERM,
                          "The Code of what the event is (``code``), or None.")
    site_code = _code_property("ldrt_event_code", "ldrt_event_set_code", SITE,
                               "The Code of the event's site (``site_code``), or None.")

    @property
    def new_therapy(self) -> bool:
        """Whether this systemic, radiotherapy or surgery event starts a new
        anticancer therapy (``"new_therapy": true``), where the response
        endpoints are censored."""
        out = ctypes.c_int()
        _L().ldrt_event_new_therapy(self._h, ctypes.byref(out))
        return bool(out.value)

    @new_therapy.setter
    def new_therapy(self, value: bool) -> None:
        if not isinstance(value, bool):
            raise TypeError("new_therapy: expected a bool, not %s" % type(value).__name__)
        _L().ldrt_event_set_new_therapy(self._h, 1 if value else 0)

    def _regenerated(self) -> None:
        """Invalidates the views of items generated from this event (re-expanded)."""
        me = _addr(self._ptr)
        self._patient._invalidate(lambda v: v._owner == me and v._generated)

    id = _text_field("id")
    note = _text_field("note")

    @property
    def kind(self) -> Optional[EventKind]:
        """The EventKind."""
        return _enum_member(EventKind, _L().ldrt_event_type(self._h))

    @property
    def date(self) -> Date:
        """The date as recorded (a Date, possibly partial)."""
        return Date(_L().ldrt_event_date(self._h))

    @date.setter
    def date(self, value: DateLike) -> None:
        d = _date(value, "date")
        h = self._h
        _L().ldrt_event_set_date(h, d)
        self._regenerated()

    @property
    def end(self) -> Optional[Date]:
        """The end date, or None."""
        out = c_date()
        if _optional(_L().ldrt_event_end, self._h, ctypes.byref(out)):
            return Date(out.value)
        return None

    @end.setter
    def end(self, value: Optional[DateLike]) -> None:
        _L().ldrt_event_set_end(self._h, _date(value, "end", True))

    @property
    def span(self) -> Tuple[Date, Date]:
        """(earliest, latest): every day the event can fall on."""
        lo, hi = c_date(), c_date()
        _L().ldrt_event_span(self._h, ctypes.byref(lo), ctypes.byref(hi))
        return Date(lo.value), Date(hi.value)

    @property
    def is_expanded(self) -> bool:
        """True for an administration generated from a series."""
        return bool(_L().ldrt_event_is_expanded(self._h))

    @property
    def parent(self) -> Optional["Event"]:
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
    def removed_lesions(self) -> List[Lesion]:
        lib, h = _L(), self._h
        return [self._patient._view(Lesion, lib.ldrt_event_removed_lesion_at(h, i))
                for i in range(lib.ldrt_event_removed_lesion_count(h))]

    @removed_lesions.setter
    def removed_lesions(self, lesions: Iterable[LesionRef]) -> None:
        for lesion in lesions:
            self.add_removed_lesion(lesion)

    def add_removed_lesion(self, lesion: LesionRef) -> None:
        """Records that the surgery removed a lesion (a Lesion or its id)."""
        _L().ldrt_event_add_removed_lesion(self._h, self._patient._lesion_id(lesion, "lesion"))


class SystemicEvent(Event):
    """A systemic therapy: one administration, or a series (``repeat``)."""

    __slots__ = ()

    @property
    def _th(self) -> Any:
        # the systemic handle of this event (same object, its own C type)
        return _L().ldrt_event_as_systemic_mut(self._h)
    regimen = _text_field("regimen")
    intent = _text_field("intent")

    @property
    def agents(self) -> List[Agent]:
        """The agents: a list of Agent(drug, dose, unit)."""
        lib, h = _L(), self._th
        out = []
        for i in range(lib.ldrt_systemic_agent_count(h)):
            dose = ctypes.c_double()
            has = _optional(lib.ldrt_systemic_agent_dose, h, i, ctypes.byref(dose))
            out.append(Agent(_str_of(lib.ldrt_systemic_agent_drug(h, i)),
                             dose.value if has else None,
                             _str(lib.ldrt_systemic_agent_unit(h, i))))
        return out

    @agents.setter
    def agents(self, agents: Iterable[Union[str, Sequence[Any]]]) -> None:
        for agent in agents:
            if isinstance(agent, str):
                self.add_agent(agent)
            else:
                self.add_agent(*agent)

    def _agent_index(self, drug: str) -> int:
        lib, h = _L(), self._th
        for i in range(lib.ldrt_systemic_agent_count(h)):
            if _str_of(lib.ldrt_systemic_agent_drug(h, i)) == drug:
                return i
        raise KeyError("drug: %r is not an agent of this event" % drug)

    def agent_code(self, drug: str) -> Optional[Code]:
        """The Code of the agent ``drug`` (``agents[i].code``), or None."""
        return _code_get(_L().ldrt_systemic_agent_code, self._th, self._agent_index(drug))

    def set_agent_code(self, drug: str, code: Optional[Code]) -> None:
        """Sets or clears (None) the Code of the agent ``drug``."""
        _L().ldrt_systemic_set_agent_code(self._th, self._agent_index(drug), *_code_args(code))

    def add_agent(self, drug: str, dose: Optional[float] = None, unit: Optional[str] = None) -> None:
        """Adds an agent: drug name, dose in ``unit`` (None when not recorded)."""
        _L().ldrt_systemic_add_agent(self._th, _text(drug, "drug"), _number(dose, "dose", True),
                                  _text(unit, "unit", True))

    def gives(self, drug: str) -> bool:
        """Whether the event (or its series) gives a drug."""
        return bool(_L().ldrt_systemic_gives_drug(self._th, _text(drug, "drug")))

    @property
    def cycle(self) -> Optional[int]:
        """The cycle number, or None."""
        out = ctypes.c_int()
        if _optional(_L().ldrt_systemic_cycle, self._th, ctypes.byref(out)):
            return out.value
        return None

    @cycle.setter
    def cycle(self, value: Optional[int]) -> None:
        _L().ldrt_systemic_set_cycle(self._th, 0 if value is None else _integer(value, "cycle"))

    @property
    def repeat(self) -> Optional[Tuple[int, int]]:
        """(every_days, count) of a series, or None."""
        every, count = ctypes.c_int64(), ctypes.c_int()
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
    def dates_known(self) -> bool:
        """False for a series whose administrations were given on dates the record
        does not hold (``"dates": "unknown"``): it has no dated administrations."""
        return bool(_L().ldrt_systemic_dates_known(self._th))

    @property
    def until(self) -> Optional[Date]:
        """The date by which the last administration of a series with unknown
        dates had been given, or None."""
        out = c_date()
        if _optional(_L().ldrt_systemic_until, self._th, ctypes.byref(out)):
            return Date(out.value)
        return None

    def set_dates_unknown(self, unknown: bool = True, until: Optional[DateLike] = None) -> None:
        """Marks a series as given on unknown dates (not expanded), with an optional
        ``until`` date; ``unknown=False`` dates it again. Views of the former
        administrations become closed."""
        _L().ldrt_systemic_set_dates_unknown(self._th, 1 if unknown else 0,
                                             _date(until, "until", True))
        self._regenerated()

    @property
    def series_days(self) -> Optional[Tuple[int, int, int, int]]:
        """(start_min, start_max, end_min, end_max) in days (as ``Date.to_days()``) a
        series spans, or None when the event is not a series."""
        v = [ctypes.c_int64() for _ in range(4)]
        if _optional(_L().ldrt_systemic_series_days, self._th, *(ctypes.byref(x) for x in v)):
            return v[0].value, v[1].value, v[2].value, v[3].value
        return None

    @property
    def administrations(self) -> List["Event"]:
        """The dated administrations it stands for (itself when single; none for a
        series with unknown dates)."""
        lib, h = _L(), self._th
        return [self._patient._view(Event, lib.ldrt_systemic_administration_at(h, i))
                for i in range(lib.ldrt_systemic_administration_count(h))]


class HoldEvent(Event):
    """A drug holiday or discontinuation."""

    __slots__ = ()
    reason = _text_field("reason")

    @property
    def hold_kind(self) -> Optional[HoldKind]:
        """A HoldKind, or None."""
        out = ctypes.c_int()
        if _optional(_L().ldrt_event_hold_kind, self._h, ctypes.byref(out)):
            return _enum_member(HoldKind, out.value)
        return None

    @hold_kind.setter
    def hold_kind(self, value: Union[HoldKind, str, None]) -> None:
        code = 0 if value is None else _enum_code(HoldKind, value, "hold_kind")
        _L().ldrt_event_set_hold_kind(self._h, code)

    @property
    def drugs(self) -> List[Optional[str]]:
        """The drugs held (empty: every drug)."""
        lib, h = _L(), self._h
        return [_str(lib.ldrt_event_drug_at(h, i)) for i in range(lib.ldrt_event_drug_count(h))]

    @drugs.setter
    def drugs(self, drugs: Iterable[str]) -> None:
        for drug in drugs:
            self.add_drug(drug)

    def add_drug(self, drug: str) -> None:
        _L().ldrt_event_add_drug(self._h, _text(drug, "drug"))


class RadiotherapyCourse(Event):
    """One radiotherapy course with its targets and fractions."""

    __slots__ = ()

    @property
    def _th(self) -> Any:
        # the course handle of this event (same object, its own C type)
        return _L().ldrt_event_as_course_mut(self._h)
    site = _text_field("site")
    intent = _text_field("intent")
    course_id = _text_field("course_id")
    technique = _text_field("technique")
    modality = _text_field("modality")

    @property
    def targets(self) -> List[Lesion]:
        lib, h = _L(), self._th
        return [self._patient._view(Lesion, lib.ldrt_course_target_at(h, i))
                for i in range(lib.ldrt_course_target_count(h))]

    @targets.setter
    def targets(self, lesions: Iterable[LesionRef]) -> None:
        for lesion in lesions:
            self.add_target(lesion)

    def add_target(self, lesion: LesionRef) -> None:
        """Adds a target lesion (a Lesion or its id)."""
        _L().ldrt_course_add_target(self._th, self._patient._lesion_id(lesion, "lesion"))

    def targets_lesion(self, lesion: LesionRef) -> bool:
        """Whether the course targets a lesion (a Lesion or its id)."""
        if not isinstance(lesion, Lesion):
            lesion = self._patient.lesion(lesion)
        ptr = self._patient._own(lesion, Lesion, "lesion")
        return bool(_L().ldrt_course_targets_lesion(self._th, ptr))

    @property
    def margin_mm(self) -> Optional[float]:
        """The GTV/CTV-PTV margin in millimetres, or None."""
        out = ctypes.c_double()
        if _optional(_L().ldrt_course_margin_mm, self._th, ctypes.byref(out)):
            return out.value
        return None

    @margin_mm.setter
    def margin_mm(self, value: Optional[float]) -> None:
        _L().ldrt_course_set_margin_mm(self._th, _number(value, "margin_mm", True))

    def add_fraction(self, date: DateLike, dose_gy: float) -> Fraction:
        """Adds a listed fraction (date, dose in gray); returns the Fraction."""
        out = FractionP()
        _L().ldrt_course_add_fraction(self._th, _date(date, "date"), _number(dose_gy, "dose_gy"),
                                     ctypes.byref(out))
        return self._patient._view(Fraction, out)

    @property
    def prescription(self) -> Optional[Prescription]:
        """A Prescription(total_gy, fractions, schedule), or None."""
        total, n, sched = ctypes.c_double(), ctypes.c_int(), ctypes.c_int()
        if _optional(_L().ldrt_course_prescription, self._th, ctypes.byref(total),
                     ctypes.byref(n), ctypes.byref(sched)):
            return Prescription(total.value, n.value, _enum_member(Schedule, sched.value))
        return None

    @prescription.setter
    def prescription(self, value: Tuple[float, int, str]) -> None:
        self.set_prescription(*value)

    def set_prescription(self, total_gy: float, fractions: int,
                         schedule: Union[Schedule, str] = "daily") -> None:
        """Prescribes the course and expands it into its fractions from the course date.
        Views of earlier prescribed fractions become closed."""
        _L().ldrt_course_set_prescription(self._th, _number(total_gy, "total_gy"),
                                         _integer(fractions, "fractions"),
                                         _enum_code(Schedule, schedule, "schedule"))
        self._regenerated()

    @property
    def fractions(self) -> List[Fraction]:
        """The fractions, in time order."""
        lib, h = _L(), self._th
        return [self._patient._view(Fraction, lib.ldrt_course_fraction_at(h, i))
                for i in range(lib.ldrt_course_fraction_count(h))]

    @property
    def fraction_dates(self) -> Tuple[Date, Date]:
        """(first, last) fraction dates (ldrt.NotFound without fractions)."""
        first, last = c_date(), c_date()
        _L().ldrt_course_fraction_dates(self._th, ctypes.byref(first), ctypes.byref(last))
        return Date(first.value), Date(last.value)

    @property
    def overall_days(self) -> Tuple[int, int]:
        """(smallest, largest) overall treatment time in days."""
        lo, hi = ctypes.c_int64(), ctypes.c_int64()
        _L().ldrt_course_overall_days(self._th, ctypes.byref(lo), ctypes.byref(hi))
        return lo.value, hi.value

    @property
    def total_dose_gy(self) -> float:
        """The sum of the fraction doses in gray."""
        out = ctypes.c_double()
        _L().ldrt_course_total_dose_gy(self._th, ctypes.byref(out))
        return out.value

    @property
    def dose_per_fraction_gy(self) -> Tuple[float, bool]:
        """(mean dose per fraction in gray, uniform: bool)."""
        mean, uniform = ctypes.c_double(), ctypes.c_int()
        _L().ldrt_course_dose_per_fraction_gy(self._th, ctypes.byref(mean), ctypes.byref(uniform))
        return mean.value, bool(uniform.value)

    def dose(self, alpha_beta_gy: Union[float, str, "Tissue"]) -> CourseDose:
        """CourseDose(total_gy, bed_gy, eqd2_gy) from the real fraction doses;
        ``alpha_beta_gy`` is a number or a preset name ("melanoma")."""
        from . import dose as D
        ab = D.alpha_beta(alpha_beta_gy)
        total, bed, eqd2 = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        _L().ldrt_course_dose(self._th, ab, ctypes.byref(total), ctypes.byref(bed),
                              ctypes.byref(eqd2))
        return CourseDose(total.value, bed.value, eqd2.value)

    def bed_repop(self, alpha_beta_gy: Union[float, str, "Tissue"], kickoff_days: float,
                  alpha_per_gy: float, tpot_days: float) -> Tuple[float, float]:
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
    def regimen(self) -> "Regimen":
        """The ldrt.dose.Regimen of the course, from its fraction doses."""
        from . import dose as D
        code, mask = ctypes.c_int(), ctypes.c_uint()
        _L().ldrt_course_classify(self._th, ctypes.byref(code), ctypes.byref(mask))
        return D._regimen(code.value, mask.value)

    def drug_timing(self, drug: str, window_days: int = 90) -> DrugTiming:
        """DrugTiming of a drug against this course (window: 90 days, Anscher 2022)."""
        prev, nxt, timing = ctypes.c_int64(), ctypes.c_int64(), ctypes.c_int()
        lib = _L()
        lib.ldrt_course_drug_timing(self._patient._h, self._th, _text(drug, "drug"),
                                    _integer(window_days, "window_days", ctypes.c_int64), ctypes.byref(prev),
                                    ctypes.byref(nxt), ctypes.byref(timing))
        return DrugTiming(lib.ldrt_drug_timing_name(timing.value).decode("ascii"),
                          None if prev.value < 0 else prev.value,
                          None if nxt.value < 0 else nxt.value)

    def drug_timing_range(self, drug: str, window_days: int = 90) -> DrugTimingRange:
        """DrugTimingRange of a drug against this course: the timing with the
        shortest and longest distance to the nearest administration that partial
        dates allow (window: 90 days, Anscher 2022); "concurrent" with
        ``certain`` False is "possibly concurrent"."""
        lo, hi = ctypes.c_int64(), ctypes.c_int64()
        timing, certain = ctypes.c_int(), ctypes.c_int()
        lib = _L()
        lib.ldrt_course_drug_timing_range(self._patient._h, self._th, _text(drug, "drug"),
                                          _integer(window_days, "window_days", ctypes.c_int64),
                                          ctypes.byref(lo), ctypes.byref(hi),
                                          ctypes.byref(timing), ctypes.byref(certain))
        return DrugTimingRange(lib.ldrt_drug_timing_name(timing.value).decode("ascii"),
                               None if lo.value < 0 else lo.value,
                               None if hi.value < 0 else hi.value, bool(certain.value))

    def response(self, options: Optional["Options"] = None) -> CourseResponse:
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
                dmin, dmax = ctypes.c_int64(), ctypes.c_int64()
                lib.ldrt_course_response_days_range(out, i, ctypes.byref(dmin),
                                                     ctypes.byref(dmax))
                days_range: Tuple[Optional[int], Optional[int]] = (
                    (None, None) if dmin.value < 0 else (dmin.value, dmax.value))
                scans = []
                for j in range(lib.ldrt_course_response_scan_count(out, i)):
                    d, mm, ch = c_date(), ctypes.c_double(), ctypes.c_double()
                    lib.ldrt_course_response_scan(out, i, j, ctypes.byref(d), ctypes.byref(mm),
                                                  ctypes.byref(ch))
                    scans.append((Date(d.value), mm.value, ch.value))
                result.append(LesionResponse(self._patient._view(Lesion, lesion), bool(inf.value),
                                             before.value, best.value, change.value,
                                             bool(resp.value),
                                             None if days.value < 0 else days.value, scans,
                                             days_range))
            return result
        finally:
            lib.ldrt_course_response_free(out)


class ImagingEvent(Event):
    """A scan with its measurements."""

    __slots__ = ()

    @property
    def _th(self) -> Any:
        # the scan handle of this event (same object, its own C type)
        return _L().ldrt_event_as_scan_mut(self._h)

    @staticmethod
    def _measurement_state(lib: ctypes.CDLL, h: Any, i: int) -> Optional[MeasurementState]:
        state = ctypes.c_int()
        lib.ldrt_scan_measurement_state(h, i, ctypes.byref(state))
        return _MEASUREMENT_STATES.get(lib.ldrt_lesion_state_name(state.value).decode("ascii"))

    @staticmethod
    def _non_target_state(lib: ctypes.CDLL, h: Any, i: int) -> int:
        state = ctypes.c_int()
        lib.ldrt_scan_non_target_state(h, i, ctypes.byref(state))
        return state.value

    modality = _text_field("modality")

    @property
    def baseline(self) -> Optional[bool]:
        """True for the baseline scan, False if not, None when not recorded."""
        out = ctypes.c_int()
        if _optional(_L().ldrt_scan_baseline, self._th, ctypes.byref(out)):
            return bool(out.value)
        return None

    @baseline.setter
    def baseline(self, value: Optional[bool]) -> None:
        if value is not None and not isinstance(value, bool):
            raise TypeError("baseline: expected True, False or None, not %s"
                            % type(value).__name__)
        _L().ldrt_scan_set_baseline(self._th, -1 if value is None else int(value))

    def add_measurement(self, lesion: LesionRef, diameter_mm: Optional[float] = None,
                        too_small: bool = False) -> None:
        """Adds a lesion's diameter in millimetres (0: disappeared; None: not evaluated)."""
        _L().ldrt_scan_add_measurement(self._th, self._patient._lesion_id(lesion, "lesion"),
                                        _number(diameter_mm, "diameter_mm", True),
                                        1 if too_small else 0)

    @property
    def measurements(self) -> List[Measurement]:
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
    def measurements(self, values: Mapping[str, Optional[float]]) -> None:
        """Adds measurements from a mapping {lesion id: diameter_mm}."""
        for lesion, mm in values.items():
            self.add_measurement(lesion, mm)

    def measurement(self, lesion: LesionRef) -> Optional[Measurement]:
        """The Measurement of a lesion on this scan, or None when it is not listed."""
        if not isinstance(lesion, Lesion):
            lesion = self._patient.lesion(lesion)
        ptr = self._patient._own(lesion, Lesion, "lesion")
        index = ctypes.c_size_t()
        if not _optional(_L().ldrt_scan_find_measurement, self._th, ptr, ctypes.byref(index)):
            return None
        return self.measurements[index.value]

    def add_sul_peak(self, lesion: LesionRef, value: float) -> None:
        """Adds a lesion's SULpeak (g/mL)."""
        _L().ldrt_scan_add_sul_peak(self._th, self._patient._lesion_id(lesion, "lesion"),
                                     _number(value, "value"))

    @property
    def sul_peaks(self) -> List[Tuple[Lesion, float]]:
        """A list of (Lesion, SULpeak)."""
        lib, h = _L(), self._th
        out = []
        for i in range(lib.ldrt_scan_sul_peak_count(h)):
            v = ctypes.c_double()
            lib.ldrt_scan_sul_peak_value(h, i, ctypes.byref(v))
            out.append((self._patient._view(Lesion, lib.ldrt_scan_sul_peak_lesion(h, i)), v.value))
        return out

    @property
    def liver_sul_mean(self) -> Optional[float]:
        """Mean SUL of normal liver (g/mL), or None."""
        out = ctypes.c_double()
        if _optional(_L().ldrt_scan_liver_sul_mean, self._th, ctypes.byref(out)):
            return out.value
        return None

    @liver_sul_mean.setter
    def liver_sul_mean(self, value: Optional[float]) -> None:
        _L().ldrt_scan_set_liver_sul_mean(self._th, _number(value, "liver_sul_mean", True))

    @property
    def blood_pool_sul(self) -> Optional[float]:
        """SUL of the surrounding background blood pool (g/mL), or None (PERCIST CMR)."""
        out = ctypes.c_double()
        if _optional(_L().ldrt_scan_blood_pool_sul, self._th, ctypes.byref(out)):
            return out.value
        return None

    @blood_pool_sul.setter
    def blood_pool_sul(self, value: Optional[float]) -> None:
        _L().ldrt_scan_set_blood_pool_sul(self._th, _number(value, "blood_pool_sul", True))

    def set_non_target(self, lesion: LesionRef, state: Union[NonTargetState, str]) -> None:
        """Sets a non-target lesion's state (a NonTargetState or its name)."""
        _L().ldrt_scan_set_non_target(self._th, self._patient._lesion_id(lesion, "lesion"),
                                       _enum_code(NonTargetState, state, "state"))

    @property
    def non_targets(self) -> List[Tuple[Lesion, Optional[NonTargetState]]]:
        """A list of (Lesion, NonTargetState)."""
        lib, h = _L(), self._th
        return [(self._patient._view(Lesion, lib.ldrt_scan_non_target_lesion(h, i)),
                 _enum_member(NonTargetState, self._non_target_state(lib, h, i)))
                for i in range(lib.ldrt_scan_non_target_count(h))]

    def add_new_lesion(self, id: str, site: Optional[str] = None,
                       diameter_mm: Optional[float] = None) -> None:
        """Adds a new lesion found on this scan."""
        _L().ldrt_scan_add_new_lesion(self._th, _text(id, "id"), _text(site, "site", True),
                                       _number(diameter_mm, "diameter_mm", True))

    @property
    def new_lesions(self) -> List[NewLesion]:
        """A list of NewLesion(id, site, diameter_mm)."""
        lib, h = _L(), self._th
        out = []
        for i in range(lib.ldrt_scan_new_lesion_count(h)):
            mm = ctypes.c_double()
            has = _optional(lib.ldrt_scan_new_lesion_diameter_mm, h, i, ctypes.byref(mm))
            out.append(NewLesion(_str_of(lib.ldrt_scan_new_lesion_id(h, i)),
                                 _str(lib.ldrt_scan_new_lesion_site(h, i)),
                                 mm.value if has else None))
        return out

    @property
    def new_lesions_reported(self) -> bool:
        """Whether the scan reports its new lesions (a list, even empty)."""
        return bool(_L().ldrt_scan_new_lesions_reported(self._th))

    @new_lesions_reported.setter
    def new_lesions_reported(self, value: bool) -> None:
        if not isinstance(value, bool):
            raise TypeError("new_lesions_reported: expected a bool")
        _L().ldrt_scan_set_new_lesions_reported(self._th, int(value))

    @property
    def recorded_response(self) -> Optional[Tuple[Optional[str], Optional[str]]]:
        """(criteria, overall) recorded on the scan, or None."""
        crit, overall = ctypes.c_char_p(), ctypes.c_char_p()
        if _optional(_L().ldrt_scan_recorded_response, self._th, ctypes.byref(crit),
                     ctypes.byref(overall)):
            return _str(crit.value), _str(overall.value)
        return None

    @recorded_response.setter
    def recorded_response(self, value: Optional[Tuple[str, str]]) -> None:
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
    #: The ``id`` (or a course's ``course_id``) of the event it occurred during, or None.
    during = _text_field("during")

    @property
    def during_event(self) -> Optional[Event]:
        """The event named by ``during``, or None (absent or undefined)."""
        return self._patient._view_or_none(Event, _L().ldrt_event_during(self._h))

    @property
    def placed_span(self) -> Tuple[Date, Date]:
        """(earliest, latest) once placed within the event it occurred during.

        The intersection of the toxicity's span with the span of the event
        named by ``during`` (its date to its end); the toxicity's own span
        when it names none. Raises when ``during`` names no event, or one
        whose span does not overlap.
        """
        lo, hi = c_date(), c_date()
        _L().ldrt_event_placed_span(self._h, ctypes.byref(lo), ctypes.byref(hi))
        return Date(lo.value), Date(hi.value)

    @property
    def grade(self) -> Optional[int]:
        """The CTCAE grade 1-5, or None."""
        out = ctypes.c_int()
        if _optional(_L().ldrt_event_grade, self._h, ctypes.byref(out)):
            return out.value
        return None

    @grade.setter
    def grade(self, value: Optional[int]) -> None:
        _L().ldrt_event_set_grade(self._h, 0 if value is None else _integer(value, "grade"))

    @property
    def resolved(self) -> Optional[Date]:
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
