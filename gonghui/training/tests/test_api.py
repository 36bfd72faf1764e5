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
