"""The honours API: the same selectors and actions as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Router, Schema, Status

from gonghui.kernel.schemas import ABILITIES, abilities_of
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.selectors import org_get_for_actor

from . import actions, selectors
from .abilities import (
    honour_abilities,
    nomination_abilities,
    objection_abilities,
    round_abilities,
    studio_abilities,
)
from .models import Honour, Nomination, Objection, Round, Studio

router = Router(tags=["劳模与荣誉"])


class RoundOut(Schema):
    id: int
    org_id: int
    kind_id: int
    kind: str = Field(..., alias="kind.name")
    title: str
    year: int
    places: int
    nominate_until: dt.date
    notice_days: int
    frontline_min_pct: int | None
    leaders_max: int | None
    state: str
    notice_from: dt.date | None
    notice_until: dt.date | None
    doc_no: str
    conferred_on: dt.date | None


class RoundDetailOut(RoundOut):
    abilities: list[str] = Field(..., description=ABILITIES)

    resolve_abilities = abilities_of(round_abilities)


class RoundIn(Schema):
    org_id: int
    kind_id: int
    title: str
    year: int
    places: int
    nominate_until: dt.date
    notice_days: int = 7
    frontline_min_pct: int | None = None
    leaders_max: int | None = None
    objection_contact: str = ""


class QuotaIn(Schema):
    org_id: int
    places: int


class QuotaOut(Schema):
    org_id: int
    places: int
    used: int


class NominationOut(Schema):
    id: int
    round_id: int
    org_id: int
    at_id: int | None
    member_id: int | None
    name: str
    sex: str
    unit: str
    job: str
    frontline: bool
    leader: bool
    deeds: str
    state: str
    reason: str
    honour_id: int | None
    abilities: list[str] = Field(..., description=ABILITIES)

    resolve_abilities = abilities_of(nomination_abilities)


class NominationIn(Schema):
    round_id: int
    org_id: int
    member_id: int | None = None
    name: str = ""
    sex: str = ""
    unit: str = ""
    job: str = ""
    frontline: bool = True
    leader: bool = False
    deeds: str = ""


class CommentIn(Schema):
    comment: str = ""


class ReasonIn(Schema):
    reason: str


class ConferIn(Schema):
    doc_no: str
    conferred_on: dt.date | None = None


class ObjectionOut(Schema):
    id: int
    nomination_id: int
    received_on: dt.date
    raised_by: str
    contact: str = Field(..., alias="contact_masked", description="已遮盖；完整的经 reveal 查看（记入审计）")
    content: str
    public: bool
    answer: str
    finding: str
    answered_on: dt.date | None
    abilities: list[str] = Field(..., description=ABILITIES)

    resolve_abilities = abilities_of(objection_abilities)


class ContactOut(Schema):
    contact: str


class HonourOut(Schema):
    id: int
    org_id: int
    member_id: int | None
    name: str
    sex: str
    title: str
    level: str
    category: str
    collective: bool
    unit: str
    job: str
    awarded_on: dt.date
    doc_no: str
    awarding_body: str
    round_id: int | None
    abilities: list[str] = Field(..., description=ABILITIES)

    resolve_abilities = abilities_of(honour_abilities)


class StudioOut(Schema):
    id: int
    org_id: int
    name: str
    lead_name: str
    unit: str
    field: str
    level: str
    named_on: dt.date
    members: int
    abilities: list[str] = Field(..., description=ABILITIES)

    resolve_abilities = abilities_of(studio_abilities)


class StudioYearIn(Schema):
    year: int
    patents: int = 0
    improvements: int = 0
    savings: Decimal = Decimal("0")
    trained: int = 0


# ---- rounds ------------------------------------------------------------------------------------------


@router.get(
    "/rounds", response=list[RoundOut], summary="评选（本级、下级开展的，及上级开展、本单位可推荐的）"
)
def list_rounds(request: AuthedRequest, within: int | None = None) -> list[Round]:
    org = org_get_for_actor(actor=request.user, pk=within) if within else None
    return list(selectors.rounds_for_actor(actor=request.user, within=org)[:200])


@router.post("/rounds", response={201: RoundDetailOut}, summary="开展评选")
def create_round(request: AuthedRequest, payload: RoundIn) -> Status[Round]:
    org = org_get_for_actor(actor=request.user, pk=payload.org_id, perm="approve")
    kind = selectors.kinds_for_org(org).filter(pk=payload.kind_id).first()
    if kind is None:
        from gonghui.kernel.errors import NotFound

        raise NotFound("没有这个荣誉种类。")
    values = payload.dict(exclude={"org_id", "kind_id"})
    return Status(201, actions.round_open(actor=request.user, org=org, kind=kind, **values))


@router.get("/rounds/{int:round_id}", response=RoundDetailOut, summary="评选详情")
def get_round(request: AuthedRequest, round_id: int) -> Round:
    return selectors.round_get_for_actor(actor=request.user, pk=round_id)


@router.get("/rounds/{int:round_id}/quotas", response=list[QuotaOut], summary="名额分配")
def list_quotas(request: AuthedRequest, round_id: int) -> list[dict[str, Any]]:
    round = selectors.round_get_for_actor(actor=request.user, pk=round_id)
    return [{"org_id": q["org"].pk, "places": q["places"], "used": q["used"]}
            for q in selectors.quotas_of(round, actor=request.user)]  # fmt: skip


@router.post("/rounds/{int:round_id}/quotas", response=QuotaOut, summary="分配名额")
def set_quota(request: AuthedRequest, round_id: int, payload: QuotaIn) -> dict[str, Any]:
    round = selectors.round_get_for_actor(actor=request.user, pk=round_id)
    org = org_get_for_actor(actor=request.user, pk=payload.org_id)
    quota = actions.quota_set(actor=request.user, round=round, org=org, places=payload.places)
    return {"org_id": quota.org_id, "places": quota.places, "used": selectors.quota_used(quota)}


@router.get("/rounds/{int:round_id}/nominations", response=list[NominationOut], summary="推荐对象")
def list_nominations(request: AuthedRequest, round_id: int) -> list[Nomination]:
    round = selectors.round_get_for_actor(actor=request.user, pk=round_id)
    return list(selectors.nominations_of(round, actor=request.user)[:1000])


@router.post("/rounds/{int:round_id}/publish", response=RoundDetailOut, summary="发布公示")
def publish_round(request: AuthedRequest, round_id: int) -> Round:
    round = selectors.round_get_for_actor(actor=request.user, pk=round_id, perm="approve")
    return actions.round_publish(actor=request.user, round=round)


@router.post("/rounds/{int:round_id}/confer", response=RoundDetailOut, summary="确认表彰（公示期满后）")
def confer_round(request: AuthedRequest, round_id: int, payload: ConferIn) -> Round:
    round = selectors.round_get_for_actor(actor=request.user, pk=round_id, perm="approve")
    return actions.round_confer(actor=request.user, round=round, doc_no=payload.doc_no,
                                conferred_on=payload.conferred_on)  # fmt: skip


# ---- nominations ---------------------------------------------------------------------------------------


@router.get("/review", response=list[NominationOut], summary="等待本单位审核的推荐")
def list_to_review(request: AuthedRequest) -> list[Nomination]:
    return list(selectors.nominations_to_review(actor=request.user)[:500])


@router.post("/nominations", response={201: NominationOut}, summary="推荐（草稿，报送后进入审核）")
def create_nomination(request: AuthedRequest, payload: NominationIn) -> Status[Nomination]:
    org = org_get_for_actor(actor=request.user, pk=payload.org_id, perm="edit")
    round = selectors.round_for_nominating(actor=request.user, pk=payload.round_id, org=org)
    member = selectors.member_of(org, payload.member_id, actor=request.user)
    values = payload.dict(exclude={"round_id", "org_id", "member_id"})
    return Status(
        201, actions.nomination_create(actor=request.user, round=round, org=org, member=member, **values)
    )


@router.get("/nominations/{int:nomination_id}", response=NominationOut, summary="推荐对象详情")
def get_nomination(request: AuthedRequest, nomination_id: int) -> Nomination:
    return selectors.nomination_get_for_actor(actor=request.user, pk=nomination_id)


def _nomination(request: AuthedRequest, nomination_id: int) -> Nomination:
    return selectors.nomination_get_for_actor(actor=request.user, pk=nomination_id)


@router.post("/nominations/{int:nomination_id}/submit", response=NominationOut, summary="报送")
def submit_nomination(request: AuthedRequest, nomination_id: int) -> Nomination:
    return actions.nomination_submit(actor=request.user, nomination=_nomination(request, nomination_id))


@router.post("/nominations/{int:nomination_id}/recommend", response=NominationOut, summary="审核通过并上报")
def recommend_nomination(request: AuthedRequest, nomination_id: int, payload: CommentIn) -> Nomination:
    return actions.nomination_recommend(actor=request.user, nomination=_nomination(request, nomination_id),
                                        comment=payload.comment)  # fmt: skip


@router.post("/nominations/{int:nomination_id}/select", response=NominationOut, summary="确定为拟表彰对象")
def select_nomination(request: AuthedRequest, nomination_id: int, payload: CommentIn) -> Nomination:
    return actions.nomination_select(actor=request.user, nomination=_nomination(request, nomination_id),
                                     comment=payload.comment)  # fmt: skip


@router.post("/nominations/{int:nomination_id}/send-back", response=NominationOut, summary="退回修改")
def send_back_nomination(request: AuthedRequest, nomination_id: int, payload: ReasonIn) -> Nomination:
    return actions.nomination_send_back(actor=request.user, nomination=_nomination(request, nomination_id),
                                        reason=payload.reason)  # fmt: skip


@router.post("/nominations/{int:nomination_id}/reject", response=NominationOut, summary="不予推荐")
def reject_nomination(request: AuthedRequest, nomination_id: int, payload: ReasonIn) -> Nomination:
    return actions.nomination_reject(actor=request.user, nomination=_nomination(request, nomination_id),
                                     reason=payload.reason)  # fmt: skip


@router.get(
    "/nominations/{int:nomination_id}/objections",
    response=list[ObjectionOut],
    summary="公示异议（组织评选的工会可见；联系方式已遮盖）",
)
def list_objections(request: AuthedRequest, nomination_id: int) -> list[Objection]:
    return list(selectors.objections_of(_nomination(request, nomination_id), actor=request.user))


@router.post(
    "/objections/{int:objection_id}/reveal", response=ContactOut, summary="显示异议人完整联系方式（记入审计）"
)
def reveal_objection_contact(request: AuthedRequest, objection_id: int) -> dict[str, str]:
    objection = selectors.objection_get_for_actor(actor=request.user, pk=objection_id)
    return {"contact": actions.objection_reveal(actor=request.user, objection=objection)}


# ---- the register and studios ----------------------------------------------------------------------------


@router.get("/honours", response=list[HonourOut], summary="劳模档案（本级及下级）")
def list_honours(
    request: AuthedRequest, within: int | None = None, level: str = "", year: int | None = None, q: str = ""
) -> list[Honour]:
    org = org_get_for_actor(actor=request.user, pk=within) if within else None
    return list(
        selectors.honours_for_actor(actor=request.user, within=org, level=level, year=year, q=q[:50])[:500]
    )


@router.get("/honours/{int:honour_id}", response=HonourOut, summary="荣誉详情")
def get_honour(request: AuthedRequest, honour_id: int) -> Honour:
    return selectors.honour_get_for_actor(actor=request.user, pk=honour_id)


@router.get("/studios", response=list[StudioOut], summary="创新工作室")
def list_studios(request: AuthedRequest, within: int | None = None, level: str = "") -> list[Studio]:
    org = org_get_for_actor(actor=request.user, pk=within) if within else None
    return list(selectors.studios_for_actor(actor=request.user, within=org, level=level)[:500])


@router.post("/studios/{int:studio_id}/years", response=StudioOut, summary="登记工作室年度成果")
def set_studio_year(request: AuthedRequest, studio_id: int, payload: StudioYearIn) -> Studio:
    studio = selectors.studio_get_for_actor(actor=request.user, pk=studio_id, perm="edit")
    actions.studio_year_set(actor=request.user, studio=studio, year=payload.year, patents=payload.patents,
                            improvements=payload.improvements, savings=str(payload.savings),
                            trained=payload.trained)  # fmt: skip
    return studio
