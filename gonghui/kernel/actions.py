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

from django.db import IntegrityError, models, transaction

from .errors import Refused
from .workflow import Workflow, transition

P = ParamSpec("P")
R = TypeVar("R")
M = TypeVar("M", bound=models.Model)


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


def save_unique(record: models.Model, *, field: str, refusal: str) -> None:
    """Save a record a unique constraint may refuse (the same thing registered twice, or a
    concurrent request first): in a savepoint, so the caller's transaction goes on, and Refused
    on `field` with `refusal` when the database already holds it."""
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        raise Refused({field: refusal}) from None


def step_action(
    workflow: Workflow,
    step: str,
    *,
    record: str,
    lock: Callable[[M], M],
    detail: Callable[[M], dict[str, Any]] | None = None,
    doc: str = "",
) -> Callable[..., M]:
    """An action that takes one workflow step and nothing else: `<record>_<step>(*, actor, <record>)`
    locks the record, takes the step (the engine checks who may, audits) and returns it; `doc`
    says what the step means to the people who take it.

        fair_publish = step_action(FAIR, "publish", record="fair", lock=_locked_fair)
    """

    def take(*, actor: Any, **given: M) -> M:
        if set(given) != {record}:
            raise TypeError(f"{take.__name__}() takes actor= and {record}= only")
        obj = lock(given[record])
        transition(workflow, obj, step, actor=actor, detail=detail(obj) if detail else None)
        return obj

    take.__name__ = take.__qualname__ = f"{record}_{step}"
    take.__doc__ = (
        doc or f"Take the step {step!r} on the {record} (the workflow says who may, and from where)."
    )
    return action(take)
