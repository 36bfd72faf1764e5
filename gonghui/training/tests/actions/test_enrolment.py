"""Trainees: from the register, a union's members, non-members on a public course, workers
themselves; the capacity holds."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from gonghui.core.models import AuditEntry
from gonghui.kernel.errors import Refused
from gonghui.members.actions import member_link_user
from gonghui.training import actions
from gonghui.training.models import Enrolment

from ..factories import enrol, make_course, member_at, new_id

pytestmark = pytest.mark.django_db


def test_members_are_enrolled_and_the_already_enrolled_skipped(tree, personas):
    course = make_course(tree.street, capacity=5)
    a, b = member_at(tree.grassroots), member_at(tree.grassroots)
    enrol(course, [a])
    result = actions.enrol_members(actor=personas.street, course=course, members=[a, b])
    assert [e.name for e in result.added] == [b.name] and "已报名" in result.skipped[0]
    assert AuditEntry.objects.filter(action="training.enrolment.add").count() == 2


def test_capacity_is_never_exceeded(tree, personas):
    course = make_course(tree.street, capacity=2)
    enrol(course, [member_at(tree.grassroots)])
    with pytest.raises(Refused, match="名额不足：共2个名额，已报名1人，还可报名1人"):
        actions.enrol_members(
            actor=personas.street, course=course, members=[member_at(tree.grassroots) for _ in range(2)]
        )
    assert course.enrolments.count() == 1


def test_a_members_course_takes_only_the_organisers_subtree(tree, personas):
    course = make_course(tree.street)
    outsider = member_at(tree.sibling_grassroots)
    result = actions.enrol_members(
        actor=personas.district, course=course, members=[member_at(tree.grassroots), outsider]
    )
    assert len(result.added) == 1 and "不在招收范围" in result.skipped[0]


def test_an_officer_cannot_enrol_members_they_cannot_see(tree, personas):
    course = make_course(tree.street, audience="public")
    with pytest.raises(PermissionDenied):
        actions.enrol_members(
            actor=personas.street, course=course, members=[member_at(tree.sibling_grassroots)]
        )


def test_a_unions_members_are_enrolled_at_once(tree, personas):
    course = make_course(tree.street, capacity=10)
    for _ in range(3):
        member_at(tree.grassroots)
    member_at(tree.grassroots, status="left")
    result = actions.enrol_union(actor=personas.street, course=course, org=tree.grassroots)
    assert len(result.added) == 3


def test_a_non_member_on_a_public_course_is_kept_encrypted_and_shown_masked(tree, personas):
    course = make_course(tree.street, audience="public")
    number = new_id()
    e = actions.enrol_person(actor=personas.street, course=course, name="林秀英", id_number=number,
                             phone="138 0013 8000", unit="赤岗家政服务部")  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM training_enrolment WHERE id = %s", [e.pk])
        raw = cursor.fetchone()
    assert number not in raw[0] and raw[0].startswith("v1:") and raw[1].startswith("v1:")
    assert e.id_number_masked != number and e.id_number_masked.endswith(number[-4:])
    with pytest.raises(Refused, match="已报名"):
        actions.enrol_person(
            actor=personas.street, course=course, name="林秀英", id_number=number, phone="13800138000"
        )


def test_a_wrong_id_number_is_refused_by_the_projects_validator(tree, personas):
    course = make_course(tree.street, audience="public")
    with pytest.raises(Refused) as exc:
        actions.enrol_person(actor=personas.street, course=course, name="林秀英", id_number="440105198001010000",
                             phone="13800138000")  # fmt: skip
    assert "id_number" in exc.value.message_dict


def test_non_members_only_on_public_courses(tree, personas):
    course = make_course(tree.street)
    with pytest.raises(Refused, match="只招收会员"):
        actions.enrol_person(
            actor=personas.street, course=course, name="林秀英", id_number=new_id(), phone="13800138000"
        )


def test_reveal_needs_the_permission_and_is_audited(tree, personas):
    course = make_course(tree.street, audience="public")
    number = new_id()
    e = actions.enrol_person(actor=None, course=course, name="林秀英", id_number=number, phone="13800138000")
    with pytest.raises(PermissionDenied):
        actions.trainee_reveal(actor=personas.district, enrolment=e)  # a clerk may not reveal
    assert actions.trainee_reveal(actor=personas.street, enrolment=e)["id_number"] == number
    assert AuditEntry.objects.filter(action="training.trainee.reveal", actor=personas.street).exists()


def _link(personas, tree):
    me = member_at(tree.grassroots, name="陈会员")
    member_link_user(actor=None, member=me, user=personas.member)
    return me


def test_a_worker_enrols_themselves_once_and_withdraws(tree, personas):
    _link(personas, tree)
    course = make_course(tree.street)
    e = actions.enrol_self(actor=personas.member, course=course)
    assert e.via == Enrolment.Via.SELF
    with pytest.raises(Refused, match="您已报名"):
        actions.enrol_self(actor=personas.member, course=course)
    actions.enrolment_withdraw(actor=personas.member, enrolment=e)
    assert course.enrolments.filter(state="enrolled").count() == 0


def test_a_worker_outside_the_subtree_cannot_enrol(tree, personas):
    _link(personas, tree)
    course = make_course(tree.sibling_street)
    with pytest.raises(Refused, match="只招收"):
        actions.enrol_self(actor=personas.member, course=course)


def test_a_full_course_refuses_a_worker(tree, personas):
    _link(personas, tree)
    course = make_course(tree.street, capacity=1)
    enrol(course, [member_at(tree.grassroots)])
    with pytest.raises(Refused, match="名额已满"):
        actions.enrol_self(actor=personas.member, course=course)


def test_a_worker_cannot_withdraw_someone_else(tree, personas):
    _link(personas, tree)
    course = make_course(tree.street)
    (other,) = enrol(course, [member_at(tree.grassroots)])
    with pytest.raises(PermissionDenied):
        actions.enrolment_withdraw(actor=personas.member, enrolment=other)
