"""The meetings API: the same selectors and actions as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone
from ninja import Field, Router, Schema, Status

from gonghui.kernel.schemas import ABILITIES, abilities_of
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.selectors import org_get_for_actor

from . import actions, selectors
from .abilities import committee_abilities, election_abilities, meeting_abilities, passon_abilities
from .models import Candidate, Committee, Election, Meeting, PassOn, Seat
from .report import passon_report

router = Router(tags=["会议与选举"])


class CommitteeOut(Schema):
    id: int
    org_id: int
    name: str
    kind: str
    term: int
    starts_on: dt.date
    ends_on: dt.date | None
    seats_planned: int | None

    @staticmethod
    def resolve_name(obj: Committee) -> str:
        return str(obj)


class SeatOut(Schema):
    id: int
    name: str
    post: str
    post_label: str = Field(..., alias="get_post_display")
    title: str
    member_id: int | None
    joined_on: dt.date
    joined_how: str
    replaces_id: int | None
    left_on: dt.date | None
    left_why: str


class RosterOut(Schema):
    committee: CommitteeOut
    on: dt.date
    seats: list[SeatOut]
    abilities: list[str] = Field(..., description=ABILITIES)


class CandidateOut(Schema):
    id: int
    name: str
    title: str
    votes: int | None
    replaces_id: int | None
    elected: bool


class ElectionOut(Schema):
    id: int
    committee_id: int
    kind: str
    post: str
    seats: int
    ballots_issued: int | None
    ballots_returned: int | None
    ballots_valid: int | None
    status: str
    result: dict[str, Any]
    candidates: list[CandidateOut]
    abilities: list[str] = Field(..., description=ABILITIES)

    @staticmethod
    def resolve_candidates(obj: Election) -> list[Candidate]:
        return list(obj.candidates.all())

    resolve_abilities = abilities_of(election_abilities)


class AgendaOut(Schema):
    kind: str
    title: str
    speaker: str
    speaker_post: str
    outcome: str


class MeetingOut(Schema):
    id: int
    org_id: int
    name: str
    kind: str
    committee_id: int | None
    term: int | None
    sequence: int | None
    enlarged: bool
    held_on: dt.date
    place: str
    status: str
    to_pass_on: bool


class MeetingDetailOut(MeetingOut):
    presided_by: str
    summary: str
    expected: int
    present: int
    agenda: list[AgendaOut]
    elections: list[ElectionOut]
    abilities: list[str] = Field(..., description=ABILITIES)

    resolve_abilities = abilities_of(meeting_abilities)

    @staticmethod
    def resolve_expected(obj: Meeting) -> int:
        return obj.attendance.filter(role="member").count()

    @staticmethod
    def resolve_present(obj: Meeting) -> int:
        return obj.attendance.filter(role="member", present=True).count()

    @staticmethod
    def resolve_agenda(obj: Meeting) -> list[Any]:
        return list(obj.agenda.all())

    @staticmethod
    def resolve_elections(obj: Meeting) -> list[Election]:
        return selectors.meeting_elections(obj)


class MeetingPage(Schema):
    items: list[MeetingOut]
    next_before: int | None


class MeetingIn(Schema):
    org_id: int
    kind: str
    held_on: dt.date
    committee_id: int | None = None
    term: int | None = None
    sequence: int | None = None
    enlarged: bool = False
    subject: str = ""
    place: str = ""
    presided_by: str = ""
    summary: str = ""


class TallyIn(Schema):
    ballots_issued: int
    ballots_returned: int
    ballots_valid: int
    votes: dict[int, int] = Field(..., description="候选人 id → 赞成票")
    replaces: dict[int, int | None] = Field(default_factory=dict, description="候选人 id → 被替补的任职 id")


class PassOnRowOut(Schema):
    org_id: int
    name: str
    expected: int
    done: int
    rate: Decimal | None
    own_status: str | None


class PassOnReportOut(Schema):
    meeting_id: int
    org_id: int
    expected: int
    done: int
    rate: Decimal | None
    rows: list[PassOnRowOut]


class PassOnIn(Schema):
    on: dt.date
    how: str
    note: str = ""
    via_meeting_id: int | None = None


class PassOnOut(Schema):
    id: int
    meeting_id: int
    org_id: int
    status: str
    on: dt.date | None
    how: str
    note: str
    via_id: int | None
    abilities: list[str] = Field(..., description=ABILITIES)

    resolve_abilities = abilities_of(passon_abilities)


@router.get("/committees", response=list[CommitteeOut], summary="委员会列表（本工会）")
def list_committees(request: AuthedRequest, org_id: int) -> list[Committee]:
    org = org_get_for_actor(actor=request.user, pk=org_id)
    return list(selectors.committees_for_actor(actor=request.user, within=org)[:200])


@router.get("/committees/{int:committee_id}/roster", response=RosterOut, summary="某日的委员会名单")
def get_roster(request: AuthedRequest, committee_id: int, on: dt.date | None = None) -> dict[str, Any]:
    committee = selectors.committee_get_for_actor(actor=request.user, pk=committee_id)
    day = on or timezone.localdate()
    return {
        "committee": committee, "on": day, "seats": selectors.roster_on(committee, day),
        "abilities": committee_abilities(request.user, committee).names(),
    }  # fmt: skip


@router.get("/committees/{int:committee_id}/history", response=list[SeatOut], summary="任职变动（全部）")
def get_history(request: AuthedRequest, committee_id: int) -> list[Seat]:
    committee = selectors.committee_get_for_actor(actor=request.user, pk=committee_id)
    return list(selectors.seat_history(committee)[:2000])


@router.get("/", response=MeetingPage, summary="会议记录（最新在前）")
def list_meetings(
    request: AuthedRequest, within: int | None = None, kind: str = "", before: int | None = None
) -> dict[str, Any]:
    org = org_get_for_actor(actor=request.user, pk=within) if within else None
    rows, nxt = selectors.meeting_list_for_actor(actor=request.user, within=org, kind=kind, before_id=before)
    return {"items": rows, "next_before": nxt}


@router.get("/{int:meeting_id}", response=MeetingDetailOut, summary="会议记录详情")
def get_meeting(request: AuthedRequest, meeting_id: int) -> Meeting:
    return selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id)


@router.post("/", response={201: MeetingDetailOut}, summary="登记会议（名称由届次、次序生成）")
def create_meeting(request: AuthedRequest, payload: MeetingIn) -> Status[Meeting]:
    org = org_get_for_actor(actor=request.user, pk=payload.org_id, perm="edit")
    committee = (
        selectors.committee_get_for_actor(actor=request.user, pk=payload.committee_id, perm="edit")
        if payload.committee_id
        else None
    )
    values = payload.dict(exclude={"org_id", "committee_id"})
    meeting = actions.meeting_create(actor=request.user, org=org, committee=committee, **values)
    return Status(201, meeting)


@router.post("/elections/{int:election_id}/confirm", response=ElectionOut, summary="录入计票并确认选举结果")
def confirm_election(request: AuthedRequest, election_id: int, payload: TallyIn) -> Election:
    election = selectors.election_get_for_actor(actor=request.user, pk=election_id, perm="edit")
    tally = actions.Tally(
        ballots_issued=payload.ballots_issued, ballots_returned=payload.ballots_returned,
        ballots_valid=payload.ballots_valid, votes=payload.votes, replaces=payload.replaces,
    )  # fmt: skip
    return actions.election_confirm(actor=request.user, election=election, tally=tally)


@router.get("/{int:meeting_id}/passon", response=PassOnReportOut, summary="传达贯彻情况（按下级汇总）")
def get_passon_report(request: AuthedRequest, meeting_id: int, org_id: int | None = None) -> dict[str, Any]:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id)
    subject = org_get_for_actor(actor=request.user, pk=org_id) if org_id else meeting.org
    report = passon_report(actor=request.user, meeting=meeting, subject=subject)
    return {
        "meeting_id": meeting.pk, "org_id": subject.pk, "expected": report.expected, "done": report.done,
        "rate": report.rate,
        "rows": [
            {"org_id": r.org.pk, "name": r.org.name, "expected": r.expected, "done": r.done, "rate": r.rate,
             "own_status": r.task.status if r.task else None}
            for r in report.rows
        ],
    }  # fmt: skip


@router.get("/passon", response=list[PassOnOut], summary="本会的传达贯彻任务")
def list_passon(request: AuthedRequest, pending: bool = True) -> list[PassOn]:
    return selectors.passons_for_actor(actor=request.user, pending_only=pending)


@router.post("/passon/{int:passon_id}", response=PassOnOut, summary="登记传达贯彻情况")
def record_passon(request: AuthedRequest, passon_id: int, payload: PassOnIn) -> PassOn:
    task = selectors.passon_get_for_actor(actor=request.user, pk=passon_id, perm="edit")
    via = (
        selectors.meeting_get_for_actor(actor=request.user, pk=payload.via_meeting_id, perm="edit")
        if payload.via_meeting_id
        else None
    )
    return actions.passon_record(actor=request.user, task=task, on=payload.on, how=payload.how, note=payload.note,
                                 via=via)  # fmt: skip
