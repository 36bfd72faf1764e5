"""The abilities of a course, an enrolment and a certificate agree with the actions, for every
persona; the course page shows exactly those buttons."""

from __future__ import annotations

import pytest

from gonghui.members.actions import member_link_user
from gonghui.tests.contract import assert_abilities_agree, assert_page_offers
from gonghui.training import actions
from gonghui.training.abilities import (
    certificate_abilities,
    course_abilities,
    course_worker_abilities,
    enrolment_abilities,
)
from gonghui.training.models import Course

from .factories import attend_all, enrol, make_course, member_at

pytestmark = pytest.mark.django_db


def _courses(tree):
    draft = make_course(tree.street, publish=False)
    empty = make_course(tree.street, sessions=0, publish=False)
    open_ = make_course(tree.street, audience="public")
    enrol(open_, [member_at(tree.grassroots)])
    closed = actions.course_close(actor=None, course=make_course(tree.street))
    finished = make_course(tree.street, requires_test=False)
    attend_all(finished, enrol(finished, [member_at(tree.grassroots)]))
    finished = actions.course_finish(actor=None, course=finished)
    certified = make_course(tree.street, requires_test=False)
    attend_all(certified, enrol(certified, [member_at(tree.grassroots)]))
    certified = actions.course_finish(actor=None, course=certified)
    actions.certificates_issue(actor=None, course=certified)
    sibling = make_course(tree.sibling_street)
    return [draft, empty, open_, closed, finished, certified, sibling]


def test_course_abilities_agree_with_the_actions(tree, personas):
    assert_abilities_agree(
        actors=personas.items(), records=_courses(tree), abilities=course_abilities,
        attempts={
            "publish": lambda a, c: actions.course_publish(actor=a, course=c),
            "close": lambda a, c: actions.course_close(actor=a, course=c),
            "reopen": lambda a, c: actions.course_reopen(actor=a, course=c),
            "finish": lambda a, c: actions.course_finish(actor=a, course=c),
            "cancel": lambda a, c: actions.course_cancel(actor=a, course=c),
            "enrol": lambda a, c: actions.enrol_members(actor=a, course=c, members=[member_at(c.org)]),
            "enrol_person": lambda a, c: actions.enrol_person(
                actor=a, course=c, name="林秀英", id_number="11010519491231002X", phone="13800138000"),
            "scores": lambda a, c: actions.scores_set(actor=a, course=c, scores={}),
            "certify": lambda a, c: actions.certificates_issue(actor=a, course=c),
            "export": lambda a, c: actions.roster_export_record(actor=a, course=c, fmt="xlsx"),
        },
    )  # fmt: skip


def test_worker_abilities_agree_with_the_actions(tree, personas):
    member_link_user(actor=None, member=member_at(tree.grassroots, name="陈会员"), user=personas.member)
    courses = [make_course(tree.street), make_course(tree.street, capacity=1), make_course(tree.sibling_street),
               actions.course_close(actor=None, course=make_course(tree.street))]  # fmt: skip
    enrol(courses[1], [member_at(tree.grassroots)])
    assert_abilities_agree(
        actors=[("member", personas.member), ("street", personas.street)], records=courses,
        abilities=course_worker_abilities,
        attempts={"self_enrol": lambda a, c: actions.enrol_self(actor=a, course=c)},
    )  # fmt: skip


def test_enrolment_and_certificate_abilities_agree(tree, personas):
    me = member_at(tree.grassroots, name="陈会员")
    member_link_user(actor=None, member=me, user=personas.member)
    course = make_course(tree.street, audience="public")
    mine, other = enrol(course, [me, member_at(tree.grassroots)])
    person = actions.enrol_person(actor=None, course=course, name="林秀英", id_number="11010519491231002X",
                                  phone="13800138000")  # fmt: skip
    assert_abilities_agree(
        actors=personas.items(), records=[mine, other, person], abilities=enrolment_abilities,
        attempts={
            "withdraw": lambda a, e: actions.enrolment_withdraw(actor=a, enrolment=e),
            "reveal": lambda a, e: actions.trainee_reveal(actor=a, enrolment=e),
        },
    )  # fmt: skip
    finished = make_course(tree.street, requires_test=False)
    attend_all(finished, enrol(finished, [member_at(tree.grassroots)]))
    actions.course_finish(actor=None, course=finished)
    (cert,) = actions.certificates_issue(actor=None, course=finished)
    assert_abilities_agree(
        actors=personas.items(), records=[cert], abilities=certificate_abilities,
        attempts={"revoke": lambda a, c: actions.certificate_revoke(actor=a, certificate=c, reason="登记有误")},
    )  # fmt: skip


@pytest.mark.parametrize("state", ["draft", "open", "finished"])
def test_the_course_page_offers_exactly_the_abilities(tree, personas, login, state):
    course = make_course(tree.street, publish=state != "draft", requires_test=False)
    trainees = enrol(course, [member_at(tree.grassroots)])
    if state != "draft":
        attend_all(course, trainees)
    if state == "finished":
        course = actions.course_finish(actor=None, course=course)
    course = Course.objects.get(pk=course.pk)
    for persona in ("street", "district", "province"):
        user = getattr(personas, persona)
        html = login(user).get(f"/training/{course.pk}/").content.decode()
        ab = course_abilities(user, course)
        assert_page_offers(html, {k: ab[k] for k in ("edit", "enrol", "scores", "certify", "publish", "finish")}, {
            "edit": f"/training/{course.pk}/edit/", "enrol": f"/training/{course.pk}/enrol/\"",
            "scores": f"/training/{course.pk}/scores/", "certify": f"/training/{course.pk}/certify/",
            "publish": 'value="publish"', "finish": 'value="finish"',
        })  # fmt: skip
