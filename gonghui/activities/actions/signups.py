"""Sign-ups, cancellations, check-in and walk-ins: each locks the activity row first, so concurrent ones never put more people on the list than its places."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import transition
from gonghui.members.choices import COUNTED
from gonghui.members.models import Member

from .. import rules
from ..models import (
    Activity,
    SignUp,
)
from ..workflow import SIGNUP
from ._common import _locked

# ---------------------------------------------------------------------------------- sign-ups


def _place(activity: Activity) -> tuple[int, str]:
    """The next number in line and the state it gets (the caller holds the activity's lock)."""
    taken = SignUp.objects.filter(activity=activity, state=SignUp.State.CONFIRMED).count()
    state = SignUp.State.CONFIRMED if taken < activity.capacity else SignUp.State.WAITING
    activity.signup_seq += 1
    activity.save(update_fields=["signup_seq"])
    return activity.signup_seq, state


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
