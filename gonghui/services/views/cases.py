"""Officer pages of legal-aid and rights cases: list, intake, stages, closing, statistics."""

from __future__ import annotations

import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import web
from gonghui.kernel.errors import Refused
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.models import Org
from gonghui.orgs.selectors import org_resolve_for_actor
from gonghui.units import selectors as unit_selectors

from .. import actions, selectors
from ..abilities import advance_choices, case_abilities, services_abilities
from ..forms import CaseAdvanceForm, CaseCloseForm, CaseForm, StatsForm
from ..models import CaseCategory, CaseStage, RightsCase
from ..stats import case_stats, stats_chart, stats_title, stats_xlsx, year_choices


def _filters(request: AuthedRequest) -> dict[str, Any]:
    year = web.int_param(request, "year")
    return {
        "within": web.org_param(request, "within"),
        "category": web.choice_param(request, "category", CaseCategory.choices),
        "stage": web.choice_param(request, "stage", CaseStage.choices),
        "year": year if year and 1990 <= year <= 2100 else None,
        "open_only": request.GET.get("todo") == "1",
    }


@login_required
@require_GET
def case_list(request: AuthedRequest) -> HttpResponse:
    f = _filters(request)
    rows, next_id = selectors.case_list_for_actor(
        actor=request.user, before_id=web.int_param(request, "before"), **f
    )
    here = f["within"] or web.first_org(request.user, "edit")
    return render(
        request,
        "services/cases.html",
        {
            "rows": rows, "f": f, "categories": CaseCategory.choices, "stages": CaseStage.choices,
            "years": year_choices(), "next_query": web.next_query(request, next_id),
            "ab": services_abilities(request.user, here),
        },
    )  # fmt: skip


def _lawyer_choices(request: AuthedRequest) -> list[tuple[int, str]]:
    return [
        (p.pk, f"{p.name}（{p.centre.name}）") for p in selectors.lawyers_for_actor(actor=request.user)[:300]
    ]


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request: AuthedRequest) -> HttpResponse:
    org = web.org_chosen(request, perm="edit")
    services_abilities(request.user, org).require("create_case", gettext("您没有可以受理案件的工会。"))
    assert org is not None  # `create_case` says so

    def act(d: dict[str, Any]) -> RightsCase:
        target = org_resolve_for_actor(actor=request.user, text=d["org"])
        unit = None
        if d["employer_code"].strip():
            found, problems = unit_selectors.units_by_codes_for_actor(
                actor=request.user, codes=[d["employer_code"]], perm="view"
            )
            if problems:
                raise Refused({"employer_code": problems})
            unit = found[0]
        lawyer = (
            selectors.lawyers_for_actor(actor=request.user, org=target).filter(pk=d["lawyer"]).first()
            if d["lawyer"]
            else None
        )
        return actions.case_create(
            actor=request.user, org=target, category=d["category"], intake_on=d["intake_on"],
            summary=d["summary"], parties=d["parties"], migrants=d["migrants"] or 0,
            party_names=d["party_names"], employer_unit=unit, employer_name=d["employer_name"],
            lawyer=lawyer, amount_claimed=d["amount_claimed"],
        )  # fmt: skip

    return web.submit(
        request,
        CaseForm(web.posted(request), lawyers=_lawyer_choices(request), initial={"org": org.name}),
        act=act,
        done=lambda c: redirect("services:case", case_id=c.pk),
        message=lambda c: gettext("已受理，案件编号 %(number)s。") % {"number": c.number},
        template="services/form.html",
        context={"title": gettext("受理维权案件"), "back": reverse("services:cases")},
    )


def _case_context(request: AuthedRequest, case: RightsCase) -> dict[str, Any]:
    return {
        "case": case,
        "steps": list(case.steps.select_related("actor")),
        "ab": case_abilities(request.user, case),
    }


@login_required
@require_GET
def case_detail(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = selectors.case_get_for_actor(actor=request.user, pk=case_id)
    context = _case_context(request, case)
    form = CaseAdvanceForm(offered=advance_choices(context["ab"]))
    return render(request, "services/case.html", {**context, "form": form})


@login_required
@require_POST
def case_advance(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = selectors.case_get_for_actor(actor=request.user, pk=case_id)
    context = _case_context(request, case)
    context["ab"].require("advance", gettext("该案件已结案，或您无权办理。"))
    return web.submit(
        request,
        CaseAdvanceForm(web.posted(request), offered=advance_choices(context["ab"])),
        act=lambda d: actions.case_advance(
            actor=request.user, case=case, step=d["step"], on=d["on"], note=d["note"]
        ),
        done=lambda c: redirect("services:case", case_id=c.pk),
        message=gettext("已登记办理环节。"),
        template="services/case.html",
        context=context,
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_close(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = selectors.case_get_for_actor(actor=request.user, pk=case_id)
    case_abilities(request.user, case).require("close", gettext("该案件已结案，或您无权办理。"))
    return web.submit(
        request,
        CaseCloseForm(web.posted(request)),
        act=lambda d: actions.case_close(
            actor=request.user, case=case, outcome=d["outcome"], amount_recovered=d["amount_recovered"],
            on=d["on"], note=d["note"],
        ),
        done=lambda c: redirect("services:case", case_id=c.pk),
        message=gettext("已结案。"),
        template="services/form.html",
        context={"title": gettext("结案 · %(number)s") % {"number": case.number}, "back": reverse("services:case", args=[case.pk])},
    )  # fmt: skip


def _stats_args(request: AuthedRequest) -> tuple[Org, int | None, StatsForm]:
    org = web.org_chosen(request, refusal=gettext("您没有可以查看的工会。"))
    form = StatsForm(request.GET or None, years=year_choices())
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else None
    return org, year, form


@login_required
@require_GET
def case_stats_page(request: AuthedRequest) -> HttpResponse:
    org, year, form = _stats_args(request)
    stats = case_stats(actor=request.user, org=org, year=year)
    return render(
        request,
        "services/stats.html",
        {
            "s": stats,
            "form": form,
            "chart": stats_chart(stats),
            "title": stats_title(stats),
            "year_q": year or "",
            "ab": services_abilities(request.user, org),
        },
    )


@login_required
@require_GET
def case_stats_export(request: AuthedRequest) -> HttpResponseBase:
    if request.GET.get("format") != "xlsx":
        # A download needs its format: without one, back to the page it would export.
        params = request.GET.copy()
        params.pop("format", None)
        return redirect(f"{reverse('services:case_stats')}?{params.urlencode()}")
    org, year, _form = _stats_args(request)
    stats = case_stats(actor=request.user, org=org, year=year)
    actions.case_stats_export_record(actor=request.user, org=org, year=year, fmt="xlsx")
    buf = io.BytesIO()
    stats_xlsx(stats, buf, actor=request.user)
    return web.download(buf.getvalue(), web.filename(f"维权案件统计_{org.name}", "xlsx"), web.XLSX)
