"""Passing sequences and numpy arrays to the library (numpy is optional).

A numpy array is passed without copying when it already has the C type and
is contiguous; anything else is converted (a copy). The object that owns the
memory is returned with the pointer, and callers keep it referenced until
the C call has returned.
"""

import ctypes
import importlib
import math
from typing import Any, Tuple

from . import _convert

# numpy is optional: everything works on lists without it. It is typed as Any,
# so that the binding type-checks the same with and without numpy installed.
np: Any
try:
    np = importlib.import_module("numpy")
except ImportError:  # pragma: no cover - depends on the environment
    np = None

_NP_DTYPES = {
    ctypes.c_double: "float64", ctypes.c_float: "float32", ctypes.c_int32: "int32",
    ctypes.c_int64: "int64", ctypes.c_uint8: "uint8",
}


def is_array(value: Any) -> bool:
    """True for a numpy array (never when numpy is absent)."""
    return np is not None and isinstance(value, np.ndarray)


def is_sequence(value: Any) -> bool:
    """True for a list, tuple, range or numpy array (not for str or bytes)."""
    return is_array(value) or isinstance(value, (list, tuple, range))


_INT_RANGES = {
    ctypes.c_uint8: (0, 255), ctypes.c_int32: (-2 ** 31, 2 ** 31 - 1),
    ctypes.c_int64: (-2 ** 63, 2 ** 63 - 1),
}


def _scalar(ctype: Any, value: Any, what: str, index: int) -> Any:
    if ctype in (ctypes.c_double, ctypes.c_float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            if value is None:
                return math.nan
            try:
                return float(value.__float__())
            except AttributeError:
                raise TypeError("%s[%d]: expected a number, not %s"
                                % (what, index, type(value).__name__)) from None
        return float(value)
    if isinstance(value, bool) or not isinstance(value, int):
        if not hasattr(value, "__index__"):
            raise TypeError("%s[%d]: expected an int, not %s"
                            % (what, index, type(value).__name__))
        value = value.__index__()
    # ctypes would silently wrap the value around
    return _convert.check_range(value, "%s[%d]" % (what, index), ctype)


def c_array(ctype: Any, values: Any, what: str) -> Tuple[Any, int, Any]:
    """(pointer, length, keepalive) for a sequence or a numpy array of ``ctype``."""
    if is_array(values):
        if values.ndim != 1:
            values = values.reshape(-1)
        arr = np.ascontiguousarray(values, dtype=_NP_DTYPES[ctype])
        if ctype in _INT_RANGES and arr.dtype != values.dtype:
            # a conversion between integer types (or from floats) must not change a value
            if values.dtype.kind not in "iub" or not np.array_equal(arr, values):
                raise ValueError("%s: the %s values do not all fit %s"
                                 % (what, values.dtype, _NP_DTYPES[ctype]))
        return arr.ctypes.data_as(ctypes.POINTER(ctype)), arr.size, arr
    if not is_sequence(values):
        raise TypeError("%s: expected a list, tuple or numpy array, not %s"
                        % (what, type(values).__name__))
    arr = (ctype * len(values))(*[_scalar(ctype, v, what, i) for i, v in enumerate(values)])
    return ctypes.cast(arr, ctypes.POINTER(ctype)), len(values), arr


def empty(ctype: Any, n: int, like_numpy: bool) -> Tuple[Any, Any]:
    """(pointer, owner) of an output array of n ``ctype`` values."""
    if like_numpy:
        arr = np.empty(n, dtype=_NP_DTYPES[ctype])
        return arr.ctypes.data_as(ctypes.POINTER(ctype)), arr
    arr = (ctype * n)()
    return ctypes.cast(arr, ctypes.POINTER(ctype)), arr


def result(owner: Any, like_numpy: bool) -> Any:
    """The output array as returned to the caller: the numpy array, or a list."""
    if like_numpy:
        return owner
    return list(owner)


def numpy_wanted(*inputs: Any) -> bool:
    """Outputs are numpy arrays when numpy is present and any input is a numpy array."""
    return any(is_array(v) for v in inputs)
