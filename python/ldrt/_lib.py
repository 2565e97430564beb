"""Loading the shared library and declaring its functions.

The library is looked for in this order; the first that loads is used:

1. ``LDRT_LIBRARY``: the path in this environment variable. When it is set,
   nothing else is tried (a wrong path is an error, never a silent fallback).
2. The source tree: ``lib/libldrt.so`` of the tree this package sits in
   (``python/ldrt`` of a tree where ``make`` has run).
3. The system loader, by SONAME: ``libldrt.so.MAJOR`` through the dynamic
   loader (its cache, ``LD_LIBRARY_PATH``, the system library directories):
   the Debian package libldrt0, or ``make install`` into a system prefix
   after ``ldconfig``.
4. ``pkg-config --variable=libdir libldrt``: ``make install`` into another
   prefix, with ``PKG_CONFIG_PATH`` naming its ``lib/pkgconfig``.

When none loads, :class:`LibraryError` lists what was tried, why each failed,
and what to do. A library of another major version (or an older minor one)
is refused with an error that says which library was found.
Every function is declared from a table with its argument and result types;
a function missing from the library raises :class:`LibraryError` naming it.
"""

import ctypes
import ctypes.util
import os
import subprocess
import threading
from typing import Any, List, Optional, Sequence, Tuple

from . import _version

MAJOR = _version.MAJOR
MINOR = _version.MINOR
SONAME = "libldrt.so.%d" % MAJOR

_here = os.path.dirname(os.path.abspath(__file__))
_lock = threading.Lock()
_lib: Optional[ctypes.CDLL] = None


class LibraryError(ImportError):
    """The libldrt shared library could not be loaded or is the wrong version."""


def _tree_library() -> Optional[str]:
    """lib/libldrt.so of the source tree this package sits in, if it is one."""
    top = os.path.normpath(os.path.join(_here, "..", ".."))
    if not (os.path.isfile(os.path.join(top, "include", "ldrt.h"))
            and os.path.isfile(os.path.join(top, "src", "libldrt.map"))):
        return None
    return os.path.join(top, "lib", "libldrt.so")


def _pkg_config_libdir() -> Tuple[Optional[str], str]:
    """(libdir, "") from pkg-config, or (None, why not)."""
    exe = os.environ.get("PKG_CONFIG") or "pkg-config"
    try:
        out = subprocess.run([exe, "--variable=libdir", "libldrt"], capture_output=True,
                             text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        return None, "%s not run: %s" % (exe, exc)
    libdir = out.stdout.strip()
    if out.returncode != 0 or not libdir:
        return None, "libldrt.pc not found by %s" % exe
    return libdir, ""


def _try(path: str) -> Tuple[Optional[ctypes.CDLL], str]:
    try:
        return ctypes.CDLL(path), ""
    except OSError as exc:
        return None, str(exc)


def _open() -> Tuple[ctypes.CDLL, str]:
    tried: List[str] = []

    env = os.environ.get("LDRT_LIBRARY")
    if env:
        lib, why = _try(env)
        if lib is not None:
            return lib, env
        raise LibraryError(
            "cannot load libldrt from LDRT_LIBRARY=%s: %s. Set LDRT_LIBRARY to the path of "
            "libldrt.so (lib/libldrt.so of a built tree), or unset it to use the installed "
            "library." % (env, why))
    tried.append("1. LDRT_LIBRARY: not set")

    tree = _tree_library()
    if tree is None:
        tried.append("2. source tree: this package is not in one (%s)" % _here)
    elif not os.path.exists(tree):
        tried.append("2. source tree: %s does not exist (run 'make' at the top of the tree)"
                     % tree)
    else:
        lib, why = _try(tree)
        if lib is not None:
            return lib, tree
        tried.append("2. source tree: %s: %s" % (tree, why))

    lib, why = _try(SONAME)
    if lib is not None:
        return lib, SONAME
    other = ctypes.util.find_library("ldrt")
    if other and other != SONAME:
        why += " (the system has %s, another major version)" % other
    tried.append("3. system loader: %s: %s" % (SONAME, why))

    libdir, why = _pkg_config_libdir()
    if libdir is not None:
        path = os.path.join(libdir, SONAME)
        lib, why = _try(path)
        if lib is not None:
            return lib, path
        tried.append("4. pkg-config: %s: %s" % (path, why))
    else:
        tried.append("4. pkg-config: " + why)

    raise LibraryError(
        "cannot load libldrt; tried:\n  " + "\n  ".join(tried) + "\n"
        "Install the library (Debian: apt install libldrt0, or dpkg -i libldrt0_*.deb; "
        "from the source tree: make install, then sudo ldconfig for a system prefix, or "
        "PKG_CONFIG_PATH=PREFIX/lib/pkgconfig for another one), build the tree this "
        "package sits in with 'make', or set LDRT_LIBRARY to the path of libldrt.so.")


def _check_version(lib: ctypes.CDLL, path: str) -> int:
    lib.ldrt_version.restype = ctypes.c_int
    lib.ldrt_version.argtypes = []
    number = int(lib.ldrt_version())
    major, minor = number // 10000, number // 100 % 100
    if major != MAJOR or minor < MINOR:
        raise LibraryError(
            "libldrt at %s is version %d.%d.%d; this binding needs %d.%d or a later %d.x"
            % (path, major, minor, number % 100, MAJOR, MINOR, MAJOR)
        )
    return number


def load() -> ctypes.CDLL:
    """Returns the loaded library, loading and checking it on first use."""
    global _lib
    with _lock:
        if _lib is None:
            lib, path = _open()
            _check_version(lib, path)
            setattr(lib, "_ldrt_path", path)
            from . import _prototypes
            _prototypes.declare(lib)
            _lib = lib
        return _lib


def declare(lib: ctypes.CDLL, table: Sequence[Tuple[str, Sequence[Any], Any]]) -> None:
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
