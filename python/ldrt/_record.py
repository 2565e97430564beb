"""The base of the binding's result records.

Results with named fields are frozen dataclasses: their fields are read by
name (``course.dose(10).bed_gy``), they compare and hash by value, and they
still unpack like the tuples they replace (``total, bed, eqd2 = course.dose(10)``).
SPDX-License-Identifier: MIT
"""

import dataclasses
from typing import Any, Iterator, Tuple


class Record:
    """Mixin of a frozen dataclass: iteration and ``astuple()`` in field order."""

    __slots__ = ()

    def astuple(self) -> Tuple[Any, ...]:
        """The field values in order (not copied, unlike dataclasses.astuple)."""
        return tuple(getattr(self, f.name) for f in dataclasses.fields(self))

    def __iter__(self) -> Iterator[Any]:
        return iter(self.astuple())

    def __len__(self) -> int:
        return len(dataclasses.fields(self))
