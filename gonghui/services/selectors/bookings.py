"""Bookings, read by the member, the provider, the centre and (for bookings it made) the member's union."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404

from gonghui.kernel import scope
from gonghui.members.choices import Status as MemberStatus
from gonghui.members.models import Member
from gonghui.members.selectors import id_number_lookup_key

from ..models import Booking, Centre, Provider
from ._common import NOT_FOUND, _user_id, day_start, own_member


def booking_relation(actor: Any, booking: Booking, *, for_write: bool = False) -> str | None:
    """How the actor stands to a booking: member, provider, centre (its officers), union (the
    officers of the member's union, for a booking made on the member's behalf), or None."""
    uid = _user_id(actor)
    if uid is None:
        return None
    mine = own_member(actor)
    if mine is not None and mine.pk == booking.member_id:
        return "member"
    if booking.provider.user_id == uid:
        return "provider"
    perm = "edit" if for_write else "view"
    if scope.can(actor, perm, booking.centre.org):
        return "centre"
    # The member's own union sees the sessions it booked for them, not those the worker booked.
    if booking.channel == Booking.Channel.OFFICER and scope.can(actor, perm, booking.member.org):
        return "union"
    return None


def booking_get_for_actor(*, actor: Any, pk: int, for_write: bool = False) -> Booking:
    booking = (
        Booking.objects.select_related("centre__org", "provider", "service", "room", "member__org")
        .filter(pk=pk)
        .first()
    )
    if booking is None:
        raise Http404(NOT_FOUND)
    if booking_relation(actor, booking, for_write=for_write) is None:
        raise PermissionDenied("无权查看或办理该预约。")
    return booking


def bookings_for_member(member: Member) -> QuerySet[Booking]:
    return Booking.objects.filter(member=member).select_related("centre", "provider", "service", "room")


def bookings_for_provider_user(user: Any, *, first: dt.date | None = None) -> QuerySet[Booking]:
    uid = _user_id(user)
    if uid is None:
        return Booking.objects.none()
    qs = Booking.objects.filter(provider__user_id=uid).select_related(
        "centre", "provider", "service", "room", "member"
    )
    if first is not None:
        qs = qs.filter(starts_at__gte=day_start(first))
    return qs.order_by("starts_at")


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


def member_find_for_actor(*, actor: Any, id_number: str) -> Member:
    """A member an officer books for, by ID number, among the members of the officer's edit
    scope; a member elsewhere is "not found" and never named."""
    key = id_number_lookup_key(id_number or "")
    qs = scope.restrict(Member.objects.select_related("org"), actor, "edit")
    found = qs.filter(id_number_bidx=key, status=MemberStatus.ACTIVE).first() if key else None
    if found is None:
        raise ValidationError({"id_number": "在您的管辖范围内找不到该身份证号对应的在册会员，不能代为预约。"})
    return found
