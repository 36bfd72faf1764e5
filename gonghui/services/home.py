"""Worker services' part of a person's home page: a worker's bookings and consultations, a
counsellor's sessions today and open consultations, the day of the centre a supervisor reads."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.kernel.registry import Line, Panel

from . import selectors
from .abilities import worker_abilities
from .models import Booking, Thread


def _when(b: Booking) -> str:
    start, end = timezone.localtime(b.starts_at), timezone.localtime(b.ends_at)
    return f"{start:%m-%d %H:%M}–{end:%H:%M}"


def _open(threads: list[Thread]) -> list[Thread]:
    return [t for t in threads if t.status == Thread.Status.OPEN]


def _thread_line(t: Thread, who: str) -> Line:
    return Line(
        t.subject,
        url=reverse("services:thread", args=[t.pk]),
        note=f"{who} · {timezone.localtime(t.last_at):%m-%d %H:%M}",
    )


def services_home_panels(actor: Any) -> list[Panel]:
    me = worker_abilities(actor)
    member = selectors.own_member(actor)
    threads = selectors.threads_for_user(actor) if (member is not None or me.provide) else {}
    panels: list[Panel] = []
    if member is not None:
        upcoming, _past = selectors.member_sessions(member, limit=5)
        panels.append(
            Panel(
                "services.my_bookings", _("我的预约"), order=50, url=reverse("services:me"), empty=_("暂无待参加的预约"),
                lines=[
                    Line(f"{b.service.name} · {b.provider.name}", url=reverse("services:booking", args=[b.pk]),
                         note=f"{_when(b)} · {b.centre.name}")
                    for b in upcoming
                ],
                actions=[(_("预约咨询"), reverse("services:book"))] if me.book else [],
            )
        )  # fmt: skip
        panels.append(
            Panel(
                "services.my_threads", _("我的在线咨询"), order=51, url=reverse("services:threads"),
                empty=_("暂无在线咨询"),
                lines=[_thread_line(t, t.provider.name) for t in threads["member"][:5]],
                actions=[(_("发起在线咨询"), reverse("services:thread_create"))] if me.ask else [],
            )
        )  # fmt: skip
    if me.provide:
        today = timezone.localdate()
        sessions = [
            b for b in selectors.bookings_for_provider_user(actor, first=today)[:50]
            if timezone.localtime(b.starts_at).date() == today and b.status != Booking.Status.CANCELLED
        ]  # fmt: skip
        panels.append(
            Panel(
                "services.sessions_today", _("今日咨询"), order=52, url=reverse("services:provider_home"),
                empty=_("今天没有预约的咨询"),
                lines=[
                    Line(f"{_when(b)} {b.member.name}", url=reverse("services:booking", args=[b.pk]),
                         note=f"{b.service.name} · {b.room.name if b.room else b.centre.name} · {b.get_status_display()}")
                    for b in sessions
                ],
            )
        )  # fmt: skip
        panels.append(
            Panel(
                "services.open_threads", _("进行中的在线咨询"), order=53, url=reverse("services:threads"),
                empty=_("暂无进行中的在线咨询"),
                lines=[_thread_line(t, t.member.name) for t in _open(threads["provider"])[:8]],
            )
        )  # fmt: skip
    centres = selectors.centres_supervised_by(actor)
    if centres:
        day = selectors.centres_day_for_supervisor(actor)
        supervised = _open(threads.get("supervisor", []))
        panels.append(
            Panel(
                "services.centre_day", _("中心今日"), order=54, empty=_("中心今天没有预约"),
                lines=[
                    Line(f"{_when(b)} {b.provider.name}",
                         url=reverse("services:booking", args=[b.pk]) if b.provider.user_id == actor.pk else "",
                         note=" · ".join(x for x in (b.centre.name, b.service.name, b.room.name if b.room else "",
                                                     b.get_status_display()) if x))
                    for b in day
                ],
            )
        )  # fmt: skip
        panels.append(
            Panel(
                "services.supervised_threads", _("督导中的在线咨询"), order=55, url=reverse("services:threads"),
                empty=_("暂无进行中的在线咨询"),
                lines=[_thread_line(t, f"{t.provider.name} · {t.member.name}") for t in supervised[:8]],
            )
        )  # fmt: skip
    return panels
