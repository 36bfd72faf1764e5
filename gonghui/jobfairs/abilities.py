"""What a person may do now with a union's fairs, a fair, an employer, a position and a seeker:
the buttons the pages show and the API's `abilities`, decided by the rules the actions check."""

from __future__ import annotations

from typing import Any

from gonghui.kernel import scope
from gonghui.kernel.abilities import Abilities
from gonghui.orgs.models import Org

from . import rules
from .models import Employer, Fair, Position, ReviewState, Seeker
from .selectors import my_seeker, open_to
from .workflow import EMPLOYER, FAIR, POSITION


def fairs_abilities(actor: Any, org: Org) -> Abilities:
    return Abilities(create=scope.can(actor, "edit", org) and not rules.union_refusal(org))


def fair_abilities(actor: Any, fair: Fair) -> Abilities:
    """The fair's steps; its organiser's officers register employers and walk-in seekers while it
    runs, set up 分会场 of a main fair, and check people in on the day; whoever sees the fair
    reads its result."""
    running = not rules.fair_refusal(fair)
    organiser = scope.can(actor, "edit", fair.org)
    return Abilities(
        FAIR.offers(actor, fair),
        add_employer=running and organiser,
        import_employers=running and organiser,
        add_venue=running and organiser and fair.parent_id is None,
        enrol=organiser and running,
        checkin=organiser and not rules.checkin_refusal(fair),
        result=scope.can(actor, "view", fair.org),
        reveal=scope.can(actor, "reveal", fair.org),
    )


def employer_abilities(actor: Any, employer: Employer) -> Abilities:
    open_ = not rules.posting_refusal(employer)
    return Abilities(
        EMPLOYER.offers(actor, employer),
        add_position=scope.can(actor, "edit", employer.org) and open_,
        invite=scope.can(actor, "edit", employer.fair.org) and open_,
    )


def desk_abilities(actor: Any, employer: Employer) -> Abilities:
    """An employer's own login at its desk: post positions while the fair takes them."""
    return Abilities(
        add_position=rules.employer_login(actor, employer) and not rules.posting_refusal(employer)
    )


def desk_position_abilities(actor: Any, position: Position) -> Abilities:
    """An employer's own login at one of its positions: change it (back to review), see the
    matched seekers (masked) once approved, record interviews and offers at the fair."""
    mine = rules.employer_login(actor, position.employer)
    approved = position.state == ReviewState.APPROVED
    return Abilities(
        edit=mine and not rules.editing_refusal(position),
        matches=mine and approved,
        interview=mine and not rules.interview_refusal(position),
    )


def position_abilities(actor: Any, position: Position) -> Abilities:
    return Abilities(
        POSITION.offers(actor, position),
        interview=scope.can(actor, "edit", position.org) and not rules.interview_refusal(position),
        matches=scope.can(actor, "view", position.fair.org),
    )


def seeker_abilities(actor: Any, seeker: Seeker) -> Abilities:
    return Abilities(
        checkin=scope.can(actor, "edit", seeker.fair.org) and not rules.checkin_refusal(seeker.fair),
        reveal=scope.can(actor, "reveal", seeker.fair.org),
    )


def worker_abilities(actor: Any, fair: Fair) -> Abilities:
    """A worker at a fair's page: register while it is open to them, once."""
    mine = my_seeker(actor, fair)
    return Abilities(
        register=mine is None and open_to(actor, fair),
        ticket=mine is not None and not rules.checkin_refusal(fair),
    )
