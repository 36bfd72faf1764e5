"""What every meetings action shares: the scope check, today, clean text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from gonghui.kernel import scope
from gonghui.orgs.models import Org


def require(actor: Any, perm: str, org: Org) -> None:
    # actor=None is the system itself (the demo loader, a management command).
    if actor is not None:
        scope.require(actor, perm, org)


def today() -> dt.date:
    return timezone.localdate()


def clean_text(value: Any, *, field: str, label: str, max_length: int, required: bool = False) -> str:
    text = " ".join(str(value or "").split())
    if required and not text:
        raise ValidationError({field: f"请填写{label}。"})
    if len(text) > max_length:
        raise ValidationError({field: f"{label}不能超过{max_length}个字。"})
    return text


def check_date(value: Any, *, field: str, label: str, not_after_today: bool = True) -> dt.date:
    if not isinstance(value, dt.date):
        raise ValidationError({field: f"请填写{label}。"})
    if not_after_today and value > today():
        raise ValidationError({field: f"{label}不能晚于今天。"})
    return value


def iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""
