"""Reads: the catalogue, targets and their months, the board of a union, late reports, the
workbench's counters, through the one scope rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from gonghui.kernel import cleaning, scope
from gonghui.orgs.models import SEGMENT, Org

from .abilities import why_not_reported
from .models import Correction, Flag, Indicator, Measure, Report, Target, Warning
from .progress import closed_months, completion, due_date, expected, flag_of


def visible(qs: QuerySet[Target], actor: Any) -> QuerySet[Target]:
    """The targets the actor may view (all of them for the system itself, `actor=None`)."""
    return qs if actor is None else scope.restrict(qs, actor, "view")


def indicator_list_for_actor(*, actor: Any, within: Org | None = None) -> QuerySet[Indicator]:
    qs = scope.restrict(Indicator.objects.select_related("org"), actor, "view")
    return qs.filter(org__path__startswith=within.path) if within else qs


def indicators_usable_at(org: Org) -> QuerySet[Indicator]:
    """The catalogue a union picks from: its own indicators and those of the unions above it."""
    prefixes = [org.path[:i] for i in range(SEGMENT, len(org.path) + 1, SEGMENT)]
    return Indicator.objects.filter(org__path__in=prefixes, active=True).select_related("org")


def target_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Target:
    qs = Target.objects.select_related("indicator", "org", "parent__org", "owner")
    return scope.get_for(qs, actor, perm, pk=pk)


def report_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Report:
    qs = Report.objects.select_related("target__indicator", "target__org")
    return scope.get_for(qs, actor, perm, org_field="target__org", pk=pk)


def target_list_for_actor(
    *, actor: Any, year: int, within: Org | None = None, flag: str = "", own_only: bool = False
) -> QuerySet[Target]:
    qs = visible(Target.objects.select_related("indicator", "org"), actor).filter(year=year)
    if within is not None:
        qs = qs.filter(org=within) if own_only else qs.filter(org__path__startswith=within.path)
    if flag:
        qs = qs.filter(flag__in=[Flag.YELLOW, Flag.RED] if flag == "warn" else [flag])
    return qs.order_by("indicator__code", "indicator_id", "org__path")


@dataclass
class MonthRow:
    month: int
    expected: Decimal
    report: Report | None
    completion: Decimal | None
    flag: str
    due: dt.date
    late: bool  # overdue and still missing

    @property
    def flag_label(self) -> str:
        return str(Flag(self.flag).label)


def target_months(target: Target, today: dt.date | None = None) -> list[MonthRow]:
    """The twelve months of a target: milestone, value, completion and flag of each."""
    today = today or cleaning.today()
    reports = {
        r.month: r for r in target.reports.select_related("reported_by").prefetch_related("evidence_files")
    }
    missing_late = set(late_months(target, today))
    rows = []
    for m in range(1, 13):
        due = expected(
            value=target.value, baseline=target.baseline, month=m, milestones=target.quarter_milestones
        )
        r = reports.get(m)
        done = completion(actual=r.value, baseline=target.baseline, expected_value=due) if r else None
        flag = (
            flag_of(done, yellow=target.yellow_margin, red=target.red_margin)
            if done is not None
            else Flag.NONE
        )
        rows.append(MonthRow(m, due, r, done, flag, due_date(target.year, m), m in missing_late))
    return rows


def late_months(target: Target, today: dt.date | None = None) -> list[int]:
    """The months whose report is overdue and still missing."""
    today = today or cleaning.today()
    if why_not_reported(target):
        return []
    done = set(target.reports.values_list("month", flat=True))
    return [m for m in closed_months(target.year, today) if m not in done]


def evidence_get_for_actor(*, actor: Any, pk: int) -> Any:
    from .models import Evidence

    qs = Evidence.objects.select_related("report__target__org")
    return scope.get_for(qs, actor, "view", org_field="report__target__org", pk=pk)


def corrections_of(target: Target) -> QuerySet[Correction]:
    return Correction.objects.filter(report__target=target).select_related("report", "by").order_by("-at")


def warnings_of(target: Target) -> QuerySet[Warning]:
    return target.warnings.all()


def target_children(target: Target) -> QuerySet[Target]:
    return target.children.select_related("org", "indicator").order_by("org__path")


def _hand_reported(qs: QuerySet[Target]) -> QuerySet[Target]:
    """Targets whose owner reports by hand (not computed, not the sum of a split)."""
    split = Target.objects.filter(parent=OuterRef("pk"))
    return (
        qs.filter(indicator__source="reported")
        .annotate(split=Exists(split))
        .exclude(split=True, indicator__measure=Measure.CUMULATIVE)
    )


def late_list_for_actor(
    *, actor: Any, within: Org, year: int, today: dt.date | None = None
) -> list[tuple[Target, list[int]]]:
    """Targets under `within` with overdue reports, and which months."""
    today = today or cleaning.today()
    months = closed_months(year, today)
    if not months:
        return []
    qs = _hand_reported(target_list_for_actor(actor=actor, year=year, within=within)).prefetch_related(
        "reports"
    )
    out = []
    for t in qs:
        done = {r.month for r in t.reports.all()}
        missing = [m for m in months if m not in done]
        if missing:
            out.append((t, missing))
    return out


# ---- the workbench ---------------------------------------------------------------------------


def _grant_org_ids(actor: Any, perm: str) -> list[int]:
    return [g.org_id for g in scope.scope_of(actor).grants if perm in g.perms]


def to_report_count(actor: Any) -> int:
    """Targets of the unions where the person works whose last due month is still missing."""
    today = cleaning.today()
    months = closed_months(today.year, today)
    ids = _grant_org_ids(actor, "edit")
    if not months or not ids:
        return 0
    last = months[-1]
    qs = _hand_reported(Target.objects.filter(year=today.year, org_id__in=ids))
    return qs.exclude(reports__month=last).count()


def flagged_count(actor: Any) -> int:
    """Yellow and red targets of the person's unions and of the unions directly below them."""
    ids = _grant_org_ids(actor, "view")
    if not ids:
        return 0
    return (
        Target.objects.filter(year=cleaning.today().year, flag__in=[Flag.YELLOW, Flag.RED])
        .filter(Q(org_id__in=ids) | Q(org__parent_id__in=ids))
        .count()
    )


def flagged_for_actor(*, actor: Any, year: int) -> QuerySet[Target]:
    ids = _grant_org_ids(actor, "view")
    return (
        Target.objects.filter(year=year, flag__in=[Flag.YELLOW, Flag.RED])
        .filter(Q(org_id__in=ids) | Q(org__parent_id__in=ids))
        .select_related("indicator", "org")
        .order_by("-flag", "completion")
    )


# ---- the board of a union --------------------------------------------------------------------


@dataclass
class Board:
    org: Org
    year: int
    own: list[Target]
    flagged: list[Target]  # yellow and red anywhere in the subtree
    late: list[tuple[Target, list[int]]]
    counts: dict[str, int]  # targets in the subtree by flag


def board_for_actor(*, actor: Any, org: Org, year: int) -> Board:
    scope.require(actor, "view", org)
    subtree = target_list_for_actor(actor=actor, year=year, within=org)
    counts = {f: 0 for f, _ in Flag.choices}
    for f in subtree.values_list("flag", flat=True):
        counts[f] += 1
    return Board(
        org=org,
        year=year,
        own=list(subtree.filter(org=org)),
        flagged=list(
            subtree.filter(flag__in=[Flag.RED, Flag.YELLOW])
            .exclude(org=org)
            .order_by("-flag", "completion")[:100]
        ),
        late=late_list_for_actor(actor=actor, within=org, year=year)[:100],
        counts=counts,
    )


def owner_choices(org: Org) -> QuerySet[Any]:
    """Accounts that may own a target of `org`: its clerks and administrators."""
    from gonghui.accounts.models import User

    return User.objects.filter(roles__org=org, roles__kind__in=("admin", "clerk"), is_active=True).distinct()


def children_of(org: Org) -> QuerySet[Org]:
    """The active unions directly below `org` (those a target is split among)."""
    from .abilities import active_children

    return active_children(org)  # type: ignore[no-any-return]


def target_years(*, actor: Any, org: Org) -> list[int]:
    """The years with targets under `org`, latest first."""
    qs = scope.restrict(Target.objects.all(), actor, "view").filter(org__path__startswith=org.path)
    return sorted(set(qs.values_list("year", flat=True)), reverse=True)


def default_year(*, actor: Any, org: Org) -> int:
    """This year, unless only other years have targets: then the latest of them."""
    this = cleaning.today().year
    years = target_years(actor=actor, org=org)
    return this if this in years or not years else years[0]


def publication_of(org: Org) -> Any:
    from .models import Publication

    return Publication.objects.filter(org=org).first()


@dataclass
class PublicRow:
    target: Target
    months: list[MonthRow]
    latest: MonthRow | None
    share_of_year: Decimal | None  # the latest value as a percentage of the year's promise


def public_page(token: str, year: int | None = None) -> tuple[Any, int, list[PublicRow]]:
    """An open public page by its address: the published targets of its union (NotFound else)."""
    from gonghui.kernel.errors import NotFound

    from .models import Publication

    publication = Publication.objects.select_related("org").filter(token=token, active=True).first()
    if publication is None:
        raise NotFound("页面不存在")
    targets = Target.objects.filter(org=publication.org, public=True).select_related("indicator", "org")
    years = sorted(set(targets.values_list("year", flat=True)), reverse=True)
    year = year if year in years else (years[0] if years else cleaning.today().year)
    rows = []
    for t in targets.filter(year=year).order_by("indicator__code", "indicator_id"):
        months = target_months(t)
        reported = [m for m in months if m.report is not None]
        latest = reported[-1] if reported else None
        way = t.value - t.baseline
        share = (
            ((latest.report.value - t.baseline) * 100 / way).quantize(Decimal("0.1"))
            if latest and latest.report and way
            else None
        )
        rows.append(PublicRow(t, months, latest, share))
    return publication, year, rows


def competitions_for_actor(*, actor: Any, within: Org | None = None) -> QuerySet[Any]:
    from .models import Competition

    qs = scope.restrict(Competition.objects.select_related("org"), actor, "view")
    return qs.filter(org__path__startswith=within.path) if within else qs


def competition_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Any:
    from .models import Competition

    return scope.get_for(Competition.objects.select_related("org"), actor, perm, pk=pk)


def entrant_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Any:
    from .models import Entrant

    qs = Entrant.objects.select_related("competition__org", "org")
    return scope.get_for(qs, actor, perm, org_field="competition__org", pk=pk)


@dataclass
class Standing:
    entrant: Any
    scores: list[Decimal | None]  # per item, in the items' order


def competition_table(competition: Any) -> tuple[list[Any], list[Standing]]:
    """The items and every entrant's scores, best total first (unscored last)."""
    items = list(competition.items.all())
    entrants = competition.entrants.select_related("org").prefetch_related("scores")
    rows = []
    for e in sorted(entrants, key=lambda e: (e.total is None, -(e.total or 0), e.pk)):
        got = {s.item_id: s.score for s in e.scores.all()}
        rows.append(Standing(e, [got.get(i.pk) for i in items]))
    return items, rows


def competition_held_back(actor: Any, competition: Any) -> list[str]:
    """Why the next step cannot be taken yet (the weights do not add up, scores are missing)."""
    from .workflow import COMPETITION

    return COMPETITION.held_back(actor, competition)


def competition_sheet(competition: Any) -> tuple[list[str], list[list[Any]]]:
    """The results table of a competition as an export writes it: the ranking with each item's
    score, the total and the award."""
    items, rows = competition_table(competition)
    header = [
        "名次",
        "参赛选手（队）",
        "工作单位",
        "参赛单位",
        *(f"{i.name}（{i.weight}%）" for i in items),
        "总分",
        "奖项",
    ]
    body = [
        [
            r.entrant.rank, r.entrant.name, r.entrant.work_unit, r.entrant.org.name, *r.scores, r.entrant.total,
            r.entrant.get_award_display(),
        ]
        for r in rows
    ]  # fmt: skip
    return header, body


def honour_kinds_for(competition: Any) -> Any:
    """The kinds of honour the organiser may record its winners with."""
    from gonghui.honours.selectors import kinds_for_org

    return kinds_for_org(competition.org)


PROGRESS_HEADER = [
    "编号", "指标", "类别", "计量单位", "责任单位", "看管人", "年度目标值",
    *(f"{m}月" for m in range(1, 13)), "最新完成值", "序时完成率%", "预警", "向社会公开",
]  # fmt: skip


def progress_sheet(*, actor: Any, org: Org, year: int) -> list[list[Any]]:
    """The year's targets of the union and of every union below it that the person sees, with
    each month's value (the 进度表 a union keeps of its targets and 民生实事)."""
    targets = list(target_list_for_actor(actor=actor, year=year, within=org))
    values: dict[tuple[int, int], Decimal] = {
        (t, m): v
        for t, m, v in Report.objects.filter(target_id__in=[t.pk for t in targets]).values_list(
            "target_id", "month", "value"
        )
    }
    return [
        [
            t.indicator.code, t.indicator.name, t.indicator.category, t.indicator.unit, t.org.name, t.owner_name,
            t.value, *(values.get((t.pk, m)) for m in range(1, 13)), t.actual,
            t.completion, str(Flag(t.flag).label), "是" if t.public else "否",
        ]
        for t in targets
    ]  # fmt: skip
