"""Legal-aid and rights cases: intake, stages (咨询 → 调解 → 仲裁 → 诉讼), closing with the
outcome and the amount recovered."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

from gonghui.accounts.models import User
from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.orgs.models import Org
from gonghui.units.models import Unit

from ..models import (
    CaseCategory,
    CaseOutcome,
    CaseStage,
    CaseStep,
    Provider,
    ProviderKind,
    RightsCase,
)
from ..selectors import serves
from ..workflow import CASE, CASE_ADVANCE_STEPS, transition
from ._common import Errors, gather, person, refuse

# Amounts of a case can be far beyond a grant's: a factory's unpaid wages, a court award.
MAX_AMOUNT = Decimal("999999999999.99")
NAME_SPLIT = re.compile(r"[\s,，、;；]+")


def _lawyer_check(errors: Errors, actor: User | None, lawyer: Provider | None, org: Org) -> None:
    if lawyer is None:
        return
    if lawyer.kind != ProviderKind.LAWYER or not lawyer.active:
        refuse(errors, "lawyer", f"{lawyer.name}不是在岗的律师。")
    elif (
        not serves(lawyer.centre, org)
        and actor is not None
        and not scope.can(actor, "view", lawyer.centre.org)
    ):
        refuse(errors, "lawyer", f"{lawyer.name}不为「{org.name}」提供服务。")


def next_case_number(org: Org, year: int) -> str:
    Org.objects.select_for_update().filter(pk=org.pk).first()  # numbers are given one at a time per union
    prefix = f"{year}-"
    last = (
        RightsCase.objects.filter(org=org, number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:04d}"


@action
def case_create(
    *, actor: User | None, org: Org, category: str, intake_on: dt.date | None, summary: str, parties: int,
    migrants: int = 0, party_names: Sequence[str] | str = (), employer_unit: Unit | None = None,
    employer_name: str = "", lawyer: Provider | None = None, amount_claimed: Any = None,
) -> RightsCase:  # fmt: skip
    scope.require(actor, "edit", org)
    intake_on = intake_on or cleaning.today()
    errors: Errors = {}
    if category not in CaseCategory.values:
        refuse(errors, "category", "请选择案件类别。")
    if intake_on > cleaning.today():
        refuse(errors, "intake_on", "受理日期不能晚于今天。")
    clean_summary = gather(errors, cleaning.body, summary, field="summary", label="案情摘要", max_length=2000)
    if isinstance(parties, bool) or not isinstance(parties, int) or parties < 1:
        refuse(errors, "parties", "涉及职工人数至少为1人。")
    elif parties > 100000:
        refuse(errors, "parties", "涉及职工人数过大，请核对。")
    if isinstance(migrants, bool) or not isinstance(migrants, int) or migrants < 0:
        refuse(errors, "migrants", "农民工人数不能为负数。")
    elif "parties" not in errors and migrants > parties:
        refuse(errors, "migrants", f"其中农民工人数（{migrants}）不能大于涉及职工人数（{parties}）。")
    names = [n for n in (NAME_SPLIT.split(party_names) if isinstance(party_names, str) else party_names) if n]
    if "parties" not in errors and len(names) > parties:
        refuse(
            errors, "party_names", f"列出的当事职工姓名（{len(names)}人）多于涉及职工人数（{parties}人）。"
        )
    elif any(len(n) > 30 for n in names) or len("、".join(names)) > 500:
        refuse(errors, "party_names", "当事职工姓名过长，请核对（每人一个姓名，用顿号或空格分隔）。")
    if employer_unit is not None and actor is not None and not scope.can(actor, "view", employer_unit.org):
        refuse(errors, "employer_unit", "只能关联您管辖范围内登记的单位。")
    clean_employer = gather(
        errors, cleaning.text, employer_name, field="employer_name", label="用人单位名称", max_length=200,
        required=False,
    )  # fmt: skip
    _lawyer_check(errors, actor, lawyer, org)
    claimed: Decimal | None = None
    if amount_claimed not in (None, ""):
        claimed = gather(
            errors,
            cleaning.money,
            amount_claimed,
            field="amount_claimed",
            label="诉求金额",
            maximum=MAX_AMOUNT,
        )
    if errors:
        raise Refused(errors)
    case = RightsCase.objects.create(
        org=org, number=next_case_number(org, intake_on.year), category=category, intake_on=intake_on,
        summary=clean_summary, parties=parties, migrants=migrants, party_names="、".join(names),
        employer_unit=employer_unit, employer_name=clean_employer or (employer_unit.name if employer_unit else ""),
        lawyer=lawyer, amount_claimed=claimed, created_by=person(actor),
    )  # fmt: skip
    CaseStep.objects.create(
        case=case, to_stage=CaseStage.CONSULTATION, on=intake_on, note="受理", actor=case.created_by
    )
    audit(
        actor=actor, action="case.create", obj=case, org=org,
        detail={"category": case.get_category_display(), "parties": parties, "lawyer": lawyer.name if lawyer else ""},
    )  # fmt: skip
    return case


def _step_date(case: RightsCase, on: dt.date | None, errors: Errors) -> dt.date:
    on = on or cleaning.today()
    if on > cleaning.today():
        refuse(errors, "on", "日期不能晚于今天。")
    elif on < case.intake_on:
        refuse(errors, "on", f"日期不能早于受理日期（{case.intake_on:%Y-%m-%d}）。")
    last = case.steps.order_by("-on").values_list("on", flat=True).first()
    if "on" not in errors and last is not None and on < last:
        refuse(errors, "on", f"日期不能早于上一办理环节（{last:%Y-%m-%d}）。")
    return on


def _locked(case: RightsCase) -> RightsCase:
    return (
        RightsCase.objects.select_for_update(of=("self",))
        .select_related("org", "lawyer__centre")
        .get(pk=case.pk)
    )


@action
def case_advance(
    *, actor: User | None, case: RightsCase, step: str, on: dt.date | None = None, note: str = ""
) -> RightsCase:
    """Take the case to mediation, arbitration or litigation (`workflow.CASE` says who may and
    from which stage; labour disputes go to arbitration before a court)."""
    case = _locked(case)
    if step not in CASE_ADVANCE_STEPS:
        raise Refused({"step": gettext("请选择办理环节（调解、仲裁或诉讼）。")})
    CASE.check(actor, case, step)  # who may, and whether the case allows it, before the form is read
    errors: Errors = {}
    on = _step_date(case, on, errors)
    clean_note = gather(
        errors, cleaning.text, note, field="note", label="说明", max_length=300, required=False
    )
    if errors:
        raise Refused(errors)
    before = case.stage
    transition(CASE, case, step, actor=actor, detail={"on": str(on), "reason": clean_note})
    CaseStep.objects.create(
        case=case, from_stage=before, to_stage=case.stage, on=on, note=clean_note, actor=person(actor)
    )
    return case


@action
def case_close(
    *, actor: User | None, case: RightsCase, outcome: str, amount_recovered: Any = 0, on: dt.date | None = None,
    note: str = "",
) -> RightsCase:  # fmt: skip
    """Close the case with its outcome and the economic loss recovered (exact to the fen)."""
    case = _locked(case)
    CASE.check(actor, case, "close")
    errors: Errors = {}
    if outcome not in CaseOutcome.values:
        refuse(errors, "outcome", "请选择结案结果。")
    on = _step_date(case, on, errors)
    amount = gather(
        errors,
        cleaning.money,
        amount_recovered,
        field="amount_recovered",
        label="挽回经济损失",
        maximum=MAX_AMOUNT,
    )
    clean_note = gather(
        errors, cleaning.text, note, field="note", label="结案说明", max_length=300, required=False
    )
    if errors:
        raise Refused(errors)
    before = case.stage
    case.outcome, case.amount_recovered, case.closed_on, case.outcome_note = (
        outcome,
        amount,
        on,
        clean_note,
    )
    transition(
        CASE, case, "close", actor=actor,
        detail={"outcome": case.get_outcome_display(), "amount": f"{amount}元", "on": str(on)},
        extra_fields=("outcome", "amount_recovered", "closed_on", "outcome_note"),
    )  # fmt: skip
    CaseStep.objects.create(
        case=case, from_stage=before, to_stage=case.stage, on=on, note=clean_note, actor=person(actor)
    )
    return case


@action
def case_stats_export_record(*, actor: User, org: Org, year: int | None, fmt: str) -> None:
    if not scope.can(actor, "view", org):
        raise PermissionDenied("无权导出该工会的统计。")
    audit(
        actor=actor,
        action="case.stats_export",
        org=org,
        detail={"within": org.name, "year": year or "全部", "format": fmt},
    )
