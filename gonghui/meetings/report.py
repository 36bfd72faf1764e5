"""Who has passed a meeting on and who has not (传达贯彻), by subtree, with drill-down, a chart
and an xlsx export. One grouped query buckets the tasks under each child of the subject."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q

from gonghui.kernel import charts, scope
from gonghui.kernel.exporting import Sheet, xlsx_file
from gonghui.orgs.branches import by_branch
from gonghui.orgs.models import SEGMENT, Org

from .models import Meeting, PassOn, PassOnStatus

CHART_ROWS = 40
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def rate(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class PassOnRow:
    org: Org
    expected: int
    done: int
    task: PassOn | None  # the child's own task, when it has one
    drill: bool  # the row links to the child's own report (tasks deeper down, and the person may see them)

    @property
    def pending(self) -> int:
        return self.expected - self.done

    @property
    def rate(self) -> Decimal | None:
        return rate(self.done, self.expected)


@dataclass
class PassOnReport:
    meeting: Meeting
    subject: Org
    own: PassOn | None
    breadcrumbs: list[Org]
    rows: list[PassOnRow] = field(default_factory=list)
    meeting_link: bool = False  # the person may open the meeting's own page

    @property
    def expected(self) -> int:
        return sum(r.expected for r in self.rows)

    @property
    def done(self) -> int:
        return sum(r.done for r in self.rows)

    @property
    def pending(self) -> int:
        return self.expected - self.done

    @property
    def rate(self) -> Decimal | None:
        return rate(self.done, self.expected)


def passon_report(*, actor: Any, meeting: Meeting, subject: Org) -> PassOnReport:
    """The subject's children that have tasks in their subtree: expected, done, rate.
    `actor=None` is the system itself (a management command, the demo)."""

    def can(org: Org) -> bool:
        return actor is None or scope.can(actor, "view", org)

    if not can(subject):
        scope.require(actor, "view", subject)
    if not subject.path.startswith(meeting.org.path):
        raise PermissionDenied("该工会不在本次会议的传达范围内。")
    tasks = PassOn.objects.filter(meeting=meeting, org__path__startswith=subject.path).exclude(org=subject)
    grouped = by_branch(tasks, subject, n=Count("id"), done=Count("id", filter=Q(status=PassOnStatus.DONE)))
    figures = {g["branch"]: (g["n"], g["done"]) for g in grouped}
    children = {o.path: o for o in Org.objects.filter(path__in=list(figures))}
    own_tasks = {t.org_id: t for t in PassOn.objects.filter(meeting=meeting, org__in=list(children.values()))}
    rows = []
    for path in sorted(figures):
        org = children.get(path)
        if org is None:
            continue
        n, done = figures[path]
        task = own_tasks.get(org.pk)
        deeper = n - (1 if task is not None else 0)
        rows.append(PassOnRow(org, n, done, task, drill=deeper > 0 and can(org)))
    ancestors = [meeting.org.path] + [
        subject.path[:i] for i in range(len(meeting.org.path) + SEGMENT, len(subject.path), SEGMENT)
    ]
    crumbs = [
        o for o in Org.objects.filter(path__in=ancestors).order_by("path") if scope.can(actor, "view", o)
    ]
    own = PassOn.objects.filter(meeting=meeting, org=subject).select_related("via").first()
    return PassOnReport(
        meeting, subject, own, crumbs if subject != meeting.org else [], rows, meeting_link=can(meeting.org)
    )


def passon_chart(report: PassOnReport) -> dict[str, Any]:
    """Unions that have passed the meeting on and those that have not, per union."""
    rows = report.rows
    if len(rows) > CHART_ROWS:
        rows = sorted(rows, key=lambda r: -r.pending)[:CHART_ROWS]
    return charts.categories_chart(
        [r.org.short_name or r.org.name for r in rows],
        y_axis={"type": "value", "name": "工会数", "minInterval": 1},
        series=[
            charts.bar("已传达", [r.done for r in rows], stack="all", color="#2da44e"),
            charts.bar("未传达", [r.pending for r in rows], stack="all", color="#cf222e"),
        ],
        right=20,
    )


HEADER = ["工会", "层级", "上级工会", "状态", "传达日期", "传达方式", "情况说明"]
WIDTHS = [36, 16, 30, 10, 12, 18, 50]


def passon_lines(meeting: Meeting, subject: Org) -> Any:
    qs = (
        PassOn.objects.filter(meeting=meeting, org__path__startswith=subject.path)
        .select_related("org__parent")
        .order_by("org__path")
    )
    for t in qs.iterator(chunk_size=1000):
        yield [
            t.org.name, t.org.get_level_display(), t.org.parent.name if t.org.parent else "", t.get_status_display(),
            t.on.isoformat() if t.on else "", t.get_how_display() if t.how else "", t.note,
        ]  # fmt: skip


def passon_xlsx(*, actor: Any, meeting: Meeting, subject: Org) -> IO[bytes]:
    return xlsx_file(
        Sheet("传达贯彻情况", header=HEADER, rows=passon_lines(meeting, subject), widths=WIDTHS), actor=actor
    )
