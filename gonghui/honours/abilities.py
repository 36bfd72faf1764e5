"""What a person may do now with a round, a nomination, an objection, an honour and a studio:
the buttons the pages show and the API's `abilities`, decided by the rules the actions check."""

from __future__ import annotations

from typing import Any

from gonghui.kernel import scope
from gonghui.kernel.abilities import Abilities
from gonghui.orgs.models import Org

from . import rules
from .models import Honour, Nomination, NominationState, Objection, Quota, Round, Studio
from .workflow import NOMINATION, ROUND


def honours_abilities(actor: Any, org: Org) -> Abilities:
    """At a union: open a round (its approvers), add a kind of honour (its administrators),
    record an honour, a care record or a studio (its clerks)."""
    edits = scope.can(actor, "edit", org)
    return Abilities(
        open_round=scope.can(actor, "approve", org),
        add_kind=scope.can(actor, "manage", org),
        record_honour=edits,
        record_studio=edits,
        export=scope.can(actor, "view", org),
    )


def round_abilities(actor: Any, round: Round, *, org: Org | None = None) -> Abilities:
    """The round's steps (公示, 表彰, 取消); nominating from `org` (a union below the round's
    that the person edits, while the round is open); allotting places."""
    open_now = not rules.round_open_refusal(round)
    nominates = (
        org is not None
        and open_now
        and org.path.startswith(round.org.path)
        and org.pk != round.org_id
        and not rules.nominator_refusal(round.kind, org)
        and scope.can(actor, "edit", org)
    )
    return Abilities(
        ROUND.offers(actor, round),
        nominate=nominates,
        allot=open_now and scope.can(actor, "edit", round.org),
        export=scope.can(actor, "view", round.org),
    )


def quota_abilities(actor: Any, quota: Quota) -> Abilities:
    """A union holding places allots them on to the unions below it while the round is open."""
    return Abilities(allot=not rules.round_open_refusal(quota.round) and scope.can(actor, "edit", quota.org))


def nomination_abilities(actor: Any, nomination: Nomination) -> Abilities:
    """The nomination's steps, editing the draft, and recording an objection during 公示."""
    draft = nomination.state == NominationState.DRAFT
    in_notice = nomination.state == NominationState.NOTICE
    return Abilities(
        NOMINATION.offers(actor, nomination),
        edit=draft and scope.can(actor, "edit", nomination.org),
        attach=draft and scope.can(actor, "edit", nomination.org),
        object=in_notice and scope.can(actor, "approve", nomination.round.org),
    )


def objection_abilities(actor: Any, objection: Objection) -> Abilities:
    """Answering it (once) and seeing the objector's contact in full (audited): the officers of
    the union that runs the round, who check the objection and answer the person."""
    reviews = scope.can(actor, "approve", objection.nomination.round.org)
    return Abilities(answer=not objection.answer and reviews, reveal=bool(objection.contact) and reviews)


def honour_abilities(actor: Any, honour: Honour) -> Abilities:
    return Abilities(care=scope.can(actor, "edit", honour.org))


def studio_abilities(actor: Any, studio: Studio) -> Abilities:
    return Abilities(record_year=scope.can(actor, "edit", studio.org))
