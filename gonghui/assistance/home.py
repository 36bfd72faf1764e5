"""Hardship assistance's part of a person's home page (a worker's own applications) and of a
union's page (file a household there)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.kernel.registry import Line, Panel

from .abilities import assistance_abilities, household_abilities
from .selectors import applications_of_household, own_household_for_user


def assistance_home_panels(actor: Any) -> list[Panel]:
    """The worker's own hardship file, if they have one: their applications and, while the file
    is open, the way to apply."""
    household = own_household_for_user(user=actor)
    if household is None:
        return []
    lines = [
        Line(
            f"{a.get_kind_display()} {a.amount} 元",
            url=reverse("assistance:application_detail", args=[a.pk]),
            note=f"{a.get_state_display()} · {a.submitted_at:%Y-%m-%d}",
        )
        for a in applications_of_household(household)[:5]
    ]
    can_apply = household_abilities(actor, household).apply_self
    return [
        Panel(
            "assistance.mine", _("我的帮扶申请"), lines=lines, url=reverse("assistance:me"), order=40,
            empty=_("暂无申请"),
            actions=[(_("申请帮扶"), reverse("assistance:me_apply"))] if can_apply else [],
        )
    ]  # fmt: skip


def assistance_shortcuts(actor: Any, org: Any) -> list[tuple[str, str]]:
    """File a hardship household at the union, where the person may."""
    if not assistance_abilities(actor, org).file:
        return []
    return [(_("新建困难职工档案"), f"{reverse('assistance:household_create')}?org={org.pk}")]
