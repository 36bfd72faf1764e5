"""What the services actions share: gathering every refusal of a form before refusing it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from gonghui.accounts.models import User
from gonghui.kernel.errors import Refused

T = TypeVar("T")
Errors = dict[str, list[str]]


def gather(errors: Errors, clean: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`clean(*args, **kwargs)` (a `gonghui.kernel.cleaning` helper), or, when it refuses, its
    messages added to `errors` (field → messages) so that one answer names every bad field. The
    value is then None, and never used: the caller refuses once it has looked at every field."""
    try:
        return clean(*args, **kwargs)
    except Refused as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
        return cast(T, None)


def refuse(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def person(actor: User | None) -> User | None:
    """Who to record as having done it: the signed-in person, or nobody (the system)."""
    return actor if actor is not None and actor.is_authenticated else None
