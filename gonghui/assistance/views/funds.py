"""Pages of the special funds: balances of a subtree, a fund's ledger, deposit, allocation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from gonghui.kernel import scope
from gonghui.kernel.web import AuthedRequest, apply_errors

from .. import actions, selectors
from ..forms import AllocateForm, DepositForm
from ._common import INVALID, org_or_default, year_param


@login_required
@require_GET
def fund_list(request: AuthedRequest) -> HttpResponse:
    org = org_or_default(request)
    year = year_param(request)
    funds = selectors.funds_for_actor(actor=request.user, year=year, within=org)
    return render(request, "assistance/fund_list.html", {
        "org": org, "year": year, "funds": funds, "totals": selectors.fund_subtree_total(org=org, year=year),
        "can_manage": scope.can(request.user, "manage", org), "years": range(timezone.localdate().year + 1, timezone.localdate().year - 4, -1),
    })  # fmt: skip


@login_required
@require_GET
def fund_detail(request: AuthedRequest, fund_id: int) -> HttpResponse:
    fund = selectors.fund_get_for_actor(actor=request.user, pk=fund_id)
    return render(
        request, "assistance/fund_detail.html", {"fund": fund, "entries": selectors.fund_entries(fund)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def fund_deposit(request: AuthedRequest) -> HttpResponse:
    org = org_or_default(request, perm="manage")
    form = DepositForm(request.POST if request.method == "POST" else None,
                       initial={"org": org.name, "year": timezone.localdate().year})  # fmt: skip
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                target = selectors.org_resolve_for_actor(
                    actor=request.user, text=form.cleaned_data["org"], perm="manage"
                )
                entry = actions.fund_deposit(actor=request.user, org=target, year=form.cleaned_data["year"],
                                             amount=form.cleaned_data["amount"], note=form.cleaned_data["note"])  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已入账，余额 {entry.balance_after} 元。")
                return redirect("assistance:fund_detail", fund_id=entry.fund_id)
    return render(
        request,
        "assistance/form.html",
        {"form": form, "title": "资金入账", "back_url": "assistance:funds"},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def fund_allocate(request: AuthedRequest) -> HttpResponse:
    org = org_or_default(request, perm="manage")
    form = AllocateForm(request.POST if request.method == "POST" else None,
                        initial={"source": org.name, "year": timezone.localdate().year})  # fmt: skip
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                source = selectors.org_resolve_for_actor(actor=request.user, text=form.cleaned_data["source"],
                                                         perm="manage", field="source")  # fmt: skip
                target = selectors.org_resolve_for_actor(actor=request.user, text=form.cleaned_data["target"],
                                                         perm="view", field="target")  # fmt: skip
                entry = actions.fund_allocate(actor=request.user, source=source, target=target,
                                              year=form.cleaned_data["year"], amount=form.cleaned_data["amount"],
                                              note=form.cleaned_data["note"])  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已向「{target.name}」下拨 {entry.amount} 元。")
                return redirect(
                    f"{reverse('assistance:funds')}?org={source.pk}&year={form.cleaned_data['year']}"
                )
    return render(
        request,
        "assistance/form.html",
        {"form": form, "title": "下拨帮扶专项资金", "back_url": "assistance:funds"},
        status=status,
    )
