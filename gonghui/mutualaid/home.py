"""Mutual aid's part of a person's home page and of the member portal: the worker's own cover
and claims."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.kernel.registry import Line, Panel

from .selectors import Cover, own_cover_for_user


def _cover_note(cover: Cover) -> str:
    e = cover.line.enrolment
    parts = [str(e.get_state_display())]
    if e.cover_start and e.cover_end:
        parts.append(_("保障期 %(start)s 至 %(end)s") % {"start": f"{e.cover_start:%Y-%m-%d}",
                                                      "end": f"{e.cover_end:%Y-%m-%d}"})  # fmt: skip
    else:
        parts.append(_("缴费后生效"))
    if cover.benefits:
        parts.append(_("保障：%(benefits)s") % {"benefits": "、".join(cover.benefits)})
    return " · ".join(parts)


def mutualaid_home_panels(actor: Any) -> list[Panel]:
    """The worker's shares in force (plan, period, what it pays for) and their latest claims with
    their state and what was paid. A claim opens its own page where the worker may open it; the
    rest open the worker's mutual aid page, which lists them all."""
    own = own_cover_for_user(user=actor)
    if not own.cover and not own.claims:
        return []
    me = reverse("mutualaid:me")
    lines = [Line(c.line.plan.name, url=me, note=_cover_note(c)) for c in own.cover]
    for claim in own.claims:
        note = f"{claim.event_date:%Y-%m-%d} · {claim.get_state_display()}"
        if claim.paid_out:
            note += " · " + _("%(amount)s 元") % {"amount": claim.paid_out}
        url = reverse("mutualaid:claim", args=[claim.pk]) if own.opens(claim) else me
        lines.append(Line(_("申领：%(benefit)s") % {"benefit": claim.benefit.name}, url=url, note=note))
    return [Panel("mutualaid.mine", _("我的互助保障"), lines=lines, url=me, order=45)]
