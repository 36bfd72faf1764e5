"""Passing a higher union's meeting on (传达贯彻): tasks sent down, each union records its own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.cleaning import iso
from gonghui.orgs.models import Org

from ..models import Meeting, MeetingStatus, PassOn, PassOnHow
from ..rulebook import passon_refusal
from ..selectors import PASS_ON_MAX_DEPTH, passon_unions_below
from ..workflow import PASS_ON, transition

MAX_DEPTH = PASS_ON_MAX_DEPTH


@action
def passon_require(*, actor: Any, meeting: Meeting, depth: int, due: dt.date | None = None) -> int:
    """Mark the meeting "to be passed on" to the unions down to `depth` levels below: each gets
    a task. Returns the number of tasks."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("org").get(pk=meeting.pk)
    scope.require(actor, "edit", meeting.org)
    why = passon_refusal(meeting)
    if why:
        raise ValidationError(why)
    if isinstance(depth, bool) or not isinstance(depth, int) or not 1 <= depth <= MAX_DEPTH:
        raise ValidationError(
            {"depth": gettext("传达范围应为下1至%(MAX_DEPTH)s级工会。") % {"MAX_DEPTH": MAX_DEPTH}}
        )
    if due is not None and due < meeting.held_on:
        raise ValidationError({"due": gettext("传达期限不能早于会议日期。")})
    org = meeting.org
    ids = list(passon_unions_below(org, depth).values_list("id", flat=True))
    if not ids:
        raise ValidationError(
            {
                "depth": gettext("「%(name)s」下%(depth)s级内没有需要传达的下级工会。")
                % {"name": org.name, "depth": depth}
            }
        )
    PassOn.objects.bulk_create((PassOn(meeting=meeting, org_id=pk) for pk in ids), batch_size=1000)
    meeting.to_pass_on, meeting.pass_on_depth, meeting.pass_on_due = True, depth, due
    meeting.save(update_fields=["to_pass_on", "pass_on_depth", "pass_on_due", "updated_at"])
    audit(
        actor=actor, action="meetings.passon.require", obj=meeting, org=org,
        detail={"depth": depth, "due": iso(due), "unions": len(ids)},
    )  # fmt: skip
    return len(ids)


@action
def passon_record(
    *, actor: Any, task: PassOn, on: dt.date | None, how: str, note: str = "", via: Meeting | None = None
) -> PassOn:
    """The union passed the meeting on, on `on`, by `how` (a meeting of its own, a study …)."""
    task = PassOn.objects.select_for_update(of=("self",)).select_related("org", "meeting").get(pk=task.pk)
    PASS_ON.check(actor, task, "record")  # who may, before what they typed is read
    if via is not None:
        if via.org_id != task.org_id:
            raise ValidationError({"via": gettext("传达会议应是本工会召开的会议。")})
        if via.status == MeetingStatus.CANCELLED:
            raise ValidationError({"via": gettext("所选会议已作废。")})
        on = on or via.held_on
    on = cleaning.date(on, field="on", label="传达日期", not_after_today=True)
    if on < task.meeting.held_on:
        raise ValidationError(
            {
                "on": gettext("传达日期不能早于会议日期（%(held_on)s）。")
                % {"held_on": format(task.meeting.held_on, "%Y-%m-%d")}
            }
        )
    if via is not None and via.held_on != on:
        raise ValidationError(
            {
                "on": gettext("所选会议于%(held_on)s召开，与传达日期不一致。")
                % {"held_on": format(via.held_on, "%Y-%m-%d")}
            }
        )
    if how not in PassOnHow.values:
        raise ValidationError({"how": gettext("请选择传达方式。")})
    if how == PassOnHow.MEETING and via is None and not note.strip():
        raise ValidationError({"note": gettext("以会议方式传达的，请选择本会的会议记录或说明会议名称。")})
    note = cleaning.text(note, field="note", label="情况说明", max_length=300, required=False)
    task.on, task.how, task.note, task.via = on, how, note, via
    task.recorded_by = actor if getattr(actor, "pk", None) else None
    task.recorded_at = timezone.now()
    transition(
        PASS_ON, task, "record", actor=actor,
        detail={"meeting": task.meeting.name, "on": iso(on), "how": PassOnHow(how).label, "note": note},
        extra_fields=("on", "how", "note", "via", "recorded_by", "recorded_at"),
    )  # fmt: skip
    return task


@action
def passon_undo(*, actor: Any, task: PassOn) -> PassOn:
    task = PassOn.objects.select_for_update(of=("self",)).select_related("org", "meeting").get(pk=task.pk)
    task.on, task.how, task.note, task.via, task.recorded_at = None, "", "", None, None
    transition(
        PASS_ON, task, "undo", actor=actor,
        detail={"meeting": task.meeting.name}, extra_fields=("on", "how", "note", "via", "recorded_at"),
    )  # fmt: skip
    return task


@action
def passon_export_record(*, actor: Any, meeting: Meeting, subject: Org, fmt: str) -> None:
    scope.require(actor, "view", subject)
    audit(
        actor=actor, action="meetings.passon.export", obj=meeting, org=subject,
        detail={"format": fmt, "within": subject.name},
    )  # fmt: skip


@action
def roster_export_record(*, actor: Any, committee: Any, on: dt.date) -> None:
    scope.require(actor, "view", committee.org)
    audit(
        actor=actor, action="meetings.roster.export", obj=committee, org=committee.org,
        detail={"on": iso(on), "format": "xlsx"},
    )  # fmt: skip


__all__ = ["passon_export_record", "passon_record", "passon_require", "passon_undo", "roster_export_record"]
