"""The API on the same selectors and actions: rosters, meetings, elections, passing on, scope."""

from __future__ import annotations

import datetime as dt

from gonghui.meetings import actions
from gonghui.meetings.models import Meeting, PassOn, Seat

from .factories import make_committee, make_election, make_meeting

HELD = "2013-03-25"


def test_api_rosters_and_history(tree, personas, committee, login):
    client = login(personas.city)
    [c] = client.get("/api/meetings/committees", {"org_id": tree.guangzhou.pk}).json()
    assert c["name"] == "广州市总工会第十七届委员会" and c["term"] == 17
    roster = client.get(f"/api/meetings/committees/{committee.pk}/roster", {"on": "2013-01-01"}).json()
    assert roster["seats"][0]["name"] == "赵小穗" and roster["seats"][0]["post_label"] == "主席"
    assert len(roster["seats"]) == 12
    assert len(client.get(f"/api/meetings/committees/{committee.pk}/history").json()) == 12
    assert login(personas.street).get(f"/api/meetings/committees/{committee.pk}/roster").status_code == 403


def test_api_creates_a_meeting_with_a_formed_name_and_refuses_bad_input(tree, personas, committee, login):
    client = login(personas.city)
    r = client.post("/api/meetings/", {"org_id": tree.guangzhou.pk, "kind": "plenary", "held_on": HELD,
                                       "enlarged": True}, content_type="application/json")  # fmt: skip
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["name"] == "广州市总工会十七届一次全委（扩大）会议" and body["expected"] == 12
    r = client.post("/api/meetings/", {"org_id": tree.guangzhou.pk, "kind": "plenary", "held_on": HELD,
                                       "sequence": 1}, content_type="application/json")  # fmt: skip
    assert r.status_code == 422 and "已有广州市总工会十七届一次全委（扩大）会议" in r.json()["detail"]
    r = client.post("/api/meetings/", {"org_id": tree.shenzhen.pk, "kind": "work", "held_on": HELD,
                                       "subject": "越权会议"}, content_type="application/json")  # fmt: skip
    assert r.status_code == 403
    assert Meeting.objects.count() == 1
    assert client.get("/api/meetings/", {"within": tree.guangzhou.pk}).json()["items"][0]["id"] == body["id"]


def test_api_confirms_a_by_election(tree, personas, committee, login):
    meeting = make_meeting(tree.guangzhou, held_on=dt.date(2013, 3, 25), record=True)
    election = make_election(meeting, ["周志坚"], kind="replace")
    cand = election.candidates.get()
    leaving = committee.seats.filter(post="member").first()
    client = login(personas.city)
    tally = {"ballots_issued": 12, "ballots_returned": 12, "ballots_valid": 12, "votes": {str(cand.pk): 5},
             "replaces": {str(cand.pk): leaving.pk}}  # fmt: skip
    r = client.post(f"/api/meetings/elections/{election.pk}/confirm", tally, content_type="application/json")
    assert r.status_code == 422 and "本次选举无人当选" in r.json()["detail"]
    tally["votes"] = {str(cand.pk): 11}
    r = client.post(f"/api/meetings/elections/{election.pk}/confirm", tally, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "confirmed"
    assert r.json()["candidates"][0]["elected"] is True
    assert Seat.objects.get(pk=leaving.pk).left_why == "replaced"
    detail = client.get(f"/api/meetings/{meeting.pk}").json()
    assert detail["elections"][0]["result"]["elected"] == ["周志坚"]


def test_api_passing_on(tree, personas, login):
    make_committee(tree.province, term=12, starts_on=dt.date(2008, 5, 22), members=6)
    plenary = make_meeting(tree.province, held_on=dt.date(2013, 3, 21), sequence=6, record=True)
    actions.passon_require(actor=personas.province, meeting=plenary, depth=1)
    client = login(personas.city)
    [task] = client.get("/api/meetings/passon").json()
    assert task["org_id"] == tree.guangzhou.pk
    r = client.post(f"/api/meetings/passon/{task['id']}", {"on": "2013-03-25", "how": "study"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 200 and r.json()["status"] == "done"
    other = PassOn.objects.get(meeting=plenary, org=tree.shenzhen)
    r = client.post(f"/api/meetings/passon/{other.pk}", {"on": "2013-03-25", "how": "study"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 403
    report = login(personas.province).get(f"/api/meetings/{plenary.pk}/passon").json()
    assert (report["expected"], report["done"]) == (3, 1)


def test_api_answers_with_the_pages_abilities(tree, personas, committee, login):
    meeting = make_meeting(tree.guangzhou, held_on=dt.date(2013, 3, 25), record=True)
    election = make_election(meeting, ["周志坚"], kind="add")
    city = login(personas.city).get(f"/api/meetings/{meeting.pk}").json()
    assert city["abilities"] == ["add_document", "add_election", "minutes", "pass_on", "reopen"]
    assert city["elections"][0]["abilities"] == ["cancel", "confirm", "count"]
    province = login(personas.province).get(f"/api/meetings/{meeting.pk}").json()
    assert province["abilities"] == city["abilities"]  # the province's administrators hold edit below
    roster = login(personas.city).get(f"/api/meetings/committees/{committee.pk}/roster").json()
    assert roster["abilities"] == ["export", "register_seats"]
    assert election.status == "draft"
