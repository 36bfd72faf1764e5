"""The public course page on a phone: a person enrols by name and phone, keeps the address of
their enrolment (the code to show at the door) and, on completion, downloads the certificate."""

from __future__ import annotations

import pytest

from gonghui.members.actions import member_link_user
from gonghui.training import actions, tokens
from gonghui.training.models import Enrolment

from .factories import attend_all, make_course, member_at

pytestmark = pytest.mark.django_db


def test_a_visitor_enrols_on_a_public_course_and_finds_the_enrolment_again(tree, client):
    course = make_course(tree.street, audience="public", requires_test=False)
    page = client.get(f"/training/public/{course.pk}/")
    assert page.status_code == 200 and "提交报名" in page.content.decode()
    r = client.post(f"/training/public/{course.pk}/", {"name": "黄丽萍", "phone": "1392222"})
    assert r.status_code == 422 and "errorlist" in r.content.decode()
    r = client.post(f"/training/public/{course.pk}/", {"name": "黄丽萍", "phone": "13922223333"})
    e = Enrolment.objects.get(course=course)
    code = tokens.enrolment_code(e.pk)
    assert r.status_code == 302 and r.url == f"/training/enrolment/{code}/"
    mine = client.get(r.url).content.decode()
    assert "黄丽萍" in mine and "<svg" in mine and "13922223333" not in mine
    # The same browser is taken to its enrolment, not offered the form again.
    assert client.get(f"/training/public/{course.pk}/").url == r.url
    client.cookies.clear()
    r = client.post(f"/training/public/{course.pk}/", {"name": "黄丽萍", "phone": "13922223333"})
    assert r.status_code == 422 and "该手机号码已报名本培训班" in r.content.decode()


def test_the_certificate_comes_with_completion_only(tree, client):
    course = make_course(tree.street, audience="public", requires_test=False)
    done = actions.enrol_person(actor=None, course=course, name="黄丽萍", phone="13922223333", by_self=True)
    absent = actions.enrol_person(actor=None, course=course, name="李娜", phone="13922223334", by_self=True)
    code, other = tokens.enrolment_code(done.pk), tokens.enrolment_code(absent.pk)
    assert client.get(f"/training/enrolment/{code}/certificate/").status_code == 403
    attend_all(course, [done])
    actions.course_finish(actor=None, course=course)
    actions.certificates_issue(actor=None, course=course)
    page = client.get(f"/training/enrolment/{code}/").content.decode()
    assert "下载结业证书" in page and "<svg" not in page
    r = client.get(f"/training/enrolment/{code}/certificate/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert "未达到结业条件" in client.get(f"/training/enrolment/{other}/").content.decode()
    assert client.get(f"/training/enrolment/{other}/certificate/").status_code == 403
    assert client.get(f"/training/enrolment/{code[:-3]}abc/").status_code == 404


def test_members_only_and_draft_courses_have_no_public_page(tree, client):
    assert client.get(f"/training/public/{make_course(tree.street).pk}/").status_code == 404
    draft = make_course(tree.street, audience="public", publish=False)
    assert client.get(f"/training/public/{draft.pk}/").status_code == 404
    full = make_course(tree.street, audience="public", capacity=1)
    actions.enrol_person(actor=None, course=full, name="李娜", phone="13922223334", by_self=True)
    page = client.get(f"/training/public/{full.pk}/").content.decode()
    assert "名额已满" in page and "提交报名" not in page
    r = client.post(f"/training/public/{full.pk}/", {"name": "黄丽萍", "phone": "13922223333"})
    assert r.status_code == 422 and full.enrolments.count() == 1


def test_a_signed_in_worker_without_membership_enrols_and_sees_it_in_my_training(tree, personas, login):
    course = make_course(tree.street, audience="public")
    client = login(personas.member)
    assert client.get(f"/training/courses/{course.pk}/").url == f"/training/public/{course.pk}/"
    r = client.post(f"/training/public/{course.pk}/", {"name": "黄丽萍", "phone": "13922223333"})
    e = Enrolment.objects.get(course=course)
    assert r.status_code == 302 and e.user == personas.member
    assert (
        client.get(f"/training/courses/{course.pk}/").url
        == f"/training/enrolment/{tokens.enrolment_code(e.pk)}/"
    )
    assert course.title in client.get("/training/mine/").content.decode()


def test_a_member_signed_in_uses_their_membership(tree, personas, login):
    me = member_at(tree.grassroots)
    member_link_user(actor=None, member=me, user=personas.member)
    course = make_course(tree.street, audience="public")
    r = login(personas.member).get(f"/training/public/{course.pk}/")
    assert r.status_code == 302 and r.url == f"/training/courses/{course.pk}/"
