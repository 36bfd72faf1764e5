"""The floor of bench/load.py: the least a page of the member register can cost on this server.

One keyset query of 50 members in registration order and a plain template: no sign-in, no
scope, no navigation. It answers only when GONGHUI_BENCH_FLOOR is on (the setting, or the
environment variable of that name), which no deployment sets; otherwise it is a page that does
not exist (404), like any other unknown address.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gonghui.members.models import Member

PAGE = 50


def enabled() -> bool:
    value = getattr(settings, "GONGHUI_BENCH_FLOOR", None)
    if value is None:
        value = os.environ.get("GONGHUI_BENCH_FLOOR", "").strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


@require_GET
def floor(request: HttpRequest) -> HttpResponse:
    if not enabled():
        raise Http404
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        after = 0
    rows = list(
        Member.objects.filter(pk__gt=after)
        .order_by("pk")
        .values("pk", "name", "org_id", "status", "join_date")[:PAGE]
    )
    return render(request, "core/bench_floor.html", {"rows": rows})
