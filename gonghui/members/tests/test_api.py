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


def test_detail_answers_carry_the_same_abilities_as_the_pages(tree, personas, login):
    m = make_member(tree.grassroots)
    assert login(personas.street).get(f"/api/members/{m.pk}").json()["abilities"] == [
        "edit", "leave", "retain", "reveal", "transfer",
    ]  # fmt: skip
    assert login(personas.district).get(f"/api/members/{m.pk}").json()["abilities"] == [
        "edit", "leave", "retain", "transfer",
    ]  # fmt: skip
    r = login(personas.street).post(
        f"/api/members/{m.pk}/transfer",
        json.dumps({"to_org": "新港社区工会"}),
        content_type="application/json",
    )
    tid = r.json()["id"]
    assert r.json()["abilities"] == ["approve_out", "cancel", "reject_out", "view_member"]
    assert login(personas.sibling).get(f"/api/members/transfers/{tid}").json()["abilities"] == [
        "approve_in", "reject_in",
    ]  # fmt: skip
    assert login(personas.member).get(f"/api/members/transfers/{tid}").status_code == 403


def test_refusals_answer_422_with_the_reason(tree, personas, login):
    m = make_member(tree.grassroots)
    client = login(personas.street)
    r = client.post(f"/api/members/{m.pk}/leave", json.dumps({"note": ""}), content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"] == {"reason": ["请填写退会原因。"]}
    tid = client.post(
        f"/api/members/{m.pk}/transfer",
        json.dumps({"to_org": "新港社区工会"}),
        content_type="application/json",
    ).json()["id"]
    r = client.post(
        f"/api/members/transfers/{tid}/decide", json.dumps({"side": "both"}), content_type="application/json"
    )
    assert r.status_code == 422 and "side" in r.json()["errors"]
    r = client.post(f"/api/members/transfers/{tid}/cancel")
    assert (
        r.status_code == 200 and r.json()["state"] == "cancelled" and r.json()["abilities"] == ["view_member"]
    )
