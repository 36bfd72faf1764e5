"""Pages of targets: the board of a union, the catalogue, a target and its months, reporting,
correcting, splitting, and the monthly circular. Each view parses, calls selectors or one action,
renders; a refused form is shown again with status 422."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import cleaning, web
from gonghui.kernel.web import AuthedRequest, posted, submit
from gonghui.orgs.models import Org
from gonghui.orgs.selectors import org_breadcrumbs_for_actor

from . import actions, selectors
from .abilities import months_to_report, org_abilities, report_abilities, target_abilities, why_not_reported
from .circular import Circular, circular_docx, circular_xlsx, monthly_circular
from .forms import CascadeForm, CorrectForm, IndicatorForm, ReportForm, TargetForm
from .progress import closed_months


def _org(request: AuthedRequest) -> Org:
    """The union a page looks at: `?org=`, else the person's first."""
    return web.org_chosen(request, refusal=gettext("您不在任何工会任职。"))


@login_required
@require_GET
def board(request: AuthedRequest) -> HttpResponse:
    org = _org(request)
    year = web.year_param(request, default=selectors.default_year(actor=request.user, org=org))
    todo = web.choice_param(request, "todo", ["report", "flagged"])
    this = cleaning.today().year
    context: dict[str, Any] = {
        "org": org, "year": year, "todo": todo, "org_ab": org_abilities(request.user, org),
        "board": selectors.board_for_actor(actor=request.user, org=org, year=year),
        "crumbs": org_breadcrumbs_for_actor(actor=request.user, org=org),
        "children": selectors.children_of(org)[:200],
        "publication": selectors.publication_of(org),
        "years": sorted({this - 1, this, this + 1, year, *selectors.target_years(actor=request.user, org=org)}),
    }  # fmt: skip
    if todo == "flagged":
        context["mine_flagged"] = selectors.flagged_for_actor(actor=request.user, year=year)
    return render(request, "targets/board.html", context)


@login_required
@require_GET
def indicator_list(request: AuthedRequest) -> HttpResponse:
    org = _org(request)
    return render(
        request,
        "targets/indicators.html",
        {
            "org": org, "org_ab": org_abilities(request.user, org),
            "rows": selectors.indicators_usable_at(org).order_by("org__path", "code", "id"),
        },
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request: AuthedRequest) -> HttpResponse:
    org = web.org_for(request, org_abilities, "create_indicator", gettext("您没有可以新增考核指标的工会。"))
    return submit(
        request, IndicatorForm(posted(request)),
        act=lambda data: actions.indicator_create(actor=request.user, org=org, **data),
        done=lambda _i: redirect(f"/targets/indicators/?org={org.pk}"),
        message=lambda i: gettext("已新增指标「%(name)s」。") % {"name": i.name},
        template="targets/form.html", context={"title": gettext("新增考核指标 · %(name)s") % {"name": org.name}, "org": org},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def target_create(request: AuthedRequest) -> HttpResponse:
    org = web.org_for(request, org_abilities, "set_target", gettext("您没有可以下达目标的工会。"))
    form = TargetForm(
        posted(request), initial={"year": web.year_param(request)},
        indicators=selectors.indicators_usable_at(org), owners=selectors.owner_choices(org),
    )  # fmt: skip
    return submit(
        request, form,
        act=lambda _data: actions.target_set(actor=request.user, org=org, **form.data_for_action()),
        done=lambda t: redirect("targets:target", target_id=t.pk),
        message=lambda t: gettext("已下达%(year)s年「%(name)s」目标。") % {"year": t.year, "name": t.indicator.name},
        template="targets/form.html", context={"title": gettext("下达年度目标 · %(name)s") % {"name": org.name}, "org": org},
    )  # fmt: skip


def _detail(request: AuthedRequest, target: Any) -> dict[str, Any]:
    return {
        "t": target,
        "ab": target_abilities(request.user, target),
        "why": why_not_reported(target),
        "months": [(row, report_abilities(request.user, row.report) if row.report else None)
                   for row in selectors.target_months(target)],
        "children": selectors.target_children(target),
        "corrections": selectors.corrections_of(target),
        "warnings": selectors.warnings_of(target)[:20],
        "crumbs": org_breadcrumbs_for_actor(actor=request.user, org=target.org),
    }  # fmt: skip


@login_required
@require_GET
def target_detail(request: AuthedRequest, target_id: int) -> HttpResponse:
    target = selectors.target_get_for_actor(actor=request.user, pk=target_id)
    return render(request, "targets/target.html", _detail(request, target))


@login_required
@require_http_methods(["GET", "POST"])
def report_submit(request: AuthedRequest, target_id: int) -> HttpResponse:
    target = selectors.target_get_for_actor(actor=request.user, pk=target_id, perm="edit")
    target_abilities(request.user, target).require("report")
    months = months_to_report(target)
    closed = [m for m in months if m in closed_months(target.year, cleaning.today())]
    data, files = posted(request, files=True) or (None, None)
    form = ReportForm(data, files, months=months, initial={"month": closed[0] if closed else months[0]})
    return submit(
        request, form,
        act=lambda data: actions.report_submit(actor=request.user, target=target, **data),
        done=lambda _r: redirect("targets:target", target_id=target.pk),
        message=lambda r: gettext("已报送%(month)s月完成值 %(value)s%(unit)s。") % {"month": r.month, "value": r.value, "unit": target.indicator.unit},
        template="targets/form.html",
        context={
            "title": gettext("报送完成情况 · %(name)s") % {"name": target.indicator.name}, "target": target, "org": target.org, "multipart": True,
        },
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def report_correct(request: AuthedRequest, report_id: int) -> HttpResponse:
    report = selectors.report_get_for_actor(actor=request.user, pk=report_id, perm="edit")
    report_abilities(request.user, report).require("correct")
    return submit(
        request, CorrectForm(posted(request), initial={"value": report.value}),
        act=lambda data: actions.report_correct(actor=request.user, report=report, **data),
        done=lambda _r: redirect("targets:target", target_id=report.target_id),
        message=lambda r: gettext("已更正%(month)s月完成值为 %(value)s。") % {"month": r.month, "value": r.value},
        template="targets/form.html",
        context={"title": gettext("更正%(month)s月完成值 · %(name)s") % {"month": report.month, "name": report.target.indicator.name},
                 "target": report.target, "org": report.target.org},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def target_cascade(request: AuthedRequest, target_id: int) -> HttpResponse:
    target = selectors.target_get_for_actor(actor=request.user, pk=target_id, perm="edit")
    target_abilities(request.user, target).require("cascade")
    children = list(selectors.children_of(target.org))
    existing = {c.org_id: c for c in selectors.target_children(target)}
    form = CascadeForm(posted(request), children=children, existing=existing)
    return submit(
        request, form,
        act=lambda _data: actions.target_cascade(actor=request.user, target=target, shares=form.shares()),
        done=lambda _parts: redirect("targets:target", target_id=target.pk),
        message=lambda parts: gettext("已分解到%(value)s个下级工会。") % {"value": len(parts)},
        template="targets/form.html",
        context={"title": gettext("分解目标 · %(name)s") % {"name": target.indicator.name}, "target": target, "org": target.org,
                 "note": f"本级目标 {target.value}{target.indicator.unit}；累计值指标分解合计不得少于本级目标。"},
    )  # fmt: skip


def _circular_args(request: AuthedRequest) -> tuple[Org, int, int]:
    org = _org(request)
    year = web.year_param(request, default=selectors.default_year(actor=request.user, org=org))
    today = cleaning.today()
    default = (today.month - 1 or 1) if year == today.year else 12
    raw = request.GET.get("month", "")
    month = int(raw) if raw.isdigit() and 1 <= int(raw) <= 12 else default
    return org, year, month


@login_required
@require_GET
def circular_page(request: AuthedRequest) -> HttpResponse:
    org, year, month = _circular_args(request)
    return render(request, "targets/circular.html", _circular_context(request, org, year, month))


def _circular_context(request: AuthedRequest, org: Org, year: int, month: int) -> dict[str, Any]:
    from gonghui.bulletin.selectors import bulletins_to_submit_to

    return {
        "c": monthly_circular(actor=request.user, org=org, year=year, month=month), "org": org, "year": year,
        "month": month, "months": range(1, 13), "org_ab": org_abilities(request.user, org),
        "bulletins": bulletins_to_submit_to(org),
    }  # fmt: skip


def _circular_download(
    request: AuthedRequest, fmt: str, content_type: str, write: Callable[[Circular], bytes]
) -> HttpResponseBase:
    """The month's circular of the union the address names, as a file `write(circular)` makes;
    the export is recorded."""
    if web.int_param(request, "org") is None:
        raise Http404("请选择工会。")
    org, year, month = _circular_args(request)
    circular = monthly_circular(actor=request.user, org=org, year=year, month=month)
    actions.circular_export_record(actor=request.user, org=org, year=year, month=month, fmt=fmt)
    return web.download(
        write(circular), web.filename(f"月度通报_{org.name}_{year}年{month}月", fmt), content_type
    )


@login_required
@require_GET
def circular_export(request: AuthedRequest) -> HttpResponseBase:
    def write(circular: Circular) -> bytes:
        out = io.BytesIO()
        circular_xlsx(circular, out, actor=request.user)
        return out.getvalue()

    return _circular_download(request, "xlsx", web.XLSX, write)


@login_required
@require_GET
def progress_export(request: AuthedRequest) -> HttpResponseBase:
    from gonghui.kernel.exporting import Sheet, csv_bytes, xlsx_bytes

    if web.int_param(request, "org") is None:
        raise Http404("请选择工会。")
    org = _org(request)
    year = web.year_param(request, default=cleaning.today().year)
    fmt = web.choice_param(request, "format", ["xlsx", "csv"]) or "xlsx"
    rows = selectors.progress_sheet(actor=request.user, org=org, year=year)
    actions.progress_export_record(actor=request.user, org=org, year=year, fmt=fmt)
    name = web.filename(f"年度目标进度表_{org.name}_{year}年", fmt)
    title = f"{org.name}{year}年度目标进度表"
    header = selectors.PROGRESS_HEADER
    if fmt == "csv":
        return web.download(csv_bytes(rows, header=header, title=title, actor=request.user), name, web.CSV)
    sheet = Sheet("进度", header=header, rows=rows, title=title, widths=[8, 30, 10, 8, 30, 10, 12], frozen=2)
    return web.download(xlsx_bytes(sheet, actor=request.user), name, web.XLSX)


@login_required
@require_GET
def circular_docx_download(request: AuthedRequest) -> HttpResponseBase:
    return _circular_download(request, "docx", web.DOCX, circular_docx)


@login_required
@require_POST
def circular_send(request: AuthedRequest) -> HttpResponse:
    from gonghui.bulletin.selectors import bulletins_to_submit_to

    org = web.org_param(request, "org", perm="edit", missing="请选择工会。")
    org_abilities(request.user, org).require("send_circular")
    year = web.year_param(request)
    month = web.post_int(request, "month") or 1
    chosen = {b.pk: b for b in bulletins_to_submit_to(org)}.get(web.post_int(request, "bulletin") or 0)
    if chosen is None:
        raise Http404("刊物不存在。")
    return web.step(
        request,
        act=lambda: actions.circular_send(
            actor=request.user, org=org, year=year, month=min(max(month, 1), 12), bulletin=chosen
        ),
        done=lambda _s: redirect(f"/targets/circular/?org={org.pk}&year={year}&month={month}"),
        refused=lambda: render(
            request, "targets/circular.html", _circular_context(request, org, year, month)
        ),
        message=gettext("已将%(month)s月通报报送《%(name)s》（%(name2)s）。")
        % {"month": month, "name": chosen.name, "name2": chosen.org.name},
    )


@login_required
@require_POST
def target_publish(request: AuthedRequest, target_id: int) -> HttpResponse:
    target = selectors.target_get_for_actor(actor=request.user, pk=target_id, perm="edit")
    public = request.POST.get("public") == "1"
    return web.step(
        request,
        act=lambda: actions.target_publish(actor=request.user, target=target, public=public),
        done=lambda t: redirect("targets:target", target_id=t.pk),
        refused=lambda: render(request, "targets/target.html", _detail(request, target)),
        message="已向社会公开该目标的进度。" if public else "已取消公开该目标的进度。",
    )


@login_required
@require_POST
def publication_set(request: AuthedRequest) -> HttpResponse:
    org = web.org_param(request, "org", perm="edit", missing="请选择工会。")
    active = request.POST.get("active") == "1"
    return web.step(
        request,
        act=lambda: actions.publication_set(actor=request.user, org=org, active=active),
        done=lambda _p: redirect(f"/targets/?org={org.pk}"),
        refused=lambda: redirect(f"/targets/?org={org.pk}"),
        message="进度公开页已开启。" if active else "进度公开页已关闭。",
    )


@require_GET
def public_page(request: HttpRequest, token: str) -> HttpResponse:
    """The progress a union publishes (民生实事): open to anyone, without signing in."""
    raw = request.GET.get("year", "")
    publication, year, rows = selectors.public_page(
        token, int(raw) if raw.isdigit() and len(raw) == 4 else None
    )
    return render(request, "targets/public.html", {"p": publication, "year": year, "rows": rows})


evidence_download = web.kept_download(selectors.evidence_get_for_actor)
