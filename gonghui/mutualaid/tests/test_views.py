"""The pages and the API, end to end: a union enrols its unit, the 代办点 records the money, a
member files a claim from the phone, the county approves and pays; quotas and the report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gonghui.core.models import AuditEntry
from gonghui.kernel import cleaning
from gonghui.members.actions import member_link_user
from gonghui.mutualaid.models import Claim, Enrolment, Quota

from .factories import PDF, covered, line_of, plan, workers

pytestmark = pytest.mark.django_db
YEAR = cleaning.today().year


def test_a_union_enrols_its_unit_from_the_register_and_the_street_records_the_money(tree, personas, login):
    people = workers(tree.grassroots, 15)
    client = login(personas.grassroots)
    assert client.get(reverse("mutualaid:home")).status_code == 200
    response = client.post(
        f"{reverse('mutualaid:enrolment_new')}?org={tree.grassroots.pk}", {"plan": plan().pk, "year": YEAR}
    )
    e = Enrolment.objects.get(org=tree.grassroots)
    assert response.status_code == 302 and response["Location"].endswith(f"/{e.pk}/")
    page = client.get(reverse("mutualaid:enrolment", args=[e.pk])).content.decode()
    assert all(p.name in page for p in people) and people[0].id_number not in page  # masked
    add = reverse("mutualaid:enrolment_add", args=[e.pk])
    response = client.post(add, {"member": [p.pk for p in people[:8]]})
    assert response.status_code == 422 and "六种重大疾病" in response.content.decode()
    client.post(add, {"member": [p.pk for p in people[:8]], "healthy": "1"})
    response = client.post(reverse("mutualaid:enrolment_submit", args=[e.pk]))
    assert response.status_code == 422
    assert "在职职工 15 人，至少 10 人参保，现有 8 人，还差 2 人" in response.content.decode()
    client.post(add, {"member": [p.pk for p in people[8:10]], "healthy": "1"})
    assert client.post(reverse("mutualaid:enrolment_submit", args=[e.pk])).status_code == 302
    assert client.get(reverse("mutualaid:enrolment_pay", args=[e.pk])).status_code == 403  # the union above

    street = login(personas.street)
    response = street.post(
        reverse("mutualaid:enrolment_pay", args=[e.pk]),
        {
            "amount": "600.00",
            "paid_on": cleaning.today().isoformat(),
            "method": "transfer",
            "reference": "HX2026001",
        },
    )
    assert response.status_code == 302
    e.refresh_from_db()
    assert e.state == "covered" and e.cover_start > cleaning.today()


def test_a_member_files_a_claim_on_the_phone_the_county_approves_and_pays(tree, personas, login, client):
    e = covered(tree.grassroots)
    share = line_of(e)
    member_link_user(actor=None, member=share.member, user=personas.member)
    phone = login(personas.member)
    assert share.plan.name in phone.get(reverse("mutualaid:me")).content.decode()
    benefit = share.plan.benefits.first()
    response = phone.post(
        reverse("mutualaid:me_claim"),
        {"line": share.pk, "benefit": benefit.pk, "event_date": (cleaning.today() - dt.timedelta(days=3)).isoformat(),
         "expense": "6800", "days": ""},
    )  # fmt: skip
    c = Claim.objects.get(line=share)
    assert response.status_code == 302 and c.by_member and c.payable == 3000
    for m in benefit.material_list:
        phone.post(
            reverse("mutualaid:claim_attach", args=[c.pk]),
            {"material": m, "file": SimpleUploadedFile("p.jpg", PDF)},
        )
    response = phone.post(
        reverse("mutualaid:claim_attach", args=[c.pk]),
        {"material": "诊断证明", "file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00")},
    )
    assert response.status_code == 422 and "不是PDF" in response.content.decode()
    assert c.files.count() == len(benefit.material_list)

    county = login(personas.city)
    assert county.post(reverse("mutualaid:claim_approve", args=[c.pk])).status_code == 302
    clerk = login(personas.district)
    assert clerk.post(reverse("mutualaid:claim_pay", args=[c.pk])).status_code == 302
    c.refresh_from_db()
    assert (c.state, c.payable) == ("paid", 3000)
    page = login(personas.member).get(reverse("mutualaid:me")).content.decode()
    assert "已给付" in page


def test_a_claim_file_is_downloaded_as_its_content_type(tree, personas, login):
    from .factories import claim

    c = claim(line_of(covered(tree.grassroots)))
    f = c.files.first()
    response = login(personas.grassroots).get(reverse("mutualaid:claim_file", args=[c.pk, f.pk]))
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"


def test_quotas_are_set_down_the_tree_from_the_page(tree, personas, login):
    client = login(personas.province)
    url = f"{reverse('mutualaid:quota_set')}?org={tree.province.pk}&year={YEAR}"
    assert client.post(url, {"target": tree.guangzhou.pk, "shares": "13500"}).status_code == 302
    city = login(personas.city)
    url = f"{reverse('mutualaid:quota_set')}?org={tree.guangzhou.pk}&year={YEAR}"
    response = city.post(url, {"target": tree.haizhu.pk, "shares": "14000"})
    assert response.status_code == 422 and "最多还能下达 13500 份" in response.content.decode()
    assert city.post(url, {"target": tree.haizhu.pk, "shares": "9000"}).status_code == 302
    assert city.post(url, {"target": tree.shenzhen.pk, "shares": "1"}).status_code == 404  # not below it
    page = city.get(f"{reverse('mutualaid:quotas')}?org={tree.guangzhou.pk}&year={YEAR}").content.decode()
    assert "9000" in page and "quota-chart" in page
    assert Quota.objects.get(org=tree.haizhu, year=YEAR).shares == 9000


def test_the_report_is_exported_and_audited(tree, personas, login):
    covered(tree.grassroots)
    client = login(personas.district)
    page = client.get(f"{reverse('mutualaid:report')}?org={tree.haizhu.pk}&year={YEAR}").content.decode()
    assert "广东省在职职工医疗互助保障计划" in page and "600.00" in page
    response = client.get(f"{reverse('mutualaid:report')}?org={tree.haizhu.pk}&year={YEAR}&format=csv")
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "广东省在职职工医疗互助保障计划,10,600.00,0,0.00,0.0" in body
    assert AuditEntry.objects.filter(action="mutualaid.report.export", actor=personas.district).exists()


def test_the_api_answers_with_abilities_and_refuses_in_chinese(tree, personas, login):
    e = covered(tree.grassroots)
    client = login(personas.city)
    from .factories import claim

    c = claim(line_of(e))
    answer = client.get(f"/api/mutualaid/claims/{c.pk}").json()
    assert answer["payable"] == "4000.00" and "approve" in answer["abilities"]
    answer = client.post(f"/api/mutualaid/claims/{c.pk}/approve").json()
    assert answer["state"] == "approved"
    response = login(personas.grassroots).post(
        f"/api/mutualaid/enrolments/{e.pk}/payments", {"amount": "1", "paid_on": "2026-01-01"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 403
    plans = client.get("/api/mutualaid/plans").json()
    assert {p["code"] for p in plans} >= {"gd-medical", "gd-women"}


def test_the_report_shows_each_unions_statement_and_payouts_by_quarter(tree, personas, login):
    from .factories import claim

    e = covered(tree.grassroots)
    from gonghui.mutualaid import actions

    actions.claim_pay(actor=None, claim=actions.claim_approve(actor=None, claim=claim(line_of(e))))
    page = login(personas.district).get(f"{reverse('mutualaid:report')}?org={tree.haizhu.pk}&year={YEAR}")
    html = page.content.decode()
    assert "赤岗街道总工会" in html and "600.00" in html and "4000.00" in html
    quarter = (cleaning.today().month - 1) // 3 + 1
    assert f"第{quarter}季度" in html


def test_quotas_through_the_api(tree, personas, login):
    client = login(personas.province)
    response = client.post(
        "/api/mutualaid/quotas", {"org_id": tree.guangzhou.pk, "year": YEAR, "shares": 100},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 200 and response.json()["quota"] == 100
    city = login(personas.city)
    response = city.post(
        "/api/mutualaid/quotas", {"org_id": tree.haizhu.pk, "year": YEAR, "shares": 101},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 422 and "最多还能下达 100 份" in response.json()["detail"]
    rows = city.get(f"/api/mutualaid/quotas/{tree.guangzhou.pk}?year={YEAR}").json()
    assert rows[0]["quota"] == 100 and {r["name"] for r in rows[1:]} == {"广州市海珠区总工会"}
    assert (
        login(personas.sibling).get(f"/api/mutualaid/quotas/{tree.guangzhou.pk}?year={YEAR}").status_code
        == 403
    )


def test_claim_materials_are_uploaded_listed_and_downloaded_through_the_api(tree, personas, login):
    from .factories import claim

    c = claim(line_of(covered(tree.grassroots)), files=False)
    client = login(personas.grassroots)
    answer = client.get(f"/api/mutualaid/claims/{c.pk}").json()
    assert (
        answer["materials"] == ["诊断证明", "住院发票", "费用清单", "出院小结"]
        and answer["missing"] == answer["materials"]
    )
    assert "attach" in answer["abilities"] and answer["files"] == []
    fake = client.post(
        f"/api/mutualaid/claims/{c.pk}/files",
        {"material": "诊断证明", "file": SimpleUploadedFile("诊断证明.pdf", b"MZ\x90\x00 not a pdf")},
    )
    assert fake.status_code == 422 and "不是PDF" in fake.json()["detail"].replace("、", "")
    made = client.post(
        f"/api/mutualaid/claims/{c.pk}/files",
        {"material": "诊断证明", "file": SimpleUploadedFile("scan.bin", PDF)},
    )
    assert made.status_code == 201 and made.json()["content_type"] == "application/pdf"
    answer = client.get(f"/api/mutualaid/claims/{c.pk}").json()
    assert (
        answer["missing"] == ["住院发票", "费用清单", "出院小结"]
        and answer["files"][0]["material"] == "诊断证明"
    )
    file_id = answer["files"][0]["id"]
    got = client.get(f"/api/mutualaid/claims/{c.pk}/files/{file_id}")
    assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
    assert b"".join(got.streaming_content) == PDF
    assert login(personas.sibling).get(f"/api/mutualaid/claims/{c.pk}/files/{file_id}").status_code == 403
    assert AuditEntry.objects.filter(action="mutualaid.claim.attach").count() == 1


def test_a_member_attaches_materials_to_their_own_claim_through_the_api(tree, personas, login, client):
    e = covered(tree.grassroots)
    line = line_of(e)
    member_link_user(actor=None, member=line.member, user=personas.member)
    client.force_login(personas.member)
    benefit = line.plan.benefits.first()
    filed = client.post(
        "/api/mutualaid/claims",
        {"line_id": line.pk, "benefit_id": benefit.pk, "event_date": str(cleaning.today() - dt.timedelta(days=3)),
         "expense": "5000"},
        content_type="application/json",
    )  # fmt: skip
    assert filed.status_code == 201 and filed.json()["by_member"] is True
    claim_id = filed.json()["id"]
    made = client.post(
        f"/api/mutualaid/claims/{claim_id}/files",
        {"material": "出院小结", "file": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert made.status_code == 201
    wrong = client.post(
        f"/api/mutualaid/claims/{claim_id}/files",
        {"material": "户口本", "file": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert wrong.status_code == 422 and wrong.json()["errors"]["material"] == ["请选择申领材料。"]
    assert Claim.objects.get(pk=claim_id).files.count() == 1
