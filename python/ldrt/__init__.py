"""libldrt for Python: the clinical record of immunotherapy plus (low-dose)
radiotherapy, through ctypes (no compiler needed).

>>> import ldrt
>>> ldrt.Date("2023-07-21").days_until("2023-07-26")
5
"""

from . import code, dose, errors, response
from ._lib import LibraryError, load
from ._version import VERSION as __version__
from .dates import Date
from .patient import (Agent, Category, CourseDose, CourseResponse, Diagnosis, DiseaseEvent,
                      DrugExposure, DrugSummary, DrugTiming, DrugTimingRange, Event, EventKind,
                      Fraction,
                      HoldEvent, HoldKind, ImagingEvent, Lesion, LesionDose, LineExposure, LesionResponse, Measurement,
                      MeasurementState, NewLesion, NonTargetState, NoteEvent, Patient,
                      Prescription, RadiotherapyCourse, Schedule, SurgeryEvent, SystemicEvent,
                      ToxicityEvent, validate, validate_file)
from .errors import (ArgumentRangeError, ClosedError, Error, FhirWarning, InvalidArgument, IOFailure, NotFound,
                     OutOfMemory, OutOfRange, ParseError, Unsupported, WrongState)


def library_version() -> str:
    """The version string of the C library in use."""
    return str(load().ldrt_version_string().decode("ascii"))


def strerror(code: int) -> str:
    """The name of a status code."""
    return str(load().ldrt_strerror(code).decode("ascii"))


__all__ = [
    "code", "dose", "response", "Date", "Error", "InvalidArgument", "OutOfMemory", "OutOfRange",
    "NotFound", "ParseError", "IOFailure", "WrongState", "Unsupported", "ClosedError", "ArgumentRangeError",
    "FhirWarning",
    "LibraryError", "errors",
    "library_version", "strerror", "__version__",
    "Patient", "Event", "SystemicEvent", "RadiotherapyCourse", "ImagingEvent", "ToxicityEvent",
    "HoldEvent", "SurgeryEvent", "DiseaseEvent", "NoteEvent", "Fraction", "Lesion", "Diagnosis",
    "EventKind", "Category", "HoldKind", "Schedule", "NonTargetState", "MeasurementState",
    "Agent", "Measurement", "NewLesion", "Prescription", "DrugSummary", "DrugExposure", "LineExposure", "validate", "validate_file",
    "CourseDose", "CourseResponse", "DrugTiming", "DrugTimingRange", "LesionDose", "LesionResponse",
]
