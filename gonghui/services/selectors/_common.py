"""What every reader of worker services shares: the worker behind a login, a centre's catchment."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gonghui.members.models import Member
from gonghui.members.selectors import member_for_user
from gonghui.orgs.models import Org

from ..models import Centre
from ..slots import SHANGHAI

NOT_FOUND = "记录不存在"
BOOKING_WINDOW_DAYS = 28  # how far ahead a member may book


def _user_id(actor: Any) -> int | None:
    return getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None


def own_member(actor: Any) -> Member | None:
    """The worker's own membership record, when the login is linked to one."""
    return member_for_user(user=actor)


def serves(centre: Centre, org: Org) -> bool:
    """Whether the centre serves members of `org` (a union in its union's subtree)."""
    return org.path.startswith(centre.org.path)


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=SHANGHAI)
