"""The API on the same selectors and actions: scope, validation in Chinese, the report, import."""

import io

from gonghui.core.models import Job
from gonghui.units.models import Unit

from .factories import unit_code
from .test_importer import good_row, xlsx


def test_api_lists_and_reads_units_in_scope(tree, personas, register, login):
    client = login(personas.street)
    r = client.get("/api/units/", {"has_union": "true"})
    assert r.status_code == 200
    assert sorted(u["name"] for u in r.json()["items"]) == ["赤岗丙铺", "赤岗乙店", "赤岗甲厂"]
    detail = client.get(f"/api/units/{register.jia.pk}").json()
    assert detail["industry_label"] == "03 制造" and detail["abilities"] == ["audit", "close", "edit"]
    assert client.get(f"/api/units/{register.xg_jia.pk}").status_code == 403
    versions = client.get(f"/api/units/{register.jia.pk}/versions").json()
    assert versions[0]["employees"] == 100 and versions[0]["valid_to"] is None


def test_api_create_update_and_refusals(tree, personas, login):
    client = login(personas.street)
    payload = {"registered_org_id": tree.street.pk, "credit_code": unit_code(), "name": "接口新厂",
               "industry": "03", "unit_type": "170", "employees": 40, "on": "2013-01-01"}  # fmt: skip
    r = client.post("/api/units/", payload, content_type="application/json")
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    r = client.patch(f"/api/units/{pk}", {"covering_org_id": tree.grassroots.pk, "employees": 45, "on": "2014-01-01"},
                     content_type="application/json")  # fmt: skip
    assert r.status_code == 200 and r.json()["org_id"] == tree.grassroots.pk and r.json()["employees"] == 45
    r = client.patch(
        f"/api/units/{pk}", {"covering_org_id": None, "on": "2015-01-01"}, content_type="application/json"
    )
    assert (
        r.status_code == 200 and r.json()["covering_org_id"] is None and r.json()["org_id"] == tree.street.pk
    )
    r = client.post("/api/units/", {**payload, "credit_code": "123"}, content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"]["credit_code"] == ["统一社会信用代码应为18位"]
    r = client.post("/api/units/", {**payload, "registered_org_id": tree.sibling_street.pk, "credit_code": unit_code()},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 403
    assert Unit.objects.count() == 1


def test_api_report(tree, personas, register, login):
    client = login(personas.district)
    r = client.get("/api/units/report", {"org": tree.haizhu.pk, "on": "2013-06-30"})
    data = r.json()
    assert data["total"]["union_rate"] == "50.00" and data["total"]["units"] == 8
    assert [row["name"] for row in data["rows"]] == [
        "广州市海珠区总工会（本级）",
        "赤岗街道总工会",
        "新港街道总工会",
    ]
    assert client.get("/api/units/report", {"org": tree.luohu.pk}).status_code == 403
    assert client.get("/api/units/report", {"threshold": 0}).status_code == 422


def test_api_contracts(tree, personas, register, login):
    client = login(personas.street)
    items = client.get("/api/units/contracts").json()["items"]
    assert [c["title"] for c in items] == ["赤岗街道区域性集体合同"]
    payload = {"org_id": tree.grassroots.pk, "kind": "single", "title": "接口合同", "signed_on": "2013-01-01",
               "expires_on": "2014-12-31", "workers_covered": 100, "unit_ids": [register.jia.pk]}  # fmt: skip
    r = client.post("/api/units/contracts", payload, content_type="application/json")
    assert r.status_code == 201 and r.json()["unit_ids"] == [register.jia.pk]
    assert r.json()["abilities"] == ["end"]
    r = client.post(
        "/api/units/contracts", {**payload, "unit_ids": [register.xg_jia.pk]}, content_type="application/json"
    )
    assert r.status_code == 403


def test_api_import_returns_a_job_with_the_row_report(tree, personas, login, media):
    client = login(personas.street)
    f = io.BytesIO(xlsx([good_row("甲"), good_row("乙", employees=-1)]))
    f.name = "台账.xlsx"
    r = client.post("/api/units/import", {"org_id": tree.street.pk, "file": f, "good_rows": "true"})
    assert r.status_code == 202, r.content
    job = r.json()
    assert job["status"] == "done" and job["result"]["created"] == 1
    assert job["result"]["errors"][0]["column"] == "E"
    assert client.get(f"/api/units/import/{job['id']}").json()["result"]["error_rows"] == 1
    f.seek(0)
    r = client.post("/api/units/import", {"org_id": tree.sibling_street.pk, "file": f})
    assert r.status_code == 403 and Job.objects.count() == 1


def test_api_abilities_are_the_pages(tree, personas, register, login):
    from gonghui.conftest import make_user

    viewer = login(make_user("viewer_user", tree.haizhu, "viewer"))
    assert viewer.get(f"/api/units/{register.jia.pk}").json()["abilities"] == []
    assert viewer.get(f"/api/units/contracts/{register.regional.pk}").json()["abilities"] == []
    clerk = login(personas.district)
    assert clerk.get(f"/api/units/{register.jia.pk}").json()["abilities"] == ["close", "edit"]
    r = clerk.post(f"/api/units/contracts/{register.regional.pk}/end", {"reason": "企业改制", "on": "2014-01-01"},
                   content_type="application/json")  # fmt: skip
    assert r.status_code == 200 and r.json()["abilities"] == []  # ended: nothing more to do


def test_api_import_into_a_union_that_takes_no_units_is_refused_before_it_is_queued(
    tree, personas, login, media
):
    from gonghui.conftest import make_org

    group = make_org(tree.grassroots, "赤岗甲厂工会小组", "group", kind="group")
    f = io.BytesIO(xlsx([good_row("甲")]))
    f.name = "台账.xlsx"
    r = login(personas.street).post("/api/units/import", {"org_id": group.pk, "file": f})
    assert r.status_code == 422 and "工会小组不能登记单位" in r.json()["errors"]["org"][0]
    assert not Job.objects.exists()
