"""The API on the same selectors and actions: a round, a nomination up the tree, the register."""

from __future__ import annotations

from gonghui.honours.models import Nomination

from .factories import kind

JSON = "application/json"


def test_api_runs_a_round_from_opening_to_selection(tree, personas, login):
    city = login(personas.city)
    r = city.post("/api/honours/rounds", {"org_id": tree.guangzhou.pk, "kind_id": kind().pk,
                                          "title": "2026年广州市劳动模范评选", "year": 2026, "places": 3,
                                          "nominate_until": "2100-01-01"}, content_type=JSON)  # fmt: skip
    assert r.status_code == 201, r.content
    round_id = r.json()["id"]
    assert "publish" not in r.json()["abilities"]
    r = city.post(f"/api/honours/rounds/{round_id}/quotas", {"org_id": tree.haizhu.pk, "places": 5},
                  content_type=JSON)  # fmt: skip
    assert r.status_code == 422 and "最多还能分配3名" in r.json()["detail"]
    assert city.post(f"/api/honours/rounds/{round_id}/quotas", {"org_id": tree.haizhu.pk, "places": 1},
                     content_type=JSON).status_code == 200  # fmt: skip

    grassroots = login(personas.grassroots)
    r = grassroots.post("/api/honours/nominations", {"round_id": round_id, "org_id": tree.grassroots.pk,
                                                     "name": "陈建华", "unit": "某机械厂", "deeds": "事迹"},
                        content_type=JSON)  # fmt: skip
    assert r.status_code == 201 and r.json()["abilities"] == ["attach", "edit", "submit", "withdraw"]
    nid = r.json()["id"]
    assert grassroots.post(f"/api/honours/nominations/{nid}/submit").json()["at_id"] == tree.haizhu.pk
    district = login(personas.district)
    assert [n["id"] for n in district.get("/api/honours/review").json()] == [nid]
    assert (
        district.post(f"/api/honours/nominations/{nid}/recommend", {}, content_type=JSON).status_code == 200
    )
    city = login(personas.city)
    r = city.post(f"/api/honours/nominations/{nid}/select", {"comment": "同意"}, content_type=JSON)
    assert r.status_code == 200 and r.json()["state"] == "selected"
    assert "publish" in city.get(f"/api/honours/rounds/{round_id}").json()["abilities"]
    assert login(personas.sibling).get(f"/api/honours/nominations/{nid}").status_code == 403
    assert login(personas.street).get(f"/api/honours/rounds/{round_id}").status_code == 403
    assert Nomination.objects.get(pk=nid).state == "selected"


def test_api_nominating_in_a_round_of_another_branch_is_not_found(tree, personas, login):
    from .factories import make_round

    round = make_round(tree.shenzhen)
    r = login(personas.grassroots).post("/api/honours/nominations", {"round_id": round.pk, "org_id": tree.grassroots.pk,
                                                                     "name": "陈建华", "unit": "某厂", "deeds": "事迹"},
                                        content_type=JSON)  # fmt: skip
    assert r.status_code == 404


def test_api_lists_objections_masked_and_reveals_the_contact_with_an_audit_row(
    tree, personas, login, public_objection
):
    from gonghui.conftest import make_user
    from gonghui.core.models import AuditEntry

    street = login(personas.street)
    (listed,) = street.get(f"/api/honours/nominations/{public_objection.nomination_id}/objections").json()
    assert listed["contact"] == "138****5678" and listed["abilities"] == ["answer", "reveal"]
    url = f"/api/honours/objections/{public_objection.pk}/reveal"
    r = street.post(url)
    assert r.status_code == 200 and r.json() == {"contact": "13812345678"}
    assert AuditEntry.objects.filter(action="honours.objection.reveal").count() == 1
    listing = f"/api/honours/nominations/{public_objection.nomination_id}/objections"
    viewer = make_user("street_viewer", tree.street, "viewer")
    for user in (viewer, personas.district):  # read-only; a clerk above who may not review
        (seen,) = login(user).get(listing).json()
        assert seen["contact"] == "138****5678" and seen["abilities"] == []
    assert login(personas.sibling).get(listing).status_code == 403  # another branch
    for user in (viewer, personas.district, personas.sibling):
        assert login(user).post(url).status_code == 403
    assert AuditEntry.objects.filter(action="honours.objection.reveal").count() == 1
