"""Elections at a meeting: candidates, the count, the result."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods

from gonghui.kernel import web
from gonghui.kernel.web import AuthedRequest, posted, submit

from .. import actions, selectors
from ..abilities import election_abilities
from ..forms import ElectionForm, TallyForm, parse_fraction
from ..models import Election, ElectionKind, Post
from ..rulebook import election_confirmable
from .meetings import _meeting_for


@login_required
@require_http_methods(["GET", "POST"])
def election_create(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_for(request, meeting_id, "add_election")
    initial = {"committee": str(meeting.committee_id or ""), "kind": ElectionKind.REPLACE, "post": Post.MEMBER,
               "seats": 1}  # fmt: skip
    form = ElectionForm(
        posted(request), committees=selectors.committees_for_meeting(meeting), initial=initial
    )
    return submit(
        request, form,
        act=lambda data: actions.election_create(
            actor=request.user, meeting=meeting, committee=form.chosen_committee(), kind=data["kind"],
            post=data["post"], seats=data["seats"], candidates=form.candidate_list(),
            quorum=parse_fraction(data["quorum"], field="quorum"), majority_basis=data["majority_basis"],
        ),
        done=lambda e: redirect("meetings:election", election_id=e.pk), message=gettext("已登记选举，请填写计票结果。"),
        template="meetings/form.html", context={"title": gettext("登记选举 · %(name)s") % {"name": meeting.name}, "meeting": meeting},
    )  # fmt: skip


def _context(request: AuthedRequest, election: Election) -> dict[str, Any]:
    ab = election_abilities(request.user, election)
    return {
        "election": election,
        "meeting": election.meeting,
        "ab": ab,
        # Why the result cannot be confirmed yet, for the one who enters the count.
        "not_yet": election_confirmable(election) if ab.count and not ab.confirm else "",
        "candidates": list(election.candidates.select_related("replaces").order_by("id")),
        "rules": selectors.rules_for_election(election),
    }


def _tally_form(request: AuthedRequest, election: Election, data: Any) -> TallyForm:
    seats = selectors.open_seats_for_actor(
        actor=request.user, committee=election.committee, on=election.meeting.held_on
    )
    initial = {f: getattr(election, f) for f in ("ballots_issued", "ballots_returned", "ballots_valid")}
    candidates = list(election.candidates.select_related("replaces").order_by("id"))
    return TallyForm(data, candidates=candidates, seats=seats, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def election_detail(request: AuthedRequest, election_id: int) -> HttpResponse:
    """The result, or the count as it stands: saved (保存计票) or saved and confirmed at once
    (确认选举结果, refused with every reason when it does not stand, nothing saved)."""
    perm = "edit" if request.method == "POST" else "view"
    election = selectors.election_get_for_actor(actor=request.user, pk=election_id, perm=perm)
    form = _tally_form(request, election, posted(request))
    confirm = "confirm" in request.POST

    def act(data: dict[str, Any]) -> Election:
        tally = actions.Tally(
            ballots_issued=data["ballots_issued"], ballots_returned=data["ballots_returned"],
            ballots_valid=data["ballots_valid"], votes=form.votes(), replaces=form.replaces(),
        )  # fmt: skip
        take = actions.election_confirm if confirm else actions.election_count
        return take(actor=request.user, election=election, tally=tally)

    return submit(
        request, form, act=act, done=lambda e: redirect("meetings:election", election_id=e.pk),
        message="选举结果已确认，委员会名单已更新。" if confirm else "已保存计票。",
        template="meetings/election_detail.html", context=_context(request, election),
    )  # fmt: skip


def _election_page(request: AuthedRequest, election: Election) -> HttpResponse:
    return render(
        request,
        "meetings/election_detail.html",
        {**_context(request, election), "form": _tally_form(request, election, None)},
    )


election_cancel = web.Steps(
    get=selectors.election_get_for_actor, record="election", page=_election_page,
    done=lambda e: redirect("meetings:meeting", meeting_id=e.meeting_id),
)(actions.election_cancel, gettext_lazy("已作废该选举。"))  # fmt: skip
