"""Who may sign up for an activity, and the check-in token a worker's phone shows."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.members.choices import COUNTED
from gonghui.members.models import Member
from gonghui.members.selectors import member_for_user
from gonghui.orgs.models import SEGMENT

from .models import Activity, Benefit, Campaign, GroupMember, SignUp, Voucher

# The token on the worker's phone: its own salt, so no other signed value of the project can
# stand in for it; valid for a quarter of an hour (the page draws a fresh one as it stays open).
TOKEN_SALT = "gonghui.activities.checkin"
TOKEN_MAX_AGE = 15 * 60
TOKEN_REFRESH = 5 * 60


def own_member(actor: Any) -> Member | None:
    """The worker's membership when it counts (active or retained)."""
    member = member_for_user(user=actor)
    return member if member is not None and member.status in COUNTED else None


def own_signup(actor: Any, signup: SignUp) -> bool:
    """Is the sign-up the worker's own, made under their login (its page opens for them)."""
    return signup.user_id is not None and signup.user_id == getattr(actor, "pk", None)


def ancestor_paths(path: str) -> list[str]:
    """The paths of a union and every union above it."""
    return [path[:i] for i in range(SEGMENT, len(path) + 1, SEGMENT)]


def in_subtree(org: Any, member: Member | None) -> bool:
    """Is the member in the subtree of `org`?"""
    return member is not None and member.org.path.startswith(org.path)


def listed(group_id: int | None, member: Member | None) -> bool:
    """Is the member on the group's list?"""
    return (
        member is not None
        and group_id is not None
        and GroupMember.objects.filter(group_id=group_id, member=member).exists()
    )


def within(activity: Activity, member: Member | None) -> bool:
    """Is the member in the organiser's subtree?"""
    return in_subtree(activity.org, member)


def in_group(activity: Activity, member: Member | None) -> bool:
    """Is the member on the list of the group the activity is open to?"""
    return listed(activity.group_id, member)


def audience_refusal(activity: Activity, member: Member | None) -> str:
    """Why this member (None: a worker without membership) is not among those the activity is
    open to ("" when they are)."""
    if activity.audience == Activity.Audience.SUBTREE and not within(activity, member):
        return gettext("该活动仅限%(org)s及下级工会的会员报名。") % {"org": activity.org.name}
    if activity.audience == Activity.Audience.GROUP and not in_group(activity, member):
        name = activity.group.name if activity.group else ""
        return gettext("该活动仅限「%(group)s」名单中的职工报名。") % {"group": name}
    return ""


def may_see(actor: Any, activity: Activity) -> bool:
    """May a worker (not as an officer) open the activity: open to anyone, open to their union's
    members, or signed up already."""
    if not getattr(actor, "is_authenticated", False):
        return False
    if not audience_refusal(activity, own_member(actor)):
        return True
    return SignUp.objects.filter(activity=activity, user=actor).exists()


def signup_refusal(actor: Any, activity: Activity) -> str:
    """Why this person cannot sign up for the activity now ("" when they can)."""
    if not getattr(actor, "is_authenticated", False):
        return gettext("请先登录。")
    if activity.state != Activity.State.OPEN:
        return gettext("活动%(state)s，不能报名。") % {"state": activity.get_state_display()}
    if timezone.now() >= activity.signup_until:
        return gettext("报名已于%(until)s截止。") % {
            "until": f"{timezone.localtime(activity.signup_until):%m月%d日 %H:%M}"
        }
    member = own_member(actor)
    why = audience_refusal(activity, member)
    if why:
        return why
    if SignUp.objects.filter(activity=activity, user=actor, state__in=SignUp.ACTIVE).exists():
        return gettext("您已报名该活动。")
    if (
        member is not None
        and SignUp.objects.filter(activity=activity, member=member, state__in=SignUp.ACTIVE).exists()
    ):
        return gettext("您已报名该活动。")
    return ""


def checkin_refusal(activity: Activity) -> str:
    """Why the organiser cannot check people in now ("" when they can): from the day it starts
    until its result is recorded."""
    if activity.state != Activity.State.OPEN:
        return gettext("活动%(state)s，不能再签到。") % {"state": activity.get_state_display()}
    day = timezone.localtime(activity.starts_at).date()
    if timezone.localdate() < day:
        return gettext("活动当天（%(day)s）起才能签到。") % {"day": f"{day:%Y年%m月%d日}"}
    return ""


def token_for(signup: SignUp) -> str:
    return signing.dumps({"s": signup.pk, "a": signup.activity_id}, salt=TOKEN_SALT)


class BadToken(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def token_read(code: str, activity: Activity) -> int:
    """The sign-up a scanned code names, for this activity; BadToken says why not, in Chinese."""
    code = (code or "").strip()
    if not code:
        raise BadToken(gettext("请扫描或输入职工手机上的签到码。"))
    try:
        data = signing.loads(code, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise BadToken(gettext("签到码已过期，请职工刷新报名页面后重新出示。")) from None
    except signing.BadSignature:
        raise BadToken(gettext("签到码无效（不是本平台签发的或已被改动）。")) from None
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise BadToken(gettext("签到码无效（不是本平台签发的或已被改动）。"))
    if data.get("a") != activity.pk:
        raise BadToken(gettext("该签到码不是本活动的报名凭证。"))
    return int(data["s"])


def signup_said(signup: SignUp) -> str:
    if signup.state == SignUp.State.CONFIRMED:
        return gettext("报名成功。")
    return gettext("名额已满，您已进入候补名单。")


def checkin_said(signup: SignUp, first: bool) -> str:
    if first:
        return gettext("%(name)s 签到成功。") % {"name": signup.name}
    when = f"{timezone.localtime(signup.checked_in_at):%H:%M}" if signup.checked_in_at else ""
    return gettext("%(name)s 已于 %(when)s 签到，不重复计数。") % {"name": signup.name, "when": when}


# ---------------------------------------------------------------------------------- benefits


def benefit_audience_refusal(benefit: Benefit, member: Member | None) -> str:
    """Why this member (None: a worker without a counted membership) is not among those who may
    claim the benefit ("" when they are): the campaign's subtree, and the group's list when the
    benefit is kept for a group."""
    campaign = benefit.campaign
    if not in_subtree(campaign.org, member):
        return gettext("该福利仅限%(org)s及下级工会的会员领取。") % {"org": campaign.org.name}
    if benefit.audience == Benefit.Audience.GROUP and not listed(benefit.group_id, member):
        name = benefit.group.name if benefit.group else ""
        return gettext("该福利仅限「%(group)s」名单中的会员领取。") % {"group": name}
    return ""


def claim_refusal(actor: Any, benefit: Benefit) -> str:
    """Why this person cannot claim the benefit now ("" when they can). The caller that writes
    holds the benefit's row lock, so the stock and the person's count cannot change meanwhile."""
    if not getattr(actor, "is_authenticated", False):
        return gettext("请先登录。")
    campaign = benefit.campaign
    if campaign.state != Campaign.State.OPEN:
        return gettext("「%(title)s」%(state)s，不能再领取。") % {
            "title": campaign.title,
            "state": campaign.get_state_display(),
        }
    today = timezone.localdate()
    if today < benefit.claim_from:
        return gettext("%(day)s起才能领取。") % {"day": f"{benefit.claim_from:%Y年%m月%d日}"}
    if today > benefit.claim_until:
        return gettext("领取已于%(day)s截止。") % {"day": f"{benefit.claim_until:%Y年%m月%d日}"}
    member = own_member(actor)
    why = benefit_audience_refusal(benefit, member)
    if why:
        return why
    assert member is not None
    if Voucher.objects.filter(benefit=benefit, member=member).count() >= benefit.per_worker:
        if benefit.per_worker == 1:
            return gettext("您已领取过「%(title)s」，每人限领一份。") % {"title": benefit.title}
        return gettext("您已领取 %(n)s 份「%(title)s」，已达到每人限领数量。") % {
            "n": benefit.per_worker,
            "title": benefit.title,
        }
    if benefit.issued >= benefit.total:
        return gettext("「%(title)s」已领完。") % {"title": benefit.title}
    return ""


def may_see_benefit(actor: Any, benefit: Benefit) -> bool:
    """May a worker (not as an officer) open the benefit: among those who may claim it, or
    holding a voucher of it."""
    if not getattr(actor, "is_authenticated", False):
        return False
    if not benefit_audience_refusal(benefit, own_member(actor)):
        return True
    return Voucher.objects.filter(benefit=benefit, user=actor).exists()
