"""The booking and case flows as data: states, allowed steps, one function to take a step.
Actions call `transition()`; nothing else sets a booking's status or a case's stage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from gonghui.common.audit import audit

from .models import Booking, CaseStage


class InvalidTransition(ValidationError):
    """A step the current state does not allow; the message says why, in Chinese."""


@dataclass(frozen=True)
class Step:
    label: str
    moves: Mapping[str, str]  # source state → target state


@dataclass(frozen=True)
class Workflow:
    name: str
    field: str
    audit_prefix: str
    labels: Mapping[str, str]
    steps: Mapping[str, Step]

    def allowed(self, state: str) -> list[str]:
        return [name for name, step in self.steps.items() if state in step.moves]

    def target(self, state: str, step_name: str) -> str:
        step = self.steps.get(step_name)
        if step is None:
            raise InvalidTransition(f"没有「{step_name}」这个办理步骤。", code="invalid_transition")
        if state not in step.moves:
            raise InvalidTransition(
                f"{self.name}当前为「{self.labels.get(state, state)}」，不能{step.label}。",
                code="invalid_transition",
            )
        return step.moves[state]


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


def transition(
    workflow: Workflow,
    obj: models.Model,
    step: str,
    *,
    actor: Any,
    org: Any,
    detail: dict[str, Any] | None = None,
    extra_fields: tuple[str, ...] = (),
) -> str:
    """Check that `step` is allowed from the object's state, apply it, save and audit (inside
    the caller's transaction). Returns the new state; raises InvalidTransition."""
    before = getattr(obj, workflow.field)
    after = workflow.target(before, step)
    setattr(obj, workflow.field, after)
    obj.save(update_fields=[workflow.field, *extra_fields])
    audit(
        actor=actor,
        action=f"{workflow.audit_prefix}.{step}",
        obj=obj,
        org=org,
        detail={
            "from": workflow.labels.get(before, before),
            "to": workflow.labels.get(after, after),
            **(detail or {}),
        },
    )
    return after
