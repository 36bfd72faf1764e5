"""A worker's own honours on their home page (and a selection they are on the 公示 list of)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.kernel.registry import Line, Panel

from .selectors import honours_of_member, notices_of_member


def honours_home_panels(actor: Any) -> list[Panel]:
    from gonghui.members.selectors import member_for_user

    member = member_for_user(user=actor)
    if member is None:
        return []
    me = reverse("members:me")
    lines = [
        Line(h.title, url=me, note=" ".join(p for p in (f"{h.awarded_on:%Y-%m-%d}", h.doc_no) if p))
        for h in honours_of_member(member)
    ]
    lines += [
        Line(n.round.title, note=_("公示中，至%(date)s") % {"date": f"{n.round.notice_until:%Y-%m-%d}"})
        for n in notices_of_member(member)
    ]
    if not lines:
        return []
    return [Panel("honours.mine", _("我的荣誉"), lines=lines, url=me, order=40)]
