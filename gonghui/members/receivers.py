"""The foundation's structural hooks, handed to actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .actions import members_follow_merge


def on_org_merged(*, source: Any, target: Any, actor: Any, on: dt.date, **_: Any) -> None:
    members_follow_merge(source=source, target=target, actor=actor, on=on)
