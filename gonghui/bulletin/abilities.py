"""What a person may do in the bulletin now: with one submission, issue, fact or publication,
and for one union. Pages show exactly these buttons, the API returns them, and each is decided by
the rule its action checks (the workflow steps through `offers()`, the rest by the same scope
rule and state as the action).
"""

from __future__ import annotations

from typing import Any

from gonghui.kernel import scope
from gonghui.kernel.abilities import Abilities
from gonghui.orgs.models import Org

from .models import Bulletin, FactSuggestion, Issue, Submission
from .selectors import bulletins_to_submit_to, submitting_orgs
from .workflow import EDITABLE, FACT, ISSUE, REVIEW_STEPS, SUBMISSION


def submission_abilities(actor: Any, submission: Submission) -> Abilities:
    """报送 / 撤回 for whoever writes for the submitting union, 采用 / 退回修改 / 不予采用 for an
    editor above it (`review` when any of the three is offered); `edit` the text while a draft
    or returned (`submission_update`); `place` an adopted item straight into a draft issue, for
    an editor of the bulletin's own union (`submission_transition`'s issue check)."""
    steps = SUBMISSION.offers(actor, submission)
    return Abilities(
        steps,
        edit=submission.status in EDITABLE and scope.can(actor, "edit", submission.org),
        review=bool(REVIEW_STEPS.intersection(steps)),
        place="adopt" in steps and scope.can(actor, "edit", submission.bulletin.org),
    )


def issue_abilities(actor: Any, issue: Issue) -> Abilities:
    """签发 (`publish`) for an approver of the bulletin's union once the draft has articles; while
    a draft, its editors `edit` it (details, sections, articles and their order), `add_adopted`
    items and `delete` it; once published, they decide its `facts`."""
    editor = scope.can(actor, "edit", issue.bulletin.org)
    draft = issue.is_draft
    return Abilities(
        ISSUE.offers(actor, issue),
        edit=draft and editor,
        add_adopted=draft and editor,
        delete=draft and editor,
        facts=issue.is_published and editor,
    )


def fact_abilities(actor: Any, fact: FactSuggestion) -> Abilities:
    """采纳 / 忽略, for an editor of the bulletin's union, each from the other decision too."""
    return Abilities(FACT.offers(actor, fact))


def bulletin_abilities(actor: Any, bulletin: Bulletin) -> Abilities:
    """The publication's editorial page (its drafts and the adopted items waiting) is for its own
    union and those above (`editorial`); its editors compile a new issue and import old ones."""
    editor = scope.can(actor, "edit", bulletin.org)
    return Abilities(
        editorial=scope.can(actor, "view", bulletin.org),
        create_issue=editor,
        import_issue=editor,
    )


def union_abilities(actor: Any, org: Org) -> Abilities:
    """What a person may do for one union: write items for it (`submit`: an active union's
    writers, when a union above it runs a publication), start a publication (`create_bulletin`,
    its managers), export its adoption statistics (`export_stats`, whoever reads it)."""
    return Abilities(
        submit=org.is_active and scope.can(actor, "edit", org) and bool(bulletins_to_submit_to(org)),
        create_bulletin=scope.can(actor, "manage", org),
        export_stats=scope.can(actor, "view", org),
    )


def desk_abilities(actor: Any) -> Abilities:
    """The overview's and the submission list's own button: 报送信息, when the person writes for
    some union."""
    return Abilities(submit=any(union_abilities(actor, org).submit for org in submitting_orgs(actor=actor)))
