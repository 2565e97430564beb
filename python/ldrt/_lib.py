"""Loading the shared library and declaring its functions.

The library is found, in order, at the path in the ``LDRT_LIBRARY``
environment variable, in the source tree the package sits in
(``lib/libldrt.so``), then as an installed library (``libldrt.so.MAJOR``).
Every function is declared from a table with its argument and result types;
a function missing from the library raises :class:`LibraryError` naming it.
"""

import ctypes
import ctypes.util
import os
import threading

from . import _version

MAJOR = _version.MAJOR
MINOR = _version.MINOR

_here = os.path.dirname(os.path.abspath(__file__))
_lock = threading.Lock()
_lib = None


class LibraryError(ImportError):
    """The libldrt shared library could not be loaded or is the wrong version."""


def _candidates():
    env = os.environ.get("LDRT_LIBRARY")
    if env:
        return [("LDRT_LIBRARY", env)]
    out = []
    tree = os.path.normpath(os.path.join(_here, "..", "..", "lib", "libldrt.so"))
    if os.path.exists(tree):
        out.append(("source tree", tree))
    found = ctypes.util.find_library("ldrt")
    if found:
        out.append(("installed", found))
    out.append(("installed", "libldrt.so.%d" % MAJOR))
    return out


def _open():
    errors = []
    for where, path in _candidates():
        try:
            return ctypes.CDLL(path), path
        except OSError as exc:
            errors.append("%s (%s): %s" % (path, where, exc))
    raise LibraryError(
        "cannot load libldrt: " + "; ".join(errors)
        + ". Build it with 'make', install it, or set LDRT_LIBRARY to the path of libldrt.so."
    )


def _check_version(lib, path):
    lib.ldrt_version.restype = ctypes.c_int
    lib.ldrt_version.argtypes = []
    number = lib.ldrt_version()
    major, minor = number // 10000, number // 100 % 100
    if major != MAJOR or minor < MINOR:
        raise LibraryError(
            "libldrt at %s is version %d.%d.%d; this binding needs %d.%d or a later %d.x"
            % (path, major, minor, number % 100, MAJOR, MINOR, MAJOR)
        )
    return number


def load():
    """Returns the loaded library, loading and checking it on first use."""
    global _lib
    with _lock:
        if _lib is None:
            lib, path = _open()
            _check_version(lib, path)
            lib._ldrt_path = path
            from . import _prototypes
            _prototypes.declare(lib)
            _lib = lib
        return _lib


def declare(lib, table):
    """Sets argtypes and restype of each (name, argtypes, restype) row."""
    for name, argtypes, restype in table:
        try:
            func = getattr(lib, name)
        except AttributeError:
            raise LibraryError(
                "libldrt at %s has no function %s: the library is older than this binding"
                % (getattr(lib, "_ldrt_path", "?"), name)
            ) from None
        func.argtypes = argtypes
        func.restype = restype
