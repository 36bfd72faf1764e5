import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.core.models import AuditEntry
from gonghui.units.actions import contract_create, contract_end
from gonghui.units.models import CollectiveContract

from ..factories import make_contract, make_unit


def kwargs(**extra):
    base = {"kind": "regional", "title": "区域性集体合同", "signed_on": dt.date(2013, 1, 1),
            "expires_on": dt.date(2015, 12, 31), "workers_covered": 100}  # fmt: skip
    base.update(extra)
    return base


def test_an_industry_contract_of_a_town_covers_units_of_its_trade(tree, personas):
    a = make_unit(tree.street, "甲酒家", 80, industry="09", covering=tree.grassroots)
    b = make_unit(tree.street, "乙餐厅", 30, industry="09")
    c = contract_create(actor=personas.street, org=tree.street, units=[a, b], industry="09",
                        **kwargs(kind="industry", title="餐饮行业工资专项集体合同", workers_covered=110))  # fmt: skip
    assert set(c.units.all()) == {a, b} and c.industry == "09"
    assert AuditEntry.objects.get(action="contract.create").detail["units"] == ["甲酒家", "乙餐厅"]


def test_contract_rules_in_chinese_and_nothing_written(tree, personas):
    a = make_unit(tree.street, "甲厂", 80)
    b = make_unit(tree.street, "乙店", 30, industry="09")
    other = make_unit(tree.sibling_street, "新港厂", 50)
    cases = [
        (dict(units=[a, b], industry="09", **kwargs(kind="industry")), "units", "与合同行业"),
        (dict(units=[a, b], **kwargs(kind="single")), "units", "只覆盖一个单位"),
        (dict(units=[a], **kwargs()), "units", "两个以上单位"),
        (dict(units=[a, b], **kwargs(expires_on=dt.date(2012, 12, 31))), "expires_on", "应晚于签订日期"),
        (dict(units=[a, b], **kwargs(expires_on=dt.date(2016, 6, 30))), "expires_on", "1至3年"),
        (
            dict(units=[a, b], **kwargs(workers_covered=200)),
            "workers_covered",
            "超过所列单位的职工总数（110）",
        ),
        (dict(units=[a, b], **kwargs(title="")), "title", "请填写合同名称"),
    ]
    for args, field, text in cases:
        with pytest.raises(ValidationError) as exc:
            contract_create(actor=personas.street, org=tree.street, **args)
        assert text in "".join(exc.value.message_dict[field]), (field, exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        contract_create(actor=personas.district, org=tree.street, units=[a, other], **kwargs())
    assert "「新港厂」不在「赤岗街道总工会」的下辖范围内。" in exc.value.message_dict["units"][0]
    with pytest.raises(PermissionDenied):
        contract_create(actor=personas.sibling, org=tree.street, units=[a, b], **kwargs())
    assert not CollectiveContract.objects.exists()


def test_a_joint_union_may_conclude_a_regional_contract_but_an_enterprise_union_may_not(tree, personas):
    a = make_unit(tree.grassroots, "甲", 30)
    b = make_unit(tree.grassroots, "乙", 30)
    assert contract_create(
        actor=personas.grassroots, org=tree.grassroots, units=[a, b], **kwargs(workers_covered=60)
    )
    tree.grassroots.kind = "enterprise"
    with pytest.raises(ValidationError) as exc:
        contract_create(
            actor=personas.grassroots, org=tree.grassroots, units=[a, b], **kwargs(workers_covered=60)
        )
    assert "联合工会签订" in exc.value.message_dict["org"][0]


def test_ending_a_contract_early(tree, personas):
    a = make_unit(tree.street, "甲厂", 80)
    c = make_contract(tree.street, [a])
    with pytest.raises(ValidationError):
        contract_end(actor=personas.street, contract=c, reason="企业关闭", on=dt.date(2016, 1, 1))
    with pytest.raises(PermissionDenied):
        contract_end(actor=personas.sibling, contract=c, reason="越权", on=dt.date(2014, 1, 1))
    contract_end(actor=personas.street, contract=c, reason="企业关闭", on=dt.date(2014, 1, 1))
    assert CollectiveContract.objects.get(pk=c.pk).ended_on == dt.date(2014, 1, 1)
