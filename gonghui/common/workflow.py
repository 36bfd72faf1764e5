"""Workflows as data (Oscar's pipeline): a workflow names its states and, for each step, the
states it may start from and where it leads; one function takes a step. A module declares its
flows in `<app>/workflow.py` and its actions call `transition()`; nothing else sets a state."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from .audit import audit


class InvalidTransition(ValidationError):
    """A step the current state does not allow; the message says why, in Chinese."""


@dataclass(frozen=True)
class Step:
    label: str
    moves: Mapping[str, str]  # source state → target state
    perm: str = ""  # what the actor needs over the union that takes the step, where it matters


@dataclass(frozen=True)
class Workflow:
    name: str
    field: str
    labels: Mapping[str, str]
    steps: Mapping[str, Step]
    audit_prefix: str = ""  # audit actions are "<prefix>.<step>" (the model's name by default)

    def allowed(self, state: str) -> list[str]:
        return [name for name, step in self.steps.items() if state in step.moves]

    def label(self, state: str) -> str:
        return self.labels.get(state, state)

    def target(self, state: str, step_name: str) -> str:
        step = self.steps.get(step_name)
        if step is None:
            raise InvalidTransition(f"没有「{step_name}」这个办理步骤。", code="invalid_transition")
        if state not in step.moves:
            raise InvalidTransition(
                f"{self.name}当前状态为「{self.label(state)}」，不能{step.label}。", code="invalid_transition"
            )
        return step.moves[state]


def transition(
    workflow: Workflow,
    obj: models.Model,
    step: str,
    *,
    actor: Any,
    org: Any,
    action: str = "",
    detail: dict[str, Any] | None = None,
    extra_fields: tuple[str, ...] = (),
) -> str:
    """Check that `step` is allowed from the object's state, apply it, save the state (and
    `extra_fields`) and audit, inside the caller's transaction. Returns the new state; raises
    InvalidTransition and changes nothing when the step is not allowed."""
    before = getattr(obj, workflow.field)
    after = workflow.target(before, step)
    setattr(obj, workflow.field, after)
    obj.save(update_fields=[workflow.field, *extra_fields])
    audit(
        actor=actor,
        action=action or f"{workflow.audit_prefix or obj._meta.model_name}.{step}",
        obj=obj,
        org=org,
        detail={**(detail or {}), "status": f"{workflow.label(before)} → {workflow.label(after)}"},
    )
    return after
