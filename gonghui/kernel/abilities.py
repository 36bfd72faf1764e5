"""What a person may do with one record now: the answer pages, the API and the actions share.

Each record kind has one abilities function in its module (`application_abilities(actor, a)`)
that returns an `Abilities`: the workflow steps `offers()` gives, and the record's other doings
(edit, export, reveal …), each decided by the same rules the actions check. A template shows a
button when `ab.approve` is true and never tests a state or a role; the API returns
`ab.names()`; a test checks that the action succeeds exactly when the ability is there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied


class Abilities(Mapping[str, bool]):
    """A read-only set of named doings; a name that is not there is simply False."""

    __slots__ = ("_names",)
    _names: frozenset[str]

    def __init__(self, steps: Iterable[str] = (), **flags: bool) -> None:
        names = set(steps)
        names.update(name for name, on in flags.items() if on)
        object.__setattr__(self, "_names", frozenset(names))

    def __getitem__(self, name: str) -> bool:
        return name in self._names

    def __getattr__(self, name: str) -> bool:
        if name.startswith("__"):
            raise AttributeError(name)
        return name in self._names

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("abilities are read-only")

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._names))

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __bool__(self) -> bool:
        return bool(self._names)

    def __or__(self, other: Abilities) -> Abilities:
        return Abilities(self._names | other._names)

    def names(self) -> list[str]:
        return sorted(self._names)

    def require(self, doing: str, message: str = "您无权办理此事项。") -> None:
        """PermissionDenied unless `doing` is among these (a form page for a doing that its
        action would refuse is refused before it is shown)."""
        if doing not in self._names:
            raise PermissionDenied(message)

    def __repr__(self) -> str:
        return f"Abilities({', '.join(self.names())})"


NONE = Abilities()
