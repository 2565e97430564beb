"""The prototypes of every C function the binding calls.

Functions that return a status have an ``errcheck`` that turns a negative
status into the matching :mod:`ldrt.errors` exception, carrying the
library's own message.
"""

import ctypes
from ctypes import POINTER, c_char_p, c_int, c_int32, c_int64, c_size_t, c_void_p

from . import _lib, errors

c_date = c_int32


def _status(result, func, args):
    if result < 0:
        lib = _lib.load()
        message = lib.ldrt_last_error().decode("utf-8", "replace")
        raise errors.from_code(result, "%s: %s" % (func.__name__, message))
    return result


COMMON = [
    ("ldrt_strerror", [c_int], c_char_p),
    ("ldrt_last_error", [], c_char_p),
    ("ldrt_last_error_code", [], c_int),
    ("ldrt_clear_error", [], None),
    ("ldrt_version", [], c_int),
    ("ldrt_version_string", [], c_char_p),
    ("ldrt_free", [c_void_p], None),
    ("ldrt_date_parse", [c_char_p, POINTER(c_date)], c_int),
    ("ldrt_date_make", [c_int, c_int, c_int, POINTER(c_date)], c_int),
    ("ldrt_date_format", [c_date, c_char_p, c_size_t], c_int),
    ("ldrt_date_validate", [c_date], c_int),
    ("ldrt_date_parts", [c_date, POINTER(c_int), POINTER(c_int), POINTER(c_int), POINTER(c_int)], c_int),
    ("ldrt_date_earliest", [c_date, POINTER(c_date)], c_int),
    ("ldrt_date_latest", [c_date, POINTER(c_date)], c_int),
    ("ldrt_date_compare", [c_date, c_date, POINTER(c_int)], c_int),
    ("ldrt_date_relation", [c_date, c_date, POINTER(c_int)], c_int),
    ("ldrt_date_days_between", [c_date, c_date, POINTER(c_int64)], c_int),
    ("ldrt_date_days_between_range", [c_date, c_date, POINTER(c_int64), POINTER(c_int64)], c_int),
    ("ldrt_date_add_days", [c_date, c_int64, POINTER(c_date)], c_int),
    ("ldrt_date_to_days", [c_date, POINTER(c_int64)], c_int),
    ("ldrt_date_from_days", [c_int64, POINTER(c_date)], c_int),
    ("ldrt_date_weekday", [c_date, POINTER(c_int)], c_int),
]

# Status-returning functions are the ones whose restype is c_int and whose
# name is not in this set of plain-value functions.
_PLAIN = {"ldrt_last_error_code", "ldrt_version"}

TABLES = [COMMON]


def declare(lib):
    for table in TABLES:
        _lib.declare(lib, table)
        for name, _args, restype in table:
            if restype is c_int and name not in _PLAIN:
                getattr(lib, name).errcheck = _status


__all__ = ["declare", "c_date", "ctypes"]
