import json

from gonghui.core.models import AuditEntry
from gonghui.members.models import Member

from .conftest import make_member, new_id


def test_list_and_detail_are_scoped_and_masked(tree, personas, login):
    m = make_member(tree.grassroots, phone="13800138000")
    make_member(tree.sibling_grassroots)
    client = login(personas.street)
    body = client.get("/api/members/").json()
    assert [i["id"] for i in body["items"]] == [m.pk] and body["next"] is None
    detail = client.get(f"/api/members/{m.pk}").json()
    assert detail["id_number_masked"].startswith("440***") and "id_number" not in detail
    assert login(personas.sibling).get(f"/api/members/{m.pk}").status_code == 403


def test_join_through_the_api_with_chinese_errors(tree, personas, login):
    client = login(personas.street)
    payload = {
        "org_id": tree.grassroots.pk,
        "name": "关羽",
        "id_number": new_id(),
        "political_status": "团员",
    }
    r = client.post("/api/members/join", json.dumps(payload), content_type="application/json")
    assert r.status_code == 201 and r.json()["political_status"] == "cyl"
    r = client.post("/api/members/join", json.dumps(payload), content_type="application/json")
    assert r.status_code == 422 and "一人只能有一个会籍" in r.json()["detail"]
    assert Member.objects.count() == 1


def test_reveal_needs_the_permission(tree, personas, login):
    m = make_member(tree.grassroots)
    assert login(personas.district).post(f"/api/members/{m.pk}/reveal").status_code == 403
    r = login(personas.street).post(f"/api/members/{m.pk}/reveal")
    assert r.json()["id_number"] == m.id_number
    assert AuditEntry.objects.filter(action="pii.reveal").count() == 1


def test_transfer_through_the_api(tree, personas, login):
    m = make_member(tree.grassroots)
    r = login(personas.street).post(f"/api/members/{m.pk}/transfer", json.dumps({"to_org": "新港社区工会"}),
                                    content_type="application/json")  # fmt: skip
    tid = r.json()["id"]
    for user, side in ((personas.sibling, "in"), (personas.street, "out")):
        r = login(user).post(
            f"/api/members/transfers/{tid}/decide",
            json.dumps({"side": side}),
            content_type="application/json",
        )
        assert r.status_code == 200, r.content
    assert r.json()["state"] == "done" and Member.objects.get(pk=m.pk).org_id == tree.sibling_grassroots.pk


def test_counts_per_union(tree, personas, login):
    make_member(tree.grassroots)
    make_member(tree.grassroots)
    body = login(personas.street).get("/api/members/counts", {"within": tree.street.pk}).json()
    assert {"org_id": tree.grassroots.pk, "members": 2} in body
