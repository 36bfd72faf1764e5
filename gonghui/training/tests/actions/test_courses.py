"""Courses and their sessions: creation, the flow, the completion rule at 结业."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from gonghui.core.models import AuditEntry
from gonghui.kernel.errors import Refused
from gonghui.training import actions
from gonghui.training.models import Course

from ..factories import DAY, attend_all, enrol, make_course, member_at

pytestmark = pytest.mark.django_db


def test_a_course_is_created_with_its_rule_and_audited(tree, personas):
    course = actions.course_create(
        actor=personas.street, org=tree.street, title="家政服务员培训班", subject="housekeeping", capacity="40",
        min_attendance="80", requires_test=True, pass_mark="60",
    )  # fmt: skip
    assert course.state == Course.State.DRAFT and course.capacity == 40
    assert AuditEntry.objects.filter(action="training.course.create", org=tree.street).exists()


def test_bad_input_is_refused_in_chinese_and_nothing_is_saved(tree, personas):
    with pytest.raises(Refused) as exc:
        actions.course_create(
            actor=personas.street, org=tree.street, title="", subject="skills", capacity="0"
        )
    assert "请填写培训班名称" in str(exc.value)
    with pytest.raises(Refused, match="请选择培训类别"):
        actions.course_create(
            actor=personas.street, org=tree.street, title="甲", subject="cooking", capacity="5"
        )
    assert not Course.objects.filter(org=tree.street).exists()


def test_an_officer_cannot_open_a_course_at_a_sibling_union(tree, personas):
    with pytest.raises(PermissionDenied):
        actions.course_create(
            actor=personas.sibling, org=tree.street, title="甲", subject="skills", capacity=5
        )


def test_sessions_keep_the_course_dates_and_hours(tree):
    course = make_course(tree.street, sessions=3, hours="2.5", publish=False)
    assert (course.starts_on, course.ends_on, course.total_hours) == (
        DAY,
        DAY + dt.timedelta(days=2),
        Decimal("7.5"),
    )
    last = course.sessions.last()
    actions.session_remove(actor=None, session=last)
    course.refresh_from_db()
    assert course.total_hours == Decimal("5") and course.ends_on == DAY + dt.timedelta(days=1)


@pytest.mark.parametrize("hours", ["0", "25", "1.3", "abc"])
def test_session_hours_must_be_half_hours_within_a_day(tree, hours):
    course = make_course(tree.street, sessions=0, publish=False)
    with pytest.raises(Refused):
        actions.session_add(
            actor=None, course=course, on=DAY, starts_at=dt.time(9), ends_at=dt.time(10), hours=hours
        )


def test_a_course_without_sessions_cannot_open(tree, personas):
    course = make_course(tree.street, sessions=0, publish=False)
    with pytest.raises(Refused, match="请先添加课次"):
        actions.course_publish(actor=personas.street, course=course)


def test_finish_waits_for_the_last_session(tree, personas):
    course = make_course(tree.street, on=dt.date(2013, 8, 1))
    with pytest.raises(Refused, match="课程结束后才能办理结业"):
        actions.course_finish(actor=personas.street, course=course)


def test_finish_decides_completion_by_attendance_and_score(tree, personas):
    course = make_course(tree.street, sessions=5, hours="2", min_attendance=80, pass_mark="60")
    full, four, three, low = (member_at(tree.grassroots) for _ in range(4))
    e_full, e_four, e_three, e_low = enrol(course, [full, four, three, low])
    sessions = list(course.sessions.all())
    for i, s in enumerate(sessions):
        present = [e_full.pk, e_low.pk] + ([e_four.pk] if i < 4 else []) + ([e_three.pk] if i < 3 else [])
        actions.attendance_set(actor=personas.street, session=s, present=present)
    actions.scores_set(
        actor=personas.street, course=course,
        scores={e_full.pk: "90", e_four.pk: "60", e_three.pk: "95", e_low.pk: "59.5"},
    )  # fmt: skip
    actions.course_finish(actor=personas.street, course=course)
    done = dict(course.enrolments.values_list("name", "completed"))
    # 80 % of 10 hours is 8: four sessions are enough, three are not; 59.5 is below the mark.
    assert done == {full.name: True, four.name: True, three.name: False, low.name: False}
    entry = AuditEntry.objects.get(action="training.course.finish")
    assert entry.detail["completed"] == 2 and entry.detail["trainees"] == 4


def test_a_course_without_a_test_completes_on_attendance_alone(tree):
    course = make_course(tree.street, requires_test=False)
    trainees = enrol(course, [member_at(tree.grassroots)])
    attend_all(course, trainees)
    actions.course_finish(actor=None, course=course)
    assert course.enrolments.get().completed


def test_scores_outside_0_to_100_are_refused(tree, personas):
    course = make_course(tree.street)
    (e,) = enrol(course, [member_at(tree.grassroots)])
    with pytest.raises(Refused, match="0至100"):
        actions.scores_set(actor=personas.street, course=course, scores={e.pk: "101"})
    e.refresh_from_db()
    assert e.score is None


def test_nothing_changes_after_the_course_finished(tree, personas):
    course = make_course(tree.street)
    (e,) = enrol(course, [member_at(tree.grassroots)])
    actions.course_finish(actor=None, course=course)
    with pytest.raises(Refused):
        actions.scores_set(actor=personas.street, course=course, scores={e.pk: "80"})
    with pytest.raises(Refused):
        actions.attendance_set(actor=personas.street, session=course.sessions.first(), present=[e.pk])
    with pytest.raises(Refused):
        enrol(course, [member_at(tree.grassroots)])
