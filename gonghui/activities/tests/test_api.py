"""The API on the same selectors and actions: a campaign, an activity in it, a worker's sign-up,
check-in by the code, the result and the roll-up."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gonghui.activities import rules
from gonghui.activities.models import Activity, SignUp

from .factories import later_today, make_worker, worker_user

JSON = "application/json"


def test_api_runs_a_campaign_from_opening_to_its_progress(tree, personas, login):
    today = timezone.localdate()
    city = login(personas.city)
    r = city.post("/api/activities/campaigns", {
        "org_id": tree.guangzhou.pk, "kind": "cool", "title": "广州市送清凉", "starts_on": str(today),
        "ends_on": str(today + dt.timedelta(days=30)), "goal_people": 100,
    }, content_type=JSON)  # fmt: skip
    assert r.status_code == 201, r.content
    campaign_id = r.json()["id"]
    assert r.json()["abilities"] == ["add_activity", "add_benefit", "close", "export"]

    street = login(personas.street)
    start = later_today(20)
    r = street.post("/api/activities/activities", {
        "org_id": tree.street.pk, "campaign_id": campaign_id, "kind": "visit", "title": "工地送清凉",
        "place": "赤岗某工地", "starts_at": start.isoformat(), "ends_at": (start + dt.timedelta(hours=1)).isoformat(),
        "capacity": 1,
    }, content_type=JSON)  # fmt: skip
    assert r.status_code == 201, r.content
    activity_id = r.json()["id"]
    r = street.post("/api/activities/activities", {
        "org_id": tree.street.pk, "kind": "visit", "title": "错", "place": "某地", "starts_at": start.isoformat(),
        "ends_at": start.isoformat(), "capacity": 0,
    }, content_type=JSON)  # fmt: skip
    assert r.status_code == 422 and "名额不能小于1" in r.json()["detail"]

    worker = make_worker(tree.grassroots, "林小青")
    me = login(worker_user(worker))
    assert [a["id"] for a in me.get("/api/activities/open").json()] == [activity_id]
    r = me.post(f"/api/activities/activities/{activity_id}/signup")
    assert r.status_code == 201 and r.json()["state"] == "confirmed" and "cancel" in r.json()["abilities"]
    assert me.post(f"/api/activities/activities/{activity_id}/signup").status_code == 422
    signup = SignUp.objects.get()
    other = login(worker_user(make_worker(tree.grassroots, "李候补")))
    assert other.post(f"/api/activities/activities/{activity_id}/signup").json()["state"] == "waiting"

    street = login(personas.street)
    url = f"/api/activities/activities/{activity_id}/checkin"
    r = street.post(url, {"code": rules.token_for(signup)}, content_type=JSON)
    assert r.status_code == 200 and r.json()["first"] is True
    assert street.post(url, {"code": rules.token_for(signup)}, content_type=JSON).json()["first"] is False
    assert street.post(url, {"code": "伪造的签到码"}, content_type=JSON).status_code == 422
    assert (
        login(personas.sibling).post(url, {"code": rules.token_for(signup)}, content_type=JSON).status_code
        == 403
    )

    street = login(personas.street)
    # The activity has begun (the clock is not moved: the session would time out).
    Activity.objects.filter(pk=activity_id).update(starts_at=timezone.now() - dt.timedelta(minutes=5))
    r = street.post(f"/api/activities/activities/{activity_id}/result", {"people_served": 40, "goods_value": "1200"},
                    content_type=JSON)  # fmt: skip
    assert r.status_code == 200 and r.json()["state"] == "done"
    r = login(personas.city).get(f"/api/activities/campaigns/{campaign_id}/progress")
    assert r.json()["total"]["people"] == 40 and r.json()["total"]["attended"] == 1
    assert login(personas.street).get(f"/api/activities/campaigns/{campaign_id}/progress").status_code == 403


def test_api_keeps_a_group_and_fills_it(tree, personas, login):
    worker = make_worker(tree.grassroots, "林一线")
    street = login(personas.street)
    r = street.post("/api/activities/groups", {"org_id": tree.street.pk, "name": "一线职工", "kind": "frontline"},
                    content_type=JSON)  # fmt: skip
    assert r.status_code == 201 and sorted(r.json()["abilities"]) == ["add", "fill", "import_list", "remove"]
    group_id = r.json()["id"]
    r = street.post(f"/api/activities/groups/{group_id}/members", {"member_id": worker.pk}, content_type=JSON)
    assert r.status_code == 201 and r.json()["name"] == "林一线"
    r = street.post(f"/api/activities/groups/{group_id}/fill", {"source": "nowhere"}, content_type=JSON)
    assert r.status_code == 422
    assert [g["size"] for g in street.get(f"/api/activities/groups?org={tree.street.pk}").json()] == [1]
    sibling = login(personas.sibling)
    assert sibling.post(f"/api/activities/groups/{group_id}/fill", {"source": "women"},
                        content_type=JSON).status_code in (403, 404)  # fmt: skip
