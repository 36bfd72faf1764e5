from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.assistance import actions
from gonghui.assistance.models import Application, Fund, FundEntry, Payment
from gonghui.core.models import AuditEntry

from ..factories import fund_with, make_household


@pytest.fixture
def household(rules):
    return make_household(rules.grassroots)


def submit(household, amount, kind="living"):
    return actions.application_submit(
        actor=None, household=household, kind=kind, amount=amount, reason="重病住院"
    )


def test_approval_debits_the_approving_unions_fund_and_pay_closes_it(rules, household, personas):
    fund = fund_with(rules.street, "5000")
    application = actions.application_approve(actor=personas.street, application=submit(household, "1800"))
    assert application.state == Application.State.APPROVED
    fund.refresh_from_db()
    assert fund.balance == Decimal("3200.00")
    entry = FundEntry.objects.get(kind="disbursement")
    assert entry.amount == Decimal("-1800.00") and entry.balance_after == Decimal("3200.00")
    paid = actions.application_pay(actor=personas.street, application=application)
    assert paid.state == Application.State.PAID
    assert Payment.objects.get(application=application).status == Payment.Status.PAID
    steps = list(
        AuditEntry.objects.filter(action__startswith="assistance.application.").values_list(
            "action", flat=True
        )
    )
    assert set(steps) >= {
        "assistance.application.submit",
        "assistance.application.approve_now",
        "assistance.application.pay",
    }


def test_an_overspend_is_refused_in_chinese_and_nothing_changes(rules, household, personas):
    fund = fund_with(rules.street, "1000")
    application = submit(household, "1500")
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        actions.application_approve(actor=personas.street, application=application)
    assert "余额 1000.00 元，不足支付 1500.00 元" in exc.value.messages[0]
    fund.refresh_from_db()
    application.refresh_from_db()
    assert fund.balance == Decimal("1000.00") and application.state == "submitted"
    assert not Payment.objects.exists() and FundEntry.objects.count() == 1
    assert AuditEntry.objects.count() == before


def test_the_street_cannot_approve_what_was_routed_to_the_district(rules, household, personas):
    fund_with(rules.street, "50000")
    application = submit(household, "5000")
    with pytest.raises(PermissionDenied):
        actions.application_approve(actor=personas.street, application=application)


def test_rejection_needs_a_reason(rules, household, personas):
    application = submit(household, "800")
    with pytest.raises(ValidationError) as exc:
        actions.application_reject(actor=personas.street, application=application, reason="  ")
    assert exc.value.message_dict["reason"] == ["不予批准须填写理由。"]
    application.refresh_from_db()
    assert application.state == "submitted"
    rejected = actions.application_reject(
        actor=personas.street, application=application, reason="家庭收入已超过标准"
    )
    assert rejected.state == "rejected" and rejected.reject_reason == "家庭收入已超过标准"


def test_publicity_then_objection_returns_the_money(rules, household, personas):
    actions.approval_rule_set(actor=None, owner=rules.province, level="town", limit="2000", publicity_days=5)
    fund = fund_with(rules.street, "5000")
    application = actions.application_approve(actor=personas.street, application=submit(household, "1000"))
    assert application.state == "publicity" and application.publicity_until is not None
    with pytest.raises(ValidationError):
        actions.application_end_publicity(actor=personas.street, application=application)
    actions.application_reject(
        actor=personas.street, application=application, reason="公示期间收到实名异议，经核实属实"
    )
    fund.refresh_from_db()
    assert fund.balance == Decimal("5000.00")
    assert list(FundEntry.objects.order_by("id").values_list("kind", flat=True)) == [
        "deposit",
        "disbursement",
        "refund",
    ]
    assert not Payment.objects.exists()


def test_publicity_ends_by_itself_when_the_period_is_over(rules, household, personas, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    actions.approval_rule_set(actor=None, owner=rules.province, level="town", limit="2000", publicity_days=5)
    fund_with(rules.street, "5000")
    application = actions.application_approve(actor=personas.street, application=submit(household, "1000"))
    last_day = application.publicity_until
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: last_day - dt.timedelta(days=1))
    assert actions.applications_publicity_close() == []
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: last_day)
    assert [a.pk for a in actions.applications_publicity_close()] == [application.pk]
    application.refresh_from_db()
    assert application.state == "approved"


def test_a_decided_application_cannot_be_approved_twice(rules, household, personas):
    fund = fund_with(rules.street, "5000")
    application = actions.application_approve(actor=personas.street, application=submit(household, "1000"))
    with pytest.raises(ValidationError) as exc:
        actions.application_approve(actor=personas.street, application=application)
    assert "不能批准" in exc.value.messages[0]
    assert Fund.objects.get(pk=fund.pk).balance == Decimal("4000.00")
