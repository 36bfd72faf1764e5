from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gonghui.core.models import AuditEntry
from gonghui.services import actions
from gonghui.services.models import CaseStage, RightsCase
from gonghui.units.tests.factories import make_unit

from .. import factories as f


def test_intake_numbers_cases_per_union_and_year(tree, personas):
    a = f.make_case(tree.street, actor=personas.street)
    b = f.make_case(tree.street, actor=personas.street, category="work_injury")
    c = f.make_case(tree.sibling_street)
    assert (a.number, b.number, c.number) == ("2013-0001", "2013-0002", "2013-0001")
    assert a.stage == CaseStage.CONSULTATION
    assert [s.to_stage for s in a.steps.all()] == ["consultation"]
    assert AuditEntry.objects.filter(action="case.create", object_id=str(a.pk), org=tree.street).exists()


def test_intake_links_an_employer_unit_and_a_lawyer(svc, tree, personas):
    unit = make_unit(tree.grassroots, "赤岗某电子厂", 300)
    case = f.make_case(
        tree.street, actor=personas.street, employer_unit=unit, lawyer=svc.lawyer, party_names="张三、李四 王五",
    )  # fmt: skip
    assert case.employer_name == "赤岗某电子厂" and case.lawyer == svc.lawyer
    assert case.names == ["张三", "李四", "王五"]


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"parties": 0}, "parties", "至少为1人"),
        ({"parties": 2, "migrants": 3}, "migrants", "不能大于涉及职工人数"),
        ({"parties": 1, "party_names": "张三、李四"}, "party_names", "多于涉及职工人数"),
        ({"category": "robbery"}, "category", "请选择案件类别"),
        ({"summary": "  "}, "summary", "请填写案情摘要"),
        ({"amount_claimed": "12.345"}, "amount_claimed", "最多保留两位小数"),
        ({"amount_claimed": "-5"}, "amount_claimed", "不能为负数"),
    ],
)
def test_bad_intake_is_refused_in_chinese_and_nothing_is_written(tree, values, field, message):
    with pytest.raises(ValidationError) as exc:
        f.make_case(tree.street, **values)
    assert message in "".join(exc.value.message_dict[field])
    assert not RightsCase.objects.exists()


def test_intake_in_the_future_is_refused(tree):
    with pytest.raises(ValidationError, match="不能晚于今天"):
        f.make_case(tree.street, intake_on=timezone.localdate() + dt.timedelta(days=1))


def test_an_officer_cannot_take_a_case_for_a_union_outside_the_subtree(tree, personas):
    with pytest.raises(PermissionDenied):
        f.make_case(tree.sibling_street, actor=personas.street)


def test_a_counsellor_is_not_a_lawyer(svc, tree):
    with pytest.raises(ValidationError, match="不是在岗的律师"):
        f.make_case(tree.street, lawyer=svc.counsellor)


def test_stages_follow_the_workflow(tree, personas):
    case = f.make_case(tree.street, category="traffic")
    actions.case_advance(actor=personas.street, case=case, step="mediate", on=dt.date(2013, 3, 5))
    actions.case_advance(
        actor=personas.street, case=case, step="litigate", on=dt.date(2013, 4, 1), note="调解不成"
    )
    case.refresh_from_db()
    assert case.stage == CaseStage.LITIGATION
    with pytest.raises(ValidationError, match="当前状态为「诉讼」，不能转入调解"):
        actions.case_advance(actor=personas.street, case=case, step="mediate")
    assert [s.to_stage for s in case.steps.all()] == ["consultation", "mediation", "litigation"]


def test_labour_disputes_go_to_arbitration_before_court(tree, personas):
    case = f.make_case(tree.street, category="wages")
    with pytest.raises(ValidationError, match="仲裁前置"):
        actions.case_advance(actor=personas.street, case=case, step="litigate")
    actions.case_advance(actor=personas.street, case=case, step="arbitrate")
    actions.case_advance(actor=personas.street, case=case, step="litigate")
    case.refresh_from_db()
    assert case.stage == CaseStage.LITIGATION


def test_a_step_dated_before_intake_is_refused(tree, personas):
    case = f.make_case(tree.street)
    with pytest.raises(ValidationError, match="不能早于受理日期"):
        actions.case_advance(actor=personas.street, case=case, step="mediate", on=dt.date(2012, 1, 1))
    case.refresh_from_db()
    assert case.stage == CaseStage.CONSULTATION


def test_closing_records_outcome_and_the_exact_amount_recovered(tree, personas):
    case = f.make_case(tree.street)
    actions.case_close(
        actor=personas.street,
        case=case,
        outcome="resolved",
        amount_recovered="3,800,000.10",
        on=dt.date(2013, 5, 1),
    )
    case.refresh_from_db()
    assert case.stage == CaseStage.CLOSED and case.amount_recovered == Decimal("3800000.10")
    with pytest.raises(ValidationError, match="当前状态为「已结案」，不能结案"):
        actions.case_close(actor=personas.street, case=case, outcome="resolved")


def test_an_amount_as_float_or_text_is_refused(tree, personas):
    case = f.make_case(tree.street)
    # A float is read as the decimal it prints as; one that is not a sum of money is refused.
    with pytest.raises(ValidationError, match="最多保留两位小数"):
        actions.case_close(actor=personas.street, case=case, outcome="resolved", amount_recovered=0.1 + 0.2)
    with pytest.raises(ValidationError, match="应为金额"):
        actions.case_close(actor=personas.street, case=case, outcome="resolved", amount_recovered="三千")
    case.refresh_from_db()
    assert case.stage == CaseStage.CONSULTATION and case.amount_recovered == 0
