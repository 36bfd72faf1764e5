"""The "两个普遍" report (普遍建立工会组织、普遍开展工资集体协商), computed from the register for any
subtree and date, with formatters for the page (table and ECharts), xlsx and csv.

For each direct child of the subject union (and the subject's own ledger, "本级"), on date D:

- 单位总数: units in the subtree that existed and had not closed down on D;
- 应建会单位数: those with at least `threshold` employees (工会法: 二十五人以上应当建立基层工会委员会);
- 已建会单位数: those among them covered on D by a grassroots union that was active on D;
- 建会率 = 已建会 ÷ 应建会;
- 入会率 = 会员人数 (members of the unions in the subtree, from the member register)
  ÷ 已建会单位职工数 (employees of all units covered by a union, whatever their size);
- 集体合同覆盖: units under a collective contract in force on D, and their employees;
  单位覆盖率 = 覆盖单位 ÷ 单位总数, 职工覆盖率 = 覆盖职工 ÷ 职工人数.

One grouped SQL query over the unit versions valid on D buckets every unit under the child whose
path prefixes its union's path. If the tree changed after D (a union moved, merged or split), the
buckets follow the tree as it stood on D instead (`orgs.selectors.tree_at`), limited to the
unions the viewer may see today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter
from typing import IO, Any, NamedTuple

from django.conf import settings
from django.db import connections, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from gonghui.kernel import charts, cleaning, scope
from gonghui.kernel.exporting import Cell, Sheet, csv_stream, xlsx_into
from gonghui.orgs.models import SEGMENT, Org, OrgEvent, Status
from gonghui.orgs.selectors import org_breadcrumbs_for_actor, tree_at

from .models import CollectiveContract, UnitStatus, UnitVersion
from .selectors import contract_in_force_q, member_counts_by_org, member_counts_provider
from .tally import tally_figures, tally_fresh

DEFAULT_THRESHOLD = 25
MAX_THRESHOLD = 100_000
CHART_ROWS = 40
STRUCTURAL_EVENTS = (OrgEvent.Kind.MOVED, OrgEvent.Kind.MERGED, OrgEvent.Kind.SPLIT)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def default_threshold() -> int:
    return int(getattr(settings, "GONGHUI_UNION_THRESHOLD", DEFAULT_THRESHOLD))


def rate(part: int, whole: int | None) -> Decimal | None:
    """A percentage with two decimals (half up), None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Figures:
    units: int = 0
    should: int = 0
    built: int = 0
    covered_units: int = 0
    employees: int = 0
    women: int = 0
    migrants: int = 0
    covered_employees: int = 0
    contract_units: int = 0
    contract_employees: int = 0
    members: int | None = None

    def add(self, other: Figures) -> None:
        for name in _COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        a, b = self.members, other.members
        self.members = None if a is None and b is None else (a or 0) + (b or 0)

    @property
    def union_rate(self) -> Decimal | None:
        return rate(self.built, self.should)

    @property
    def membership_rate(self) -> Decimal | None:
        return None if self.members is None else rate(self.members, self.covered_employees)

    @property
    def contract_unit_rate(self) -> Decimal | None:
        return rate(self.contract_units, self.units)

    @property
    def contract_worker_rate(self) -> Decimal | None:
        return rate(self.contract_employees, self.employees)

    @property
    def is_empty(self) -> bool:
        return not self.units and not self.members


_COUNTS = tuple(f.name for f in fields(Figures) if f.name != "members")
_counts_of = attrgetter(*_COUNTS)


def _total(figures: list[Figures], *, members_counted: bool) -> Figures:
    """The column sums (a thousand rows: summed column by column, not row by row)."""
    total = Figures(*map(sum, zip(*map(_counts_of, figures), strict=True))) if figures else Figures()
    members = [f.members for f in figures if f.members is not None]
    total.members = sum(members) if members or members_counted else None
    return total


class Child(NamedTuple):
    """A child union as the report shows it, read as plain values (a city has over a thousand)."""

    pk: int
    name: str
    short_name: str
    level: str
    status: str
    child_count: int
    path: str


CHILD_FIELDS = ("id", "name", "short_name", "level", "status", "child_count", "path")


def _children(subject: Org) -> list[Child]:
    return list(
        map(Child._make, Org.objects.filter(parent=subject).order_by("path").values_list(*CHILD_FIELDS))
    )


@dataclass
class ReportRow:
    label: str
    org: Org | Child
    own: bool  # the subject's own ledger (本级), not a child's subtree
    figures: Figures
    has_children: bool = False


@dataclass
class TwoUniversalReport:
    subject: Org
    on: dt.date
    threshold: int
    rows: list[ReportRow]
    total: Figures
    historical: bool
    members_counted: bool
    breadcrumbs: list[Org] = field(default_factory=list)


# ------------------------------------------------------------------------------ the query


def _versions_on(on: dt.date) -> QuerySet[UnitVersion]:
    return UnitVersion.objects.filter(valid_from__lte=on, status=UnitStatus.ACTIVE).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on)
    )


def _flag(q: Q) -> ExpressionWrapper:
    return ExpressionWrapper(q, output_field=BooleanField())


def _aggregate(qs: QuerySet[Any, Any], *keys: str, on: dt.date, threshold: int) -> QuerySet[Any, Any]:
    """Count and sum the versions by `keys` and three flags: big enough to need a union, covered
    by a union, under a contract in force. Grouping by the flags evaluates each of them once a
    row (the contract test is a hashed subquery) and leaves a handful of groups per key; the
    figures are folded from them in Python."""
    # A covered unit hangs from its covering union (`org` is `covering_org` whenever that is set),
    # so the union's status is read from the `org` join the grouping needs anyway. A union
    # dissolved after D still covered its units on D.
    covered = Q(covering_org__isnull=False) & (Q(org__status=Status.ACTIVE) | Q(org__status_since__gt=on))
    through = CollectiveContract.units.through
    in_force = through.objects.filter(contract_in_force_q(on, "collectivecontract__")).values("unit_id")
    return (
        qs.annotate(
            big=_flag(Q(employees__gte=threshold)), cov=_flag(covered), con=_flag(Q(unit_id__in=in_force))
        )
        .values(*keys, "big", "cov", "con")
        .annotate(n=Count("id"), e=Sum("employees"), w=Sum("women"), m=Sum("migrants"))
        .order_by()
    )


def union_figures_query(
    *, on: dt.date, threshold: int | None = None, org_ids: Iterable[int] | None = None
) -> QuerySet[Any, Any]:
    """Each union's own register on `on` (every union, or those of `org_ids`), one row per union
    (`org_id`) and flags: `big` (employees enough to need a union, `threshold` or the setting's),
    `cov` (covered by a union), `con` (under a contract in force), with `n` units and their `e`
    employees, `w` women and `m` migrants. The query behind the per-union tallies, and what the
    targets' computed indicators fold in SQL."""
    qs = _versions_on(on)
    if org_ids is not None:
        qs = qs.filter(org_id__in=org_ids)
    return _aggregate(qs, "org_id", on=on, threshold=default_threshold() if threshold is None else threshold)


def _fold(into: Figures, row: dict[str, Any]) -> None:
    n, e = int(row["n"]), int(row["e"] or 0)
    big, cov, con = bool(row["big"]), bool(row["cov"]), bool(row["con"])
    into.units += n
    into.employees += e
    into.women += int(row["w"] or 0)
    into.migrants += int(row["m"] or 0)
    if big:
        into.should += n
        into.built += n if cov else 0
    if cov:
        into.covered_units += n
        into.covered_employees += e
    if con:
        into.contract_units += n
        into.contract_employees += e


ORG_FIELDS = ("id", "parent_id", "path", "name", "short_name", "level", "status", "child_count")


def _run(qs: QuerySet[Any, Any]) -> list[dict[str, Any]]:
    """Evaluate an aggregate over many rows. On PostgreSQL: without JIT (compiling the
    expressions costs more than it saves at this size) and with room to hash the groups
    instead of sorting on disk (the planner cannot foresee how few path prefixes there are)."""
    db = qs.db  # the replica, when the request reads reports there
    qs = qs.using(db)
    if connections[db].vendor != "postgresql":
        return list(qs)
    with transaction.atomic(using=db), connections[db].cursor() as cur:
        cur.execute("SET LOCAL jit = off")
        cur.execute("SET LOCAL work_mem = '64MB'")
        return list(qs)


def tree_changed_since(on: dt.date) -> bool:
    """Has any union moved, merged or split after `on`? Then today's paths are not D's tree."""
    return OrgEvent.objects.filter(on__gt=on, kind__in=STRUCTURAL_EVENTS).exists()


def _by_current_paths(subject: Org, *, on: dt.date, threshold: int) -> tuple[dict[int, Figures], list[Child]]:
    """One grouped query: each version goes to the child whose path prefixes its union's."""
    children = _children(subject)
    by_path = {c.path: c.pk for c in children}
    width = len(subject.path) + SEGMENT
    qs = (
        _versions_on(on)
        .filter(org__path__startswith=subject.path)
        .annotate(bucket=Substr("org__path", 1, width))
    )
    out: dict[int, Figures] = {}
    for row in _run(_aggregate(qs, "bucket", on=on, threshold=threshold)):
        key = subject.pk if row["bucket"] == subject.path else by_path.get(row["bucket"])
        if key is not None:
            _fold(out.setdefault(key, Figures()), row)
    return out, children


def _by_tallies(subject: Org) -> tuple[dict[int, Figures], list[Child]]:
    """Today's figures from the per-union tallies (`units.tally`): the subject's own row and
    one subtree row per child."""
    children = _children(subject)
    own, by_child = tally_figures(subject, [c.pk for c in children])
    out: dict[int, Figures] = {c: f for c, f in by_child.items() if not f.is_empty}
    if not own.is_empty:
        out[subject.pk] = own
    return out, children


def _by_tree_of_date(
    subject: Org, *, actor: Any, on: dt.date, threshold: int
) -> tuple[dict[int, Figures], list[Child]]:
    """The tree as it stood on D: group by union, then add each union into its child of D."""
    parents = tree_at(on)
    if subject.pk not in parents:
        return {}, []
    memo: dict[int, int | None] = {subject.pk: subject.pk}

    def bucket(org_id: int) -> int | None:
        """The subject's child of date D above `org_id` (the subject itself, or None)."""
        walked: list[int] = []
        node: int | None = org_id
        found: int | None = None
        while node is not None:
            if node in memo:
                found = memo[node]
                break
            walked.append(node)
            parent = parents.get(node)
            if parent == subject.pk:
                found = node
                break
            node = parent
        for n in walked:
            memo[n] = found
        return found

    child_ids = [o for o, p in parents.items() if p == subject.pk]
    children = [
        Child(c.pk, c.name, c.short_name, c.level, c.status, c.child_count, c.path)
        for c in Org.objects.filter(pk__in=child_ids).only(*ORG_FIELDS).order_by("path")
        if actor is None or scope.can(actor, "view", c)
    ]  # fmt: skip
    visible = {c.pk for c in children} | {subject.pk}
    qs = _versions_on(on)
    if actor is not None:
        qs = scope.restrict(qs, actor, "view", org_field="org")
    out: dict[int, Figures] = {}
    for row in _run(_aggregate(qs, "org_id", on=on, threshold=threshold)):
        key = bucket(row["org_id"])
        if key is not None and key in visible:
            _fold(out.setdefault(key, Figures()), row)
    return out, children


def two_universal_report(
    *, actor: Any, org: Org, on: dt.date | None = None, threshold: int | None = None
) -> TwoUniversalReport:
    """The report for `org`'s subtree on `on`, one row per child plus the subject's own ledger.
    `actor=None` is the system itself (benchmarks, the demo), never a web request."""
    if actor is not None:
        scope.require(actor, "view", org)
    on = on or timezone.localdate()
    if threshold is None:
        threshold = default_threshold()
    else:
        threshold = cleaning.whole(
            threshold, field="threshold", label="应建会标准", minimum=1, maximum=MAX_THRESHOLD
        )
    historical = tree_changed_since(on)
    members_counted = member_counts_provider() is not None
    tallied = not historical and tally_fresh(on=on, threshold=threshold)
    if tallied:
        figures, children = _by_tallies(org)
    elif historical:
        figures, children = _by_tree_of_date(org, actor=actor, on=on, threshold=threshold)
    else:
        figures, children = _by_current_paths(org, on=on, threshold=threshold)
    if members_counted and not tallied:
        counts = member_counts_by_org([org.pk, *(c.pk for c in children)], on=on)
        below = 0
        for c in children:
            figures.setdefault(c.pk, Figures()).members = counts.get(c.pk, 0)
            below += counts.get(c.pk, 0)
        figures.setdefault(org.pk, Figures()).members = max(counts.get(org.pk, 0) - below, 0)
    rows: list[ReportRow] = []
    own = figures.get(org.pk)
    if own is not None and not own.is_empty:
        rows.append(ReportRow(label=f"{org.name}（本级）", org=org, own=True, figures=own))
    active, no_members = Status.ACTIVE.value, 0 if members_counted else None
    for c in children:
        f = figures.get(c.pk)
        if f is None:
            f = Figures(members=no_members)
        if c.status != active and f.is_empty:
            continue
        rows.append(ReportRow(label=c.name, org=c, own=False, figures=f, has_children=c.child_count > 0))
    total = _total([r.figures for r in rows], members_counted=members_counted)
    return TwoUniversalReport(
        subject=org, on=on, threshold=threshold, rows=rows, total=total, historical=historical,
        members_counted=members_counted,
        breadcrumbs=org_breadcrumbs_for_actor(actor=actor, org=org) if actor is not None else [],
    )  # fmt: skip


# ------------------------------------------------------------------------------- formats

# (key, header, kind): kind "n" a count, "r" a percentage.
COLUMNS: list[tuple[str, str, str]] = [
    ("units", "单位总数", "n"),
    ("should", "应建会单位数", "n"),
    ("built", "已建会单位数", "n"),
    ("union_rate", "建会率", "r"),
    ("employees", "职工人数", "n"),
    ("women", "其中女职工", "n"),
    ("migrants", "其中农民工", "n"),
    ("covered_employees", "已建会单位职工数", "n"),
    ("members", "会员人数", "n"),
    ("membership_rate", "入会率", "r"),
    ("contract_units", "集体合同覆盖单位数", "n"),
    ("contract_unit_rate", "单位覆盖率", "r"),
    ("contract_employees", "集体合同覆盖职工数", "n"),
    ("contract_worker_rate", "职工覆盖率", "r"),
]


def report_title(report: TwoUniversalReport) -> str:
    return (
        f"{report.subject.name}“两个普遍”统计表（统计日期：{report.on:%Y-%m-%d}，"
        f"应建会标准：职工{report.threshold}人以上）"
    )


def report_chart(report: TwoUniversalReport) -> dict[str, Any]:
    """The rates per union, with the units that should have a union on the second axis."""

    def pct(v: Decimal | None) -> float | None:
        return None if v is None else float(v)

    rows = report.rows
    if len(rows) > CHART_ROWS:  # a town with thousands of grassroots unions: the biggest ones
        keep = {id(r) for r in sorted(rows, key=lambda r: -r.figures.should)[:CHART_ROWS]}
        rows = [r for r in rows if id(r) in keep]
    series = [
        charts.bar("建会率", [pct(r.figures.union_rate) for r in rows]),
        charts.bar("入会率", [pct(r.figures.membership_rate) for r in rows]),
        charts.bar("集体合同单位覆盖率", [pct(r.figures.contract_unit_rate) for r in rows]),
        charts.line("应建会单位数", [r.figures.should for r in rows], yAxisIndex=1),
    ]
    if not report.members_counted:
        series.pop(1)
    option = charts.categories_chart(
        [r.label for r in rows],
        y_axis=[
            {"type": "value", "name": "%", "min": 0, "max": 100},
            {"type": "value", "name": "单位数", "minInterval": 1},
        ],
        series=series,
    )
    if len(rows) < len(report.rows):
        option["title"] = {
            "text": f"应建会单位最多的{CHART_ROWS}个",
            "right": 0,
            "textStyle": {"fontSize": 12},
        }
    return option


def _cells(label: str, f: Figures) -> list[Any]:
    return [label, *(getattr(f, key) for key, _h, _k in COLUMNS)]


def report_rows(report: TwoUniversalReport) -> Iterator[list[Any]]:
    """Header, one line per row, then the total: what xlsx and csv write."""
    yield ["单位/工会", *(h for _k, h, _kind in COLUMNS)]
    for r in report.rows:
        yield _cells(r.label, r.figures)
    yield _cells("合计", report.total)


def report_xlsx(report: TwoUniversalReport, out: IO[bytes], *, actor: Any) -> None:
    header, *lines = report_rows(report)
    rates = {c for c, (_k, _h, kind) in enumerate(COLUMNS, start=1) if kind == "r"}
    rows = [
        [
            Cell(line[0], "bold" if r == len(lines) - 1 else "cell"),
            *(float(v) / 100 if c in rates and v is not None else v for c, v in enumerate(line[1:], start=1)),
        ]
        for r, line in enumerate(lines)
    ]
    note = "" if report.members_counted else "说明：会员人数待会员实名制数据接入后计算。"
    sheet = Sheet(
        "两个普遍", title=report_title(report), notes=[note], header=header, rows=rows,
        widths=[32, *[12] * len(COLUMNS)], styles={c: "pct" if c in rates else "num" for c in range(1, len(header))},
        frozen=1,
    )  # fmt: skip
    xlsx_into(
        out, sheet, actor=actor,
        styles={
            "head": {"bold": True, "bg_color": "#F2F2F2", "border": 1, "text_wrap": True, "valign": "vcenter"},
            "num": {"num_format": "#,##0", "border": 1},
            "pct": {"num_format": "0.00%", "border": 1},
            "cell": {"border": 1},
            "bold": {"border": 1, "bold": True},
        },
    )  # fmt: skip


def report_csv(report: TwoUniversalReport, *, actor: Any) -> str:
    header, *lines = report_rows(report)
    rows = ([f"{v}%" if isinstance(v, Decimal) else v for v in line] for line in lines)
    return "".join(csv_stream(rows, header=header, actor=actor, title=report_title(report)))
