"""Coded terms (ldrt/code.h): the accepted code systems, the shape check of a
code, and the curated table of the free-text terms the library knows.

>>> import ldrt.code
>>> ldrt.code.lookup("photon").code
'1156506007'
>>> ldrt.code.lookup("SBRT") is None
True
"""

import ctypes
import dataclasses
from typing import Any, List, Optional, Tuple

from . import _convert, _lib
from ._prototypes import CodeStruct
from ._record import Record
from .errors import NotFound

__all__ = ["Code", "SYSTEMS", "check", "lookup", "table", "TERM", "SITE"]

TERM = 1  #: ldrt_code_of: what the item is (``code``)
SITE = 2  #: ldrt_code_of: its site (``site_code``)


@dataclasses.dataclass(frozen=True)
class Code(Record):
    """A code: its system URI, the code and an optional display text."""

    system: str
    code: str
    display: Optional[str] = None


def _L() -> ctypes.CDLL:
    return _lib.load()


def _from(c: CodeStruct) -> Code:
    return Code(c.system.decode("utf-8"), c.code.decode("utf-8"),
                c.display.decode("utf-8") if c.display else None)


def _systems() -> Tuple[str, ...]:
    out: List[str] = []
    i = 1
    while True:
        uri = _L().ldrt_code_system_uri(i)
        if not uri:
            return tuple(out)
        out.append(uri.decode("ascii"))
        i += 1


def __getattr__(name: str) -> Any:
    if name == "SYSTEMS":
        return _systems()
    raise AttributeError(name)


def check(system: str, code: str) -> None:
    """Raises InvalidArgument when the code does not have its system's shape
    (SNOMED CT Verhoeff check digit, LOINC mod-10 check digit, ...)."""
    _L().ldrt_code_check(_convert.text(system, "system"), _convert.text(code, "code"))


def lookup(term: str, system: Optional[str] = None) -> Optional[Code]:
    """The verified code of a term the library knows, or None (the term stays uncoded)."""
    lib = _L()
    sys_id = 0
    if system is not None:
        out_sys = ctypes.c_int()
        lib.ldrt_code_system_parse(_convert.text(system, "system"), ctypes.byref(out_sys))
        sys_id = out_sys.value
    c = CodeStruct()
    try:
        lib.ldrt_code_lookup(_convert.text(term, "term"), sys_id, ctypes.byref(c))
    except NotFound:
        return None
    return _from(c)


def table() -> List[Tuple[str, Code, str]]:
    """The curated table: (term, Code, where the code was verified)."""
    lib = _L()
    out = []
    for i in range(lib.ldrt_code_table_count()):
        term, source = ctypes.c_char_p(), ctypes.c_char_p()
        c = CodeStruct()
        lib.ldrt_code_table_at(i, ctypes.byref(term), ctypes.byref(c), ctypes.byref(source))
        out.append(((term.value or b"").decode("utf-8"), _from(c),
                    (source.value or b"").decode("utf-8")))
    return out
