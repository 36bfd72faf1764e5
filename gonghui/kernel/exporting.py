"""What every export carries: a watermark line saying who exported it and when."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone


def watermark(actor: Any, at: dt.datetime | None = None) -> str:
    at = timezone.localtime(at or timezone.now())
    who = getattr(actor, "display_name", "") or "系统"
    username = getattr(actor, "username", "")
    return f"导出人：{who}{f'（{username}）' if username and username != who else ''}  导出时间：{at:%Y-%m-%d %H:%M:%S}"
