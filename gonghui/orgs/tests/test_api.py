import json

from gonghui.conftest import union_code
from gonghui.orgs.models import Org


def test_list_is_scoped_and_keyset_paginated(tree, personas, login):
    client = login(personas.district)
    page = client.get("/api/orgs/").json()
    names = {o["name"] for o in page["items"]}
    assert names == {
        "广州市海珠区总工会",
        "赤岗街道总工会",
        "赤岗街道联合工会",
        "新港街道总工会",
        "新港社区工会",
    }
    assert page["next"] is None
    client = login(personas.province)
    first = client.get("/api/orgs/", {"q": "总工会"}).json()
    assert all("总工会" in o["name"] for o in first["items"])
    assert "外省总工会" not in {o["name"] for o in first["items"]}


def test_pagination_cursor_walks_the_tree_in_order(tree, personas, login):
    client = login(personas.province)
    seen, after = [], ""
    from gonghui.orgs import selectors

    while True:
        rows, after = selectors.org_list_for_actor(actor=personas.province, after=after or "", limit=3)
        seen += [r.name for r in rows]
        if not after:
            break
    assert len(seen) == len(set(seen)) == 10
    assert client.get("/api/orgs/").status_code == 200


def test_create_with_bad_code_gives_chinese_422_and_changes_nothing(tree, personas, login):
    client = login(personas.street)
    before = Org.objects.count()
    payload = {"parent_id": tree.street.pk, "level": "grassroots", "kind": "enterprise", "name": "新工会",
               "credit_code": "81440105000000001A"}  # fmt: skip
    r = client.post("/api/orgs/", data=json.dumps(payload), content_type="application/json")
    assert r.status_code == 422
    assert "校验位" in r.json()["detail"] and "credit_code" in r.json()["errors"]
    assert Org.objects.count() == before
    payload["credit_code"] = union_code()
    r = client.post("/api/orgs/", data=json.dumps(payload), content_type="application/json")
    assert r.status_code == 201 and r.json()["parent_id"] == tree.street.pk


def test_patch_and_move_through_the_api(tree, personas, login):
    client = login(personas.district)
    r = client.patch(
        f"/api/orgs/{tree.street.pk}",
        data=json.dumps({"short_name": "赤岗"}),
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["short_name"] == "赤岗"
    # A clerk edits records but does not restructure the tree.
    r = client.post(f"/api/orgs/{tree.grassroots.pk}/move", data=json.dumps({"new_parent_id": tree.sibling_street.pk}),
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 403
    client = login(personas.city)
    r = client.post(f"/api/orgs/{tree.grassroots.pk}/move", data=json.dumps({"new_parent_id": tree.sibling_street.pk}),
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 200 and r.json()["parent_id"] == tree.sibling_street.pk


def test_bank_account_is_masked_in_the_api(tree, personas, login):
    from gonghui.orgs.actions import org_update

    org_update(actor=personas.street, org=tree.street, bank_name="工商银行", bank_account="6222021234567890")
    body = login(personas.street).get(f"/api/orgs/{tree.street.pk}").json()
    assert body["bank_account_masked"] == "**** **** 7890"
    assert "6222021234567890" not in json.dumps(body)


def test_openapi_document_lists_org_endpoints(client, db):
    doc = client.get("/api/openapi.json").json()
    assert "/api/orgs/" in doc["paths"] and "/api/orgs/{org_id}/move" in doc["paths"]
