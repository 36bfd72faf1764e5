"""The job-fair API: the same selectors and actions as the pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.http import Http404
from ninja import Field, Router, Schema, Status

from gonghui.kernel.schemas import ABILITIES, abilities_of
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.selectors import org_get_for_actor

from . import actions, selectors
from .abilities import employer_abilities, fair_abilities, position_abilities
from .models import Employer, Fair, Position

router = Router(tags=["招聘会"])
T = TypeVar("T")


class FairOut(Schema):
    id: int
    org_id: int
    parent_id: int | None
    title: str
    kind: str
    held_on: dt.date
    ends_on: dt.date | None
    online: bool
    place: str
    division: str
    booths: int
    public: bool
    state: str
    abilities: list[str] = Field(..., description=ABILITIES)

    resolve_abilities = abilities_of(fair_abilities)


class FairIn(Schema):
    org_id: int
    parent_id: int | None = None
    title: str
    kind: str = "spring"
    held_on: dt.date
    ends_on: dt.date | None = None
    online: bool = False
    place: str = ""
    division: str = ""
    booths: int = 0
    public: bool = True
    note: str = ""


class StepIn(Schema):
    step: str
    reason: str = ""


class EmployerOut(Schema):
    id: int
    fair_id: int
    credit_code: str
    name: str
    unit_id: int | None
    industry: str
    booth: str
    state: str
    abilities: list[str] = Field(..., description=ABILITIES)

    resolve_abilities = abilities_of(employer_abilities)


class EmployerIn(Schema):
    credit_code: str
    name: str = ""
    industry: str = ""
    contact: str = ""
    contact_phone: str = ""
    booth: str = ""


class PositionOut(Schema):
    id: int
    employer_id: int
    fair_id: int
    title: str
    openings: int
    pay_min: int
    pay_max: int
    industry: str
    division: str
    place: str
    skills: list[str]
    requirements: str
    state: str
    abilities: list[str] = Field(..., description=ABILITIES)

    resolve_abilities = abilities_of(position_abilities)


class PositionIn(Schema):
    title: str
    openings: int = Field(..., ge=1, le=100_000)
    pay_min: int = Field(..., ge=1, le=1_000_000)
    pay_max: int = Field(..., ge=1, le=1_000_000)
    industry: str = ""
    division: str = ""
    place: str = ""
    skills: list[str] = []
    requirements: str = ""


class SeekerIn(Schema):
    name: str
    phone: str
    id_number: str = ""
    industries: list[str] = []
    pay_min: int = Field(0, ge=0, le=1_000_000)
    division: str = ""
    skills: list[str] = []
    migrant: bool = False
    note: str = ""


class MatchOut(Schema):
    position_id: int
    title: str
    employer: str
    pay_min: int
    pay_max: int
    openings: int
    score: int


class MySeekerOut(Schema):
    id: int
    fair_id: int
    name: str
    phone: str
    industries: list[str]
    pay_min: int
    division: str
    skills: list[str]
    checked_in: bool
    matches: list[MatchOut]


class ResultOut(Schema):
    fair_id: int
    employers: int
    positions: int
    openings: int
    seekers: int
    checked_in: int
    interviews: int
    offers: int
    by_industry: list[tuple[str, int, int]]


class OpenFairOut(Schema):
    id: int
    title: str
    org: str
    held_on: dt.date
    place: str
    registered: bool


def _matches(seeker: Any) -> list[dict[str, Any]]:
    return [
        {"position_id": m.record.pk, "title": m.record.title, "employer": m.record.employer.name,
         "pay_min": m.record.pay_min, "pay_max": m.record.pay_max, "openings": m.record.openings, "score": m.score}
        for m in selectors.matches_for_seeker(seeker)
    ]  # fmt: skip


# ---- the organiser ---------------------------------------------------------------------------


@router.get("/", response=list[FairOut], summary="招聘会列表")
def list_fairs(request: AuthedRequest, within: int | None = None) -> list[Fair]:
    org = org_get_for_actor(actor=request.user, pk=within) if within else None
    return list(selectors.fair_list_for_actor(actor=request.user, within=org)[:200])


@router.post("/", response={201: FairOut}, summary="登记招聘会（或分会场）")
def create_fair(request: AuthedRequest, payload: FairIn) -> Status[Fair]:
    org = org_get_for_actor(actor=request.user, pk=payload.org_id, perm="edit")
    parent = (
        selectors.fair_get_for_actor(actor=request.user, pk=payload.parent_id, perm="edit")
        if payload.parent_id
        else None
    )
    fair = actions.fair_create(
        actor=request.user, org=org, parent=parent, **payload.dict(exclude={"org_id", "parent_id"})
    )
    return Status(201, fair)


@router.get("/{int:fair_id}", response=FairOut, summary="招聘会详情")
def get_fair(request: AuthedRequest, fair_id: int) -> Fair:
    return selectors.fair_get_for_actor(actor=request.user, pk=fair_id)


FAIR_STEPS: Mapping[str, Callable[..., Fair]] = {
    "publish": actions.fair_publish,
    "close": actions.fair_close,
    "cancel": actions.fair_cancel,
}
EMPLOYER_STEPS: Mapping[str, Callable[..., Employer]] = {
    "approve": actions.employer_approve,
    "reject": actions.employer_reject,
    "withdraw": actions.employer_withdraw,
}
POSITION_STEPS: Mapping[str, Callable[..., Position]] = {
    "approve": actions.position_approve,
    "reject": actions.position_reject,
}


def _take(steps: Mapping[str, Callable[..., T]], payload: StepIn, actor: Any, **record: Any) -> T:
    """The step `payload` names, taken on the record; an unknown one is a 404, a rejection is
    given the payload's reason."""
    if payload.step not in steps:
        raise Http404("没有这个办理步骤")
    reason = {"reason": payload.reason} if payload.step == "reject" else {}
    return steps[payload.step](actor=actor, **record, **reason)


@router.post("/{int:fair_id}/step", response=FairOut, summary="发布、结束或取消招聘会")
def fair_step(request: AuthedRequest, fair_id: int, payload: StepIn) -> Fair:
    fair = selectors.fair_get_for_actor(actor=request.user, pk=fair_id)
    return _take(FAIR_STEPS, payload, request.user, fair=fair)


@router.get("/{int:fair_id}/result", response=ResultOut, summary="招聘会成果（由记录统计，含分会场）")
def get_result(request: AuthedRequest, fair_id: int) -> dict[str, Any]:
    fair = selectors.fair_get_for_actor(actor=request.user, pk=fair_id)
    r = selectors.fair_result(fair)
    return {"fair_id": fair.pk, **{k: getattr(r, k) for k in ResultOut.model_fields if k != "fair_id"}}


@router.get("/{int:fair_id}/employers", response=list[EmployerOut], summary="参会单位")
def list_employers(request: AuthedRequest, fair_id: int) -> list[Employer]:
    fair = selectors.fair_get_for_actor(actor=request.user, pk=fair_id)
    return list(selectors.employers_of(fair, actor=request.user))


@router.post("/{int:fair_id}/employers", response={201: EmployerOut}, summary="登记参会单位")
def register_employer(request: AuthedRequest, fair_id: int, payload: EmployerIn) -> Status[Employer]:
    fair = selectors.fair_get_for_actor(actor=request.user, pk=fair_id, perm="edit")
    return Status(201, actions.employer_register(actor=request.user, fair=fair, **payload.dict()))


@router.post("/employers/{int:employer_id}/step", response=EmployerOut, summary="审核或撤回参会单位")
def employer_step(request: AuthedRequest, employer_id: int, payload: StepIn) -> Employer:
    employer = selectors.employer_get_for_actor(actor=request.user, pk=employer_id)
    return _take(EMPLOYER_STEPS, payload, request.user, employer=employer)


@router.get("/employers/{int:employer_id}/positions", response=list[PositionOut], summary="单位的岗位")
def list_positions(request: AuthedRequest, employer_id: int) -> list[Position]:
    employer = selectors.employer_get_for_actor(actor=request.user, pk=employer_id)
    return list(selectors.positions_of(employer))


@router.post("/employers/{int:employer_id}/positions", response={201: PositionOut}, summary="发布岗位")
def post_position(request: AuthedRequest, employer_id: int, payload: PositionIn) -> Status[Position]:
    employer = selectors.employer_get_for_actor(actor=request.user, pk=employer_id, perm="edit")
    return Status(201, actions.position_post(actor=request.user, employer=employer, **payload.dict()))


@router.post("/positions/{int:position_id}/step", response=PositionOut, summary="审核岗位")
def position_step(request: AuthedRequest, position_id: int, payload: StepIn) -> Position:
    position = selectors.position_get_for_actor(actor=request.user, pk=position_id)
    return _take(POSITION_STEPS, payload, request.user, position=position)


# ---- the worker ------------------------------------------------------------------------------


@router.get("/me/fairs", response=list[OpenFairOut], summary="现在可以报名的招聘会")
def my_open_fairs(request: AuthedRequest) -> list[dict[str, Any]]:
    mine = set(selectors.my_seekers(request.user).values_list("fair_id", flat=True))
    return [
        {"id": f.pk, "title": f.title, "org": f.org.name, "held_on": f.held_on, "place": f.where,
         "registered": f.pk in mine}
        for f in selectors.fairs_open_to(request.user)
    ]  # fmt: skip


@router.get("/me/seekers", response=list[MySeekerOut], summary="我的求职登记与匹配岗位")
def my_registrations(request: AuthedRequest) -> list[dict[str, Any]]:
    return [
        {"id": s.pk, "fair_id": s.fair_id, "name": s.name, "phone": s.phone_masked, "industries": s.industries,
         "pay_min": s.pay_min, "division": s.division, "skills": s.skills,
         "checked_in": s.checked_in_at is not None, "matches": _matches(s)}
        for s in selectors.my_seekers(request.user)
    ]  # fmt: skip


@router.post("/me/register", response={201: MySeekerOut}, summary="报名求职（本人）")
def register_me(request: AuthedRequest, fair: int, payload: SeekerIn) -> Status[dict[str, Any]]:
    target = selectors.fair_for_worker(actor=request.user, pk=fair)
    s = actions.seeker_register(actor=request.user, fair=target, **payload.dict())
    return Status(201, {
        "id": s.pk, "fair_id": s.fair_id, "name": s.name, "phone": s.phone_masked, "industries": s.industries,
        "pay_min": s.pay_min, "division": s.division, "skills": s.skills, "checked_in": False, "matches": _matches(s),
    })  # fmt: skip
