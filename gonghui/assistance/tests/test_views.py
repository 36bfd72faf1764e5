"""The pages: parse, call one action or selector, render; refused input answers 422."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from gonghui.assistance import actions
from gonghui.assistance.models import Application, Household
from gonghui.core.models import AuditEntry

from .factories import family_rows, fund_with, make_household, worker_values


def household_post(**overrides) -> dict:
    values = worker_values(**overrides)
    data = {k: v for k, v in values.items() if k != "secondary_causes"}
    data["secondary_causes"] = values["secondary_causes"]
    family = family_rows()
    data.update({"family-TOTAL_FORMS": "3", "family-INITIAL_FORMS": "0", "family-MIN_NUM_FORMS": "0",
                 "family-MAX_NUM_FORMS": "12"})  # fmt: skip
    for i, row in enumerate(family):
        for k, v in row.items():
            data[f"family-{i}-{k}"] = v
    return data


def test_officer_files_a_household_through_the_form(rules, personas, login):
    client = login(personas.street)
    r = client.post(f"{reverse('assistance:household_create')}?org={rules.grassroots.pk}", household_post())
    assert r.status_code == 302, r.content.decode()[:3000]
    household = Household.objects.get()
    assert household.family.count() == 2 and household.tier == "deep"
    page = client.get(r.url).content.decode()
    assert "深度困难" in page and "333.33" in page
    assert household.id_number not in page and household.id_number[:3] + "*" in page
    assert "6222020200112233445" not in page and "3445" in page


def test_a_bad_id_answers_422_and_files_nothing(rules, personas, login):
    client = login(personas.street)
    r = client.post(reverse("assistance:household_create"), household_post(id_number="440105197803010000"))
    assert r.status_code == 422
    assert "身份证号校验位错误" in r.content.decode()
    assert not Household.objects.exists()


def test_a_family_member_on_another_file_answers_422(rules, personas, login):
    first = make_household(rules.grassroots)
    data = household_post()
    data["family-0-id_number"] = first.family.get(relation="配偶").id_number
    r = login(personas.sibling).post(
        f"{reverse('assistance:household_create')}?org={rules.sibling_grassroots.pk}", data
    )
    assert r.status_code == 422
    page = r.content.decode()
    assert "已有困难职工档案，由其他工会持有" in page
    assert first.file_no not in page and rules.grassroots.name not in page
    assert reverse("assistance:household_detail", args=[first.pk]) not in page
    assert Household.objects.count() == 1


def test_a_person_on_a_file_in_the_officers_scope_is_linked_to_it(rules, personas, login):
    first = make_household(rules.grassroots)
    r = login(personas.district).post(
        f"{reverse('assistance:household_create')}?org={rules.sibling_grassroots.pk}",
        household_post(id_number=first.id_number),
    )
    assert r.status_code == 422
    page = r.content.decode()
    assert first.file_no in page and reverse("assistance:household_detail", args=[first.pk]) in page


def test_reveal_shows_the_full_numbers_and_is_audited(rules, personas, login):
    household = make_household(rules.grassroots)
    r = login(personas.street).post(reverse("assistance:household_reveal", args=[household.pk]))
    assert r.status_code == 200 and household.id_number in r.content.decode()
    assert AuditEntry.objects.filter(action="pii.reveal", object_id=str(household.pk)).exists()
    r = login(personas.district).post(reverse("assistance:household_reveal", args=[household.pk]))
    assert r.status_code == 403  # a clerk views, does not reveal


def test_apply_approve_and_pay_through_the_pages(rules, personas, login):
    household = make_household(rules.grassroots)
    fund_with(rules.street, "3000")
    client = login(personas.street)
    r = client.post(reverse("assistance:application_create", args=[household.pk]),
                    {"kind": "medical", "amount": "1500", "reason": "妻子化疗"})  # fmt: skip
    assert r.status_code == 302
    application = Application.objects.get()
    assert application.approver == rules.street
    assert client.post(reverse("assistance:application_approve", args=[application.pk])).status_code == 302
    assert (
        client.post(reverse("assistance:application_pay", args=[application.pk]), {"paid_on": ""}).status_code
        == 302
    )
    application.refresh_from_db()
    assert application.state == "paid"


def test_a_clerk_of_the_approving_union_records_the_payment_in_the_page_and_the_api(rules, personas, login):
    fund_with(rules.street, "3000")
    paid = []
    for _ in range(2):
        application = actions.application_submit(
            actor=None,
            household=make_household(rules.grassroots),
            kind="medical",
            amount="500",
            reason="住院",
        )
        actions.application_approve(actor=personas.street, application=application)
        paid.append(application)
    clerk = login(personas.district)  # 海珠区's clerk: view and edit over the street, no approval
    r = clerk.post(reverse("assistance:application_pay", args=[paid[0].pk]), {"paid_on": ""})
    assert r.status_code == 302
    assert clerk.post(f"/api/assistance/applications/{paid[1].pk}/pay").status_code == 200
    assert [Application.objects.get(pk=a.pk).state for a in paid] == ["paid", "paid"]


def test_rejecting_without_a_reason_answers_422(rules, personas, login):
    household = make_household(rules.grassroots)
    application = actions.application_submit(
        actor=None, household=household, kind="living", amount="500", reason="困难"
    )
    r = login(personas.street).post(
        reverse("assistance:application_reject", args=[application.pk]), {"reason": ""}
    )
    assert r.status_code == 422 and "不予批准须填写理由" in r.content.decode()
    application.refresh_from_db()
    assert application.state == "submitted"


def test_an_overspend_answers_422_with_the_balance(rules, personas, login):
    household = make_household(rules.grassroots)
    fund_with(rules.street, "100")
    application = actions.application_submit(
        actor=None, household=household, kind="living", amount="500", reason="困难"
    )
    r = login(personas.street).post(reverse("assistance:application_approve", args=[application.pk]))
    assert r.status_code == 422 and "余额 100.00 元，不足支付 500.00 元" in r.content.decode()


def test_the_district_sees_what_waits_for_it(rules, personas, login):
    household = make_household(rules.grassroots)
    actions.application_submit(actor=None, household=household, kind="living", amount="5000", reason="困难")
    from gonghui.conftest import make_user

    approver = make_user("haizhu_approver", rules.haizhu, "approver")
    page = login(approver).get(reverse("assistance:applications"), {"todo": "1"}).content.decode()
    assert "陈建华" in page
    # The district's clerk views and edits but does not approve.
    page = login(personas.district).get(reverse("assistance:applications"), {"todo": "1"}).content.decode()
    assert "陈建华" not in page
    page = login(personas.street).get(reverse("assistance:applications"), {"todo": "1"}).content.decode()
    assert "陈建华" not in page


@pytest.mark.parametrize("name", ["households", "duplicates", "applications", "funds", "batches", "report",
                                  "lines", "rules", "household_create", "batch_create", "me"])  # fmt: skip
def test_every_page_renders_for_a_street_officer(rules, personas, login, name):
    make_household(rules.grassroots)
    assert login(personas.street).get(reverse(f"assistance:{name}")).status_code == 200


def test_the_searches_find_stale_files_and_households_never_helped(rules, personas, login):
    import datetime as dt

    from django.utils import timezone

    old = make_household(rules.grassroots, name="王老旧", family=[])
    make_household(rules.grassroots, name="李新近", family=[])
    Household.objects.filter(pk=old.pk).update(updated_at=timezone.now() - dt.timedelta(days=400))
    client = login(personas.street)
    page = client.get(reverse("assistance:households"), {"search": "stale"}).content.decode()
    assert "王老旧" in page and "李新近" not in page
    fund_with(rules.street, "1000")
    a = actions.application_submit(actor=None, household=old, kind="visit", amount="300", reason="慰问")
    actions.application_approve(actor=None, application=a)
    page = client.get(reverse("assistance:households"), {"search": "never"}).content.decode()
    assert "李新近" in page and "王老旧" not in page


def test_the_report_exports_xlsx_with_a_watermark(rules, personas, login):
    import io

    from python_calamine import CalamineWorkbook

    make_household(rules.grassroots)
    r = login(personas.street).get(reverse("assistance:report_export"), {"format": "xlsx"})
    assert r.status_code == 200
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(r.getvalue())).get_sheet_by_index(0).to_python()
    assert sheet[0][0].startswith("导出人：")
    assert sheet[-1][0] == "合计" and sheet[-1][1] == 1.0
    assert AuditEntry.objects.filter(action="assistance.report.export").exists()


def test_administrators_edit_lines_and_rules_in_pages(rules, personas, login):
    client = login(personas.city)
    r = client.post(
        reverse("assistance:lines"),
        {"division": "440105", "year": "2026", "monthly": "1350", "note": "区民政局通知"},
    )
    assert r.status_code == 302
    r = login(personas.street).post(
        reverse("assistance:lines"), {"division": "440100", "year": "2026", "monthly": "1"}
    )
    assert r.status_code == 403
    r = login(personas.city).post(f"{reverse('assistance:rules')}?org={rules.guangzhou.pk}",
                                  {"level": "town", "limit": "3000", "escalate_days": "7", "publicity_days": "3"})  # fmt: skip
    assert r.status_code == 302
    from gonghui.assistance.models import ApprovalRule

    assert ApprovalRule.objects.get(owner=rules.guangzhou, level="town").limit == Decimal("3000.00")


def test_the_edit_page_shows_numbers_masked_and_keeps_them_when_sent_back(rules, personas, login):
    household = make_household(rules.grassroots)
    spouse = household.family.get(relation="配偶")
    client = login(personas.district)  # a clerk: edits, may not reveal
    page = client.get(reverse("assistance:household_edit", args=[household.pk])).content.decode()
    assert household.id_number not in page and spouse.id_number not in page
    assert "6222020200112233445" not in page and "13800138000" not in page
    data = household_post(id_number=household.id_number_masked, phone=household.phone_masked,
                          bank_account=household.bank_account_masked, monthly_income="1600")  # fmt: skip
    for i, m in enumerate(household.family.order_by("id")):
        data[f"family-{i}-id_number"] = m.id_number_masked
        data[f"family-{i}-member_id"] = str(m.pk)
    data["family-INITIAL_FORMS"] = "2"
    r = client.post(reverse("assistance:household_edit", args=[household.pk]), data)
    assert r.status_code == 302, r.content.decode()[:2000]
    household.refresh_from_db()
    assert household.monthly_income == Decimal("1600.00")
    assert household.bank_account == "6222020200112233445" and household.phone == "13800138000"
    assert household.family.get(relation="配偶").id_number == spouse.id_number


def test_a_suspected_duplicate_out_of_sight_is_flagged_without_its_number(rules, personas, login):
    from .actions.test_household_merge import copy_spouse_into_new_file

    first = make_household(rules.grassroots)
    other = copy_spouse_into_new_file(first, rules.sibling_grassroots)
    street = login(personas.street)  # sees the first file only
    for url in (reverse("assistance:household_detail", args=[first.pk]), reverse("assistance:duplicates")):
        page = street.get(url).content.decode()
        assert "另一工会持有的档案" in page, url
        assert other.file_no not in page and rules.sibling_grassroots.name not in page, url
    district = login(personas.district)  # sees both
    for url in (reverse("assistance:household_detail", args=[first.pk]), reverse("assistance:duplicates")):
        page = district.get(url).content.decode()
        assert other.file_no in page and reverse("assistance:household_detail", args=[other.pk]) in page, url


def test_a_masked_number_that_is_not_the_stored_one_is_refused_not_kept(rules, personas, login):
    household = make_household(rules.grassroots, family=[])
    data = household_post(id_number=household.id_number_masked, phone="139****0000",
                          bank_account=household.bank_account_masked, monthly_income="1600")  # fmt: skip
    data.update({"family-TOTAL_FORMS": "1", "family-INITIAL_FORMS": "0"})
    for k in [k for k in data if k.startswith("family-0-")]:
        del data[k]
    r = login(personas.district).post(reverse("assistance:household_edit", args=[household.pk]), data)
    assert r.status_code == 422 and "手机号码已遮盖显示" in r.content.decode()
    household.refresh_from_db()
    assert household.phone == "13800138000" and household.monthly_income == Decimal("1500.00")
