"""A person enrols themselves on a public course by name and phone (ID optional), signed in on
the portal or not: the same action, places and one enrolment per person as the officer's."""

from __future__ import annotations

import pytest

from gonghui.core.models import AuditEntry
from gonghui.kernel.errors import Refused
from gonghui.members import keys
from gonghui.training import actions
from gonghui.training.models import Enrolment

from ..factories import enrol, make_course, member_at, new_id

pytestmark = pytest.mark.django_db


def test_anyone_enrols_on_a_public_course_with_name_and_phone_only(tree):
    course = make_course(tree.street, audience="public")
    e = actions.enrol_person(actor=None, course=course, name="黄丽萍", phone="139 2222 3333", by_self=True)
    assert e.via == Enrolment.Via.SELF and e.user is None and e.id_number == "" and e.id_number_bidx is None
    assert e.phone == "13922223333" and e.phone_masked != e.phone
    entry = AuditEntry.objects.get(action="training.enrolment.self")
    assert entry.actor is None and entry.org_id == tree.street.pk


def test_a_signed_in_worker_without_membership_keeps_their_login_on_it(tree, personas):
    course = make_course(tree.street, audience="public")
    e = actions.enrol_person(actor=personas.member, course=course, name="黄丽萍", phone="13922223333",
                             id_number=new_id(), by_self=True)  # fmt: skip
    assert e.user == personas.member and e.id_number_bidx == keys.id_bidx(e.id_number)


def test_the_same_phone_or_id_number_is_refused_in_chinese(tree):
    course = make_course(tree.street, audience="public")
    number = new_id()
    actions.enrol_person(actor=None, course=course, name="黄丽萍", phone="13922223333", id_number=number,
                         by_self=True)  # fmt: skip
    with pytest.raises(Refused) as exc:
        actions.enrol_person(actor=None, course=course, name="黄丽萍", phone="13922223333", by_self=True)
    assert exc.value.message_dict["phone"] == ["该手机号码已报名本培训班，请勿重复报名。"]
    with pytest.raises(Refused) as exc:
        actions.enrol_person(actor=None, course=course, name="黄丽", phone="13900000001", id_number=number,
                             by_self=True)  # fmt: skip
    assert exc.value.message_dict["id_number"] == ["该身份证号码已报名本培训班，请勿重复报名。"]
    assert course.enrolments.count() == 1


def test_a_member_enrolled_from_the_register_is_not_enrolled_again_by_phone(tree):
    course = make_course(tree.street, audience="public")
    m = member_at(tree.grassroots)
    m.phone, m.phone_bidx = "13511112222", keys.phone_bidx("13511112222")
    m.save()
    enrol(course, [m])
    with pytest.raises(Refused, match="该手机号码已报名"):
        actions.enrol_person(actor=None, course=course, name=m.name, phone="13511112222", by_self=True)


def test_a_withdrawn_person_may_enrol_again(tree):
    course = make_course(tree.street, audience="public")
    e = actions.enrol_person(actor=None, course=course, name="黄丽萍", phone="13922223333", by_self=True)
    actions.enrolment_withdraw(actor=None, enrolment=e)
    again = actions.enrol_person(actor=None, course=course, name="黄丽萍", phone="13922223333", by_self=True)
    assert again.pk != e.pk


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": "", "phone": "13922223333"}, "name"),
        ({"name": "黄丽萍", "phone": "1392222"}, "phone"),
        ({"name": "黄丽萍", "phone": ""}, "phone"),
        ({"name": "黄丽萍", "phone": "13922223333", "id_number": "440105198001010000"}, "id_number"),
    ],
)
def test_what_is_typed_is_checked_like_the_register(tree, values, field):
    course = make_course(tree.street, audience="public")
    with pytest.raises(Refused) as exc:
        actions.enrol_person(actor=None, course=course, by_self=True, **values)
    assert field in exc.value.message_dict
    assert not course.enrolments.exists()


def test_only_a_public_open_course_with_places_takes_people(tree):
    members_only = make_course(tree.street)
    with pytest.raises(Refused, match="只招收会员"):
        actions.enrol_person(
            actor=None, course=members_only, name="黄丽萍", phone="13922223333", by_self=True
        )
    draft = make_course(tree.street, audience="public", publish=False)
    with pytest.raises(Refused, match="不在报名期"):
        actions.enrol_person(actor=None, course=draft, name="黄丽萍", phone="13922223333", by_self=True)
    full = make_course(tree.street, audience="public", capacity=1)
    actions.enrol_person(actor=None, course=full, name="黄丽萍", phone="13922223333", by_self=True)
    with pytest.raises(Refused, match="名额已满"):
        actions.enrol_person(actor=None, course=full, name="李娜", phone="13922223334", by_self=True)
    assert full.enrolments.count() == 1


def test_the_enrolment_code_checks_in_once_per_session(tree, personas):
    from gonghui.training import tokens

    course = make_course(tree.street, audience="public")
    e = actions.enrol_person(actor=None, course=course, name="黄丽萍", phone="13922223333", by_self=True)
    session = course.sessions.first()
    code = tokens.enrolment_code(e.pk)
    assert actions.attendance_scan(actor=personas.street, session=session, code=code).new
    assert not actions.attendance_scan(actor=personas.street, session=session, code=code).new
    other = make_course(tree.street, audience="public")
    with pytest.raises(Refused, match="未报名本培训班"):
        actions.attendance_scan(actor=personas.street, session=other.sessions.first(), code=code)
    with pytest.raises(Refused, match="无法识别"):
        actions.attendance_scan(actor=personas.street, session=session, code=code[:-2] + "xx")


def test_a_members_service_card_checks_them_in(tree, personas):
    from gonghui.portal.actions.cards import card_issue, card_token

    course = make_course(tree.street)
    m = member_at(tree.grassroots)
    enrol(course, [m])
    session = course.sessions.first()
    card = card_issue(actor=None, member=m)
    scanned = actions.attendance_scan(actor=personas.street, session=session, code=card_token(card))
    assert scanned.new and scanned.enrolment.member == m
    stranger = card_issue(actor=None, member=member_at(tree.grassroots))
    with pytest.raises(Refused, match="未报名本培训班"):
        actions.attendance_scan(actor=personas.street, session=session, code=card_token(stranger))
