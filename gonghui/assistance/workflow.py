"""The application and batch flows as data: states, allowed steps, one function to take a step
(Oscar's pipeline). Actions call `transition()`; nothing else sets a state."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from gonghui.common.audit import audit

from .models import Application, Batch


class InvalidTransition(ValidationError):
    """A step the current state does not allow; the message says why, in Chinese."""


@dataclass(frozen=True)
class Step:
    label: str
    moves: Mapping[str, str]  # source state → target state
    perm: str  # what the actor needs over the union that takes the step


@dataclass(frozen=True)
class Workflow:
    name: str
    field: str
    labels: Mapping[str, str]
    steps: Mapping[str, Step]

    def allowed(self, state: str) -> list[str]:
        return [name for name, step in self.steps.items() if state in step.moves]

    def target(self, state: str, step_name: str) -> str:
        step = self.steps.get(step_name)
        if step is None:
            raise ValueError(f"unknown step {step_name!r} in {self.name}")
        if state not in step.moves:
            raise InvalidTransition(
                f"{self.name}当前状态为「{self.labels.get(state, state)}」，不能{step.label}。",
                code="invalid_transition",
            )
        return step.moves[state]


_A = Application.State
APPLICATION = Workflow(
    name="帮扶申请",
    field="state",
    labels=dict(_A.choices),
    steps={
        # Approval with a 公示 period goes to PUBLICITY; `approve_now` skips it (no period set).
        "approve": Step("批准（进入公示）", {_A.SUBMITTED: _A.PUBLICITY}, "approve"),
        "approve_now": Step("批准", {_A.SUBMITTED: _A.APPROVED}, "approve"),
        "publicity_end": Step("结束公示", {_A.PUBLICITY: _A.APPROVED}, "approve"),
        "reject": Step("不予批准", {_A.SUBMITTED: _A.REJECTED, _A.PUBLICITY: _A.REJECTED}, "approve"),
        "escalate": Step("逾期上报", {_A.SUBMITTED: _A.SUBMITTED}, "approve"),
        "withdraw": Step("撤回", {_A.SUBMITTED: _A.WITHDRAWN}, "edit"),
        "pay": Step("登记发放", {_A.APPROVED: _A.PAID}, "edit"),
    },
)

_B = Batch.State
BATCH = Workflow(
    name="批量救助",
    field="state",
    labels=dict(_B.choices),
    steps={
        # Approval runs as a background job: `approve` starts it, `disburse` is its final write,
        # `revert` puts the batch back when the job fails (e.g. the fund cannot cover it).
        "approve": Step("批准", {_B.DRAFT: _B.APPROVING}, "approve"),
        "disburse": Step("拨付", {_B.APPROVING: _B.APPROVED}, "approve"),
        "revert": Step("退回草稿", {_B.APPROVING: _B.DRAFT}, "approve"),
        "close": Step("办结", {_B.APPROVED: _B.CLOSED}, "edit"),
    },
)


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
        action=f"assistance.{obj._meta.model_name}.{step}",
        obj=obj,
        org=org,
        detail={"from": before, "to": after, **(detail or {})},
    )
    return after
