"""The submission workflow as data (Oscar's pipeline): states, allowed transitions, who may take
them, and the one function that checks, applies, records and audits a transition.

    draft ──submit──► submitted ──adopt───► adopted
      ▲                 │   │  └─decline─► declined
      └───withdraw──────┘   └──return────► returned ──submit──► submitted

The submitting union's officers (`edit` at the union) submit and withdraw. Editors review: users
holding `approve` or `edit` at a union *above* the submitting one. A union never reviews its own
item, however high its officers' roles reach.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gonghui.kernel import scope
from gonghui.kernel.audit import audit

from .models import Submission, SubmissionEvent
from .models import SubmissionStatus as S

SUBMITTER = "submitter"
REVIEWER = "reviewer"
REVIEW_PERMS = ("approve", "edit")


class InvalidTransition(ValidationError):
    """The submission is not in a state that allows this step (the message is for users)."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    by: str
    comment_required: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("submit", "报送", frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, SUBMITTER),
        Transition("withdraw", "撤回", frozenset({S.SUBMITTED}), S.DRAFT, SUBMITTER),
        Transition("adopt", "采用", frozenset({S.SUBMITTED}), S.ADOPTED, REVIEWER),
        Transition(
            "return", "退回修改", frozenset({S.SUBMITTED}), S.RETURNED, REVIEWER, comment_required=True
        ),
        Transition("decline", "不予采用", frozenset({S.SUBMITTED}), S.DECLINED, REVIEWER),
    )
}
# The states in which the submitting union may still change the text.
EDITABLE = frozenset({S.DRAFT, S.RETURNED})


def review_paths(user: Any) -> list[str]:
    """The subtree prefixes where the user may review: approve or edit."""
    s = scope.scope_of(user)
    return sorted({p for perm in REVIEW_PERMS for p in s.paths(perm)})


def can_review(user: Any, org: Any) -> bool:
    """May the user review an item submitted by `org`? Only from a union strictly above it."""
    if scope.scope_of(user).superuser:
        return True
    return any(org.path.startswith(p) and org.path != p for p in review_paths(user))


def reviewable_q(user: Any, *, org_field: str = "org") -> Q:
    """Rows submitted by unions strictly below a node where the user may review."""
    if scope.scope_of(user).superuser:
        return Q()
    q = Q(pk__in=[])
    for p in review_paths(user):
        q |= Q(**{f"{org_field}__path__startswith": p}) & ~Q(**{f"{org_field}__path": p})
    return q


def may(user: Any, t: Transition, submission: Submission) -> bool:
    if t.by == SUBMITTER:
        return scope.can(user, "edit", submission.org)
    return can_review(user, submission.org)


def allowed(user: Any, submission: Submission) -> list[Transition]:
    """The steps this user may take now, for the page's buttons."""
    return [t for t in TRANSITIONS.values() if submission.status in t.sources and may(user, t, submission)]


def _refuse(t: Transition) -> None:
    if t.by == SUBMITTER:
        raise PermissionDenied("只有报送单位的经办人可以报送或撤回稿件。")
    raise PermissionDenied("只有上级工会的编辑可以审稿（本单位不能审核自己报送的稿件）。")


@transaction.atomic
def transition(
    *,
    actor: Any,
    submission: Submission,
    action: str,
    comment: str = "",
    effect: Callable[[Submission], dict[str, Any] | None] | None = None,
) -> Submission:
    """Take one step. `effect` makes the step's own change (placing an adopted item in an issue)
    inside the same transaction and may return details for the audit row."""
    t = TRANSITIONS.get(action)
    if t is None:
        raise InvalidTransition({"action": "未知的操作。"})
    sub = Submission.objects.select_for_update().select_related("org", "bulletin").get(pk=submission.pk)
    if actor is not None and not may(actor, t, sub):
        _refuse(t)
    if sub.status not in t.sources:
        raise InvalidTransition(f"稿件当前状态为「{sub.get_status_display()}」，不能{t.label}。")
    comment = comment.strip()
    if t.comment_required and not comment:
        raise ValidationError({"comment": f"{t.label}时请填写意见，说明需要修改的地方。"})
    now = timezone.now()
    before = sub.status
    detail = (effect(sub) if effect is not None else None) or {}
    sub.status = t.target
    if t.by == REVIEWER:
        sub.reviewed_by, sub.reviewed_at, sub.review_comment = actor, now, comment
    elif t.name == "submit" and sub.submitted_at is None:
        sub.submitted_at = now  # the first submission counts for the statistics
    sub.save()
    SubmissionEvent.objects.create(
        submission=sub,
        at=now,
        actor=actor,
        action=t.name,
        from_status=before,
        to_status=t.target,
        comment=comment,
    )
    audit(
        actor=actor, action=f"bulletin.submission.{t.name}", obj=sub, org=sub.org,
        detail={"from": before, "to": t.target, "comment": comment, **detail},
    )  # fmt: skip
    submission.__dict__.update(sub.__dict__)
    return sub
