"""月度通报: the monthly bulletin of progress of a union's targets among the unions below it.

For each of the union's targets that it split down the tree, the unions below are ranked by
completion of the month's milestone (序时进度); equal completions share a rank (1, 1, 3). A union
that did not report the month is listed last, unranked. Red flags of the month anywhere in the
subtree, and the unions whose completion rose most since the month before, follow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from gonghui.kernel import scope
from gonghui.kernel.exporting import Cell, Sheet, xlsx_into
from gonghui.orgs.models import Org

from .models import Flag, Report, Target
from .progress import completion, expected, flag_of
from .selectors import visible


@dataclass
class Standing:
    target: Target
    value: Decimal | None
    expected: Decimal
    completion: Decimal | None
    flag: str
    change: Decimal | None  # completion points gained since the month before
    rank: int | None = None

    @property
    def flag_label(self) -> str:
        return str(Flag(self.flag).label)


@dataclass
class Section:
    target: Target  # the union's own target
    rows: list[Standing]


@dataclass
class Circular:
    org: Org
    year: int
    month: int
    sections: list[Section]
    red: list[Standing]
    improvers: list[Standing]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return f"{self.org.name}{self.year}年{self.month}月目标任务推进情况通报"


def standing(target: Target, month: int, reports: dict[tuple[int, int], Decimal]) -> Standing:
    due = expected(
        value=target.value, baseline=target.baseline, month=month, milestones=target.quarter_milestones
    )
    value = reports.get((target.pk, month))
    done = (
        completion(actual=value, baseline=target.baseline, expected_value=due) if value is not None else None
    )
    change = None
    if done is not None and month > 1 and (target.pk, month - 1) in reports:
        before_due = expected(
            value=target.value,
            baseline=target.baseline,
            month=month - 1,
            milestones=target.quarter_milestones,
        )
        before = completion(
            actual=reports[(target.pk, month - 1)], baseline=target.baseline, expected_value=before_due
        )
        change = done - before
    flag = (
        flag_of(done, yellow=target.yellow_margin, red=target.red_margin) if done is not None else Flag.NONE
    )
    return Standing(target, value, due, done, flag, change)


def rank(rows: list[Standing]) -> list[Standing]:
    """Best completion first; equal completions share a rank; unreported last, unranked."""
    reported = sorted((r for r in rows if r.completion is not None), key=lambda r: -r.completion)  # type: ignore[operator]
    previous: Decimal | None = None
    for i, r in enumerate(reported, start=1):
        r.rank = reported[i - 2].rank if previous is not None and r.completion == previous else i
        previous = r.completion
    return reported + [r for r in rows if r.completion is None]


def monthly_circular(*, actor: Any, org: Org, year: int, month: int) -> Circular:
    scope.require(actor, "view", org)
    subtree = visible(Target.objects.select_related("indicator", "org"), actor).filter(
        year=year, org__path__startswith=org.path
    )
    targets = list(subtree.order_by("indicator__code", "indicator_id", "org__path"))
    months = [month - 1, month] if month > 1 else [month]
    reports = {
        (t, m): v
        for t, m, v in Report.objects.filter(
            target__in=[t.pk for t in targets], month__in=months
        ).values_list("target_id", "month", "value")
    }
    by_parent: dict[int, list[Target]] = {}
    for t in targets:
        if t.parent_id:
            by_parent.setdefault(t.parent_id, []).append(t)
    sections = [
        Section(t, rank([standing(c, month, reports) for c in by_parent[t.pk]]))
        for t in targets
        if t.org_id == org.pk and t.pk in by_parent
    ]
    everyone = [standing(t, month, reports) for t in targets if t.org_id != org.pk]
    counts = {f: 0 for f, _ in Flag.choices}
    for s in everyone:
        counts[s.flag] += 1
    red = sorted((s for s in everyone if s.flag == Flag.RED), key=lambda s: (s.completion, s.target.org.path))
    improvers = sorted(
        (s for s in everyone if s.change is not None and s.change > 0), key=lambda s: -(s.change or 0)
    )[:5]
    return Circular(org, year, month, sections, red, improvers, counts)


HEADER = [
    "指标",
    "排名",
    "工会",
    "年度目标",
    "本月完成值",
    "序时进度目标",
    "序时完成率%",
    "较上月（百分点）",
    "预警",
    "看管人",
]


def circular_rows(circular: Circular) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for section in circular.sections:
        name = f"{section.target.indicator.name}（{section.target.indicator.unit}）"
        for s in section.rows:
            rows.append([
                name, s.rank if s.rank is not None else "未报送", s.target.org.name, s.target.value,
                s.value, s.expected, s.completion, s.change, s.flag_label, s.target.owner_name,
            ])  # fmt: skip
    return rows


def circular_xlsx(circular: Circular, out: IO[bytes], *, actor: Any) -> None:
    red = [
        [
            s.target.indicator.name,
            s.target.org.name,
            s.target.value,
            s.value,
            s.expected,
            s.completion,
            s.target.owner_name,
        ]
        for s in circular.red
    ]
    xlsx_into(
        out,
        [
            Sheet(
                "排名", header=HEADER, rows=circular_rows(circular), title=circular.title,
                widths=[30, 8, 30, 12, 12, 12, 12, 14, 10, 12], frozen=0,
            ),
            Sheet(
                "红色预警", header=["指标", "工会", "年度目标", "本月完成值", "序时进度目标", "序时完成率%", "看管人"],
                rows=red or [[Cell("本月没有红色预警", "head")]], widths=[30, 30, 12, 12, 12, 12, 12],
            ),
        ],
        actor=actor,
    )  # fmt: skip


def _pct(v: Decimal | None) -> str:
    return "—" if v is None else f"{v}%"


def circular_paragraphs(circular: Circular) -> list[str]:
    """The circular as the paragraphs of a bulletin article (also the DOCX's text)."""
    c = circular.counts
    out = [
        f"截至{circular.year}年{circular.month}月底，{circular.org.name}分解到下级的目标任务中，进度正常{c[Flag.GREEN]}项，"
        f"黄色预警{c[Flag.YELLOW]}项，红色预警{c[Flag.RED]}项，未按时报送{c[Flag.NONE]}项。现将有关情况通报如下。"
    ]
    for n, section in enumerate(circular.sections, start=1):
        t = section.target
        ranked = "；".join(
            f"{s.rank}. {s.target.org.name} {_pct(s.completion)}" for s in section.rows if s.rank is not None
        )
        missing = "、".join(s.target.org.name for s in section.rows if s.rank is None)
        line = f"{n}. {t.indicator.name}（年度目标{t.value}{t.indicator.unit}）按序时完成率排名：{ranked or '无'}。"
        out.append(line + (f"未报送：{missing}。" if missing else ""))
    if circular.red:
        names = "；".join(
            f"{s.target.org.name}「{s.target.indicator.name}」{_pct(s.completion)}" for s in circular.red
        )
        out.append(f"红色预警：{names}。请有关单位和看管人分析原因，采取措施，加快推进。")
    if circular.improvers:
        names = "；".join(
            f"{s.target.org.name}「{s.target.indicator.name}」提高{s.change}个百分点"
            for s in circular.improvers
        )
        out.append(f"进步较快：{names}。")
    return out


def circular_docx(circular: Circular) -> bytes:
    """The circular as a DOCX in the official layout of the work bulletin."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from gonghui.kernel.officialdoc import (
        HEI_FONT,
        RED,
        TEXT_FONT,
        TITLE_FONT,
        fonts,
        official_document,
        paragraph,
        rule,
        saved,
        two_ends,
    )

    doc, width = official_document(title=circular.title, author=circular.org.name)
    paragraph(doc, "目标任务通报", font=TITLE_FONT, size=40, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED, exact=None,
               before=12, after=6)  # fmt: skip
    rule(two_ends(doc, circular.org.name, f"{circular.year}年{circular.month}月", width))
    paragraph(doc, circular.title, font=TITLE_FONT, size=18, align=WD_ALIGN_PARAGRAPH.CENTER, exact=None,
               before=12, after=6)  # fmt: skip
    paragraphs = circular_paragraphs(circular)
    paragraph(doc, paragraphs[0], indent=True)
    for n, sec in enumerate(circular.sections, start=1):
        t = sec.target
        paragraph(doc, f"{n}. {t.indicator.name}（年度目标{t.value}{t.indicator.unit}）", font=HEI_FONT,
                   align=WD_ALIGN_PARAGRAPH.LEFT, before=6)  # fmt: skip
        table = doc.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells,
            ("排名", "工会", "本月完成值", "序时进度目标", "序时完成率", "预警"),
            strict=True,
        ):
            fonts(cell.paragraphs[0].add_run(text), HEI_FONT, 12)
        for s in sec.rows:
            values = (
                str(s.rank) if s.rank is not None else "未报送", s.target.org.name,
                "—" if s.value is None else str(s.value), str(s.expected), _pct(s.completion), s.flag_label,
            )  # fmt: skip
            for cell, text in zip(table.add_row().cells, values, strict=True):
                fonts(cell.paragraphs[0].add_run(text), TEXT_FONT, 12)
    for text in paragraphs[1 + len(circular.sections) :]:
        paragraph(doc, text, indent=True, before=6)
    end = paragraph(doc, "", align=WD_ALIGN_PARAGRAPH.LEFT, exact=None, before=24)
    rule(end, color="000000", size=8)
    two_ends(doc, circular.org.name, f"{circular.year}年{circular.month}月印发", width, size=14)
    return saved(doc)
