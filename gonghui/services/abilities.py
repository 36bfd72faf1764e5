"""What a person may do in worker services now: the answer the pages, the API and the actions
share. Each function asks the same rules the actions check (the workflows' steps, the scope
rule on the centre's union, the member's own record), so a button is shown exactly when its
action would succeed."""

from __future__ import annotations

from typing import Any

from gonghui.kernel import scope
from gonghui.kernel.abilities import NONE, Abilities
from gonghui.kernel.workflow import Text
from gonghui.members.choices import Status as MemberStatus
from gonghui.orgs.models import Org

from .models import Article, Booking, Centre, Provider, ProviderKind, RightsCase, Thread
from .selectors import booking_relation, own_member, providers_of_user
from .workflow import BOOKING, CASE, CASE_ADVANCE_STEPS, THREAD, member_of, party_to


def services_abilities(actor: Any, org: Org | None) -> Abilities:
    """The doings the list pages offer at a union (the one looked at, or the officer's first):
    set up a centre, take in a case, export the case statistics."""
    if org is None:
        return NONE
    edit = scope.can(actor, "edit", org)
    return Abilities(
        create_centre=edit and org.is_active,
        create_case=edit,
        export_stats=scope.can(actor, "view", org),
    )


def worker_abilities(actor: Any) -> Abilities:
    """What the person may do as a worker (their own login linked to a member) or a provider,
    whatever roles they hold: book a session, ask online, see their own sessions as a provider."""
    member = own_member(actor)
    return Abilities(
        book=member is not None and member.status == MemberStatus.ACTIVE,
        ask=member is not None,
        provide=bool(providers_of_user(actor)),
    )


def centre_abilities(actor: Any, centre: Centre) -> Abilities:
    """The centre's officers (edit over its union) furnish it; a manager names its supervisor."""
    edit = scope.can(actor, "edit", centre.org)
    return Abilities(
        add_provider=edit,
        add_service=edit,
        add_room=edit,
        add_holiday=edit,
        add_article=edit,
        set_supervisor=scope.can(actor, "manage", centre.org),
    )


def provider_abilities(actor: Any, provider: Provider) -> Abilities:
    """The centre's officers set a provider's hours and a lawyer's enterprises; an officer books
    on a member's behalf wherever the centre serves a union they edit (`booking_create`)."""
    org = provider.centre.org
    edit = scope.can(actor, "edit", org)
    return Abilities(
        view=scope.can(actor, "view", org),
        add_schedule=edit,
        end_schedule=edit,
        add_exception=edit,
        link_units=edit and provider.kind == ProviderKind.LAWYER,
        book_for=provider.active and provider.centre.active and _edits_where_it_serves(actor, org),
    )


def _edits_where_it_serves(actor: Any, org: Org) -> bool:
    s = scope.scope_of(actor)
    return s.superuser or any(p.startswith(org.path) or org.path.startswith(p) for p in s.paths("edit"))


def booking_abilities(actor: Any, booking: Booking) -> Abilities:
    """The booking's steps (`workflow.BOOKING`: cancel before it begins, mark attendance after),
    the member's rating of an attended session, and whether the note is theirs to read: the
    member's union books on their behalf but does not read what the member wrote."""
    return Abilities(
        BOOKING.offers(actor, booking),
        feedback=member_of(actor, booking) and booking.awaits_feedback,
        read_note=booking_relation(actor, booking) in {"member", "provider", "centre"},
    )


def case_abilities(actor: Any, case: RightsCase) -> Abilities:
    """The case's steps (`workflow.CASE`) its stage and category allow, for its union's officers;
    `advance` when any of mediation, arbitration or litigation is among them."""
    steps = CASE.offers(actor, case)
    return Abilities(steps, advance=any(s in CASE_ADVANCE_STEPS for s in steps))


def advance_choices(ab: Abilities) -> list[tuple[str, Text]]:
    """The advance form's choices: only the steps offered now."""
    return [(s, CASE.steps[s].label) for s in CASE_ADVANCE_STEPS if ab[s]]


def thread_abilities(actor: Any, thread: Thread) -> Abilities:
    """The member and the provider write and end an open consultation; the supervisor only reads."""
    return Abilities(THREAD.offers(actor, thread), post=not thread.ended and party_to(actor, thread))


def article_abilities(actor: Any, article: Article) -> Abilities:
    return Abilities(edit=scope.can(actor, "edit", article.centre.org))
