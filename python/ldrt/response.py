"""Tumour response: RECIST 1.1, iRECIST and PERCIST 1.0 from measurements,
best overall response, endpoints, SITC resistance and abscopal responses.

Two ways in:

* the **array engine** for cohorts (:func:`recist_cohort`, :func:`bor_cohort`,
  :func:`abscopal`), which takes flat lists or numpy arrays and returns numpy
  arrays when numpy is present and any input is a numpy array, else lists
  (no pandas); :class:`Cohort` builds those arrays patient by patient;
* **assessments** of one patient (:func:`assess`, :func:`assess_recorded`,
  :meth:`ldrt.Patient.assess`), objects that explain each answer.

Labels are the CDISC spellings (``"CR"``, ``"PR"``, ``"iUPD"``, ``"PMR"``,
...); the array engine uses their integer codes (:func:`label_code`,
:func:`label_name`). The criteria, settings, defaults and sources are in the
response guide of the C documentation.
"""

import collections
import ctypes
import dataclasses
import enum
import functools
import math
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

from . import _arrays, _convert, _lib
from ._guard import guard
from ._owned import _Owned
from ._record import Record
from ._prototypes import AssessmentP, OptionsP, ResistanceP, c_date
from .dates import Date, DateLike, as_date

__all__ = [
    "Options", "Assessment", "TimePoint", "Endpoint", "Resistance", "assess", "assess_recorded",
    "recist_cohort", "bor_cohort", "abscopal", "resistance", "Cohort", "label_name",
    "label_code", "criteria_code", "SETTINGS", "TARGET", "NON_TARGET", "NEW", "NEW_TARGET",
    "REFERENCE", "NODAL", "PRESENT", "ABSENT", "TOO_SMALL", "NOT_EVALUATED", "PROGRESSION",
    "INCREASED", "EQUIVOCAL", "ENDPOINTS", "Role", "State", "Label", "Criteria", "settings",
    "endpoints",
]

class Role(enum.IntEnum):
    """The role of a lesion in a measurement row (ldrt_lesion_role); OR :data:`NODAL`
    into it for a lymph node."""
    TARGET = 1
    NON_TARGET = 2
    NEW = 3
    NEW_TARGET = 4
    REFERENCE = 5


#: Flag OR-ed into a role: the lesion is a lymph node (LDRT_ROLE_NODAL).
NODAL = 0x10


class State(enum.IntEnum):
    """What a measurement row says about its lesion on that scan (ldrt_lesion_state)."""
    PRESENT = 0
    ABSENT = 1
    TOO_SMALL = 2
    NOT_EVALUATED = 3
    PROGRESSION = 4
    INCREASED = 5
    EQUIVOCAL = 6


class Label(enum.IntEnum):
    """A response label (ldrt_response); :attr:`spelling` is its CDISC spelling."""
    NONE = 0
    CR = 1
    PR = 2
    SD = 3
    PD = 4
    NE = 5
    NON_CR_NON_PD = 6
    ICR = 7
    IPR = 8
    ISD = 9
    IUPD = 10
    ICPD = 11
    NON_ICR_NON_IUPD = 12
    CMR = 13
    PMR = 14
    SMD = 15
    PMD = 16

    @property
    def spelling(self) -> str:
        """"CR", "iUPD", "NON-CR/NON-PD", ... ("" for NONE), from the library."""
        return label_name(self)


class Criteria(enum.IntEnum):
    """The response criteria (ldrt_criteria); :attr:`spelling` is the document's name."""
    RECIST11 = 1
    IRECIST = 2
    PERCIST10 = 3

    @property
    def spelling(self) -> str:
        """"recist1.1", "irecist" or "percist1.0", from the library."""
        return _criteria_name(self)


# The former integer constants, now members of the enumerations (still ints).
TARGET, NON_TARGET, NEW, NEW_TARGET, REFERENCE = (Role.TARGET, Role.NON_TARGET, Role.NEW,
                                                  Role.NEW_TARGET, Role.REFERENCE)
PRESENT, ABSENT, TOO_SMALL, NOT_EVALUATED, PROGRESSION, INCREASED, EQUIVOCAL = tuple(State)


def _L() -> ctypes.CDLL:
    return _lib.load()


def _names(function: str) -> Tuple[Tuple[str, int], ...]:
    """(name, value) of every value 1, 2, ... that a C name function names, in order:
    the tables are read from the library, never copied."""
    name_of = getattr(_L(), function)
    unknown = name_of(-1)
    out = []
    for code in range(1, 1 << 16):
        name = name_of(code)
        if name is None or name == unknown or not name:
            break
        out.append((name.decode("ascii"), code))
    return tuple(out)


@functools.lru_cache(maxsize=None)
def _settings() -> Tuple[Tuple[str, int], ...]:
    return _names("ldrt_response_setting_name")


@functools.lru_cache(maxsize=None)
def _endpoints() -> Tuple[Tuple[str, int], ...]:
    return _names("ldrt_endpoint_name")


def settings() -> "collections.OrderedDict[str, int]":
    """The settings by their stable keys, as the library names them
    (ldrt_response_setting_name()); also :data:`SETTINGS`."""
    return collections.OrderedDict(_settings())


def endpoints() -> "collections.OrderedDict[str, int]":
    """The endpoints (ldrt_endpoint) by the library's names (ldrt_endpoint_name());
    also :data:`ENDPOINTS`."""
    return collections.OrderedDict(_endpoints())


def __getattr__(name: str) -> Any:
    # SETTINGS and ENDPOINTS are read from the library on first use (importing
    # the package does not load the library).
    if name == "SETTINGS":
        return settings()
    if name == "ENDPOINTS":
        return endpoints()
    raise AttributeError("module %r has no attribute %r" % (__name__, name))


def label_name(code: int) -> str:
    """The CDISC spelling of a response code ("" for none)."""
    name = _L().ldrt_response_label_name(_convert.integer(code, "code"))
    if name is None:
        raise ValueError("label: %r is not a response code" % (code,))
    return str(name.decode("ascii"))


def label_code(name: Optional[str]) -> Label:
    """The code of a CDISC response spelling (exact, case-sensitive); "" or None give 0."""
    if name is None or name == "":
        return Label.NONE
    if not isinstance(name, str):
        raise TypeError("label: expected a str, not %s" % type(name).__name__)
    out = ctypes.c_int()
    _L().ldrt_response_label_parse(_convert.text(name, "label"), ctypes.byref(out))
    return Label(out.value)


def criteria_code(name: str) -> Criteria:
    """The code of a criteria name: "recist1.1", "irecist" or "percist1.0"."""
    if not isinstance(name, str):
        raise TypeError("criteria: expected a str, not %s" % type(name).__name__)
    out = ctypes.c_int()
    _L().ldrt_criteria_parse(_convert.text(name, "criteria"), ctypes.byref(out))
    return Criteria(out.value)


def _decode(raw: Optional[bytes]) -> str:
    return "" if raw is None else raw.decode("utf-8")


def _criteria_name(code: int) -> str:
    name = _L().ldrt_criteria_name(code)
    if name is None:
        raise ValueError("criteria: %r is not a criteria code" % (code,))
    return str(name.decode("ascii"))


class Options(_Owned):
    """Settings of the response engine; every one starts at its published default.

    ``Options(confirm_days=35)`` changes settings by their keys (:data:`SETTINGS`).
    ``reference_date`` takes a date (or None for the baseline scan).
    """

    _closed = "the options are closed"

    def __init__(self, **settings: Union[float, DateLike, None]) -> None:
        lib = _L()
        handle = OptionsP()
        lib.ldrt_response_options_new(ctypes.byref(handle))
        self._own_handle(handle, lib.ldrt_response_options_free)
        for name, value in settings.items():
            self[name] = value

    @staticmethod
    def _code(name: str) -> int:
        if not isinstance(name, str):
            raise TypeError("setting: expected a str, not %s" % type(name).__name__)
        try:
            return settings()[name]
        except KeyError:
            raise KeyError("setting: unknown %r (known: %s)" % (name, ", ".join(settings()))) from None

    def __getitem__(self, name: str) -> Union[float, Date, None]:
        code = self._code(name)
        out = ctypes.c_double()
        _L().ldrt_response_options_get(self._h, code, ctypes.byref(out))
        if name == "reference_date":
            return Date(int(out.value)) if out.value else None
        return out.value

    def __setitem__(self, name: str, value: Union[float, DateLike, None]) -> None:
        code = self._code(name)
        if name == "reference_date":
            value = 0 if value is None else as_date(value, name).value
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("%s: expected a number, not %s" % (name, type(value).__name__))
        _L().ldrt_response_options_set(self._h, code, float(value))

    def __copy__(self) -> "Options":
        return Options(**self.as_dict())

    def __deepcopy__(self, memo: Any) -> "Options":
        return Options(**self.as_dict())

    def __reduce__(self) -> Tuple[Any, Tuple[Dict[str, Any]]]:
        return (_options_from, (dict(self.as_dict()),))

    def as_dict(self) -> "collections.OrderedDict[str, Union[float, Date, None]]":
        """Every setting by key."""
        return collections.OrderedDict((name, self[name]) for name in settings())

    def __repr__(self) -> str:
        if self._handle is None:
            return "<ldrt.response.Options (closed)>"
        return "<ldrt.response.Options %s>" % dict(self.as_dict())


def _options_from(settings: Dict[str, Any]) -> Options:
    return Options(**settings)


def _no_copy(self: Any, *args: Any) -> Any:
    raise TypeError("an ldrt.response.%s cannot be copied or pickled" % type(self).__name__)


def _options_handle(options: Optional[Options]) -> Any:
    if options is None:
        return None
    if not isinstance(options, Options):
        raise TypeError("options: expected an ldrt.response.Options or None, not %s"
                        % type(options).__name__)
    return options._h


@dataclasses.dataclass(frozen=True)
class TimePoint(Record):
    """One assessed scan: its date, the overall, target and non-target labels
    ("" when none applies), whether an unequivocal new lesion is present, the
    target sum (mm; PERCIST: the hottest SULpeak) and its changes in percent
    (None when they do not apply), the deciding rule and the reason with the
    numbers used."""

    date: Date
    overall: str
    target: str
    non_target: str
    new_lesions: bool
    sum: Optional[float]
    change_from_baseline_pct: Optional[float]
    change_from_nadir_pct: Optional[float]
    rule: str
    reason: str


@dataclasses.dataclass(frozen=True)
class Endpoint(Record):
    """An endpoint: its duration in days (None when not applicable) and the
    censoring reason ("event" when the event happened)."""

    days: Optional[int]
    censor: str


class Assessment(_Owned):
    """One patient's scans assessed by one criteria (see :func:`assess`)."""

    _closed = "the assessment is closed"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("use ldrt.response.assess(), assess_recorded() or Patient.assess()")

    __copy__ = __deepcopy__ = __reduce__ = _no_copy

    @classmethod
    def _adopt(cls, handle: Any) -> "Assessment":
        self = cls.__new__(cls)
        self._own_handle(handle, _L().ldrt_assessment_free)
        return self

    @property
    def criteria(self) -> str:
        """"recist1.1", "irecist" or "percist1.0"."""
        out = ctypes.c_int()
        _L().ldrt_assessment_criteria(self._h, ctypes.byref(out))
        return _criteria_name(out.value)

    @property
    def settings(self) -> "collections.OrderedDict[str, float]":
        """The settings it used, as a dict."""
        lib = _L()
        opts = lib.ldrt_assessment_options(self._h)
        out = collections.OrderedDict()
        for name, code in _settings():
            v = ctypes.c_double()
            lib.ldrt_response_options_get(opts, code, ctypes.byref(v))
            out[name] = v.value
        return out

    def __len__(self) -> int:
        return int(_L().ldrt_assessment_timepoint_count(self._h))

    def timepoint(self, i: int) -> TimePoint:
        """The TimePoint of scan ``i`` (0 is the baseline)."""
        lib, h = _L(), self._h
        i = _index(i, len(self))
        d, ov, tg, nt, nl = c_date(), ctypes.c_int(), ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
        lib.ldrt_assessment_timepoint(h, i, ctypes.byref(d), ctypes.byref(ov), ctypes.byref(tg),
                                      ctypes.byref(nt), ctypes.byref(nl))
        s, cb, cn = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        lib.ldrt_assessment_values(h, i, ctypes.byref(s), ctypes.byref(cb), ctypes.byref(cn))
        rule = ctypes.c_int()
        lib.ldrt_assessment_rule(h, i, ctypes.byref(rule))
        rule_name = lib.ldrt_response_rule_name(rule.value)
        reason = lib.ldrt_assessment_reason(h, i)

        def opt(x: float) -> Optional[float]:
            return None if math.isnan(x) else x
        return TimePoint(Date(d.value), label_name(ov.value), label_name(tg.value),
                         label_name(nt.value), bool(nl.value), opt(s.value), opt(cb.value),
                         opt(cn.value), rule_name.decode("utf-8") if rule_name else "",
                         reason.decode("utf-8") if reason else "")

    @property
    def timepoints(self) -> List[TimePoint]:
        """Every TimePoint, baseline first."""
        return [self.timepoint(i) for i in range(len(self))]

    def __iter__(self) -> Iterator[TimePoint]:
        return iter(self.timepoints)

    @property
    def labels(self) -> List[str]:
        """The overall response of every time point ("" for the baseline)."""
        lib, h = _L(), self._h
        out = []
        for i in range(len(self)):
            label = ctypes.c_int()
            lib.ldrt_assessment_overall(h, i, ctypes.byref(label))
            out.append(label_name(label.value))
        return out

    @property
    def endpoints(self) -> "collections.OrderedDict[str, Endpoint]":
        """Every endpoint by its library name, as Endpoint(days, censor)."""
        lib = _L()
        return collections.OrderedDict(
            (lib.ldrt_endpoint_name(code).decode("ascii"), self.endpoint(name))
            for name, code in _endpoints())

    def best(self, confirmed: bool = False) -> str:
        """Best overall response ("" when no scan follows the reference date)."""
        out = ctypes.c_int()
        _L().ldrt_assessment_best(self._h, 1 if confirmed else 0, ctypes.byref(out))
        return label_name(out.value)

    def best_reason(self, confirmed: bool = False) -> str:
        """Why the best overall response is what it is."""
        return _decode(_L().ldrt_assessment_best_reason(self._h, 1 if confirmed else 0))

    def endpoint(self, name: str) -> Endpoint:
        """An Endpoint by name: "time_to_response", "duration_of_response",
        "duration_of_sd", "progression_free" or "overall_survival"."""
        table = endpoints()
        if name not in table:
            raise ValueError("endpoint: unknown %r (known: %s)" % (name, ", ".join(table)))
        lib = _L()
        days, censor = ctypes.c_int64(), ctypes.c_int()
        lib.ldrt_assessment_endpoint(self._h, table[name], ctypes.byref(days),
                                     ctypes.byref(censor))
        return Endpoint(None if days.value < 0 else days.value,
                        lib.ldrt_censor_name(censor.value).decode("ascii"))

    def endpoint_death(self, name: str) -> bool:
        """Whether the endpoint ended with the death (progression-free time, the
        duration of response and overall survival can)."""
        table = endpoints()
        if name not in table:
            raise ValueError("endpoint: unknown %r (known: %s)" % (name, ", ".join(table)))
        out = ctypes.c_int()
        _L().ldrt_assessment_endpoint_death(self._h, table[name], ctypes.byref(out))
        return bool(out.value)

    def set_follow_up(self, death: Any = None, last_known_alive: Any = None,
                      new_therapy: Any = None) -> None:
        """Gives the assessment the patient's follow-up (dates or None) and derives
        the endpoints again (ldrt_assessment_set_follow_up(); Patient.assess()
        takes them from the record)."""
        from .patient import _date
        _L().ldrt_assessment_set_follow_up(
            self._h, _date(death, "death", True), _date(last_known_alive, "last_known_alive", True),
            _date(new_therapy, "new_therapy", True))

    def endpoint_range(self, name: str) -> Tuple[Optional[int], Optional[int]]:
        """The (days_min, days_max) an endpoint can last given partial dates ("2023-09"
        spans 30 days), equal when both dates are exact; (None, None) when not
        applicable."""
        table = endpoints()
        if name not in table:
            raise ValueError("endpoint: unknown %r (known: %s)" % (name, ", ".join(table)))
        lo, hi = ctypes.c_int64(), ctypes.c_int64()
        _L().ldrt_assessment_endpoint_range(self._h, table[name], ctypes.byref(lo),
                                            ctypes.byref(hi))
        if lo.value < 0:
            return (None, None)
        return (lo.value, hi.value)

    def render(self, format: str = "text") -> str:
        """The assessment as ``"text"``, ``"markdown"`` or ``"json"`` (a str)."""
        from .patient import _take_buffer
        if not isinstance(format, str):
            raise TypeError("format: expected a str, not %s" % type(format).__name__)
        lib = _L()
        code = ctypes.c_int()
        lib.ldrt_timeline_format_parse(_convert.text(format, "format"), ctypes.byref(code))
        out, size = ctypes.POINTER(ctypes.c_char)(), ctypes.c_size_t()
        lib.ldrt_assessment_render(self._h, code.value, ctypes.byref(out), ctypes.byref(size))
        return _take_buffer(out, size).decode("utf-8")

    @property
    def warnings(self) -> List[str]:
        lib, h = _L(), self._h
        return [lib.ldrt_assessment_warning(h, i).decode("utf-8")
                for i in range(lib.ldrt_assessment_warning_count(h))]

    def __repr__(self) -> str:
        if self._handle is None:
            return "<ldrt.response.Assessment (closed)>"
        return "<ldrt.response.Assessment %s: %d scans, best %s>" % (self.criteria, len(self),
                                                                    self.best() or "none")


def _index(i: int, n: int) -> int:
    if isinstance(i, bool) or not isinstance(i, int):
        raise TypeError("index: expected an int, not %s" % type(i).__name__)
    k = i + n if i < 0 else i
    if not 0 <= k < n:
        raise IndexError("i: time point %d is out of range (%d scans)" % (i, n))
    return k


def _dates(values: Any, what: str) -> Tuple[Any, int]:
    if not _arrays.is_sequence(values):
        raise TypeError("%s: expected a list of dates, not %s" % (what, type(values).__name__))
    out = []
    for i, v in enumerate(values):
        if isinstance(v, Date):
            out.append(v.value)
        elif isinstance(v, str):
            out.append(as_date(v, "%s[%d]" % (what, i)).value)
        else:
            raise TypeError("%s[%d]: expected a Date or an ISO 8601 string, not %s"
                            % (what, i, type(v).__name__))
    return (c_date * len(out))(*out), len(out)


def _labels(values: Any, what: str) -> List[int]:
    out: List[int] = []
    for i, v in enumerate(values):
        if isinstance(v, str) or v is None:
            out.append(label_code(v))
        elif isinstance(v, int) and not isinstance(v, bool):
            out.append(_convert.integer(v, "%s[%d]" % (what, i), ctypes.c_int32))
        else:
            raise TypeError("%s[%d]: expected a response label, not %s"
                            % (what, i, type(v).__name__))
    return out


def _criteria(criteria: Union[str, int]) -> int:
    if isinstance(criteria, str):
        return criteria_code(criteria)
    return _convert.integer(criteria, "criteria")


@guard
def assess(criteria: Union[str, int], dates: Sequence[Union[Date, str]], tp_offsets: Any,
           lesion: Any, role: Any, state: Any, value: Any,
           options: Optional[Options] = None) -> "Assessment":
    """Assesses one patient's scans from measurement rows (see the module notes).

    ``dates`` has one date per scan (baseline first); ``tp_offsets`` has
    ``len(dates) + 1`` row offsets; ``lesion``, ``role``, ``state`` and
    ``value`` have one entry per row. Returns an :class:`Assessment`.
    """
    crit = _criteria(criteria)
    d, n = _dates(dates, "dates")
    off, no, k1 = _arrays.c_array(ctypes.c_int64, tp_offsets, "tp_offsets")
    if no != n + 1:
        raise ValueError("tp_offsets: needs %d offsets for %d scans (got %d)" % (n + 1, n, no))
    rows = _rows(lesion, role, state, value)
    out = AssessmentP()
    _L().ldrt_assess_arrays(crit, _options_handle(options), n, d, off, *rows[:4],
                            ctypes.byref(out))
    return Assessment._adopt(out)


def _rows(lesion: Any, role: Any, state: Any, value: Any) -> Tuple[Any, ...]:
    le, n, k1 = _arrays.c_array(ctypes.c_int32, lesion, "lesion")
    ro, n2, k2 = _arrays.c_array(ctypes.c_uint8, role, "role")
    st, n3, k3 = _arrays.c_array(ctypes.c_uint8, state, "state")
    va, n4, k4 = _arrays.c_array(ctypes.c_double, value, "value")
    for what, m in (("role", n2), ("state", n3), ("value", n4)):
        if m != n:
            raise ValueError("%s: has %d rows, lesion has %d" % (what, m, n))
    return le, ro, st, va, n, (k1, k2, k3, k4)


@guard
def assess_recorded(criteria: Union[str, int], dates: Sequence[Union[Date, str]],
                    labels: Sequence[Union[str, int, None]],
                    options: Optional[Options] = None) -> "Assessment":
    """An Assessment from responses someone already assigned (for endpoints)."""
    crit = _criteria(criteria)
    d, n = _dates(dates, "dates")
    if not _arrays.is_sequence(labels) or len(labels) != n:
        raise ValueError("labels: needs one label per date (%d)" % n)
    lab = (ctypes.c_int32 * n)(*_labels(labels, "labels"))
    out = AssessmentP()
    _L().ldrt_assess_recorded(crit, _options_handle(options), n, d, lab, ctypes.byref(out))
    return Assessment._adopt(out)


# --- the cohort engine -------------------------------------------------------------------

@guard
def recist_cohort(patient_offsets: Any, tp_offsets: Any, lesion: Any, role: Any, state: Any,
                  value_mm: Any, options: Optional[Options] = None) -> Dict[str, Any]:
    """RECIST 1.1 at every time point of many patients, in one call.

    Returns a dict of per-time-point arrays: ``overall``, ``target``,
    ``non_target`` (response codes, see :func:`label_name`), ``sum_mm`` and
    ``rule``; numpy arrays when numpy is present and an input is one, else lists.
    """
    po, npo, k1 = _arrays.c_array(ctypes.c_int64, patient_offsets, "patient_offsets")
    if npo < 1:
        raise ValueError("patient_offsets: needs n_patients + 1 offsets (at least 1)")
    to, nto, k2 = _arrays.c_array(ctypes.c_int64, tp_offsets, "tp_offsets")
    n_tp = po[npo - 1]
    if n_tp < 0 or nto != n_tp + 1:
        raise ValueError("tp_offsets: needs %d offsets for %d time points (got %d)"
                         % (max(n_tp, 0) + 1, n_tp, nto))
    le, ro, st, va, n_rows, keep = _rows(lesion, role, state, value_mm)
    if to[nto - 1] != n_rows:
        raise ValueError("tp_offsets: ends at %d, but there are %d rows" % (to[nto - 1], n_rows))
    numpy = _arrays.numpy_wanted(patient_offsets, tp_offsets, lesion, role, state, value_mm)
    outs = {}
    for name, ctype in (("overall", ctypes.c_int32), ("target", ctypes.c_int32),
                        ("non_target", ctypes.c_int32), ("sum_mm", ctypes.c_double),
                        ("rule", ctypes.c_int32)):
        outs[name] = _arrays.empty(ctype, n_tp, numpy)
    _L().ldrt_recist_classify_arrays(_options_handle(options), npo - 1, po, to, le, ro, st, va,
                                     *[outs[k][0] for k in ("overall", "target", "non_target",
                                                            "sum_mm", "rule")])
    return {k: _arrays.result(v[1], numpy) for k, v in outs.items()}


@guard
def bor_cohort(patient_offsets: Any, day: Any, label: Any, reference_day: Any = None,
               options: Optional[Options] = None) -> Tuple[Any, Any]:
    """Best overall response of many patients: (bor, confirmed_bor), one code per patient.

    ``day`` is the day number of each time point (Date.to_days()), ``label``
    its response code (or CDISC spelling), ``reference_day`` one day number
    per patient (None: each patient's first time point).
    """
    po, npo, k1 = _arrays.c_array(ctypes.c_int64, patient_offsets, "patient_offsets")
    if npo < 1:
        raise ValueError("patient_offsets: needs n_patients + 1 offsets (at least 1)")
    n_tp = po[npo - 1]
    dy, nd, k2 = _arrays.c_array(ctypes.c_int32, day, "day")
    if not _arrays.is_array(label):
        label = _labels(label, "label")
    lb, nl, k3 = _arrays.c_array(ctypes.c_int32, label, "label")
    if nd != n_tp or nl != n_tp:
        raise ValueError("day and label: need %d time points (got %d and %d)" % (n_tp, nd, nl))
    rd, k4 = None, None
    if reference_day is not None:
        rd, nr, k4 = _arrays.c_array(ctypes.c_int32, reference_day, "reference_day")
        if nr != npo - 1:
            raise ValueError("reference_day: needs one per patient (%d, got %d)" % (npo - 1, nr))
    numpy = _arrays.numpy_wanted(patient_offsets, day, label)
    bor, bo = _arrays.empty(ctypes.c_int32, npo - 1, numpy)
    conf, co = _arrays.empty(ctypes.c_int32, npo - 1, numpy)
    _L().ldrt_bor_arrays(_options_handle(options), npo - 1, po, dy, lb, rd, bor, conf)
    return _arrays.result(bo, numpy), _arrays.result(co, numpy)


@guard
def abscopal(before_mm: Any, after_mm: Any, in_field: Any,
             options: Optional[Options] = None) -> Tuple[Any, Any, int]:
    """Flags out-of-field lesions that shrank by the abscopal threshold (default 30%).

    Returns (change_pct, flags, count): the change of each lesion in percent
    (NaN when unknown), 1 for an abscopal response else 0, and their number.
    """
    b, n, k1 = _arrays.c_array(ctypes.c_double, before_mm, "before_mm")
    a, n2, k2 = _arrays.c_array(ctypes.c_double, after_mm, "after_mm")
    if not _arrays.is_array(in_field) and _arrays.is_sequence(in_field):
        in_field = [int(bool(v)) if isinstance(v, bool) else v for v in in_field]
    f, n3, k3 = _arrays.c_array(ctypes.c_uint8, in_field, "in_field")
    if n2 != n or n3 != n:
        raise ValueError("before_mm, after_mm and in_field: need the same length (%d, %d, %d)"
                         % (n, n2, n3))
    numpy = _arrays.numpy_wanted(before_mm, after_mm, in_field)
    ch, cho = _arrays.empty(ctypes.c_double, n, numpy)
    fl, flo = _arrays.empty(ctypes.c_uint8, n, numpy)
    count = ctypes.c_size_t()
    _L().ldrt_abscopal_arrays(_options_handle(options), n, b, a, f, ch, fl, ctypes.byref(count))
    return _arrays.result(cho, numpy), _arrays.result(flo, numpy), count.value


@dataclasses.dataclass(frozen=True)
class Resistance(Record):
    """A SITC resistance classification: the category ("none", "primary
    resistance", ...), the missing item when undecided ("" otherwise), and the
    reason with the dates used."""

    category: str
    missing: str
    reason: str


# The settings of a line of therapy (ldrt_line_setting).
_LINE_SETTINGS = {"advanced": 0, "adjuvant": 1, "neoadjuvant": 2}


@guard
def resistance(first_dose: Optional[DateLike], last_dose: Optional[DateLike],
               dates: Sequence[Union[Date, str]],
               labels: Sequence[Union[str, int, None]], options: Optional[Options] = None,
               setting: str = "advanced",
               interventions: Optional[Sequence[Union[Date, str]]] = None) -> Resistance:
    """SITC resistance to a checkpoint inhibitor (Kluger et al., JITC 2020).

    ``first_dose`` and ``last_dose`` are dates (None: unknown / treatment
    continues); ``dates`` and ``labels`` are the scans and their RECIST 1.1
    (or iRECIST) responses. ``setting`` is "advanced", "adjuvant" or
    "neoadjuvant" (the last two give "not applicable": the 2020 definitions
    are for advanced disease); ``interventions`` are the dates of other
    treatments (another line, radiotherapy, surgery): a scan after the first
    one following the PD does not confirm it (ldrt_resistance_classify_line()).
    """
    lib = _L()
    if setting not in _LINE_SETTINGS:
        raise ValueError("setting: expected one of %s (got %r)" % (sorted(_LINE_SETTINGS), setting))
    if interventions is not None or setting != "advanced":
        fd = 0 if first_dose is None else as_date(first_dose, "first_dose").value
        ld = 0 if last_dose is None else as_date(last_dose, "last_dose").value
        d, n = _dates(dates, "dates")
        if not _arrays.is_sequence(labels) or len(labels) != n:
            raise ValueError("labels: needs one label per date (%d)" % n)
        lab = (ctypes.c_int32 * n)(*_labels(labels, "labels"))
        cut, nc = _dates(interventions or [], "interventions")
        out = ResistanceP()
        lib.ldrt_resistance_classify_line(_options_handle(options), _LINE_SETTINGS[setting], fd, ld,
                                          n, d, lab, nc, cut, ctypes.byref(out))
        return _resistance_result(out)
    fd = 0 if first_dose is None else as_date(first_dose, "first_dose").value
    ld = 0 if last_dose is None else as_date(last_dose, "last_dose").value
    d, n = _dates(dates, "dates")
    if not _arrays.is_sequence(labels) or len(labels) != n:
        raise ValueError("labels: needs one label per date (%d)" % n)
    lab = (ctypes.c_int32 * n)(*_labels(labels, "labels"))
    out = ResistanceP()
    lib.ldrt_resistance_classify(_options_handle(options), fd, ld, n, d, lab, ctypes.byref(out))
    return _resistance_result(out)


def _resistance_result(out: Any) -> Resistance:
    """The Resistance of a library result, which is then freed."""
    lib = _L()
    try:
        cat = ctypes.c_int()
        lib.ldrt_resistance_category(out, ctypes.byref(cat))
        return Resistance(_decode(lib.ldrt_resistance_name(cat.value)),
                          _decode(lib.ldrt_resistance_missing(out)),
                          _decode(lib.ldrt_resistance_reason(out)))
    finally:
        lib.ldrt_resistance_result_free(out)


class Cohort:
    """Builds the flat arrays of the cohort engine patient by patient.

    >>> from ldrt import response
    >>> c = response.Cohort()
    >>> c.add_patient("P1")
    >>> c.add_scan("2023-07-01"); c.add_row(0, response.TARGET, response.PRESENT, 22.0)
    >>> c.add_scan("2023-09-01"); c.add_row(0, response.TARGET, response.PRESENT, 14.0)
    >>> [response.label_name(x) for x in c.classify()["overall"]]
    ['', 'PR']
    """

    def __init__(self) -> None:
        self.ids: List[str] = []
        self.patient_offsets = [0]
        self.dates: List[Date] = []
        self.tp_offsets = [0]
        self.lesion: List[int] = []
        self.role: List[int] = []
        self.state: List[int] = []
        self.value: List[float] = []

    def add_patient(self, id: Optional[str] = None) -> None:
        """Starts a patient; its scans follow, baseline first."""
        self.ids.append(id if id is not None else str(len(self.ids)))
        self.patient_offsets.append(self.patient_offsets[-1])

    def add_scan(self, date: DateLike) -> None:
        """Starts a scan of the current patient; its rows follow."""
        if not self.ids:
            raise ValueError("add_scan: add a patient first")
        self.dates.append(as_date(date, "date"))
        self.patient_offsets[-1] += 1
        self.tp_offsets.append(self.tp_offsets[-1])

    def add_row(self, lesion: int, role: int, state: int, value: Optional[float] = math.nan) -> None:
        """Adds a measurement row to the current scan."""
        if len(self.tp_offsets) < 2:
            raise ValueError("add_row: add a scan first")
        lesion = _convert.integer(lesion, "lesion", ctypes.c_int32)
        role = _convert.integer(role, "role", ctypes.c_uint8)
        state = _convert.integer(state, "state", ctypes.c_uint8)
        value = _convert.number(value, "value", allow_none=True)
        self.lesion.append(lesion)
        self.role.append(role)
        self.state.append(state)
        self.value.append(value)
        self.tp_offsets[-1] += 1

    def __len__(self) -> int:
        return len(self.ids)

    def arrays(self, numpy: Optional[bool] = None) -> Dict[str, Any]:
        """The engine's input arrays as a dict (numpy arrays when numpy is present,
        unless ``numpy=False``)."""
        out = {"patient_offsets": self.patient_offsets, "tp_offsets": self.tp_offsets,
               "lesion": self.lesion, "role": self.role, "state": self.state,
               "value_mm": self.value}
        if numpy is None:
            numpy = _arrays.np is not None
        if numpy:
            np = _arrays.np
            types = {"patient_offsets": np.int64, "tp_offsets": np.int64, "lesion": np.int32,
                     "role": np.uint8, "state": np.uint8, "value_mm": np.float64}
            out = {k: np.asarray(v, dtype=types[k]) for k, v in out.items()}
        return out

    def classify(self, options: Optional[Options] = None, numpy: bool = False) -> Dict[str, Any]:
        """recist_cohort() over the cohort."""
        return recist_cohort(options=options, **self.arrays(numpy))

    def best(self, options: Optional[Options] = None,
             numpy: bool = False) -> Tuple[Any, Any]:
        """(bor, confirmed_bor) codes per patient, from classify()."""
        overall = self.classify(options, numpy)["overall"]
        days = [d.earliest().to_days() for d in self.dates]
        arrays = self.arrays(numpy)
        return bor_cohort(arrays["patient_offsets"], days, overall, None, options)
