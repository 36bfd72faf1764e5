"""The course roster and the training statistics as xlsx and csv (the one export writer:
watermarked, text never a formula). Non-members' ID numbers and phones appear masked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from gonghui.kernel.exporting import Sheet, csv_stream, xlsx_file

from .models import Course
from .selectors import Statistics, roster

ROSTER_HEADER = ["序号", "姓名", "身份", "所在工会（单位）", "身份证号码", "手机号码", "报名方式", "出勤学时",
                 "出勤率（%）", "考核成绩", "结业", "证书编号"]  # fmt: skip
ROSTER_WIDTHS = [6, 12, 8, 30, 22, 14, 10, 10, 10, 10, 8, 16]
STATS_HEADER = ["分组", "名称", "培训班（期）", "培训人次", "结业人数", "培训学时（人·学时）"]


def roster_lines(course: Course) -> list[list[Any]]:
    finished = course.state == Course.State.FINISHED
    lines = []
    for i, r in enumerate(roster(course), start=1):
        e = r.enrolment
        done = e.completed if finished else r.completes
        lines.append([
            i, e.name, "会员" if e.is_member else "非会员", e.unit, e.id_number_masked, e.phone_masked,
            e.get_via_display(), str(r.hours), r.rate, "" if e.score is None else str(e.score),
            ("是" if done else "否") if finished else ("达标" if done else "未达标"),
            r.certificate.number if r.certificate else "",
        ])  # fmt: skip
    return lines


def _roster_notes(course: Course) -> list[str]:
    rule = f"结业条件：出勤不少于总学时的{course.min_attendance}%"
    if course.requires_test:
        rule += f"，考核成绩不低于{course.pass_mark}分"
    return [f"{course.org.name} · {course.get_subject_display()} · 共{course.total_hours}学时", rule]


def roster_xlsx(*, actor: Any, course: Course) -> IO[bytes]:
    return xlsx_file(
        Sheet(
            "学员名册",
            header=ROSTER_HEADER,
            rows=roster_lines(course),
            widths=ROSTER_WIDTHS,
            title=f"{course.title}学员名册",
            notes=_roster_notes(course),
        ),
        actor=actor,
    )


def roster_csv(*, actor: Any, course: Course) -> Iterator[str]:
    return csv_stream(roster_lines(course), header=ROSTER_HEADER, actor=actor)


def statistics_lines(stats: Statistics) -> list[list[Any]]:
    lines: list[list[Any]] = []
    for label, f in stats.by_subject:
        lines.append(["培训类别", label, f.courses, f.trainees, f.completed, str(f.hours)])
    for org, f in stats.by_union:
        lines.append(["工会", org.name if org else f"{stats.within.name}（本级）", f.courses, f.trainees,
                      f.completed, str(f.hours)])  # fmt: skip
    t = stats.total
    lines.append(["合计", "", t.courses, t.trainees, t.completed, str(t.hours)])
    return lines


def statistics_xlsx(*, actor: Any, stats: Statistics) -> IO[bytes]:
    return xlsx_file(
        Sheet(
            "培训统计",
            header=STATS_HEADER,
            rows=statistics_lines(stats),
            widths=[10, 36, 12, 10, 10, 18],
            title=f"{stats.within.name}{stats.year}年职工培训统计",
        ),
        actor=actor,
    )


def statistics_csv(*, actor: Any, stats: Statistics) -> Iterator[str]:
    return csv_stream(statistics_lines(stats), header=STATS_HEADER, actor=actor)
