from __future__ import annotations

import datetime as dt

from ninja import Field, Router, Schema, Status

from gonghui.kernel.masking import mask_bank_account
from gonghui.kernel.schemas import abilities_of
from gonghui.kernel.web import AuthedRequest

from . import actions, selectors
from .abilities import org_abilities
from .models import Org

router = Router(tags=["组织架构"])


class OrgOut(Schema):
    id: int
    name: str
    short_name: str
    level: str
    level_label: str = Field(..., alias="get_level_display")
    kind: str
    status: str
    parent_id: int | None
    division: str
    credit_code: str | None
    legal_person: bool
    legal_cert_no: str
    legal_cert_date: dt.date | None
    bank_name: str
    bank_account_masked: str
    address: str
    founded_on: dt.date | None
    child_count: int

    @staticmethod
    def resolve_bank_account_masked(obj: Org) -> str:
        return mask_bank_account(obj.bank_account) if obj.bank_account else ""


class OrgDetailOut(OrgOut):
    abilities: list[str] = Field(..., description="调用者现在可以对该组织办理的事项")

    resolve_abilities = abilities_of(org_abilities)


class OrgPage(Schema):
    items: list[OrgOut]
    next: str | None = Field(None, description="下一页的游标（传给 after）")


class OrgIn(Schema):
    name: str | None = None
    short_name: str | None = None
    kind: str | None = None
    division: str | None = None
    credit_code: str | None = None
    legal_person: bool | None = None
    legal_cert_no: str | None = None
    legal_cert_date: dt.date | None = None
    bank_name: str | None = None
    bank_account: str | None = None
    address: str | None = None
    founded_on: dt.date | None = None


class OrgCreateIn(OrgIn):
    parent_id: int
    level: str
    name: str  # type: ignore[assignment]


class MoveIn(Schema):
    new_parent_id: int
    on: dt.date | None = None
    note: str = ""


@router.get("/", response=OrgPage, summary="组织列表（按组织树顺序分页）")
def list_orgs(
    request: AuthedRequest,
    q: str = "",
    level: str = "",
    status: str = "",
    within: int | None = None,
    after: str = "",
) -> dict[str, object]:
    within_org = selectors.org_get_for_actor(actor=request.user, pk=within) if within else None
    rows, nxt = selectors.org_list_for_actor(
        actor=request.user, q=q, level=level, status=status, within=within_org, after=after
    )
    return {"items": rows, "next": nxt}


@router.get("/{int:org_id}", response=OrgDetailOut, summary="组织详情（含调用者可办理的事项）")
def get_org(request: AuthedRequest, org_id: int) -> Org:
    return selectors.org_get_for_actor(actor=request.user, pk=org_id)


@router.get("/{int:org_id}/children", response=list[OrgOut], summary="直属下级组织")
def get_children(request: AuthedRequest, org_id: int) -> list[Org]:
    org = selectors.org_get_for_actor(actor=request.user, pk=org_id)
    return selectors.org_children_for_actor(actor=request.user, parent=org)


@router.post("/", response={201: OrgOut}, summary="新建下级组织")
def create_org(request: AuthedRequest, payload: OrgCreateIn) -> Status[Org]:
    parent = selectors.org_get_for_actor(actor=request.user, pk=payload.parent_id, perm="manage")
    values = payload.dict(exclude={"parent_id", "level"}, exclude_none=True)
    return Status(201, actions.org_create(actor=request.user, parent=parent, level=payload.level, **values))


@router.patch("/{int:org_id}", response=OrgOut, summary="修改组织信息")
def update_org(request: AuthedRequest, org_id: int, payload: OrgIn) -> Org:
    org = selectors.org_get_for_actor(actor=request.user, pk=org_id, perm="edit")
    return actions.org_update(actor=request.user, org=org, **payload.dict(exclude_none=True))


@router.post("/{int:org_id}/move", response=OrgOut, summary="调整隶属关系")
def move_org(request: AuthedRequest, org_id: int, payload: MoveIn) -> Org:
    org = selectors.org_get_for_actor(actor=request.user, pk=org_id)
    new_parent = selectors.org_get_for_actor(actor=request.user, pk=payload.new_parent_id, perm="manage")
    return actions.org_move(
        actor=request.user, org=org, new_parent=new_parent, on=payload.on, note=payload.note
    )
