from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.jobfairs import actions
from gonghui.jobfairs.models import Position, ReviewState
from gonghui.kernel.codes import credit_code_make
from gonghui.units.models import Unit

from ..factories import make_employer, make_position


def test_a_bad_credit_code_is_refused_with_the_reason(fair):
    with pytest.raises(ValidationError) as exc:
        actions.employer_register(
            actor=None, fair=fair, credit_code="91440101MA59XXXX1X", name="某公司", industry="03"
        )
    assert "credit_code" in exc.value.message_dict


def test_a_known_unit_is_linked_and_lends_its_name_and_industry(tree, fair):
    code = credit_code_make("91", "440105", 77_000_001)
    unit = Unit.objects.create(credit_code=code, name="广州珠江啤酒股份有限公司", industry="03", unit_type="169",
                               employees=3000, registered_org=tree.haizhu, org=tree.haizhu)  # fmt: skip
    employer = actions.employer_register(actor=None, fair=fair, credit_code=code.lower())
    assert (employer.unit, employer.name, employer.industry, employer.credit_code) == (
        unit,
        unit.name,
        "03",
        code,
    )


def test_an_employer_registers_once_per_fair(fair):
    employer = make_employer(fair)
    with pytest.raises(ValidationError, match="已登记"):
        make_employer(fair, credit_code=employer.credit_code)


def test_only_the_organiser_registers_employers(fair, personas):
    with pytest.raises(PermissionDenied):
        make_employer(fair, actor=personas.district)


def test_the_organiser_approves_or_rejects_with_a_reason(fair, personas):
    employer = make_employer(fair, approve=False)
    with pytest.raises(PermissionDenied):
        actions.employer_approve(actor=personas.district, employer=employer)
    with pytest.raises(ValidationError):
        actions.employer_reject(actor=personas.city, employer=employer, reason="")
    rejected = actions.employer_reject(actor=personas.city, employer=employer, reason="营业执照已过期")
    assert (rejected.state, rejected.reason) == (ReviewState.REJECTED, "营业执照已过期")
    with pytest.raises(ValidationError, match="不能发布岗位"):
        make_position(rejected)


def test_a_position_waits_for_its_employer_and_checks_pay(fair):
    employer = make_employer(fair, approve=False)
    position = make_position(employer, approve=False)
    with pytest.raises(ValidationError, match="先审核单位"):
        actions.position_approve(actor=None, position=position)
    actions.employer_approve(actor=None, employer=employer)
    assert actions.positions_approve(actor=None, employer=employer) == 1
    assert Position.objects.get(pk=position.pk).state == ReviewState.APPROVED
    with pytest.raises(ValidationError, match="上限不能低于下限"):
        make_position(employer, pay_min=6000, pay_max=5000)
    with pytest.raises(ValidationError, match="技能"):
        make_position(employer, skills=["会飞"])


def test_a_position_takes_its_employers_industry_and_the_fairs_place(fair):
    position = make_position(make_employer(fair, industry="09"))
    assert (position.industry, position.division) == ("09", fair.division)
