"""Exceptions raised by the binding.

Every failing call of the C library becomes an :class:`Error` that carries
the status code and the library's message naming what was wrong; the
subclasses also derive from the built-in exception that fits, so
``except ValueError`` catches a bad argument.
"""

from typing import Dict, Type

OK = 0
EINVAL = -1
ENOMEM = -2
ERANGE = -3
ENOTFOUND = -4
EPARSE = -5
EIO = -6
ESTATE = -7
EUNSUPPORTED = -8


class Error(Exception):
    """A libldrt call failed. ``code`` is the LDRT_E* status, ``message`` the detail."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class InvalidArgument(Error, ValueError):
    """LDRT_EINVAL: an argument is invalid."""


class OutOfMemory(Error, MemoryError):
    """LDRT_ENOMEM."""


class OutOfRange(Error, ValueError):
    """LDRT_ERANGE: a value or result is out of range."""


class NotFound(Error, LookupError):
    """LDRT_ENOTFOUND: a named thing does not exist."""


class ParseError(Error, ValueError):
    """LDRT_EPARSE: text could not be parsed."""


class IOFailure(Error, OSError):
    """LDRT_EIO: reading or writing a file failed."""


class WrongState(Error, RuntimeError):
    """LDRT_ESTATE: the object does not allow the call in its state."""


class Unsupported(Error, NotImplementedError):
    """LDRT_EUNSUPPORTED."""


class FhirWarning(UserWarning):
    """A resource of a FHIR bundle that :meth:`ldrt.Patient.from_fhir` could
    not map to the record (it is kept in the record; the message names it)."""


class ClosedError(ValueError):
    """An object was used after close() (or after its patient was closed)."""


_BY_CODE: Dict[int, Type[Error]] = {
    EINVAL: InvalidArgument,
    ENOMEM: OutOfMemory,
    ERANGE: OutOfRange,
    ENOTFOUND: NotFound,
    EPARSE: ParseError,
    EIO: IOFailure,
    ESTATE: WrongState,
    EUNSUPPORTED: Unsupported,
}


def from_code(code: int, message: str) -> Error:
    """The exception for a status code and message."""
    return _BY_CODE.get(code, Error)(code, message)


class ArgumentRangeError(OverflowError, ValueError):
    """An integer argument does not fit the C type of the parameter it is passed to
    (raised by the binding before the call; ctypes would wrap it around)."""
