"""Reads of campaigns, activities, sign-ups, partners and volunteers, always through the scope
module (or, for a worker, the rule of who may take part)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy

from gonghui.assistance.models import Fund
from gonghui.kernel import scope
from gonghui.kernel.errors import NotFound
from gonghui.members.choices import COUNTED
from gonghui.members.models import Member
from gonghui.members.selectors import member_for_user
from gonghui.orgs.branches import by_branch
from gonghui.orgs.models import Org

from . import rules
from .models import (
    ZERO,
    Activity,
    Benefit,
    Campaign,
    CampaignGoal,
    Group,
    GroupMember,
    Handout,
    Partner,
    ServiceHours,
    SignUp,
    Volunteer,
    Voucher,
)

NOT_FOUND = "记录不存在"
ID_MAX = 2**63 - 1


def _id(pk: Any) -> int:
    """A record id as a database can compare it; anything else names no record."""
    if not isinstance(pk, int) or not 1 <= pk <= ID_MAX:
        raise NotFound(NOT_FOUND)
    return pk


# -------------------------------------------------------------------------------- activities


def activity_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Activity:
    """The activity, for an officer holding `perm` over its union, or (to read) for a worker
    who may take part in it or has signed up."""
    activity = (
        Activity.objects.select_related("org", "campaign", "fund__org", "group").filter(pk=_id(pk)).first()
    )
    if activity is None:
        raise NotFound(NOT_FOUND)
    if perm == "view" and (scope.can(actor, "view", activity.org) or rules.may_see(actor, activity)):
        return activity
    scope.require(actor, perm, activity.org)
    return activity


def activity_list_for_actor(
    *, actor: Any, within: Org | None = None, campaign: Campaign | None = None, due: bool = False
) -> QuerySet[Activity]:
    qs = scope.restrict(Activity.objects.select_related("org", "campaign"), actor, "view")
    if within is not None:
        qs = qs.filter(org__path__startswith=within.path)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if due:
        qs = scope.restrict(qs, actor, "edit").filter(state=Activity.State.OPEN, ends_at__lt=timezone.now())
    return qs.annotate(
        confirmed=Count("signups", filter=Q(signups__state=SignUp.State.CONFIRMED)),
        waiting=Count("signups", filter=Q(signups__state=SignUp.State.WAITING)),
        attended=Count("signups", filter=Q(signups__checked_in_at__isnull=False)),
        walk_ins=Count("signups", filter=Q(signups__walk_in=True, signups__state=SignUp.State.CONFIRMED)),
    )


def results_due_count(actor: Any) -> int:
    """Activities over whose result is not recorded yet (the workbench's to-do)."""
    return activity_list_for_actor(actor=actor, due=True).count()


def open_to_worker(actor: Any, *, limit: int = 50) -> list[Activity]:
    """The activities this worker may sign up for now, soonest first."""
    if not getattr(actor, "is_authenticated", False):
        return []
    member = rules.own_member(actor)
    reach = Q(audience=Activity.Audience.ANYONE)
    if member is not None:
        reach |= Q(audience=Activity.Audience.SUBTREE, org__path__in=rules.ancestor_paths(member.org.path))
        reach |= Q(
            audience=Activity.Audience.GROUP,
            group__in=GroupMember.objects.filter(member=member).values("group_id"),
        )
    mine = SignUp.objects.filter(user=actor, state__in=SignUp.ACTIVE).values("activity_id")
    qs = (
        Activity.objects.select_related("org", "group")
        .filter(reach, state=Activity.State.OPEN, signup_until__gt=timezone.now())
        .exclude(pk__in=mine)
        .annotate(confirmed=Count("signups", filter=Q(signups__state=SignUp.State.CONFIRMED)))
        .order_by("starts_at", "pk")
    )
    return [a for a in qs[:limit] if not rules.signup_refusal(actor, a)]


def my_signups(actor: Any, *, current: bool = True) -> list[SignUp]:
    """The worker's own sign-ups (current: not cancelled, not yet attended, activity not over;
    once checked in, a sign-up is among `my_attended`)."""
    if not getattr(actor, "is_authenticated", False):
        return []
    qs = (
        SignUp.objects.select_related("activity__org")
        .filter(user=actor)
        .order_by("-activity__starts_at", "-pk")
    )
    if current:
        qs = qs.filter(
            state__in=SignUp.ACTIVE, activity__state=Activity.State.OPEN, checked_in_at__isnull=True
        )
    return list(qs[:50])


def my_attended(actor: Any, *, limit: int = 5) -> list[SignUp]:
    """The activities the worker attended (checked in), latest first: those they signed up for,
    and those their union put their membership on (a sign-up for them, a walk-in). One query."""
    if not getattr(actor, "is_authenticated", False):
        return []
    member = member_for_user(user=actor)
    theirs = Q(user=actor) | Q(member=member) if member is not None else Q(user=actor)
    qs = SignUp.objects.select_related("activity__org").filter(theirs, checked_in_at__isnull=False)
    return list(qs.order_by("-activity__starts_at", "-pk")[:limit])


LABELS = {
    "starts_at": gettext_lazy("开始时间"), "ends_at": gettext_lazy("结束时间"), "signup_until": gettext_lazy("报名截止"),
    "place": gettext_lazy("地点"), "capacity": gettext_lazy("名额"), "description": gettext_lazy("内容"),
}  # fmt: skip


@dataclass
class Change:
    at: dt.datetime
    by: str
    reason: str
    lines: list[tuple[str, Any, Any]]
    told: int


def activity_history(activity: Activity) -> list[Change]:
    """The changes made to the activity after it was published, newest first (from the audit
    log, which keeps before and after)."""
    from gonghui.core.models import AuditEntry

    rows = AuditEntry.objects.filter(action="activities.activity.edit", object_id=str(activity.pk)).select_related(
        "actor").order_by("-at", "-pk")[:50]  # fmt: skip
    out = []
    for e in rows:
        before, after = e.detail.get("before", {}), e.detail.get("after", {})
        out.append(Change(
            e.at, e.actor.display_name if e.actor else "", e.detail.get("reason", ""),
            [(LABELS.get(k, k), before.get(k), after.get(k)) for k in after], int(e.detail.get("told", 0)),
        ))  # fmt: skip
    return out


def places_left(activity: Activity) -> int:
    taken = SignUp.objects.filter(activity=activity, state=SignUp.State.CONFIRMED).count()
    return max(activity.capacity - taken, 0)


@dataclass
class Roster:
    confirmed: list[SignUp]
    waiting: list[SignUp]
    cancelled: list[SignUp]

    @property
    def attended(self) -> int:
        return sum(1 for s in self.confirmed if s.checked_in_at is not None)

    @property
    def walk_ins(self) -> int:
        return sum(1 for s in self.confirmed if s.walk_in)


def recent_checkins(roster: Roster, n: int = 10) -> list[SignUp]:
    done = [s for s in roster.confirmed if s.checked_in_at is not None]
    return sorted(done, key=lambda s: s.checked_in_at or timezone.now(), reverse=True)[:n]


def roster(activity: Activity) -> Roster:
    rows = list(SignUp.objects.filter(activity=activity).select_related("member").order_by("seq"))
    return Roster(
        [s for s in rows if s.state == SignUp.State.CONFIRMED],
        [s for s in rows if s.state == SignUp.State.WAITING],
        [s for s in rows if s.state == SignUp.State.CANCELLED],
    )


def position_in_line(signup: SignUp) -> int:
    """1 for the first on the waiting list (0 when not waiting)."""
    if signup.state != SignUp.State.WAITING:
        return 0
    return SignUp.objects.filter(
        activity=signup.activity, state=SignUp.State.WAITING, seq__lte=signup.seq
    ).count()


def checkin_search(activity: Activity, q: str) -> list[SignUp]:
    q = (q or "").strip()
    if not q:
        return []
    return list(
        SignUp.objects.filter(
            activity=activity, state=SignUp.State.CONFIRMED, name__contains=q[:50]
        ).order_by("seq")[:20]
    )


def members_to_add(*, actor: Any, activity: Activity, name: str) -> list[Any]:
    """Members the organiser may put on the list, found by the start of their name: of its
    subtree, or (an activity open to anyone) wherever the organiser may see them."""
    from gonghui.members.selectors import member_list_for_actor

    name = (name or "").strip()
    if not name:
        return []
    within = activity.org if activity.audience != Activity.Audience.ANYONE else None
    taken = set(
        SignUp.objects.filter(activity=activity, state__in=SignUp.ACTIVE, member__isnull=False).values_list(
            "member_id", flat=True
        )
    )
    if activity.audience == Activity.Audience.GROUP and activity.group_id is not None:
        listed = set(
            GroupMember.objects.filter(
                group_id=activity.group_id, member__name__startswith=name[:50]
            ).values_list("member_id", flat=True)[:5000]
        )
        rows = list(Member.objects.select_related("org").filter(pk__in=listed - taken, status__in=COUNTED)
                    .order_by("name", "pk")[:20])  # fmt: skip
        return [m for m in rows if scope.can(actor, "view", m.org)]
    rows, _ = member_list_for_actor(actor=actor, within=within, name=name[:50], status="active", limit=20)
    return [m for m in rows if m.pk not in taken]


def signup_get_for_actor(*, actor: Any, pk: int) -> SignUp:
    """A sign-up: the worker's own, or any for an officer over the activity's union."""
    signup = SignUp.objects.select_related("activity__org", "member").filter(pk=_id(pk)).first()
    if signup is None:
        raise NotFound(NOT_FOUND)
    if not rules.own_signup(actor, signup):
        scope.require(actor, "view", signup.activity.org)
    return signup


def signup_for_activity(*, actor: Any, activity: Activity, pk: int) -> SignUp:
    signup = SignUp.objects.select_related("activity__org").filter(pk=_id(pk), activity=activity).first()
    if signup is None:
        raise NotFound(NOT_FOUND)
    return signup


def handouts(activity: Activity) -> tuple[list[Handout], Decimal]:
    rows = list(Handout.objects.filter(activity=activity).order_by("id"))
    return rows, sum((h.value for h in rows), ZERO)


def funds_usable(activity: Activity) -> QuerySet[Fund]:
    """The assistance funds the activity's money may have come from: its union's or a union's
    above, of the year it takes place."""
    year = timezone.localtime(activity.starts_at).year
    return Fund.objects.filter(
        org__path__in=rules.ancestor_paths(activity.org.path), year=year
    ).select_related("org")


# ------------------------------------------------------------------------------------ groups


def group_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Group:
    return scope.get_for(Group.objects.select_related("org"), actor, perm, pk=_id(pk))


def group_list_for_actor(*, actor: Any, org: Org) -> list[Group]:
    """The groups a union may open activities to (its own and those above it) and those of the
    unions below it, each with the size of its list."""
    scope.require(actor, "view", org)
    return list(
        Group.objects.select_related("org")
        .filter(Q(org__path__in=rules.ancestor_paths(org.path)) | Q(org__path__startswith=org.path))
        .annotate(size=Count("entries", distinct=True), used=Count("activities", distinct=True))
        .order_by("org__path", "name")[:300]
    )


def group_entries(group: Group, *, name: str = "", limit: int = 300) -> tuple[list[GroupMember], int]:
    qs = GroupMember.objects.filter(group=group).select_related("member__org")
    total = qs.count()
    if name.strip():
        qs = qs.filter(member__name__startswith=name.strip()[:50])
    return list(qs.order_by("member__name", "pk")[:limit]), total


def groups_usable(org: Org) -> QuerySet[Group]:
    from .actions import groups_usable as usable

    return usable(org).order_by("org__path", "name")


def members_for_group(*, actor: Any, group: Group, name: str) -> list[Any]:
    """Members of the group's union's subtree, found by the start of their name, not yet on it."""
    from gonghui.members.selectors import member_list_for_actor

    name = (name or "").strip()
    if not name:
        return []
    rows, _ = member_list_for_actor(actor=actor, within=group.org, name=name[:50], status="active", limit=20)
    listed = set(GroupMember.objects.filter(group=group, member__in=rows).values_list("member_id", flat=True))
    return [m for m in rows if m.pk not in listed]


# --------------------------------------------------------------------------------- campaigns


def campaign_get_for_actor(*, actor: Any, pk: int, at: Org | None = None, perm: str = "view") -> Campaign:
    """A campaign, read at its own union or (`at`) at a union of its subtree the actor holds."""
    campaign = Campaign.objects.select_related("org").filter(pk=_id(pk)).first()
    if campaign is None:
        raise NotFound(NOT_FOUND)
    if at is not None and at.pk != campaign.org_id:
        if not at.path.startswith(campaign.org.path) or perm != "view":
            raise NotFound(NOT_FOUND)
        scope.require(actor, "view", at)
        return campaign
    scope.require(actor, perm, campaign.org)
    return campaign


def campaign_list_for_actor(*, actor: Any, org: Org) -> list[Campaign]:
    """The campaigns that concern a union: opened by it, by a union above it, or below it."""
    scope.require(actor, "view", org)
    return list(
        Campaign.objects.select_related("org")
        .filter(Q(org__path__in=rules.ancestor_paths(org.path)) | Q(org__path__startswith=org.path))
        .order_by("-starts_on", "-pk")[:200]
    )


def goal_of(campaign: Campaign, org: Org) -> tuple[int, Decimal, Decimal] | None:
    from .actions import goal_of as held

    return held(campaign, org)


def goal_split_rows(campaign: Campaign, org: Org) -> list[tuple[Org, CampaignGoal | None]]:
    """The unions directly below `org`, each with the part of the campaign's goals it holds."""
    children = list(Org.objects.filter(parent=org, status="active").order_by("path"))
    parts = {g.org_id: g for g in CampaignGoal.objects.filter(campaign=campaign, org__in=children)}
    return [(c, parts.get(c.pk)) for c in children]


def campaigns_open_to(org: Org) -> QuerySet[Campaign]:
    from .actions import campaigns_open_to as open_to

    return open_to(org)


@dataclass
class Progress:
    org: Org | None
    label: str
    activities: int = 0
    signups: int = 0
    attended: int = 0
    people: int = 0
    goods_value: Decimal = ZERO
    money: Decimal = ZERO
    goal_people: int = 0
    goal_money: Decimal = ZERO
    goal_goods: Decimal = ZERO
    has_goal: bool = False

    @property
    def people_percent(self) -> int | None:
        return _percent(self.people, self.goal_people)

    @property
    def money_percent(self) -> int | None:
        return _percent(self.money, self.goal_money)

    @property
    def goods_percent(self) -> int | None:
        return _percent(self.goods_value, self.goal_goods)


def _percent(done: Any, goal: Any) -> int | None:
    return min(int(done * 100 / goal), 999) if goal else None


@dataclass
class CampaignProgress:
    at: Org
    total: Progress
    rows: list[Progress] = field(default_factory=list)
    goal_people: int = 0
    goal_money: Decimal = ZERO
    goal_goods: Decimal = ZERO
    split: bool = False  # the goals of `at` are split among the unions below it

    def percent(self, done: Any, goal: Any) -> int | None:
        return _percent(done, goal)

    @property
    def people_percent(self) -> int | None:
        return self.percent(self.total.people, self.goal_people)

    @property
    def money_percent(self) -> int | None:
        return self.percent(self.total.money, self.goal_money)

    @property
    def goods_percent(self) -> int | None:
        return self.percent(self.total.goods_value, self.goal_goods)


def campaign_progress(campaign: Campaign, at: Org) -> CampaignProgress:
    """The campaign's figures in `at`'s subtree, one row per union directly below `at` (and one
    for `at` itself), rolled up in one grouped query over the activities' union paths."""
    acts = Activity.objects.filter(campaign=campaign, org__path__startswith=at.path).exclude(
        state=Activity.State.CANCELLED
    )
    grouped = by_branch(
        acts,
        at,
        n=Count("pk", distinct=True),
        people=Coalesce(Sum("people_served"), 0),
        goods_value=Coalesce(Sum("goods_value"), ZERO),
        money=Coalesce(Sum("money"), ZERO),
    )
    act_by = {g["branch"]: g for g in grouped}
    signs = by_branch(
        SignUp.objects.filter(activity__in=acts, state=SignUp.State.CONFIRMED),
        at,
        path="activity__org__path",
        n=Count("pk"),
        attended=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )
    sign_by = {s["branch"]: s for s in signs}
    children = list(Org.objects.filter(parent=at, status="active").order_by("path"))
    # A sum over joined sign-ups would count an activity once per sign-up: sums come from the
    # activities alone, sign-up counts from their own query.
    rows = [Progress(at, "本级")] + [Progress(c, c.name) for c in children]
    index = {at.path: rows[0], **{c.path: r for c, r in zip(children, rows[1:], strict=True)}}
    for branch, g in act_by.items():
        row = index.get(branch)
        if row is None:  # a union no longer active below `at`
            row = Progress(None, "其他")
            rows.append(row)
            index[branch] = row
        row.activities += g["n"]
        row.people += g["people"]
        row.goods_value += g["goods_value"]
        row.money += g["money"]
    for branch, s in sign_by.items():
        row = index.get(branch)
        if row is not None:
            row.signups += s["n"]
            row.attended += s["attended"]
    total = Progress(at, at.name)
    for r in rows:
        total.activities += r.activities
        total.signups += r.signups
        total.attended += r.attended
        total.people += r.people
        total.goods_value += r.goods_value
        total.money += r.money
    parts = {g.org_id: g for g in CampaignGoal.objects.filter(campaign=campaign, org__in=children)}
    for r in rows:
        part = parts.get(r.org.pk) if r.org is not None else None
        if part is not None:
            r.goal_people, r.goal_money, r.goal_goods = part.goal_people, part.goal_money, part.goal_goods
            r.has_goal = True
    whole = goal_of(campaign, at)
    people, money, goods = whole if whole is not None else (0, ZERO, ZERO)
    return CampaignProgress(
        at, total, [r for r in rows if r.activities or r.org in children],
        goal_people=people, goal_money=money, goal_goods=goods,
        split=bool(parts),
    )  # fmt: skip


# ---------------------------------------------------------------------------------- benefits


def benefit_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Benefit:
    """A campaign's benefit, for an officer holding `perm` over the campaign's union, or (to read)
    for a worker who may claim it or holds a voucher of it."""
    benefit = Benefit.objects.select_related("campaign__org", "group").filter(pk=_id(pk)).first()
    if benefit is None:
        raise NotFound(NOT_FOUND)
    if perm == "view" and (
        scope.can(actor, "view", benefit.campaign.org) or rules.may_see_benefit(actor, benefit)
    ):
        return benefit
    scope.require(actor, perm, benefit.campaign.org)
    return benefit


def benefits_of(campaign: Campaign) -> list[Benefit]:
    """The campaign's benefits, each with how many were claimed (`issued`) and redeemed."""
    return list(
        Benefit.objects.filter(campaign=campaign)
        .select_related("group")
        .annotate(redeemed=Count("vouchers", filter=Q(vouchers__state=Voucher.State.REDEEMED)))
        .order_by("pk")
    )


def benefit_counts(benefit: Benefit) -> dict[str, int]:
    redeemed = Voucher.objects.filter(benefit=benefit, state=Voucher.State.REDEEMED).count()
    return {"claimed": benefit.issued, "redeemed": redeemed, "left": max(benefit.total - benefit.issued, 0)}


def benefit_vouchers(benefit: Benefit, *, limit: int = 100) -> list[Voucher]:
    """The latest vouchers of a benefit, for its union's ledger."""
    return list(Voucher.objects.filter(benefit=benefit).order_by("-seq")[:limit])


def benefits_open_to_worker(actor: Any, *, limit: int = 50) -> list[Benefit]:
    """The benefits this worker may claim now: open campaigns of their unions, within the claim
    period, not all claimed, and not claimed up to their share."""
    member = rules.own_member(actor) if getattr(actor, "is_authenticated", False) else None
    if member is None:
        return []
    today = timezone.localdate()
    reach = Q(audience=Benefit.Audience.SUBTREE) | Q(
        audience=Benefit.Audience.GROUP,
        group__in=GroupMember.objects.filter(member=member).values("group_id"),
    )
    qs = (
        Benefit.objects.select_related("campaign__org", "group")
        .filter(
            reach,
            campaign__org__path__in=rules.ancestor_paths(member.org.path),
            campaign__state=Campaign.State.OPEN,
            claim_from__lte=today,
            claim_until__gte=today,
            issued__lt=models.F("total"),
        )
        .order_by("claim_until", "pk")
    )
    return [b for b in qs[:limit] if not rules.claim_refusal(actor, b)]


def my_vouchers(actor: Any, *, unused: bool = False) -> list[Voucher]:
    """The worker's own vouchers, latest first (unused: those still to be redeemed)."""
    if not getattr(actor, "is_authenticated", False):
        return []
    qs = Voucher.objects.select_related("benefit__campaign__org").filter(user=actor)
    if unused:
        qs = qs.filter(state=Voucher.State.CLAIMED)
    return list(qs.order_by("-claimed_at", "-pk")[:50])


def voucher_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Voucher:
    """A voucher: the worker's own (to read), or any for an officer over the campaign's union."""
    voucher = Voucher.objects.select_related("benefit__campaign__org").filter(pk=_id(pk)).first()
    if voucher is None:
        raise NotFound(NOT_FOUND)
    own = voucher.user_id is not None and voucher.user_id == getattr(actor, "pk", None)
    if not (own and perm == "view"):
        scope.require(actor, perm, voucher.benefit.campaign.org)
    return voucher


# ---------------------------------------------------------------------------------- partners


def partner_list_for_actor(*, actor: Any, org: Org) -> list[Partner]:
    """The partners a union may work with: its own and those of the unions above it."""
    scope.require(actor, "view", org)
    return list(
        Partner.objects.select_related("org")
        .filter(Q(org__path__in=rules.ancestor_paths(org.path)) | Q(org__path__startswith=org.path))
        .annotate(n=Count("activities"))
        .order_by("org__path", "name")
    )


def partners_usable(org: Org) -> QuerySet[Partner]:
    return Partner.objects.filter(org__path__in=rules.ancestor_paths(org.path)).order_by("name")


# -------------------------------------------------------------------------------- volunteers


def volunteer_list_for_actor(*, actor: Any, within: Org) -> QuerySet[Volunteer]:
    """Volunteers registered in a union's subtree, with their hours and activities."""
    scope.require(actor, "view", within)
    return (
        Volunteer.objects.select_related("org")
        .filter(org__path__startswith=within.path)
        .annotate(total=Coalesce(Sum("hours__hours"), Decimal("0.0")), served=Count("hours"))
        .order_by("-total", "name")
    )


def volunteer_get_for_actor(*, actor: Any, pk: int) -> Volunteer:
    return scope.get_for(Volunteer.objects.select_related("org"), actor, "view", pk=_id(pk))


def volunteers_for_activity(activity: Activity) -> list[ServiceHours]:
    return list(ServiceHours.objects.filter(activity=activity).select_related("volunteer__org"))


def volunteers_usable(*, actor: Any, activity: Activity) -> QuerySet[Volunteer]:
    """Volunteers the organiser may record hours for: registered in its subtree or above it."""
    q = Q(org__path__startswith=activity.org.path) | Q(org__path__in=rules.ancestor_paths(activity.org.path))
    return scope.restrict(Volunteer.objects.filter(q), actor, "view").order_by("name")[:500]


@dataclass
class HoursRow:
    org: Org
    volunteers: int
    hours: Decimal


def volunteer_totals_by_union(*, actor: Any, at: Org) -> list[HoursRow]:
    """Volunteers and hours per union directly below `at` (and at `at` itself)."""
    scope.require(actor, "view", at)
    volunteers = Volunteer.objects.filter(org__path__startswith=at.path)
    vols = dict(by_branch(volunteers, at, n=Count("pk")).values_list("branch", "n"))
    hours = ServiceHours.objects.filter(volunteer__org__path__startswith=at.path)
    hrs = dict(by_branch(hours, at, path="volunteer__org__path", h=Sum("hours")).values_list("branch", "h"))
    orgs = [at, *Org.objects.filter(parent=at, status="active").order_by("path")]
    return [HoursRow(o, vols.get(o.path, 0), hrs.get(o.path) or Decimal("0.0")) for o in orgs]


def my_volunteer_hours(actor: Any) -> tuple[Volunteer | None, Decimal]:
    member = rules.own_member(actor)
    if member is None:
        return None, Decimal("0.0")
    volunteer = Volunteer.objects.filter(member=member).first()
    if volunteer is None:
        return None, Decimal("0.0")
    total = ServiceHours.objects.filter(volunteer__member=member).aggregate(h=Sum("hours"))["h"]
    return volunteer, total or Decimal("0.0")


def day_of(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def require_view(actor: Any, org: Org) -> None:
    if not scope.can(actor, "view", org):
        raise PermissionDenied(scope.OUT_OF_SCOPE)
