"""What a person may do now with a membership, a transfer, a union's register and an import:
the buttons the pages show and the API lists, decided by the same rules the actions check."""

from __future__ import annotations

from typing import Any

from gonghui.core.models import Job
from gonghui.kernel import scope
from gonghui.kernel.abilities import Abilities
from gonghui.orgs.models import Level, Org

from .actions import transfer_refusal, update_refusal
from .jobs import rerun_refusal
from .models import Member, Transfer
from .selectors import member_visible
from .workflow import MEMBERSHIP, TRANSFER


def member_abilities(actor: Any, member: Member) -> Abilities:
    """The membership's steps (approve, reject, retain, restore, leave) and its other doings:
    edit its details, request a transfer, reveal the ID and phone numbers."""
    edit = scope.can(actor, "edit", member.org)
    return Abilities(
        MEMBERSHIP.offers(actor, member),
        edit=edit and not update_refusal(member),
        transfer=edit and not transfer_refusal(member),
        reveal=scope.can(actor, "reveal", member.org),
    )


def transfer_abilities(actor: Any, transfer: Transfer) -> Abilities:
    """Each side's answer (approve_out/reject_out at the sending union, approve_in/reject_in at
    the receiving one), withdrawing it (cancel), and opening the member's page."""
    return Abilities(
        TRANSFER.offers(actor, transfer),
        view_member=member_visible(actor, transfer.member),
    )


def members_abilities(actor: Any, org: Org | None) -> Abilities:
    """What a person may do with the register of `org`: register an application to join
    (a grassroots union; above one, choose_join: pick one of its grassroots unions first),
    import a ledger, download the import template, export the list (with the full ID numbers:
    export_reveal). Before a union is chosen (None): import, or choose where to join, somewhere."""
    if org is None:
        anywhere = scope.scope_of(actor).holds_any("edit")
        return Abilities(import_members=anywhere, choose_join=anywhere)
    edit = scope.can(actor, "edit", org)
    return Abilities(
        join=edit and org.is_active and org.level == Level.GRASSROOTS,
        # Above the grassroots: choose one of its grassroots unions to register the application in.
        choose_join=edit and org.is_active and org.level != Level.GRASSROOTS,
        import_members=edit and org.is_active,
        template=edit,
        export=scope.can(actor, "view", org),
        export_reveal=scope.can(actor, "reveal", org),
    )


def import_abilities(actor: Any, job: Job) -> Abilities:
    """An import's report page: import only the good rows of a ledger that was refused whole."""
    return Abilities(
        good_rows=job.org is not None and scope.can(actor, "edit", job.org) and not rerun_refusal(job),
    )
