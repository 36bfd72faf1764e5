"""Officer pages of legal-aid and rights cases: list, intake, stages, closing, statistics."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import scope
from gonghui.kernel.web import AuthedRequest, apply_errors, int_param
from gonghui.units import selectors as unit_selectors

from .. import actions, selectors
from ..forms import CaseAdvanceForm, CaseCloseForm, CaseForm, StatsForm
from ..models import CaseCategory, CaseStage, RightsCase
from ..stats import case_stats, stats_chart, stats_title, stats_xlsx, year_choices
from ..workflow import CASE
from ._common import INVALID, filename, org_param


def _filters(request: AuthedRequest) -> dict[str, Any]:
    year = int_param(request, "year")
    category = request.GET.get("category", "")
    stage = request.GET.get("stage", "")
    return {
        "within": org_param(request, "within"),
        "category": category if category in CaseCategory.values else "",
        "stage": stage if stage in CaseStage.values else "",
        "year": year if year and 1990 <= year <= 2100 else None,
    }


@login_required
@require_GET
def case_list(request: AuthedRequest) -> HttpResponse:
    f = _filters(request)
    rows, next_id = selectors.case_list_for_actor(
        actor=request.user, before_id=int_param(request, "before"), **f
    )
    params = request.GET.copy()
    if next_id:
        params["before"] = str(next_id)
    default = f["within"] or unit_selectors.default_org_for_actor(actor=request.user, perm="edit")
    return render(
        request,
        "services/cases.html",
        {
            "rows": rows, "f": f, "categories": CaseCategory.choices, "stages": CaseStage.choices,
            "years": year_choices(), "next_query": params.urlencode() if next_id else "",
            "can_create": default is not None,
        },
    )  # fmt: skip


def _lawyer_choices(request: AuthedRequest) -> list[tuple[int, str]]:
    return [
        (p.pk, f"{p.name}（{p.centre.name}）") for p in selectors.lawyers_for_actor(actor=request.user)[:300]
    ]


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request: AuthedRequest) -> HttpResponse:
    org = org_param(request, "org", perm="edit") or unit_selectors.default_org_for_actor(actor=request.user)
    if org is None:
        raise PermissionDenied("您没有可以受理案件的工会。")
    form = CaseForm(request.POST or None, lawyers=_lawyer_choices(request), initial={"org": org.name})
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            d = form.cleaned_data
            try:
                target = unit_selectors.org_resolve_for_actor(actor=request.user, text=d["org"])
                unit = None
                if d["employer_code"].strip():
                    found, problems = unit_selectors.units_by_codes_for_actor(
                        actor=request.user, codes=[d["employer_code"]], perm="view"
                    )
                    if problems:
                        raise ValidationError({"employer_code": problems})
                    unit = found[0]
                lawyer = (
                    selectors.lawyers_for_actor(actor=request.user, org=target).filter(pk=d["lawyer"]).first()
                    if d["lawyer"]
                    else None
                )
                case = actions.case_create(
                    actor=request.user, org=target, category=d["category"], intake_on=d["intake_on"],
                    summary=d["summary"], parties=d["parties"], migrants=d["migrants"] or 0,
                    party_names=d["party_names"], employer_unit=unit, employer_name=d["employer_name"],
                    lawyer=lawyer, amount_claimed=d["amount_claimed"],
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已受理，案件编号 {case.number}。")
                return redirect("services:case", case_id=case.pk)
    return render(
        request,
        "services/form.html",
        {"form": form, "title": "受理维权案件", "back": reverse("services:cases")},
        status=status,
    )


@login_required
@require_GET
def case_detail(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = selectors.case_get_for_actor(actor=request.user, pk=case_id)
    return _case_page(request, case)


def _case_page(
    request: AuthedRequest, case: RightsCase, *, advance: CaseAdvanceForm | None = None, status: int = 200
) -> HttpResponse:
    can_edit = case.is_open and scope.can(request.user, "edit", case.org)
    return render(
        request,
        "services/case.html",
        {
            "case": case, "steps": list(case.steps.select_related("actor")), "can_edit": can_edit,
            "advance_form": advance or CaseAdvanceForm(), "next_steps": [CASE.steps[s].label for s in CASE.allowed(case.stage)],
        },
        status=status,
    )  # fmt: skip


@login_required
@require_POST
def case_advance(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = selectors.case_get_for_actor(actor=request.user, pk=case_id, perm="edit")
    form = CaseAdvanceForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            actions.case_advance(actor=request.user, case=case, step=d["step"], on=d["on"], note=d["note"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已登记办理环节。")
            return redirect("services:case", case_id=case.pk)
    return _case_page(request, case, advance=form, status=INVALID)


@login_required
@require_http_methods(["GET", "POST"])
def case_close(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = selectors.case_get_for_actor(actor=request.user, pk=case_id, perm="edit")
    form = CaseCloseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            d = form.cleaned_data
            try:
                actions.case_close(
                    actor=request.user, case=case, outcome=d["outcome"], amount_recovered=d["amount_recovered"],
                    on=d["on"], note=d["note"],
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已结案。")
                return redirect("services:case", case_id=case.pk)
    back = reverse("services:case", args=[case.pk])
    return render(
        request,
        "services/form.html",
        {"form": form, "title": f"结案 · {case.number}", "back": back},
        status=status,
    )


def _stats_args(request: AuthedRequest) -> tuple[Any, int | None, StatsForm]:
    org = org_param(request, "org") or unit_selectors.default_org_for_actor(actor=request.user, perm="view")
    if org is None:
        raise PermissionDenied("您没有可以查看的工会。")
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
    buf.seek(0)
    return FileResponse(
        buf, as_attachment=True, filename=filename(f"维权案件统计_{org.name}", "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )  # fmt: skip
