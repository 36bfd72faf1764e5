"""Accepted bulletin facts about meetings and elections, turned into draft meeting records."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from gonghui.kernel import web
from gonghui.kernel.web import AuthedRequest

from .. import actions, selectors


def _facts(request: AuthedRequest) -> HttpResponse:
    facts = selectors.meeting_facts_for_actor(actor=request.user)
    drafts = selectors.fact_meeting_drafts([f.pk for f in facts])
    by_article = {f.article_id: drafts[f.pk] for f in facts if f.pk in drafts}
    return render(
        request, "meetings/facts.html", {"rows": [(f, by_article.get(f.article_id)) for f in facts]}
    )


@login_required
@require_GET
def fact_list(request: AuthedRequest) -> HttpResponse:
    return _facts(request)


@login_required
@require_POST
def fact_draft(request: AuthedRequest, fact_id: int) -> HttpResponse:
    fact = selectors.meeting_fact_get_for_actor(actor=request.user, pk=fact_id)

    def done(draft: actions.Draft) -> HttpResponse:
        for line in draft.skipped:
            messages.warning(request, gettext("未转入的选举：%(line)s") % {"line": line})
        return redirect("meetings:meeting", meeting_id=draft.meeting.pk)

    def message(draft: actions.Draft) -> str:
        if draft.elections:
            return gettext("已建立会议记录草稿「%(name)s」，含选举%(count)s项，请核对后确认。") % {
                "name": draft.meeting.name, "count": draft.elections,
            }  # fmt: skip
        return gettext("已建立会议记录草稿「%(name)s」，请核对后确认。") % {"name": draft.meeting.name}

    return web.step(
        request,
        act=lambda: actions.meeting_draft_from_fact(actor=request.user, fact=fact),
        done=done, refused=lambda: _facts(request), message=message,
    )  # fmt: skip
