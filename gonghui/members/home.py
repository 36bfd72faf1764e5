"""The member register's part of a person's home page: a worker's own membership and its history."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.kernel import scope
from gonghui.kernel.registry import Line, Panel
from gonghui.orgs.models import Org

from .abilities import members_abilities
from .models import MemberEvent, Transfer
from .selectors import member_for_user, member_history


def member_home_panels(actor: Any) -> list[Panel]:
    """The worker's own membership on their home page: their union and standing, any transfer
    under way, and the latest changes of their membership (joining, moves, standing), with dates."""
    member = member_for_user(user=actor)
    me = reverse("members:me")
    if member is None:
        if not scope.scope_of(actor).holds_any("self"):
            return []
        return [
            Panel("members.mine", _("我的会籍"), url=me, order=20,
                  empty=_("您的账号尚未关联会员档案。请联系所在基层工会核对您的会员登记信息。"))
        ]  # fmt: skip
    note = member.get_status_display()
    if member.join_date:
        note = _("%(status)s，%(date)s入会") % {"status": note, "date": f"{member.join_date:%Y-%m-%d}"}
    lines = [Line(member.org.name, url=me, note=note)]
    for t in member.transfers.filter(state__in=Transfer.OPEN).select_related("to_org"):
        lines.append(Line(_("转会至%(org)s") % {"org": t.to_org.name}, url=me, note=t.get_state_display()))
    panels = [Panel("members.mine", _("我的会籍"), lines=lines, url=me, order=20)]
    history = member_history(member)
    if history:
        panels.append(
            Panel("members.history", _("会籍变动"), lines=[_history_line(e, me) for e in history], url=me,
                  order=21)
        )  # fmt: skip
    return panels


def _history_line(event: MemberEvent, url: str) -> Line:
    if event.other_org is not None:  # a move: from the other union to this one
        text = _("%(kind)s：%(from)s → %(to)s") % {
            "kind": event.get_kind_display(), "from": event.other_org.name, "to": event.org.name,
        }  # fmt: skip
    else:
        text = f"{event.get_kind_display()} · {event.org.name}"
    return Line(text, url=url, note=f"{event.on:%Y-%m-%d}")


def member_shortcuts(actor: Any, org: Org) -> list[tuple[str, str]]:
    """On a union's page and the home page: register an application to join there (or choose
    one of its grassroots unions first), and import a ledger, as the register's abilities allow."""
    ab = members_abilities(actor, org)
    found: list[tuple[str, str]] = []
    if ab.join:
        found.append((_("登记入会"), reverse("members:join", args=[org.pk])))
    elif ab.choose_join:
        found.append((_("登记入会"), f"{reverse('members:join_pick')}?within={org.pk}"))
    if ab.import_members:
        found.append((_("导入会员名册"), f"{reverse('members:import')}?org={org.pk}"))
    return found
