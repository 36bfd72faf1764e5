"""The flows of campaigns, activities and sign-ups, as data."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from gonghui.kernel.workflow import SYSTEM, Check, Either, Holds, Step, Workflow

from .models import Activity, Campaign, SignUp, Voucher

_C = Campaign.State
_A = Activity.State
_S = SignUp.State


def _started(activity: Activity) -> str:
    if timezone.now() < activity.starts_at:
        return gettext("活动于%(starts)s开始，开始后才能登记活动结果。") % {
            "starts": f"{timezone.localtime(activity.starts_at):%Y年%m月%d日 %H:%M}"
        }
    return ""


def _before_deadline(signup: SignUp) -> str:
    activity = signup.activity
    if activity.state != _A.OPEN:
        return gettext("活动%(state)s，报名不能再取消。") % {"state": activity.get_state_display()}
    if timezone.now() >= activity.signup_until:
        return gettext("报名已于%(until)s截止，不能再取消。") % {
            "until": f"{timezone.localtime(activity.signup_until):%m月%d日 %H:%M}"
        }
    if signup.checked_in_at is not None:
        return gettext("已签到的报名不能取消。")
    return ""


def _own(actor: Any, signup: SignUp) -> bool:
    return actor is not None and signup.user_id is not None and signup.user_id == getattr(actor, "pk", None)


CAMPAIGN = Workflow.of(
    Campaign.state,
    name=gettext_lazy("专项活动"),
    steps={
        "close": Step(gettext_lazy("结束专项活动"), {_C.OPEN: _C.CLOSED}, Holds("edit")),
        "reopen": Step(gettext_lazy("重新开启"), {_C.CLOSED: _C.OPEN}, Holds("edit")),
    },
)

ACTIVITY = Workflow.of(
    Activity.state,
    name=gettext_lazy("活动"),
    steps={
        # Recording the result closes the activity; it may be corrected afterwards.
        "finish": Step(gettext_lazy("登记活动结果"), {_A.OPEN: _A.DONE}, Holds("edit"), guard=_started),
        "amend": Step(gettext_lazy("修改活动结果"), {_A.DONE: _A.DONE}, Holds("edit")),
        "cancel": Step(gettext_lazy("取消活动"), {_A.OPEN: _A.CANCELLED}, Holds("edit")),
    },
)

SIGNUP = Workflow.of(
    SignUp.state,
    name=gettext_lazy("活动报名"),
    org="activity__org",
    steps={
        # The worker cancels their own until the deadline; the organiser may cancel anyone's.
        "cancel": Step(
            gettext_lazy("取消报名"),
            {_S.CONFIRMED: _S.CANCELLED, _S.WAITING: _S.CANCELLED},
            Either((Check(_own, gettext_lazy("只能取消本人的报名。")), Holds("edit", on="activity__org"))),
            guard=_before_deadline,
        ),
        # A place freed by a cancellation goes to the first in line.
        "promote": Step(gettext_lazy("候补转正"), {_S.WAITING: _S.CONFIRMED}, SYSTEM),
    },
)

VOUCHER = Workflow.of(
    Voucher.state,
    name=gettext_lazy("福利券"),
    org="benefit__campaign__org",
    steps={
        # The campaign's union hands the goods over when the worker shows the voucher.
        "redeem": Step(
            gettext_lazy("核销"),
            {Voucher.State.CLAIMED: Voucher.State.REDEEMED},
            Holds("edit", on="benefit__campaign__org"),
        ),
    },
)
