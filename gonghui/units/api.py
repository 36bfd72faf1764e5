"""The units API: the same selectors and actions as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import BaseModel

from gonghui.core.models import Job
from gonghui.core.selectors import job_get_for_actor
from gonghui.kernel import web
from gonghui.kernel.schemas import abilities_of
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.selectors import org_get_for_actor

from . import actions, importer, selectors
from .abilities import contract_abilities, unit_abilities
from .models import CollectiveContract, Unit, UnitVersion
from .report import Figures, two_universal_report

router = Router(tags=["单位与两个普遍"])


class UnitOut(Schema):
    id: int
    credit_code: str
    name: str
    industry: str
    industry_label: str = Field(..., alias="get_industry_display")
    unit_type: str
    unit_type_label: str = Field(..., alias="get_unit_type_display")
    address: str
    division: str
    founded_on: dt.date | None
    employees: int
    women: int
    migrants: int
    registered_org_id: int
    covering_org_id: int | None
    org_id: int
    status: str
    status_since: dt.date | None


class UnitDetailOut(UnitOut):
    abilities: list[str] = Field(..., description="调用者现在可以对该单位办理的事项（edit、close、audit）")

    resolve_abilities = abilities_of(unit_abilities)


class UnitPage(Schema):
    items: list[UnitOut]
    next: str | None = Field(None, description="下一页的游标（传给 after）")


class UnitFieldsIn(Schema):
    credit_code: str | None = None
    name: str | None = None
    industry: str | None = None
    unit_type: str | None = None
    address: str | None = None
    division: str | None = None
    founded_on: dt.date | None = None
    employees: int | None = None
    women: int | None = None
    migrants: int | None = None


class UnitCreateIn(UnitFieldsIn):
    registered_org_id: int
    covering_org_id: int | None = None
    on: dt.date | None = None
    credit_code: str  # type: ignore[assignment]
    name: str  # type: ignore[assignment]
    industry: str  # type: ignore[assignment]
    unit_type: str  # type: ignore[assignment]
    employees: int  # type: ignore[assignment]


class UnitPatchIn(UnitFieldsIn):
    registered_org_id: int | None = None
    covering_org_id: int | None = Field(None, description="null 表示不再由工会覆盖；不传表示不变")
    on: dt.date | None = None


class CloseIn(Schema):
    reason: str
    on: dt.date | None = None


class VersionOut(Schema):
    org_id: int
    registered_org_id: int
    covering_org_id: int | None
    employees: int
    women: int
    migrants: int
    status: str
    valid_from: dt.date
    valid_to: dt.date | None


class ContractOut(Schema):
    id: int
    kind: str
    kind_label: str = Field(..., alias="get_kind_display")
    title: str
    org_id: int
    industry: str
    signed_on: dt.date
    expires_on: dt.date
    ended_on: dt.date | None
    workers_covered: int
    unit_ids: list[int]
    note: str

    @staticmethod
    def resolve_unit_ids(obj: CollectiveContract) -> list[int]:
        return list(obj.units.values_list("id", flat=True))


class ContractDetailOut(ContractOut):
    abilities: list[str] = Field(..., description="调用者现在可以对该集体合同办理的事项（end）")

    resolve_abilities = abilities_of(contract_abilities)


class ContractPage(Schema):
    items: list[ContractOut]
    next_before: int | None


class ContractIn(Schema):
    org_id: int
    kind: str
    title: str
    signed_on: dt.date
    expires_on: dt.date
    workers_covered: int
    unit_ids: list[int]
    industry: str = ""
    note: str = ""


class ContractEndIn(Schema):
    reason: str
    on: dt.date | None = None


# The report's schemas are plain pydantic models: they are filled from dicts, not read off model
# instances, so they skip django-ninja's attribute resolver, which took most of the time of a
# city's report (a row per union below it, bench/load.py).
class FiguresOut(BaseModel):
    units: int
    should: int
    built: int
    union_rate: Decimal | None
    employees: int
    women: int
    migrants: int
    covered_employees: int
    members: int | None
    membership_rate: Decimal | None
    contract_units: int
    contract_unit_rate: Decimal | None
    contract_employees: int
    contract_worker_rate: Decimal | None


class ReportRowOut(BaseModel):
    org_id: int
    name: str
    own: bool = Field(..., description="本级（本工会自己台账上的单位），而非下级子树")
    figures: FiguresOut


class ReportOut(BaseModel):
    org_id: int
    name: str
    on: dt.date
    threshold: int
    historical: bool = Field(..., description="统计日期之后组织有调整，按当日的组织树统计")
    members_counted: bool
    rows: list[ReportRowOut]
    total: FiguresOut


class JobOut(Schema):
    id: int
    status: str
    done: int
    total: int | None
    message: str
    error: str
    result: dict[str, Any]


def _figures(f: Figures) -> dict[str, Any]:
    return {k: getattr(f, k) for k in FiguresOut.model_fields}


@router.get("/", response=UnitPage, summary="单位列表（按统一社会信用代码分页）")
def list_units(
    request: AuthedRequest,
    within: int | None = None,
    q: str = "",
    industry: str = "",
    unit_type: str = "",
    has_union: bool | None = None,
    status: str = "active",
    after: str = "",
) -> dict[str, object]:
    within_org = org_get_for_actor(actor=request.user, pk=within) if within else None
    f = selectors.UnitFilter(
        within=within_org, q=q, industry=industry, unit_type=unit_type, has_union=has_union, status=status
    )
    rows, nxt = selectors.unit_list_for_actor(actor=request.user, f=f, after=after)
    return {"items": rows, "next": nxt}


@router.get("/{int:unit_id}", response=UnitDetailOut, summary="单位详情")
def get_unit(request: AuthedRequest, unit_id: int) -> Unit:
    return selectors.unit_get_for_actor(actor=request.user, pk=unit_id)


@router.get("/{int:unit_id}/versions", response=list[VersionOut], summary="单位的历史（按日期）")
def get_versions(request: AuthedRequest, unit_id: int) -> list[UnitVersion]:
    unit = selectors.unit_get_for_actor(actor=request.user, pk=unit_id)
    return list(selectors.unit_versions(unit))


@router.post("/", response={201: UnitDetailOut}, summary="登记单位")
def create_unit(request: AuthedRequest, payload: UnitCreateIn) -> Status[Unit]:
    registered = org_get_for_actor(actor=request.user, pk=payload.registered_org_id, perm="edit")
    covering = (
        org_get_for_actor(actor=request.user, pk=payload.covering_org_id, perm="edit")
        if payload.covering_org_id
        else None
    )
    values = payload.dict(exclude={"registered_org_id", "covering_org_id", "on"}, exclude_none=True)
    unit = actions.unit_create(
        actor=request.user, registered_org=registered, covering_org=covering, on=payload.on, **values
    )
    return Status(201, unit)


@router.patch(
    "/{int:unit_id}", response=UnitDetailOut, summary="修改单位信息（人数、所属工会按生效日期记入历史）"
)
def update_unit(request: AuthedRequest, unit_id: int, payload: UnitPatchIn) -> Unit:
    unit = selectors.unit_get_for_actor(actor=request.user, pk=unit_id, perm="edit")
    given = payload.dict(exclude_unset=True)
    kwargs: dict[str, Any] = {}
    if given.get("registered_org_id"):
        kwargs["registered_org"] = org_get_for_actor(
            actor=request.user, pk=given["registered_org_id"], perm="edit"
        )
    if "covering_org_id" in given:
        cid = given["covering_org_id"]
        kwargs["covering_org"] = org_get_for_actor(actor=request.user, pk=cid, perm="edit") if cid else None
    values = {k: v for k, v in given.items() if k in actions.FIELDS and v is not None}
    return actions.unit_update(actor=request.user, unit=unit, on=payload.on, **kwargs, **values)


@router.post("/{int:unit_id}/close", response=UnitDetailOut, summary="注销单位")
def close_unit(request: AuthedRequest, unit_id: int, payload: CloseIn) -> Unit:
    unit = selectors.unit_get_for_actor(actor=request.user, pk=unit_id, perm="edit")
    return actions.unit_close(actor=request.user, unit=unit, reason=payload.reason, on=payload.on)


@router.get("/contracts", response=ContractPage, summary="集体合同列表")
def list_contracts(
    request: AuthedRequest, within: int | None = None, kind: str = "", in_force_on: dt.date | None = None,
    expires_by: dt.date | None = None, before: int | None = None,
) -> dict[str, object]:  # fmt: skip
    within_org = org_get_for_actor(actor=request.user, pk=within) if within else None
    rows, nxt = selectors.contract_list_for_actor(
        actor=request.user, within=within_org, kind=kind, in_force_on=in_force_on, expires_by=expires_by,
        before_id=before,
    )  # fmt: skip
    return {"items": rows, "next_before": nxt}


@router.get("/contracts/{int:contract_id}", response=ContractDetailOut, summary="集体合同详情")
def get_contract(request: AuthedRequest, contract_id: int) -> CollectiveContract:
    return selectors.contract_get_for_actor(actor=request.user, pk=contract_id)


@router.post("/contracts", response={201: ContractDetailOut}, summary="登记集体合同")
def create_contract(request: AuthedRequest, payload: ContractIn) -> Status[CollectiveContract]:
    org = org_get_for_actor(actor=request.user, pk=payload.org_id, perm="edit")
    units = [
        selectors.unit_get_for_actor(actor=request.user, pk=pk) for pk in dict.fromkeys(payload.unit_ids)
    ]
    contract = actions.contract_create(
        actor=request.user, org=org, kind=payload.kind, title=payload.title, signed_on=payload.signed_on,
        expires_on=payload.expires_on, workers_covered=payload.workers_covered, units=units,
        industry=payload.industry, note=payload.note,
    )  # fmt: skip
    return Status(201, contract)


@router.post("/contracts/{int:contract_id}/end", response=ContractDetailOut, summary="提前终止集体合同")
def end_contract(request: AuthedRequest, contract_id: int, payload: ContractEndIn) -> CollectiveContract:
    contract = selectors.contract_get_for_actor(actor=request.user, pk=contract_id, perm="edit")
    return actions.contract_end(actor=request.user, contract=contract, reason=payload.reason, on=payload.on)


@router.get("/report", response=ReportOut, summary="“两个普遍”统计（任意子树、任意日期，逐级下钻）")
def get_report(
    request: AuthedRequest, org: int | None = None, on: dt.date | None = None, threshold: int | None = None
) -> dict[str, object]:
    subject = (
        org_get_for_actor(actor=request.user, pk=org)
        if org
        else web.first_org(request.user, refusal=gettext("您没有可以查看的工会。"))
    )
    r = two_universal_report(
        actor=request.user, org=subject, on=on or timezone.localdate(), threshold=threshold
    )
    return {
        "org_id": r.subject.pk, "name": r.subject.name, "on": r.on, "threshold": r.threshold,
        "historical": r.historical, "members_counted": r.members_counted,
        "rows": [{"org_id": row.org.pk, "name": row.label, "own": row.own, "figures": _figures(row.figures)} for row in r.rows],
        "total": _figures(r.total),
    }  # fmt: skip


@router.post("/import", response={202: JobOut}, summary="导入单位（xlsx/csv；返回后台任务）")
def import_units(
    request: AuthedRequest,
    org_id: Form[int],
    file: File[UploadedFile],
    good_rows: Form[bool] = False,
    on: Form[dt.date | None] = None,
) -> Status[Job]:
    org = org_get_for_actor(actor=request.user, pk=org_id, perm="edit")
    job = importer.import_enqueue(
        actor=request.user,
        org=org, upload=file, filename=file.name or "upload.xlsx", good_rows=good_rows, on=on,
    )  # fmt: skip
    return Status(202, job)


@router.get("/import/{int:job_id}", response=JobOut, summary="导入进度与逐行报告")
def import_status(request: AuthedRequest, job_id: int) -> Job:
    job = job_get_for_actor(actor=request.user, pk=job_id)
    if job.kind != importer.JOB_KIND:
        raise Http404("任务不存在")
    return job
