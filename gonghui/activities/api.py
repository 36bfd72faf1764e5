"""The activities API: the same selectors and actions as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Router, Schema, Status

from gonghui.kernel.errors import NotFound
from gonghui.kernel.schemas import ABILITIES, abilities_of
from gonghui.kernel.web import AuthedRequest, RecordId
from gonghui.members.selectors import member_get_for_actor
from gonghui.orgs.selectors import org_get_for_actor

from . import actions, selectors
from .abilities import (
    activity_abilities,
    benefit_abilities,
    campaign_abilities,
    group_abilities,
    signup_abilities,
    voucher_abilities,
)
from .models import Activity, Benefit, Campaign, Group, SignUp, Volunteer, Voucher

# A record's id: a positive 64-bit integer (a larger number names no record).

router = Router(tags=["活动"])


class CampaignOut(Schema):
    id: int
    org_id: int
    org: str = Field(..., alias="org.name")
    kind: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    goal_people: int
    goal_money: Decimal
    goal_goods: Decimal
    state: str


class CampaignDetailOut(CampaignOut):
    abilities: list[str] = Field(..., description=ABILITIES)

    resolve_abilities = abilities_of(campaign_abilities)


class CampaignIn(Schema):
    org_id: RecordId
    kind: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    goal_people: int = 0
    goal_money: Decimal = Decimal("0")
    goal_goods: Decimal = Decimal("0")
    description: str = ""


class ProgressRow(Schema):
    org_id: int | None
    label: str
    activities: int
    signups: int
    attended: int
    people: int
    goods_value: Decimal
    money: Decimal
    goal_people: int | None = Field(None, description="该工会分得的目标（未分得时为空）")
    goal_money: Decimal | None = None
    goal_goods: Decimal | None = None


class ProgressOut(Schema):
    org_id: int
    total: ProgressRow
    rows: list[ProgressRow]
    goal_people: int
    goal_money: Decimal
    goal_goods: Decimal


class ActivityOut(Schema):
    id: int
    org_id: int
    org: str = Field(..., alias="org.name")
    campaign_id: int | None
    kind: str
    title: str
    place: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int
    audience: str
    group_id: int | None
    signup_until: dt.datetime
    state: str


class ActivityDetailOut(ActivityOut):
    description: str
    places_left: int
    people_served: int
    goods: str
    goods_value: Decimal
    money: Decimal
    fund_id: int | None
    partners: list[str]
    abilities: list[str] = Field(..., description=ABILITIES)

    @staticmethod
    def resolve_places_left(obj: Activity) -> int:
        return selectors.places_left(obj)

    @staticmethod
    def resolve_partners(obj: Activity) -> list[str]:
        return [p.name for p in obj.partners.all()]

    resolve_abilities = abilities_of(activity_abilities)


class ActivityIn(Schema):
    org_id: RecordId
    campaign_id: RecordId | None = None
    partner_ids: list[RecordId] = []
    group_id: RecordId | None = None
    kind: str
    title: str
    place: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int
    audience: str = Activity.Audience.SUBTREE
    signup_until: dt.datetime | None = None
    description: str = ""


class SignUpOut(Schema):
    id: int
    activity_id: int
    activity: str = Field(..., alias="activity.title")
    name: str
    unit: str
    seq: int
    state: str
    created_at: dt.datetime
    checked_in_at: dt.datetime | None
    walk_in: bool
    abilities: list[str] = Field(..., description=ABILITIES)

    resolve_abilities = abilities_of(signup_abilities)


class CheckInIn(Schema):
    code: str = ""
    signup_id: RecordId | None = None


class WalkInIn(Schema):
    member_id: RecordId | None = Field(None, description="会员库中的会员；非会员不填，填姓名和手机号码")
    name: str = ""
    phone: str = ""


class CheckInOut(Schema):
    signup: SignUpOut
    first: bool = Field(..., description="这是第一次签到（重复签到不重复计数）")


class ActivityEditIn(Schema):
    reason: str = Field(..., description="修改原因（修改时间或地点时会通知已报名的职工）")
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    signup_until: dt.datetime | None = None
    place: str | None = None
    capacity: int | None = Field(None, description="不能少于已确认报名的人数")
    description: str | None = None


class ResultIn(Schema):
    people_served: int
    goods: str = ""
    goods_value: Decimal = Decimal("0")
    money: Decimal = Decimal("0")
    fund_id: RecordId | None = None
    summary: str = ""


class VolunteerOut(Schema):
    id: int
    org_id: int
    name: str
    skills: str
    total: Decimal = Decimal("0")
    served: int = 0


class HoursIn(Schema):
    volunteer_id: RecordId
    hours: Decimal
    role: str = ""


class GroupOut(Schema):
    id: int
    org_id: int
    org: str = Field(..., alias="org.name")
    name: str
    kind: str
    description: str
    size: int = 0


class GroupDetailOut(GroupOut):
    abilities: list[str] = Field(..., description=ABILITIES)

    @staticmethod
    def resolve_size(obj: Group) -> int:
        return obj.entries.count()

    resolve_abilities = abilities_of(group_abilities)


class GroupIn(Schema):
    org_id: RecordId
    name: str
    kind: str
    description: str = ""


class GroupMemberIn(Schema):
    member_id: RecordId


class GroupFillIn(Schema):
    source: str = Field(
        ..., description="women 女会员 / migrant 农民工会员 / hardship 在档困难职工 / model_workers 劳模"
    )


class GroupEntryOut(Schema):
    member_id: int
    name: str = Field(..., alias="member.name")
    org: str = Field(..., alias="member.org.name")
    source: str
    added_at: dt.datetime


class AddedOut(Schema):
    added: int


class RemovedOut(Schema):
    removed: int


# ---- groups --------------------------------------------------------------------------------


@router.get(
    "/groups", response=list[GroupOut], summary="一个工会可用的活动对象群体（本级、上级建立的及下级建立的）"
)
def list_groups(request: AuthedRequest, org: int) -> list[Group]:
    return selectors.group_list_for_actor(
        actor=request.user, org=org_get_for_actor(actor=request.user, pk=org)
    )


@router.post("/groups", response={201: GroupDetailOut}, summary="建立活动对象群体")
def create_group(request: AuthedRequest, payload: GroupIn) -> Status[Group]:
    org = org_get_for_actor(actor=request.user, pk=payload.org_id, perm="edit")
    values = payload.dict(exclude={"org_id"})
    return Status(201, actions.group_create(actor=request.user, org=org, **values))


@router.get("/groups/{int:group_id}", response=GroupDetailOut, summary="活动对象群体")
def get_group(request: AuthedRequest, group_id: int) -> Group:
    return selectors.group_get_for_actor(actor=request.user, pk=group_id)


@router.get("/groups/{int:group_id}/members", response=list[GroupEntryOut], summary="群体名单（前300人）")
def list_group_members(request: AuthedRequest, group_id: int, name: str = "") -> list[Any]:
    group = selectors.group_get_for_actor(actor=request.user, pk=group_id)
    return selectors.group_entries(group, name=name)[0]


@router.post("/groups/{int:group_id}/members", response={201: GroupEntryOut}, summary="从会员库加入名单")
def add_group_member(request: AuthedRequest, group_id: int, payload: GroupMemberIn) -> Status[Any]:
    group = selectors.group_get_for_actor(actor=request.user, pk=group_id, perm="edit")
    member = member_get_for_actor(actor=request.user, pk=payload.member_id)
    return Status(201, actions.group_add(actor=request.user, group=group, member=member))


@router.post("/groups/{int:group_id}/members/remove", response=RemovedOut, summary="移出名单")
def remove_group_member(request: AuthedRequest, group_id: int, payload: GroupMemberIn) -> dict[str, int]:
    group = selectors.group_get_for_actor(actor=request.user, pk=group_id, perm="edit")
    member = member_get_for_actor(actor=request.user, pk=payload.member_id)
    actions.group_remove(actor=request.user, group=group, member=member)
    return {"removed": 1}


@router.post("/groups/{int:group_id}/fill", response=AddedOut, summary="从会员库和档案中成批加入")
def fill_group(request: AuthedRequest, group_id: int, payload: GroupFillIn) -> dict[str, int]:
    group = selectors.group_get_for_actor(actor=request.user, pk=group_id, perm="edit")
    return {"added": actions.group_fill(actor=request.user, group=group, source=payload.source)}


# ---- campaigns -----------------------------------------------------------------------------


@router.get(
    "/campaigns", response=list[CampaignOut], summary="与一个工会有关的专项活动（本级、上级发起及下级发起的）"
)
def list_campaigns(request: AuthedRequest, org: int) -> list[Campaign]:
    return selectors.campaign_list_for_actor(
        actor=request.user, org=org_get_for_actor(actor=request.user, pk=org)
    )


@router.post("/campaigns", response={201: CampaignDetailOut}, summary="发起专项活动")
def create_campaign(request: AuthedRequest, payload: CampaignIn) -> Status[Campaign]:
    org = org_get_for_actor(actor=request.user, pk=payload.org_id, perm="edit")
    values = payload.dict(exclude={"org_id"})
    return Status(201, actions.campaign_open(actor=request.user, org=org, **values))


@router.get("/campaigns/{int:campaign_id}", response=CampaignDetailOut, summary="专项活动详情")
def get_campaign(request: AuthedRequest, campaign_id: int) -> Campaign:
    return selectors.campaign_get_for_actor(actor=request.user, pk=campaign_id)


@router.get("/campaigns/{int:campaign_id}/progress", response=ProgressOut, summary="专项活动进度（逐级汇总）")
def campaign_progress(request: AuthedRequest, campaign_id: int, org: int | None = None) -> dict[str, Any]:
    at = org_get_for_actor(actor=request.user, pk=org) if org else None
    campaign = selectors.campaign_get_for_actor(actor=request.user, pk=campaign_id, at=at)
    p = selectors.campaign_progress(campaign, at or campaign.org)

    def row(r: selectors.Progress) -> dict[str, Any]:
        goals = {
            k: getattr(r, k) if r.has_goal else None for k in ("goal_people", "goal_money", "goal_goods")
        }
        return {"org_id": r.org.pk if r.org else None, **goals, **{k: getattr(r, k) for k in (
            "label", "activities", "signups", "attended", "people", "goods_value", "money")}}  # fmt: skip

    return {"org_id": p.at.pk, "total": row(p.total), "rows": [row(r) for r in p.rows], "goal_people": p.goal_people,
            "goal_money": p.goal_money, "goal_goods": p.goal_goods}  # fmt: skip


class GoalShareIn(Schema):
    org_id: RecordId
    people: int = 0
    money: Decimal = Decimal("0")
    goods: Decimal = Decimal("0")


class GoalsIn(Schema):
    org_id: RecordId = Field(..., description="分解自己目标的工会（发起工会或已分得目标的下级工会）")
    shares: list[GoalShareIn]


class GoalOut(Schema):
    org_id: int
    org: str = Field(..., alias="org.name")
    goal_people: int
    goal_money: Decimal
    goal_goods: Decimal


@router.post("/campaigns/{int:campaign_id}/goals", response=list[GoalOut], summary="把目标分解到直属下级工会")
def split_goals(request: AuthedRequest, campaign_id: int, payload: GoalsIn) -> list[Any]:
    org = org_get_for_actor(actor=request.user, pk=payload.org_id, perm="edit")
    campaign = selectors.campaign_get_for_actor(actor=request.user, pk=campaign_id, at=org)
    shares = [actions.GoalShare(s.org_id, s.people, s.money, s.goods) for s in payload.shares]
    return actions.campaign_goals_split(actor=request.user, campaign=campaign, org=org, shares=shares)


@router.post("/campaigns/{int:campaign_id}/close", response=CampaignDetailOut, summary="结束专项活动")
def close_campaign(request: AuthedRequest, campaign_id: int) -> Campaign:
    campaign = selectors.campaign_get_for_actor(actor=request.user, pk=campaign_id, perm="edit")
    return actions.campaign_close(actor=request.user, campaign=campaign)


# ---- activities ----------------------------------------------------------------------------


@router.get("/activities", response=list[ActivityOut], summary="一个工会及下级工会的活动")
def list_activities(request: AuthedRequest, within: int, campaign: int | None = None) -> list[Activity]:
    org = org_get_for_actor(actor=request.user, pk=within)
    found = selectors.campaign_get_for_actor(actor=request.user, pk=campaign, at=org) if campaign else None
    return list(selectors.activity_list_for_actor(actor=request.user, within=org, campaign=found)[:200])


@router.get("/open", response=list[ActivityOut], summary="我现在可以报名的活动")
def open_activities(request: AuthedRequest) -> list[Activity]:
    return selectors.open_to_worker(request.user)


@router.post("/activities", response={201: ActivityDetailOut}, summary="新建活动")
def create_activity(request: AuthedRequest, payload: ActivityIn) -> Status[Activity]:
    org = org_get_for_actor(actor=request.user, pk=payload.org_id, perm="edit")
    campaign = None
    if payload.campaign_id is not None:
        campaign = selectors.campaigns_open_to(org).filter(pk=payload.campaign_id).first()
        if campaign is None:
            raise NotFound("没有这个可添加活动的专项活动。")
    partners = list(selectors.partners_usable(org).filter(pk__in=payload.partner_ids))
    if len(partners) != len(set(payload.partner_ids)):
        raise NotFound("合作单位不在本工会可用的合作伙伴名录中。")
    group = None
    if payload.group_id is not None:
        group = selectors.groups_usable(org).filter(pk=payload.group_id).first()
        if group is None:
            raise NotFound("没有这个本工会可用的活动对象群体。")
    values = payload.dict(exclude={"org_id", "campaign_id", "partner_ids", "group_id"})
    return Status(
        201,
        actions.activity_create(
            actor=request.user, org=org, campaign=campaign, partners=partners, group=group, **values
        ),
    )


@router.get("/activities/{int:activity_id}", response=ActivityDetailOut, summary="活动详情")
def get_activity(request: AuthedRequest, activity_id: int) -> Activity:
    return selectors.activity_get_for_actor(actor=request.user, pk=activity_id)


@router.get(
    "/activities/{int:activity_id}/signups", response=list[SignUpOut], summary="报名名单（含候补与已取消）"
)
def list_signups(request: AuthedRequest, activity_id: int) -> list[SignUp]:
    activity = selectors.activity_get_for_actor(actor=request.user, pk=activity_id, perm="edit")
    roster = selectors.roster(activity)
    return [*roster.confirmed, *roster.waiting, *roster.cancelled]


@router.post(
    "/activities/{int:activity_id}/signup", response={201: SignUpOut}, summary="本人报名（名额满时进入候补）"
)
def sign_up(request: AuthedRequest, activity_id: int) -> Status[SignUp]:
    activity = selectors.activity_get_for_actor(actor=request.user, pk=activity_id)
    return Status(201, actions.signup_create(actor=request.user, activity=activity))


@router.post("/activities/{int:activity_id}/checkin", response=CheckInOut, summary="签到（扫码或按报名）")
def check_in(request: AuthedRequest, activity_id: int, payload: CheckInIn) -> dict[str, Any]:
    activity = selectors.activity_get_for_actor(actor=request.user, pk=activity_id, perm="edit")
    if payload.signup_id is not None:
        signup = selectors.signup_for_activity(actor=request.user, activity=activity, pk=payload.signup_id)
        signup, first = actions.checkin(actor=request.user, signup=signup)
    else:
        signup, first = actions.checkin_by_code(actor=request.user, activity=activity, code=payload.code)
    return {"signup": signup, "first": first}


@router.post("/activities/{int:activity_id}/edit", response=ActivityDetailOut, summary="修改已发布的活动")
def edit_activity(request: AuthedRequest, activity_id: int, payload: ActivityEditIn) -> Activity:
    activity = selectors.activity_get_for_actor(actor=request.user, pk=activity_id, perm="edit")
    values = payload.dict(exclude={"reason"}, exclude_none=True)
    return actions.activity_edit(actor=request.user, activity=activity, reason=payload.reason, **values)


@router.post(
    "/activities/{int:activity_id}/walkin",
    response={201: SignUpOut},
    summary="现场加入并签到（未报名的会员或非会员）",
)
def walk_in(request: AuthedRequest, activity_id: int, payload: WalkInIn) -> Status[SignUp]:
    activity = selectors.activity_get_for_actor(actor=request.user, pk=activity_id, perm="edit")
    member = member_get_for_actor(actor=request.user, pk=payload.member_id) if payload.member_id else None
    signup = actions.walk_in_add(actor=request.user, activity=activity, member=member, name=payload.name,
                                 phone=payload.phone)  # fmt: skip
    return Status(201, signup)


@router.post("/activities/{int:activity_id}/result", response=ActivityDetailOut, summary="登记活动结果")
def record_result(request: AuthedRequest, activity_id: int, payload: ResultIn) -> Activity:
    activity = selectors.activity_get_for_actor(actor=request.user, pk=activity_id, perm="edit")
    fund = None
    if payload.fund_id is not None:
        fund = selectors.funds_usable(activity).filter(pk=payload.fund_id).first()
        if fund is None:
            raise NotFound("没有这个可用的帮扶专项资金。")
    values = payload.dict(exclude={"fund_id"})
    return actions.activity_result_record(actor=request.user, activity=activity, fund=fund, **values)


@router.post("/activities/{int:activity_id}/hours", response=VolunteerOut, summary="登记志愿服务时长")
def record_hours(request: AuthedRequest, activity_id: int, payload: HoursIn) -> Volunteer:
    activity = selectors.activity_get_for_actor(actor=request.user, pk=activity_id, perm="edit")
    volunteer = selectors.volunteer_get_for_actor(actor=request.user, pk=payload.volunteer_id)
    actions.hours_record(actor=request.user, activity=activity, volunteer=volunteer, hours=str(payload.hours),
                         role=payload.role)  # fmt: skip
    return selectors.volunteer_list_for_actor(actor=request.user, within=volunteer.org).get(pk=volunteer.pk)


# ---- sign-ups ------------------------------------------------------------------------------


@router.get("/signups/mine", response=list[SignUpOut], summary="我的报名")
def my_signups(request: AuthedRequest) -> list[SignUp]:
    return selectors.my_signups(request.user, current=False)


@router.get("/signups/{int:signup_id}", response=SignUpOut, summary="一份报名")
def get_signup(request: AuthedRequest, signup_id: int) -> SignUp:
    return selectors.signup_get_for_actor(actor=request.user, pk=signup_id)


@router.post("/signups/{int:signup_id}/cancel", response=SignUpOut, summary="取消报名（候补依次递补）")
def cancel_signup(request: AuthedRequest, signup_id: int) -> SignUp:
    signup = selectors.signup_get_for_actor(actor=request.user, pk=signup_id)
    return actions.signup_cancel(actor=request.user, signup=signup)


# ---- benefits and vouchers -----------------------------------------------------------------


class BenefitOut(Schema):
    id: int
    title: str
    description: str
    campaign: str = Field(..., alias="campaign.title")
    org_name: str = Field(..., alias="campaign.org.name")
    claim_from: dt.date
    claim_until: dt.date
    total: int
    issued: int
    per_worker: int
    abilities: list[str] = Field(..., description=ABILITIES)

    resolve_abilities = abilities_of(benefit_abilities)


class VoucherOut(Schema):
    id: int
    benefit: str = Field(..., alias="benefit.title")
    org_name: str = Field(..., alias="benefit.campaign.org.name")
    name: str
    state: str
    state_label: str = Field(..., alias="get_state_display")
    claimed_at: dt.datetime
    redeemed_at: dt.datetime | None
    code: str = Field("", description="券码（仅本人、未核销时给出），出示给工会核销")
    abilities: list[str] = Field(..., description=ABILITIES)

    resolve_abilities = abilities_of(voucher_abilities)

    @staticmethod
    def resolve_code(voucher: Voucher, context: Any) -> str:
        ab = voucher_abilities(context["request"].user, voucher)
        return actions.code_shown(voucher.code) if ab.code else ""


@router.get("/benefits/open", response=list[BenefitOut], summary="我现在可以领取的福利（如送清凉慰问品券）")
def open_benefits(request: AuthedRequest) -> list[Benefit]:
    return selectors.benefits_open_to_worker(request.user)


@router.post("/benefits/{int:benefit_id}/claim", response={201: VoucherOut}, summary="领取福利券")
def claim_benefit(request: AuthedRequest, benefit_id: int) -> Status[Voucher]:
    benefit = selectors.benefit_get_for_actor(actor=request.user, pk=benefit_id)
    return Status(201, actions.voucher_claim(actor=request.user, benefit=benefit))


@router.get("/vouchers/mine", response=list[VoucherOut], summary="我的福利券")
def my_vouchers(request: AuthedRequest) -> list[Voucher]:
    return selectors.my_vouchers(request.user)


@router.get("/vouchers/{int:voucher_id}", response=VoucherOut, summary="一张福利券")
def get_voucher(request: AuthedRequest, voucher_id: int) -> Voucher:
    return selectors.voucher_get_for_actor(actor=request.user, pk=voucher_id)


@router.post("/vouchers/{int:voucher_id}/redeem", response=VoucherOut, summary="核销福利券（发放工会）")
def redeem_voucher(request: AuthedRequest, voucher_id: int) -> Voucher:
    voucher = selectors.voucher_get_for_actor(actor=request.user, pk=voucher_id, perm="edit")
    return actions.voucher_redeem(actor=request.user, voucher=voucher)


# ---- volunteers ----------------------------------------------------------------------------


@router.get("/volunteers", response=list[VolunteerOut], summary="一个工会及下级工会的志愿者及其服务时长")
def list_volunteers(request: AuthedRequest, within: int) -> list[Volunteer]:
    org = org_get_for_actor(actor=request.user, pk=within)
    return list(selectors.volunteer_list_for_actor(actor=request.user, within=org)[:500])
