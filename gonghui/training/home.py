"""What the training module puts on a worker's home page and member portal: the courses open to
them now (offers) and their own courses and certificates (mine)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Line, Offer, Panel

from . import rules, selectors
from .abilities import training_abilities


def training_offers(actor: Any) -> list[Offer]:
    out = []
    for c in selectors.courses_open_to(actor):
        left = c.capacity - getattr(c, "enrolled", 0)
        until = f"，报名截止{c.enrol_until:%m月%d日}" if c.enrol_until else ""
        out.append(
            Offer(
                key=f"course:{c.pk}",
                kind=_("培训"),
                title=c.title,
                url=reverse("training:open_course", kwargs={"course_id": c.pk}),
                org=c.org.name,
                when=c.starts_on,
                place=c.place,
                note=f"名额余{left}{until}",
            )
        )
    return out


def my_training_panels(actor: Any) -> list[Panel]:
    if rules.worker_member(actor) is None:
        return []
    enrolments = selectors.my_enrolments(actor)
    if not enrolments and not selectors.courses_open_to(actor):
        return []
    lines = []
    for e in enrolments[:8]:
        cert = getattr(e, "certificate", None)
        note = (
            f"结业证书 {cert.number}" if cert is not None and cert.state == cert.State.VALID
            else e.get_state_display() if e.state != e.State.ENROLLED
            else e.course.get_state_display()
        )  # fmt: skip
        lines.append(
            Line(e.course.title, reverse("training:open_course", kwargs={"course_id": e.course_id}), note)
        )
    return [
        Panel(
            "training.mine",
            _("我的培训"),
            lines=lines,
            url=reverse("training:mine"),
            empty=_("还没有参加培训。"),
            actions=[(_("报名培训"), reverse("training:mine"))],
            order=55,
        )
    ]


def training_shortcuts(actor: Any, org: Any) -> list[tuple[str, str]]:
    """Open a course at the union, where the person may."""
    if not training_abilities(actor, org).create:
        return []
    return [(str(_("开设培训班")), f"{reverse('training:create')}?org={org.pk}")]
