"""Bookings, read by the member, the provider, the centre and (for bookings it made) the member's union."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import scope
from gonghui.kernel.errors import Refused
from gonghui.members.choices import Status as MemberStatus
from gonghui.members.models import Member
from gonghui.members.selectors import id_number_lookup_key

from ..models import Booking, Centre, Provider
from ._common import NOT_FOUND, day_start, member_or_provider, user_pk
from .centres import centres_supervised_by


def booking_relation(actor: Any, booking: Booking) -> str | None:
    """How the actor stands to a booking: member, provider, centre (its officers), union (the
    officers of the member's union, for a booking made on the member's behalf), or None. Who
    may take which step is the workflow's (`workflow.BOOKING`)."""
    party = member_or_provider(actor, booking)
    if party is not None or user_pk(actor) is None:
        return party
    if scope.can(actor, "view", booking.centre.org):
        return "centre"
    # The member's own union sees the sessions it booked for them, not those the worker booked.
    if booking.channel == Booking.Channel.OFFICER and scope.can(actor, "view", booking.member.org):
        return "union"
    return None


def booking_get_for_actor(*, actor: Any, pk: int) -> Booking:
    """A booking the actor stands in some relation to (what they may do with it is its abilities)."""
    booking = (
        Booking.objects.select_related("centre__org", "provider", "service", "room", "member__org")
        .filter(pk=pk)
        .first()
    )
    if booking is None:
        raise Http404(NOT_FOUND)
    if booking_relation(actor, booking) is None:
        raise PermissionDenied("无权查看或办理该预约。")
    return booking


def bookings_for_member(member: Member) -> QuerySet[Booking]:
    return Booking.objects.filter(member=member).select_related("centre", "provider", "service", "room")


def member_sessions(member: Member, *, limit: int = 20) -> tuple[list[Booking], list[Booking]]:
    """The member's coming sessions (soonest first) and the rest of their bookings (latest first)."""
    now = timezone.now()
    coming = Q(status=Booking.Status.BOOKED, ends_at__gt=now)
    bookings = bookings_for_member(member)
    return (
        list(bookings.filter(coming).order_by("starts_at")[:limit]),
        list(bookings.exclude(coming).order_by("-starts_at")[:limit]),
    )


def bookings_for_provider_user(user: Any, *, first: dt.date | None = None) -> QuerySet[Booking]:
    uid = user_pk(user)
    if uid is None:
        return Booking.objects.none()
    qs = Booking.objects.filter(provider__user_id=uid).select_related(
        "centre", "provider", "service", "room", "member"
    )
    if first is not None:
        qs = qs.filter(starts_at__gte=day_start(first))
    return qs.order_by("starts_at")


@dataclass(frozen=True)
class ProviderDay:
    upcoming: list[Booking]  # booked, not yet over
    to_mark: list[Booking]  # booked, begun: attendance to record
    done: list[Booking]  # marked or cancelled, latest 20


def provider_sessions(user: Any, *, days_back: int = 7, limit: int = 300) -> ProviderDay:
    """A provider's own page: the sessions of the last week and those to come."""
    bookings = list(
        bookings_for_provider_user(user, first=timezone.localdate() - dt.timedelta(days=days_back))[:limit]
    )
    now = timezone.now()
    booked = [b for b in bookings if b.status == Booking.Status.BOOKED]
    return ProviderDay(
        upcoming=[b for b in booked if b.ends_at > now],
        to_mark=[b for b in booked if b.starts_at <= now],
        done=[b for b in bookings if b.status != Booking.Status.BOOKED][-20:],
    )


def bookings_of_provider(provider: Provider, *, first: dt.date) -> QuerySet[Booking]:
    """For pages that have already checked access to the provider."""
    return (
        Booking.objects.filter(provider=provider, starts_at__gte=day_start(first))
        .select_related("service", "member", "room")
        .order_by("starts_at")
    )


def bookings_for_actor(
    *,
    actor: Any,
    centre: Centre | None = None,
    first: dt.date | None = None,
    last: dt.date | None = None,
    status: str = "",
    limit: int = 500,
) -> list[Booking]:
    """The bookings of centres in the officer's scope (or of one centre), by time."""
    qs = scope.restrict(Booking.objects.all(), actor, "view", org_field="centre__org")
    if centre is not None:
        scope.require(actor, "view", centre.org)
        qs = qs.filter(centre=centre)
    if first is not None:
        qs = qs.filter(starts_at__gte=day_start(first))
    if last is not None:
        qs = qs.filter(starts_at__lt=day_start(last + dt.timedelta(days=1)))
    if status in Booking.Status.values:
        qs = qs.filter(status=status)
    return list(
        qs.select_related("centre", "provider", "service", "room", "member").order_by("starts_at", "id")[
            :limit
        ]
    )


def sessions_today_count(actor: Any) -> int:
    """Sessions still booked today at the centres the officer runs (edit over the centre's union)."""
    today = timezone.localdate()
    qs = Booking.objects.filter(
        status=Booking.Status.BOOKED,
        starts_at__gte=day_start(today),
        starts_at__lt=day_start(today + dt.timedelta(days=1)),
    )
    return scope.restrict(qs, actor, "edit", org_field="centre__org").count()


def member_find_for_actor(*, actor: Any, id_number: str) -> Member:
    """A member an officer books for, by ID number, among the members of the officer's edit
    scope; a member elsewhere is "not found" and never named."""
    key = id_number_lookup_key(id_number or "")
    qs = scope.restrict(Member.objects.select_related("org"), actor, "edit")
    found = qs.filter(id_number_bidx=key, status=MemberStatus.ACTIVE).first() if key else None
    if found is None:
        raise Refused(
            {"id_number": gettext("在您的管辖范围内找不到该身份证号对应的在册会员，不能代为预约。")}
        )
    return found


def centres_day_for_supervisor(user: Any, *, day: dt.date | None = None) -> list[Booking]:
    """The day's sessions at the centres this person supervises (while they counsel at the
    centre's union, as for reading its consultations), by time: the supervisor's view of the
    centre's day."""
    centres = centres_supervised_by(user)
    if not centres:
        return []
    day = day or timezone.localdate()
    return list(
        Booking.objects.filter(
            centre__in=centres,
            starts_at__gte=day_start(day),
            starts_at__lt=day_start(day + dt.timedelta(days=1)),
        )
        .select_related("centre", "provider", "service", "room")
        .order_by("starts_at", "id")[:200]
    )
