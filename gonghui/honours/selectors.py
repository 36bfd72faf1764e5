"""Reads of the honours module, every one through the scope rule."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core import signing
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext

from gonghui.kernel import scope
from gonghui.kernel.errors import NotFound
from gonghui.kernel.filters import narrowed
from gonghui.orgs.models import SEGMENT, Org

from .models import (
    Care,
    CareKind,
    Category,
    Honour,
    HonourKind,
    Level,
    Nomination,
    NominationState,
    Objection,
    Quota,
    Round,
    RoundState,
    Studio,
    StudioLevel,
)

# ---- kinds -------------------------------------------------------------------------------------


def kinds_for_org(org: Org | None) -> QuerySet[HonourKind]:
    """The shipped kinds and those set up by `org` or a union above it."""
    if org is None:
        return HonourKind.objects.filter(org__isnull=True)
    above = [org.path[:n] for n in range(4, len(org.path) + 1, 4)]
    return HonourKind.objects.filter(Q(org__isnull=True) | Q(org__path__in=above)).select_related("org")


# ---- rounds --------------------------------------------------------------------------------------


def round_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Round:
    """A round, for the officers of the union that opened it (and of the unions above)."""
    return scope.get_for(Round.objects.select_related("org", "kind"), actor, perm, pk=pk)


def round_for_nominating(*, actor: Any, pk: int | None, org: Org) -> Round:
    """A round opened above `org` (a union the actor edits), for `org` to nominate in."""
    round = Round.objects.select_related("org", "kind").filter(pk=pk).first() if pk else None
    if round is None or not (org.path.startswith(round.org.path) and org.pk != round.org_id):
        raise NotFound("没有本单位可以参加的这个评选。")
    return round


def _sees(actor: Any, org: Org) -> bool:
    return scope.can(actor, "view", org)


def rounds_for_actor(*, actor: Any, within: Org | None = None) -> QuerySet[Round]:
    """Rounds opened in the actor's subtree or above it (where its unions nominate)."""
    s = scope.scope_of(actor)
    q = Q(pk__in=[])
    for p in s.paths("view"):
        above = [p[:n] for n in range(4, len(p) + 1, 4)]
        q |= Q(org__path__startswith=p) | Q(org__path__in=above)
    qs = Round.objects.select_related("org", "kind")
    if not s.superuser:
        qs = qs.filter(q)
    if within is not None:
        qs = qs.filter(Q(org__path__startswith=within.path) | Q(org__path__in=_above(within)))
    return qs


def round_rows(*, actor: Any, within: Org | None = None, state: str = "") -> list[dict[str, Any]]:
    """The rounds list: each round, and whether its page is the actor's to open (a round opened
    above the actor's unions is listed for them to nominate in, its page is not theirs)."""
    qs = rounds_for_actor(actor=actor, within=within)
    if state:
        qs = qs.filter(state=state)
    return [{"round": r, "own": _sees(actor, r.org)} for r in qs[:200]]


def my_quotas(*, actor: Any) -> list[dict[str, Any]]:
    """The places the actor's unions hold in open rounds, and how many they have passed up."""
    from .rules import passed

    qs = scope.restrict(
        Quota.objects.filter(round__state=RoundState.OPEN).select_related("org", "round__org", "round__kind"),
        actor,
        "view",
    )
    return [
        {
            "quota": q,
            "org": q.org,
            "round": q.round,
            "places": q.places,
            "used": passed(q.round, q.org).count(),
        }
        for q in qs.order_by("round_id", "org__path")[:200]
    ]


def quota_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Quota:
    return scope.get_for(Quota.objects.select_related("org", "round__org", "round__kind"), actor, perm, pk=pk)


def sub_quotas(quota: Quota) -> list[dict[str, Any]]:
    """The places a union holding some allotted on to the unions below it."""
    from .rules import passed_counts

    round = quota.round
    inside = list(
        Quota.objects.filter(round=round, org__path__startswith=quota.org.path)
        .exclude(pk=quota.pk)
        .select_related("org")
    )
    holders = {q.org.path for q in inside} | {quota.org.path}

    def allotted_here(q: Quota) -> bool:
        """The nearest union above `q`'s holding places is this one."""
        above = (q.org.path[:n] for n in range(len(q.org.path) - SEGMENT, 0, -SEGMENT))
        return next((p for p in above if p in holders), None) == quota.org.path

    below = [q for q in inside if allotted_here(q)]
    used = passed_counts(round, [q.org for q in below])
    return [{"org": q.org, "places": q.places, "used": used[q.org_id]} for q in below]


def _above(org: Org) -> list[str]:
    return [org.path[:n] for n in range(4, len(org.path), 4)]


def quotas_of(round: Round, *, actor: Any) -> list[dict[str, Any]]:
    """The places allotted in the round that the actor sees, with how many each union has passed
    up so far (one pass over the round's nominations, however many unions hold places)."""
    from .rules import passed_counts

    quotas = list(
        scope.restrict(Quota.objects.filter(round=round).select_related("org"), actor, "view").order_by(
            "org__path"
        )
    )
    used = passed_counts(round, [q.org for q in quotas])
    return [{"quota": q, "org": q.org, "places": q.places, "used": used[q.org_id]} for q in quotas]


def nominations_of(round: Round, *, actor: Any, state: str = "") -> QuerySet[Nomination]:
    """The nominations of a round the actor may see: those made in its subtree (all of them for
    the officers of the union that opened it)."""
    qs = scope.restrict(Nomination.objects.filter(round=round).select_related("org", "at"), actor, "view")
    return qs.filter(state=state) if state else qs


def nominations_below(org: Org, round: Round) -> QuerySet[Nomination]:
    """The nominations of a round from `org`'s subtree (a quota holder's page)."""
    return Nomination.objects.filter(round=round, org__path__startswith=org.path).select_related("org", "at")


def nomination_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Nomination:
    """One nomination, for the officers of its union and of the unions above it (its reviewers
    are all above it)."""
    qs = Nomination.objects.select_related("round__org", "round__kind", "org", "at", "member__org", "honour")
    return scope.get_for(qs, actor, perm, pk=pk)


def _review_paths(actor: Any) -> set[str]:
    """The unions where the actor's own roles review (not every union below them)."""
    s = scope.scope_of(actor)
    return set(s.paths("edit")) | set(s.paths("approve"))


def nominations_to_review_count(actor: Any) -> int:
    """待审核的推荐: nominations waiting at a union where the actor holds a reviewing role."""
    paths = _review_paths(actor)
    if not paths:
        return 0
    return Nomination.objects.filter(
        state=NominationState.REVIEWING, round__state=RoundState.OPEN, at__path__in=paths
    ).count()


def nominations_to_review(*, actor: Any) -> QuerySet[Nomination]:
    return Nomination.objects.filter(
        state=NominationState.REVIEWING, round__state=RoundState.OPEN, at__path__in=_review_paths(actor)
    ).select_related("round", "org", "at")


def objections_of(nomination: Nomination, *, actor: Any) -> QuerySet[Objection]:
    """The objections to a nomination, for the officers of the union that opened the round only
    (who raised them is not for the nominating union to read)."""
    qs = Objection.objects.filter(nomination=nomination).select_related("nomination__round__org")
    return scope.restrict(qs, actor, "view", org_field="nomination__round__org")


def objections_to_answer(*, actor: Any) -> QuerySet[Objection]:
    """Objections not answered yet, of rounds the actor's unions opened and may confer."""
    qs = Objection.objects.filter(answer=Objection.Answer.OPEN).select_related(
        "nomination__round__org", "nomination__org"
    )
    return scope.restrict(qs, actor, "approve", org_field="nomination__round__org").order_by(
        "received_on", "id"
    )


def objections_to_answer_count(actor: Any) -> int:
    return objections_to_answer(actor=actor).count()


def objection_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Objection:
    qs = Objection.objects.select_related("nomination__round__org", "nomination__org")
    return scope.get_for(qs, actor, perm, org_field="nomination__round__org", pk=pk)


# ---- 公示: the public page ------------------------------------------------------------------------

_SALT = "honours.notice"


def notice_token(round: Round) -> str:
    """The address of a round's public 公示 page: signed, so that no one can walk the rounds."""
    return signing.dumps(round.pk, salt=_SALT)


def notice_round(token: str) -> Round:
    """The round a public token names, while it is in 公示 or honoured; else NotFound."""
    try:
        pk = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        raise NotFound("没有这个公示。") from None
    round = Round.objects.select_related("org", "kind").filter(pk=pk, state__in=[RoundState.NOTICE]).first()
    if round is None:
        raise NotFound("没有这个公示，或公示已结束。")
    return round


def notice_rows(round: Round) -> list[dict[str, Any]]:
    """Only what a 公示 publishes: name, sex, unit, job and deeds (never an ID or phone number)."""
    qs = Nomination.objects.filter(round=round, state=NominationState.NOTICE).order_by("org__path", "id")
    return [
        {"id": n.pk, "name": n.name, "sex": n.sex, "unit": n.unit, "job": n.job, "deeds": n.deeds}
        for n in qs.only("name", "sex", "unit", "job", "deeds")
    ]


# ---- the honour register -------------------------------------------------------------------------


def honours_of_member(member: Any) -> QuerySet[Honour]:
    """A person's honours over their life, newest first (their own page and their record)."""
    return Honour.objects.filter(member=member).order_by("-awarded_on", "-id")


def notices_of_member(member: Any) -> QuerySet[Nomination]:
    """The selections whose 公示 list the person is on now."""
    return Nomination.objects.filter(member=member, state=NominationState.NOTICE).select_related("round")


def honours_for_actor(
    *,
    actor: Any,
    within: Org | None = None,
    level: str = "",
    category: str = "",
    year: int | None = None,
    q: str = "",
) -> QuerySet[Honour]:
    qs = scope.restrict(Honour.objects.select_related("org", "kind", "member__org"), actor, "view")
    if within is not None:
        qs = qs.filter(org__path__startswith=within.path)
    qs = narrowed(qs, level=level, category=category, year=year)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(unit__contains=q))
    return qs


def honour_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Honour:
    return scope.get_for(
        Honour.objects.select_related("org", "kind", "member__org", "round"), actor, perm, pk=pk
    )


def honours_of_person(honour: Honour, *, actor: Any) -> QuerySet[Honour]:
    """Every honour of the same person the actor sees (by the member register, else by name and
    unit): their honours over their life."""
    qs = scope.restrict(Honour.objects.select_related("org", "kind"), actor, "view")
    if honour.member_id:
        return qs.filter(member_id=honour.member_id).order_by("awarded_on")
    return qs.filter(member__isnull=True, name=honour.name, unit=honour.unit).order_by("awarded_on")


def honour_counts(*, actor: Any, within: Org | None = None) -> dict[str, Any]:
    """Counts by level and by year (the register's chart)."""
    qs = honours_for_actor(actor=actor, within=within)
    by_level = dict(qs.values_list("level").annotate(n=Count("id")).values_list("level", "n"))
    by_year = Counter(dict(qs.values_list("year").annotate(n=Count("id")).values_list("year", "n")))
    years = sorted(by_year)
    return {
        "levels": [(label, by_level.get(value, 0)) for value, label in Level.choices],
        "years": years,
        "per_year": [by_year[y] for y in years],
        "total": sum(by_level.values()),
    }


# ---- care ------------------------------------------------------------------------------------------


def care_of(honour: Honour, *, actor: Any) -> QuerySet[Care]:
    return scope.restrict(
        Care.objects.filter(honour=honour).select_related("org", "household"), actor, "view"
    )


def model_workers_for_actor(*, actor: Any, within: Org | None = None) -> QuerySet[Honour]:
    """The individual 劳模 honours (one row a person: the highest, latest)."""
    return honours_for_actor(actor=actor, within=within, category=Category.MODEL_WORKER).filter(
        collective=False
    )


def unvisited(*, actor: Any, year: int, within: Org | None = None) -> list[Honour]:
    """Model workers nobody visited (慰问) this year, one row a person."""
    visited_members = set(
        Care.objects.filter(on__year=year, kind__in=[CareKind.VISIT, CareKind.HARDSHIP])
        .exclude(honour__member__isnull=True)
        .values_list("honour__member_id", flat=True)
    )
    visited_honours = set(
        Care.objects.filter(on__year=year, kind__in=[CareKind.VISIT, CareKind.HARDSHIP]).values_list(
            "honour_id", flat=True
        )
    )
    seen: set[Any] = set()
    rows = []
    for h in model_workers_for_actor(actor=actor, within=within).order_by("org__path", "name"):
        person = ("m", h.member_id) if h.member_id else ("n", h.name, h.unit)
        if person in seen:
            continue
        seen.add(person)
        if h.pk in visited_honours or (h.member_id and h.member_id in visited_members):
            continue
        rows.append(h)
    return rows


# ---- studios --------------------------------------------------------------------------------------


def studios_for_actor(*, actor: Any, within: Org | None = None, level: str = "") -> QuerySet[Studio]:
    qs = scope.restrict(Studio.objects.select_related("org", "lead"), actor, "view")
    if within is not None:
        qs = qs.filter(org__path__startswith=within.path)
    if level:
        qs = qs.filter(level=level)
    return qs


def studio_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Studio:
    return scope.get_for(Studio.objects.select_related("org", "lead"), actor, perm, pk=pk)


def studios_by_county(*, actor: Any, within: Org) -> list[tuple[Org, int]]:
    """How many studios each union directly below `within` has in its subtree."""
    qs = studios_for_actor(actor=actor, within=within)
    children = list(Org.objects.filter(parent=within).order_by("path"))
    counts = Counter()  # type: Counter[int]
    paths = list(qs.values_list("org__path", flat=True))
    for child in children:
        counts[child.pk] = sum(1 for p in paths if p.startswith(child.path))
    return [(c, counts[c.pk]) for c in children if counts[c.pk]]


def honours_todo_rounds(actor: Any) -> int:
    """Rounds in 公示 whose notice is over and that the actor may confer."""
    from .workflow import ROUND

    qs = scope.restrict(
        Round.objects.filter(state=RoundState.NOTICE).select_related("org", "kind"), actor, "approve"
    )
    return sum(1 for r in qs if ROUND.may(actor, r, "confer"))


# ---- for the pages ---------------------------------------------------------------------------------


def round_terms(round: Round) -> str:
    """The round's conditions in one line, for the nominating form."""
    parts = [f"推荐截止{round.nominate_until:%Y年%-m月%-d日}"]
    if round.frontline_min_pct:
        parts.append(f"一线职工比例不低于{round.frontline_min_pct}%")
    if round.leaders_max is not None:
        parts.append(f"企业负责人不超过{round.leaders_max}名")
    return "；".join(parts) + "。"


def round_held_back(actor: Any, round: Round) -> list[str]:
    from .workflow import ROUND

    return ROUND.held_back(actor, round)


def nomination_held_back(actor: Any, nomination: Nomination) -> list[str]:
    from .workflow import NOMINATION

    return NOMINATION.held_back(actor, nomination)


def review_chain(nomination: Nomination) -> list[Org]:
    from .rules import reviewers

    return reviewers(nomination)


def notice_url(round: Round) -> str:
    """The public 公示 page's address, while the round is in 公示."""
    from django.urls import reverse

    return f"{reverse('honours:notice')}?t={notice_token(round)}" if round.state == RoundState.NOTICE else ""


def unions_to_allot(round: Round, *, actor: Any) -> list[Org]:
    """The unions directly below the one that opened the round, for it to allot places to."""
    return unions_below(round.org, actor=actor)


def unions_below(org: Org, *, actor: Any) -> list[Org]:
    from gonghui.orgs.models import Status

    return list(
        scope.restrict(
            Org.objects.filter(parent=org, status=Status.ACTIVE), actor, "view", org_field=""
        ).order_by("path")[:500]
    )


def org_below(round: Round, pk: int) -> Org:
    """A union below the round's union (the actions check who may allot to it)."""
    org = Org.objects.filter(pk=pk, path__startswith=round.org.path).exclude(pk=round.org_id).first()
    if org is None:
        raise NotFound("没有这个工会。")
    return org


def quota_used(quota: Quota) -> int:
    from .rules import passed

    return passed(quota.round, quota.org).count()


def members_of(org: Org, *, actor: Any) -> list[Any]:
    """The members of the nominating union itself, for the form's choice (at most 500)."""
    from gonghui.members.choices import HOLDING
    from gonghui.members.models import Member

    qs = scope.restrict(
        Member.objects.filter(org=org, status__in=HOLDING).select_related("org"), actor, "view"
    )
    return list(qs.order_by("name")[:500])


def member_of(org: Org, pk: int | None, *, actor: Any) -> Any:
    if not pk:
        return None
    for m in members_of(org, actor=actor):
        if m.pk == pk:
            return m
    raise NotFound("没有这个会员。")


def households_for(honour: Honour, *, actor: Any) -> list[Any]:
    """The hardship files of this model worker the actor sees: by the member register, else by
    name (a 劳模 in hardship is filed once, in the hardship module)."""
    from gonghui.assistance.models import Household

    qs = scope.restrict(Household.objects.filter(status="active"), actor, "view")
    qs = qs.filter(member_id=honour.member_id) if honour.member_id else qs.filter(name=honour.name)
    return list(qs.order_by("-id")[:20])


def household_pick(households: list[Any], pk: int | None) -> Any:
    if not pk:
        return None
    for h in households:
        if h.pk == pk:
            return h
    raise NotFound("没有这份困难职工档案。")


def studios_led_by(honour: Honour, *, actor: Any) -> QuerySet[Studio]:
    return scope.restrict(Studio.objects.filter(lead=honour), actor, "view")


def care_given(*, actor: Any, year: int, within: Org | None = None) -> dict[str, Any]:
    """What was given in a year: people, times and money by kind."""
    from django.db.models import Sum

    qs = scope.restrict(Care.objects.filter(on__year=year), actor, "view")
    if within is not None:
        qs = qs.filter(org__path__startswith=within.path)
    rows: dict[str, dict[str, Any]] = {
        r["kind"]: dict(r) for r in qs.values("kind").annotate(n=Count("id"), total=Sum("amount"))
    }
    empty: dict[str, Any] = {}
    return {
        "rows": [
            (label, rows.get(v, empty).get("n", 0), rows.get(v, empty).get("total") or 0)
            for v, label in CareKind.choices
        ],
        "people": qs.values("honour_id").distinct().count(),
    }


def studio_level_counts(*, actor: Any, within: Org | None = None) -> list[tuple[str, int]]:
    qs = studios_for_actor(actor=actor, within=within)
    counts = dict(qs.values_list("level").annotate(n=Count("id")).values_list("level", "n"))
    return [(str(label), counts.get(v, 0)) for v, label in StudioLevel.choices]


def attachment_get_for_actor(*, actor: Any, pk: int) -> Any:
    """An attachment, for whoever may see its nomination."""
    from .models import NominationFile

    qs = NominationFile.objects.select_related("nomination__org")
    return scope.get_for(qs, actor, "view", org_field="nomination__org", pk=pk)


def honours_figures(actor: Any, org: Org) -> list[tuple[str, int, str]]:
    """Key figures for the home page: model workers and honours on the register, and studios."""
    from django.urls import reverse

    honours = honours_for_actor(actor=actor, within=org)
    return [
        (
            gettext("劳模（人次）"),
            honours.filter(category=Category.MODEL_WORKER).count(),
            f"{reverse('honours:register')}?within={org.pk}",
        ),
        (
            gettext("创新工作室"),
            studios_for_actor(actor=actor, within=org).count(),
            f"{reverse('honours:studios')}?within={org.pk}",
        ),
    ]
