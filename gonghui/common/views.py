from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gonghui.orgs import selectors as org_selectors

from . import scope
from .http import AuthedRequest, int_param
from .selectors import audit_search_for_actor, job_get_for_actor


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    s = scope.scope_of(request.user)
    roots = []
    for org in scope.root_orgs(request.user):
        labels = [r.get_kind_display() for r in request.user.roles.filter(org=org)]
        roots.append(
            {
                "org": org,
                "roles": labels or (["系统管理员"] if s.superuser else []),
                "levels": org_selectors.org_level_counts(org),
            }
        )
    recent, _ = audit_search_for_actor(actor=request.user, limit=8) if s.paths("audit") else ([], None)
    return render(request, "home.html", {"roots": roots, "recent": recent})


@login_required
@require_GET
def audit_log(request: AuthedRequest) -> HttpResponse:
    org_id = int_param(request, "org")
    org = org_selectors.org_get_for_actor(actor=request.user, pk=org_id, perm="audit") if org_id else None
    before = request.GET.get("before", "")
    rows, next_id = audit_search_for_actor(
        actor=request.user,
        org=org,
        action=request.GET.get("action", "").strip(),
        actor_name=request.GET.get("who", "").strip(),
        since=_date(request.GET.get("since", "")),
        until=_date(request.GET.get("until", "")),
        before_id=int(before) if before.isdigit() else None,
    )
    params = request.GET.copy()
    if next_id:
        params["before"] = str(next_id)
    return render(
        request,
        "common/audit.html",
        {"rows": rows, "org": org, "next_query": params.urlencode() if next_id else ""},
    )


@login_required
@require_GET
def job_detail(request: AuthedRequest, job_id: int) -> HttpResponse:
    job = job_get_for_actor(actor=request.user, pk=job_id)
    template = "common/_job_progress.html" if request.headers.get("HX-Request") else "common/job.html"
    return render(request, template, {"job": job})
