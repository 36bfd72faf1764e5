"""The API answers with the same selectors, actions and abilities as the pages."""

from __future__ import annotations

import json

import pytest

from .factories import enrol, make_course, member_at

pytestmark = pytest.mark.django_db


def test_a_course_through_the_api(tree, personas, login):
    client = login(personas.street)
    r = client.post("/api/training/courses", data=json.dumps({
        "org_id": tree.street.pk, "title": "班组长培训班", "subject": "team_leader", "capacity": 2}),
        content_type="application/json")  # fmt: skip
    assert r.status_code == 201, r.content
    course_id = r.json()["course"]["id"]
    r = client.post(f"/api/training/courses/{course_id}/sessions", data=json.dumps({
        "on": "2013-03-27", "starts_at": "09:00", "ends_at": "12:00", "hours": "3"}), content_type="application/json")  # fmt: skip
    assert r.status_code == 201
    r = client.post(
        f"/api/training/courses/{course_id}/step", data='{"step": "publish"}', content_type="application/json"
    )
    assert r.status_code == 200 and "finish" in r.json()["abilities"]
    members = [member_at(tree.grassroots) for _ in range(3)]
    r = client.post(f"/api/training/courses/{course_id}/enrolments",
                    data=json.dumps({"member_ids": [m.pk for m in members]}), content_type="application/json")  # fmt: skip
    assert r.status_code == 422 and "名额不足" in r.json()["detail"]


def test_outsiders_get_403(tree, personas, login):
    course = make_course(tree.street)
    enrol(course, [member_at(tree.grassroots)])
    assert login(personas.sibling).get(f"/api/training/courses/{course.pk}").status_code == 403
    r = login(personas.street).get(f"/api/training/statistics?within={tree.street.pk}&year=2013")
    assert r.status_code == 200 and r.json()["total"]["courses"] == 1


def _post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def test_check_in_by_the_api_takes_every_kind_of_code_and_counts_once(tree, personas, login):
    from gonghui.portal.actions.cards import card_issue, card_token
    from gonghui.training import actions, tokens

    course = make_course(tree.street, audience="public")
    m = member_at(tree.grassroots)
    (a,) = enrol(course, [m])
    b = actions.enrol_person(actor=None, course=course, name="黄丽萍", phone="13922223333", by_self=True)
    session = course.sessions.first()
    client = login(personas.street)
    url = f"/api/training/sessions/{session.pk}/scan"
    r = _post(client, url, {"code": tokens.enrolment_code(b.pk)})
    assert r.status_code == 200 and r.json() == {
        "enrolment_id": b.pk,
        "name": "黄丽萍",
        "new": True,
        "present": 1,
    }
    assert _post(client, url, {"code": tokens.enrolment_code(b.pk)}).json()["new"] is False
    r = _post(client, url, {"code": card_token(card_issue(actor=None, member=m))})
    assert r.json()["enrolment_id"] == a.pk and r.json()["present"] == 2
    r = _post(client, url, {"code": "乱码"})
    assert r.status_code == 422 and "无法识别" in r.json()["detail"]
    assert _post(login(personas.sibling), url, {"code": tokens.checkin_token(a.pk)}).status_code == 403


def test_certificates_download_and_verify_through_the_api(tree, personas, login):
    from gonghui.training import actions, tokens

    from .factories import certificate_of_chen

    me, cert = certificate_of_chen(tree, personas.member)
    r = login(personas.member).get(f"/api/training/certificates/{cert.pk}/pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert login(personas.sibling).get(f"/api/training/certificates/{cert.pk}/pdf").status_code == 403
    r = login(personas.sibling).get(f"/api/training/verify/{tokens.code_display(cert.code).lower()}")
    assert r.status_code == 200 and r.json()["name"] == "陈*华" and r.json()["number"] == cert.number
    assert me.id_number not in r.content.decode()
    actions.certificate_revoke(actor=None, certificate=cert, reason="培训记录有误")
    assert login(personas.sibling).get(f"/api/training/verify/{cert.code}").status_code == 404


def test_self_enrolment_through_the_api(tree, personas, login):
    from gonghui.members.actions import member_link_user

    public = make_course(tree.street, audience="public")
    members_only = make_course(tree.street)
    client = login(personas.member)  # no membership linked yet
    r = _post(
        client,
        f"/api/training/courses/{members_only.pk}/self-enrolment",
        {"name": "黄丽萍", "phone": "13922223333"},
    )
    assert r.status_code == 403
    url = f"/api/training/courses/{public.pk}/self-enrolment"
    assert _post(client, url, {"name": "黄丽萍", "phone": "1392"}).status_code == 422
    r = _post(client, url, {"name": "黄丽萍", "phone": "13922223333"})
    assert r.status_code == 201 and r.json()["state"] == "enrolled" and r.json()["code"]
    r = _post(client, url, {"name": "黄丽萍", "phone": "13922223333"})
    assert r.status_code == 422 and "该手机号码已报名本培训班" in r.json()["detail"]
    assert [e["course_id"] for e in client.get("/api/training/mine").json()] == [public.pk]
    member_link_user(actor=None, member=member_at(tree.grassroots), user=personas.member)
    client = login(personas.member)
    r = _post(client, f"/api/training/courses/{members_only.pk}/self-enrolment")
    assert r.status_code == 201 and "withdraw" in r.json()["abilities"]
