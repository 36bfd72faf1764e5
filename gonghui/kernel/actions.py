"""The action decorator: what makes a function a write.

    @action
    def application_approve(*, actor: User | None, application: Application) -> Application: ...

An action takes keyword arguments only (`actor=` first; `None` is the system itself), runs in one
transaction, checks what the actor may do, validates (raising `Refused` keyed by field, in
Chinese), applies the change and writes its audit row inside that transaction. The decorator
gives the first two; the body does the rest.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.db import transaction

P = ParamSpec("P")
R = TypeVar("R")


def action(fn: Callable[P, R]) -> Callable[P, R]:
    atomic = transaction.atomic(fn)

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if args:
            raise TypeError(f"{fn.__name__}() takes keyword arguments only")
        return atomic(*args, **kwargs)

    run.is_action = True  # type: ignore[attr-defined]
    return run


def is_action(fn: Any) -> bool:
    return bool(getattr(fn, "is_action", False))
