"""Attendance per session: the officer's list, or the trainee's signed code read at the door."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import signing

from gonghui.kernel.errors import Refused
from gonghui.training import actions, tokens
from gonghui.training.models import Attendance

from ..factories import enrol, make_course, member_at

pytestmark = pytest.mark.django_db


def test_the_ticked_list_is_the_sessions_attendance(tree, personas):
    course = make_course(tree.street)
    a, b, c = enrol(course, [member_at(tree.grassroots) for _ in range(3)])
    session = course.sessions.first()
    assert actions.attendance_set(actor=personas.street, session=session, present=[a.pk, b.pk]) == (2, 1)
    assert actions.attendance_set(actor=personas.street, session=session, present=[b.pk, c.pk]) == (2, 1)
    assert set(session.attendance.values_list("enrolment_id", flat=True)) == {b.pk, c.pk}


def test_a_list_naming_someone_else_is_refused(tree, personas):
    course, other = make_course(tree.street), make_course(tree.street)
    (stranger,) = enrol(other, [member_at(tree.grassroots)])
    with pytest.raises(Refused, match="不是本培训班学员"):
        actions.attendance_set(actor=personas.street, session=course.sessions.first(), present=[stranger.pk])


def test_a_session_to_come_takes_no_attendance(tree, personas):
    course = make_course(tree.street, on=dt.date(2013, 8, 1))
    (e,) = enrol(course, [member_at(tree.grassroots)])
    with pytest.raises(Refused, match="尚未开始"):
        actions.attendance_set(actor=personas.street, session=course.sessions.first(), present=[e.pk])


def test_checking_in_twice_counts_once(tree, personas):
    course = make_course(tree.street)
    (e,) = enrol(course, [member_at(tree.grassroots)])
    session = course.sessions.first()
    code = tokens.checkin_token(e.pk)
    assert actions.attendance_scan(actor=personas.street, session=session, code=code).new
    assert not actions.attendance_scan(actor=personas.street, session=session, code=code).new
    assert Attendance.objects.filter(session=session).count() == 1


def test_a_code_for_another_course_or_forged_or_expired_is_refused(tree, personas, monkeypatch):
    course, other = make_course(tree.street), make_course(tree.street)
    (stranger,) = enrol(other, [member_at(tree.grassroots)])
    session = course.sessions.first()
    with pytest.raises(Refused, match="未报名本培训班"):
        actions.attendance_scan(
            actor=personas.street, session=session, code=tokens.checkin_token(stranger.pk)
        )
    with pytest.raises(Refused, match="无法识别"):
        actions.attendance_scan(actor=personas.street, session=session, code=f"T{stranger.pk}:forged:sig")
    (e,) = enrol(course, [member_at(tree.grassroots)])
    old = tokens.checkin_token(e.pk)
    real = signing.TimestampSigner.unsign

    def later(self, value, max_age=None):  # type: ignore[no-untyped-def]
        return real(self, value, max_age=-1 if max_age else None)

    monkeypatch.setattr(signing.TimestampSigner, "unsign", later)
    with pytest.raises(Refused, match="已过期"):
        actions.attendance_scan(actor=personas.street, session=session, code=old)
    assert not Attendance.objects.filter(session=session).exists()
