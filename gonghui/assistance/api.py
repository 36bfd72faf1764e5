"""The assistance API: the same selectors and actions as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone
from ninja import Field, Router, Schema, Status

from gonghui.kernel import cleaning
from gonghui.kernel.schemas import abilities_of
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.selectors import org_get_for_actor

from . import actions, selectors
from .abilities import application_abilities, household_abilities
from .models import Application, Fund, Household
from .report import assistance_report

router = Router(tags=["困难帮扶"])


class FamilyIn(Schema):
    name: str
    relation: str
    id_number: str
    monthly_income: Decimal = Decimal("0")
    identity: str
    insurance: str
    health: str = "良好"
    political_status: str = "群众"
    school_or_employer: str = ""


class HouseholdIn(Schema):
    org_id: int
    name: str
    id_number: str
    ethnicity: str = "汉族"
    political_status: str
    phone: str
    health: str
    disability: str = ""
    work_status: str
    model_worker: str = "无"
    marital: str
    hukou_type: str
    hukou_division: str
    address: str
    housing: str
    insurance: str
    monthly_income: Decimal
    other_income: Decimal = Decimal("0")
    rigid_expenses: Decimal = Decimal("0")
    hardship_costs: Decimal = Decimal("0")
    major_event: bool = False
    main_cause: str
    secondary_causes: list[str] = []
    cause_note: str = ""
    employer: str = ""
    bank_name: str = ""
    bank_branch: str = ""
    bank_account: str = ""
    family: list[FamilyIn] = []


class HouseholdOut(Schema):
    id: int
    file_no: str
    org_id: int
    name: str
    id_number: str = Field(..., alias="id_number_masked", description="脱敏显示")
    tier: str
    tier_label: str = Field(..., alias="get_tier_display")
    per_capita: Decimal
    line: Decimal
    size: int
    main_cause: str
    secondary_causes: list[str]
    status: str
    verified_on: dt.date


class HouseholdDetailOut(HouseholdOut):
    abilities: list[str] = Field(..., description="调用者现在可以对该档案办理的事项")

    resolve_abilities = abilities_of(household_abilities)


class HouseholdPage(Schema):
    items: list[HouseholdOut]
    next_before: int | None


class ApplicationIn(Schema):
    kind: str
    amount: Decimal
    reason: str


class ApplicationOut(Schema):
    id: int
    household_id: int
    org_id: int
    kind: str
    kind_label: str = Field(..., alias="get_kind_display")
    amount: Decimal
    reason: str
    state: str
    state_label: str = Field(..., alias="get_state_display")
    approver_id: int
    escalations: int
    submitted_at: dt.datetime
    decided_at: dt.datetime | None
    reject_reason: str
    publicity_until: dt.date | None
    paid_on: dt.date | None


class ApplicationDetailOut(ApplicationOut):
    abilities: list[str] = Field(..., description="调用者现在可以对该申请办理的事项")

    resolve_abilities = abilities_of(application_abilities)


class ApplicationPage(Schema):
    items: list[ApplicationOut]
    next_before: int | None


class RejectIn(Schema):
    reason: str


class FundOut(Schema):
    id: int
    org_id: int
    org_name: str = Field(..., alias="org.name")
    year: int
    balance: Decimal


class AllocateIn(Schema):
    source_id: int
    target_id: int
    year: int
    amount: Decimal
    note: str = ""


class ReportRowOut(Schema):
    org_id: int
    label: str
    households: int
    tiers: dict[str, int]
    money: dict[str, Decimal]
    total: Decimal
    times: int


def _year(year: int | None) -> int:
    """The year asked for (this year when none): a year a report can be about."""
    return cleaning.year(timezone.localdate().year if year is None else year)


@router.get("/households", response=HouseholdPage, summary="困难职工档案列表（按管辖范围）")
def household_list(
    request: AuthedRequest, within_id: int | None = None, q: str = "", tier: str = "", status: str = "active",
    before: int | None = None,
) -> dict[str, Any]:  # fmt: skip
    within = org_get_for_actor(actor=request.user, pk=within_id) if within_id else None
    f = selectors.HouseholdFilter(within=within, q=q, tier=tier, status=status)
    rows, next_before = selectors.household_list_for_actor(actor=request.user, f=f, before=before)
    return {"items": rows, "next_before": next_before}


@router.get("/households/{int:household_id}", response=HouseholdDetailOut, summary="一份困难职工档案")
def household_detail(request: AuthedRequest, household_id: int) -> Household:
    return selectors.household_get_for_actor(actor=request.user, pk=household_id)


@router.post(
    "/households", response={201: HouseholdDetailOut}, summary="建立困难职工档案（困难类别自动计算）"
)
def household_create(request: AuthedRequest, payload: HouseholdIn) -> Status:
    org = org_get_for_actor(actor=request.user, pk=payload.org_id, perm="edit")
    values = payload.dict(exclude={"org_id", "family"})
    family = [f.dict() for f in payload.family]
    return Status(201, actions.household_create(actor=request.user, org=org, values=values, family=family))


@router.get(
    "/applications",
    response=ApplicationPage,
    summary="帮扶申请（to_decide=true：待我审批；to_pay=true：待我登记发放）",
)
def application_list(
    request: AuthedRequest, to_decide: bool = False, to_pay: bool = False, state: str = "",
    before: int | None = None,
) -> dict[str, Any]:  # fmt: skip
    todo = selectors.TODO_DECIDE if to_decide else selectors.TODO_PAY if to_pay else ""
    rows, next_before = selectors.application_list_for_actor(
        actor=request.user, todo=todo, state=state, before=before
    )
    return {"items": rows, "next_before": next_before}


@router.post(
    "/households/{int:household_id}/applications",
    response={201: ApplicationDetailOut},
    summary="提交帮扶申请",
)
def application_submit(request: AuthedRequest, household_id: int, payload: ApplicationIn) -> Status:
    household = selectors.household_get_for_actor(actor=request.user, pk=household_id)
    application = actions.application_submit(actor=request.user, household=household, **payload.dict())
    return Status(201, application)


@router.get("/applications/{int:application_id}", response=ApplicationDetailOut, summary="一份帮扶申请")
def application_detail(request: AuthedRequest, application_id: int) -> Application:
    return selectors.application_get_for_actor(actor=request.user, pk=application_id)


@router.post(
    "/applications/{int:application_id}/approve",
    response=ApplicationDetailOut,
    summary="批准（从审批工会专项资金支出）",
)
def application_approve(request: AuthedRequest, application_id: int) -> Application:
    application = selectors.application_get_for_actor(actor=request.user, pk=application_id)
    return actions.application_approve(actor=request.user, application=application)


@router.post(
    "/applications/{int:application_id}/reject",
    response=ApplicationDetailOut,
    summary="不予批准（须填写理由）",
)
def application_reject(request: AuthedRequest, application_id: int, payload: RejectIn) -> Application:
    application = selectors.application_get_for_actor(actor=request.user, pk=application_id)
    return actions.application_reject(actor=request.user, application=application, reason=payload.reason)


@router.post(
    "/applications/{int:application_id}/publicity-end",
    response=ApplicationDetailOut,
    summary="公示期满，结束公示",
)
def application_end_publicity(request: AuthedRequest, application_id: int) -> Application:
    application = selectors.application_get_for_actor(actor=request.user, pk=application_id)
    return actions.application_end_publicity(actor=request.user, application=application)


@router.post("/applications/{int:application_id}/pay", response=ApplicationDetailOut, summary="登记发放")
def application_pay(
    request: AuthedRequest, application_id: int, paid_on: dt.date | None = None
) -> Application:
    """`paid_on` (YYYY-MM-DD) defaults to today."""
    application = selectors.application_get_for_actor(actor=request.user, pk=application_id)
    return actions.application_pay(actor=request.user, application=application, paid_on=paid_on)


@router.post("/applications/{int:application_id}/withdraw", response=ApplicationDetailOut, summary="撤回申请")
def application_withdraw(request: AuthedRequest, application_id: int) -> Application:
    application = selectors.application_get_for_actor(actor=request.user, pk=application_id)
    return actions.application_withdraw(actor=request.user, application=application)


@router.get("/funds", response=list[FundOut], summary="帮扶专项资金余额（本级及下级）")
def fund_list(request: AuthedRequest, year: int | None = None, within_id: int | None = None) -> list[Fund]:
    within = org_get_for_actor(actor=request.user, pk=within_id) if within_id else None
    return selectors.funds_for_actor(actor=request.user, year=_year(year), within=within)


@router.get("/funds/{int:fund_id}", response=FundOut, summary="一个专项资金账户")
def fund_detail(request: AuthedRequest, fund_id: int) -> Fund:
    return selectors.fund_get_for_actor(actor=request.user, pk=fund_id)


@router.post("/funds/allocate", response={201: FundOut}, summary="向下级工会下拨专项资金")
def fund_allocate(request: AuthedRequest, payload: AllocateIn) -> Status:
    source = org_get_for_actor(actor=request.user, pk=payload.source_id, perm="manage")
    target = org_get_for_actor(actor=request.user, pk=payload.target_id)
    entry = actions.fund_allocate(actor=request.user, source=source, target=target,
                                  year=cleaning.year(payload.year, label="年度"),
                                  amount=payload.amount, note=payload.note)  # fmt: skip
    return Status(201, selectors.fund_get_for_actor(actor=request.user, pk=entry.fund_id))  # the new balance


@router.get("/report", response=list[ReportRowOut], summary="帮扶统计：各下级的户数、类别、金额与人次")
def report(
    request: AuthedRequest, org_id: int, year: int | None = None, quarter: int | None = None
) -> list[dict[str, Any]]:
    org = org_get_for_actor(actor=request.user, pk=org_id)
    if quarter is not None and quarter not in (1, 2, 3, 4):
        quarter = None
    result = assistance_report(actor=request.user, org=org, year=_year(year), quarter=quarter)
    return [
        {"org_id": r.org.pk, "label": r.label, "households": r.figures.households, "tiers": r.figures.tiers,
         "money": r.figures.money, "total": r.figures.total, "times": r.figures.times}
        for r in result.rows
    ]  # fmt: skip
