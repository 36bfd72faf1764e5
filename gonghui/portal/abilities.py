"""What a person may do now with an application to join, a request for help, a card, a place:
the buttons pages show and the API lists, decided by the rules the actions check."""

from __future__ import annotations

from typing import Any

from gonghui.kernel import scope
from gonghui.kernel.abilities import Abilities
from gonghui.members.choices import COUNTED
from gonghui.members.selectors import member_for_user
from gonghui.orgs.models import Org

from .models import Card, Device, HelpRequest, JoinApplication, Place, TradeRoute
from .workflow import JOIN, REQUEST


def join_abilities(actor: Any, application: JoinApplication) -> Abilities:
    """approve, send_back (the union); resubmit, request_transfer, withdraw (the worker)."""
    return Abilities(JOIN.offers(actor, application))


def request_abilities(actor: Any, request: HelpRequest) -> Abilities:
    """answer, to_case, to_hardship (the union holding it); escalate when overdue, rate (the
    worker)."""
    return Abilities(REQUEST.offers(actor, request))


def card_abilities(actor: Any, card: Card | None) -> Abilities:
    """show the code (a card that stands), issue one (a member without a card, or re-issue)."""
    member = member_for_user(user=actor)
    holding = member is not None and member.status in COUNTED
    return Abilities(
        show=card is not None and card.state == Card.State.ACTIVE and holding,
        issue=holding,
    )


def portal_abilities(actor: Any) -> Abilities:
    """The worker's portal: join (no membership yet), ask for help (a member), scan cards (an
    officer)."""
    member = member_for_user(user=actor)
    holding = member is not None and member.status in COUNTED
    return Abilities(
        join=not holding,
        ask=holding,
        scan=scope.scope_of(actor).holds_any("view") if getattr(actor, "is_authenticated", False) else False,
    )


def place_abilities(actor: Any, place: Place) -> Abilities:
    edit = scope.can(actor, "edit", place.org)
    return Abilities(edit=edit, close=edit and place.active)


def places_abilities(actor: Any, org: Org | None) -> Abilities:
    """Register a place at `org` (or somewhere, before one is chosen)."""
    if org is None:
        return Abilities(register=scope.scope_of(actor).holds_any("edit"))
    return Abilities(register=org.is_active and scope.can(actor, "edit", org))


def device_abilities(actor: Any, device: Device) -> Abilities:
    """forget: the worker's own remembered device."""
    return Abilities(forget=getattr(actor, "is_authenticated", False) and device.user_id == actor.pk)


def trade_route_abilities(actor: Any, route: TradeRoute) -> Abilities:
    """edit, remove: the union of the area that keeps the row (or one above it)."""
    edit = scope.can(actor, "edit", route.org)
    return Abilities(edit=edit, remove=edit)


def trade_routes_abilities(actor: Any, org: Org | None) -> Abilities:
    """Set a trade's route at `org` (or somewhere, before one is chosen)."""
    if org is None:
        return Abilities(add=scope.scope_of(actor).holds_any("edit"))
    return Abilities(add=org.is_active and scope.can(actor, "edit", org))
