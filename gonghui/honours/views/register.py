"""The honour register, its import and export, care for model workers, kinds of honour."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import cleaning, web
from gonghui.kernel.web import AuthedRequest, posted, submit
from gonghui.orgs.selectors import org_get_for_actor

from .. import actions, importing, report, selectors
from ..abilities import (
    honour_abilities,
    honours_abilities,
)
from ..forms import (
    CareForm,
    HonourForm,
    ImportForm,
    KindForm,
)
from ..models import Category, Level
from ._common import _home_org

# ---- the honour register ---------------------------------------------------------------------------


def _register_filters(request: AuthedRequest) -> dict[str, Any]:
    year = web.int_param(request, "year")
    return {
        "within": web.org_param(request, "within"),
        "level": web.choice_param(request, "level", Level.choices),
        "category": web.choice_param(request, "category", Category.choices),
        "year": year if year and cleaning.YEAR_FIRST <= year <= cleaning.YEAR_LAST else None,
        "q": request.GET.get("q", "").strip()[:50],
    }


@login_required
@require_GET
def register(request: AuthedRequest) -> HttpResponse:
    filters = _register_filters(request)
    rows = selectors.honours_for_actor(actor=request.user, **filters)
    org = filters["within"] or web.first_org(request.user)
    counts = selectors.honour_counts(actor=request.user, within=filters["within"])
    return render(request, "honours/register.html", {
        "rows": rows[:300], "total": rows.count(), **filters, "levels": Level.choices,
        "categories": Category.choices, "counts": counts, "chart": report.register_chart(counts),
        "org_ab": honours_abilities(request.user, org) if org else None, "org": org,
        "export_query": _export_query(request, org),
    })  # fmt: skip


def _export_query(request: AuthedRequest, org: Any) -> str:
    params = request.GET.copy()
    if org is not None and "within" not in params:
        params["within"] = str(org.pk)
    params.pop("format", None)
    return params.urlencode()


@login_required
@require_GET
def register_export(request: AuthedRequest) -> HttpResponseBase:
    filters = _register_filters(request)
    if filters["within"] is None:
        raise Http404("请选择导出范围（工会）。")
    fmt = web.choice_param(request, "format", ["xlsx", "csv"]) or "xlsx"
    rows = selectors.honours_for_actor(actor=request.user, **filters)
    actions.register_export_record(actor=request.user, within=filters["within"], fmt=fmt, count=rows.count())
    if fmt == "csv":
        lines = report.register_csv(actor=request.user, rows=rows)
        return web.download(
            (line.encode("utf-8") for line in lines), web.filename("劳模档案", "csv"), web.CSV
        )
    return web.download(
        report.register_xlsx(actor=request.user, rows=rows), web.filename("劳模档案", "xlsx"), web.XLSX
    )


@login_required
@require_http_methods(["GET", "POST"])
def register_import(request: AuthedRequest) -> HttpResponse:
    org = web.org_for(request, honours_abilities, "record_honour", "您无权导入劳模档案。")
    return web.sheet_import(
        request, ImportForm(*(posted(request, files=True) or ())),
        act=lambda data, name: importing.register_import(actor=request.user, org=org, data=data, filename=name),
        done=lambda _: redirect(f"{reverse('honours:register')}?within={org.pk}"),
        message=lambda outcome: gettext("已导入%(created)s条荣誉，其中%(linked)s条关联了会员实名库。")
        % {"created": outcome.created, "linked": outcome.linked},
        template="honours/import.html", context={"org": org},
    )  # fmt: skip


@login_required
@require_GET
def register_template(request: AuthedRequest, org_id: int) -> HttpResponseBase:
    org = org_get_for_actor(actor=request.user, pk=org_id, perm="edit")
    buf = io.BytesIO()
    importing.template_xlsx(buf, org=org)
    return web.download(buf.getvalue(), "劳模档案导入模板.xlsx", web.XLSX)


@login_required
@require_http_methods(["GET", "POST"])
def honour_create(request: AuthedRequest) -> HttpResponse:
    org = web.org_for(request, honours_abilities, "record_honour", "您无权登记荣誉。")
    members = selectors.members_of(org, actor=request.user)
    form = HonourForm(posted(request), kinds=selectors.kinds_for_org(org), members=members)

    def act(data: dict[str, Any]) -> Any:
        member = selectors.member_of(org, data.pop("member", None), actor=request.user)
        return actions.honour_record(actor=request.user, org=org, member=member, **data)

    return submit(
        request, form, act=act, done=lambda h: redirect("honours:honour", honour_id=h.pk),
        message=gettext("荣誉已记入劳模档案。"), template="honours/form.html",
        context={"title": gettext("登记荣誉 · %(name)s") % {"name": org.name}, "note": "登记以往获得的荣誉（如全国劳模、省五一劳动奖章）。"},
    )  # fmt: skip


def _honour_page(request: AuthedRequest, honour: Any, status: int = 200, **extra: Any) -> HttpResponse:
    ab = honour_abilities(request.user, honour)
    return render(request, "honours/honour_detail.html", {
        "h": honour, "ab": ab, "person": selectors.honours_of_person(honour, actor=request.user),
        "care": selectors.care_of(honour, actor=request.user),
        "studios": selectors.studios_led_by(honour, actor=request.user),
        "care_form": CareForm(households=selectors.households_for(honour, actor=request.user),
                              initial={"on": cleaning.today()}) if ab.care else None,
        **extra,
    }, status=status)  # fmt: skip


honour_detail = web.record_page(selectors.honour_get_for_actor, _honour_page)


_honour_for = web.guarded(selectors.honour_get_for_actor, honour_abilities)


@login_required
@require_POST
def care_create(request: AuthedRequest, honour_id: int) -> HttpResponse:
    honour = _honour_for(request, honour_id, "care")
    households = selectors.households_for(honour, actor=request.user)
    form = CareForm(request.POST, households=households)
    if form.is_valid():
        data = dict(form.cleaned_data)
        household = selectors.household_pick(households, data.pop("household"))
        try:
            actions.care_record(
                actor=request.user, org=honour.org, honour=honour, household=household, **data
            )
        except ValidationError as exc:
            web.apply_errors(form, exc)
        else:
            messages.success(request, gettext("已登记。"))
            return redirect("honours:honour", honour_id=honour.pk)
    return _honour_page(request, honour, status=web.INVALID, care_form=form)


@login_required
@require_GET
def care(request: AuthedRequest) -> HttpResponse:
    within = web.org_param(request, "within")
    year = web.year_param(request)
    return render(request, "honours/care.html", {
        "rows": selectors.unvisited(actor=request.user, year=year, within=within), "year": year, "within": within,
        "given": selectors.care_given(actor=request.user, year=year, within=within),
    })  # fmt: skip


# ---- kinds ----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def kinds(request: AuthedRequest) -> HttpResponse:
    org = _home_org(request, "view")
    ab = honours_abilities(request.user, org) if org else None
    form = KindForm(posted(request)) if ab and ab.add_kind else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("您无权设立荣誉种类。")
        return submit(
            request, form, act=lambda data: actions.kind_create(actor=request.user, org=org, **data),
            done=lambda k: redirect(f"{request.path}?org={org.pk}"), message=gettext("已设立。"),
            template="honours/kinds.html", context={"rows": selectors.kinds_for_org(org), "org": org},
        )  # fmt: skip
    return render(
        request, "honours/kinds.html", {"rows": selectors.kinds_for_org(org), "org": org, "form": form}
    )
