"""What every reader of worker services shares: the worker behind a login, a centre's catchment,
how far ahead a session may be booked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from gonghui.accounts.models import User
from gonghui.kernel.errors import Refused
from gonghui.members.models import Member
from gonghui.members.selectors import member_for_user
from gonghui.orgs.models import Org

from ..models import Centre
from ..slots import SHANGHAI

NOT_FOUND = "记录不存在"
# How far ahead a member (or an officer on their behalf) may book: the action refuses a later
# slot, and every page and the API list free slots up to here and no further.
BOOKING_WINDOW_DAYS = 28


def user_pk(actor: Any) -> int | None:
    """The signed-in person's user id (None for the system or an anonymous visitor)."""
    return getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None


def own_member(actor: Any) -> Member | None:
    """The worker's own membership record, when the login is linked to one."""
    return member_for_user(user=actor)


def member_or_provider(actor: Any, record: Any) -> str | None:
    """ "member" when the actor is the member a booking or thread is for, "provider" when they give
    it; None otherwise (and for the system or an anonymous visitor)."""
    uid = user_pk(actor)
    if uid is None:
        return None
    mine = own_member(actor)
    if mine is not None and mine.pk == record.member_id:
        return "member"
    if record.provider.user_id == uid:
        return "provider"
    return None


def serves(centre: Centre, org: Org) -> bool:
    """Whether the centre serves members of `org` (a union in its union's subtree)."""
    return org.path.startswith(centre.org.path)


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=SHANGHAI)


def booking_horizon(now: dt.datetime | None = None) -> dt.datetime:
    """The latest start a session may be booked for now."""
    return (now or timezone.now()) + dt.timedelta(days=BOOKING_WINDOW_DAYS)


def bookable_days(first: dt.date | None = None, days: int | None = None) -> tuple[dt.date, dt.date]:
    """The days to list free slots for: from `first` (today by default) for `days` days, never
    past the last day a session may be booked (so no page offers a slot the action refuses)."""
    today = timezone.localdate()
    last = timezone.localtime(booking_horizon()).date()
    first = max(first or today, today)
    if days is not None and first <= last:
        last = min(last, first + dt.timedelta(days=min(max(days, 1), BOOKING_WINDOW_DAYS + 1) - 1))
    return first, last  # first > last: nothing can be booked then


def user_by_username(username: str, *, field: str) -> User | None:
    """An active account named by an officer (a provider's login, a supervisor); None when blank."""
    name = (username or "").strip()
    if not name:
        return None
    user = User.objects.filter(username=name, is_active=True).first()
    if user is None:
        raise Refused({field: gettext("找不到用户名为「%(name)s」的账号。") % {"name": name}})
    return user
