"""What a person may do now with a unit, a collective contract, and the ledgers of a union (the
pages' buttons, the API's `abilities`), decided by the same rules `units.actions` check."""

from __future__ import annotations

from typing import Any

from gonghui.kernel import scope
from gonghui.kernel.abilities import NONE, Abilities
from gonghui.orgs.models import Level, Org

from .models import CollectiveContract, Unit


def unit_abilities(actor: Any, unit: Unit) -> Abilities:
    """A unit that has closed down changes no more; editing and closing need `edit` over the
    union it hangs from."""
    changes = unit.is_active and scope.can(actor, "edit", unit.org)
    return Abilities(edit=changes, close=changes, audit=scope.can(actor, "audit", unit.org))


def contract_abilities(actor: Any, contract: CollectiveContract) -> Abilities:
    """A contract not ended yet may be recorded as ended early, on a day of its term (the form
    asks which; one that has run out may be found to have ended before), by a person with
    `edit` over the union that concluded it."""
    return Abilities(end=contract.ended_on is None and scope.can(actor, "edit", contract.org))


def units_abilities(actor: Any, org: Org | None) -> Abilities:
    """What the list pages offer at a union (the one a list is within, or where a page starts):
    register a unit in its ledger, import a ledger into it or register a collective contract it
    concluded (`edit` over an active union that keeps a ledger: not a 工会小组, under which no
    unit hangs), export its lists and its "两个普遍" report (`view`). None (the person holds no
    union at all): nothing."""
    if org is None:
        return NONE
    ledger = org.is_active and org.level != Level.GROUP and scope.can(actor, "edit", org)
    sees = scope.can(actor, "view", org)
    return Abilities(
        ["import"] if ledger else [],  # a keyword: not a flag's name
        create=ledger,
        create_contract=ledger,
        export=sees,
        report_export=sees,
    )
