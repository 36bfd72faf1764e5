"""The activities module's part of a person's home page and of the member portal: what their
unions offer them now, their own sign-ups and the activities they attended, and what an officer
may start at a union."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.kernel.registry import Line, Offer, Panel

from . import rules, selectors
from .abilities import org_abilities, worker_abilities


def _when(value: Any) -> str:
    return f"{timezone.localtime(value):%m月%d日 %H:%M}"


def activities_offers(actor: Any) -> list[Offer]:
    """The activities open to this worker now, only those they may sign up for, and the
    campaigns' benefits they may claim now."""
    found = []
    for a in selectors.open_to_worker(actor):
        left = max(a.capacity - getattr(a, "confirmed", 0), 0)
        note = f"名额余{left}" if left else "名额已满，可报名候补"
        found.append(
            Offer(
                key=f"activity:{a.pk}", kind=_("活动"), title=a.title,
                url=reverse("activities:activity", args=[a.pk]), org=a.org.name, when=a.starts_at,
                place=a.place, note=f"{note} · 报名截止{_when(a.signup_until)}",
            )
        )  # fmt: skip
    for b in selectors.benefits_open_to_worker(actor):
        found.append(
            Offer(
                key=f"benefit:{b.pk}", kind=_("福利"), title=b.title,
                url=reverse("activities:benefit", args=[b.pk]), org=b.campaign.org.name, when=b.claim_from,
                note=_("%(campaign)s · 剩余%(left)s份 · 领取截止%(until)s")
                % {"campaign": b.campaign.title, "left": b.total - b.issued, "until": f"{b.claim_until:%m月%d日}"},
            )
        )  # fmt: skip
    return found


def activities_home_panels(actor: Any) -> list[Panel]:
    """The worker's vouchers, sign-ups to come, the activities they attended, volunteer hours."""
    mine = selectors.my_signups(actor)
    offers = selectors.open_to_worker(actor, limit=5)
    me = worker_abilities(actor)
    vouchers = selectors.my_vouchers(actor, unused=True)
    panels: list[Panel] = []
    if vouchers:
        panels.append(
            Panel(
                "activities.vouchers", _("我的福利券"), order=55, url=reverse("activities:open"),
                lines=[Line(v.benefit.title, url=reverse("activities:voucher", args=[v.pk]),
                            note=f"{v.benefit.campaign.org.name} · {v.get_state_display()}") for v in vouchers[:5]],
            )
        )  # fmt: skip
    if mine or offers or me.volunteer:
        panels.append(
            Panel(
                "activities.mine", _("我的活动报名"), order=56, url=reverse("activities:open"),
                empty=_("暂无报名的活动"),
                lines=[
                    Line(s.activity.title, url=reverse("activities:signup", args=[s.pk]),
                         note=f"{_when(s.activity.starts_at)} · {s.activity.place} · {s.get_state_display()}")
                    for s in mine
                ],
                actions=[(_("可报名的活动"), reverse("activities:open"))] if offers else [],
            )
        )  # fmt: skip
    attended = selectors.my_attended(actor)
    if attended:
        panels.append(
            Panel(
                "activities.attended", _("我参加过的活动"), order=56, url=reverse("activities:open"),
                lines=[
                    Line(s.activity.title,
                         url=reverse("activities:signup", args=[s.pk]) if rules.own_signup(actor, s) else "",
                         note=f"{_when(s.activity.starts_at)} · {s.activity.place} · {_('已签到')}")
                    for s in attended
                ],
            )
        )  # fmt: skip
    if me.volunteer:
        volunteer, hours = selectors.my_volunteer_hours(actor)
        panels.append(
            Panel(
                "activities.volunteer", _("我的志愿服务"), order=57, url=reverse("activities:open"),
                lines=[Line(f"{volunteer.name if volunteer else ''} · 累计服务 {hours} 小时")],
            )
        )  # fmt: skip
    return panels


def activities_shortcuts(actor: Any, org: Any) -> list[tuple[str, str]]:
    ab = org_abilities(actor, org)
    found = []
    if ab.add_activity:
        found.append((_("新建活动"), f"{reverse('activities:activity_create')}?org={org.pk}"))
    if ab.open_campaign:
        found.append((_("发起专项活动"), f"{reverse('activities:campaign_create')}?org={org.pk}"))
    return found
