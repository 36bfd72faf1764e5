"""Workflows as data (Oscar's pipeline), and the one engine that takes a step.

A workflow names its states and, for each step, the states it may start from and where it leads,
who may take it (a rule over the record) and, where the record itself must allow it, a guard that
says why not. Every flow of every module is declared in its `workflow.py`; its actions call
`transition()`, which checks the rule, the state and the guard, applies the step, saves and
audits inside the caller's transaction. `offers(actor, record)` lists the steps this person may
take now: the same checks, so a button is shown exactly when the step would succeed.

    APPLICATION = Workflow.of(
        Application.state, name="帮扶申请",  # labels: the field's choices; audit "assistance.application.*"
        steps={
            "approve": Step("批准", {SUBMITTED: APPROVED}, Holds("approve", on="approver")),
            "withdraw": Step("撤回", {SUBMITTED: WITHDRAWN}, Either(Holds("edit"), Check(own_household))),
            "escalate": Step("逾期上报", {SUBMITTED: SUBMITTED}, SYSTEM),
        },
    )
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from . import scope
from .audit import audit
from .errors import Refused

# Words a person reads, in their language when shown (gettext_lazy where declared at import).
Text = str | Promise
ONLY_ABOVE = gettext_lazy("只有上级工会可以办理（本单位不能审核自己的事项）。")
BY_SYSTEM = gettext_lazy("该步骤由系统自动办理。")


class InvalidTransition(Refused):
    """A step the current state (or the record) does not allow; the message says why."""


class Column(Protocol):
    """A model's field as its class names it (`Course.state`)."""

    @property
    def field(self) -> models.Field[Any, Any]: ...


class Rule(Protocol):
    """Who may take a step on a record."""

    @property
    def refusal(self) -> Text: ...

    def allows(self, actor: Any, record: Any) -> bool: ...


@dataclass(frozen=True)
class Holds:
    """The actor holds `perm` over the union the record names in `on` ("org", "approver", …)."""

    perm: str
    on: str = "org"
    refusal: Text = scope.OUT_OF_SCOPE

    def allows(self, actor: Any, record: Any) -> bool:
        org = scope.org_at(record, self.on)
        return org is not None and scope.can(actor, self.perm, org)


@dataclass(frozen=True)
class Above:
    """The actor holds one of `perms` at a union strictly above the record's (a union never
    reviews its own item, however high its officers' roles reach)."""

    perms: tuple[str, ...]
    on: str = "org"
    refusal: Text = ONLY_ABOVE

    def allows(self, actor: Any, record: Any) -> bool:
        org = scope.org_at(record, self.on)
        s = scope.scope_of(actor)
        if s.superuser:
            return True
        return any(org.path.startswith(p) and org.path != p for perm in self.perms for p in s.paths(perm))


@dataclass(frozen=True)
class Check:
    """Any other rule over actor and record (the member's own household, the author…)."""

    test: Callable[[Any, Any], bool]
    refusal: Text

    def allows(self, actor: Any, record: Any) -> bool:
        return bool(self.test(actor, record))


@dataclass(frozen=True)
class Either:
    """One of several rules is enough; the first one's refusal is given."""

    rules: tuple[Rule, ...]

    @property
    def refusal(self) -> Text:
        return self.rules[0].refusal

    def allows(self, actor: Any, record: Any) -> bool:
        return any(r.allows(actor, record) for r in self.rules)


@dataclass(frozen=True)
class Both:
    """Every rule must hold; the refusal of the first that fails is given."""

    rules: tuple[Rule, ...]
    refusal: Text = ""

    def allows(self, actor: Any, record: Any) -> bool:
        return all(r.allows(actor, record) for r in self.rules)

    def failing(self, actor: Any, record: Any) -> Rule | None:
        return next((r for r in self.rules if not r.allows(actor, record)), None)


@dataclass(frozen=True)
class _System:
    """Only the system itself takes this step (the worker, a timer): never a person."""

    refusal: Text = BY_SYSTEM

    def allows(self, actor: Any, record: Any) -> bool:
        return False


SYSTEM = _System()


@dataclass(frozen=True)
class Step:
    label: Text
    moves: Mapping[str, str]  # source state → target state
    who: Rule | str  # a Rule, or a permission over the flow's union (the workflow's `org`)
    # What the record itself must allow beyond its state: "" when it may, else why not.
    guard: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class Workflow:
    name: Text
    field: str
    labels: Mapping[str, str | Promise]  # a choice's label is translated when shown
    steps: Mapping[str, Step]
    audit_prefix: str = ""  # audit actions are "<prefix>.<step>" (the model's name by default)
    org: str = "org"  # where the record's union is, for the audit row

    @classmethod
    def of(
        cls,
        column: Column,
        *,
        name: Text,
        steps: Mapping[str, Step],
        org: str = "org",
        audit_prefix: str = "",
    ) -> Workflow:
        """The flow of a model's state field (`Course.state`): the states and their labels are
        the field's choices, and the audit actions "<app>.<model>.<step>" unless `audit_prefix`
        says otherwise."""
        states = column.field
        meta = states.model._meta
        return cls(
            name=name,
            field=states.name,
            labels=dict(states.flatchoices),
            steps=steps,
            audit_prefix=audit_prefix or f"{meta.app_label}.{meta.model_name}",
            org=org,
        )

    def allowed(self, state: str) -> list[str]:
        """The steps the state allows, whoever asks."""
        return [name for name, step in self.steps.items() if state in step.moves]

    def rule(self, step: Step) -> Rule:
        """Who may take `step`: its rule, or holding its permission over the flow's union."""
        return Holds(step.who, on=self.org) if isinstance(step.who, str) else step.who

    def label(self, state: str) -> str:
        return str(self.labels.get(state, state))

    def step(self, name: str) -> Step:
        step = self.steps.get(name)
        if step is None:
            raise InvalidTransition(
                gettext("没有「%(step)s」这个办理步骤。") % {"step": name}, code="invalid_transition"
            )
        return step

    def target(self, state: str, step_name: str) -> str:
        """Where `step_name` leads from `state`; InvalidTransition when the state does not allow it."""
        step = self.step(step_name)
        if state not in step.moves:
            raise InvalidTransition(
                gettext("%(record)s当前状态为「%(state)s」，不能%(step)s。")
                % {"record": self.name, "state": self.label(state), "step": step.label},
                code="invalid_transition",
            )
        return step.moves[state]

    def check(self, actor: Any, record: Any, step_name: str) -> str:
        """Everything `transition()` checks, without changing anything: PermissionDenied when the
        actor may not take the step, InvalidTransition when the record does not allow it now.
        Returns the target state. `actor=None` is the system: it may take any step."""
        step = self.step(step_name)
        rule = self.rule(step)
        if actor is not None and not rule.allows(actor, record):
            failing = rule.failing(actor, record) if isinstance(rule, Both) else rule
            raise PermissionDenied((failing or rule).refusal or scope.OUT_OF_SCOPE)
        after = self.target(getattr(record, self.field), step_name)
        if step.guard is not None:
            why = step.guard(record)
            if why:
                raise InvalidTransition(why, code="invalid_transition")
        return after

    def may(self, actor: Any, record: Any, step_name: str) -> bool:
        try:
            self.check(actor, record, step_name)
        except (PermissionDenied, Refused):
            return False
        return True

    def held_back(self, actor: Any, record: Any) -> list[str]:
        """Why steps this person may take, and the state allows, cannot be taken yet: the guards'
        words (「公示期至……」「余额不足……」), for a page to say where a button would be."""
        reasons: list[str] = []
        for name in self.allowed(getattr(record, self.field)):
            step = self.steps[name]
            rule = self.rule(step)
            if step.guard is None or (actor is not None and not rule.allows(actor, record)):
                continue
            why = step.guard(record)
            if why and why not in reasons:
                reasons.append(why)
        return reasons

    def offers(self, actor: Any, record: Any) -> list[str]:
        """The steps this person may take on this record now, in declaration order."""
        return [name for name in self.allowed(getattr(record, self.field)) if self.may(actor, record, name)]


def transition(
    workflow: Workflow,
    obj: models.Model,
    step: str,
    *,
    actor: Any,
    org: Any = None,
    action: str = "",
    detail: dict[str, Any] | None = None,
    extra_fields: tuple[str, ...] = (),
    actor_hidden: bool = False,
) -> str:
    """Check that `actor` may take `step` on `obj` now, apply it, save the state (and
    `extra_fields`) and audit, inside the caller's transaction. Returns the new state; raises
    PermissionDenied or InvalidTransition and changes nothing when the step is not allowed."""
    before = getattr(obj, workflow.field)
    after = workflow.check(actor, obj, step)
    setattr(obj, workflow.field, after)
    obj.save(update_fields=[workflow.field, *extra_fields])
    audit(
        actor=actor,
        action=action or audit_action(workflow, obj, step),
        obj=obj,
        org=org if org is not None else scope.org_at(obj, workflow.org),
        detail={**(detail or {}), "status": f"{workflow.label(before)} → {workflow.label(after)}"},
        actor_hidden=actor_hidden,
    )
    return after


def audit_action(workflow: Workflow, obj: Any, step: str) -> str:
    return f"{workflow.audit_prefix or obj._meta.model_name}.{step}"
