"""Approval routing is data: the rules' thresholds and levels decide who approves."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.assistance import actions
from gonghui.assistance.models import Application, ApprovalRule
from gonghui.core.models import AuditEntry

from ..factories import make_household


@pytest.fixture
def household(rules):
    return make_household(rules.grassroots)


def submit(household, amount, kind="living", actor=None):
    return actions.application_submit(
        actor=actor, household=household, kind=kind, amount=amount, reason="患病住院，收入骤减"
    )


@pytest.mark.parametrize(
    ("amount", "approver"),
    [
        ("2000.00", "street"),
        ("2000.01", "haizhu"),
        ("10000", "haizhu"),
        ("10000.01", "guangzhou"),
        ("150000", "guangzhou"),
    ],
)
def test_the_amount_decides_the_approving_level(rules, household, amount, approver):
    assert submit(household, amount).approver == getattr(rules, approver)


def test_administrators_change_thresholds_without_code(rules, household, personas):
    actions.approval_rule_set(actor=personas.province, owner=rules.province, level="town", limit="5000")
    assert submit(household, "4000").approver == rules.street


def test_a_city_may_set_its_own_rules_under_the_provinces(rules, household, personas):
    actions.approval_rule_set(actor=personas.city, owner=rules.guangzhou, level="county", limit="3000")
    actions.approval_rule_set(actor=personas.city, owner=rules.guangzhou, level="city", limit=None)
    # 广州's rules have no street level: the district approves from the first yuan.
    assert submit(household, "1000").approver == rules.haizhu
    assert submit(household, "3000.01", kind="medical").approver == rules.guangzhou


def test_a_street_officer_cannot_change_the_provinces_rules(rules, personas):
    with pytest.raises(PermissionDenied):
        actions.approval_rule_set(actor=personas.street, owner=rules.province, level="town", limit="100000")
    assert ApprovalRule.objects.get(owner=rules.province, level="town").limit == Decimal("2000.00")


def test_a_street_cannot_set_its_own_authority(rules, personas):
    with pytest.raises(PermissionDenied):
        actions.approval_rule_set(actor=personas.street, owner=rules.street, level="town", limit="1000000")
    assert not ApprovalRule.objects.filter(owner=rules.street).exists()


def test_several_types_stack_but_not_two_open_of_one_type(rules, household):
    submit(household, "800", kind="living")
    submit(household, "1500", kind="schooling")
    with pytest.raises(ValidationError) as exc:
        submit(household, "300", kind="living")
    assert "已有一份审批中的「生活救助」申请" in exc.value.message_dict["kind"][0]
    assert Application.objects.count() == 2


def test_bad_amounts_and_a_missing_reason_change_nothing(rules, household):
    before = AuditEntry.objects.count()
    for amount in ("0", "-5", "abc", "12.345", ""):
        with pytest.raises(ValidationError):
            submit(household, amount)
    with pytest.raises(ValidationError) as exc:
        actions.application_submit(actor=None, household=household, kind="living", amount="100", reason=" ")
    assert exc.value.message_dict["reason"] == ["请填写申请理由（困难情况）。"]
    assert not Application.objects.exists() and AuditEntry.objects.count() == before


def test_a_float_that_is_no_sum_of_money_is_refused(rules, household):
    with pytest.raises(ValidationError):
        submit(household, 100.005)
    assert not Application.objects.filter(household=household).exists()


def test_a_sibling_street_cannot_apply_for_this_household(rules, household, personas):
    with pytest.raises(PermissionDenied):
        submit(household, "500", actor=personas.sibling)


def test_without_any_rules_the_officer_is_told_so(rules, household):
    ApprovalRule.objects.all().delete()
    with pytest.raises(ValidationError) as exc:
        submit(household, "500")
    assert "尚未设置帮扶审批权限规则" in exc.value.messages[0]
