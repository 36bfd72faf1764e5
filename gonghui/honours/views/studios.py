"""Innovation studios."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from gonghui.kernel import cleaning, web
from gonghui.kernel.web import AuthedRequest, posted, submit

from .. import actions, selectors
from ..abilities import (
    honours_abilities,
    studio_abilities,
)
from ..forms import (
    StudioForm,
    StudioYearForm,
)
from ..models import StudioLevel

# ---- studios --------------------------------------------------------------------------------------------


@login_required
@require_GET
def studios(request: AuthedRequest) -> HttpResponse:
    within = web.org_param(request, "within")
    level = web.choice_param(request, "level", StudioLevel.choices)
    org = within or web.first_org(request.user)
    rows = selectors.studios_for_actor(actor=request.user, within=within, level=level)
    return render(request, "honours/studios.html", {
        "rows": rows[:300], "total": rows.count(), "within": within, "level": level, "levels": StudioLevel.choices,
        "by_level": selectors.studio_level_counts(actor=request.user, within=within),
        "by_county": selectors.studios_by_county(actor=request.user, within=org) if org else [],
        "org": org, "org_ab": honours_abilities(request.user, org) if org else None,
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def studio_create(request: AuthedRequest) -> HttpResponse:
    org = web.org_for(request, honours_abilities, "record_studio", "您无权登记创新工作室。")
    return submit(
        request, StudioForm(posted(request)),
        act=lambda data: actions.studio_create(actor=request.user, org=org, **data),
        done=lambda s: redirect("honours:studio", studio_id=s.pk), message=gettext("创新工作室已登记。"),
        template="honours/form.html", context={"title": gettext("登记创新工作室 · %(name)s") % {"name": org.name}},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def studio_detail(request: AuthedRequest, studio_id: int) -> HttpResponse:
    studio = selectors.studio_get_for_actor(actor=request.user, pk=studio_id)
    ab = studio_abilities(request.user, studio)
    form = (
        StudioYearForm(posted(request), initial={"year": cleaning.today().year}) if ab.record_year else None
    )
    if request.method == "POST":
        ab.require("record_year")
        assert form is not None
        return submit(
            request, form, act=lambda data: actions.studio_year_set(actor=request.user, studio=studio, **data),
            done=lambda _: redirect("honours:studio", studio_id=studio.pk), message=gettext("年度成果已登记。"),
            template="honours/studio_detail.html", context={"s": studio, "ab": ab, "years": studio.years.all()},
        )  # fmt: skip
    return render(
        request,
        "honours/studio_detail.html",
        {"s": studio, "ab": ab, "years": studio.years.all(), "form": form},
    )
