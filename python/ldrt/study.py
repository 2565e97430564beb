"""A study: CDISC SDTM domains (CSV) read into one record per subject,
written back, and the responses a reader recorded (RS) audited against the
ones the criteria give from the measurements (TR).

>>> import ldrt.study
>>> st = ldrt.study.read_sdtm("tests/data/sdtm/pharmaverse")   # doctest: +SKIP
>>> audit = st.audit("recist1.1", reference_date="first-dose")  # doctest: +SKIP
>>> [s.usubjid for s in audit.subjects if s.disagreements]       # doctest: +SKIP

The mapping of SDTM variables onto the record is the C library's
(``ldrt/study.h``, guide ``doc/guides/trials.md``).
SPDX-License-Identifier: MIT
"""

import ctypes
import dataclasses
import json
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from . import _convert, _lib
from ._guard import guard
from ._owned import _Owned
from ._prototypes import PatientP, SdtmOptionsP, StudyAuditP, StudyP, c_date
from .dates import Date, DateLike, as_date
from .errors import NotFound
from .patient import Patient, PathLike
from .response import Options

__all__ = ["Study", "Unmapped", "Disagreement", "SubjectAudit", "Audit", "read_sdtm"]

_CRITERIA = {"recist1.1": 1, "irecist": 2, "percist1.0": 3}
_FIRST_DOSE, _RANDOMIZATION = 1, 2
_FORMAT_JSON = 3


def _L() -> ctypes.CDLL:
    return _lib.load()


def _criteria(name: str) -> int:
    if not isinstance(name, str) or name not in _CRITERIA:
        raise ValueError("criteria: expected one of %s, not %r" % (", ".join(_CRITERIA), name))
    return _CRITERIA[name]


def _str(raw: Optional[bytes]) -> str:
    return raw.decode("utf-8", "replace") if raw is not None else ""


@dataclasses.dataclass(frozen=True)
class Unmapped:
    """A row the reader could not map onto the record, and why."""
    domain: str
    file: str
    row: int          # the header is row 1
    usubjid: str      # "" when the row has none
    reason: str


@dataclasses.dataclass(frozen=True)
class Disagreement:
    """A date where the computed overall response differs from the recorded one."""
    date: str
    computed: Optional[str]   # None: no measurements on that date
    recorded: Optional[str]
    reason: str               # the rule and the numbers that decide


@dataclasses.dataclass(frozen=True)
class SubjectAudit:
    """One subject: computed best responses and the disagreements."""
    usubjid: str
    best_overall_response: Optional[str]
    confirmed_best_overall_response: Optional[str]
    basis: str                # "measurements", "recorded" or "none"
    disagreements: Tuple[Disagreement, ...]
    note: Optional[str] = None


@dataclasses.dataclass(frozen=True)
class Audit:
    """The audit of a study (the JSON of ``ldrt study``, as dataclasses)."""
    criteria: str
    reader: str
    subjects: Tuple[SubjectAudit, ...]
    csv: str = dataclasses.field(repr=False, default="")

    @staticmethod
    def from_json(text: Union[str, bytes]) -> "Audit":
        """Builds an audit from the JSON ``ldrt study --format json`` prints."""
        doc = json.loads(text)
        subjects = tuple(
            SubjectAudit(
                usubjid=str(s["usubjid"]),
                best_overall_response=s["best_overall_response"],
                confirmed_best_overall_response=s["confirmed_best_overall_response"],
                basis=str(s["basis"]),
                disagreements=tuple(Disagreement(str(d["date"]), d["computed"], d["recorded"],
                                                 str(d["reason"]))
                                    for d in s["disagreements"]),
                note=s.get("note"))
            for s in doc["subjects"])
        return Audit(str(doc["criteria"]), str(doc["reader"]), subjects)


class Study(_Owned):
    """The subjects of a study, each an :class:`ldrt.Patient` named by its USUBJID."""

    _closed = "the study is closed"

    def __init__(self, study_id: str = "STUDY", patients: Sequence[Patient] = ()) -> None:
        """A study made of patient records (copied), for :meth:`write_sdtm`."""
        lib = _L()
        handle = StudyP()
        lib.ldrt_study_new(_convert.required_text(study_id, "study_id"), ctypes.byref(handle))
        self._own_handle(handle, lib.ldrt_study_free)
        for p in patients:
            if not isinstance(p, Patient):
                raise TypeError("patients: expected Patient objects, not %s" % type(p).__name__)
            _add_patient(self, p.dumps().encode("utf-8"))

    @classmethod
    def read_sdtm(cls, directory: PathLike, reader: str = "INVESTIGATOR",
                  criteria: str = "recist1.1") -> "Study":
        """Reads the SDTM domains (CSV) of a directory: one reader stream
        (``EVAL`` or ``EVAL/EVALID``), the recorded responses of one criteria."""
        lib = _L()
        crit = _criteria(criteria)
        opt = SdtmOptionsP()
        lib.ldrt_sdtm_options_new(ctypes.byref(opt))
        handle = StudyP()
        try:
            lib.ldrt_sdtm_options_set_reader(opt, _convert.required_text(reader, "reader"))
            lib.ldrt_sdtm_options_set_criteria(opt, crit)
            lib.ldrt_study_read_sdtm(_convert.path(directory, "directory"), opt,
                                     ctypes.byref(handle))
        finally:
            lib.ldrt_sdtm_options_free(opt)
        self = cls.__new__(cls)
        self._own_handle(handle, lib.ldrt_study_free)
        return self

    @property
    def id(self) -> str:
        """The STUDYID."""
        return _str(_L().ldrt_study_id(self._h))

    @property
    def reader(self) -> str:
        """The reader stream the records hold."""
        return _str(_L().ldrt_study_reader(self._h))

    @property
    def readers(self) -> Tuple[str, ...]:
        """Every reader stream found in TU, TR and RS."""
        lib, h = _L(), self._h
        return tuple(_str(lib.ldrt_study_reader_at(h, i)) for i in range(lib.ldrt_study_reader_count(h)))

    def __len__(self) -> int:
        return int(_L().ldrt_study_subject_count(self._h))

    @property
    def usubjids(self) -> Tuple[str, ...]:
        """The subjects' USUBJIDs, in order."""
        lib, h = _L(), self._h
        return tuple(_str(lib.ldrt_patient_id(lib.ldrt_study_patient_at(h, i)))
                     for i in range(len(self)))

    def patients(self) -> List[Patient]:
        """Copies of the subjects' records (independent of the study)."""
        lib, h = _L(), self._h
        out: List[Patient] = []
        for i in range(len(self)):
            buf, size = ctypes.POINTER(ctypes.c_char)(), ctypes.c_size_t()
            lib.ldrt_patient_save_json_buffer(lib.ldrt_study_patient_at(h, i), ctypes.byref(buf),
                                              ctypes.byref(size))
            try:
                text = ctypes.string_at(buf, size.value)
            finally:
                lib.ldrt_free(buf)
            out.append(Patient.loads(text))
        return out

    def _date(self, i: int, which: int) -> Optional[Date]:
        d = c_date()
        try:
            _L().ldrt_study_subject_date(self._h, i, which, ctypes.byref(d))
        except NotFound:
            return None
        return Date(int(d.value))

    def first_dose(self, index: int) -> Optional[Date]:
        """DM.RFXSTDTC of subject ``index`` (else its first EX.EXSTDTC), or None."""
        return self._date(self._index(index), _FIRST_DOSE)

    def randomization(self, index: int) -> Optional[Date]:
        """DS.DSSTDTC of the RANDOMIZED row of subject ``index``, or None."""
        return self._date(self._index(index), _RANDOMIZATION)

    def _index(self, index: int) -> int:
        i = _convert.integer(index, "index", ctypes.c_size_t)
        if i >= len(self):
            raise IndexError("index: %d is out of range (%d subjects)" % (i, len(self)))
        return i

    @property
    def unmapped(self) -> Tuple[Unmapped, ...]:
        """Every row the reader could not map, with the reason."""
        lib, h = _L(), self._h
        out = []
        for i in range(lib.ldrt_study_unmapped_count(h)):
            dom, file, uid, why = (ctypes.c_char_p() for _ in range(4))
            row = ctypes.c_size_t()
            lib.ldrt_study_unmapped_at(h, i, ctypes.byref(dom), ctypes.byref(file),
                                       ctypes.byref(row), ctypes.byref(uid), ctypes.byref(why))
            out.append(Unmapped(_str(dom.value), _str(file.value), int(row.value),
                                _str(uid.value), _str(why.value)))
        return tuple(out)

    def audit(self, criteria: str = "recist1.1", confirm_days: Optional[int] = None,
              sd_min_days: Optional[int] = None,
              reference_date: Union[DateLike, str, None] = None) -> Audit:
        """Assesses every subject and compares the computed overall responses
        with the recorded ones. ``reference_date`` is a date, ``"first-dose"``,
        ``"randomization"`` or None (the baseline scan)."""
        lib, h = _L(), self._h
        crit = _criteria(criteria)
        per_subject = reference_date in ("first-dose", "randomization")
        fixed = None if per_subject or reference_date is None else as_date(reference_date,
                                                                           "reference_date")
        audit = StudyAuditP()
        lib.ldrt_study_audit_new(h, crit, ctypes.byref(audit))
        try:
            for i in range(len(self)):
                settings: Dict[str, Union[float, DateLike, None]] = {}
                if confirm_days is not None:
                    settings["confirm_days"] = _convert.integer(confirm_days, "confirm_days")
                if sd_min_days is not None:
                    settings["sd_min_days"] = _convert.integer(sd_min_days, "sd_min_days")
                ref = fixed
                if per_subject:
                    ref = self._date(i, _FIRST_DOSE if reference_date == "first-dose"
                                     else _RANDOMIZATION)
                if ref is not None:
                    settings["reference_date"] = ref
                with Options(**settings) as opt:
                    _audit_add(audit, i, opt)
            buf, size = ctypes.POINTER(ctypes.c_char)(), ctypes.c_size_t()
            lib.ldrt_study_audit_render(audit, _FORMAT_JSON, ctypes.byref(buf), ctypes.byref(size))
            try:
                text = ctypes.string_at(buf, size.value)
            finally:
                lib.ldrt_free(buf)
            lib.ldrt_study_audit_csv(audit, ctypes.byref(buf), ctypes.byref(size))
            try:
                csv_text = ctypes.string_at(buf, size.value).decode("utf-8")
            finally:
                lib.ldrt_free(buf)
        finally:
            lib.ldrt_study_audit_free(audit)
        return dataclasses.replace(Audit.from_json(text), csv=csv_text)

    def write_sdtm(self, directory: PathLike, criteria: str = "recist1.1") -> None:
        """Writes the study as SDTM CSV files in an existing directory (RS
        from libldrt's own assessment by ``criteria``)."""
        _L().ldrt_study_write_sdtm(self._h, _convert.path(directory, "directory"),
                                   _criteria(criteria), None)


@guard
def _add_patient(study: Study, document: bytes) -> None:
    lib = _L()
    copy = PatientP()
    lib.ldrt_patient_load_json_buffer(document, len(document), ctypes.byref(copy))
    try:
        lib.ldrt_study_add_patient(study._h, copy)
    except Exception:
        lib.ldrt_patient_free(copy)
        raise


@guard
def _audit_add(audit: Any, index: int, options: Options) -> None:
    _L().ldrt_study_audit_add(audit, index, options._h)


def read_sdtm(directory: PathLike, reader: str = "INVESTIGATOR",
              criteria: str = "recist1.1") -> Study:
    """Reads a study from SDTM CSV files (:meth:`Study.read_sdtm`)."""
    return Study.read_sdtm(directory, reader, criteria)
