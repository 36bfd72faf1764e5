"""The targets API: the same selectors and actions as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Router, Schema, Status

from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.selectors import org_get_for_actor

from . import actions, selectors
from .abilities import target_abilities
from .circular import monthly_circular
from .models import Indicator, Report, Target

ABILITIES = "调用者现在可以办理的事项（与页面上的按钮一致）"

router = Router(tags=["目标管理"])


class IndicatorOut(Schema):
    id: int
    org_id: int
    code: str
    name: str
    unit: str
    direction: str
    measure: str
    source: str
    category: str


class TargetOut(Schema):
    id: int
    indicator_id: int
    indicator: str = Field(..., alias="indicator.name")
    unit: str = Field(..., alias="indicator.unit")
    category: str = Field(..., alias="indicator.category")
    org_id: int
    org: str = Field(..., alias="org.name")
    year: int
    parent_id: int | None
    value: Decimal
    baseline: Decimal
    milestones: list[int] = Field(..., alias="quarter_milestones")
    owner_name: str
    actual: Decimal | None
    actual_month: int | None
    completion: Decimal | None
    flag: str
    public: bool


class ReportOut(Schema):
    id: int
    month: int
    value: Decimal
    origin: str
    evidence: str
    reported_on: dt.date
    late: bool
    corrections_count: int


class TargetDetailOut(TargetOut):
    reports: list[ReportOut]
    abilities: list[str] = Field(..., description=ABILITIES)

    @staticmethod
    def resolve_reports(obj: Target) -> list[Report]:
        return list(obj.reports.all())


class ReportIn(Schema):
    month: int
    value: str = Field(..., description="完成值（累计值指标填1月至本月的累计数）")
    evidence: str = ""


class CorrectIn(Schema):
    value: str
    reason: str


class StandingOut(Schema):
    rank: int | None
    org_id: int
    org: str
    target: Decimal
    value: Decimal | None
    expected: Decimal
    completion: Decimal | None
    change: Decimal | None
    flag: str


class SectionOut(Schema):
    target_id: int
    indicator: str
    rows: list[StandingOut]


class CircularOut(Schema):
    title: str
    org_id: int
    year: int
    month: int
    sections: list[SectionOut]
    red: list[StandingOut]
    improvers: list[StandingOut]


@router.get("/indicators", response=list[IndicatorOut], summary="工会可用的考核指标（本级及上级指标库）")
def list_indicators(request: AuthedRequest, org_id: int) -> list[Indicator]:
    org = org_get_for_actor(actor=request.user, pk=org_id)
    return list(selectors.indicators_usable_at(org)[:1000])


@router.get("/", response=list[TargetOut], summary="年度目标（本工会及下级）")
def list_targets(request: AuthedRequest, org_id: int, year: int, flag: str = "") -> list[Target]:
    org = org_get_for_actor(actor=request.user, pk=org_id)
    return list(selectors.target_list_for_actor(actor=request.user, year=year, within=org, flag=flag)[:2000])


@router.get("/{int:target_id}", response=TargetDetailOut, summary="年度目标详情与逐月报送")
def get_target(request: AuthedRequest, target_id: int) -> Target:
    target = selectors.target_get_for_actor(actor=request.user, pk=target_id)
    target.abilities = target_abilities(request.user, target).names()  # type: ignore[attr-defined]
    return target


@router.post("/{int:target_id}/reports", response={201: ReportOut}, summary="报送月度完成情况")
def submit_report(request: AuthedRequest, target_id: int, payload: ReportIn) -> Status[Report]:
    target = selectors.target_get_for_actor(actor=request.user, pk=target_id, perm="edit")
    report = actions.report_submit(actor=request.user, target=target, **payload.dict())
    return Status(201, report)


@router.post("/reports/{int:report_id}/correct", response=ReportOut, summary="更正月度完成情况（须说明理由）")
def correct_report(request: AuthedRequest, report_id: int, payload: CorrectIn) -> Report:
    report = selectors.report_get_for_actor(actor=request.user, pk=report_id, perm="edit")
    return actions.report_correct(actor=request.user, report=report, **payload.dict())


class PublishIn(Schema):
    public: bool


@router.post(
    "/{int:target_id}/publish", response=TargetOut, summary="向社会公开（或不再公开）目标进度（民生实事）"
)
def publish_target(request: AuthedRequest, target_id: int, payload: PublishIn) -> Target:
    target = selectors.target_get_for_actor(actor=request.user, pk=target_id, perm="edit")
    return actions.target_publish(actor=request.user, target=target, public=payload.public)


def _standing(s: Any) -> dict[str, Any]:
    return {
        "rank": s.rank, "org_id": s.target.org_id, "org": s.target.org.name, "target": s.target.value,
        "value": s.value, "expected": s.expected, "completion": s.completion, "change": s.change, "flag": s.flag,
    }  # fmt: skip


@router.get("/circular", response=CircularOut, summary="月度通报（下级排名、红色预警、进步较快）")
def get_circular(request: AuthedRequest, org_id: int, year: int, month: int) -> dict[str, Any]:
    org = org_get_for_actor(actor=request.user, pk=org_id)
    c = monthly_circular(actor=request.user, org=org, year=year, month=max(1, min(12, month)))
    return {
        "title": c.title, "org_id": org.pk, "year": c.year, "month": c.month,
        "sections": [
            {"target_id": s.target.pk, "indicator": s.target.indicator.name, "rows": [_standing(r) for r in s.rows]}
            for s in c.sections
        ],
        "red": [_standing(r) for r in c.red], "improvers": [_standing(r) for r in c.improvers],
    }  # fmt: skip
