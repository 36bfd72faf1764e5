from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET

from gonghui.kernel.web import AuthedRequest, date_param, int_param, next_query, org_param

from .selectors import audit_search_for_actor, home_for_actor, job_get_for_actor, union_pick_for_actor
from .widgets import SAFE_ID, division_picker_html


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


@login_required
@require_GET
def union_pick(request: AuthedRequest) -> HttpResponse:
    """The union type-ahead's results: links that reopen `go` with `param=<union id>`."""
    go = request.GET.get("go", "/")
    if not url_has_allowed_host_and_scheme(go, allowed_hosts=None) or not go.startswith("/"):
        go = "/"
    param = request.GET.get("param", "org") if request.GET.get("param", "org").isidentifier() else "org"
    perm = "edit" if request.GET.get("perm") == "edit" else "view"
    after_id = int_param(request, "after_id")
    after = (request.GET.get("after_name", ""), after_id) if after_id is not None else None
    unions, cursor = union_pick_for_actor(
        actor=request.user, q=request.GET.get("q", ""), perm=perm, after=after
    )
    sep = "&" if "?" in go else "?"
    rows = [(union, f"{go}{sep}{urlencode({param: union.pk})}") for union in unions]
    more = (
        urlencode({**request.GET.dict(), "after_name": cursor[0], "after_id": str(cursor[1])})
        if cursor
        else ""
    )
    return render(
        request, "core/_union_pick.html", {"rows": rows, "more": more, "q": request.GET.get("q", "")}
    )


@login_required
@require_GET
def division_pick(request: AuthedRequest) -> HttpResponse:
    """The division picker again, its lists following the code now chosen or typed."""
    name = request.GET.get("name", "")
    input_id = request.GET.get("id", "")
    if not (SAFE_ID.match(name) and SAFE_ID.match(input_id)):
        return HttpResponse(status=400)
    attrs = {"id": input_id, "required": request.GET.get("required") == "1"}
    return HttpResponse(division_picker_html(name=name, value=request.GET.get(name, "")[:6], attrs=attrs))
