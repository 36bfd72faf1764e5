from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gonghui.kernel.web import AuthedRequest, date_param, int_param, next_query, org_param

from .selectors import audit_search_for_actor, home_for_actor, job_get_for_actor


@login_required
@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    return render(request, "home.html", {"home": home_for_actor(actor=request.user)})


@login_required
@require_GET
def audit_log(request: AuthedRequest) -> HttpResponse:
    org = org_param(request, "org", perm="audit")
    rows, next_id = audit_search_for_actor(
        actor=request.user,
        org=org,
        action=request.GET.get("action", "").strip(),
        actor_name=request.GET.get("who", "").strip(),
        since=date_param(request, "since"),
        until=date_param(request, "until"),
        before_id=int_param(request, "before"),
    )
    return render(
        request, "core/audit.html", {"rows": rows, "org": org, "next_query": next_query(request, next_id)}
    )


@login_required
@require_GET
def job_detail(request: AuthedRequest, job_id: int) -> HttpResponse:
    job = job_get_for_actor(actor=request.user, pk=job_id)
    template = "core/_job_progress.html" if request.headers.get("HX-Request") else "core/job.html"
    return render(request, template, {"job": job})
