from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.assistance import actions
from gonghui.assistance.models import Fund, FundEntry
from gonghui.assistance.selectors import fund_subtree_total, funds_for_actor

YEAR = 2026


def test_the_district_allocates_to_its_streets_from_its_own_fund(tree, personas):
    actions.fund_deposit(
        actor=personas.province, org=tree.haizhu, year=YEAR, amount="500000", note="区财政帮扶专项资金"
    )
    for street in (tree.street, tree.sibling_street):
        actions.fund_allocate(
            actor=personas.province, source=tree.haizhu, target=street, year=YEAR, amount="200000"
        )
    district = Fund.objects.get(org=tree.haizhu, year=YEAR)
    assert district.balance == Decimal("100000.00")
    assert Fund.objects.get(org=tree.street, year=YEAR).balance == Decimal("200000.00")
    assert fund_subtree_total(org=tree.haizhu, year=YEAR)["total"] == Decimal("500000.00")
    kinds = list(district.entries.order_by("id").values_list("kind", "amount", "balance_after"))
    assert kinds == [
        ("deposit", Decimal("500000.00"), Decimal("500000.00")),
        ("allocation_out", Decimal("-200000.00"), Decimal("300000.00")),
        ("allocation_out", Decimal("-200000.00"), Decimal("100000.00")),
    ]


def test_allocating_more_than_the_balance_changes_nothing(tree, personas):
    actions.fund_deposit(actor=None, org=tree.haizhu, year=YEAR, amount="1000", note="入账")
    with pytest.raises(ValidationError) as exc:
        actions.fund_allocate(actor=None, source=tree.haizhu, target=tree.street, year=YEAR, amount="1000.01")
    assert "不足支付 1000.01 元" in exc.value.message_dict["amount"][0]
    assert Fund.objects.get(org=tree.haizhu, year=YEAR).balance == Decimal("1000.00")
    assert FundEntry.objects.count() == 1


def test_funds_go_only_down_the_tree(tree):
    actions.fund_deposit(actor=None, org=tree.street, year=YEAR, amount="1000", note="入账")
    with pytest.raises(ValidationError):
        actions.fund_allocate(
            actor=None, source=tree.street, target=tree.sibling_street, year=YEAR, amount="10"
        )
    with pytest.raises(ValidationError):
        actions.fund_allocate(actor=None, source=tree.street, target=tree.haizhu, year=YEAR, amount="10")


def test_a_clerk_cannot_move_money(tree, personas):
    with pytest.raises(PermissionDenied):
        actions.fund_deposit(actor=personas.district, org=tree.haizhu, year=YEAR, amount="1000", note="入账")


def test_a_street_sees_its_own_fund_not_its_siblings(tree, personas):
    for org in (tree.street, tree.sibling_street):
        actions.fund_deposit(actor=None, org=org, year=YEAR, amount="10", note="入账")
    assert [f.org for f in funds_for_actor(actor=personas.street, year=YEAR)] == [tree.street]
    assert len(funds_for_actor(actor=personas.district, year=YEAR)) == 2
