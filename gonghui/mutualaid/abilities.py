"""What a person may do now with an enrolment, a claim, or within a union: the one answer the
pages, the API and the contract tests share, decided by the rules the actions check."""

from __future__ import annotations

from typing import Any

from gonghui.kernel import scope
from gonghui.kernel.abilities import Abilities
from gonghui.orgs.models import Level, Org

from .actions import claim_may_attach
from .models import Claim, Enrolment
from .selectors import claims_to_pay, enrolments_to_collect
from .workflow import CLAIM, ENROLMENT, RECEIVE


def enrolment_abilities(actor: Any, enrolment: Enrolment) -> Abilities:
    """submit / reopen / cancel (the workflow); add and remove people while it is filled in;
    record_payment for the union above while money is due (cover is taken by the payment);
    claim for a covered person once it is in force."""
    draft = enrolment.state == Enrolment.State.DRAFT
    edit = scope.can(actor, "edit", enrolment.org)
    steps = [s for s in ENROLMENT.offers(actor, enrolment) if s != "cover"]
    return Abilities(
        steps,
        add=draft and edit,
        remove=draft and edit,
        claim=enrolment.state == Enrolment.State.COVERED and edit,
        record_payment=enrolment.state == Enrolment.State.DUE
        and (actor is None or RECEIVE.allows(actor, enrolment)),
    )


def claim_abilities(actor: Any, claim: Claim) -> Abilities:
    """approve / reject / pay / withdraw (the workflow), attach (the filing union or the member
    while it waits), open_enrolment for an officer over the union."""
    return Abilities(
        CLAIM.offers(actor, claim),
        attach=claim_may_attach(actor, claim),
        open_enrolment=scope.can(actor, "view", claim.org),
    )


def mutualaid_abilities(actor: Any, org: Org | None) -> Abilities:
    """Within a union: enrol (a grassroots union's `edit`), set_quotas for the unions below it
    (`manage`); for the claims it approved and has not paid: payout_file (`reveal`: the file holds
    the unions' accounts) and payout_return (`edit`); for what the units below it owe:
    collection_file (`reveal`) and collection_return (`edit`)."""
    if org is None:
        return Abilities()
    edit = scope.can(actor, "edit", org)
    to_pay = edit and claims_to_pay(org).exists()
    to_collect = edit and enrolments_to_collect(org).exists()
    return Abilities(
        collection_file=to_collect and scope.can(actor, "reveal", org),
        collection_return=to_collect,
        payout_file=to_pay and scope.can(actor, "reveal", org),
        payout_return=to_pay,
        enrol=edit and org.level == Level.GRASSROOTS and org.is_active,
        set_quotas=scope.can(actor, "manage", org) and Org.objects.filter(parent=org).exists(),
    )
