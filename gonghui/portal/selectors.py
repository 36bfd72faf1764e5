"""Every read of the member portal, through the one scope rule (or the worker's own records)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from gonghui.kernel import scope
from gonghui.kernel.errors import NotFound
from gonghui.members.selectors import member_for_user
from gonghui.orgs.models import Level, Org

from .models import Card, Device, HelpRequest, JoinApplication, Place, TradeRoute

# ---------------------------------------------------------------------------------- joins


def _mine(actor: Any, record: Any) -> bool:
    return getattr(actor, "is_authenticated", False) and record.user_id == actor.pk


def join_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> JoinApplication:
    """The worker's own application, or one their union may see."""
    application = (
        JoinApplication.objects.select_related(
            "org", "existing__org", "member__org", "unit", "home", "transfer"
        )
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise NotFound("记录不存在")
    if perm == "view" and _mine(actor, application):
        return application
    scope.require(actor, perm, application.org)
    return application


def joins_for_actor(
    *, actor: Any, todo: bool = False, within: Org | None = None
) -> QuerySet[JoinApplication]:
    """Applications at unions in the actor's scope; `todo`: those waiting for their decision."""
    perm = "approve" if todo else "view"
    qs = scope.restrict(JoinApplication.objects.select_related("org", "unit"), actor, perm)
    if todo:
        qs = qs.filter(state=JoinApplication.State.SUBMITTED)
    if within is not None:
        qs = qs.filter(org__path__startswith=within.path)
    return qs


def joins_to_approve_count(actor: Any) -> int:
    return joins_for_actor(actor=actor, todo=True).count()


def my_joins(*, user: Any) -> QuerySet[JoinApplication]:
    if not getattr(user, "is_authenticated", False):
        return JoinApplication.objects.none()
    return JoinApplication.objects.select_related("org", "member__org").filter(user=user)


def placement_choices(application: JoinApplication) -> list[Org]:
    """Where a street union may place the worker: its active grassroots unions, joint and
    community unions first."""
    if application.org.level == Level.GRASSROOTS:
        return []
    unions = Org.objects.filter(
        path__startswith=application.org.path, level=Level.GRASSROOTS, status="active"
    )
    order = {"joint": 0, "community": 1}
    return sorted(unions[:500], key=lambda o: (order.get(o.kind, 2), o.path))


def towns() -> QuerySet[Org]:
    """Street (town) unions a worker may name as where they live."""
    return Org.objects.filter(level=Level.TOWN, status="active").order_by("path")


# ---------------------------------------------------------------------------------- cards


def card_for_user(*, user: Any) -> Card | None:
    """The worker's card, read with their membership when that is not read yet (the card page
    and the API ask for both)."""
    member = member_for_user(user=user, with_related=("portal_card",))
    if member is None:
        return None
    try:
        card: Card = member.portal_card  # type: ignore[attr-defined]
    except Card.DoesNotExist:
        return None
    card.member = member  # read once per request, with the union, by member_for_user
    return card


# ------------------------------------------------------------------------------- requests


def _visible_q(actor: Any) -> Q:
    s = scope.scope_of(actor)
    if s.superuser:
        return Q()
    paths = s.paths("view")
    return scope.subtree_q(paths, org_field="org") | scope.subtree_q(paths, org_field="origin")


def request_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> HelpRequest:
    """The worker's own request, or one held by (or come from) a union in the actor's scope;
    `edit` only where it is held now."""
    request = (
        HelpRequest.objects.select_related("org__parent", "origin", "member__org", "case", "application")
        .filter(pk=pk)
        .first()
    )
    if request is None:
        raise NotFound("记录不存在")
    if perm == "view" and _mine(actor, request):
        return request
    if perm == "view" and (scope.can(actor, "view", request.org) or scope.can(actor, "view", request.origin)):
        return request
    if perm != "view":
        scope.require(actor, perm, request.org)
        return request
    raise PermissionDenied(scope.OUT_OF_SCOPE)


@dataclass(frozen=True)
class RequestFilter:
    within: Org | None = None
    state: str = ""
    category: str = ""
    todo: bool = False  # waiting for an answer from a union where the actor may answer
    overdue: bool = False


def requests_for_actor(*, actor: Any, f: RequestFilter = RequestFilter()) -> QuerySet[HelpRequest]:
    qs = HelpRequest.objects.select_related("org", "origin", "member").filter(_visible_q(actor))
    if f.todo or f.overdue:
        qs = scope.restrict(qs, actor, "edit").filter(state=HelpRequest.State.WAITING)
    if f.overdue:
        qs = qs.filter(answer_by__lt=timezone.now())
    if f.within is not None:
        qs = qs.filter(Q(org__path__startswith=f.within.path) | Q(origin__path__startswith=f.within.path))
    if f.state:
        qs = qs.filter(state=f.state)
    if f.category:
        qs = qs.filter(category=f.category)
    return qs


def requests_to_answer_count(actor: Any) -> int:
    return requests_for_actor(actor=actor, f=RequestFilter(todo=True)).count()


def requests_overdue_count(actor: Any) -> int:
    return requests_for_actor(actor=actor, f=RequestFilter(overdue=True)).count()


def my_requests(*, user: Any) -> QuerySet[HelpRequest]:
    if not getattr(user, "is_authenticated", False):
        return HelpRequest.objects.none()
    return HelpRequest.objects.select_related("org").filter(user=user)


def request_export_iter(*, actor: Any, f: RequestFilter, chunk: int = 1000) -> Iterator[HelpRequest]:
    yield from requests_for_actor(actor=actor, f=f).order_by("pk").iterator(chunk_size=chunk)


@dataclass
class StatRow:
    label: str
    count: int = 0
    answered: int = 0
    hours: float = 0.0
    closed: int = 0
    rating_total: int = 0
    rated: int = 0

    @property
    def mean_hours(self) -> float | None:
        return round(self.hours / self.answered, 1) if self.answered else None

    @property
    def mean_rating(self) -> float | None:
        return round(self.rating_total / self.rated, 1) if self.rated else None


def request_stats(*, actor: Any, within: Org | None = None) -> dict[str, list[StatRow]]:
    """Requests by category and by the union holding them: how many, how many answered, the mean
    time to a first answer (hours), the mean rating."""
    rows = requests_for_actor(actor=actor, f=RequestFilter(within=within)).values_list(
        "category", "org__name", "submitted_at", "first_answered_at", "rating"
    )
    labels = dict(HelpRequest._meta.get_field("category").choices or [])
    by: dict[str, dict[str, StatRow]] = {"category": {}, "org": {}}
    for category, org_name, submitted, answered, rating in rows.iterator():
        for key, label in (("category", str(labels.get(category, category))), ("org", org_name)):
            row = by[key].setdefault(label, StatRow(label))
            row.count += 1
            if answered is not None:
                row.answered += 1
                row.hours += (answered - submitted).total_seconds() / 3600
            if rating:
                row.rated += 1
                row.rating_total += rating
    return {k: sorted(v.values(), key=lambda r: -r.count) for k, v in by.items()}


# --------------------------------------------------------------------------------- places


def _distance_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class Near:
    place: Place
    km: float | None


def places_open() -> QuerySet[Place]:
    """Every open place: a worker may walk into any union's service place."""
    return Place.objects.select_related("org").filter(active=True)


def places_near(
    *, lat: float | None = None, lng: float | None = None, division: str = "", kind: str = "", limit: int = 20
) -> list[Near]:
    """The open places nearest a point (when the phone gave one), else those of a district."""
    qs = places_open()
    if kind:
        qs = qs.filter(kind=kind)
    if lat is not None and lng is not None:
        # A box of about ±1° first (100 km), then exact distances; widened when nothing is there.
        box = qs.filter(lat__range=(lat - 1, lat + 1), lng__range=(lng - 1, lng + 1))
        found = list(box) or list(qs[:2000])
        near = sorted(
            (Near(p, _distance_km(lat, lng, float(p.lat), float(p.lng))) for p in found),
            key=lambda n: n.km or 0,
        )
        return near[:limit]
    if division:
        qs = qs.filter(division__startswith=division.rstrip("0")[:6] or division)
    return [Near(p, None) for p in qs.order_by("division", "name")[:limit]]


def place_divisions() -> list[str]:
    return list(places_open().order_by("division").values_list("division", flat=True).distinct())


def place_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Place:
    return scope.get_for(Place.objects.select_related("org"), actor, perm, pk=pk)


def places_for_actor(*, actor: Any, within: Org | None = None) -> QuerySet[Place]:
    qs = scope.restrict(Place.objects.select_related("org"), actor, "view")
    return qs.filter(org__path__startswith=within.path) if within else qs


def place_counts_by_kind(places: list[Near]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for n in places:
        counts[n.place.get_kind_display()] += 1
    return dict(counts)


# -------------------------------------------------------------------------------- devices


def devices_of(*, user: Any) -> QuerySet[Device]:
    """The devices the worker is remembered on, the latest first."""
    return Device.objects.filter(user=user)


def device_get_for_actor(*, actor: Any, pk: int) -> Device:
    """One of the worker's own devices (nobody else's, whoever asks)."""
    device = Device.objects.filter(pk=pk).first()
    if device is None or not _mine(actor, device):
        raise NotFound("记录不存在")
    return device


# --------------------------------------------------------------------------- trade routes


def trade_routes_for_actor(*, actor: Any, within: Org | None = None) -> QuerySet[TradeRoute]:
    qs = scope.restrict(TradeRoute.objects.select_related("org", "receiving"), actor, "view")
    return qs.filter(org__path__startswith=within.path) if within else qs


def trade_route_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> TradeRoute:
    return scope.get_for(TradeRoute.objects.select_related("org", "receiving"), actor, perm, pk=pk)


def receiving_choices(org: Org) -> list[Org]:
    """Unions that may take the workers of a trade living in `org`'s area: the active unions of
    its city (industry and regional federations, joint and grassroots unions), those inside the
    area first, joint unions before others."""
    city = org.path[:8] if len(org.path) >= 8 else org.path
    unions = Org.objects.filter(path__startswith=city, status="active").exclude(level=Level.PROVINCE)
    order = {"joint": 0, "community": 1}
    return sorted(
        unions.exclude(pk=org.pk)[:500],
        key=lambda o: (not o.path.startswith(org.path), order.get(o.kind, 2), o.path),
    )
