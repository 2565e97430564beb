"""The checked conversion of every Python argument that reaches the library.

Every integer the binding passes to C goes through :func:`integer`, which
refuses a value outside the range of the C parameter's type (ctypes would
silently wrap it around: 2**32 + 5 fractions would become 5) with an
:class:`ldrt.ArgumentRangeError`, an OverflowError and a ValueError, naming
the argument. Every string goes through :func:`text`, which refuses a NUL
character (the C API takes NUL-terminated strings, so ``"a\\x00b"`` would
silently become ``"a"``) with a ValueError naming the argument; paths go
through :func:`path` with the same rule.

The prototypes table (``_prototypes``) adds a second line: every integer
and string parameter of every declared function is checked again when the
call is made, so a call site that forgot the conversion fails with
``ctypes.ArgumentError`` instead of wrapping or truncating.
SPDX-License-Identifier: MIT
"""

import ctypes
import math
import os
from typing import Any, Optional, Tuple

from .errors import ArgumentRangeError

def int_range(ctype: Any) -> Tuple[int, int]:
    """(lowest, highest) value of a ctypes integer type."""
    bits = 8 * ctypes.sizeof(ctype)
    if ctype(-1).value == -1:
        return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return 0, (1 << bits) - 1


def _type_name(ctype: Any) -> str:
    lo, hi = int_range(ctype)
    return "%s %d-bit integer" % ("a signed" if lo < 0 else "an unsigned", 8 * ctypes.sizeof(ctype))


def check_range(value: int, what: str, ctype: Any) -> int:
    """``value`` when it fits ``ctype``, else ArgumentRangeError naming ``what``."""
    lo, hi = int_range(ctype)
    if not lo <= value <= hi:
        raise ArgumentRangeError("%s: %d is out of range (%s: %d to %d)"
                                 % (what, value, _type_name(ctype), lo, hi))
    return value


def integer(value: Any, what: str, ctype: Any = ctypes.c_int) -> int:
    """An int (or an object with ``__index__``, not a bool) that fits ``ctype``."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, bool) or not hasattr(value, "__index__"):
            raise TypeError("%s: expected an int, not %s" % (what, type(value).__name__))
        value = value.__index__()
    return check_range(int(value), what, ctype)


def number(value: Any, what: str, allow_none: bool = False) -> float:
    """A float of an int, a float or a numpy scalar (None gives NaN when allowed)."""
    if value is None and allow_none:
        return math.nan
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        # numpy scalars are accepted through __float__
        if hasattr(value, "__float__") and not isinstance(value, (str, bytes, bool)):
            return float(value)
        raise TypeError("%s: expected a number%s, not %s"
                        % (what, " or None" if allow_none else "", type(value).__name__))
    try:
        return float(value)
    except OverflowError:
        raise ArgumentRangeError("%s: %d is too large for a double" % (what, value)) from None


def text(value: Any, what: str, allow_none: bool = False) -> Optional[bytes]:
    """The UTF-8 bytes of a str without NUL (None passes when allowed)."""
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        raise TypeError("%s: expected a str%s, not %s"
                        % (what, " or None" if allow_none else "", type(value).__name__))
    nul = value.find("\0")
    if nul >= 0:
        raise ValueError("%s: contains a NUL character (at index %d); the library takes "
                         "NUL-terminated text" % (what, nul))
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("%s: is not valid Unicode text (%s)" % (what, exc.reason)) from None


def required_text(value: Any, what: str) -> bytes:
    """:func:`text` that refuses None."""
    out = text(value, what)
    assert out is not None
    return out


def path(value: Any, what: str) -> bytes:
    """The file system bytes of a path (str, bytes or os.PathLike) without NUL."""
    try:
        raw = os.fsencode(value)
    except TypeError:
        raise TypeError("%s: expected a path (str, bytes or os.PathLike), not %s"
                        % (what, type(value).__name__)) from None
    if b"\0" in raw:
        raise ValueError("%s: contains a NUL character; a path cannot" % what)
    return raw
