"""Reads of committees, rosters, meetings, elections and passing-on tasks, always scoped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from gonghui.bulletin.models import FactKind, FactStatus, FactSuggestion
from gonghui.kernel import scope
from gonghui.kernel.filters import narrowed
from gonghui.kernel.paging import keyset_page
from gonghui.orgs.models import SEGMENT, Level, Org, Status

from .models import (
    POST_RANK,
    Attendance,
    Committee,
    Election,
    ElectionStatus,
    MajorityBasis,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    PassOn,
    PassOnStatus,
    Seat,
    VotingRules,
)

DEFAULT_QUORUM = (2, 3)
DEFAULT_MAJORITY = MajorityBasis.EXPECTED
# Passing on is asked of federations and industry unions; grassroots unions study in their own way.
PASS_ON_LEVELS = (Level.CITY, Level.INDUSTRY, Level.COUNTY, Level.TOWN)
PASS_ON_MAX_DEPTH = 3


# ------------------------------------------------------------------------------ committees


def committee_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Committee:
    qs = Committee.objects.select_related("org", "merged_from")
    return scope.get_for(qs, actor, perm, org_field="org", pk=pk)


def committees_for_actor(
    *, actor: Any, within: Org | None = None, current_on: dt.date | None = None
) -> QuerySet[Committee]:
    qs = scope.restrict(
        Committee.objects.select_related("org", "merged_from"), actor, "view", org_field="org"
    )
    if within is not None:
        scope.require(actor, "view", within)
        qs = qs.filter(org=within)
    if current_on is not None:
        qs = qs.filter(Q(starts_on__lte=current_on) & (Q(ends_on__isnull=True) | Q(ends_on__gt=current_on)))
    return qs.order_by("org__path", "-term", "kind")


def committee_current(org: Org, kind: str, on: dt.date) -> Committee | None:
    """The union's own committee of `kind` serving on `on` (the latest term that had begun; a
    merged union's committees that came with it are history, never current)."""
    return (
        Committee.objects.filter(org=org, kind=kind, starts_on__lte=on, merged_from__isnull=True)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on))
        .order_by("-term")
        .first()
    )


def seats_open_q(on: dt.date) -> Q:
    return Q(joined_on__lte=on) & (Q(left_on__isnull=True) | Q(left_on__gt=on))


def roster_on(committee: Committee, on: dt.date) -> list[Seat]:
    """Who sat on the committee on `on`, chair first, then by post, then by date joined."""
    seats = list(committee.seats.filter(seats_open_q(on)).select_related("member"))
    return sorted(seats, key=lambda s: (POST_RANK.get(s.post, 99), s.joined_on, s.pk))


def seat_history(committee: Committee) -> QuerySet[Seat]:
    return committee.seats.select_related("replaces", "election__meeting").order_by("-joined_on", "-id")


def committee_meetings(committee: Committee) -> QuerySet[Meeting]:
    """The meetings the committee held, latest first (not those cancelled)."""
    return committee.meetings.exclude(status=MeetingStatus.CANCELLED).order_by("-held_on", "-id")


def seat_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Seat:
    return scope.get_for(
        Seat.objects.select_related("committee__org", "committee__merged_from"),
        actor,
        perm,
        org_field="committee__org",
        pk=pk,
    )


def open_seats_for_actor(*, actor: Any, committee: Committee, on: dt.date) -> list[Seat]:
    """The seats a 替补 may replace (the form's choices)."""
    scope.require(actor, "view", committee.org)
    return roster_on(committee, on)


# ----------------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class Rules:
    quorum_num: int
    quorum_den: int
    majority_basis: str
    source: str  # where the rules come from, for the page: 本会设定 / 上级工会设定 / 默认

    @property
    def quorum_label(self) -> str:
        return f"出席人数不少于应到会人数的{self.quorum_num}/{self.quorum_den}"

    @property
    def majority_label(self) -> str:
        return f"赞成票超过{MajorityBasis(self.majority_basis).label}的半数"


def rules_for_org(org: Org) -> Rules:
    """The union's own rules, else the nearest ancestor's, else the defaults."""
    prefixes = [org.path[:i] for i in range(SEGMENT, len(org.path) + 1, SEGMENT)]
    found = VotingRules.objects.filter(org__path__in=prefixes).select_related("org")
    nearest = max(found, key=lambda r: len(r.org.path), default=None)
    if nearest is None:
        return Rules(*DEFAULT_QUORUM, DEFAULT_MAJORITY, "默认规则")
    source = "本会设定" if nearest.org_id == org.pk else f"{nearest.org.name}设定"
    return Rules(nearest.quorum_num, nearest.quorum_den, nearest.majority_basis, source)


def rules_for_election(election: Election) -> Rules:
    base = rules_for_org(election.meeting.org)
    if election.quorum_num and election.quorum_den:
        base = Rules(election.quorum_num, election.quorum_den, base.majority_basis, "本次选举设定")
    if election.majority_basis:
        base = Rules(base.quorum_num, base.quorum_den, election.majority_basis, "本次选举设定")
    return base


# -------------------------------------------------------------------------------- meetings


def meeting_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Meeting:
    qs = Meeting.objects.select_related("org", "merged_from", "committee__org", "committee__merged_from")
    return scope.get_for(qs, actor, perm, org_field="org", pk=pk)


def meetings_for_actor(
    *,
    actor: Any,
    within: Org | None = None,
    kind: str = "",
    year: int | None = None,
    elections_to_confirm: bool = False,
) -> QuerySet[Meeting]:
    qs = scope.restrict(Meeting.objects.select_related("org"), actor, "view", org_field="org")
    if within is not None:
        scope.require(actor, "view", within)
        qs = qs.filter(org__path__startswith=within.path)
    qs = narrowed(qs, kind=kind, held_on__year=year)
    if elections_to_confirm:
        qs = scope.restrict(qs, actor, "edit", org_field="org").filter(
            id__in=Election.objects.filter(status=ElectionStatus.DRAFT).values("meeting_id")
        )
    return qs.exclude(status=MeetingStatus.CANCELLED)


def meeting_list_for_actor(
    *,
    actor: Any,
    within: Org | None = None,
    kind: str = "",
    elections_to_confirm: bool = False,
    before_id: int | None = None,
    limit: int = 50,
) -> tuple[list[Meeting], int | None]:
    """A page of meetings, newest record first, keyset on id (`elections_to_confirm`: those
    with election results the actor may still confirm)."""
    qs = meetings_for_actor(actor=actor, within=within, kind=kind, elections_to_confirm=elections_to_confirm)
    return keyset_page(qs, key="-id", after=before_id, limit=limit)


def attendance_counts(meeting: Meeting) -> tuple[int, int]:
    """(expected, present): the committee's members on the day, and how many of them attended."""
    rows = meeting.attendance.filter(role=Attendance.Role.MEMBER)
    return rows.count(), rows.filter(present=True).count()


def passon_progress(meeting: Meeting) -> dict[str, int] | None:
    """How many unions have passed the meeting on, of how many asked (None when none were)."""
    if not meeting.to_pass_on:
        return None
    tasks = meeting.pass_ons
    return {"total": tasks.count(), "done": tasks.filter(status=PassOnStatus.DONE).count()}


def passon_unions_below(org: Org, depth: int) -> QuerySet[Org]:
    """The active unions down to `depth` levels below `org` that are asked to pass a meeting on."""
    return Org.objects.filter(
        path__startswith=org.path, depth__gt=org.depth, depth__lte=org.depth + depth,
        status=Status.ACTIVE, level__in=PASS_ON_LEVELS,
    )  # fmt: skip


def meeting_elections(meeting: Meeting) -> list[Election]:
    return list(
        meeting.elections.select_related("committee__org", "committee__merged_from")
        .prefetch_related("candidates__replaces")
        .order_by("id")
    )


def local_meetings_after(*, org: Org, on: dt.date) -> list[Meeting]:
    """The union's own meetings on or after `on` (what a passing-on may point to)."""
    return list(
        Meeting.objects.filter(org=org, held_on__gte=on)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("held_on", "id")[:50]
    )


def document_get_for_actor(*, actor: Any, pk: int) -> MeetingDocument:
    return scope.get_for(
        MeetingDocument.objects.select_related("meeting__org"), actor, "view", org_field="meeting__org", pk=pk
    )


def election_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Election:
    qs = Election.objects.select_related(
        "meeting__org", "meeting__merged_from", "committee__org", "committee__merged_from"
    )
    return scope.get_for(qs, actor, perm, org_field="meeting__org", pk=pk)


def committees_for_meeting(meeting: Meeting) -> list[Committee]:
    """The committees that may elect at the meeting: those of the union that held it, whose
    term had begun by the meeting's day."""
    qs = Committee.objects.filter(
        org=meeting.org_id, merged_from=meeting.merged_from_id, starts_on__lte=meeting.held_on
    ).select_related("org", "merged_from")
    return list(qs.order_by("-term", "kind"))


# ------------------------------------------------------------------------------ passing on


def passon_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> PassOn:
    qs = PassOn.objects.select_related("org", "meeting__org", "via")
    return scope.get_for(qs, actor, perm, org_field="org", pk=pk)


def passons_for_actor(*, actor: Any, pending_only: bool = False, limit: int = 200) -> list[PassOn]:
    """The passing-on tasks of the unions the actor may edit: what they still have to pass on."""
    qs = scope.restrict(PassOn.objects.select_related("org", "meeting__org"), actor, "edit", org_field="org")
    if pending_only:
        qs = qs.filter(status=PassOnStatus.PENDING)
    return list(qs.order_by("-status", "-meeting__held_on", "org__path")[:limit])  # pending first


# ------------------------------------------------------------------------------ to-dos


def passons_pending_count(actor: Any) -> int:
    """待传达的会议: tasks not yet recorded at the unions the actor may edit."""
    qs = PassOn.objects.filter(status=PassOnStatus.PENDING, org__status=Status.ACTIVE)
    return scope.restrict(qs, actor, "edit", org_field="org").count()


def elections_to_confirm_count(actor: Any) -> int:
    """待确认的选举结果: draft elections at meetings of the unions the actor may edit."""
    qs = Election.objects.filter(status=ElectionStatus.DRAFT)
    return scope.restrict(qs, actor, "edit", org_field="meeting__org").count()


def fact_meeting_drafts(fact_ids: Sequence[int]) -> dict[int, Meeting]:
    """The meetings already drafted from these bulletin facts."""
    rows = Meeting.objects.filter(source_fact_id__in=list(fact_ids)).select_related("org")
    return {m.source_fact_id: m for m in rows if m.source_fact_id is not None}


# ------------------------------------------------------------------------- bulletin facts


def _meeting_facts() -> QuerySet[FactSuggestion]:
    return FactSuggestion.objects.filter(
        status=FactStatus.ACCEPTED, kind__in=[FactKind.MEETING, FactKind.ELECTION]
    ).select_related("article__issue__bulletin", "matched_org")


def meeting_facts_for_actor(*, actor: Any, limit: int = 200) -> list[FactSuggestion]:
    """Accepted meeting facts naming a union the actor may edit, and the election facts of the
    same articles: what the actor may turn into draft meeting records."""
    meetings = scope.restrict(
        _meeting_facts().filter(kind=FactKind.MEETING, matched_org__isnull=False), actor, "edit",
        org_field="matched_org",
    )  # fmt: skip
    article_ids = list(meetings.values_list("article_id", flat=True)[:limit])
    qs = _meeting_facts().filter(article_id__in=article_ids)
    return list(qs.order_by("-article__issue__date", "article_id", "start")[:limit])


def meeting_fact_of_article(article: Any) -> FactSuggestion | None:
    """The first meeting an article names with its union found: the meeting its elections were
    held at."""
    return (
        FactSuggestion.objects.filter(article=article, kind=FactKind.MEETING, matched_org__isnull=False)
        .select_related("matched_org")
        .order_by("start")
        .first()
    )


def meeting_fact_get_for_actor(*, actor: Any, pk: int) -> FactSuggestion:
    """An accepted meeting or election fact whose union the actor may edit (404 otherwise)."""
    fact = _meeting_facts().filter(pk=pk).first()
    if fact is None:
        raise Http404("建议不存在或尚未采纳")
    org = fact.matched_org if fact.kind == FactKind.MEETING else None
    if fact.kind == FactKind.ELECTION:
        named = meeting_fact_of_article(fact.article)
        org = named.matched_org if named is not None else None
    if org is None:
        raise Http404("该建议没有对应到具体工会")
    scope.require(actor, "edit", org)
    return fact
