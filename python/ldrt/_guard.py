"""The lifetime of library handles across threads.

ctypes releases the GIL during every library call, so without care one
thread could free a record (``close()``, or the garbage collector) while
another thread is inside a library call that reads it. Every object that
calls the library on a handle therefore holds a *use* of that handle's
:class:`Lifetime` for the whole of each of its methods and properties:

* a method or property of a :class:`Guarded` class (every one its class
  defines, wrapped once when the class is created) takes a use of its own
  lifetime and of every guarded object passed to it (an ``Options``, an
  ``Assessment``, a view of the same patient) before it starts, and gives
  them back when it returns or raises;
* a view (an event, lesion, fraction or diagnosis) borrows its patient's
  lifetime: using a view is using its patient;
* ``close()`` marks the lifetime closed at once (every later use raises
  :class:`ldrt.ClosedError`) and the handle is freed by the last use in
  flight when it ends (at once when there is none). ``close()`` never waits,
  so it cannot deadlock, whichever thread calls it;
* reading ``_h`` outside such a use is a bug of the binding and raises
  RuntimeError, so a path that forgot the guard fails loudly in the tests
  instead of racing.

Nested uses in one thread (a method that reads a property of the same
object) count once, so a call that started before ``close()`` finishes on
a live handle.
SPDX-License-Identifier: MIT
"""

import functools
import itertools
import threading
import types
from typing import Any, Callable, Dict, List, Optional, TypeVar, Union

from .errors import ClosedError

F = TypeVar("F", bound=Callable[..., Any])

_tls = threading.local()


def _held() -> Dict[int, int]:
    """This thread's uses: id(lifetime) -> nesting depth."""
    try:
        held: Dict[int, int] = _tls.held
    except AttributeError:
        held = _tls.held = {}
    return held


class Lifetime:
    """One library handle, the function that frees it, and who is using it."""

    __slots__ = ("handle", "_free", "_lock", "_uses", "_closed", "__weakref__")

    def __init__(self, handle: Any, free: Callable[[Any], None]) -> None:
        self.handle = handle
        self._free: Optional[Callable[[Any], None]] = free
        self._lock = threading.Lock()
        self._uses = 0
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def held(self) -> bool:
        """True when the calling thread holds a use."""
        return id(self) in _held()

    def enter(self, closed_message: Union[str, Callable[[], str]]) -> None:
        """Takes a use (ClosedError when closed, unless this thread already holds one).
        ``closed_message`` is the error's message, or a function that makes it."""
        held = _held()
        key = id(self)
        depth = held.get(key, 0)
        if depth == 0:
            with self._lock:
                if self._closed:
                    raise ClosedError(closed_message if isinstance(closed_message, str)
                                      else closed_message())
                self._uses += 1
        held[key] = depth + 1

    def exit(self) -> None:
        """Gives a use back; the last use after close() frees the handle."""
        held = _held()
        key = id(self)
        depth = held[key] - 1
        if depth:
            held[key] = depth
            return
        del held[key]
        with self._lock:
            self._uses -= 1
            free = self._closed and self._uses == 0
        if free:
            self._release()

    def close(self) -> None:
        """Refuses every new use; frees the handle now or when the last use ends."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            free = self._uses == 0
        if free:
            self._release()

    def _release(self) -> None:
        free, self._free = self._free, None
        if free is not None:
            free(self.handle)


class Guarded:
    """Base of every object that calls the library on a handle.

    A subclass says which lifetime it uses (``_lifetime_in_use``) and what a
    closed one is (``_closed_message``); every method and property it defines
    is guarded (see the module notes), except the names in ``_UNGUARDED``.
    """

    __slots__ = ()

    def _lifetime_in_use(self) -> Lifetime:
        raise NotImplementedError

    def _closed_message(self) -> str:
        return "the object is closed"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if name in _UNGUARDED or (name.startswith("_") and name not in _GUARDED_DUNDERS):
                continue
            if isinstance(value, property):
                setattr(cls, name, property(
                    guard(value.fget) if value.fget else None,
                    guard(value.fset) if value.fset else None,
                    guard(value.fdel) if value.fdel else None,
                    value.__doc__))
            elif isinstance(value, types.FunctionType):
                setattr(cls, name, guard(value))


# Methods that manage the lifetime itself, or only read Python state.
_UNGUARDED = {"close", "closed"}
# Special methods that call the library.
_GUARDED_DUNDERS = {"__enter__", "__len__", "__iter__", "__getitem__", "__setitem__"}


def guard(func: F) -> F:
    """Wraps a function so that it holds a use of every guarded argument."""
    if getattr(func, "_ldrt_guarded", False):
        return func

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        # Lifetime.enter() and exit(), written out: this runs on every property read.
        held = _held()
        taken: List[Lifetime] = []
        try:
            for arg in itertools.chain(args, kwargs.values()) if kwargs else args:
                if isinstance(arg, Guarded):
                    lifetime = arg._lifetime_in_use()
                    key = id(lifetime)
                    depth = held.get(key, 0)
                    if depth == 0:
                        with lifetime._lock:
                            if lifetime._closed:
                                raise ClosedError(arg._closed_message())
                            lifetime._uses += 1
                    held[key] = depth + 1
                    taken.append(lifetime)
            return func(*args, **kwargs)
        finally:
            for lifetime in reversed(taken):
                lifetime.exit()

    guarded._ldrt_guarded = True  # type: ignore[attr-defined]
    return guarded  # type: ignore[return-value]


def handle_in_use(lifetime: Lifetime) -> Any:
    """The handle of a lifetime the calling thread holds a use of."""
    if id(lifetime) not in _held():
        raise RuntimeError("ldrt internal error: a handle was read outside a guarded call")
    return lifetime.handle
