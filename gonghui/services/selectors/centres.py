"""Centres, providers, schedules and free slots."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.kernel import scope
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from ..models import (
    Booking,
    Centre,
    Holiday,
    Provider,
    ProviderKind,
    ScheduleException,
    Service,
    WeeklySchedule,
)
from ..slots import SHANGHAI, Change, Hours, Slot, generate_slots
from ._common import NOT_FOUND, bookable_days, booking_horizon, serves, user_pk


def centres_for_actor(*, actor: Any, within: Org | None = None, perm: str = "view") -> QuerySet[Centre]:
    qs = scope.restrict(Centre.objects.select_related("org", "supervisor"), actor, perm, org_field="org")
    if within is not None:
        scope.require(actor, perm, within)
        qs = qs.filter(org__path__startswith=within.path)
    return qs.order_by("org__path", "name")


def centre_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Centre:
    return scope.get_for(
        Centre.objects.select_related("org", "supervisor"), actor, perm, org_field="org", pk=pk
    )


def centres_for_member(member: Member) -> list[Centre]:
    """Open centres whose union's subtree holds the member's union."""
    path = member.org.path
    prefixes = [path[:i] for i in range(1, len(path) + 1)]
    return list(
        Centre.objects.select_related("org")
        .filter(active=True, org__path__in=prefixes)
        .order_by("-org__depth", "name")
    )


def providers_for_member(member: Member, *, centre: Centre | None = None) -> list[Provider]:
    centres = [c for c in centres_for_member(member) if centre is None or c.pk == centre.pk]
    return list(
        Provider.objects.filter(centre__in=centres, active=True)
        .select_related("centre")
        .prefetch_related("services")
        .order_by("centre_id", "kind", "name")
    )


def provider_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Provider:
    qs = Provider.objects.select_related("centre__org", "user")
    return scope.get_for(qs, actor, perm, org_field="centre__org", pk=pk)


def provider_get_for_member(*, member: Member, pk: int) -> Provider:
    """A provider the member may book or write to (a 404 otherwise: not named, not refused)."""
    provider = Provider.objects.select_related("centre__org").filter(pk=pk, active=True).first()
    if provider is None or not provider.centre.active or not serves(provider.centre, member.org):
        raise Http404(NOT_FOUND)
    return provider


def service_of_provider(*, provider: Provider, pk: int | None) -> Service | None:
    """A service of the provider's centre (what a booking may be for), or None."""
    if pk is None:
        return None
    return Service.objects.filter(pk=pk, centre_id=provider.centre_id).first()


def centres_serving_actor(*, actor: Any) -> list[Centre]:
    """Open centres of unions above the officer's own (a district's centre serves a street's
    members): the officer books there on a member's behalf, without seeing the centre's records."""
    prefixes = {p[:i] for p in scope.scope_of(actor).paths("edit") for i in range(1, len(p))}
    return list(
        Centre.objects.filter(active=True, org__path__in=prefixes)
        .select_related("org")
        .prefetch_related(Prefetch("providers", queryset=Provider.objects.filter(active=True)))
        .order_by("org__path", "name")
    )


def provider_get_for_booking(*, actor: Any, pk: int) -> Provider:
    """A provider an officer may book on a member's behalf: in the officer's scope, or of a
    centre serving the officer's subtree."""
    provider = Provider.objects.select_related("centre__org").filter(pk=pk).first()
    if provider is None:
        raise Http404(NOT_FOUND)
    if scope.can(actor, "view", provider.centre.org):
        return provider
    if provider.active and any(
        p.startswith(provider.centre.org.path) for p in scope.scope_of(actor).paths("edit")
    ):
        return provider
    raise PermissionDenied("无权为该咨询师办理预约。")


def counsels_at(user: Any, org: Org) -> bool:
    """Whether the person is a counsellor (在岗) of a centre of `org` itself: who may supervise
    that union's centres."""
    uid = getattr(user, "pk", None)
    return uid is not None and (
        Provider.objects.filter(
            user_id=uid, kind=ProviderKind.COUNSELLOR, active=True, centre__org_id=org.pk
        ).exists()
    )


def supervisors_counselling(centres: QuerySet[Centre]) -> QuerySet[Centre]:
    """Those of `centres` whose appointed supervisor still counsels at the centre's union."""
    qualified = Provider.objects.filter(
        user_id=OuterRef("supervisor_id"),
        kind=ProviderKind.COUNSELLOR,
        active=True,
        centre__org_id=OuterRef("org_id"),
    )
    return centres.filter(Exists(qualified))


def centres_supervised_by(user: Any) -> list[Centre]:
    """The centres this person supervises now (appointed, and counselling at the centre's union)."""
    uid = user_pk(user)
    if uid is None:
        return []
    return list(supervisors_counselling(Centre.objects.filter(supervisor_id=uid)).order_by("pk"))


def centre_supervisor(centre: Centre) -> User | None:
    """Who supervises the centre now, reading its consultations: the appointed supervisor while
    they counsel at the centre's union (an appointment the rule no longer allows gives nothing)."""
    supervisor = centre.supervisor
    return supervisor if supervisor is not None and counsels_at(supervisor, centre.org) else None


def providers_of_user(user: Any) -> list[Provider]:
    uid = user_pk(user)
    if uid is None:
        return []
    return list(Provider.objects.filter(user_id=uid).select_related("centre"))


def lawyers_for_actor(*, actor: Any, org: Org | None = None) -> QuerySet[Provider]:
    """Lawyers an officer may assign: those of centres in the actor's scope, and those of the
    centres serving the actor's unions or `org` (a county's legal-aid station takes a town's
    case)."""
    s = scope.scope_of(actor)
    if s.superuser:
        return Provider.objects.filter(kind=ProviderKind.LAWYER, active=True).select_related("centre")
    q = scope.subtree_q(s.paths("view"), org_field="centre__org")
    serving = [p for p in s.paths("edit") + ([org.path] if org is not None else [])]
    q |= Q(centre__org__path__in={p[:i] for p in serving for i in range(1, len(p) + 1)})
    return (
        Provider.objects.filter(q, kind=ProviderKind.LAWYER, active=True)
        .select_related("centre")
        .order_by("centre__org__path", "name")
    )


def schedule_inputs(
    provider: Provider, *, first: dt.date, last: dt.date
) -> tuple[list[Hours], list[Change], set[dt.date]]:
    """The weekly hours, changed hours and holidays that bear on the days `first`..`last`."""
    hours = [
        Hours(s.weekday, s.start, s.end, s.slot_minutes, s.room_id, s.valid_from, s.valid_to)
        for s in WeeklySchedule.objects.filter(provider=provider, valid_from__lte=last).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=first)
        )
    ]
    changes = [
        Change(e.on, e.start, e.end, e.kind == ScheduleException.Kind.EXTRA, e.slot_minutes, e.room_id)
        for e in ScheduleException.objects.filter(provider=provider, on__range=(first, last))
    ]
    holidays = set(
        Holiday.objects.filter(centre_id=provider.centre_id, on__range=(first, last)).values_list(
            "on", flat=True
        )
    )
    return hours, changes, holidays


def free_slots(
    provider: Provider, *, first: dt.date, last: dt.date, now: dt.datetime | None = None
) -> list[Slot]:
    """The provider's slots from `first` to `last` not yet taken (by the provider or in the
    room), not yet begun and within the booking window (what `booking_create` accepts)."""
    now = now or timezone.now()
    horizon = booking_horizon(now)
    if first > last:
        return []
    hours, changes, holidays = schedule_inputs(provider, first=first, last=last)
    slots = generate_slots(hours=hours, changes=changes, holidays=holidays, first=first, last=last)
    if not slots:
        return []
    lo, hi = slots[0].starts_at, slots[-1].ends_at
    rooms = {s.room_id for s in slots if s.room_id}
    taken = list(
        Booking.objects.filter(status__in=Booking.HOLDING, starts_at__lt=hi, ends_at__gt=lo)
        .filter(Q(provider=provider) | Q(room_id__in=rooms))
        .values_list("starts_at", "ends_at", "provider_id", "room_id")
    )

    def free(s: Slot) -> bool:
        for start, end, pid, rid in taken:
            if (
                start < s.ends_at
                and s.starts_at < end
                and (pid == provider.pk or (s.room_id and rid == s.room_id))
            ):
                return False
        return now < s.starts_at <= horizon

    return [s for s in slots if free(s)]


def bookable_slots(
    provider: Provider, *, first: dt.date | None = None, days: int | None = None
) -> list[Slot]:
    """The free slots a member may book now: from `first` (today) as far ahead as the booking
    window reaches, or `days` days of it (the pages and the API list these)."""
    first, last = bookable_days(first, days)
    return free_slots(provider, first=first, last=last)


def slot_for(provider: Provider, starts_at: dt.datetime) -> Slot | None:
    """The provider's scheduled slot starting at `starts_at`, taken or not."""
    day = timezone.localtime(starts_at, SHANGHAI).date()
    hours, changes, holidays = schedule_inputs(provider, first=day, last=day)
    for s in generate_slots(hours=hours, changes=changes, holidays=holidays, first=day, last=day):
        if s.starts_at == starts_at:
            return s
    return None


def schedules_current(provider: Provider, *, on: dt.date) -> list[WeeklySchedule]:
    return list(
        provider.schedules.select_related("room")
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("weekday", "start")
    )
