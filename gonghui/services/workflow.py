"""The booking, case and consultation flows as data: for each step the states it starts from, who
may take it and what the record itself must allow. Actions call `transition()`, which checks all
three; nothing else sets a booking's status, a case's stage or a thread's status, and the pages
offer exactly the steps `offers()` gives (`abilities.py`)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from gonghui.kernel import scope
from gonghui.kernel.workflow import Check, Either, Holds, InvalidTransition, Step, Workflow, transition

from .models import LABOUR_DISPUTES, Booking, CaseStage, RightsCase, Thread
from .selectors._common import own_member, user_pk

# ---- who ---------------------------------------------------------------------------------


def member_of(actor: Any, record: Booking | Thread) -> bool:
    """The booking's (or thread's) own member, signed in with the login linked to them."""
    mine = own_member(actor)
    return mine is not None and mine.pk == record.member_id


def provider_of(actor: Any, record: Booking | Thread) -> bool:
    """The counsellor or lawyer of the booking (or thread), signed in with their own login."""
    uid = user_pk(actor)
    return uid is not None and record.provider.user_id == uid


def booked_by_their_union(actor: Any, booking: Booking) -> bool:
    """An officer of the member's own union, for a session that union booked on their behalf
    (the sessions the worker booked online are the worker's and the centre's business)."""
    return booking.channel == Booking.Channel.OFFICER and scope.can(actor, "edit", booking.member.org)


def party_to(actor: Any, thread: Thread) -> bool:
    """The two people of a consultation: the member and the provider (never the supervisor)."""
    return member_of(actor, thread) or provider_of(actor, thread)


# The centre's officers: edit over the centre's union.
CENTRE = Holds("edit", on="centre__org")

# ---- what the record must allow ----------------------------------------------------------


def not_begun(booking: Booking) -> str:
    return gettext("咨询已经开始或结束，不能取消。") if booking.starts_at <= timezone.now() else ""


def begun(booking: Booking) -> str:
    return "" if booking.starts_at <= timezone.now() else gettext("咨询尚未开始，不能登记到访或爽约。")


def arbitrated_first(case: RightsCase) -> str:
    """Labour disputes go to arbitration before a court (《劳动争议调解仲裁法》第五条，仲裁前置)."""
    if case.category in LABOUR_DISPUTES and case.stage != CaseStage.ARBITRATION:
        return gettext("劳动争议须先经劳动争议仲裁，对裁决不服的才能向法院起诉（仲裁前置）。")
    return ""


# ---- the flows ---------------------------------------------------------------------------

_B = Booking.Status
CANCELLERS = Either(
    (
        Check(member_of, gettext_lazy("只有预约的会员本人、服务中心或代为预约的工会可以取消预约。")),
        CENTRE,
        Check(
            booked_by_their_union, gettext_lazy("只有预约的会员本人、服务中心或代为预约的工会可以取消预约。")
        ),
    )
)
MARKERS = Either((Check(provider_of, gettext_lazy("只有咨询师或服务中心可以登记到访情况。")), CENTRE))
BOOKING = Workflow.of(
    Booking.status,
    name=gettext_lazy("预约"),
    audit_prefix="booking",
    org="centre__org",
    steps={
        "cancel": Step(gettext_lazy("取消"), {_B.BOOKED: _B.CANCELLED}, CANCELLERS, guard=not_begun),
        # A mistaken mark is put right by the other one.
        "attend": Step(
            gettext_lazy("登记到访"), {_B.BOOKED: _B.ATTENDED, _B.NO_SHOW: _B.ATTENDED}, MARKERS, guard=begun
        ),
        "no_show": Step(
            gettext_lazy("登记爽约"), {_B.BOOKED: _B.NO_SHOW, _B.ATTENDED: _B.NO_SHOW}, MARKERS, guard=begun
        ),
    },
)

_S = CaseStage
OPEN_STAGES = (_S.CONSULTATION, _S.MEDIATION, _S.ARBITRATION, _S.LITIGATION)
# The union that took the case in (and the unions above it) runs it.
CASE = Workflow.of(
    RightsCase.stage,
    name=gettext_lazy("案件"),
    audit_prefix="case",
    steps={
        "mediate": Step(gettext_lazy("转入调解"), {_S.CONSULTATION: _S.MEDIATION}, Holds("edit")),
        "arbitrate": Step(
            gettext_lazy("申请仲裁"),
            {_S.CONSULTATION: _S.ARBITRATION, _S.MEDIATION: _S.ARBITRATION},
            Holds("edit"),
        ),
        "litigate": Step(
            gettext_lazy("提起诉讼"),
            {_S.CONSULTATION: _S.LITIGATION, _S.MEDIATION: _S.LITIGATION, _S.ARBITRATION: _S.LITIGATION},
            Holds("edit"),
            guard=arbitrated_first,
        ),
        "close": Step(gettext_lazy("结案"), dict.fromkeys(OPEN_STAGES, _S.CLOSED), Holds("edit")),
    },
)
CASE_ADVANCE_STEPS = ("mediate", "arbitrate", "litigate")

_T = Thread.Status
THREAD = Workflow.of(
    Thread.status,
    name=gettext_lazy("在线咨询"),
    audit_prefix="consultation",
    org="centre__org",
    steps={
        "close": Step(
            gettext_lazy("结束咨询"),
            {_T.OPEN: _T.CLOSED},
            Check(party_to, gettext_lazy("只有咨询的会员和咨询师可以结束咨询。")),
        ),
    },
)

__all__ = [
    "BOOKING",
    "CASE",
    "CASE_ADVANCE_STEPS",
    "OPEN_STAGES",
    "THREAD",
    "InvalidTransition",
    "booked_by_their_union",
    "member_of",
    "party_to",
    "provider_of",
    "transition",
]
