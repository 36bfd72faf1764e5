"""Assistance records follow the tree: a merge hands everything the source held to the survivor
(funds folded with a ledger entry on each side), a split and a move leave records on their
unions, and a waiting application always waits at a union above it that still works."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse

from gonghui.assistance import actions
from gonghui.assistance.models import (
    Application,
    ApprovalRule,
    Batch,
    Fund,
    FundEntry,
    Household,
    Payment,
)
from gonghui.assistance.report import assistance_report
from gonghui.conftest import union_code
from gonghui.core.models import AuditEntry
from gonghui.kernel.cleaning import today
from gonghui.orgs.actions import org_dissolve, org_merge, org_move, org_split

from .factories import fund_with, make_household


def submit(household, amount, kind="living"):
    return actions.application_submit(
        actor=None, household=household, kind=kind, amount=amount, reason="困难"
    )


def bank_answer(batch, *, result="成功", reason=""):
    """The bank's return file for every line of a batch."""
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(["流水号", "户名", "金额", "处理结果", "失败原因"])
    for line in batch.lines.select_related("household").order_by("id"):
        out.writerow([line.pk, line.household.name, str(line.amount), result, reason])
    return buf.getvalue().encode("gb18030")


def assert_ledgers_exact():
    """Every fund's balance is the sum of its ledger, and each entry's running balance is right."""
    for fund in Fund.objects.all():
        total = fund.entries.aggregate(s=Sum("amount"))["s"] or Decimal("0.00")
        assert fund.balance == total, (fund, fund.balance, total)
        running = Decimal("0.00")
        for entry in fund.entries.order_by("id"):
            running += entry.amount
            assert entry.balance_after == running, (fund, entry)


@pytest.fixture
def two_cities(rules):
    """深圳 and 广州 both hold files, applications, funds of two years, a batch and payments;
    深圳 set its own approval rules (罗湖 approves up to 3,000, 深圳 above)."""
    this_year = today().year
    for level, limit in (("county", "3000"), ("city", None)):
        actions.approval_rule_set(actor=None, owner=rules.shenzhen, level=level, limit=limit)
    fund_with(rules.shenzhen, "30000")
    fund_with(rules.shenzhen, "500", year=this_year - 1)
    fund_with(rules.guangzhou, "10000")
    fund_with(rules.luohu, "5000")
    sz = make_household(rules.shenzhen, family=[], monthly_income="900", rigid_expenses="0")
    lh = make_household(rules.luohu, family=[], monthly_income="900", rigid_expenses="0")
    gz = make_household(rules.guangzhou, family=[])
    made = {
        "sz_waiting": submit(sz, "800"),
        "sz_paid": actions.application_pay(
            actor=None,
            application=actions.application_approve(actor=None, application=submit(sz, "1000", "medical")),
        ),
        "sz_approved": actions.application_approve(actor=None, application=submit(sz, "600", "visit")),
        "lh_waiting_at_sz": submit(lh, "5000"),
        "lh_at_luohu": submit(lh, "1000", "medical"),
        "gz_waiting": submit(gz, "700"),
    }
    batch = actions.batch_create(actor=None, org=rules.shenzhen, title="深圳送温暖", kind="warmth", amount="600",
                                 criteria=actions.Criteria(within=rules.shenzhen))  # fmt: skip
    actions.batch_approve(actor=None, batch=batch)
    return {"sz": sz, "lh": lh, "gz": gz, "batch": batch, **made}


def test_a_merge_hands_every_record_of_the_source_to_the_survivor(rules, personas, two_cities):
    this_year = today().year
    source_money = {f.year: f.balance for f in Fund.objects.filter(org=rules.shenzhen)}
    target_before = Fund.objects.get(org=rules.guangzhou, year=this_year).balance
    payments_at_source = Payment.objects.filter(org=rules.shenzhen).count()
    assert source_money == {this_year: Decimal("27200.00"), this_year - 1: Decimal("500.00")}

    org_merge(actor=personas.province, source=rules.shenzhen, target=rules.guangzhou)

    # Nothing is left on the source but its history (its funds at zero, the rules it set).
    assert not Household.objects.filter(org=rules.shenzhen).exists()
    assert not Application.objects.filter(org=rules.shenzhen).exists()
    assert not Application.objects.filter(approver=rules.shenzhen).exists()
    assert not Batch.objects.filter(org=rules.shenzhen).exists()
    assert not Payment.objects.filter(org=rules.shenzhen).exists()
    assert set(Fund.objects.filter(org=rules.shenzhen).values_list("balance", flat=True)) == {Decimal("0.00")}
    assert ApprovalRule.objects.filter(owner=rules.shenzhen).count() == 2
    assert not ApprovalRule.objects.filter(owner=rules.guangzhou).exists()
    # Every record is on the survivor.
    fresh = {k: type(v).objects.get(pk=v.pk) for k, v in two_cities.items()}
    assert fresh["sz"].org == rules.guangzhou and fresh["lh"].org == rules.luohu
    assert fresh["batch"].org == rules.guangzhou
    for key in ("sz_waiting", "sz_paid", "sz_approved"):
        assert (fresh[key].org, fresh[key].approver) == (rules.guangzhou, rules.guangzhou), key
    # 罗湖 now follows the province's rules (county up to 10,000): its application waits there.
    assert fresh["lh_waiting_at_sz"].approver == rules.luohu
    assert fresh["lh_at_luohu"].approver == rules.luohu and fresh["gz_waiting"].approver == rules.guangzhou
    # The money: folded year by year, a ledger entry on each side, every balance its ledger's sum.
    target = Fund.objects.get(org=rules.guangzhou, year=this_year)
    assert target.balance == target_before + source_money[this_year]
    assert Fund.objects.get(org=rules.guangzhou, year=this_year - 1).balance == Decimal("500.00")
    assert FundEntry.objects.filter(kind="merge_out").count() == 2
    assert FundEntry.objects.filter(kind="merge_in", fund=target).get().amount == source_money[this_year]
    assert_ledgers_exact()
    assert fresh["sz_approved"].fund == target and fresh["batch"].fund == target
    # The audit log says what moved.
    row = AuditEntry.objects.get(action="assistance.follow_merge")
    assert row.org == rules.guangzhou
    assert {k: row.detail[k] for k in ("households", "batches", "payments", "funds", "amount")} == {
        "households": 1, "batches": 1, "payments": payments_at_source, "funds": 2,
        "amount": str(source_money[this_year] + source_money[this_year - 1]),
    }  # fmt: skip
    assert AuditEntry.objects.filter(
        action="assistance.application.reroute", object_id=str(two_cities["lh_waiting_at_sz"].pk)
    ).exists()
    # The report counts the merged files under the survivor.
    report = assistance_report(actor=None, org=rules.province, year=this_year)
    assert report.total.households == Household.objects.filter(status="active").count() == 3


def test_after_a_merge_the_survivor_decides_pays_and_takes_refunds_into_its_fund(
    rules, personas, two_cities, login
):
    org_merge(actor=personas.province, source=rules.shenzhen, target=rules.guangzhou)
    target = Fund.objects.get(org=rules.guangzhou, year=today().year)
    before = target.balance
    client = login(personas.city)
    r = client.post(reverse("assistance:application_approve", args=[two_cities["sz_waiting"].pk]))
    assert r.status_code == 302
    r = client.post(
        reverse("assistance:application_pay", args=[two_cities["sz_approved"].pk]), {"paid_on": ""}
    )
    assert r.status_code == 302
    batch = two_cities["batch"]
    answer = bank_answer(batch, result="失败", reason="账户冻结")
    actions.batch_return_apply(actor=personas.city, batch=batch, data=answer, filename="回盘.csv")
    target.refresh_from_db()
    assert target.balance == before - Decimal("800.00") + Decimal("1200.00")
    assert_ledgers_exact()


def test_a_split_leaves_the_sub_unions_their_records(rules, personas):
    fund_with(rules.sibling_street, "3000")
    household = make_household(rules.sibling_grassroots, family=[])
    at_street = actions.application_approve(actor=None, application=submit(household, "800"))
    at_district = submit(household, "5000", "medical")
    new = org_split(actor=personas.city, org=rules.haizhu, new_name="海珠区新港片区总工会",
                    children=[rules.sibling_street], credit_code=union_code())  # fmt: skip

    household.refresh_from_db()
    assert household.org_id == rules.sibling_grassroots.pk
    assert Fund.objects.get(org=rules.sibling_street).balance == Decimal("2200.00")
    assert Payment.objects.get(application=at_street).org_id == rules.sibling_street.pk
    at_street.refresh_from_db()
    assert (at_street.org_id, at_street.approver_id) == (rules.sibling_grassroots.pk, rules.sibling_street.pk)
    # 海珠 is no longer above the community union: the new district union decides now.
    at_district.refresh_from_db()
    assert at_district.approver == new and at_district.state == "submitted"
    assert_ledgers_exact()


def test_a_move_sends_a_waiting_application_to_its_new_approver_and_leaves_approved_ones(
    rules, personas, login
):
    fund_with(rules.haizhu, "20000")
    household = make_household(rules.sibling_grassroots, family=[])
    waiting = submit(household, "5000")
    approved = actions.application_approve(actor=None, application=submit(household, "4000", "medical"))
    org_move(actor=personas.province, org=rules.sibling_street, new_parent=rules.luohu)

    waiting.refresh_from_db()
    assert waiting.approver == rules.luohu
    approved.refresh_from_db()
    assert approved.approver == rules.haizhu  # paid from 海珠's fund: 海珠 records the payment
    clerk = login(personas.district)
    assert clerk.get(reverse("assistance:application_detail", args=[approved.pk])).status_code == 200
    r = clerk.post(reverse("assistance:application_pay", args=[approved.pk]), {"paid_on": ""})
    assert r.status_code == 302 and Application.objects.get(pk=approved.pk).state == "paid"


def test_a_dissolved_approver_hands_its_waiting_applications_up(rules, personas):
    fund_with(rules.sibling_street, "1000")
    household = make_household(rules.sibling_grassroots, family=[])
    waiting = submit(household, "800")
    assert waiting.approver == rules.sibling_street
    org_dissolve(actor=personas.city, org=rules.sibling_grassroots, reason="企业关闭")
    org_dissolve(actor=personas.city, org=rules.sibling_street, reason="区划调整")

    waiting.refresh_from_db()
    assert waiting.approver == rules.haizhu and waiting.state == "submitted"
    assert Fund.objects.get(org=rules.sibling_street).balance == Decimal("1000.00")  # stays on its ledger
    assert AuditEntry.objects.filter(
        action="assistance.application.reroute", object_id=str(waiting.pk)
    ).exists()
    # Nothing new is routed to a union that no longer works.
    assert submit(make_household(rules.grassroots, family=[]), "800").approver == rules.street
