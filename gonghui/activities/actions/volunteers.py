"""Handouts (慰问品发放), volunteers and their hours."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from .. import rules
from ..models import (
    Activity,
    Handout,
    ServiceHours,
    SignUp,
    Volunteer,
)
from ._common import _locked

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
