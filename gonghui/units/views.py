"""Pages of units, collective contracts, the "两个普遍" report, import and export.

Each view parses, calls selectors or one action, renders; the buttons come from the abilities
(`units.abilities`). A refused form answers 422 with the message next to its field, nothing
saved (`web.submit`).
"""

from __future__ import annotations

import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from gonghui.core.selectors import job_get_for_actor
from gonghui.kernel import cleaning, web
from gonghui.kernel.errors import Refused
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs import selectors as org_selectors
from gonghui.orgs.models import Level, Org

from . import actions, exports, importer, selectors
from .abilities import contract_abilities, unit_abilities, units_abilities
from .forms import CloseForm, ContractEndForm, ContractForm, ImportForm, ReportForm, UnitForm
from .models import INDUSTRY_CHOICES, UNIT_TYPE_CHOICES, CollectiveContract, ContractKind, Unit, UnitStatus
from .report import default_threshold, report_chart, report_csv, report_xlsx, two_universal_report

HAS_UNION = {"yes": True, "no": False}
TO_ORGANISE = "should"  # 应建未建: the has_union filter's third choice


def _unit_filter(request: AuthedRequest) -> selectors.UnitFilter:
    has_union = request.GET.get("has_union", "")
    status = request.GET.get("status", UnitStatus.ACTIVE)
    return selectors.UnitFilter(
        within=web.org_param(request, "within"),
        q=request.GET.get("q", "").strip(),
        industry=web.choice_param(request, "industry", INDUSTRY_CHOICES),
        unit_type=web.choice_param(request, "unit_type", UNIT_TYPE_CHOICES),
        has_union=HAS_UNION.get(has_union),
        status=status if status in UnitStatus.values else "",
        to_organise=default_threshold() if has_union == TO_ORGANISE else 0,
    )


def _list_org(request: AuthedRequest, within: Org | None) -> Org | None:
    """The union a list page's buttons act at: the one it is within, else the first one seen."""
    return within or web.first_org(request.user)


def _start_org(request: AuthedRequest, doing: str) -> Org:
    """The union a form page starts at (`?org=`, else the first one the person keeps a ledger
    of), when the person may `doing` there: 403 before the form is shown otherwise."""
    org = web.org_param(request, "org") or web.first_org(request.user, "edit")
    units_abilities(request.user, org).require(doing)
    assert org is not None
    return org


def _back_to(name: str, request: AuthedRequest) -> HttpResponse:
    """A download without its format: back to the page it would export."""
    params = request.GET.copy()
    params.pop("format", None)
    return redirect(f"{reverse(name)}?{params.urlencode()}")


def _format(request: AuthedRequest) -> str:
    return web.choice_param(request, "format", ("xlsx", "csv"))


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
    org = _list_org(request, f.within)
    return render(
        request,
        "units/list.html",
        {
            "rows": rows,
            "f": f,
            "has_union": request.GET.get("has_union", ""),
            "status": f.status or "all",
            "next_query": _after(request, next_cursor) if next_cursor else "",
            "first_query": params.urlencode(),
            "export_query": params.urlencode(),
            "industries": INDUSTRY_CHOICES,
            "unit_types": UNIT_TYPE_CHOICES,
            "statuses": UnitStatus.choices,
            "org": org,
            "ab": units_abilities(request.user, org),
        },
    )


def _after(request: AuthedRequest, cursor: str) -> str:
    params = request.GET.copy()
    params["after"] = cursor
    return params.urlencode()


@login_required
@require_GET
def unit_export(request: AuthedRequest) -> HttpResponseBase:
    f = _unit_filter(request)
    fmt = _format(request)
    if not fmt:
        return _back_to("units:list", request)
    actions.units_export_record(actor=request.user, f=f, fmt=fmt)
    name = web.filename(f"单位名单_{f.within.name}" if f.within else "单位名单", fmt)
    if fmt == "csv":
        lines = exports.units_csv_stream(actor=request.user, f=f)
        return web.download((line.encode("utf-8") for line in lines), name, web.CSV)
    return web.download(exports.units_xlsx_file(actor=request.user, f=f), name, web.XLSX)


@login_required
@require_GET
def unit_detail(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = selectors.unit_get_for_actor(actor=request.user, pk=unit_id)
    return render(
        request,
        "units/detail.html",
        {
            "unit": unit,
            "ab": unit_abilities(request.user, unit),
            "breadcrumbs": [
                *org_selectors.org_breadcrumbs_for_actor(actor=request.user, org=unit.org),
                unit.org,
            ],
            "versions": selectors.unit_versions(unit)[:100],
            "contracts": selectors.unit_contracts(unit)[:50],
        },
    )


_unit_for = web.guarded(selectors.unit_get_for_actor, unit_abilities)
_contract_for = web.guarded(selectors.contract_get_for_actor, contract_abilities)


def _resolve_placement(
    request: AuthedRequest, data: dict[str, Any], unit: Unit | None = None
) -> tuple[Org, Org | None]:
    """The two union fields of the form, as typed, to unions within the actor's edit scope."""
    text = " ".join(data["registered_org"].split())
    if unit is not None and text in {unit.registered_org.name, unit.registered_org.credit_code}:
        registered = unit.registered_org
    else:
        registered = org_selectors.org_resolve_for_actor(
            actor=request.user, text=text, field="registered_org"
        )
    text = " ".join((data.get("covering_org") or "").split())
    if not text:
        return registered, None
    if (
        unit is not None
        and unit.covering_org is not None
        and text in {unit.covering_org.name, unit.covering_org.credit_code}
    ):
        return registered, unit.covering_org
    covering = org_selectors.org_resolve_for_actor(
        actor=request.user, text=text, within=registered, level=Level.GRASSROOTS, field="covering_org"
    )
    return registered, covering


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: AuthedRequest) -> HttpResponse:
    org = _start_org(request, "create")
    initial = {"registered_org": org.name}
    if org.level == Level.GRASSROOTS:
        initial["covering_org"] = org.name
    form = UnitForm(web.posted(request), initial=initial)

    def act(data: dict[str, Any]) -> Unit:
        registered, covering = _resolve_placement(request, data)
        return actions.unit_create(
            actor=request.user, registered_org=registered, covering_org=covering, on=data["on"],
            **form.values(),
        )  # fmt: skip

    return web.submit(
        request, form, act=act,
        done=lambda unit: redirect("units:detail", unit_id=unit.pk),
        message=lambda unit: gettext("已登记「%(name)s」。") % {"name": unit.name},
        template="units/form.html", context={"title": gettext("登记单位"), "org": org},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = _unit_for(request, unit_id, "edit")
    form = UnitForm(web.posted(request), initial=UnitForm.initial_for(unit))

    def act(data: dict[str, Any]) -> Unit:
        registered, covering = _resolve_placement(request, data, unit)
        return actions.unit_update(
            actor=request.user, unit=unit, on=data["on"], registered_org=registered, covering_org=covering,
            **form.values(),
        )  # fmt: skip

    return web.submit(
        request, form, act=act,
        done=lambda saved: redirect("units:detail", unit_id=saved.pk), message=gettext("已保存。"),
        template="units/form.html", context={"title": gettext("修改「%(name)s」") % {"name": unit.name}, "unit": unit},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def unit_close(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = _unit_for(request, unit_id, "close")
    form = CloseForm(web.posted(request))
    return web.submit(
        request, form,
        act=lambda data: actions.unit_close(actor=request.user, unit=unit, reason=data["reason"], on=data["on"]),
        done=lambda closed: redirect("units:detail", unit_id=closed.pk),
        message=gettext("已注销「%(name)s」。") % {"name": unit.name},
        template="units/form.html",
        context={"title": gettext("注销「%(name)s」") % {"name": unit.name}, "unit": unit, "danger": True},
    )  # fmt: skip


# -------------------------------------------------------------------------------- contracts


def _contract_filters(request: AuthedRequest) -> dict[str, Any]:
    """What a contract list and its export filter by: within a union, a kind, in force today,
    expiring within 90 days (the workbench's to-do)."""
    today, by = selectors.expiring_window()
    expiring = request.GET.get("expiring") == "1"
    return {
        "within": web.org_param(request, "within"),
        "kind": web.choice_param(request, "kind", ContractKind.choices),
        "in_force_on": today if expiring or request.GET.get("in_force") == "1" else None,
        "expires_by": by if expiring else None,
    }


@login_required
@require_GET
def contract_list(request: AuthedRequest) -> HttpResponse:
    filters = _contract_filters(request)
    rows, next_id = selectors.contract_list_for_actor(
        actor=request.user, before_id=web.int_param(request, "before"), **filters
    )
    export_params = request.GET.copy()
    export_params.pop("before", None)
    org = _list_org(request, filters["within"])
    return render(
        request,
        "units/contract_list.html",
        {
            "rows": rows,
            "within": filters["within"],
            "kind": filters["kind"],
            "in_force": request.GET.get("in_force", ""),
            "expiring": request.GET.get("expiring", ""),
            "kinds": ContractKind.choices,
            "next_query": web.next_query(request, next_id),
            "export_query": export_params.urlencode(),
            "org": org,
            "ab": units_abilities(request.user, org),
        },
    )


@login_required
@require_GET
def contract_export(request: AuthedRequest) -> HttpResponseBase:
    filters = _contract_filters(request)
    fmt = _format(request)
    if not fmt:
        return _back_to("units:contracts", request)
    actions.contracts_export_record(actor=request.user, fmt=fmt, **filters)
    within = filters["within"]
    name = web.filename(f"集体合同_{within.name}" if within else "集体合同", fmt)
    if fmt == "csv":
        lines = exports.contracts_csv_stream(actor=request.user, **filters)
        return web.download((line.encode("utf-8") for line in lines), name, web.CSV)
    return web.download(exports.contracts_xlsx_file(actor=request.user, **filters), name, web.XLSX)


@login_required
@require_http_methods(["GET", "POST"])
def contract_create(request: AuthedRequest) -> HttpResponse:
    org = _start_org(request, "create_contract")
    form = ContractForm(web.posted(request), initial={"org": org.name})

    def act(data: dict[str, Any]) -> CollectiveContract:
        signer = org_selectors.org_resolve_for_actor(actor=request.user, text=data["org"])
        units, problems = selectors.units_by_codes_for_actor(actor=request.user, codes=form.unit_codes())
        if problems:
            raise Refused({"units": problems})
        return actions.contract_create(
            actor=request.user, org=signer, kind=data["kind"], title=data["title"], signed_on=data["signed_on"],
            expires_on=data["expires_on"], workers_covered=data["workers_covered"], units=units,
            industry=data["industry"], note=data["note"],
        )  # fmt: skip

    return web.submit(
        request, form, act=act,
        done=lambda contract: redirect("units:contract_detail", contract_id=contract.pk),
        message=lambda contract: gettext("已登记「%(title)s」。") % {"title": contract.title},
        template="units/form.html", context={"title": gettext("登记集体合同"), "org": org},
    )  # fmt: skip


@login_required
@require_GET
def contract_detail(request: AuthedRequest, contract_id: int) -> HttpResponse:
    contract = selectors.contract_get_for_actor(actor=request.user, pk=contract_id)
    return render(
        request,
        "units/contract_detail.html",
        {
            "contract": contract,
            "ab": contract_abilities(request.user, contract),
            "units": contract.units.select_related("covering_org").order_by("credit_code")[:500],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_end(request: AuthedRequest, contract_id: int) -> HttpResponse:
    contract = _contract_for(request, contract_id, "end")
    form = ContractEndForm(web.posted(request))
    return web.submit(
        request, form,
        act=lambda data: actions.contract_end(
            actor=request.user, contract=contract, reason=data["reason"], on=data["on"]
        ),
        done=lambda ended: redirect("units:contract_detail", contract_id=ended.pk),
        message=gettext("已登记合同终止。"),
        template="units/form.html",
        context={"title": gettext("终止「%(title)s」") % {"title": contract.title}, "contract": contract, "danger": True},
    )  # fmt: skip


# ---------------------------------------------------------------------------------- report


def _report_args(request: AuthedRequest) -> tuple[Org, Any, int | None, ReportForm]:
    org = web.org_chosen(request, refusal=gettext("您没有可以查看的工会。"))
    form = ReportForm(request.GET or None)
    on, threshold = cleaning.today(), None
    if form.is_valid():
        on = form.cleaned_data["on"] or on
        threshold = form.cleaned_data["threshold"]
    return org, on, threshold, form


@login_required
@require_GET
def report_page(request: AuthedRequest) -> HttpResponse:
    org, on, threshold, form = _report_args(request)
    report = two_universal_report(actor=request.user, org=org, on=on, threshold=threshold)
    if not form.is_bound:
        form = ReportForm(initial={"on": on, "threshold": report.threshold})
    return render(
        request,
        "units/report.html",
        {
            "report": report,
            "form": form,
            "ab": units_abilities(request.user, org),
            "chart": report_chart(report),
            "query": f"on={report.on:%Y-%m-%d}&threshold={report.threshold}",
        },
    )


@login_required
@require_GET
def report_export(request: AuthedRequest) -> HttpResponseBase:
    org, on, threshold, _form = _report_args(request)
    fmt = _format(request)
    if not fmt:
        return _back_to("units:report", request)
    report = two_universal_report(actor=request.user, org=org, on=on, threshold=threshold)
    actions.report_export_record(
        actor=request.user, org=org, fmt=fmt, on=report.on, threshold=report.threshold
    )
    name = web.filename(f"两个普遍_{org.name}_{report.on:%Y%m%d}", fmt)
    if fmt == "csv":
        return web.download(report_csv(report, actor=request.user), name, web.CSV)
    buf = io.BytesIO()
    report_xlsx(report, buf, actor=request.user)
    return web.download(buf.getvalue(), name, web.XLSX)


# ---------------------------------------------------------------------------------- import


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: AuthedRequest) -> HttpResponse:
    org = _start_org(request, "import")
    data, files = web.posted(request, files=True) or (None, None)
    form = ImportForm(data, files, initial={"org": org.name})

    def act(data: dict[str, Any]) -> Any:
        target = org_selectors.org_resolve_for_actor(actor=request.user, text=data["org"])
        upload = data["file"]
        return importer.import_enqueue(
            actor=request.user, org=target, upload=upload, filename=upload.name,
            good_rows=data["good_rows"], on=data["on"],
        )  # fmt: skip

    return web.submit(
        request, form, act=act,
        done=lambda job: redirect("units:import_status", job_id=job.pk),
        template="units/import.html", context={"org": org},
    )  # fmt: skip


@login_required
@require_GET
def import_status(request: AuthedRequest, job_id: int) -> HttpResponse:
    job = job_get_for_actor(actor=request.user, pk=job_id)
    if job.kind != importer.JOB_KIND:
        raise Http404("任务不存在")
    context: dict[str, Any] = {"job": job, "result": job.result if job.succeeded else {}}
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
    return web.download(buf.getvalue(), "单位台账导入模板.xlsx", web.XLSX)
