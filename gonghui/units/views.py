"""Pages of units, collective contracts, the "两个普遍" report, import and export.

Each view parses, calls selectors or one action, renders. A form that does not pass is shown
again with status 422, so that no refused write ever answers 200.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from gonghui.core.models import Job
from gonghui.core.selectors import job_get_for_actor
from gonghui.kernel import scope
from gonghui.kernel.web import AuthedRequest, apply_errors, int_param
from gonghui.orgs import selectors as org_selectors
from gonghui.orgs.models import Level, Org

from . import actions, exports, importer, selectors
from .forms import CloseForm, ContractEndForm, ContractForm, ImportForm, ReportForm, UnitForm
from .models import INDUSTRY_CHOICES, UNIT_TYPE_CHOICES, ContractKind, Unit, UnitStatus
from .report import report_chart, report_csv, report_xlsx, two_universal_report

INVALID = 422


def _org_param(request: HttpRequest, name: str, perm: str = "view") -> Org | None:
    pk = int_param(request, name)
    return None if pk is None else org_selectors.org_get_for_actor(actor=request.user, pk=pk, perm=perm)


def _unit_filter(request: AuthedRequest) -> selectors.UnitFilter:
    within = _org_param(request, "within")
    has_union = {"yes": True, "no": False}.get(request.GET.get("has_union", ""))
    status = request.GET.get("status", UnitStatus.ACTIVE)
    return selectors.UnitFilter(
        within=within,
        q=request.GET.get("q", "").strip(),
        industry=request.GET.get("industry", "")
        if request.GET.get("industry", "") in dict(INDUSTRY_CHOICES)
        else "",
        unit_type=request.GET.get("unit_type", "")
        if request.GET.get("unit_type", "") in dict(UNIT_TYPE_CHOICES)
        else "",
        has_union=has_union,
        status=status if status in UnitStatus.values else "",
    )


def _filename(stem: str, ext: str) -> str:
    return f"{stem}_{timezone.localtime():%Y%m%d_%H%M}.{ext}"


# ------------------------------------------------------------------------------------ units


@login_required
@require_GET
def unit_list(request: AuthedRequest) -> HttpResponse:
    f = _unit_filter(request)
    rows, next_cursor = selectors.unit_list_for_actor(
        actor=request.user, f=f, after=request.GET.get("after", "")
    )
    params = request.GET.copy()
    params.pop("after", None)
    first_query = params.urlencode()
    if next_cursor:
        params["after"] = next_cursor
    default = f.within or selectors.default_org_for_actor(actor=request.user, perm="view")
    return render(
        request,
        "units/list.html",
        {
            "rows": rows,
            "f": f,
            "next_query": params.urlencode() if next_cursor else "",
            "first_query": first_query,
            "export_query": first_query,
            "industries": INDUSTRY_CHOICES,
            "unit_types": UNIT_TYPE_CHOICES,
            "statuses": UnitStatus.choices,
            "report_org": default,
            "can_edit": default is not None and scope.can(request.user, "edit", default),
        },
    )


@login_required
@require_GET
def unit_export(request: AuthedRequest) -> HttpResponseBase:
    f = _unit_filter(request)
    fmt = request.GET.get("format", "")
    if fmt not in ("xlsx", "csv"):
        # A download needs its format: without one, back to the list it would export.
        params = request.GET.copy()
        params.pop("format", None)
        return redirect(f"{reverse('units:list')}?{params.urlencode()}")
    actions.units_export_record(actor=request.user, f=f, fmt=fmt)
    stem = f"单位名单_{f.within.name}" if f.within else "单位名单"
    if fmt == "csv":
        response = StreamingHttpResponse(
            (line.encode("utf-8") for line in exports.units_csv_stream(actor=request.user, f=f)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = _disposition(_filename(stem, "csv"))
        return response
    return FileResponse(
        exports.units_xlsx_file(actor=request.user, f=f),
        as_attachment=True,
        filename=_filename(stem, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _disposition(name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename=\"export.{name.rsplit('.', 1)[-1]}\"; filename*=UTF-8''{quote(name)}"


@login_required
@require_GET
def unit_detail(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = selectors.unit_get_for_actor(actor=request.user, pk=unit_id)
    return render(
        request,
        "units/detail.html",
        {
            "unit": unit,
            "breadcrumbs": [
                *org_selectors.org_breadcrumbs_for_actor(actor=request.user, org=unit.org),
                unit.org,
            ]
            if scope.can(request.user, "view", unit.org)
            else [],
            "versions": selectors.unit_versions(unit)[:100],
            "contracts": selectors.unit_contracts(unit)[:50],
            "can_edit": unit.is_active and scope.can(request.user, "edit", unit.org),
            "can_audit": scope.can(request.user, "audit", unit.org),
        },
    )


def _resolve_placement(
    request: AuthedRequest, form: UnitForm, unit: Unit | None = None
) -> tuple[Org, Org | None]:
    """The two union fields of the form, as typed, to orgs within the actor's edit scope."""
    text = " ".join(form.cleaned_data["registered_org"].split())
    if unit is not None and text in {unit.registered_org.name, unit.registered_org.credit_code}:
        registered = unit.registered_org
    else:
        registered = selectors.org_resolve_for_actor(actor=request.user, text=text, field="registered_org")
    text = " ".join((form.cleaned_data.get("covering_org") or "").split())
    if not text:
        return registered, None
    if (
        unit is not None
        and unit.covering_org is not None
        and text in {unit.covering_org.name, unit.covering_org.credit_code}
    ):
        return registered, unit.covering_org
    covering = selectors.org_resolve_for_actor(
        actor=request.user, text=text, within=registered, level=Level.GRASSROOTS, field="covering_org"
    )
    return registered, covering


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: AuthedRequest) -> HttpResponse:
    org = _org_param(request, "org", perm="edit") or selectors.default_org_for_actor(actor=request.user)
    if org is None:
        raise PermissionDenied("您没有可以登记单位的工会。")
    initial = {"registered_org": org.name}
    if org.level == Level.GRASSROOTS:
        initial["covering_org"] = org.name
    form = UnitForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                registered, covering = _resolve_placement(request, form)
                unit = actions.unit_create(
                    actor=request.user, registered_org=registered, covering_org=covering,
                    on=form.cleaned_data["on"], **form.values(),
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已登记「{unit.name}」。")
                return redirect("units:detail", unit_id=unit.pk)
    return render(request, "units/form.html", {"form": form, "title": "登记单位", "org": org}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = selectors.unit_get_for_actor(actor=request.user, pk=unit_id, perm="edit")
    form = UnitForm(request.POST if request.method == "POST" else None, initial=UnitForm.initial_for(unit))
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                registered, covering = _resolve_placement(request, form, unit)
                actions.unit_update(
                    actor=request.user, unit=unit, on=form.cleaned_data["on"], registered_org=registered,
                    covering_org=covering, **form.values(),
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已保存。")
                return redirect("units:detail", unit_id=unit.pk)
    return render(
        request,
        "units/form.html",
        {"form": form, "title": f"修改「{unit.name}」", "unit": unit},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_close(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = selectors.unit_get_for_actor(actor=request.user, pk=unit_id, perm="edit")
    form = CloseForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                actions.unit_close(
                    actor=request.user,
                    unit=unit,
                    reason=form.cleaned_data["reason"],
                    on=form.cleaned_data["on"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已注销「{unit.name}」。")
                return redirect("units:detail", unit_id=unit.pk)
    return render(
        request,
        "units/form.html",
        {"form": form, "title": f"注销「{unit.name}」", "unit": unit, "danger": True},
        status=status,
    )


# -------------------------------------------------------------------------------- contracts


@login_required
@require_GET
def contract_list(request: AuthedRequest) -> HttpResponse:
    within = _org_param(request, "within")
    in_force = request.GET.get("in_force") == "1"
    before = int_param(request, "before")
    rows, next_id = selectors.contract_list_for_actor(
        actor=request.user,
        within=within,
        kind=request.GET.get("kind", ""),
        in_force_on=timezone.localdate() if in_force else None,
        before_id=before,
    )
    params = request.GET.copy()
    export_params = params.copy()
    export_params.pop("before", None)
    if next_id:
        params["before"] = str(next_id)
    return render(
        request,
        "units/contract_list.html",
        {
            "rows": rows,
            "within": within,
            "kinds": ContractKind.choices,
            "next_query": params.urlencode() if next_id else "",
            "export_query": export_params.urlencode(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_GET
def contract_export(request: AuthedRequest) -> HttpResponseBase:
    within = _org_param(request, "within")
    filters: dict[str, Any] = {
        "within": within,
        "kind": request.GET.get("kind", ""),
        "in_force_on": timezone.localdate() if request.GET.get("in_force") == "1" else None,
    }
    fmt = request.GET.get("format", "")
    if fmt not in ("xlsx", "csv"):
        params = request.GET.copy()
        params.pop("format", None)
        return redirect(f"{reverse('units:contracts')}?{params.urlencode()}")
    actions.contracts_export_record(actor=request.user, fmt=fmt, **filters)
    stem = f"集体合同_{within.name}" if within else "集体合同"
    if fmt == "csv":
        response = StreamingHttpResponse(
            (line.encode("utf-8") for line in exports.contracts_csv_stream(actor=request.user, **filters)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = _disposition(_filename(stem, "csv"))
        return response
    return FileResponse(
        exports.contracts_xlsx_file(actor=request.user, **filters),
        as_attachment=True,
        filename=_filename(stem, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_create(request: AuthedRequest) -> HttpResponse:
    org = _org_param(request, "org", perm="edit") or selectors.default_org_for_actor(actor=request.user)
    if org is None:
        raise PermissionDenied("您没有可以登记集体合同的工会。")
    form = ContractForm(request.POST if request.method == "POST" else None, initial={"org": org.name})
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                signer = selectors.org_resolve_for_actor(actor=request.user, text=form.cleaned_data["org"])
                units, problems = selectors.units_by_codes_for_actor(
                    actor=request.user, codes=form.unit_codes()
                )
                if problems:
                    raise ValidationError({"units": problems})
                contract = actions.contract_create(
                    actor=request.user, org=signer, kind=form.cleaned_data["kind"],
                    title=form.cleaned_data["title"], signed_on=form.cleaned_data["signed_on"],
                    expires_on=form.cleaned_data["expires_on"], workers_covered=form.cleaned_data["workers_covered"],
                    units=units, industry=form.cleaned_data["industry"], note=form.cleaned_data["note"],
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已登记「{contract.title}」。")
                return redirect("units:contract_detail", contract_id=contract.pk)
    return render(
        request, "units/form.html", {"form": form, "title": "登记集体合同", "org": org}, status=status
    )


@login_required
@require_GET
def contract_detail(request: AuthedRequest, contract_id: int) -> HttpResponse:
    contract = selectors.contract_get_for_actor(actor=request.user, pk=contract_id)
    today = timezone.localdate()
    in_force = contract.signed_on <= today <= contract.expires_on and (
        contract.ended_on is None or contract.ended_on > today
    )
    return render(
        request,
        "units/contract_detail.html",
        {
            "contract": contract,
            "units": contract.units.select_related("covering_org").order_by("credit_code")[:500],
            "in_force": in_force,
            "can_edit": in_force and scope.can(request.user, "edit", contract.org),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_end(request: AuthedRequest, contract_id: int) -> HttpResponse:
    contract = selectors.contract_get_for_actor(actor=request.user, pk=contract_id, perm="edit")
    form = ContractEndForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                actions.contract_end(
                    actor=request.user, contract=contract, reason=form.cleaned_data["reason"],
                    on=form.cleaned_data["on"],
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已登记合同终止。")
                return redirect("units:contract_detail", contract_id=contract.pk)
    return render(
        request,
        "units/form.html",
        {"form": form, "title": f"终止「{contract.title}」", "contract": contract, "danger": True},
        status=status,
    )


# ---------------------------------------------------------------------------------- report


def _report_args(request: AuthedRequest) -> tuple[Org, dt.date, int | None, ReportForm]:
    org = _org_param(request, "org") or selectors.default_org_for_actor(actor=request.user, perm="view")
    if org is None:
        raise PermissionDenied("您没有可以查看的工会。")
    form = ReportForm(request.GET or None)
    on, threshold = timezone.localdate(), None
    if form.is_valid():
        on = form.cleaned_data["on"] or on
        threshold = form.cleaned_data["threshold"]
    return org, on, threshold, form


@login_required
@require_GET
def report_page(request: AuthedRequest) -> HttpResponse:
    org, on, threshold, form = _report_args(request)
    report = two_universal_report(actor=request.user, org=org, on=on, threshold=threshold)
    if not form.is_bound or not form.is_valid():
        form = ReportForm(initial={"on": on, "threshold": report.threshold}) if not form.is_bound else form
    return render(
        request,
        "units/report.html",
        {
            "report": report,
            "form": form,
            "chart": report_chart(report),
            "query": f"on={report.on:%Y-%m-%d}&threshold={report.threshold}",
        },
    )


@login_required
@require_GET
def report_export(request: AuthedRequest) -> HttpResponseBase:
    org, on, threshold, _form = _report_args(request)
    fmt = request.GET.get("format", "")
    if fmt not in ("xlsx", "csv"):
        params = request.GET.copy()
        params.pop("format", None)
        return redirect(f"{reverse('units:report')}?{params.urlencode()}")
    report = two_universal_report(actor=request.user, org=org, on=on, threshold=threshold)
    actions.report_export_record(
        actor=request.user, org=org, fmt=fmt, on=report.on, threshold=report.threshold
    )
    name = _filename(f"两个普遍_{org.name}_{report.on:%Y%m%d}", fmt)
    if fmt == "csv":
        response = HttpResponse(
            report_csv(report, actor=request.user), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = _disposition(name)
        return response
    buf = io.BytesIO()
    report_xlsx(report, buf, actor=request.user)
    buf.seek(0)
    return FileResponse(
        buf,
        as_attachment=True,
        filename=name,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


# ---------------------------------------------------------------------------------- import


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: AuthedRequest) -> HttpResponse:
    org = _org_param(request, "org", perm="edit") or selectors.default_org_for_actor(actor=request.user)
    if org is None:
        raise PermissionDenied("您没有可以导入单位的工会。")
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial={"org": org.name},
    )
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                target = selectors.org_resolve_for_actor(actor=request.user, text=form.cleaned_data["org"])
                upload = form.cleaned_data["file"]
                job = importer.import_enqueue(
                    actor=request.user, org=target, upload=upload, filename=upload.name,
                    good_rows=form.cleaned_data["good_rows"], on=form.cleaned_data["on"],
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                return redirect("units:import_status", job_id=job.pk)
    return render(request, "units/import.html", {"form": form, "org": org}, status=status)


@login_required
@require_GET
def import_status(request: AuthedRequest, job_id: int) -> HttpResponse:
    job = job_get_for_actor(actor=request.user, pk=job_id)
    if job.kind != importer.JOB_KIND:
        raise Http404("任务不存在")
    context: dict[str, Any] = {"job": job, "result": job.result if job.status == Job.Status.DONE else {}}
    if request.headers.get("HX-Request"):
        return render(request, "units/_import_progress.html", context)
    return render(request, "units/import_status.html", context)


@login_required
@require_GET
def import_template(request: AuthedRequest, org_id: int) -> HttpResponseBase:
    """The blank ledger for one union, its grassroots unions in the 所属工会 drop-down."""
    org = org_selectors.org_get_for_actor(actor=request.user, pk=org_id)
    unions = selectors.grassroots_names_for_actor(actor=request.user, org=org)
    buf = io.BytesIO()
    importer.import_template_xlsx(buf, unions=unions)
    buf.seek(0)
    return FileResponse(
        buf,
        as_attachment=True,
        filename="单位台账导入模板.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
