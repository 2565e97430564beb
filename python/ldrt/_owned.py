"""The lifetime of an object that owns a library handle.

A subclass adopts its handle with :meth:`_Owned._own_handle` (the handle and
the library function that frees it) and says what a closed one is in
``_closed``. The handle is freed once: by :meth:`close`, by leaving a
``with`` block, or by the garbage collector (a ``weakref.finalize``), and
never while another thread is inside a call that uses it (see ``_guard``).
SPDX-License-Identifier: MIT
"""

import weakref
from typing import Any, Callable, Optional, TypeVar

_T = TypeVar("_T", bound="_Owned")

from ._guard import Guarded, Lifetime, handle_in_use


class _Owned(Guarded):
    _closed = "the object is closed"
    _lifetime: Lifetime
    _finalizer: weakref.finalize

    def _own_handle(self, handle: Any, free: Callable[[Any], None]) -> None:
        self._lifetime = Lifetime(handle, free)
        self._finalizer = weakref.finalize(self, self._lifetime.close)

    def _lifetime_in_use(self) -> Lifetime:
        return self._lifetime

    def _closed_message(self) -> str:
        return self._closed

    def close(self) -> None:
        """Frees the handle (safe to call twice, and from any thread: a call in
        flight in another thread finishes first, later calls raise ClosedError)."""
        self._finalizer()

    @property
    def closed(self) -> bool:
        """True once :meth:`close` was called."""
        return self._lifetime.closed

    @property
    def _handle(self) -> Optional[Any]:
        """The handle, or None once closed (for display; calls go through ``_h``)."""
        return None if self._lifetime.closed else self._lifetime.handle

    def __enter__(self: _T) -> _T:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _h(self) -> Any:
        return handle_in_use(self._lifetime)
