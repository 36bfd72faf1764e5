from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.kernel import scope
from gonghui.orgs.models import Org


def require(actor: User | None, perm: str, org: Org) -> None:
    # actor=None is the system itself (the demo loader, the reminder command).
    if actor is not None:
        scope.require(actor, perm, org)


def today() -> dt.date:
    return timezone.localdate()


def text(value: Any, *, label: str, max_length: int, required: bool = True) -> str:
    """A single-line text field, spaces normalised; ValueError in Chinese."""
    cleaned = " ".join(str(value or "").split())
    if required and not cleaned:
        raise ValueError(f"请填写{label}。")
    if len(cleaned) > max_length:
        raise ValueError(f"{label}不能超过{max_length}个字。")
    return cleaned
