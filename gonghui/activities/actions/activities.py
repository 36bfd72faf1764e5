"""Activities: created, edited (those signed up are told), cancelled, their results recorded; a list's export audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from gonghui.assistance.models import Fund
from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import transition
from gonghui.orgs.models import Org

from ..models import (
    Activity,
    Campaign,
    Group,
    Partner,
    SignUp,
)
from ..workflow import ACTIVITY, SIGNUP
from ._common import MAX_CAPACITY, _locked, _when

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


# ---------------------------------------------------------------------------------- exports


@action
def export_record(*, actor: Any, org: Org, what: str, rows: int, fmt: str) -> None:
    audit(
        actor=actor, action="activities.export", org=org, detail={"file": what, "rows": rows, "format": fmt}
    )
