"""The bulletin's flows as data, on the kernel's engine (`gonghui.kernel.workflow`).

Submissions (信息报送):

    draft ──submit──► submitted ──adopt───► adopted
      ▲                 │   │  └─decline─► declined
      └───withdraw──────┘   └──return────► returned ──submit──► submitted

The submitting union's officers (`edit` over the union) submit and withdraw. Editors review:
users holding `approve` or `edit` at a union *above* the submitting one; a union never reviews its
own item, however high its officers' roles reach.

Issues: a draft is compiled by the bulletin union's editors and signed off (签发) by its approvers;
a published issue is fixed. Facts found in a published issue are accepted or dismissed by the
bulletin union's editors, and may be decided again the other way.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy

from gonghui.kernel.workflow import Above, Holds, InvalidTransition, Step, Workflow, transition

from .models import FactStatus, FactSuggestion, Issue, IssueStatus, Submission, SubmissionStatus

_S = SubmissionStatus
# Who writes for a union and takes its items back.
SUBMITTER = Holds("edit", refusal=gettext_lazy("只有报送单位的经办人可以报送或撤回稿件。"))
# Who reviews an item: an editor of a union strictly above the submitting one.
REVIEW = Above(
    ("approve", "edit"), refusal=gettext_lazy("只有上级工会的编辑可以审稿（本单位不能审核自己报送的稿件）。")
)
# The states in which the submitting union may still change the text.
EDITABLE = frozenset({_S.DRAFT, _S.RETURNED})


def _org_active(submission: Submission) -> str:
    org = submission.org
    return (
        ""
        if org.is_active
        else (
            gettext("「%(name)s」%(status)s，不能报送稿件。")
            % {"name": org.name, "status": org.get_status_display()}
        )
    )


SUBMISSION = Workflow.of(
    Submission.status,
    name=gettext_lazy("稿件"),
    steps={
        "submit": Step(
            gettext_lazy("报送"), {_S.DRAFT: _S.SUBMITTED, _S.RETURNED: _S.SUBMITTED}, SUBMITTER, _org_active
        ),
        "withdraw": Step(gettext_lazy("撤回"), {_S.SUBMITTED: _S.DRAFT}, SUBMITTER),
        "adopt": Step(gettext_lazy("采用"), {_S.SUBMITTED: _S.ADOPTED}, REVIEW),
        # The action also asks for a comment: what the union should change.
        "return": Step(gettext_lazy("退回修改"), {_S.SUBMITTED: _S.RETURNED}, REVIEW),
        "decline": Step(gettext_lazy("不予采用"), {_S.SUBMITTED: _S.DECLINED}, REVIEW),
    },
)
REVIEW_STEPS = frozenset(name for name, step in SUBMISSION.steps.items() if step.who is REVIEW)


def _has_articles(issue: Issue) -> str:
    return "" if issue.articles.exists() else gettext("本期还没有文章，不能发布。")


_I = IssueStatus
ISSUE = Workflow.of(
    Issue.status,
    name=gettext_lazy("本期简报"),
    org="bulletin__org",
    steps={
        "publish": Step(
            gettext_lazy("签发并发布"),
            {_I.DRAFT: _I.PUBLISHED},
            Holds("approve", on="bulletin__org", refusal=gettext_lazy("只有主办工会的审核人可以签发简报。")),
            _has_articles,
        ),
    },
)

_F = FactStatus
FACT = Workflow.of(
    FactSuggestion.status,
    name=gettext_lazy("文中事实"),
    audit_prefix="bulletin.fact",
    org="article__issue__bulletin__org",
    steps={
        "accept": Step(gettext_lazy("采纳"), {_F.SUGGESTED: _F.ACCEPTED, _F.DISMISSED: _F.ACCEPTED}, "edit"),
        "dismiss": Step(
            gettext_lazy("忽略"), {_F.SUGGESTED: _F.DISMISSED, _F.ACCEPTED: _F.DISMISSED}, "edit"
        ),
    },
)


__all__ = [
    "EDITABLE",
    "FACT",
    "ISSUE",
    "REVIEW",
    "REVIEW_STEPS",
    "SUBMISSION",
    "SUBMITTER",
    "InvalidTransition",
    "transition",
]
