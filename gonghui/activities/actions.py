"""Writes of the activities module: each checks who may, validates, changes and audits in one
transaction. Sign-ups, cancellations and check-ins lock the activity's row first, so that
concurrent ones never put more people on the list than its places, and the line keeps its order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.assistance.models import Fund
from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.codes import CodeError, credit_code_check
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import transition
from gonghui.members.choices import COUNTED
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from . import rules
from .models import Activity, Campaign, Handout, Partner, ServiceHours, SignUp, Volunteer
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
    partners: Sequence[Partner] = (), description: str = "",
) -> Activity:  # fmt: skip
    scope.require(actor, "edit", org)
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
        audience=cleaning.choice(audience, Activity.Audience.choices, field="audience", label="报名范围"),
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
                  "partners": [p.name for p in partners]})  # fmt: skip
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
    if activity.audience == Activity.Audience.SUBTREE and not rules.within(activity, member):
        raise Refused(
            {"member": gettext("该活动仅限%(org)s及下级工会的会员报名。") % {"org": activity.org.name}}
        )
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
