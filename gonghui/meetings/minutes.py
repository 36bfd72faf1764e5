"""A meeting's minutes (会议纪要) as DOCX, in the fonts of official documents: title in
方正小标宋简体, headings in 黑体, text in 仿宋_GB2312 三号 on a 28 pt line, A4 with GB/T 9704 margins."""

from __future__ import annotations

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from gonghui.kernel.officialdoc import HEI_FONT, TEXT_FONT, TEXT_PT, TITLE_FONT, a4_page, fonts, saved

from .models import Attendance, Meeting
from .selectors import meeting_elections


def _para(doc: object, text: str, *, font: str = TEXT_FONT, size: float = TEXT_PT, center: bool = False,
          indent: bool = True) -> Paragraph:  # fmt: skip
    p = doc.add_paragraph()  # type: ignore[attr-defined]
    fmt = p.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(28)
    if indent and not center:
        fmt.first_line_indent = Pt(size * 2)
    fonts(p.add_run(text), font, size)
    return p


def minutes_docx(meeting: Meeting) -> bytes:
    doc = Document()
    a4_page(doc.sections[0])
    _para(doc, meeting.name, font=TITLE_FONT, size=22, center=True)
    _para(doc, "会议纪要", font=TITLE_FONT, size=22, center=True)
    _para(doc, "", indent=False)
    facts = [f"时间：{meeting.held_on:%Y年%-m月%-d日}"]
    if meeting.place:
        facts.append(f"地点：{meeting.place}")
    if meeting.presided_by:
        facts.append(f"主持：{meeting.presided_by}")
    members = list(meeting.attendance.filter(role=Attendance.Role.MEMBER))
    guests = list(meeting.attendance.filter(role=Attendance.Role.GUEST))
    if members:
        present = [a for a in members if a.present]
        absent = [a for a in members if not a.present]
        line = f"出席：应到{len(members)}人，实到{len(present)}人"
        if absent:
            line += "，缺席：" + "、".join(
                a.name + (f"（{a.absence_note}）" if a.absence_note else "") for a in absent
            )
        facts.append(line)
    if guests:
        facts.append("列席：" + "、".join(g.name + (f"（{g.title}）" if g.title else "") for g in guests))
    for line in facts:
        _para(doc, line)
    agenda = list(meeting.agenda.all())
    if agenda:
        _para(doc, "一、会议议程", font=HEI_FONT)
        for i, item in enumerate(agenda, start=1):
            who = f"{item.speaker_post}{item.speaker}" if item.speaker else ""
            outcome = f"（{item.get_outcome_display()}）" if item.outcome else ""
            verb = "作" if item.kind in ("work_report", "audit_report") else ""
            text = f"{i}. {who}{verb}{item.title}{outcome}" if who else f"{i}. {item.title}{outcome}"
            _para(doc, text)
    elections = [e for e in meeting_elections(meeting) if e.status != "cancelled"]
    if elections:
        _para(doc, "二、选举事项" if agenda else "一、选举事项", font=HEI_FONT)
        for e in elections:
            head = f"{e.get_kind_display()}{e.committee}{e.get_post_display()}（应选{e.seats}人）"
            _para(doc, head)
            if e.ballots_issued is not None:
                _para(
                    doc,
                    f"发出选票{e.ballots_issued}张，收回{e.ballots_returned}张，其中有效票{e.ballots_valid}张。",
                )
            for c in e.candidates.all():
                mark = "，当选" if c.elected else ""
                replaces = f"（替补{c.replaces.name}）" if c.replaces_id and c.replaces else ""
                votes = f"得赞成票{c.votes}张" if c.votes is not None else "未计票"
                _para(doc, f"{c.name}{replaces}：{votes}{mark}。")
            if e.status != "confirmed":
                _para(doc, "（选举结果尚未确认）")
    if meeting.summary:
        _para(doc, "会议纪要", font=HEI_FONT)
        for line in meeting.summary.splitlines():
            if line.strip():
                _para(doc, line.strip())
    documents = list(meeting.documents.all())
    if documents:
        _para(doc, "会议文件", font=HEI_FONT)
        for d in documents:
            _para(doc, d.title)
    _para(doc, "", indent=False)
    p = _para(doc, f"{meeting.org.name}", indent=False)
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return saved(doc)
