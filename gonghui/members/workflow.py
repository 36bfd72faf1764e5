"""The membership and transfer flows as data: states, allowed transitions, one function to take
a transition (Oscar's pipeline). Actions call `transition()`; nothing else sets a status."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from gonghui.common.audit import audit

from .choices import Status
from .models import Transfer


class InvalidTransition(ValidationError):
    """A transition the current state does not allow; the message says why, in Chinese."""


@dataclass(frozen=True)
class Step:
    label: str
    # source state → target state
    moves: Mapping[str, str]


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


MEMBERSHIP = Workflow(
    name="会籍",
    field="status",
    labels=dict(Status.choices),
    steps={
        "approve": Step("批准入会", {Status.PENDING: Status.ACTIVE}),
        "reject": Step("不予批准", {Status.PENDING: Status.REJECTED}),
        "retain": Step("保留会籍", {Status.ACTIVE: Status.RETAINED}),
        "restore": Step("恢复正常会籍", {Status.RETAINED: Status.ACTIVE}),
        "leave": Step("办理退会", {Status.ACTIVE: Status.LEFT, Status.RETAINED: Status.LEFT}),
    },
)

_T = Transfer.State
TRANSFER = Workflow(
    name="转会申请",
    field="state",
    labels=dict(_T.choices),
    steps={
        "approve_out": Step("由转出工会同意", {_T.REQUESTED: _T.OUT_APPROVED, _T.IN_APPROVED: _T.DONE}),
        "approve_in": Step("由转入工会同意", {_T.REQUESTED: _T.IN_APPROVED, _T.OUT_APPROVED: _T.DONE}),
        "reject": Step("拒绝", {s: _T.REJECTED for s in Transfer.OPEN}),
        "cancel": Step("撤回", {s: _T.CANCELLED for s in Transfer.OPEN}),
        "auto_approve": Step("逾期视为同意", {s: _T.DONE for s in Transfer.OPEN}),
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
        action=f"{obj._meta.model_name}.{step}",
        obj=obj,
        org=org,
        detail={"from": before, "to": after, **(detail or {})},
    )
    return after
