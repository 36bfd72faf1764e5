"""The portal's part of a person's home page: their applications to join and requests for help."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core.generation import kept
from gonghui.kernel.registry import Line, Panel, registry
from gonghui.members.selectors import member_for_user
from gonghui.orgs.models import Org

from .abilities import card_abilities, places_abilities, portal_abilities
from .selectors import card_for_user, my_joins, my_requests


def portal_home_for_user(*, user: Any) -> dict[str, Any]:
    """The worker's phone page: card, my things, what the unions offer, their requests and
    applications. Made again after any write (`core.generation`), else kept for a minute."""
    return kept("portal.home", (user.pk,), lambda: _portal_home(user))


def _portal_home(user: Any) -> dict[str, Any]:
    card = card_for_user(user=user)
    return {
        "member": member_for_user(user=user),
        "card": card,
        "card_ab": card_abilities(user, card),
        "ab": portal_abilities(user),
        "panels": [p for p in registry.panels(user) if p.key != "portal.requests"],
        "offers": registry.offers(user)[:20],
        "requests": list(my_requests(user=user)[:3]),
        "joins": list(my_joins(user=user)[:3]),
    }


def portal_panels(actor: Any) -> list[Panel]:
    panels: list[Panel] = []
    joins = list(my_joins(user=actor)[:3])
    if joins:
        lines = [
            Line(_("入会申请 · %(org)s") % {"org": j.org.name}, url=reverse("portal:join_detail", args=[j.pk]),
                 note=j.get_state_display())
            for j in joins
        ]  # fmt: skip
        panels.append(Panel("portal.joins", _("我的入会申请"), lines=lines, order=15))
    requests = list(my_requests(user=actor)[:5])
    ab = portal_abilities(actor)
    if requests or ab.ask:
        lines = [
            Line(f"{r.get_category_display()} · {r.submitted_at:%Y-%m-%d}",
                 url=reverse("portal:request_detail", args=[r.pk]), note=r.get_state_display())
            for r in requests
        ]  # fmt: skip
        actions = [(_("提出诉求"), reverse("portal:request_new"))] if ab.ask else []
        panels.append(
            Panel("portal.requests", _("我的诉求"), lines=lines, url=reverse("portal:my_requests"),
                  empty=_("暂无诉求。"), actions=actions, order=25)
        )  # fmt: skip
    return panels


def portal_shortcuts(actor: Any, org: Org) -> list[tuple[str, str]]:
    if places_abilities(actor, org).register:
        return [(_("登记服务阵地"), f"{reverse('portal:place_new')}?org={org.pk}")]
    return []
