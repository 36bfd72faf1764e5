"""Reads: fairs, employers, positions and seekers through the one scope rule; what is open to a
worker; matches; a fair's result counted from its records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet, Sum

from gonghui.kernel import cleaning, scope
from gonghui.kernel.errors import NotFound
from gonghui.orgs.models import Org

from . import match
from .models import Employer, Fair, FairState, Interview, Outcome, Position, ReviewState, Seeker

# ---- officers' reads -------------------------------------------------------------------------


def fair_list_for_actor(*, actor: Any, within: Org | None = None) -> QuerySet[Fair]:
    qs = scope.restrict(Fair.objects.select_related("org", "parent"), actor, "view")
    return qs.filter(org__path__startswith=within.path) if within else qs


def fair_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Fair:
    return scope.get_for(Fair.objects.select_related("org", "parent", "parent__org"), actor, perm, pk=pk)


def venue_orgs(*, actor: Any, parent: Fair) -> list[Org]:
    """Where a venue of `parent` may be held: the fair's own union and its active unions below."""
    scope.require(actor, "view", parent.org)
    below = Org.objects.filter(parent=parent.org, status="active").order_by("path")
    return [parent.org, *below]


def employer_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Employer:
    return scope.get_for(
        Employer.objects.select_related("org", "fair", "fair__org", "unit"), actor, perm, pk=pk
    )


def position_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Position:
    qs = Position.objects.select_related("org", "fair", "fair__org", "employer", "employer__fair")
    return scope.get_for(qs, actor, perm, pk=pk)


def seeker_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Seeker:
    return scope.get_for(Seeker.objects.select_related("org", "fair", "fair__org"), actor, perm, pk=pk)


def employers_of(fair: Fair, *, actor: Any) -> QuerySet[Employer]:
    """The fair's employers the actor may see (the organiser sees all; a union below, its own)."""
    qs = Employer.objects.filter(fair=fair).select_related("org", "fair", "fair__org")
    return scope.restrict(qs, actor, "view").annotate(
        n_positions=Count("positions", filter=Q(positions__state=ReviewState.APPROVED)),
        n_openings=Sum("positions__openings", filter=Q(positions__state=ReviewState.APPROVED)),
    )


def positions_of(employer: Employer) -> QuerySet[Position]:
    return employer.positions.select_related("employer", "fair", "fair__org", "org").order_by("id")


def seekers_of(fair: Fair, *, actor: Any) -> QuerySet[Seeker]:
    return scope.restrict(
        Seeker.objects.filter(fair=fair).select_related("fair", "fair__org", "org"), actor, "view"
    )


def _approving(actor: Any) -> Q:
    return scope.subtree_q(scope.scope_of(actor).paths("approve"), org_field="fair__org")


def employers_to_approve(*, actor: Any) -> QuerySet[Employer]:
    qs = Employer.objects.filter(
        state=ReviewState.SUBMITTED, fair__state__in=[FairState.DRAFT, FairState.OPEN]
    )
    if not scope.scope_of(actor).superuser:
        qs = qs.filter(_approving(actor))
    return qs.select_related("fair", "fair__org", "org")


def positions_to_approve(*, actor: Any) -> QuerySet[Position]:
    qs = Position.objects.filter(
        state=ReviewState.SUBMITTED,
        employer__state=ReviewState.APPROVED,
        fair__state__in=[FairState.DRAFT, FairState.OPEN],
    )
    if not scope.scope_of(actor).superuser:
        qs = qs.filter(_approving(actor))
    return qs.select_related("fair", "fair__org", "employer", "org")


def employers_to_approve_count(actor: Any) -> int:
    return employers_to_approve(actor=actor).count()


def positions_to_approve_count(actor: Any) -> int:
    return positions_to_approve(actor=actor).count()


# ---- workers' reads --------------------------------------------------------------------------


def reaches(actor: Any, fair: Fair) -> bool:
    """A fair reaches the workers and officers of its organiser's subtree (those whose union is
    the organiser or below it); one for the public also reaches a signed-in person who has no
    union yet (a migrant worker, not a member)."""
    if actor is None or not actor.is_authenticated:
        return False
    s = scope.scope_of(actor)
    if s.superuser:
        return True
    if not s.grants:
        return fair.public
    return any(g.path.startswith(fair.org.path) for g in s.grants)


def open_to(actor: Any, fair: Fair) -> bool:
    """May this person register for the fair now (it is open and not over)?"""
    return fair.state == FairState.OPEN and fair.last_day >= cleaning.today() and reaches(actor, fair)


def fairs_open_to(actor: Any) -> list[Fair]:
    """The fairs this person may register for now, soonest first."""
    if actor is None or not actor.is_authenticated:
        return []
    today = cleaning.today()
    qs = (
        Fair.objects.filter(state=FairState.OPEN)
        .filter(Q(ends_on__gte=today) | Q(ends_on__isnull=True, held_on__gte=today))
        .select_related("org", "parent")
        .order_by("held_on", "id")
    )
    return [f for f in qs if reaches(actor, f)]


def fair_for_worker(*, actor: Any, pk: int) -> Fair:
    """A fair as a worker opens it: one that reaches them, or one they registered for."""
    fair = Fair.objects.select_related("org", "parent").filter(pk=pk).first()
    if fair is None or not (reaches(actor, fair) or my_seeker(actor, fair) is not None):
        raise NotFound("没有这个招聘会，或它不面向您。")
    return fair


def my_seeker(actor: Any, fair: Fair) -> Seeker | None:
    if actor is None or not actor.is_authenticated:
        return None
    return Seeker.objects.filter(fair=fair, user=actor).select_related("fair", "fair__org", "org").first()


def my_seekers(actor: Any) -> QuerySet[Seeker]:
    if actor is None or not actor.is_authenticated:
        return Seeker.objects.none()
    return Seeker.objects.filter(user=actor).select_related("fair", "fair__org").order_by("-fair__held_on")


# ---- matching --------------------------------------------------------------------------------


def family(fair: Fair) -> list[int]:
    """The fair and its 分会场 (a 分会场's family is itself)."""
    return [fair.pk, *Fair.objects.filter(parent=fair).values_list("pk", flat=True)]


def open_positions(fair: Fair) -> QuerySet[Position]:
    """Positions seekers are shown: approved, of an approved employer, at the fair (and, for a
    主会场, its 分会场)."""
    return (
        Position.objects.filter(
            fair_id__in=family(fair), state=ReviewState.APPROVED, employer__state=ReviewState.APPROVED
        )
        .select_related("employer")
        .order_by("id")
    )


@dataclass(frozen=True)
class Matched:
    record: Any
    score: int


def matches_for_seeker(seeker: Seeker, *, k: int = match.TOP) -> list[Matched]:
    positions = list(open_positions(seeker.fair))
    ranking = match.rank([seeker], positions, k=k)
    return [Matched(positions[j], s) for j, s in ranking.for_seeker[0]]


def matches_for_position(position: Position, *, k: int = match.TOP) -> list[Matched]:
    seekers = list(Seeker.objects.filter(fair_id__in=family(position.fair)).order_by("id"))
    ranking = match.rank(seekers, [position], k=k)
    return [Matched(seekers[i], s) for i, s in ranking.for_job[0]]


# ---- the result ------------------------------------------------------------------------------


@dataclass
class Result:
    """A fair's figures, counted from its records (with its 分会场 for a 主会场)."""

    fair: Fair
    employers: int = 0
    positions: int = 0
    openings: int = 0
    seekers: int = 0
    checked_in: int = 0
    interviews: int = 0
    offers: int = 0
    by_industry: list[tuple[str, int, int]] = field(default_factory=list)  # (行业, 岗位, 人数)
    venues: list[Result] = field(default_factory=list)


def _count(fair_ids: list[int]) -> dict[str, Any]:
    approved = Employer.objects.filter(fair_id__in=fair_ids, state=ReviewState.APPROVED)
    positions = Position.objects.filter(
        fair_id__in=fair_ids, state=ReviewState.APPROVED, employer__state=ReviewState.APPROVED
    )
    seekers = Seeker.objects.filter(fair_id__in=fair_ids)
    interviews = Interview.objects.filter(fair_id__in=fair_ids)
    p = positions.aggregate(n=Count("id"), openings=Sum("openings"))
    s = seekers.aggregate(n=Count("id"), checked=Count("id", filter=Q(checked_in_at__isnull=False)))
    i = interviews.aggregate(n=Count("id"), offers=Count("id", filter=Q(outcome=Outcome.OFFERED)))
    return {
        "employers": approved.count(),
        "positions": p["n"] or 0,
        "openings": p["openings"] or 0,
        "seekers": s["n"] or 0,
        "checked_in": s["checked"] or 0,
        "interviews": i["n"] or 0,
        "offers": i["offers"] or 0,
    }


def fair_result(fair: Fair) -> Result:
    from .choices import INDUSTRY_CHOICES

    ids = family(fair)
    result = Result(fair, **_count(ids))
    labels = dict(INDUSTRY_CHOICES)
    rows = (
        Position.objects.filter(
            fair_id__in=ids, state=ReviewState.APPROVED, employer__state=ReviewState.APPROVED
        )
        .values("industry")
        .annotate(n=Count("id"), openings=Sum("openings"))
        .order_by("-openings", "industry")
    )
    result.by_industry = [
        (labels.get(r["industry"], r["industry"]), r["n"], r["openings"] or 0) for r in rows
    ]
    if len(ids) > 1:
        for venue in Fair.objects.filter(parent=fair).select_related("org").order_by("id"):
            result.venues.append(Result(venue, **_count([venue.pk])))
    return result


def result_chart(result: Result) -> dict[str, Any]:
    """An ECharts option: positions and openings by industry."""
    names = [r[0] for r in result.by_industry]
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": ["岗位数", "招聘人数"]},
        "grid": {"left": 110, "right": 20, "top": 30, "bottom": 20},
        "xAxis": {"type": "value"},
        "yAxis": {"type": "category", "data": names[::-1]},
        "series": [
            {"name": "岗位数", "type": "bar", "data": [r[1] for r in result.by_industry][::-1]},
            {"name": "招聘人数", "type": "bar", "data": [r[2] for r in result.by_industry][::-1]},
        ],
    }


# ---- an employer's own login (招聘单位账号) -----------------------------------------------------


def employers_for_login(actor: Any) -> QuerySet[Employer]:
    """The employer records this login speaks for (one per fair it was invited to)."""
    pk = getattr(actor, "pk", None)
    if pk is None:
        return Employer.objects.none()
    return (
        Employer.objects.filter(logins__user_id=pk)
        .select_related("fair", "fair__org", "org")
        .order_by("-fair__held_on", "id")
    )


def employer_get_for_login(*, actor: Any, pk: int) -> Employer:
    """An employer record of this login; any other answers 403 (404 when there is none)."""
    found = Employer.objects.select_related("fair", "fair__org", "org").filter(pk=pk).first()
    if found is None:
        raise NotFound
    if not employers_for_login(actor).filter(pk=pk).exists():
        raise PermissionDenied(scope.OUT_OF_SCOPE)
    return found


def position_get_for_login(*, actor: Any, pk: int) -> Position:
    """A position of one of this login's employers."""
    found = (
        Position.objects.select_related("employer", "employer__fair", "fair", "fair__org", "org")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound
    if not employers_for_login(actor).filter(pk=found.employer_id).exists():
        raise PermissionDenied(scope.OUT_OF_SCOPE)
    return found


@dataclass(frozen=True)
class SeekerMasked:
    """A matched seeker as an employer sees them: no full name, number or ID."""

    pk: int
    name: str
    phone: str
    pay_min: int
    skills: list[str]
    checked_in: bool
    score: int


def masked_name(name: str) -> str:
    """陈建华 → 陈**, 李娜 → 李*: the surname to greet them by at the booth."""
    return name[:1] + "*" * max(len(name) - 1, 1)


def masked_matches(position: Position) -> list[SeekerMasked]:
    return [
        SeekerMasked(
            pk=m.record.pk,
            name=masked_name(m.record.name),
            phone=m.record.phone_masked,
            pay_min=m.record.pay_min,
            skills=list(m.record.skills),
            checked_in=m.record.checked_in_at is not None,
            score=m.score,
        )
        for m in matches_for_position(position)
    ]


def interviews_masked(position: Position) -> list[tuple[Interview, str]]:
    return [
        (i, masked_name(i.seeker.name))
        for i in position.interviews.select_related("seeker").order_by("-at", "-id")
    ]


def seeker_by_number(number: Any) -> Seeker | None:
    """The seeker an employer or organiser names by their registration number (whether they
    registered for the position's fair is the action's to check)."""
    return Seeker.objects.filter(pk=number).select_related("fair").first()
