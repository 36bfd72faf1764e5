"""The meeting, election and passing-on flows as data, and one function to take a transition.
Actions call `transition()`; nothing else sets a status."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from gonghui.common.audit import audit

from .models import ElectionStatus, MeetingStatus, PassOnStatus


class InvalidTransition(ValidationError):
    """A transition the current state does not allow; the message says why, in Chinese."""


@dataclass(frozen=True)
class Step:
    label: str
    moves: Mapping[str, str]  # source state → target state


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


_M = MeetingStatus
MEETING = Workflow(
    name="会议记录",
    field="status",
    labels=dict(_M.choices),
    steps={
        "record": Step("确认记录", {_M.DRAFT: _M.RECORDED}),
        "reopen": Step("退回修改", {_M.RECORDED: _M.DRAFT}),
        "cancel": Step("作废", {_M.DRAFT: _M.CANCELLED}),
    },
)

_E = ElectionStatus
ELECTION = Workflow(
    name="选举结果",
    field="status",
    labels=dict(_E.choices),
    steps={
        "confirm": Step("确认选举结果", {_E.DRAFT: _E.CONFIRMED}),
        "cancel": Step("作废", {_E.DRAFT: _E.CANCELLED}),
    },
)

_P = PassOnStatus
PASS_ON = Workflow(
    name="传达贯彻",
    field="status",
    labels=dict(_P.choices),
    steps={
        "record": Step("登记传达情况", {_P.PENDING: _P.DONE, _P.DONE: _P.DONE}),
        "undo": Step("撤销登记", {_P.DONE: _P.PENDING}),
    },
)


def transition(
    workflow: Workflow,
    obj: models.Model,
    step: str,
    *,
    actor: Any,
    org: Any,
    action: str,
    detail: dict[str, Any] | None = None,
    update_fields: tuple[str, ...] = (),
) -> str:
    """Check the step is allowed from the object's state, apply it, save, audit. Runs inside the
    caller's transaction; raises InvalidTransition (nothing changes) when not allowed."""
    before = getattr(obj, workflow.field)
    after = workflow.target(before, step)
    setattr(obj, workflow.field, after)
    obj.save(update_fields=[workflow.field, *update_fields])
    audit(
        actor=actor,
        action=action,
        obj=obj,
        org=org,
        detail={**(detail or {}), "status": f"{workflow.labels[before]} → {workflow.labels[after]}"},
    )
    return after
