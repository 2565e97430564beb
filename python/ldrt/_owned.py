"""The lifetime of an object that owns a library handle.

A subclass sets ``_handle`` and ``_finalizer`` (a weakref.finalize that
frees the handle) and says what a closed one is in ``_closed``.
SPDX-License-Identifier: MIT
"""

from .errors import ClosedError


class _Owned:
    _closed = "the object is closed"

    def close(self):
        """Frees the handle now (safe to call twice)."""
        self._handle = None
        self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    @property
    def _h(self):
        if self._handle is None:
            raise ClosedError(self._closed)
        return self._handle
