"""Legal-aid and rights cases: intake, stages (咨询 → 调解 → 仲裁 → 诉讼), closing with the
outcome and the amount recovered."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gonghui.accounts.models import User
from gonghui.kernel import scope
from gonghui.kernel.audit import audit
from gonghui.orgs.models import Org
from gonghui.units.models import Unit

from ..models import (
    LABOUR_DISPUTES,
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
from ._common import require, text, today

MAX_AMOUNT = Decimal("999999999999.99")
NAME_SPLIT = re.compile(r"[\s,，、;；]+")


def money(value: Any, *, label: str) -> Decimal:
    """元 with two decimals from what a clerk types ("3,800,000", "12.5"); ValueError in Chinese."""
    if isinstance(value, float):
        raise ValueError(f"{label}应为精确的金额。")
    raw = str(value if value is not None else "").replace(",", "").replace("，", "").replace("元", "").strip()
    if not raw:
        return Decimal("0.00")
    try:
        amount = Decimal(raw)
    except InvalidOperation as exc:
        raise ValueError(f"{label}应为数字（元），如 3800000.00。") from exc
    if not amount.is_finite():
        raise ValueError(f"{label}应为数字（元）。")
    if amount < 0:
        raise ValueError(f"{label}不能为负数。")
    if amount > MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"{label}最多精确到分（两位小数）。")
    return amount.quantize(Decimal("0.01"))


def _lawyer_check(errors: dict[str, str], actor: User | None, lawyer: Provider | None, org: Org) -> None:
    if lawyer is None:
        return
    if lawyer.kind != ProviderKind.LAWYER or not lawyer.active:
        errors["lawyer"] = f"{lawyer.name}不是在岗的律师。"
    elif (
        not serves(lawyer.centre, org)
        and actor is not None
        and not scope.can(actor, "view", lawyer.centre.org)
    ):
        errors["lawyer"] = f"{lawyer.name}不为「{org.name}」提供服务。"


def _next_number(org: Org, year: int) -> str:
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


@transaction.atomic
def case_create(
    *, actor: User | None, org: Org, category: str, intake_on: dt.date | None, summary: str, parties: int,
    migrants: int = 0, party_names: Sequence[str] | str = (), employer_unit: Unit | None = None,
    employer_name: str = "", lawyer: Provider | None = None, amount_claimed: Any = None,
) -> RightsCase:  # fmt: skip
    require(actor, "edit", org)
    intake_on = intake_on or today()
    errors: dict[str, str] = {}
    if category not in CaseCategory.values:
        errors["category"] = "请选择案件类别。"
    if intake_on > today():
        errors["intake_on"] = "受理日期不能晚于今天。"
    clean_summary = (summary or "").strip()
    if not clean_summary:
        errors["summary"] = "请填写案情摘要。"
    elif len(clean_summary) > 2000:
        errors["summary"] = "案情摘要不能超过2000字。"
    if isinstance(parties, bool) or not isinstance(parties, int) or parties < 1:
        errors["parties"] = "涉及职工人数至少为1人。"
    elif parties > 100000:
        errors["parties"] = "涉及职工人数过大，请核对。"
    if isinstance(migrants, bool) or not isinstance(migrants, int) or migrants < 0:
        errors["migrants"] = "农民工人数不能为负数。"
    elif "parties" not in errors and migrants > parties:
        errors["migrants"] = f"其中农民工人数（{migrants}）不能大于涉及职工人数（{parties}）。"
    names = [n for n in (NAME_SPLIT.split(party_names) if isinstance(party_names, str) else party_names) if n]
    if "parties" not in errors and len(names) > parties:
        errors["party_names"] = f"列出的当事职工姓名（{len(names)}人）多于涉及职工人数（{parties}人）。"
    elif any(len(n) > 30 for n in names) or len("、".join(names)) > 500:
        errors["party_names"] = "当事职工姓名过长，请核对（每人一个姓名，用顿号或空格分隔）。"
    if employer_unit is not None and actor is not None and not scope.can(actor, "view", employer_unit.org):
        errors["employer_unit"] = "只能关联您管辖范围内登记的单位。"
    try:
        clean_employer = text(employer_name, label="用人单位名称", max_length=200, required=False)
    except ValueError as exc:
        errors["employer_name"] = str(exc)
        clean_employer = ""
    _lawyer_check(errors, actor, lawyer, org)
    claimed: Decimal | None = None
    if amount_claimed not in (None, ""):
        try:
            claimed = money(amount_claimed, label="诉求金额")
        except ValueError as exc:
            errors["amount_claimed"] = str(exc)
    if errors:
        raise ValidationError(errors)
    case = RightsCase.objects.create(
        org=org, number=_next_number(org, intake_on.year), category=category, intake_on=intake_on,
        summary=clean_summary, parties=parties, migrants=migrants, party_names="、".join(names),
        employer_unit=employer_unit, employer_name=clean_employer or (employer_unit.name if employer_unit else ""),
        lawyer=lawyer, amount_claimed=claimed,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )  # fmt: skip
    CaseStep.objects.create(
        case=case, to_stage=CaseStage.CONSULTATION, on=intake_on, note="受理", actor=case.created_by
    )
    audit(
        actor=actor, action="case.create", obj=case, org=org,
        detail={"category": case.get_category_display(), "parties": parties, "lawyer": lawyer.name if lawyer else ""},
    )  # fmt: skip
    return case


def _step_date(case: RightsCase, on: dt.date | None, errors: dict[str, str]) -> dt.date:
    on = on or today()
    if on > today():
        errors["on"] = "日期不能晚于今天。"
    elif on < case.intake_on:
        errors["on"] = f"日期不能早于受理日期（{case.intake_on:%Y-%m-%d}）。"
    last = case.steps.order_by("-on").values_list("on", flat=True).first()
    if "on" not in errors and last is not None and on < last:
        errors["on"] = f"日期不能早于上一办理环节（{last:%Y-%m-%d}）。"
    return on


def _locked(case: RightsCase) -> RightsCase:
    return (
        RightsCase.objects.select_for_update(of=("self",))
        .select_related("org", "lawyer__centre")
        .get(pk=case.pk)
    )


@transaction.atomic
def case_advance(
    *, actor: User | None, case: RightsCase, step: str, on: dt.date | None = None, note: str = ""
) -> RightsCase:
    """Take the case to mediation, arbitration or litigation."""
    case = _locked(case)
    require(actor, "edit", case.org)
    if step not in CASE_ADVANCE_STEPS:
        raise ValidationError({"step": "请选择办理环节（调解、仲裁或诉讼）。"})
    errors: dict[str, str] = {}
    on = _step_date(case, on, errors)
    try:
        clean_note = text(note, label="说明", max_length=300, required=False)
    except ValueError as exc:
        errors["note"] = str(exc)
        clean_note = ""
    if step == "litigate" and case.category in LABOUR_DISPUTES and case.stage != CaseStage.ARBITRATION:
        errors["step"] = "劳动争议须先经劳动争议仲裁，对裁决不服的才能向法院起诉（仲裁前置）。"
    if errors:
        raise ValidationError(errors)
    before = case.stage
    transition(CASE, case, step, actor=actor, org=case.org, detail={"on": str(on), "reason": clean_note})
    CaseStep.objects.create(
        case=case, from_stage=before, to_stage=case.stage, on=on, note=clean_note, actor=_who(actor)
    )
    return case


def _who(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


@transaction.atomic
def case_close(
    *, actor: User | None, case: RightsCase, outcome: str, amount_recovered: Any = 0, on: dt.date | None = None,
    note: str = "",
) -> RightsCase:  # fmt: skip
    case = _locked(case)
    require(actor, "edit", case.org)
    errors: dict[str, str] = {}
    if outcome not in CaseOutcome.values:
        errors["outcome"] = "请选择结案结果。"
    on = _step_date(case, on, errors)
    amount = Decimal("0.00")
    try:
        amount = money(amount_recovered, label="挽回经济损失")
    except ValueError as exc:
        errors["amount_recovered"] = str(exc)
    try:
        clean_note = text(note, label="结案说明", max_length=300, required=False)
    except ValueError as exc:
        errors["note"] = str(exc)
        clean_note = ""
    if errors:
        raise ValidationError(errors)
    before = case.stage
    case.outcome, case.amount_recovered, case.closed_on, case.outcome_note = outcome, amount, on, clean_note
    transition(
        CASE, case, "close", actor=actor, org=case.org,
        detail={"outcome": case.get_outcome_display(), "amount": f"{amount}元", "on": str(on)},
        extra_fields=("outcome", "amount_recovered", "closed_on", "outcome_note"),
    )  # fmt: skip
    CaseStep.objects.create(
        case=case, from_stage=before, to_stage=case.stage, on=on, note=clean_note, actor=_who(actor)
    )
    return case


@transaction.atomic
def case_stats_export_record(*, actor: User, org: Org, year: int | None, fmt: str) -> None:
    if not scope.can(actor, "view", org):
        raise PermissionDenied("无权导出该工会的统计。")
    audit(
        actor=actor,
        action="case.stats_export",
        org=org,
        detail={"within": org.name, "year": year or "全部", "format": fmt},
    )
