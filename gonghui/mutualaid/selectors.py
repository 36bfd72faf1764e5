"""Reads of mutual aid, always through the scope module."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.errors import NotFound
from gonghui.kernel.filters import narrowed
from gonghui.members.choices import EmploymentStatus, Status
from gonghui.members.models import Member, MemberLogin
from gonghui.members.selectors import member_for_user
from gonghui.orgs.models import Level, Org
from gonghui.orgs.models import Status as OrgStatus

from .models import ZERO, Benefit, Claim, ClaimFile, Enrolment, Line, Plan, Quota

# 在职: an active membership whose 身份 is 在岗 or 病休, or not recorded.
IN_SERVICE = ("", EmploymentStatus.ON_POST, EmploymentStatus.SICK_LEAVE)
# Shares that count towards a quota: enrolments handed in or in force.
COUNTED = (Enrolment.State.DUE, Enrolment.State.COVERED)


def in_service_members(org: Org) -> QuerySet[Member]:
    """The union's in-service workers on the register: the group rule's base."""
    return Member.objects.filter(org=org, status=Status.ACTIVE, employment_status__in=IN_SERVICE)


# ----------------------------------------------------------------------------------- plans


def plans_for_actor(*, actor: Any) -> QuerySet[Plan]:
    """The plans open to the actor's unions: those run by a union at or above one where the
    actor holds any role (a province's plans for everyone in it, members included)."""
    qs = Plan.objects.filter(active=True).select_related("org", "requires").prefetch_related("benefits")
    s = scope.scope_of(actor)
    if s.superuser:
        return qs
    above = {g.path[:i] for g in s.grants for i in range(4, len(g.path) + 1, 4)}
    return qs.filter(org__path__in=above)


def plan_get(*, actor: Any, pk: int) -> Plan:
    plan = plans_for_actor(actor=actor).filter(pk=pk).first()
    if plan is None:
        if Plan.objects.filter(pk=pk).exists():
            raise PermissionDenied(scope.OUT_OF_SCOPE)
        raise NotFound("记录不存在")
    return plan


# ------------------------------------------------------------------------------ enrolments


def enrolment_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Enrolment:
    return scope.get_for(Enrolment.objects.select_related("org", "plan"), actor, perm, pk=pk)


def enrolments_for_actor(
    *, actor: Any, within: Org | None = None, year: int | None = None, state: str = ""
) -> QuerySet[Enrolment]:
    qs = scope.restrict(Enrolment.objects.select_related("org", "plan"), actor, "view")
    if within is not None:
        qs = qs.filter(org__path__startswith=within.path)
    qs = narrowed(qs, year=year, state=state)
    return qs.annotate(people=Count("lines", filter=Q(lines__live=True)))


def enrolment_lines(enrolment: Enrolment) -> QuerySet[Line]:
    return enrolment.lines.filter(live=True).select_related("member").order_by("member__name", "id")


def candidates(enrolment: Enrolment, *, name: str = "", limit: int = 200) -> list[Member]:
    """In-service members of the union not yet on this enrolment (the register, filtered)."""
    taken = Line.objects.filter(enrolment=enrolment, live=True).values("member_id")
    qs = in_service_members(enrolment.org).exclude(pk__in=taken)
    if name:
        qs = qs.filter(name__startswith=name)
    return list(qs.order_by("name", "id")[:limit])


def parents(enrolment: Enrolment) -> QuerySet[Member]:
    """Who may enrol a child on a children's plan: the union's in-service workers."""
    return in_service_members(enrolment.org).order_by("name", "id")


def candidates_by_id(enrolment: Enrolment, ids: list[int]) -> list[Member]:
    """The members picked on the page, among the enrolling union's register only."""
    return list(Member.objects.filter(org=enrolment.org, pk__in=ids[:2000]).order_by("name", "id"))


def line_of_enrolment(enrolment: Enrolment, pk: int | None) -> Line:
    line = enrolment.lines.select_related("member").filter(pk=pk, live=True).first() if pk else None
    if line is None:
        raise NotFound("记录不存在")
    return line


def enrolment_in_service(enrolment: Enrolment) -> int:
    """The group rule's base: the unit's in-service workers (its women, for a women's plan)."""
    qs = in_service_members(enrolment.org)
    return (qs.filter(sex=enrolment.plan.sex) if enrolment.plan.sex else qs).count()


def enrolment_head_count(enrolment: Enrolment) -> int:
    return enrolment.lines.filter(live=True).count()


# ----------------------------------------------------------------------------------- claims


def claim_get_for_actor(*, actor: Any, pk: int) -> Claim:
    """A claim for an officer over its union or its approver, or the member whose claim it is."""
    qs = Claim.objects.select_related(
        "org", "approver", "benefit", "line__member", "line__plan", "line__enrolment"
    )
    claim = qs.filter(pk=pk).first()
    if claim is None:
        raise NotFound("记录不存在")
    if not (scope.can(actor, "view", claim.org) or is_own_claim(user=actor, claim=claim)):
        scope.require(actor, "view", claim.approver)
    return claim


def claims_for_actor(
    *, actor: Any, within: Org | None = None, state: str = "", to_decide: bool = False
) -> QuerySet[Claim]:
    qs = Claim.objects.select_related("org", "approver", "benefit", "line__member", "line__plan")
    if to_decide:
        qs = scope.restrict(qs, actor, "approve", org_field="approver").filter(state=Claim.State.SUBMITTED)
    else:
        qs = scope.restrict(qs, actor, "view")
    if within is not None:
        qs = qs.filter(org__path__startswith=within.path)
    if state:
        qs = qs.filter(state=state)
    return qs


def claim_file_of(claim: Claim, file_id: int) -> ClaimFile | None:
    """One material of a claim the caller may already see."""
    return claim.files.filter(pk=file_id).first()


def claims_to_pay(approver: Org) -> QuerySet[Claim]:
    """Approved claims waiting for payment at the reviewing union (for the bank's file)."""
    return (
        Claim.objects.filter(approver=approver, state=Claim.State.APPROVED)
        .select_related("org", "benefit", "line__member", "line__plan")
        .order_by("org__path", "id")
    )


def enrolments_to_collect(org: Org) -> QuerySet[Enrolment]:
    """Enrolments of the units below `org` handed in and not paid in full: what `org` (the union
    above them, which receives the money) collects through the bank's file."""
    return (
        Enrolment.objects.filter(
            org__path__startswith=org.path, state=Enrolment.State.DUE, amount_paid__lt=F("amount_due")
        )
        .exclude(org=org)
        .select_related("org", "plan")
        .order_by("org__path", "id")
    )


def claims_to_decide_count(actor: Any) -> int:
    return claims_for_actor(actor=actor, to_decide=True).count()


def already_paid(line: Line, *, excluding: int | None = None) -> Decimal:
    """What the share has been granted in its cover period (approved or paid claims)."""
    qs = Claim.objects.filter(line=line, state__in=Claim.SPENT)
    if excluding is not None:
        qs = qs.exclude(pk=excluding)
    return qs.aggregate(s=Coalesce(Sum("payable"), ZERO))["s"]


def is_own_claim(*, user: Any, claim: Claim) -> bool:
    return is_own_line(user=user, line=claim.line)


def is_own_line(*, user: Any, line: Line) -> bool:
    user_id = getattr(user, "pk", None)
    return (
        user_id is not None and MemberLogin.objects.filter(user_id=user_id, member_id=line.member_id).exists()
    )


def own_lines(*, user: Any) -> list[Line]:
    """A worker's shares, newest first (through their membership)."""
    member = member_for_user(user=user)
    if member is None:
        return []
    qs = Line.objects.filter(person_bidx=member.id_number_bidx, live=True)
    return list(qs.select_related("plan", "enrolment", "member").order_by("-year", "plan_id"))


def line_and_benefit_for_actor(*, actor: Any, line_id: int, benefit_id: int) -> tuple[Line, Benefit]:
    """A share the actor may claim on (an officer over its union, or its member) and a benefit."""
    line = Line.objects.select_related("enrolment__org", "plan", "member").filter(pk=line_id).first()
    benefit = Benefit.objects.filter(pk=benefit_id).first()
    if line is None or benefit is None:
        raise NotFound("记录不存在")
    if not is_own_line(user=actor, line=line):
        scope.require(actor, "view", line.enrolment.org)
    return line, benefit


def own_covered_lines(*, user: Any) -> QuerySet[Line]:
    """A worker's shares in force (what they may claim on from the phone)."""
    member = member_for_user(user=user)
    if member is None:
        return Line.objects.none()
    return Line.objects.filter(
        person_bidx=member.id_number_bidx, live=True, enrolment__state=Enrolment.State.COVERED
    ).select_related("member", "plan")


def own_claims(*, user: Any) -> list[Claim]:
    member = member_for_user(user=user)
    if member is None:
        return []
    qs = Claim.objects.filter(line__person_bidx=member.id_number_bidx)
    return list(qs.select_related("benefit", "line__plan"))


def own_shares(member: Member) -> QuerySet[Line]:
    """The person's own shares (not those of a child they enrolled), on any of their
    memberships: reached through the register's rows of their ID number, which are indexed."""
    theirs = Member.objects.filter(id_number_bidx=member.id_number_bidx).values("pk")
    return Line.objects.filter(member__in=theirs, person_bidx=member.id_number_bidx)


@dataclass(frozen=True)
class Cover:
    """One of the worker's shares in force or waiting for its money, and what its plan pays for."""

    line: Line
    benefits: list[str]


@dataclass(frozen=True)
class OwnCover:
    """What a worker's home page shows of their mutual aid: their cover and their latest claims."""

    member: Member | None
    cover: list[Cover] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def opens(self, claim: Claim) -> bool:
        """Does the claim's page open for the worker (`is_own_claim`): its share is on the
        membership their login is linked to (not on one they held before)."""
        return self.member is not None and claim.line.member_id == self.member.pk


def own_cover_for_user(*, user: Any, limit: int = 5) -> OwnCover:
    """The worker's own shares in force or handed in and not yet ended (with the benefits their
    plans pay), and their latest claims, newest first: at most three queries, none for a person
    with no membership, one for a member who never held a share."""
    member = member_for_user(user=user)
    if member is None:
        return OwnCover(None)
    current = Q(live=True, enrolment__state__in=COUNTED) & (
        Q(enrolment__cover_end__isnull=True) | Q(enrolment__cover_end__gte=cleaning.today())
    )
    shares = list(
        own_shares(member)
        .select_related("plan", "enrolment")
        .annotate(current=ExpressionWrapper(current, output_field=BooleanField()))
        .order_by("-current", "-year", "plan_id", "id")[:limit]
    )
    if not shares:  # no share ever: no claim either
        return OwnCover(member)
    lines = [s for s in shares if s.current]  # type: ignore[attr-defined]
    pays: dict[int, list[str]] = defaultdict(list)
    if lines:
        benefits = Benefit.objects.filter(plan__in={s.plan_id for s in lines}).order_by("order", "id")
        for plan_id, name in benefits.values_list("plan_id", "name"):
            pays[plan_id].append(name)
    claims = Claim.objects.filter(line__in=own_shares(member)).select_related("benefit", "line__plan")
    return OwnCover(
        member,
        cover=[Cover(s, pays[s.plan_id]) for s in lines],
        claims=list(claims.order_by("-submitted_at", "-id")[:limit]),
    )


def approver_for(org: Org) -> Org:
    """The 代办点 that decides a union's claims: its nearest county union, else city, else the top."""
    ancestors = list(Org.objects.filter(path__in=[org.path[:i] for i in range(4, len(org.path), 4)]))
    for level in (Level.COUNTY, Level.CITY, Level.INDUSTRY, Level.PROVINCE):
        found = [o for o in ancestors if o.level == level and o.status == OrgStatus.ACTIVE]
        if found:
            return max(found, key=lambda o: len(o.path))
    return org


# ----------------------------------------------------------------------------------- quotas


@dataclass(frozen=True)
class Progress:
    org: Org
    quota: int | None
    shares: int

    @property
    def percent(self) -> int | None:
        return None if not self.quota else round(self.shares * 100 / self.quota)

    @property
    def behind(self) -> int:
        return max((self.quota or 0) - self.shares, 0)


def shares_in(org: Org, year: int) -> int:
    return Line.objects.filter(
        live=True, year=year, enrolment__state__in=COUNTED, enrolment__org__path__startswith=org.path
    ).count()


def org_below(org: Org, pk: int | None) -> Org:
    """A union directly below `org` (whose quota `org` sets)."""
    child = Org.objects.filter(parent=org, pk=pk).first() if pk else None
    if child is None:
        raise NotFound("记录不存在")
    return child


def quota_of(org: Org, year: int) -> int | None:
    q = Quota.objects.filter(org=org, year=year).first()
    return q.shares if q else None


def progress_for_actor(*, actor: Any, org: Org, year: int) -> tuple[Progress, list[Progress]]:
    """The union's quota and shares, and each union directly below it (drill-down)."""
    scope.require(actor, "view", org)
    children = list(Org.objects.filter(parent=org, status=OrgStatus.ACTIVE).order_by("path"))
    quotas = dict(Quota.objects.filter(year=year, org__in=[org, *children]).values_list("org_id", "shares"))
    lines = Line.objects.filter(live=True, year=year, enrolment__state__in=COUNTED)
    rows = [
        Progress(c, quotas.get(c.pk), lines.filter(enrolment__org__path__startswith=c.path).count())
        for c in children
    ]
    return Progress(org, quotas.get(org.pk), shares_in(org, year)), rows


def quotas_behind_count(actor: Any) -> int:
    """Unions in the actor's scope behind their quota this year (for the workbench)."""
    from gonghui.kernel import cleaning

    year = cleaning.today().year
    quotas = scope.restrict(Quota.objects.select_related("org"), actor, "edit").filter(year=year)[:200]
    return sum(1 for q in quotas if shares_in(q.org, year) < q.shares)


# ---------------------------------------------------------------------------------- reports


@dataclass(frozen=True)
class PlanFigures:
    plan: Plan
    shares: int
    contributions: Decimal
    paid_out: Decimal
    claims: int

    @property
    def loss_ratio(self) -> Decimal | None:
        if not self.contributions:
            return None
        return (self.paid_out / self.contributions * 100).quantize(Decimal("0.1"))


def report_for_actor(*, actor: Any, org: Org, year: int) -> list[PlanFigures]:
    """By plan, within a union's subtree, for one cover year: shares, contributions received,
    claims and what they paid, and the loss ratio (paid ÷ received)."""
    scope.require(actor, "view", org)
    within = Q(enrolment__org__path__startswith=org.path, enrolment__year=year)
    rows = []
    for plan in Plan.objects.order_by("id"):
        lines = Line.objects.filter(within, plan=plan, live=True, enrolment__state__in=COUNTED).count()
        received = Enrolment.objects.filter(org__path__startswith=org.path, year=year, plan=plan).aggregate(
            s=Coalesce(Sum("amount_paid"), ZERO)
        )["s"]
        claims = Claim.objects.filter(
            org__path__startswith=org.path, line__plan=plan, line__year=year
        ).exclude(state=Claim.State.WITHDRAWN)
        paid = claims.filter(state=Claim.State.PAID).aggregate(s=Coalesce(Sum("payable"), ZERO))["s"]
        if lines or received or paid:
            cent = Decimal("0.01")
            rows.append(
                PlanFigures(plan, lines, received.quantize(cent), paid.quantize(cent), claims.count())
            )
    return rows


def covered_on(line: Line, day: dt.date) -> bool:
    e = line.enrolment
    return bool(e.cover_start and e.cover_end and e.cover_start <= day <= e.cover_end)


def mutualaid_figures(actor: Any, org: Org) -> list[tuple[str, Any, str]]:
    """The home page's figures of a union: shares enrolled this year (against its quota)."""
    from django.urls import reverse

    from gonghui.kernel import cleaning

    year = cleaning.today().year
    shares = shares_in(org, year)
    quota = quota_of(org, year)
    url = f"{reverse('mutualaid:quotas')}?org={org.pk}&year={year}"
    value = f"{shares} / {quota}" if quota else shares
    return [(gettext("%(year)s年医疗互助参保（份）") % {"year": year}, value, url)]


@dataclass(frozen=True)
class UnionFigures:
    org: Org
    shares: int
    due: Decimal
    paid: Decimal
    claims_paid: Decimal

    @property
    def owing(self) -> Decimal:
        return self.due - self.paid


def report_by_union_for_actor(*, actor: Any, org: Org, year: int) -> list[UnionFigures]:
    """Each union directly below `org` (or `org` itself when it has none): shares, what its
    units owe and paid for the year (their statement), and what was paid out to them."""
    scope.require(actor, "view", org)
    below = list(Org.objects.filter(parent=org).order_by("path")) or [org]
    rows = []
    for o in below:
        enrolments = Enrolment.objects.filter(org__path__startswith=o.path, year=year).exclude(
            state=Enrolment.State.CANCELLED
        )
        money = enrolments.aggregate(
            due=Coalesce(Sum("amount_due"), ZERO), paid=Coalesce(Sum("amount_paid"), ZERO)
        )
        out = Claim.objects.filter(
            org__path__startswith=o.path, line__year=year, state=Claim.State.PAID
        ).aggregate(s=Coalesce(Sum("payable"), ZERO))["s"]
        cent = Decimal("0.01")
        rows.append(
            UnionFigures(
                o,
                shares_in(o, year),
                money["due"].quantize(cent),
                money["paid"].quantize(cent),
                out.quantize(cent),
            )
        )
    return rows


def paid_by_quarter_for_actor(*, actor: Any, org: Org, year: int) -> list[tuple[str, int, Decimal]]:
    """Claims paid in each quarter of the calendar year within `org`'s subtree: (季度, 件数, 金额)."""
    scope.require(actor, "view", org)
    out = []
    for q in range(1, 5):
        start = dt.date(year, 3 * q - 2, 1)
        end = dt.date(year + (q == 4), (3 * q) % 12 + 1, 1)
        paid = Claim.objects.filter(
            org__path__startswith=org.path, state=Claim.State.PAID, paid_on__gte=start, paid_on__lt=end
        ).aggregate(n=Count("id"), s=Coalesce(Sum("payable"), ZERO))
        out.append((f"第{q}季度", paid["n"], paid["s"].quantize(Decimal("0.01"))))
    return out
