"""Writes of the activities module: each checks who may, validates, changes and audits in one
transaction. Sign-ups, cancellations and check-ins lock the activity's row first, so that
concurrent ones never put more people on the list than its places, and the line keeps its order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from gonghui.assistance.models import Fund
from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.codes import CodeError, credit_code_check
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import transition
from gonghui.members.choices import COUNTED, Sex
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from . import rules
from .models import (
    ZERO,
    Activity,
    Campaign,
    CampaignGoal,
    Group,
    GroupMember,
    Handout,
    Partner,
    ServiceHours,
    SignUp,
    Volunteer,
)
from .workflow import ACTIVITY, CAMPAIGN, SIGNUP

MAX_CAPACITY = 100_000


def _when(value: Any, *, field: str, label: str) -> dt.datetime:
    if isinstance(value, str) and value.strip():
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise Refused(
                {field: gettext("%(label)s应为日期和时间，如 2026-07-01 09:00。") % {"label": label}}
            ) from None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(9))
    if not isinstance(value, dt.datetime):
        raise Refused({field: gettext("请填写%(label)s。") % {"label": label}})
    return timezone.make_aware(value) if timezone.is_naive(value) else value


# ---------------------------------------------------------------------------------- partners


@action
def partner_create(
    *,
    actor: Any,
    org: Org,
    name: str,
    kind: str,
    credit_code: str = "",
    contact: str = "",
    services: str = "",
) -> Partner:
    scope.require(actor, "edit", org)
    name = cleaning.text(name, field="name", label="名称", max_length=100)
    kind = cleaning.choice(kind, Partner.Kind.choices, field="kind", label="类别")
    code = (credit_code or "").strip().upper()
    if code:
        try:
            code = credit_code_check(code)
        except CodeError as exc:
            raise Refused({"credit_code": str(exc)}) from None
    if Partner.objects.filter(org=org, name=name).exists():
        raise Refused({"name": gettext("「%(name)s」已在本工会的合作伙伴名录中。") % {"name": name}})
    partner = Partner.objects.create(
        org=org, name=name, kind=kind, credit_code=code,
        contact=cleaning.text(contact, field="contact", label="联系人", max_length=50, required=False),
        services=cleaning.text(services, field="services", label="可提供的服务", max_length=200, required=False),
    )  # fmt: skip
    audit(actor=actor, action="activities.partner.create", obj=partner, org=org,
          detail={"name": name, "kind": partner.get_kind_display()})  # fmt: skip
    return partner


# ------------------------------------------------------------------------------------ groups

# Where a group's members may be found in the register at once: the member's own flag, or the
# union's files of hardship households and model workers.
FILL_SOURCES = {
    "women": gettext_lazy("本工会及下级工会的女会员"),
    "migrant": gettext_lazy("本工会及下级工会的农民工会员"),
    "hardship": gettext_lazy("困难职工档案中在档的会员"),
    "model_workers": gettext_lazy("劳模档案中的会员"),
}


@action
def group_create(*, actor: Any, org: Org, name: str, kind: str, description: str = "") -> Group:
    scope.require(actor, "edit", org)
    name = cleaning.text(name, field="name", label="名称", max_length=50)
    if Group.objects.filter(org=org, name=name).exists():
        raise Refused({"name": gettext("本工会已有名为「%(name)s」的群体。") % {"name": name}})
    group = Group.objects.create(
        org=org, name=name, kind=cleaning.choice(kind, Group.Kind.choices, field="kind", label="类别"),
        description=cleaning.text(description, field="description", label="说明", max_length=200, required=False),
    )  # fmt: skip
    audit(actor=actor, action="activities.group.create", obj=group, org=org,
          detail={"name": name, "kind": group.get_kind_display()})  # fmt: skip
    return group


def _member_fits(group: Group, member: Member) -> str:
    """Why the member cannot be on the group's list ("" when they can)."""
    if not member.org.path.startswith(group.org.path):
        return gettext("%(name)s不是%(org)s及下级工会的会员。") % {"name": member.name, "org": group.org.name}
    if member.status not in COUNTED:
        return gettext("%(name)s的会籍状态为「%(status)s」。") % {
            "name": member.name, "status": member.get_status_display()
        }  # fmt: skip
    return ""


@action
def group_add(*, actor: Any, group: Group, member: Member) -> GroupMember:
    """Put one member of the union's subtree on the group's list."""
    group = Group.objects.select_for_update().select_related("org").get(pk=group.pk)
    scope.require(actor, "edit", group.org)
    scope.require(actor, "view", member.org)
    why = _member_fits(group, member)
    if why:
        raise Refused({"member": why})
    if GroupMember.objects.filter(group=group, member=member).exists():
        raise Refused(
            {
                "member": gettext("%(name)s已在「%(group)s」名单中。")
                % {"name": member.name, "group": group.name}
            }
        )
    entry = GroupMember.objects.create(group=group, member=member, source=GroupMember.Source.REGISTER)
    audit(actor=actor, action="activities.group.add", obj=group, org=group.org,
          detail={"group": group.name, "name": member.name})  # fmt: skip
    return entry


@action
def group_remove(*, actor: Any, group: Group, member: Member) -> None:
    group = Group.objects.select_for_update().select_related("org").get(pk=group.pk)
    scope.require(actor, "edit", group.org)
    gone, _ = GroupMember.objects.filter(group=group, member=member).delete()
    if not gone:
        raise Refused(
            {
                "member": gettext("%(name)s不在「%(group)s」名单中。")
                % {"name": member.name, "group": group.name}
            }
        )
    audit(actor=actor, action="activities.group.remove", obj=group, org=group.org,
          detail={"group": group.name, "name": member.name})  # fmt: skip


def _fill_candidates(group: Group, source: str) -> tuple[Any, str]:
    counted = Member.objects.filter(org__path__startswith=group.org.path, status__in=COUNTED)
    if source == "women":
        return counted.filter(sex=Sex.FEMALE), GroupMember.Source.REGISTER
    if source == "migrant":
        return counted.filter(migrant_worker=True), GroupMember.Source.REGISTER
    if source == "hardship":
        from gonghui.assistance.models import Household

        held = Household.objects.filter(
            org__path__startswith=group.org.path, status=Household.Status.ACTIVE, member__isnull=False
        ).values("member_id")
        return counted.filter(pk__in=held), GroupMember.Source.HARDSHIP
    if source == "model_workers":
        from gonghui.honours.models import Honour

        honoured = Honour.objects.filter(org__path__startswith=group.org.path, member__isnull=False)
        return counted.filter(pk__in=honoured.values("member_id")), GroupMember.Source.HONOURS
    raise Refused({"source": gettext("请选择从哪里添加名单。")})


@action
def group_fill(*, actor: Any, group: Group, source: str) -> int:
    """Add at once every member of the union's subtree the register marks so (女会员, 农民工) or
    the union's files hold (在档困难职工, 劳模); those already on the list stay once. Returns how
    many were added."""
    group = Group.objects.select_for_update().select_related("org").get(pk=group.pk)
    scope.require(actor, "edit", group.org)
    found, how = _fill_candidates(group, source)
    have = GroupMember.objects.filter(group=group).values("member_id")
    ids = list(found.exclude(pk__in=have).values_list("pk", flat=True)[:50_001])
    if len(ids) > 50_000:
        raise Refused({"source": gettext("符合条件的会员超过五万人，请在下级工会分别建立名单。")})
    GroupMember.objects.bulk_create(GroupMember(group=group, member_id=pk, source=how) for pk in ids)
    audit(actor=actor, action="activities.group.fill", obj=group, org=group.org,
          detail={"group": group.name, "via": str(FILL_SOURCES[source]), "added": len(ids)})  # fmt: skip
    return len(ids)


@action
def group_members_import(*, actor: Any, group: Group, members: Sequence[Member], source: str = "") -> int:
    """Put the members an uploaded list named on the group's list (all were checked by the
    importer; those already on it stay once)."""
    group = Group.objects.select_for_update().select_related("org").get(pk=group.pk)
    scope.require(actor, "edit", group.org)
    for m in members:
        why = _member_fits(group, m)
        if why:
            raise Refused({"file": why})
    have = set(GroupMember.objects.filter(group=group).values_list("member_id", flat=True))
    new = {m.pk for m in members} - have
    GroupMember.objects.bulk_create(
        GroupMember(group=group, member_id=pk, source=GroupMember.Source.IMPORT) for pk in sorted(new)
    )
    audit(actor=actor, action="activities.group.import", obj=group, org=group.org,
          detail={"group": group.name, "file": source, "rows": len(members), "added": len(new)})  # fmt: skip
    return len(new)


def groups_usable(org: Org) -> Any:
    """The groups an activity of a union may be open to: its own and those of unions above it."""
    return Group.objects.filter(org__path__in=rules.ancestor_paths(org.path)).select_related("org")


# --------------------------------------------------------------------------------- campaigns


@action
def campaign_open(
    *, actor: Any, org: Org, kind: str, title: str, starts_on: Any, ends_on: Any, goal_people: Any = 0,
    goal_money: Any = "0", goal_goods: Any = "0", description: str = "",
) -> Campaign:  # fmt: skip
    scope.require(actor, "edit", org)
    starts = cleaning.date(starts_on, field="starts_on", label="开始日期")
    campaign = Campaign.objects.create(
        org=org,
        kind=cleaning.choice(kind, Campaign.Kind.choices, field="kind", label="类别"),
        title=cleaning.text(title, field="title", label="名称", max_length=100),
        starts_on=starts,
        ends_on=cleaning.date(ends_on, field="ends_on", label="结束日期", not_before=starts),
        goal_people=cleaning.whole(
            goal_people or 0, field="goal_people", label="目标服务人次", maximum=10**8
        ),
        goal_money=cleaning.money(goal_money, field="goal_money", label="目标资金", maximum=Decimal("1e10")),
        goal_goods=cleaning.money(
            goal_goods, field="goal_goods", label="目标物资价值", maximum=Decimal("1e10")
        ),
        description=cleaning.body(
            description, field="description", label="说明", max_length=2000, required=False
        ),
    )
    audit(actor=actor, action="activities.campaign.open", obj=campaign, org=org,
          detail={"title": campaign.title, "kind": campaign.get_kind_display(),
                  "period": f"{campaign.starts_on}—{campaign.ends_on}"})  # fmt: skip
    return campaign


@action
def campaign_close(*, actor: Any, campaign: Campaign) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    transition(CAMPAIGN, campaign, "close", actor=actor, detail={"title": campaign.title})
    return campaign


@action
def campaign_reopen(*, actor: Any, campaign: Campaign) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    transition(CAMPAIGN, campaign, "reopen", actor=actor, detail={"title": campaign.title})
    return campaign


@dataclass(frozen=True)
class GoalShare:
    """One union's part of a campaign's goals: people reached, money, goods value."""

    org_id: int
    people: Any = 0
    money: Any = "0"
    goods: Any = "0"


def goal_of(campaign: Campaign, org: Org) -> tuple[int, Decimal, Decimal] | None:
    """The goals a union holds in a campaign (the opener's are the campaign's), or None."""
    if org.pk == campaign.org_id:
        return campaign.goal_people, campaign.goal_money, campaign.goal_goods
    part = CampaignGoal.objects.filter(campaign=campaign, org=org).first()
    return (part.goal_people, part.goal_money, part.goal_goods) if part is not None else None


def goal_split_refusal(campaign: Campaign, org: Org) -> str:
    """Why `org` cannot split its goals of the campaign among the unions below it now."""
    if campaign.state != Campaign.State.OPEN:
        return gettext("「%(title)s」已结束，不能再分解目标。") % {"title": campaign.title}
    if not org.path.startswith(campaign.org.path):
        return gettext("%(org)s不在「%(title)s」的范围内。") % {"org": org.name, "title": campaign.title}
    if goal_of(campaign, org) is None:
        return gettext("%(org)s尚未从上级分得「%(title)s」的目标。") % {
            "org": org.name,
            "title": campaign.title,
        }
    if not Org.objects.filter(parent=org, status="active").exists():
        return gettext("%(org)s没有下级工会，无法分解目标。") % {"org": org.name}
    return ""


@action
def campaign_goals_split(
    *, actor: Any, campaign: Campaign, org: Org, shares: Sequence[GoalShare]
) -> list[CampaignGoal]:
    """Split the goals `org` holds in the campaign among the unions directly below it; each
    measure's parts must add up to at least the whole. A union that holds a part already has it
    changed (what it split further stays as it was)."""
    campaign = Campaign.objects.select_for_update().select_related("org").get(pk=campaign.pk)
    scope.require(actor, "edit", org)
    why = goal_split_refusal(campaign, org)
    if why:
        raise Refused(why)
    whole = goal_of(campaign, org)
    assert whole is not None
    children = {c.pk: c for c in Org.objects.filter(parent=org, status="active")}
    parts: list[tuple[Org, int, Decimal, Decimal]] = []
    for share in shares:
        child = children.get(share.org_id)
        if child is None:
            raise Refused(gettext("只能分解给本工会的直属下级工会。"))
        people = cleaning.whole(share.people or 0, field=f"people_{child.pk}", label=f"{child.name}的目标服务人次",
                                maximum=10**8)  # fmt: skip
        money = cleaning.money(share.money or "0", field=f"money_{child.pk}", label=f"{child.name}的目标资金",
                               maximum=Decimal("1e10"))  # fmt: skip
        goods = cleaning.money(share.goods or "0", field=f"goods_{child.pk}", label=f"{child.name}的目标物资价值",
                               maximum=Decimal("1e10"))  # fmt: skip
        if people or money or goods:
            parts.append((child, people, money, goods))
    if not parts:
        raise Refused(gettext("请至少为一个下级工会填写目标。"))
    sums: tuple[Decimal, Decimal, Decimal] = (
        Decimal(sum(p for _c, p, _m, _g in parts)),
        sum((m for _c, _p, m, _g in parts), ZERO),
        sum((g for _c, _p, _m, g in parts), ZERO),
    )
    labels = (gettext("服务人次"), gettext("资金（元）"), gettext("物资价值（元）"))
    short = [
        gettext("%(what)s合计 %(total)s，少于本级目标 %(whole)s")
        % {"what": label, "total": total, "whole": goal}
        for label, total, goal in zip(labels, sums, (Decimal(whole[0]), whole[1], whole[2]), strict=True)
        if total < goal
    ]
    if short:
        raise Refused(gettext("分解到下级的目标不足：%(short)s，请补足。") % {"short": "；".join(short)})
    out = []
    for child, people, money, goods in parts:
        part, _made = CampaignGoal.objects.update_or_create(
            campaign=campaign, org=child,
            defaults={"goal_people": people, "goal_money": money, "goal_goods": goods, "set_at": timezone.now()},
        )  # fmt: skip
        out.append(part)
    audit(actor=actor, action="activities.campaign.split", obj=campaign, org=org,
          detail={"title": campaign.title, "unions": len(out), "people": int(sums[0]), "amount": str(sums[1]),
                  "goods_value": str(sums[2])})  # fmt: skip
    return out


def campaigns_open_to(org: Org, on: dt.date | None = None) -> Any:
    """The campaigns a union may attach an activity to: open ones opened by it or a union above
    it, not yet over."""
    on = on or timezone.localdate()
    return Campaign.objects.filter(
        org__path__in=rules.ancestor_paths(org.path), state=Campaign.State.OPEN, ends_on__gte=on
    ).select_related("org")


# -------------------------------------------------------------------------------- activities


@action
def activity_create(
    *, actor: Any, org: Org, kind: str, title: str, place: str, starts_at: Any, ends_at: Any, capacity: Any,
    signup_until: Any = None, audience: str = Activity.Audience.SUBTREE, campaign: Campaign | None = None,
    partners: Sequence[Partner] = (), description: str = "", group: Group | None = None,
) -> Activity:  # fmt: skip
    scope.require(actor, "edit", org)
    audience = cleaning.choice(audience, Activity.Audience.choices, field="audience", label="报名范围")
    if audience == Activity.Audience.GROUP:
        if group is None:
            raise Refused({"group": gettext("报名范围为指定群体时，请选择群体。")})
        if not org.path.startswith(group.org.path):
            raise Refused(
                {"group": gettext("「%(name)s」不是本工会或上级工会建立的群体。") % {"name": group.name}}
            )
    else:
        group = None
    starts = _when(starts_at, field="starts_at", label="开始时间")
    ends = _when(ends_at, field="ends_at", label="结束时间")
    if ends < starts:
        raise Refused({"ends_at": gettext("结束时间不能早于开始时间。")})
    until = _when(signup_until, field="signup_until", label="报名截止") if signup_until else starts
    if until > starts:
        raise Refused({"signup_until": gettext("报名截止不能晚于活动开始时间。")})
    if campaign is not None:
        if not org.path.startswith(campaign.org.path):
            raise Refused(
                {
                    "campaign": gettext("「%(title)s」由%(org)s发起，本工会不在其范围内。")
                    % {"title": campaign.title, "org": campaign.org.name}
                }
            )
        if campaign.state != Campaign.State.OPEN:
            raise Refused(
                {"campaign": gettext("「%(title)s」已结束，不能再添加活动。") % {"title": campaign.title}}
            )
        day = timezone.localtime(starts).date()
        if not campaign.starts_on <= day <= campaign.ends_on:
            raise Refused({"starts_at": gettext("活动日期应在「%(title)s」的期间内（%(starts)s至%(ends)s）。")
                                        % {"title": campaign.title, "starts": f"{campaign.starts_on:%Y年%m月%d日}",
                                           "ends": f"{campaign.ends_on:%Y年%m月%d日}"}})  # fmt: skip
    for p in partners:
        if not org.path.startswith(p.org.path):
            raise Refused(
                {"partners": gettext("「%(name)s」不在本工会可用的合作伙伴名录中。") % {"name": p.name}}
            )
    activity = Activity.objects.create(
        org=org,
        campaign=campaign,
        kind=cleaning.choice(kind, Activity.Kind.choices, field="kind", label="类别"),
        title=cleaning.text(title, field="title", label="名称", max_length=100),
        place=cleaning.text(place, field="place", label="地点", max_length=200),
        starts_at=starts,
        ends_at=ends,
        capacity=cleaning.whole(capacity, field="capacity", label="名额", minimum=1, maximum=MAX_CAPACITY),
        audience=audience,
        group=group,
        signup_until=until,
        description=cleaning.body(
            description, field="description", label="内容", max_length=5000, required=False
        ),
    )
    if partners:
        activity.partners.set(partners)
    audit(actor=actor, action="activities.activity.create", obj=activity, org=org,
          detail={"title": activity.title, "kind": activity.get_kind_display(),
                  "campaign": campaign.title if campaign else "", "capacity": activity.capacity,
                  "group": group.name if group else "",
                  "partners": [p.name for p in partners]})  # fmt: skip
    return activity


EDITABLE = ("starts_at", "ends_at", "signup_until", "place", "capacity", "description")
# What those signed up are told about: when and where.
NOTIFIED = ("starts_at", "ends_at", "place")


def _shown(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    return value


def _notice_text(activity: Activity, changed: dict[str, tuple[Any, Any]], reason: str) -> str:
    parts = []
    if "starts_at" in changed or "ends_at" in changed:
        parts.append(gettext("时间改为%(starts)s至%(ends)s") % {
            "starts": f"{timezone.localtime(activity.starts_at):%m月%d日 %H:%M}",
            "ends": f"{timezone.localtime(activity.ends_at):%H:%M}",
        })  # fmt: skip
    if "place" in changed:
        parts.append(gettext("地点改为%(place)s") % {"place": activity.place})
    return gettext("【%(org)s】您报名的「%(title)s」%(what)s（%(reason)s）。如不能参加，请及时取消报名。") % {
        "org": activity.org.name, "title": activity.title, "what": "，".join(parts), "reason": reason,
    }  # fmt: skip


def _tell_signed_up(activity: Activity, text: str) -> int:
    """Tell everyone on the list and the waiting list (after the change commits)."""
    from django.db import transaction

    from gonghui.services import notify

    notices = []
    for s in SignUp.objects.filter(activity=activity, state__in=SignUp.ACTIVE).select_related("member"):
        phone = s.member.phone if s.member is not None else s.phone
        notices.append(notify.Notice(kind="activity_changed", to_name=s.name, to_phone=phone or "", text=text,
                                     user_id=s.user_id, meta={"activity": str(activity.pk)}))  # fmt: skip

    def send_all() -> None:
        for n in notices:
            notify.send(n)

    transaction.on_commit(send_all)
    return len(notices)


@action
def activity_edit(*, actor: Any, activity: Activity, reason: str, **values: Any) -> Activity:
    """Change a published activity's time, place, places or description, with a reason. The
    places may not go below those confirmed (more places move the waiting list up in order);
    those signed up are told of a new time or place; the audit row keeps before and after."""
    activity = _locked(activity)
    scope.require(actor, "edit", activity.org)
    if activity.state != Activity.State.OPEN:
        raise Refused(gettext("活动%(state)s，不能再修改。") % {"state": activity.get_state_display()})
    reason = cleaning.text(reason, field="reason", label="修改原因", max_length=200)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise Refused(gettext("只能修改活动的时间、地点、名额和内容。"))
    new: dict[str, Any] = {}
    if values.get("starts_at") not in (None, ""):
        new["starts_at"] = _when(values["starts_at"], field="starts_at", label="开始时间")
    if values.get("ends_at") not in (None, ""):
        new["ends_at"] = _when(values["ends_at"], field="ends_at", label="结束时间")
    if values.get("signup_until") not in (None, ""):
        new["signup_until"] = _when(values["signup_until"], field="signup_until", label="报名截止")
    if values.get("place") is not None:
        new["place"] = cleaning.text(values["place"], field="place", label="地点", max_length=200)
    if values.get("capacity") not in (None, ""):
        new["capacity"] = cleaning.whole(values["capacity"], field="capacity", label="名额", minimum=1,
                                         maximum=MAX_CAPACITY)  # fmt: skip
    if values.get("description") is not None:
        new["description"] = cleaning.body(values["description"], field="description", label="内容", max_length=5000,
                                           required=False)  # fmt: skip
    starts = new.get("starts_at", activity.starts_at)
    ends = new.get("ends_at", activity.ends_at)
    if ends < starts:
        raise Refused({"ends_at": gettext("结束时间不能早于开始时间。")})
    if "starts_at" in new and "signup_until" not in new and activity.signup_until > starts:
        new["signup_until"] = starts  # the deadline never falls after the start
    if new.get("signup_until", activity.signup_until) > starts:
        raise Refused({"signup_until": gettext("报名截止不能晚于活动开始时间。")})
    campaign = activity.campaign
    if campaign is not None and "starts_at" in new:
        day = timezone.localtime(starts).date()
        if not campaign.starts_on <= day <= campaign.ends_on:
            raise Refused({"starts_at": gettext("活动日期应在「%(title)s」的期间内（%(starts)s至%(ends)s）。")
                                        % {"title": campaign.title, "starts": f"{campaign.starts_on:%Y年%m月%d日}",
                                           "ends": f"{campaign.ends_on:%Y年%m月%d日}"}})  # fmt: skip
    confirmed = SignUp.objects.filter(activity=activity, state=SignUp.State.CONFIRMED).count()
    if new.get("capacity", activity.capacity) < confirmed:
        raise Refused({"capacity": gettext("名额不能少于已确认报名的 %(n)s 人；如需减少，请先与报名的职工沟通并取消其报名。")
                                   % {"n": confirmed}})  # fmt: skip
    changed = {k: (getattr(activity, k), v) for k, v in new.items() if getattr(activity, k) != v}
    if not changed:
        raise Refused(gettext("没有修改任何内容。"))
    for k, (_old, v) in changed.items():
        setattr(activity, k, v)
    activity.save(update_fields=list(changed))
    told = 0
    if any(k in changed for k in NOTIFIED):
        told = _tell_signed_up(activity, _notice_text(activity, changed, reason))
    audit(actor=actor, action="activities.activity.edit", obj=activity, org=activity.org,
          detail={"title": activity.title, "reason": reason, "told": told,
                  "before": {k: _shown(old) for k, (old, _v) in changed.items()},
                  "after": {k: _shown(v) for k, (_o, v) in changed.items()}})  # fmt: skip
    if "capacity" in changed:
        free = activity.capacity - confirmed
        for nxt in (
            SignUp.objects.select_for_update()
            .filter(activity=activity, state=SignUp.State.WAITING)
            .order_by("seq")[: max(free, 0)]
        ):
            nxt.activity = activity
            transition(SIGNUP, nxt, "promote", actor=None, detail={"title": activity.title, "name": nxt.name})
    return activity


@action
def activity_cancel(*, actor: Any, activity: Activity, reason: str) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    reason = cleaning.text(reason, field="reason", label="取消原因", max_length=200)
    transition(ACTIVITY, activity, "cancel", actor=actor, detail={"title": activity.title, "reason": reason})
    return activity


@action
def activity_result_record(
    *, actor: Any, activity: Activity, people_served: Any, goods: str = "", goods_value: Any = "0",
    money: Any = "0", fund: Fund | None = None, summary: str = "",
) -> Activity:  # fmt: skip
    """The short result: people served, goods handed out with their value, money (and the
    assistance fund it came from). The first time it closes the activity; later it corrects it."""
    activity = Activity.objects.select_for_update().select_related("org").get(pk=activity.pk)
    step = "finish" if activity.state == Activity.State.OPEN else "amend"
    ACTIVITY.check(actor, activity, step)
    activity.people_served = cleaning.whole(
        people_served, field="people_served", label="服务人次", maximum=10**7
    )
    activity.goods = cleaning.text(goods, field="goods", label="发放物资", max_length=200, required=False)
    activity.goods_value = cleaning.money(
        goods_value, field="goods_value", label="物资价值", maximum=Decimal("1e10")
    )
    activity.money = cleaning.money(money, field="money", label="慰问金", maximum=Decimal("1e10"))
    if fund is not None:
        if not activity.org.path.startswith(fund.org.path):
            raise Refused({"fund": gettext("资金来源应为本工会或上级工会的帮扶专项资金。")})
        if activity.money <= 0:
            raise Refused({"money": gettext("注明资金来源时，请填写从该资金支出的慰问金。")})
    activity.fund = fund
    activity.summary = cleaning.body(
        summary, field="summary", label="活动小结", max_length=5000, required=False
    )
    transition(
        ACTIVITY, activity, step, actor=actor,
        detail={"title": activity.title, "people": activity.people_served, "goods_value": str(activity.goods_value),
                "amount": str(activity.money), "fund": str(fund) if fund else ""},
        extra_fields=("people_served", "goods", "goods_value", "money", "fund", "summary"),
    )  # fmt: skip
    return activity


# ---------------------------------------------------------------------------------- sign-ups


def _place(activity: Activity) -> tuple[int, str]:
    """The next number in line and the state it gets (the caller holds the activity's lock)."""
    taken = SignUp.objects.filter(activity=activity, state=SignUp.State.CONFIRMED).count()
    state = SignUp.State.CONFIRMED if taken < activity.capacity else SignUp.State.WAITING
    activity.signup_seq += 1
    activity.save(update_fields=["signup_seq"])
    return activity.signup_seq, state


def _locked(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().select_related("org").get(pk=activity.pk)


@action
def signup_create(*, actor: Any, activity: Activity) -> SignUp:
    """The worker signs themselves up: on the list while places last, then on the waiting list."""
    activity = _locked(activity)
    why = rules.signup_refusal(actor, activity)
    if why:
        raise Refused(why)
    member = rules.own_member(actor)
    seq, state = _place(activity)
    signup = SignUp.objects.create(
        activity=activity, user=actor, member=member, seq=seq, state=state,
        name=member.name if member else (actor.full_name or actor.username),
        unit=member.org.name if member else "",
    )  # fmt: skip
    audit(actor=actor, action="activities.signup.create", obj=signup, org=activity.org,
          detail={"title": activity.title, "seq": seq, "status": signup.get_state_display()})  # fmt: skip
    return signup


@action
def signup_add(*, actor: Any, activity: Activity, member: Member) -> SignUp:
    """The organiser signs a member up on their behalf (a worker without a phone)."""
    activity = _locked(activity)
    scope.require(actor, "edit", activity.org)
    scope.require(actor, "view", member.org)
    if activity.state != Activity.State.OPEN:
        raise Refused(gettext("活动%(state)s，不能报名。") % {"state": activity.get_state_display()})
    if member.status not in COUNTED:
        raise Refused(
            {
                "member": gettext("%(name)s的会籍状态为「%(status)s」，不能报名。")
                % {"name": member.name, "status": member.get_status_display()}
            }
        )
    why = rules.audience_refusal(activity, member)
    if why:
        raise Refused({"member": why})
    if SignUp.objects.filter(activity=activity, member=member, state__in=SignUp.ACTIVE).exists():
        raise Refused({"member": gettext("%(name)s已报名该活动。") % {"name": member.name}})
    login = getattr(member, "login", None)
    user = login.user if login is not None else None
    if (
        user is not None
        and SignUp.objects.filter(activity=activity, user=user, state__in=SignUp.ACTIVE).exists()
    ):
        raise Refused({"member": gettext("%(name)s已报名该活动。") % {"name": member.name}})
    seq, state = _place(activity)
    signup = SignUp.objects.create(
        activity=activity,
        user=user,
        member=member,
        seq=seq,
        state=state,
        name=member.name,
        unit=member.org.name,
    )
    audit(actor=actor, action="activities.signup.add", obj=signup, org=activity.org,
          detail={"title": activity.title, "name": member.name, "seq": seq, "status": signup.get_state_display()})  # fmt: skip
    return signup


@action
def signup_cancel(*, actor: Any, signup: SignUp) -> SignUp:
    """Cancel a sign-up until the deadline; a place freed goes to the first in line."""
    activity = _locked(signup.activity)
    signup = SignUp.objects.select_for_update().select_related("activity__org").get(pk=signup.pk)
    signup.activity = activity
    was = signup.state
    signup.cancelled_at = timezone.now()
    transition(SIGNUP, signup, "cancel", actor=actor, detail={"title": activity.title, "name": signup.name},
               extra_fields=("cancelled_at",))  # fmt: skip
    if was == SignUp.State.CONFIRMED:
        nxt = (
            SignUp.objects.select_for_update()
            .filter(activity=activity, state=SignUp.State.WAITING)
            .order_by("seq")
            .first()
        )
        if nxt is not None:
            nxt.activity = activity
            transition(SIGNUP, nxt, "promote", actor=None, detail={"title": activity.title, "name": nxt.name})
    return signup


# ---------------------------------------------------------------------------------- check-in


@action
def checkin(*, actor: Any, signup: SignUp) -> tuple[SignUp, bool]:
    """Check a person in (found by name or by their code); a second check-in changes nothing.
    Returns the sign-up and whether this was its first check-in."""
    activity = _locked(signup.activity)
    scope.require(actor, "edit", activity.org)
    signup = SignUp.objects.select_for_update().get(pk=signup.pk, activity=activity)
    signup.activity = activity
    why = rules.checkin_refusal(activity)
    if why:
        raise Refused(why)
    if signup.state != SignUp.State.CONFIRMED:
        raise Refused(
            gettext("%(name)s的报名状态为「%(state)s」，不在正式名单中，不能签到。")
            % {"name": signup.name, "state": signup.get_state_display()}
        )
    if signup.checked_in_at is not None:
        return signup, False
    signup.checked_in_at = timezone.now()
    signup.checked_in_by = actor
    signup.save(update_fields=["checked_in_at", "checked_in_by"])
    audit(actor=actor, action="activities.signup.checkin", obj=signup, org=activity.org,
          detail={"title": activity.title, "name": signup.name})  # fmt: skip
    return signup, True


@action
def checkin_by_code(*, actor: Any, activity: Activity, code: str) -> tuple[SignUp, bool]:
    """Check in the person whose phone shows `code` (a signed, expiring token of their sign-up)."""
    scope.require(actor, "edit", activity.org)
    try:
        pk = rules.token_read(code, activity)
    except rules.BadToken as exc:
        raise Refused({"code": exc.message}) from None
    signup = SignUp.objects.filter(pk=pk, activity=activity).first()
    if signup is None:
        raise Refused({"code": gettext("该签到码对应的报名不存在。")})
    return checkin(actor=actor, signup=signup)


def walk_in_refusal(activity: Activity) -> str:
    """Why the officer cannot add a person at check-in now ("" when they can): check-in is open
    and places are left."""
    why = rules.checkin_refusal(activity)
    if why:
        return why
    taken = SignUp.objects.filter(activity=activity, state=SignUp.State.CONFIRMED).count()
    if taken >= activity.capacity:
        return gettext("名额已满（%(n)s 人），不能再现场加人。") % {"n": activity.capacity}
    return ""


@action
def walk_in_add(
    *, actor: Any, activity: Activity, member: Member | None = None, name: str = "", phone: str = ""
) -> SignUp:
    """A person who did not sign up, added and checked in on the spot by the officer: a member
    found in the register, or (an activity open to anyone) a non-member by name and phone. Within
    the places; counted as a walk-in."""
    from gonghui.members.fields import FieldError, parse_phone
    from gonghui.members.keys import phone_bidx

    activity = _locked(activity)
    scope.require(actor, "edit", activity.org)
    why = walk_in_refusal(activity)
    if why:
        raise Refused(why)
    number = ""
    if member is not None:
        scope.require(actor, "view", member.org)
        if member.status not in COUNTED:
            raise Refused({"member": gettext("%(name)s的会籍状态为「%(status)s」，不能报名。")
                           % {"name": member.name, "status": member.get_status_display()}})  # fmt: skip
        why = rules.audience_refusal(activity, member)
        if why:
            raise Refused({"member": why})
        if SignUp.objects.filter(activity=activity, member=member, state__in=SignUp.ACTIVE).exists():
            raise Refused(
                {"member": gettext("%(name)s已在报名名单中，请在名单中为其签到。") % {"name": member.name}}
            )
        who = member.name
    else:
        if activity.audience != Activity.Audience.ANYONE:
            raise Refused({"name": gettext("该活动的报名范围为「%(audience)s」，非会员不能现场加入。")
                           % {"audience": activity.get_audience_display()}})  # fmt: skip
        who = cleaning.text(name, field="name", label="姓名", max_length=50)
        try:
            number = parse_phone(phone)
        except FieldError as exc:
            raise Refused({"phone": str(exc)}) from None
        if not number:
            raise Refused({"phone": gettext("请填写手机号码，以便活动变更时通知本人。")})
        if SignUp.objects.filter(
            activity=activity, phone_bidx=phone_bidx(number), state__in=SignUp.ACTIVE
        ).exists():
            raise Refused({"phone": gettext("该手机号已在本活动名单中。")})
    login = getattr(member, "login", None) if member is not None else None
    seq, state = _place(activity)
    now = timezone.now()
    signup = SignUp.objects.create(
        activity=activity, user=login.user if login is not None else None, member=member, name=who,
        unit=member.org.name if member is not None else "", seq=seq, state=state, walk_in=True,
        phone=number, phone_bidx=phone_bidx(number) if number else None, checked_in_at=now, checked_in_by=actor,
    )  # fmt: skip
    audit(actor=actor, action="activities.signup.walkin", obj=signup, org=activity.org,
          detail={"title": activity.title, "name": who, "seq": seq, "member": member is not None})  # fmt: skip
    return signup


# ---------------------------------------------------------------------------------- handouts


@action
def handout_record(
    *, actor: Any, activity: Activity, item: str, value: Any = "0", quantity: Any = 1,
    signup: SignUp | None = None, name: str = "",
) -> Handout:  # fmt: skip
    """Goods handed to one person (慰问品, 清凉物资), with their value."""
    activity = _locked(activity)
    scope.require(actor, "edit", activity.org)
    if activity.state == Activity.State.CANCELLED:
        raise Refused(gettext("活动已取消，不能登记物资发放。"))
    if signup is not None and signup.activity_id != activity.pk:
        raise Refused({"signup": gettext("该报名不属于本活动。")})
    who = (
        signup.name
        if signup is not None
        else cleaning.text(name, field="name", label="领取人", max_length=50)
    )
    handout = Handout.objects.create(
        activity=activity, signup=signup, member=signup.member if signup else None, name=who,
        item=cleaning.text(item, field="item", label="物品", max_length=100),
        quantity=cleaning.whole(quantity, field="quantity", label="数量", minimum=1, maximum=10**6),
        value=cleaning.money(value, field="value", label="价值"),
    )  # fmt: skip
    audit(actor=actor, action="activities.handout.record", obj=handout, org=activity.org,
          detail={"title": activity.title, "name": who, "item": handout.item, "amount": str(handout.value)})  # fmt: skip
    return handout


# -------------------------------------------------------------------------------- volunteers


@action
def volunteer_register(
    *, actor: Any, org: Org, member: Member | None = None, name: str = "", skills: str = ""
) -> Volunteer:
    """An officer registers a volunteer with the union (a member of its subtree, or by name)."""
    scope.require(actor, "edit", org)
    if member is not None:
        scope.require(actor, "view", member.org)
        if not member.org.path.startswith(org.path):
            raise Refused(
                {
                    "member": gettext("%(name)s不是%(org)s及下级工会的会员。")
                    % {"name": member.name, "org": org.name}
                }
            )
        if Volunteer.objects.filter(org=org, member=member).exists():
            raise Refused({"member": gettext("%(name)s已登记为本工会志愿者。") % {"name": member.name}})
    login = getattr(member, "login", None) if member is not None else None
    volunteer = Volunteer.objects.create(
        org=org, member=member, user=login.user if login is not None else None,
        name=member.name if member else cleaning.text(name, field="name", label="姓名", max_length=50),
        skills=cleaning.text(skills, field="skills", label="服务特长", max_length=200, required=False),
    )  # fmt: skip
    audit(actor=actor, action="activities.volunteer.register", obj=volunteer, org=org,
          detail={"name": volunteer.name})  # fmt: skip
    return volunteer


@action
def volunteer_join(*, actor: Any, skills: str = "") -> Volunteer:
    """A worker registers themselves as a volunteer of their own union."""
    member = rules.own_member(actor)
    if member is None:
        raise PermissionDenied(gettext("只有会员本人可以登记为志愿者。"))
    if Volunteer.objects.filter(org=member.org, member=member).exists():
        raise Refused(gettext("您已登记为志愿者。"))
    volunteer = Volunteer.objects.create(
        org=member.org, member=member, user=actor, name=member.name,
        skills=cleaning.text(skills, field="skills", label="服务特长", max_length=200, required=False),
    )  # fmt: skip
    audit(actor=actor, action="activities.volunteer.join", obj=volunteer, org=member.org,
          detail={"name": volunteer.name})  # fmt: skip
    return volunteer


@action
def hours_record(
    *, actor: Any, activity: Activity, volunteer: Volunteer, hours: Any, role: str = ""
) -> ServiceHours:
    """A volunteer's hours at an activity (recorded again, they replace the earlier figure)."""
    scope.require(actor, "edit", activity.org)
    scope.require(actor, "view", volunteer.org)
    if activity.state == Activity.State.CANCELLED:
        raise Refused(gettext("活动已取消，不能登记志愿服务时长。"))
    raw = str(hours if hours is not None else "").strip()
    try:
        value = Decimal(raw)
    except ArithmeticError:
        raise Refused({"hours": gettext("服务时长应为小时数，如 2 或 3.5。")}) from None
    if not value.is_finite() or value <= 0 or value > 24 or value != value.quantize(Decimal("0.1")):
        raise Refused({"hours": gettext("服务时长应在0.1至24小时之间，最多一位小数。")})
    row, _ = ServiceHours.objects.update_or_create(
        activity=activity, volunteer=volunteer,
        defaults={"hours": value, "role": cleaning.text(role, field="role", label="服务内容", max_length=100, required=False)},
    )  # fmt: skip
    audit(actor=actor, action="activities.hours.record", obj=row, org=activity.org,
          detail={"title": activity.title, "name": volunteer.name, "hours": str(value)})  # fmt: skip
    return row


# ---------------------------------------------------------------------------------- exports


@action
def export_record(*, actor: Any, org: Org, what: str, rows: int, fmt: str) -> None:
    audit(
        actor=actor, action="activities.export", org=org, detail={"file": what, "rows": rows, "format": fmt}
    )


# -------------------------------------------------------------------------- the tree changes


def activities_follow_merge(*, source: Org, target: Org, actor: Any, on: dt.date, **_: Any) -> None:
    """The merged union's campaigns, activities, partners and volunteers go to the union that
    absorbed it; a person registered as a volunteer with both keeps one record, with all hours."""
    moved = Campaign.objects.filter(org=source).update(org=target)
    for part in CampaignGoal.objects.filter(org=source):
        kept = CampaignGoal.objects.filter(campaign=part.campaign, org=target).first()
        if kept is not None:  # both held a part: the survivor holds both
            kept.goal_people += part.goal_people
            kept.goal_money += part.goal_money
            kept.goal_goods += part.goal_goods
            kept.save(update_fields=["goal_people", "goal_money", "goal_goods"])
            part.delete()
        elif part.campaign.org_id != target.pk:
            part.org = target
            part.save(update_fields=["org"])
        else:
            part.delete()  # the survivor opened the campaign: its goal is the whole
        moved += 1
    moved += Activity.objects.filter(org=source).update(org=target)
    for partner in Partner.objects.filter(org=source):
        same = Partner.objects.filter(org=target, name=partner.name).first()
        if same is not None:
            for activity in partner.activities.all():
                activity.partners.add(same)
            partner.delete()
        else:
            partner.org = target
            partner.save(update_fields=["org"])
        moved += 1
    for group in Group.objects.filter(org=source):
        namesake = Group.objects.filter(org=target, name=group.name).first()
        if namesake is not None:
            have = GroupMember.objects.filter(group=namesake).values("member_id")
            GroupMember.objects.filter(group=group).exclude(member_id__in=have).update(group=namesake)
            Activity.objects.filter(group=group).update(group=namesake)
            group.delete()
        else:
            group.org = target
            group.save(update_fields=["org"])
        moved += 1
    for volunteer in Volunteer.objects.filter(org=source):
        twin = (
            Volunteer.objects.filter(org=target, member=volunteer.member).first()
            if volunteer.member_id
            else None
        )
        if twin is not None:
            for row in ServiceHours.objects.filter(volunteer=volunteer):
                if ServiceHours.objects.filter(activity=row.activity, volunteer=twin).exists():
                    row.delete()  # one person cannot serve one activity twice
                else:
                    row.volunteer = twin
                    row.save(update_fields=["volunteer"])
            volunteer.delete()
        else:
            volunteer.org = target
            volunteer.save(update_fields=["org"])
        moved += 1
    if moved:
        audit(actor=actor, action="activities.follow_merge", org=target,
              detail={"source": source.name, "target": target.name, "moved": moved})  # fmt: skip
