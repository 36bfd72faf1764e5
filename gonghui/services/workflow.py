"""The booking and case flows as data: states, allowed steps, one function to take a step.
Actions call `transition()`; nothing else sets a booking's status or a case's stage."""

from __future__ import annotations

from gonghui.kernel.workflow import InvalidTransition, Step, Workflow, transition

from .models import Booking, CaseStage

_B = Booking.Status
BOOKING = Workflow(
    name="预约",
    field="status",
    audit_prefix="booking",
    labels=dict(_B.choices),
    steps={
        "cancel": Step("取消", {_B.BOOKED: _B.CANCELLED}),
        "attend": Step("登记到访", {_B.BOOKED: _B.ATTENDED, _B.NO_SHOW: _B.ATTENDED}),
        "no_show": Step("登记爽约", {_B.BOOKED: _B.NO_SHOW, _B.ATTENDED: _B.NO_SHOW}),
    },
)

_S = CaseStage
OPEN_STAGES = (_S.CONSULTATION, _S.MEDIATION, _S.ARBITRATION, _S.LITIGATION)
CASE = Workflow(
    name="案件",
    field="stage",
    audit_prefix="case",
    labels=dict(_S.choices),
    steps={
        "mediate": Step("转入调解", {_S.CONSULTATION: _S.MEDIATION}),
        "arbitrate": Step("申请仲裁", {_S.CONSULTATION: _S.ARBITRATION, _S.MEDIATION: _S.ARBITRATION}),
        "litigate": Step(
            "提起诉讼",
            {_S.CONSULTATION: _S.LITIGATION, _S.MEDIATION: _S.LITIGATION, _S.ARBITRATION: _S.LITIGATION},
        ),
        "close": Step("结案", {s: _S.CLOSED for s in OPEN_STAGES}),
    },
)
CASE_ADVANCE_STEPS = ("mediate", "arbitrate", "litigate")

__all__ = [
    "BOOKING",
    "CASE",
    "CASE_ADVANCE_STEPS",
    "OPEN_STAGES",
    "InvalidTransition",
    "Step",
    "Workflow",
    "transition",
]
