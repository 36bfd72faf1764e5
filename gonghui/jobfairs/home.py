"""What the module gives the home page and the member portal: a worker's registrations and
matched positions, and the fairs open to them now."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from gonghui.kernel.registry import Line, Offer, Panel

from .selectors import employers_for_login, fairs_open_to, matches_for_seeker, my_seekers


def _fair_url(fair: Any) -> str:
    return f"{reverse('jobfairs:worker_fair')}?fair={fair.pk}"


def jobfair_offers(actor: Any) -> list[Offer]:
    mine = set(my_seekers(actor).values_list("fair_id", flat=True))
    return [
        Offer(
            key=f"fair:{f.pk}",
            kind="招聘会",
            title=f.title,
            url=_fair_url(f),
            org=f.org.name,
            when=f.held_on,
            place=f.where,
            note="已报名" if f.pk in mine else "可报名求职",
        )
        for f in fairs_open_to(actor)
    ]


def _desk_panel(actor: Any) -> list[Panel]:
    employers = list(employers_for_login(actor)[:5])
    if not employers:
        return []
    lines = [
        Line(e.name, reverse("jobfairs:desk"), f"{e.fair.title} · {e.get_state_display()}") for e in employers
    ]
    return [Panel("jobfairs.desk", "招聘单位", lines=lines, url=reverse("jobfairs:desk"), order=59)]


def my_jobfair_panels(actor: Any) -> list[Panel]:
    seekers = list(my_seekers(actor)[:5])
    if not seekers:
        return _desk_panel(actor)
    lines: list[Line] = []
    for s in seekers:
        lines.append(Line(s.fair.title, _fair_url(s.fair), f"{s.fair.held_on:%Y-%m-%d} · {s.fair.where}"))
        for m in matches_for_seeker(s, k=3):
            lines.append(
                Line(
                    f"　{m.record.title}（{m.record.employer.name}）", _fair_url(s.fair), f"匹配度 {m.score}"
                )
            )
    return [
        *_desk_panel(actor),
        Panel("jobfairs.mine", "我的求职登记", lines=lines, url=reverse("jobfairs:worker_home"), order=60),
    ]
