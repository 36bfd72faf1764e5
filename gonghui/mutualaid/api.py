"""The mutual aid API: the same selectors and actions as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404
from django.http.response import HttpResponseBase
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from gonghui.kernel import cleaning, web
from gonghui.kernel.schemas import abilities_of
from gonghui.kernel.web import AuthedRequest, RecordId
from gonghui.orgs.selectors import org_get_for_actor

from . import actions, selectors
from .abilities import claim_abilities, enrolment_abilities
from .models import Benefit, Claim, ClaimFile, Enrolment, Plan

router = Router(tags=["医疗互助"])


class BenefitOut(Schema):
    id: int
    name: str
    basis: str
    deductible: Decimal
    rate: Decimal
    amount: Decimal
    event_cap: Decimal
    materials: list[str] = Field(..., alias="material_list")


class PlanOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    term_years: int
    price: Decimal
    min_age: int
    max_age: int
    sex: str
    healthy_required: bool
    requires_id: int | None
    min_ratio: Decimal
    min_people: int
    waiting_days: int
    period_cap: Decimal
    benefits: list[BenefitOut]

    @staticmethod
    def resolve_benefits(obj: Plan) -> list[Benefit]:
        return list(obj.benefits.all())


class EnrolmentOut(Schema):
    id: int
    org_id: int
    plan_id: int
    year: int
    state: str
    in_service: int
    shares: int
    amount_due: Decimal
    amount_paid: Decimal
    cover_start: dt.date | None
    cover_end: dt.date | None
    people: int
    abilities: list[str] = Field(..., description="调用者现在可以办理的事项")

    @staticmethod
    def resolve_people(obj: Enrolment) -> int:
        return selectors.enrolment_head_count(obj)

    resolve_abilities = abilities_of(enrolment_abilities)


# A record's id: a positive 64-bit integer (a larger number names no record, and no database can
# even compare it).


class EnrolmentIn(Schema):
    org_id: RecordId
    plan_id: RecordId
    year: int


class AddIn(Schema):
    member_ids: list[RecordId]
    healthy_confirmed: bool = False
    skip_ineligible: bool = False


class PaymentIn(Schema):
    amount: Decimal
    paid_on: dt.date
    method: str = "transfer"
    reference: str = ""


class ClaimFileOut(Schema):
    id: int
    material: str
    name: str
    content_type: str
    uploaded_at: dt.datetime


class ClaimOut(Schema):
    id: int
    org_id: int
    approver_id: int
    line_id: int
    member: str = Field(..., alias="line.insured", description="参保人（子女计划为子女及其父母）")
    benefit_id: int
    state: str
    event_date: dt.date
    days: int
    expense: Decimal
    computed: Decimal
    payable: Decimal
    cap_note: str
    by_member: bool
    reject_reason: str
    paid_on: dt.date | None
    materials: list[str] = Field(..., alias="benefit.material_list", description="给付项目要求的申领材料")
    missing: list[str] = Field(..., description="尚未上传的申领材料")
    files: list[ClaimFileOut] = Field(..., description="已上传的申领材料")
    abilities: list[str] = Field(..., description="调用者现在可以办理的事项")

    @staticmethod
    def resolve_files(obj: Claim) -> list[ClaimFile]:
        return list(obj.files.all())

    @staticmethod
    def resolve_missing(obj: Claim) -> list[str]:
        have = {f.material for f in obj.files.all()}
        return [m for m in obj.benefit.material_list if m not in have]

    resolve_abilities = abilities_of(claim_abilities)


class ClaimIn(Schema):
    line_id: int
    benefit_id: int
    event_date: dt.date
    days: int = 0
    expense: Decimal = Decimal("0")
    description: str = ""


class ReasonIn(Schema):
    reason: str


@router.get("/plans", response=list[PlanOut], summary="互助保障计划及给付标准")
def plan_list(request: AuthedRequest) -> list[Plan]:
    return list(selectors.plans_for_actor(actor=request.user))


@router.post("/enrolments", response={201: EnrolmentOut}, summary="新建团体参保（基层工会）")
def enrolment_create(request: AuthedRequest, payload: EnrolmentIn) -> Status:
    org = org_get_for_actor(actor=request.user, pk=payload.org_id, perm="edit")
    plan = selectors.plan_get(actor=request.user, pk=payload.plan_id)
    return Status(201, actions.enrolment_create(actor=request.user, org=org, plan=plan, year=payload.year))


@router.get("/enrolments/{int:enrolment_id}", response=EnrolmentOut, summary="一份团体参保")
def enrolment_detail(request: AuthedRequest, enrolment_id: int) -> Enrolment:
    return selectors.enrolment_get_for_actor(actor=request.user, pk=enrolment_id)


@router.post(
    "/enrolments/{int:enrolment_id}/members", response=EnrolmentOut, summary="从会员名册添加参保人员"
)
def enrolment_add(request: AuthedRequest, enrolment_id: int, payload: AddIn) -> Enrolment:
    e = selectors.enrolment_get_for_actor(actor=request.user, pk=enrolment_id)
    actions.enrolment_add(
        actor=request.user, enrolment=e, members=selectors.candidates_by_id(e, payload.member_ids),
        healthy_confirmed=payload.healthy_confirmed, skip_ineligible=payload.skip_ineligible,
    )  # fmt: skip
    return selectors.enrolment_get_for_actor(actor=request.user, pk=enrolment_id)


@router.post(
    "/enrolments/{int:enrolment_id}/submit", response=EnrolmentOut, summary="提交团体参保（校验参保比例）"
)
def enrolment_submit(request: AuthedRequest, enrolment_id: int) -> Enrolment:
    e = selectors.enrolment_get_for_actor(actor=request.user, pk=enrolment_id)
    return actions.enrolment_submit(actor=request.user, enrolment=e)


@router.post(
    "/enrolments/{int:enrolment_id}/payments", response=EnrolmentOut, summary="登记互助金缴费（上级工会）"
)
def enrolment_pay(request: AuthedRequest, enrolment_id: int, payload: PaymentIn) -> Enrolment:
    e = selectors.enrolment_get_for_actor(actor=request.user, pk=enrolment_id)
    actions.contribution_record(actor=request.user, enrolment=e, **payload.dict())
    return selectors.enrolment_get_for_actor(actor=request.user, pk=enrolment_id)


@router.get("/claims", response=list[ClaimOut], summary="互助金申领（to_decide=true：待我审核）")
def claim_list(request: AuthedRequest, to_decide: bool = False, state: str = "") -> list[Claim]:
    return list(selectors.claims_for_actor(actor=request.user, state=state, to_decide=to_decide)[:200])


@router.post("/claims", response={201: ClaimOut}, summary="申领互助金（工会代办或会员本人）")
def claim_submit(request: AuthedRequest, payload: ClaimIn) -> Status:
    line, benefit = selectors.line_and_benefit_for_actor(
        actor=request.user, line_id=payload.line_id, benefit_id=payload.benefit_id
    )
    by_member = selectors.is_own_line(user=request.user, line=line)
    values = payload.dict(exclude={"line_id", "benefit_id"})
    return Status(
        201,
        actions.claim_submit(actor=request.user, line=line, benefit=benefit, by_member=by_member, **values),
    )


@router.get("/claims/{int:claim_id}", response=ClaimOut, summary="一份互助金申领")
def claim_detail(request: AuthedRequest, claim_id: int) -> Claim:
    return selectors.claim_get_for_actor(actor=request.user, pk=claim_id)


@router.post(
    "/claims/{int:claim_id}/files",
    response={201: ClaimFileOut},
    summary="上传申领材料（PDF、JPG、PNG，按内容识别，不超过 10 MB）",
)
def claim_attach(
    request: AuthedRequest, claim_id: int, material: Form[str], file: File[UploadedFile]
) -> Status[ClaimFile]:
    c = selectors.claim_get_for_actor(actor=request.user, pk=claim_id)
    return Status(201, actions.claim_attach(actor=request.user, claim=c, material=material, upload=file))


@router.get(
    "/claims/{int:claim_id}/files/{int:file_id}",
    response={200: None},
    summary="下载一份申领材料（按其内容类型）",
)
def claim_file(request: AuthedRequest, claim_id: int, file_id: int) -> HttpResponseBase:
    c = selectors.claim_get_for_actor(actor=request.user, pk=claim_id)
    item = selectors.claim_file_of(c, file_id)
    if item is None:
        raise Http404("记录不存在")
    return web.kept_upload(item.file, item.name, item.content_type)


@router.post("/claims/{int:claim_id}/approve", response=ClaimOut, summary="核准给付（按给付标准与累计上限）")
def claim_approve(request: AuthedRequest, claim_id: int) -> Claim:
    c = selectors.claim_get_for_actor(actor=request.user, pk=claim_id)
    return actions.claim_approve(actor=request.user, claim=c)


@router.post("/claims/{int:claim_id}/reject", response=ClaimOut, summary="不予给付")
def claim_reject(request: AuthedRequest, claim_id: int, payload: ReasonIn) -> Claim:
    c = selectors.claim_get_for_actor(actor=request.user, pk=claim_id)
    return actions.claim_reject(actor=request.user, claim=c, reason=payload.reason)


@router.post("/claims/{int:claim_id}/pay", response=ClaimOut, summary="登记给付")
def claim_pay(request: AuthedRequest, claim_id: int) -> Claim:
    c = selectors.claim_get_for_actor(actor=request.user, pk=claim_id)
    return actions.claim_pay(actor=request.user, claim=c)


class ProgressOut(Schema):
    org_id: int
    name: str
    quota: int | None
    shares: int
    percent: int | None
    behind: int


class QuotaIn(Schema):
    org_id: int
    year: int
    shares: int


def _progress(p: selectors.Progress) -> dict[str, Any]:
    return {
        "org_id": p.org.pk, "name": p.org.name, "quota": p.quota, "shares": p.shares, "percent": p.percent,
        "behind": p.behind,
    }  # fmt: skip


@router.get(
    "/quotas/{int:org_id}",
    response=list[ProgressOut],
    summary="任务进度（本级在前，其后为各直属下级）",
)
def quota_progress(request: AuthedRequest, org_id: int, year: int | None = None) -> list[dict[str, Any]]:
    org = org_get_for_actor(actor=request.user, pk=org_id)
    year = cleaning.year(year) if year is not None else cleaning.today().year
    top, rows = selectors.progress_for_actor(actor=request.user, org=org, year=year)
    return [_progress(top), *(_progress(r) for r in rows)]


@router.post("/quotas", response=ProgressOut, summary="下达年度任务（份）：由上级工会下达，不超过上级任务")
def quota_set(request: AuthedRequest, payload: QuotaIn) -> dict[str, Any]:
    org = org_get_for_actor(actor=request.user, pk=payload.org_id)
    actions.quota_set(actor=request.user, org=org, year=payload.year, shares=payload.shares)
    top, _rows = selectors.progress_for_actor(actor=request.user, org=org, year=payload.year)
    return _progress(top)
