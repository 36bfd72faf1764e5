"""What a person may do now with a household file, an application, a batch, or within a union:
the one answer the pages, the API and the contract tests share. Each doing is decided by the same
rules its action checks (the workflow's steps through `offers()`, the others here), so a button
is shown exactly when its action would succeed."""

from __future__ import annotations

from typing import Any

from gonghui.kernel import scope
from gonghui.kernel.abilities import Abilities
from gonghui.orgs.models import Level, Org, Status

from .actions.config import RULE_OWNERS
from .models import Application, Batch, Household
from .selectors import is_own_household
from .workflow import APPLICATION, BATCH

# ---------------------------------------------------------------------------- applications


def application_abilities(actor: Any, application: Application) -> Abilities:
    """approve (into 公示 or at once: the rule of the approving level chooses), reject,
    publicity_end, pay, withdraw: the workflow's offers; open_file: the household's page."""
    steps = set(APPLICATION.offers(actor, application))
    if "approve_now" in steps:
        steps.discard("approve_now")
        steps.add("approve")
    return Abilities(steps, open_file=scope.can(actor, "view", application.household.org))


# ------------------------------------------------------------------------------ households


def household_abilities(actor: Any, household: Household) -> Abilities:
    """The doings of a file. Changes need `edit` at the filing union and a file on record (not
    exited or merged away); review needs `approve` there and someone other than who filed it;
    exit waits until no application is open; reveal needs `reveal`."""
    on_file = household.status == Household.Status.ACTIVE
    edit = on_file and scope.can(actor, "edit", household.org)
    open_applications = edit and household.applications.filter(state__in=Application.OPEN).exists()
    return Abilities(
        edit=edit,
        apply=edit,
        apply_self=on_file and actor is not None and is_own_household(user=actor, household=household),
        verify=edit,
        exit=edit and not open_applications,
        merge=edit,
        attach=edit,
        review=on_file
        and household.reviewed_at is None
        and scope.can(actor, "approve", household.org)
        and (actor is None or household.filed_by_id != actor.pk),
        reveal=scope.can(actor, "reveal", household.org),
    )


def duplicate_abilities(actor: Any, household: Household, other: Household) -> Abilities:
    """What the page offers for another file that shares a person with this one: open it, and
    merge it into this one (edit over both files' unions; this one on record)."""
    return Abilities(
        view=scope.can(actor, "view", other.org),
        merge=household_abilities(actor, household).merge
        and other.status != Household.Status.MERGED
        and scope.can(actor, "edit", other.org),
    )


# --------------------------------------------------------------------------------- batches


def batch_abilities(actor: Any, batch: Batch) -> Abilities:
    """approve (the workflow; the fund must cover the batch); payment_file and bank_return once
    approved and until every line is settled (the batch then closes by itself)."""
    approved = batch.state == Batch.State.APPROVED
    steps = [s for s in BATCH.offers(actor, batch) if s == "approve"]
    return Abilities(
        steps,
        payment_file=approved and scope.can(actor, "reveal", batch.org),
        bank_return=approved and scope.can(actor, "edit", batch.org),
    )


# ------------------------------------------------------------------------------ the union


def assistance_abilities(actor: Any, org: Org | None) -> Abilities:
    """What the module's list pages offer within a union: file a household, start a batch
    (`edit`), deposit into its fund and allocate from it to the unions below it (`manage`; a
    union with none has nobody to allocate to), set the approval rules of the unions below
    (`manage`, at a province, city or industry union)."""
    if org is None:
        return Abilities()
    edit = scope.can(actor, "edit", org)
    manage = scope.can(actor, "manage", org)
    return Abilities(
        file=edit,
        create_batch=edit,
        deposit=manage,
        allocate=manage and Org.objects.filter(parent=org, status=Status.ACTIVE).exists(),
        set_rules=manage and org.level in RULE_OWNERS,
    )


def subsistence_line_abilities(actor: Any) -> Abilities:
    """set_lines: an administrator of a province, city or county union with a division (the
    action then checks that the division typed is within theirs)."""
    s = scope.scope_of(actor)
    if actor is None or s.superuser:
        return Abilities(set_lines=True)
    editors = Org.objects.filter(
        level__in=[Level.PROVINCE, Level.CITY, Level.COUNTY], status=Status.ACTIVE
    ).exclude(division="")
    return Abilities(set_lines=editors.filter(scope.subtree_q(s.paths("manage"), org_field="")).exists())
