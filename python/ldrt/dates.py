"""Calendar dates with precision: ``"2023"``, ``"2023-07"``, ``"2023-07-21"``.

A partial date stands for the span of days it can mean; libldrt never
invents a day. Dates order by earliest day, the less precise first.
"""

import ctypes
import functools
from typing import Optional, Tuple, Union

from . import _convert, _lib
from ._prototypes import c_date

__all__ = ["Date", "DateLike", "as_date", "YEAR", "MONTH", "DAY"]

YEAR = 1
MONTH = 2
DAY = 3


@functools.total_ordering
class Date:
    """An immutable date with its precision, backed by the library's integer form."""

    __slots__ = ("_value",)

    def __init__(self, value: "DateLike") -> None:
        self._value = _date_value(value, "date")

    @classmethod
    def from_parts(cls, year: int, month: int = 0, day: int = 0) -> "Date":
        out = c_date()
        _lib.load().ldrt_date_make(_convert.integer(year, "year"), _convert.integer(month, "month"),
                                   _convert.integer(day, "day"), ctypes.byref(out))
        return cls(out.value)

    @classmethod
    def from_days(cls, days: int) -> "Date":
        """The full date of a day number (days since 1970-01-01)."""
        out = c_date()
        _lib.load().ldrt_date_from_days(_convert.integer(days, "days", ctypes.c_int64),
                                        ctypes.byref(out))
        return cls(out.value)

    @property
    def value(self) -> int:
        """The library's integer form, ``year*10000 + month*100 + day``."""
        return self._value

    def _parts(self) -> Tuple[int, int, int, int]:
        y, m, d, p = ctypes.c_int(), ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
        _lib.load().ldrt_date_parts(self._value, ctypes.byref(y), ctypes.byref(m),
                                    ctypes.byref(d), ctypes.byref(p))
        return y.value, m.value, d.value, p.value

    @property
    def year(self) -> int:
        return self._parts()[0]

    @property
    def month(self) -> Optional[int]:
        """The month, or None when unknown."""
        return self._parts()[1] or None

    @property
    def day(self) -> Optional[int]:
        """The day, or None when unknown."""
        return self._parts()[2] or None

    @property
    def precision(self) -> int:
        """ldrt.dates.YEAR, MONTH or DAY."""
        return self._parts()[3]

    def earliest(self) -> "Date":
        out = c_date()
        _lib.load().ldrt_date_earliest(self._value, ctypes.byref(out))
        return Date(out.value)

    def latest(self) -> "Date":
        out = c_date()
        _lib.load().ldrt_date_latest(self._value, ctypes.byref(out))
        return Date(out.value)

    def days_until(self, other: "DateLike") -> int:
        """Days from this full date to another full date."""
        out = ctypes.c_int64()
        _lib.load().ldrt_date_days_between(self._value, as_date(other, "other")._value, ctypes.byref(out))
        return out.value

    def days_until_range(self, other: "DateLike") -> Tuple[int, int]:
        """(smallest, largest) days from this date to another, over every day each can mean."""
        lo, hi = ctypes.c_int64(), ctypes.c_int64()
        _lib.load().ldrt_date_days_between_range(self._value, as_date(other, "other")._value,
                                                 ctypes.byref(lo), ctypes.byref(hi))
        return lo.value, hi.value

    def add_days(self, days: int) -> "Date":
        out = c_date()
        _lib.load().ldrt_date_add_days(self._value, _convert.integer(days, "days", ctypes.c_int64),
                                       ctypes.byref(out))
        return Date(out.value)

    def to_days(self) -> int:
        out = ctypes.c_int64()
        _lib.load().ldrt_date_to_days(self._value, ctypes.byref(out))
        return out.value

    def weekday(self) -> int:
        """ISO weekday: 1 Monday ... 7 Sunday."""
        out = ctypes.c_int()
        _lib.load().ldrt_date_weekday(self._value, ctypes.byref(out))
        return out.value

    def relation(self, other: "DateLike") -> str:
        """How the days this date can mean lie against another's: "before" (every
        day before every day of the other), "after", or "overlaps"."""
        out = ctypes.c_int()
        _lib.load().ldrt_date_relation(self._value, as_date(other, "other")._value, ctypes.byref(out))
        return {-1: "before", 0: "overlaps", 1: "after"}[out.value]

    def compare(self, other: "DateLike") -> int:
        """-1, 0 or 1 as this date sorts before, with or after another (the
        library's rule: earliest day first, then the less precise first; the
        ordering operators follow the same rule)."""
        out = ctypes.c_int()
        _lib.load().ldrt_date_compare(self._value, as_date(other, "other")._value, ctypes.byref(out))
        return out.value

    def __str__(self) -> str:
        buf = ctypes.create_string_buffer(11)
        _lib.load().ldrt_date_format(self._value, buf, len(buf))
        return buf.value.decode("ascii")

    def __repr__(self) -> str:
        return "Date(%r)" % str(self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            other = as_date(other, "other")
        if not isinstance(other, Date):
            return NotImplemented
        return self._value == other._value

    def __lt__(self, other: object) -> bool:
        if isinstance(other, str):
            other = as_date(other, "other")
        if not isinstance(other, Date):
            return NotImplemented
        return self._value < other._value

    def __hash__(self) -> int:
        return hash(self._value)


def _date_value(value: object, what: str) -> int:
    """The library's integer form of a Date, an ISO 8601 string or a YYYYMMDD int,
    checked by the library; errors name ``what``."""
    if isinstance(value, Date):
        return value._value
    if isinstance(value, str):
        out = c_date()
        _lib.load().ldrt_date_parse(_convert.text(value, what), ctypes.byref(out))
        return int(out.value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s: expected an ISO 8601 string, a Date or a YYYYMMDD integer, not %s"
                        % (what, type(value).__name__))
    value = _convert.integer(value, what, c_date)
    _lib.load().ldrt_date_validate(value)
    return value


def as_date(value: object, what: str) -> "Date":
    """A Date of a Date, an ISO 8601 string or a YYYYMMDD int; errors name ``what``."""
    if isinstance(value, Date):
        return value
    date = Date.__new__(Date)
    date._value = _date_value(value, what)
    return date


#: What the API takes for a date: a Date, an ISO 8601 string ("2023", "2023-07",
#: "2023-07-21") or the library's integer form YYYYMMDD (2023 is a year: 20230000).
DateLike = Union[Date, str, int]
