"""Elections at a meeting: candidates, the count, the result."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from gonghui.kernel import scope
from gonghui.kernel.web import AuthedRequest, apply_errors

from .. import actions, selectors
from ..forms import ElectionForm, TallyForm, parse_fraction
from ..models import ElectionKind, ElectionStatus, Post
from ._common import INVALID


@login_required
@require_http_methods(["GET", "POST"])
def election_create(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id, perm="edit")
    committees = selectors.committees_of_org(meeting.org, on=meeting.held_on)
    initial = {"committee": str(meeting.committee_id or ""), "kind": ElectionKind.REPLACE, "post": Post.MEMBER,
               "seats": 1}  # fmt: skip
    form = ElectionForm(
        request.POST if request.method == "POST" else None, committees=committees, initial=initial
    )
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                election = actions.election_create(
                    actor=request.user, meeting=meeting, committee=form.chosen_committee(),
                    kind=form.cleaned_data["kind"], post=form.cleaned_data["post"], seats=form.cleaned_data["seats"],
                    candidates=form.candidate_list(),
                    quorum=parse_fraction(form.cleaned_data["quorum"], field="quorum"),
                    majority_basis=form.cleaned_data["majority_basis"],
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已登记选举，请填写计票结果。")
                return redirect("meetings:election", election_id=election.pk)
    return render(
        request, "meetings/form.html", {"form": form, "title": f"登记选举 · {meeting.name}", "meeting": meeting},
        status=status,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def election_detail(request: AuthedRequest, election_id: int) -> HttpResponse:
    perm = "edit" if request.method == "POST" else "view"
    election = selectors.election_get_for_actor(actor=request.user, pk=election_id, perm=perm)
    meeting = election.meeting
    candidates = list(election.candidates.select_related("replaces").order_by("id"))
    seats = selectors.open_seats_for_actor(
        actor=request.user, committee=election.committee, on=meeting.held_on
    )
    initial = {f: getattr(election, f) for f in ("ballots_issued", "ballots_returned", "ballots_valid")}
    form = TallyForm(
        request.POST if request.method == "POST" else None,
        candidates=candidates,
        seats=seats,
        initial=initial,
    )
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            tally = actions.Tally(
                ballots_issued=form.cleaned_data["ballots_issued"],
                ballots_returned=form.cleaned_data["ballots_returned"],
                ballots_valid=form.cleaned_data["ballots_valid"],
                votes=form.votes(),
                replaces=form.replaces(),
            )
            confirm = "confirm" in request.POST
            try:
                if confirm:
                    actions.election_confirm(actor=request.user, election=election, tally=tally)
                else:
                    actions.election_count(actor=request.user, election=election, tally=tally)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "选举结果已确认，委员会名单已更新。" if confirm else "已保存计票。")
                return redirect("meetings:election", election_id=election.pk)
    return render(
        request,
        "meetings/election_detail.html",
        {
            "election": election,
            "meeting": meeting,
            "candidates": candidates,
            "form": form,
            "rules": selectors.rules_for_election(election),
            "can_edit": election.status == ElectionStatus.DRAFT
            and scope.can(request.user, "edit", meeting.org),
        },
        status=status,
    )


@login_required
@require_POST
def election_cancel(request: AuthedRequest, election_id: int) -> HttpResponse:
    election = selectors.election_get_for_actor(actor=request.user, pk=election_id, perm="edit")
    try:
        actions.election_cancel(actor=request.user, election=election)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已作废该选举。")
    return redirect("meetings:meeting", meeting_id=election.meeting_id)
