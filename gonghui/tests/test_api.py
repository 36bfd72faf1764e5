"""The API refuses bad input with 422 and a message in Chinese, never a server error."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from gonghui.assistance.actions import fund_deposit
from gonghui.assistance.models import Application, Fund
from gonghui.assistance.tests.factories import make_household, setup_lines_and_rules
from gonghui.core.models import AuditEntry
from gonghui.members.models import Transfer
from gonghui.members.tests.conftest import make_member


@pytest.fixture
def api(login):  # type: ignore[no-untyped-def]
    """A signed-in client whose server errors come back as answers (as a browser would see them)."""

    def _api(user):  # type: ignore[no-untyped-def]
        client = login(user)
        client.raise_request_exception = False
        return client

    return _api


def post_json(client, url, body):  # type: ignore[no-untyped-def]
    return client.post(
        url, json.dumps(body) if not isinstance(body, str) else body, content_type="application/json"
    )


def chinese(response) -> str:  # type: ignore[no-untyped-def]
    detail = response.json()["detail"]
    text = detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
    return text


def test_allocating_funds_is_reached_and_answers(tree, personas, api):
    client = api(personas.city)
    r = post_json(client, "/api/assistance/funds/allocate", {
        "source_id": tree.guangzhou.pk, "target_id": tree.haizhu.pk, "year": 2026, "amount": "0",
    })  # fmt: skip
    assert r.status_code == 422, r.content
    assert "下拨金额" in chinese(r)
    assert not Fund.objects.filter(org=tree.haizhu, year=2026).exclude(balance=0).exists()


def test_allocating_funds_through_the_api(tree, personas, api):
    fund_deposit(actor=None, org=tree.guangzhou, year=2026, amount="5000", note="市总工会拨付")
    r = post_json(api(personas.city), "/api/assistance/funds/allocate", {
        "source_id": tree.guangzhou.pk, "target_id": tree.haizhu.pk, "year": 2026, "amount": "1200.50",
    })  # fmt: skip
    assert r.status_code == 201, r.content
    assert (r.json()["org_id"], r.json()["balance"]) == (tree.haizhu.pk, "1200.50")
    r = post_json(api(personas.city), "/api/assistance/funds/allocate", {
        "source_id": tree.guangzhou.pk, "target_id": tree.haizhu.pk, "year": 999999, "amount": "1",
    })  # fmt: skip
    assert r.status_code == 422 and r.json()["errors"]["year"][0].startswith("年度应在1950至2100之间")


@pytest.mark.parametrize("amount", ["1e400", "1E+400", "-1e400", "NaN", "Infinity", "1e-400"])
def test_amounts_beyond_any_sum_are_refused(tree, personas, api, amount):
    client = api(personas.city)
    r = post_json(client, "/api/assistance/funds/allocate", {
        "source_id": tree.guangzhou.pk, "target_id": tree.haizhu.pk, "year": 2026, "amount": amount,
    })  # fmt: skip
    assert r.status_code == 422, r.content
    chinese(r)
    assert not AuditEntry.objects.filter(action__startswith="assistance.fund").exists()


@pytest.mark.parametrize("amount", ["1e400", "-1e400", "1e-400"])
def test_amounts_written_as_json_numbers_beyond_any_sum_are_refused(tree, personas, api, amount):
    client = api(personas.city)
    body = f'{{"source_id": {tree.guangzhou.pk}, "target_id": {tree.haizhu.pk}, "year": 2026, "amount": {amount}}}'
    r = post_json(client, "/api/assistance/funds/allocate", body)
    assert r.status_code == 422, r.content
    chinese(r)


@pytest.mark.parametrize(
    "url",
    [
        "/api/assistance/report?org_id={org}&year=999999",
        "/api/assistance/report?org_id={org}&year=0",
        "/api/assistance/funds?year=999999",
        "/api/services/cases/stats?year=999999",
        "/api/services/cases?year=999999",
        "/api/services/cases?year=-5",
    ],
)
def test_years_out_of_range_in_report_filters_are_refused(tree, personas, api, url):
    r = api(personas.city).get(url.format(org=tree.guangzhou.pk))
    assert r.status_code == 422, r.content
    assert "年份" in chinese(r)


@pytest.mark.parametrize("side", ["", "both", None, 1])
@pytest.mark.parametrize("approve", [True, False])
def test_deciding_a_transfer_for_no_side_is_refused(tree, personas, api, side, approve):
    m = make_member(tree.grassroots)
    client = api(personas.street)
    tid = post_json(client, f"/api/members/{m.pk}/transfer", {"to_org": "新港社区工会"}).json()["id"]
    r = post_json(
        client, f"/api/members/transfers/{tid}/decide", {"side": side, "approve": approve, "reason": "不同意"}
    )
    assert r.status_code == 422, r.content
    chinese(r)
    assert Transfer.objects.get(pk=tid).state == "requested"


@pytest.mark.parametrize(
    "content_type",
    ["multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\x7f"],
)
@pytest.mark.parametrize("url", ["/api/units/import", "/api/orgs/", "/api/assistance/funds/allocate"])
def test_a_multipart_body_without_a_boundary_is_a_bad_request(tree, personas, api, url, content_type):
    r = api(personas.city).post(url, b"--x\r\n\r\n", content_type=content_type)
    assert r.status_code in (400, 422), r.content
    assert r["Content-Type"].startswith("application/json")
    chinese(r)


def test_a_body_that_is_not_json_is_refused_in_chinese(tree, personas, api):
    r = post_json(api(personas.city), "/api/orgs/", "{not json")
    assert r.status_code in (400, 422), r.content
    chinese(r)


@pytest.mark.parametrize("amount", ['"1e400"', "1e400", '"NaN"', "-1e400"])
def test_an_application_for_a_sum_beyond_any_sum_is_refused(tree, personas, api, amount):
    setup_lines_and_rules(tree.province)
    household = make_household(tree.grassroots)
    body = f'{{"kind": "living", "amount": {amount}, "reason": "生活困难"}}'
    r = post_json(api(personas.street), f"/api/assistance/households/{household.pk}/applications", body)
    assert r.status_code == 422, r.content
    chinese(r)
    assert not Application.objects.exists()


def test_a_multipart_body_without_a_boundary_is_a_bad_request_before_the_csrf_check(tree, personas):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(personas.district)
    client.cookies["csrftoken"] = "a" * 32
    r = client.post("/api/units/import", b"--x\r\n\r\n", content_type="multipart/form-data")
    assert r.status_code == 400, r.content
    chinese(r)


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("get", "/api/orgs/?q=%00", None),
        ("get", "/api/members/?name=a%00b", None),
        ("get", "/api/bulletin/articles?q=%00", None),
        ("post", "/api/members/{member}/transfer", {"to_org": "新港\u0000社区工会"}),
        ("post", "/api/orgs/", {"name": "x", "tags": {"a\u0000": 1}}),
    ],
)
def test_the_nul_character_is_refused_in_chinese(tree, personas, api, method, url, body):
    # PostgreSQL cannot keep it in text: the query would fail there instead of finding nothing.
    member = make_member(tree.grassroots)
    client = api(personas.street)
    url = url.format(member=member.pk)
    r = client.get(url) if method == "get" else post_json(client, url, body)
    assert r.status_code == 422, r.content
    assert "U+0000" in chinese(r)
    assert not Transfer.objects.exists()


def test_a_hardship_file_with_unknown_secondary_causes_is_refused(tree, personas, api):
    setup_lines_and_rules(tree.province)
    r = post_json(api(personas.street), "/api/assistance/households", {
        "org_id": tree.grassroots.pk, "name": "王五", "id_number": "440105198803120014",
        "political_status": "群众", "phone": "13800138000", "health": "良好", "work_status": "在岗",
        "marital": "已婚", "hukou_type": "城镇", "hukou_division": "440105", "address": "赤岗路1号",
        "housing": "自有", "insurance": "城镇职工", "monthly_income": "1000", "main_cause": "1",
        "secondary_causes": ["甲", "乙", "丙", "丁"],
    })  # fmt: skip
    assert r.status_code == 422, r.content
    assert "次要致困原因最多选择3项" in chinese(r)


def test_a_request_that_does_not_match_the_schema_is_refused_field_by_field_in_chinese(tree, personas, api):
    r = post_json(api(personas.city), "/api/bulletin/submissions", {"title": 5, "body": None})
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert errors["title"] == ["「title」应为文字。"] and errors["body"] == ["「body」应为文字。"]
    r = api(personas.city).get("/api/assistance/funds", {"year": "明年"})
    assert r.status_code == 422 and r.json()["errors"] == {"year": ["「year」应为整数。"]}
    r = post_json(api(personas.city), "/api/orgs/", "")
    assert r.status_code == 422 and r.json()["detail"] == "请填写请求内容。"


@pytest.mark.parametrize("record_id", [2**63, 18217952451338852966, -1, 0])
@pytest.mark.parametrize(
    ("method", "url", "field"),
    [
        ("post", "/api/mutualaid/enrolments/1/members", "member_ids"),
        ("post", "/api/training/courses/1/enrolments", "member_ids"),
        ("put", "/api/training/sessions/1/attendance", "present"),
    ],
)
def test_a_record_id_no_database_can_hold_is_refused_in_chinese(
    tree, personas, api, method, url, field, record_id
):
    # Found by the fuzzer: a number past 64 bits reached the query and failed there.
    client = api(personas.district)
    r = getattr(client, method)(url, json.dumps({field: [record_id]}), content_type="application/json")
    assert r.status_code == 422, r.content
    chinese(r)
