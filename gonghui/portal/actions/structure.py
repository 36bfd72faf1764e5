"""What the portal's records do when the tree changes."""

from __future__ import annotations

from typing import Any

from gonghui.kernel.audit import audit
from gonghui.orgs.models import Org

from .cards import cards_follow_merge
from .joins import joins_follow_dissolution, joins_follow_merge
from .places import places_follow_dissolution, places_follow_merge
from .requests import requests_follow_dissolution, requests_follow_merge
from .routes import routes_follow_dissolution, routes_follow_merge


def portal_follow_merge(*, source: Org, target: Org, actor: Any, on: Any, **_: Any) -> int:
    """The merged union's applications, requests, places, cards and trade routes go to the survivor."""
    moved = sum(
        handler(source=source, target=target, actor=actor, on=on)
        for handler in (
            joins_follow_merge, requests_follow_merge, places_follow_merge, cards_follow_merge, routes_follow_merge,
        )
    )  # fmt: skip
    if moved:
        audit(actor=actor, action="portal.follow_merge", org=target,
              detail={"source": source.name, "moved": moved})  # fmt: skip
    return moved


def portal_follow_dissolution(*, org: Org, actor: Any, on: Any, **_: Any) -> int:
    """Nobody answers at a dissolved union: what waits there goes to the union above."""
    moved = sum(
        handler(org=org)
        for handler in (
            joins_follow_dissolution, requests_follow_dissolution, places_follow_dissolution, routes_follow_dissolution,
        )
    )  # fmt: skip
    if moved:
        audit(actor=actor, action="portal.follow_dissolve", org=org, detail={"moved": moved})
    return moved
