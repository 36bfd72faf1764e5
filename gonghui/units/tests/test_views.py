"""The pages: list, detail, forms, contracts, the report, and scope from different branches."""

import datetime as dt

from gonghui.core.models import AuditEntry
from gonghui.units.models import CollectiveContract, Unit

from .factories import unit_code


def test_list_filters_and_keyset_pages(tree, personas, register, login):
    client = login(personas.district)
    page = client.get("/units/").content.decode()
    assert "赤岗甲厂" in page and "新港甲厂" in page and "罗湖甲公司" not in page
    page = client.get("/units/", {"within": tree.street.pk, "has_union": "no"}).content.decode()
    assert "赤岗丁司" in page and "赤岗戊坊" in page and "赤岗甲厂" not in page and "新港乙厂" not in page
    page = client.get("/units/", {"industry": "09"}).content.decode()
    assert "赤岗乙店" in page and "赤岗甲厂" not in page
    page = client.get("/units/", {"q": register.jia.credit_code.lower()}).content.decode()
    assert "赤岗甲厂" in page and "赤岗乙店" not in page
    from gonghui.units import selectors

    first, cursor = selectors.unit_list_for_actor(actor=personas.district, f=selectors.UnitFilter(), limit=3)
    second, _ = selectors.unit_list_for_actor(
        actor=personas.district, f=selectors.UnitFilter(), after=cursor, limit=3
    )
    assert (
        len(first) == 3
        and cursor == first[-1].credit_code
        and not {u.pk for u in first} & {u.pk for u in second}
    )


def test_street_officer_cannot_see_sibling_street_units(tree, personas, register, login):
    client = login(personas.street)
    page = client.get("/units/").content.decode()
    assert "赤岗甲厂" in page and "新港甲厂" not in page and "海珠直属单位" not in page
    assert client.get(f"/units/{register.xg_jia.pk}/").status_code == 403
    assert client.get(f"/units/{register.xg_jia.pk}/edit/").status_code == 403
    assert client.get("/units/", {"within": tree.sibling_street.pk}).status_code == 403
    assert client.get(f"/units/contracts/{register.single.pk}/").status_code == 403
    assert client.get("/units/report/", {"org": tree.sibling_street.pk}).status_code == 403


def test_detail_shows_history_and_contracts(tree, personas, register, login):
    page = login(personas.grassroots).get(f"/units/{register.jia.pk}/").content.decode()
    assert "赤岗街道区域性集体合同" in page and "2012-01-01 — 至今" in page and "已建会" in page


def test_create_by_name_of_the_unions_and_bad_input_in_chinese(tree, personas, login):
    client = login(personas.street)
    form = {"credit_code": unit_code(), "name": "赤岗新厂", "industry": "03", "unit_type": "170", "employees": "60",
            "registered_org": "赤岗街道总工会", "covering_org": "赤岗街道联合工会", "on": "2013-01-01"}  # fmt: skip
    r = client.post("/units/new/", form)
    assert r.status_code == 302
    unit = Unit.objects.get(name="赤岗新厂")
    assert unit.covering_org == tree.grassroots and r.url == f"/units/{unit.pk}/"
    r = client.post("/units/new/", {**form, "credit_code": unit_code(), "covering_org": "新港社区工会"})
    assert (
        r.status_code == 422
        and "在「赤岗街道总工会」下辖范围内找不到「新港社区工会」这个基层工会" in r.content.decode()
    )
    r = client.post("/units/new/", {**form, "credit_code": unit.credit_code})
    assert r.status_code == 422 and "已登记为「赤岗新厂」" in r.content.decode()
    r = client.post("/units/new/", {**form, "credit_code": unit_code(), "registered_org": "新港街道总工会"})
    assert r.status_code == 422 and "在您的管辖范围内找不到「新港街道总工会」" in r.content.decode()
    assert Unit.objects.count() == 1
    assert client.get(f"/units/new/?org={tree.sibling_street.pk}").status_code == 403


def test_edit_and_close_pages(tree, personas, register, login):
    client = login(personas.street)
    page = client.get(f"/units/{register.ding.pk}/edit/").content.decode()
    assert 'value="赤岗街道总工会"' in page
    form = {"credit_code": register.ding.credit_code, "name": "赤岗丁司", "industry": "03", "unit_type": "170",
            "employees": "55", "women": "20", "registered_org": "赤岗街道总工会", "covering_org": "赤岗街道联合工会",
            "on": "2014-01-01"}  # fmt: skip
    assert client.post(f"/units/{register.ding.pk}/edit/", form).status_code == 302
    ding = Unit.objects.get(pk=register.ding.pk)
    assert ding.employees == 55 and ding.org == tree.grassroots
    r = client.post(f"/units/{register.ding.pk}/close/", {"reason": ""})
    assert r.status_code == 422 and "请填写注销原因" in r.content.decode()
    assert (
        client.post(f"/units/{register.ding.pk}/close/", {"reason": "迁出", "on": "2015-01-01"}).status_code
        == 302
    )
    assert Unit.objects.get(pk=register.ding.pk).status == "closed"
    assert AuditEntry.objects.filter(action="unit.close", org=tree.grassroots).exists()
    assert "注销单位" in client.get(f"/audit/?org={tree.street.pk}").content.decode()


def test_contract_pages(tree, personas, register, login):
    client = login(personas.street)
    form = {"kind": "single", "title": "赤岗甲厂集体合同", "org": "赤岗街道联合工会", "signed_on": "2013-03-01",
            "expires_on": "2016-02-28", "workers_covered": "100", "units": register.jia.credit_code}  # fmt: skip
    r = client.post("/units/contracts/new/", form)
    assert r.status_code == 302
    contract = CollectiveContract.objects.get(title="赤岗甲厂集体合同")
    assert contract.org == tree.grassroots and list(contract.units.all()) == [register.jia]
    r = client.post(
        "/units/contracts/new/", {**form, "units": f"{register.xg_jia.credit_code}, 91440105MA5C12345X"}
    )
    page = r.content.decode()
    assert r.status_code == 422 and "找不到统一社会信用代码为" in page and "校验位错误" in page
    page = client.get("/units/contracts/").content.decode()
    assert (
        "赤岗甲厂集体合同" in page and "赤岗街道区域性集体合同" in page and "新港社区工会集体合同" not in page
    )
    assert "赤岗甲厂" in client.get(f"/units/contracts/{contract.pk}/").content.decode()
    r = client.post(f"/units/contracts/{contract.pk}/end/", {"reason": "企业改制", "on": "2014-01-01"})
    assert r.status_code == 302 and CollectiveContract.objects.get(pk=contract.pk).ended_on == dt.date(
        2014, 1, 1
    )


def test_report_page_drills_down_with_a_chart(tree, personas, register, login):
    client = login(personas.district)
    page = client.get("/units/report/", {"on": "2013-06-30"}).content.decode()
    assert "广州市海珠区总工会 · “两个普遍”统计" in page
    assert f'href="?org={tree.street.pk}&amp;on=2013-06-30&amp;threshold=25"' in page
    assert "66.67%" in page and "50.00%" in page and "37.50%" in page
    assert 'data-chart="report-chart"' in page and 'id="report-chart" type="application/json"' in page
    assert "vendor/echarts/echarts.min.js" in page and "<script>" not in page
    page = client.get(
        "/units/report/", {"org": tree.street.pk, "on": "2013-06-30", "threshold": "50"}
    ).content.decode()
    assert "赤岗街道联合工会" in page and "职工50人以上" in page
    r = client.get("/units/report/", {"on": "bad", "threshold": "-1"})
    assert r.status_code == 200 and "errorlist" in r.content.decode()


def test_report_export_xlsx_has_watermark_and_is_audited(tree, personas, register, login):
    import io

    from python_calamine import CalamineWorkbook

    client = login(personas.district)
    r = client.get("/units/report/export/", {"org": tree.haizhu.pk, "on": "2013-06-30", "format": "xlsx"})
    assert r.status_code == 200
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(b"".join(r.streaming_content)))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert rows[0][0].startswith("导出人：district_user") and "导出时间：" in rows[0][0]
    assert "统计日期：2013-06-30" in rows[1][0]
    assert rows[3][:5] == ["单位/工会", "单位总数", "应建会单位数", "已建会单位数", "建会率"]
    assert rows[5][:4] == ["赤岗街道总工会", 5.0, 3.0, 2.0]
    assert abs(rows[5][4] - 0.6667) < 1e-9 and rows[-1][0] == "合计" and rows[-1][1] == 8.0
    entry = AuditEntry.objects.get(action="unit.report_export")
    assert (
        entry.actor == personas.district and entry.org == tree.haizhu and entry.detail["on"] == "2013-06-30"
    )
    r = client.get("/units/report/export/", {"org": tree.haizhu.pk, "on": "2013-06-30", "format": "csv"})
    csv_text = b"".join(r.streaming_content).decode()
    assert csv_text.startswith("\ufeff导出人：") and "赤岗街道总工会,5,3,2,66.67%" in csv_text
    assert AuditEntry.objects.filter(action="unit.report_export").count() == 2
    assert client.get("/units/report/export/", {"org": tree.haizhu.pk}).status_code == 302
    assert (
        login(personas.street)
        .get("/units/report/export/", {"org": tree.haizhu.pk, "format": "csv"})
        .status_code
        == 403
    )
    assert AuditEntry.objects.filter(action="unit.report_export").count() == 2


def test_an_empty_form_post_is_answered_with_errors_not_ignored(tree, personas, register, login):
    from gonghui.units.models import Unit

    client = login(personas.street)
    before = Unit.objects.count()
    r = client.post(f"/units/{register.jia.pk}/close/", {})
    assert r.status_code != 200 and "errorlist" in r.content.decode()
    assert Unit.objects.count() == before and Unit.objects.get(pk=register.jia.pk).status == "active"
