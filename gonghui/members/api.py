"""The member register over REST, on the same selectors and actions as the pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status

from gonghui.kernel.errors import Refused
from gonghui.kernel.schemas import abilities_of
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs import selectors as org_selectors

from . import actions, selectors
from .abilities import member_abilities, transfer_abilities
from .models import Member, Transfer

router = Router(tags=["会员"])


class MemberOut(Schema):
    id: int
    name: str
    sex: str
    birth_date: dt.date
    id_number_masked: str
    phone_masked: str
    org_id: int
    org_name: str = Field(..., alias="org.name")
    ethnicity: str
    education: str
    political_status: str
    employment_status: str
    hukou_type: str
    migrant_worker: bool
    employer_name: str
    employer_credit_code: str
    card_no: str
    join_date: dt.date | None
    status: str
    status_label: str = Field(..., alias="get_status_display")


class MemberDetailOut(MemberOut):
    abilities: list[str] = Field(..., description="调用者现在可以对该会员办理的事项")

    resolve_abilities = abilities_of(member_abilities)


class MemberPage(Schema):
    items: list[MemberOut]
    next: int | None = Field(None, description="下一页的游标（传给 after）")


class JoinIn(Schema):
    org_id: int
    name: str
    id_number: str
    phone: str = ""
    ethnicity: str = ""
    education: str = ""
    political_status: str = ""
    employment_status: str = ""
    hukou_type: str = ""
    migrant_worker: bool = False
    employer_name: str = ""
    employer_credit_code: str = ""
    card_no: str = ""
    note: str = ""


class StepIn(Schema):
    on: dt.date | None = None
    note: str = ""


class TransferIn(Schema):
    to_org: str = Field(..., description="转入基层工会的统一社会信用代码或全称")
    reason: str = ""


class TransferOut(Schema):
    id: int
    member_id: int
    from_org_id: int
    to_org_id: int
    state: str
    state_label: str = Field(..., alias="get_state_display")
    requested_at: dt.datetime


class TransferDetailOut(TransferOut):
    from_org_name: str = Field(..., alias="from_org.name")
    to_org_name: str = Field(..., alias="to_org.name")
    reason: str
    reject_reason: str
    out_decided_at: dt.datetime | None
    in_decided_at: dt.datetime | None
    abilities: list[str] = Field(..., description="调用者现在可以对该转会申请办理的事项")

    resolve_abilities = abilities_of(transfer_abilities)


class DecideIn(Schema):
    side: str = Field(..., description="out（转出工会）或 in（转入工会）")
    approve: bool = True
    reason: str = ""


class RevealOut(Schema):
    id_number: str
    phone: str


class CountOut(Schema):
    org_id: int
    members: int


@router.get("/", response=MemberPage, summary="会员列表（按登记顺序分页，无总数）")
def list_members(
    request: AuthedRequest, within: int | None = None, status: str = "", name: str = "", id_number: str = "",
    phone: str = "", after: int | None = None,
) -> dict[str, object]:  # fmt: skip
    within_org = org_selectors.org_get_for_actor(actor=request.user, pk=within) if within else None
    rows, nxt = selectors.member_list_for_actor(actor=request.user, within=within_org, status=status, name=name,
                                                id_number=id_number, phone=phone, after=after)  # fmt: skip
    return {"items": rows, "next": nxt}


@router.get(
    "/counts", response=list[CountOut], summary="会员人数：本组织及各直属下级组织的整个子树（正常和保留会籍）"
)
def member_counts(request: AuthedRequest, within: int, on: dt.date | None = None) -> list[dict[str, int]]:
    org = org_selectors.org_get_for_actor(actor=request.user, pk=within)
    ids = [org.pk] + [o.pk for o in org_selectors.org_children_for_actor(actor=request.user, parent=org)]
    counts = selectors.member_counts_by_org(org_ids=ids, on=on)
    return [{"org_id": i, "members": counts.get(i, 0)} for i in ids]


@router.get("/transfers", response=list[TransferOut], summary="办理中的转会申请（转出或转入在管辖范围内）")
def list_transfers(request: AuthedRequest, todo: bool = False) -> list[Transfer]:
    """`todo`: only those waiting for the answer of a union the caller answers for."""
    return selectors.transfer_list_for_actor(actor=request.user, todo=todo)


@router.get("/transfers/{transfer_id}", response=TransferDetailOut, summary="转会申请详情")
def get_transfer(request: AuthedRequest, transfer_id: int) -> Transfer:
    return selectors.transfer_get_for_actor(actor=request.user, pk=transfer_id)


@router.post(
    "/transfers/{transfer_id}/decide", response=TransferDetailOut, summary="转会审批（一方同意或拒绝）"
)
def decide_transfer(request: AuthedRequest, transfer_id: int, payload: DecideIn) -> Transfer:
    transfer = selectors.transfer_get_for_actor(actor=request.user, pk=transfer_id)
    if payload.approve:
        return actions.transfer_approve(actor=request.user, transfer=transfer, side=payload.side)
    return actions.transfer_reject(
        actor=request.user, transfer=transfer, side=payload.side, reason=payload.reason
    )


@router.post(
    "/transfers/{transfer_id}/cancel", response=TransferDetailOut, summary="撤回转会申请（转出工会）"
)
def cancel_transfer(request: AuthedRequest, transfer_id: int) -> Transfer:
    transfer = selectors.transfer_get_for_actor(actor=request.user, pk=transfer_id)
    return actions.transfer_cancel(actor=request.user, transfer=transfer)


@router.post("/join", response={201: MemberDetailOut}, summary="登记入会申请（待基层工会批准）")
def join(request: AuthedRequest, payload: JoinIn) -> Status[Member]:
    org = org_selectors.org_get_for_actor(actor=request.user, pk=payload.org_id, perm="edit")
    values = payload.dict(exclude={"org_id", "name", "id_number", "note"})
    member = actions.member_apply(actor=request.user, org=org, name=payload.name, id_number=payload.id_number,
                                  note=payload.note, **values)  # fmt: skip
    return Status(201, member)


@router.get("/{member_id}", response=MemberDetailOut, summary="会员详情（证件号和手机号已遮盖）")
def get_member(request: AuthedRequest, member_id: int) -> Member:
    return selectors.member_get_for_actor(actor=request.user, pk=member_id)


@router.post("/{member_id}/reveal", response=RevealOut, summary="显示完整身份证号和手机号（记入审计）")
def reveal(request: AuthedRequest, member_id: int) -> dict[str, str]:
    member = selectors.member_get_for_actor(actor=request.user, pk=member_id, perm="reveal")
    return actions.member_reveal(actor=request.user, member=member)


# The steps on a member, each its own endpoint: the payload's note goes to the action as its
# `note`, or as its `reason` where the step asks for one.
MEMBER_STEPS = (
    ("approve", "批准入会", actions.member_approve, "note"),
    ("reject", "不予批准入会（note 填写理由）", actions.member_reject, "reason"),
    ("retain", "保留会籍（退休、下岗）", actions.member_retain, "note"),
    ("restore", "恢复正常会籍", actions.member_restore, "note"),
    ("leave", "办理退会（note 填写原因）", actions.member_leave, "reason"),
)


def _member_step(name: str, action: Callable[..., Member], note_as: str) -> Callable[..., Member]:
    def take(request: AuthedRequest, member_id: int, payload: StepIn) -> Member:
        member = selectors.member_get_for_actor(actor=request.user, pk=member_id)
        return action(actor=request.user, member=member, on=payload.on, **{note_as: payload.note})

    take.__name__ = take.__qualname__ = name
    return take


for _name, _summary, _action, _note_as in MEMBER_STEPS:
    router.post(f"/{{member_id}}/{_name}", response=MemberDetailOut, summary=_summary)(
        _member_step(_name, _action, _note_as)
    )


@router.post("/{member_id}/transfer", response={201: TransferDetailOut}, summary="申请转会（转出工会提出）")
def request_transfer(request: AuthedRequest, member_id: int, payload: TransferIn) -> Status[Transfer]:
    member = selectors.member_get_for_actor(actor=request.user, pk=member_id)
    to_org = selectors.transfer_target_lookup(code_or_name=payload.to_org)
    if to_org is None:
        raise Refused({"to_org": gettext("没有找到这个基层工会：请填写其统一社会信用代码或全称。")})
    return Status(
        201,
        actions.transfer_request(actor=request.user, member=member, to_org=to_org, reason=payload.reason),
    )
