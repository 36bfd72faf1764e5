import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.core.models import AuditEntry
from gonghui.units.actions import unit_create
from gonghui.units.models import Unit, UnitVersion

from ..factories import make_unit, unit_code

GOOD = {"name": "赤岗新厂", "industry": "03", "unit_type": "170", "employees": 60}


def test_create_a_unit_covered_by_a_joint_union_is_versioned_and_audited(tree, personas):
    unit = unit_create(actor=personas.street, registered_org=tree.street, covering_org=tree.grassroots,
                       credit_code=unit_code().lower() + "  ", on=dt.date(2013, 1, 1), **GOOD)  # fmt: skip
    assert unit.org == tree.grassroots and unit.registered_org == tree.street and unit.has_union
    assert unit.credit_code == unit.credit_code.upper().strip()
    v = UnitVersion.objects.get(unit=unit)
    assert (v.org_id, v.covering_org_id, v.employees, v.valid_from, v.valid_to) == (
        tree.grassroots.pk,
        tree.grassroots.pk,
        60,
        dt.date(2013, 1, 1),
        None,
    )
    entry = AuditEntry.objects.get(action="unit.create", object_id=str(unit.pk))
    assert entry.actor == personas.street and entry.org == tree.grassroots
    assert entry.detail["covering_org"] == "赤岗街道联合工会"


def test_a_grassroots_union_registering_a_unit_covers_it(tree, personas):
    unit = make_unit(tree.grassroots, "联合工会成员企业", 12, actor=personas.grassroots)
    assert unit.covering_org == tree.grassroots == unit.org


def test_every_bad_field_gets_a_chinese_message_and_nothing_is_written(tree, personas):
    with pytest.raises(ValidationError) as exc:
        unit_create(actor=personas.street, registered_org=tree.street, credit_code="91440105MA5C12345X",
                    name=" ", industry="99", unit_type="999", employees=10, women=11, division="123")  # fmt: skip
    errors = exc.value.message_dict
    assert errors["credit_code"] == ["统一社会信用代码校验位错误"]
    assert errors["name"] == ["必填，不能为空。"]
    assert "01至20" in errors["industry"][0] and "110至700" in errors["unit_type"][0]
    assert errors["women"] == ["女职工人数（11）不能大于职工人数（10）。"]
    assert errors["division"] == ["行政区划代码无效"]
    assert not Unit.objects.exists() and not AuditEntry.objects.filter(action="unit.create").exists()


def test_a_union_credit_code_is_refused_for_a_unit(tree, personas):
    with pytest.raises(ValidationError) as exc:
        unit_create(
            actor=personas.street, registered_org=tree.street, credit_code=tree.street.credit_code, **GOOD
        )
    assert "以81开头" in exc.value.message_dict["credit_code"][0]


def test_duplicate_credit_code_names_the_unit_only_inside_the_scope(tree, personas):
    other = make_unit(tree.sibling_street, "新港老厂", 30)
    with pytest.raises(ValidationError) as exc:
        unit_create(actor=personas.street, registered_org=tree.street, credit_code=other.credit_code, **GOOD)
    assert exc.value.message_dict["credit_code"] == [
        f"统一社会信用代码 {other.credit_code} 已由其他工会登记。"
    ]
    with pytest.raises(ValidationError) as exc:
        unit_create(
            actor=personas.district, registered_org=tree.street, credit_code=other.credit_code, **GOOD
        )
    assert "新港老厂" in exc.value.message_dict["credit_code"][0]


def test_street_officer_cannot_register_a_unit_in_the_sibling_street(tree, personas):
    with pytest.raises(PermissionDenied):
        unit_create(
            actor=personas.street, registered_org=tree.sibling_street, credit_code=unit_code(), **GOOD
        )
    with pytest.raises(PermissionDenied):
        unit_create(actor=personas.member, registered_org=tree.grassroots, credit_code=unit_code(), **GOOD)
    assert not Unit.objects.exists()


def test_the_covering_union_must_be_a_grassroots_union_under_the_registered_one(tree, personas):
    with pytest.raises(ValidationError) as exc:
        unit_create(actor=personas.district, registered_org=tree.street, covering_org=tree.sibling_grassroots,
                    credit_code=unit_code(), **GOOD)  # fmt: skip
    assert exc.value.message_dict["covering_org"] == ["「新港社区工会」不在「赤岗街道总工会」的下辖范围内。"]
    with pytest.raises(ValidationError) as exc:
        unit_create(actor=personas.district, registered_org=tree.haizhu, covering_org=tree.street,
                    credit_code=unit_code(), **GOOD)  # fmt: skip
    assert "不是基层工会" in exc.value.message_dict["covering_org"][0]
