"""What the activities module's writes share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel.errors import Refused

from ..models import Activity

MAX_CAPACITY = 100_000


def _when(value: Any, *, field: str, label: str) -> dt.datetime:
    if isinstance(value, str) and value.strip():
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise Refused(
                {field: gettext("%(label)s应为日期和时间，如 2026-07-01 09:00。") % {"label": label}}
            ) from None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(9))
    if not isinstance(value, dt.datetime):
        raise Refused({field: gettext("请填写%(label)s。") % {"label": label}})
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _locked(activity: Activity) -> Activity:
    """The activity's row locked: sign-ups, cancellations and check-ins queue behind each other."""
    return Activity.objects.select_for_update().select_related("org").get(pk=activity.pk)
