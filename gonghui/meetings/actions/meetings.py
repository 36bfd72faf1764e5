"""Meetings: created with their formed name and expected attendance, filled in while a draft,
then recorded (or cancelled); agenda, documents, minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext

from gonghui.kernel import cleaning, filetypes, scope
from gonghui.kernel.actions import action, step_action
from gonghui.kernel.audit import audit
from gonghui.kernel.cleaning import iso
from gonghui.orgs.models import Org

from ..models import (
    COMMITTEE_OF_MEETING,
    AgendaItem,
    AgendaKind,
    AgendaOutcome,
    Attendance,
    Committee,
    CommitteeKind,
    ElectionStatus,
    Meeting,
    MeetingDocument,
    MeetingKind,
    MeetingStatus,
)
from ..names import cn_numeral, meeting_name
from ..rulebook import cancelled_refusal, draft_refusal, union_refusal
from ..selectors import committee_current, roster_on
from ..workflow import ELECTION, MEETING, transition

MAX_SEQUENCE = 999


def _lock(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("org", "merged_from", "committee__org", "committee__merged_from")
        .get(pk=meeting.pk)
    )


def _editable(actor: Any, meeting: Meeting, doing: str) -> None:
    """Details, attendance and agenda are filled in by the meeting's union while it is a draft."""
    scope.require(actor, "edit", meeting.org)
    why = draft_refusal(meeting, doing)
    if why:
        raise ValidationError(why)


def _date(value: Any, *, field: str, label: str) -> dt.date:
    return cleaning.date(value, field=field, label=label, not_after_today=True)


def _text(value: Any, *, field: str, label: str, max_length: int) -> str:
    return cleaning.text(value, field=field, label=label, max_length=max_length, required=False)


def _next_sequence(org: Org, kind: str, term: int) -> int:
    top = (
        Meeting.objects.filter(org=org, kind=kind, term=term, merged_from__isnull=True)
        .exclude(status=MeetingStatus.CANCELLED)
        .aggregate(m=Max("sequence"))["m"]
    )
    return (top or 0) + 1


def _committee_for(
    org: Org, kind: str, held_on: dt.date, committee: Committee | None, merged_from_id: int | None = None
) -> Committee:
    """The committee that holds a meeting of `kind` on `held_on`: that of the union holding it
    (a merged union's, for one of its meetings that came with it)."""
    ckind = COMMITTEE_OF_MEETING[kind]
    if committee is None:
        committee = committee_current(org, ckind, held_on)
        if committee is None:
            raise ValidationError(
                {"committee": gettext("「%(name)s」尚未登记%(held_on)s在任的%(label)s，请先登记委员会。") % {"name": org.name, "held_on": format(held_on, '%Y年%-m月%-d日'), "label": CommitteeKind(ckind).label}}
            )  # fmt: skip
    if committee.org_id != org.pk or committee.merged_from_id != merged_from_id or committee.kind != ckind:
        raise ValidationError(
            {
                "committee": gettext("请选择「%(name)s」的%(label)s。")
                % {"name": org.name, "label": CommitteeKind(ckind).label}
            }
        )
    if held_on < committee.starts_on or (committee.ends_on is not None and held_on >= committee.ends_on):
        raise ValidationError(
            {"held_on": gettext("会议日期不在%(committee)s的任期内。") % {"committee": committee}}
        )
    return committee


def _member_rows(meeting: Meeting, keep_absent: Collection[int] = ()) -> None:
    assert meeting.committee is not None
    rows = [
        Attendance(meeting=meeting, seat=s, name=s.name, title=s.get_post_display(),
                   role=Attendance.Role.MEMBER, present=s.pk not in keep_absent)
        for s in roster_on(meeting.committee, meeting.held_on)
    ]  # fmt: skip
    Attendance.objects.bulk_create(rows)


@action
def meeting_create(
    *,
    actor: Any,
    org: Org,
    kind: str,
    held_on: dt.date,
    committee: Committee | None = None,
    term: int | None = None,
    sequence: int | None = None,
    enlarged: bool = False,
    subject: str = "",
    place: str = "",
    presided_by: str = "",
    summary: str = "",
    source_fact: Any = None,
) -> Meeting:
    """A meeting's record, as a draft. Its name is formed from the union, the term and the
    sequence (the next one unless given); a committee meeting lists the committee's members
    on that day as expected to attend, all present until the record says otherwise."""
    scope.require(actor, "edit", org)
    why = union_refusal(org, "登记会议")
    if why:
        raise ValidationError({"org": why})
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": gettext("请选择会议类别。")})
    _date(held_on, field="held_on", label="会议日期")
    place = _text(place, field="place", label="会议地点", max_length=100)
    presided_by = _text(presided_by, field="presided_by", label="主持人", max_length=100)
    subject = _text(subject, field="subject", label="会议名称", max_length=100)
    if sequence is not None and not 1 <= sequence <= MAX_SEQUENCE:
        raise ValidationError(
            {"sequence": gettext("次序应为1至%(MAX_SEQUENCE)s的整数。") % {"MAX_SEQUENCE": MAX_SEQUENCE}}
        )
    if kind in COMMITTEE_OF_MEETING:
        committee = _committee_for(org, kind, held_on, committee)
        term = committee.term
    elif kind == MeetingKind.CONGRESS:
        committee = None
        if not term or not 1 <= term <= MAX_SEQUENCE:
            raise ValidationError({"term": gettext("请填写职工代表大会的届次。")})
    else:
        committee, term, sequence = None, None, None
        if not subject:
            raise ValidationError({"subject": gettext("请填写会议名称（如：全市工会工作会议）。")})
    if term is not None:
        sequence = sequence or _next_sequence(org, kind, term)
        taken = Meeting.objects.filter(
            org=org, kind=kind, term=term, sequence=sequence, merged_from__isnull=True
        ).exclude(status=MeetingStatus.CANCELLED)
        if taken.exists():
            raise ValidationError(
                {
                    "sequence": gettext("已有%(value)s，请核对届次和次序（%(value2)s届%(value3)s次）。")
                    % {"value": taken.first(), "value2": cn_numeral(term), "value3": cn_numeral(sequence)}
                }
            )
    name = meeting_name(
        org_name=org.name, kind=kind, term=term, sequence=sequence, enlarged=enlarged, subject=subject
    )
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                org=org, kind=kind, committee=committee, term=term, sequence=sequence, enlarged=enlarged,
                subject=subject, name=name, held_on=held_on, place=place, presided_by=presided_by,
                summary=summary.strip(), created_by=actor if getattr(actor, "pk", None) else None,
                source_fact=source_fact, source_text=(source_fact.text[:300] if source_fact is not None else ""),
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError({"sequence": gettext("「%(name)s」刚刚已被登记。") % {"name": name}}) from None
    if committee is not None:
        _member_rows(meeting)
    audit(
        actor=actor, action="meetings.meeting.create", obj=meeting, org=org,
        detail={"held_on": iso(held_on), "place": place, "source": meeting.source_text},
    )  # fmt: skip
    return meeting


@action
def meeting_update(
    *,
    actor: Any,
    meeting: Meeting,
    held_on: dt.date,
    enlarged: bool,
    place: str = "",
    presided_by: str = "",
    summary: str = "",
    subject: str = "",
) -> Meeting:
    """Correct a draft. A new date re-reads who was on the committee that day."""
    meeting = _lock(meeting)
    _editable(actor, meeting, "修改")
    _date(held_on, field="held_on", label="会议日期")
    if meeting.elections.exists() and held_on != meeting.held_on:
        raise ValidationError({"held_on": gettext("会议已登记选举，不能再改会议日期。")})
    subject = _text(subject, field="subject", label="会议名称", max_length=100)
    if meeting.term is None and not subject:
        raise ValidationError({"subject": gettext("请填写会议名称。")})
    values = {
        "held_on": held_on,
        "enlarged": bool(enlarged),
        "place": _text(place, field="place", label="会议地点", max_length=100),
        "presided_by": _text(presided_by, field="presided_by", label="主持人", max_length=100),
        "summary": (summary or "").strip(),
        "subject": subject if meeting.term is None else meeting.subject,
    }
    if meeting.committee is not None and held_on != meeting.held_on:
        _committee_for(meeting.org, meeting.kind, held_on, meeting.committee, meeting.merged_from_id)
    changed = {k: v for k, v in values.items() if getattr(meeting, k) != v}
    if not changed:
        return meeting
    before = {k: getattr(meeting, k) for k in changed}
    for k, v in changed.items():
        setattr(meeting, k, v)
    meeting.name = meeting_name(
        org_name=meeting.union.name, kind=meeting.kind, term=meeting.term, sequence=meeting.sequence,
        enlarged=meeting.enlarged, subject=meeting.subject,
    )  # fmt: skip
    meeting.save()
    if "held_on" in changed and meeting.committee is not None:
        absent = set(
            meeting.attendance.filter(role="member", present=False).values_list("seat_id", flat=True)
        )
        meeting.attendance.filter(role=Attendance.Role.MEMBER).delete()
        _member_rows(meeting, keep_absent={a for a in absent if a is not None})

    def shown(d: dict[str, Any]) -> dict[str, Any]:
        return {k: (iso(v) if isinstance(v, dt.date) else v) for k, v in d.items() if k != "summary"}

    audit(
        actor=actor, action="meetings.meeting.update", obj=meeting, org=meeting.org,
        detail={"before": shown(before), "after": shown(changed)},
    )  # fmt: skip
    return meeting


@action
def attendance_set(
    *,
    actor: Any,
    meeting: Meeting,
    absent: Collection[int],
    notes: dict[int, str] | None = None,
    guests: Sequence[tuple[str, str]] = (),
) -> Meeting:
    """Who of the expected did not attend (by attendance row), and who attended as guests."""
    meeting = _lock(meeting)
    _editable(actor, meeting, "修改出席情况")
    members = {a.pk: a for a in meeting.attendance.filter(role=Attendance.Role.MEMBER)}
    unknown = set(absent) - set(members)
    if unknown:
        raise ValidationError({"absent": gettext("缺席名单中有不属于本次会议的人员。")})
    clean_guests: list[tuple[str, str]] = []
    for name, title in guests:
        name = _text(name, field="guests", label="列席人员姓名", max_length=50)
        if name:
            clean_guests.append((name, _text(title, field="guests", label="列席人员职务", max_length=100)))
    notes = notes or {}
    for pk, row in members.items():
        present = pk not in absent
        note = "" if present else _text(notes.get(pk, ""), field="absent", label="缺席原因", max_length=100)
        if row.present != present or row.absence_note != note:
            row.present, row.absence_note = present, note
            row.save(update_fields=["present", "absence_note"])
    meeting.attendance.filter(role=Attendance.Role.GUEST).delete()
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, name=n, title=t, role=Attendance.Role.GUEST) for n, t in clean_guests
    )
    attending = sum(1 for pk in members if pk not in absent)
    audit(
        actor=actor, action="meetings.attendance.set", obj=meeting, org=meeting.org,
        detail={"expected": len(members), "present": attending, "absent": [members[pk].name for pk in absent],
                "guests": len(clean_guests)},
    )  # fmt: skip
    return meeting


@action
def agenda_add(
    *, actor: Any, meeting: Meeting, kind: str, title: str, speaker: str = "", speaker_post: str = "",
    outcome: str = "",
) -> AgendaItem:  # fmt: skip
    meeting = _lock(meeting)
    _editable(actor, meeting, "修改议程")
    if kind not in AgendaKind.values:
        raise ValidationError({"kind": gettext("请选择议程类别。")})
    if outcome not in AgendaOutcome.values:
        raise ValidationError({"outcome": gettext("请选择结果。")})
    title = _text(title, field="title", label="议题", max_length=200) or str(AgendaKind(kind).label)
    speaker = _text(speaker, field="speaker", label="报告人/讲话人", max_length=50)
    speaker_post = _text(speaker_post, field="speaker_post", label="职务", max_length=100)
    if kind in (AgendaKind.WORK_REPORT, AgendaKind.AUDIT_REPORT, AgendaKind.SPEECH) and not (
        speaker or speaker_post
    ):
        raise ValidationError(
            {
                "speaker": gettext("请填写%(label)s的报告人或讲话人（或报告机构）。")
                % {"label": AgendaKind(kind).label}
            }
        )
    order = (meeting.agenda.aggregate(m=Max("order"))["m"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting, order=order, kind=kind, title=title, speaker=speaker, speaker_post=speaker_post,
        outcome=outcome,
    )  # fmt: skip
    audit(
        actor=actor, action="meetings.agenda.add", obj=meeting, org=meeting.org,
        detail={"title": title, "speaker": f"{speaker_post}{speaker}", "outcome": AgendaOutcome(outcome).label},
    )  # fmt: skip
    return item


@action
def agenda_remove(*, actor: Any, meeting: Meeting, item_id: int) -> Meeting:
    meeting = _lock(meeting)
    _editable(actor, meeting, "修改议程")
    item = meeting.agenda.filter(pk=item_id).first()
    if item is None:
        raise ValidationError(gettext("该议程不存在。"))
    item.delete()
    audit(
        actor=actor,
        action="meetings.agenda.remove",
        obj=meeting,
        org=meeting.org,
        detail={"title": item.title},
    )
    return meeting


@action
def document_add(*, actor: Any, meeting: Meeting, title: str, upload: UploadedFile) -> MeetingDocument:
    """A document distributed at the meeting (报告、讲话稿、预算表 …)."""
    meeting = _lock(meeting)
    scope.require(actor, "edit", meeting.org)
    why = cancelled_refusal(meeting)
    if why:
        raise ValidationError(why)
    kind, filename, size = filetypes.document_upload(upload)
    title = _text(title, field="title", label="文件名称", max_length=200) or PurePath(filename).stem
    doc = MeetingDocument(
        meeting=meeting, title=title, filename=filename, size=size, content_type=kind.content_type,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    doc.file.save(filename, upload, save=False)
    doc.save()
    audit(
        actor=actor, action="meetings.document.add", obj=meeting, org=meeting.org,
        detail={"title": title, "file": filename, "size": upload.size},
    )  # fmt: skip
    return doc


# The record is complete: attendance and agenda are fixed, elections may be confirmed.
meeting_record = step_action(MEETING, "record", record="meeting", lock=_lock)
meeting_reopen = step_action(MEETING, "reopen", record="meeting", lock=_lock)


@action
def meeting_cancel(*, actor: Any, meeting: Meeting, reason: str) -> Meeting:
    meeting = _lock(meeting)
    MEETING.check(actor, meeting, "cancel")  # who may, before what they typed is read
    reason = cleaning.text(reason, field="reason", label="作废原因", max_length=200)
    # Its draft elections go with it, each through its own workflow step and audit row.
    for election in meeting.elections.select_for_update().filter(status=ElectionStatus.DRAFT).order_by("pk"):
        election.meeting = meeting
        transition(ELECTION, election, "cancel", actor=actor, detail={"reason": reason})
    transition(MEETING, meeting, "cancel", actor=actor, detail={"reason": reason})
    return meeting


@action
def minutes_export_record(*, actor: Any, meeting: Meeting) -> None:
    """The audit row of a minutes download, written before the first byte leaves."""
    scope.require(actor, "view", meeting.org)
    audit(
        actor=actor, action="meetings.minutes.export", obj=meeting, org=meeting.org, detail={"format": "docx"}
    )
