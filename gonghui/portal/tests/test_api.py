from __future__ import annotations

import pytest

from gonghui.kernel.errors import Refused
from gonghui.members.models import Member
from gonghui.portal.actions.cards import card_read
from gonghui.portal.models import HelpRequest

from .conftest import new_id, new_phone
from .factories import member_with_login, worker


def test_a_signed_in_worker_applies_and_asks_through_the_api(client, tree):
    member = member_with_login(tree.grassroots, name="覃工友")
    client.force_login(member.login.user)
    r = client.post("/api/portal/requests", {"category": "wages", "text": "欠薪两个月", "anonymous": True},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 201 and r.json()["org_name"] == tree.grassroots.name
    assert r.json()["abilities"] == []  # not overdue, not answered: nothing to do yet
    bad = client.post("/api/portal/requests", {"category": "x", "text": ""}, content_type="application/json")
    assert bad.status_code == 422 and {"category", "text"} <= set(bad.json()["errors"])
    assert [x["id"] for x in client.get("/api/portal/requests").json()] == [r.json()["id"]]
    assert HelpRequest.objects.get(pk=r.json()["id"]).anonymous

    other = member_with_login(tree.sibling_grassroots).login.user
    client.force_login(other)
    assert client.get(f"/api/portal/requests/{r.json()['id']}").status_code == 403
    someone = {"name": "韦新人", "id_number": new_id(), "phone": new_phone(), "work": "new_form",
               "occupation": "courier", "home_id": tree.street.pk}  # fmt: skip
    refused = client.post("/api/portal/joins", someone, content_type="application/json")
    assert refused.status_code == 422 and "只能为本人申请" in refused.json()["errors"]["id_number"][0]
    client.force_login(worker())
    applied = client.post("/api/portal/joins", {
        "name": "韦新人", "id_number": new_id(), "phone": new_phone(), "work": "new_form", "occupation": "courier",
        "home_id": tree.street.pk,
    }, content_type="application/json")  # fmt: skip
    assert applied.status_code == 201 and applied.json()["route"] == "floating"
    assert "withdraw" in applied.json()["abilities"]
    near = client.get("/api/portal/places", {"lat": "nan", "lng": "113"})
    assert near.status_code == 200


def test_an_id_beyond_any_record_is_refused_not_failed_in_the_query(client, tree):
    client.force_login(member_with_login(tree.grassroots).login.user)
    for path in ("/api/portal/requests/{}", "/api/portal/joins/{}"):
        assert client.get(path.format(2**63)).status_code == 422
        assert client.get(path.format(0)).status_code == 422
        assert client.get(path.format(2**63 - 1)).status_code == 404


def test_the_worker_lists_and_forgets_devices_and_the_district_keeps_its_trade_routes(
    client, tree, personas, login, riders_union
):
    from gonghui.portal.models import Device, TradeRoute

    member = member_with_login(tree.grassroots)
    device = Device.objects.create(user=member.login.user, key="d" * 32, label="iPhone · Safari")
    client.force_login(member.login.user)
    assert [d["label"] for d in client.get("/api/portal/devices").json()] == ["iPhone · Safari"]
    assert client.post(f"/api/portal/devices/{device.pk}/forget").status_code == 204
    assert not Device.objects.filter(pk=device.pk).exists()

    officer = login(personas.city)
    rows = officer.get("/api/portal/trade-routes").json()
    assert [(r["org_name"], r["occupation"], r["receiving_name"]) for r in rows] == [
        (tree.haizhu.name, "rider", riders_union.name)
    ] and set(rows[0]["abilities"]) == {"edit", "remove"}
    put = officer.put("/api/portal/trade-routes", {"org_id": tree.haizhu.pk, "occupation": "driver",
                      "receiving_id": riders_union.pk}, content_type="application/json")  # fmt: skip
    assert put.status_code == 200 and put.json()["occupation_label"] == "网约车司机"
    bad = officer.put("/api/portal/trade-routes", {"org_id": tree.haizhu.pk, "occupation": "pilot",
                      "receiving_id": riders_union.pk}, content_type="application/json")  # fmt: skip
    assert bad.status_code == 422 and "occupation" in bad.json()["errors"]
    gone = officer.delete(f"/api/portal/trade-routes/{put.json()['id']}")
    assert gone.status_code == 204 and not TradeRoute.objects.filter(occupation="driver").exists()
    sibling = login(personas.sibling)
    assert sibling.get("/api/portal/trade-routes").json() == []
    # A union in another branch: refused (403), nothing written.
    elsewhere = sibling.put("/api/portal/trade-routes", {"org_id": tree.street.pk, "occupation": "driver",
                            "receiving_id": riders_union.pk}, content_type="application/json")  # fmt: skip
    assert elsewhere.status_code == 403 and not TradeRoute.objects.filter(occupation="driver").exists()


def test_the_worker_gets_a_card_and_their_things_through_the_api(client, tree):
    member = member_with_login(tree.grassroots, name="蒙持卡")
    client.force_login(member.login.user)
    assert client.get("/api/portal/me").json()["card"] is None
    first = client.post("/api/portal/card")
    assert first.status_code == 201 and first.json()["name"] == "蒙持卡" and first.json()["token"]
    again = client.post("/api/portal/card")  # re-issued: the code shown before is void
    assert again.status_code == 201 and again.json()["number"] == first.json()["number"]
    with pytest.raises(Refused, match="已作废"):
        card_read(first.json()["token"])
    assert card_read(again.json()["token"]).member == member
    assert client.get("/api/portal/me").json()["card"]["token"] != first.json()["token"]
    panels = {p["key"]: p for p in client.get("/api/portal/mine").json()}
    assert panels["members.mine"]["title"] == "我的会籍"
    assert panels["members.mine"]["lines"][0]["text"] == tree.grassroots.name
    Member.objects.filter(pk=member.pk).update(status="ended")
    ended = client.post("/api/portal/card")
    assert ended.status_code == 422 and "不能发放会员服务卡" in str(ended.json())
    client.force_login(worker())  # no membership linked
    assert client.post("/api/portal/card").status_code == 422
