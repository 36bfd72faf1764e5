"""Pages of the special funds: balances of a subtree, a fund's ledger, deposit, allocation."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from gonghui.kernel import web
from gonghui.kernel.cleaning import today
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.selectors import org_resolve_for_actor

from .. import actions, selectors
from ..abilities import assistance_abilities
from ..forms import AllocateForm, DepositForm
from ..models import FundEntry
from ._common import org_for, org_or_default


@login_required
@require_GET
def fund_list(request: AuthedRequest) -> HttpResponse:
    org = org_or_default(request)
    year = web.year_param(request)
    this_year = today().year
    return render(request, "assistance/fund_list.html", {
        "org": org, "year": year, "funds": selectors.funds_for_actor(actor=request.user, year=year, within=org),
        "totals": selectors.fund_subtree_total(org=org, year=year), "ab": assistance_abilities(request.user, org),
        "years": range(this_year + 1, this_year - 4, -1),
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
    org = org_for(request, "deposit", perm="manage")
    form = DepositForm(web.posted(request), initial={"org": org.name, "year": today().year})

    def act(data: dict[str, Any]) -> FundEntry:
        target = org_resolve_for_actor(actor=request.user, text=data["org"], perm="manage")
        return actions.fund_deposit(
            actor=request.user, org=target, year=data["year"], amount=data["amount"], note=data["note"]
        )

    return web.submit(
        request, form, act=act,
        done=lambda entry: redirect("assistance:fund_detail", fund_id=entry.fund_id),
        message=lambda entry: gettext("已入账，余额 %(balance_after)s 元。") % {"balance_after": entry.balance_after},
        template="assistance/form.html", context={"title": gettext("资金入账"), "back_url": "assistance:funds"},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def fund_allocate(request: AuthedRequest) -> HttpResponse:
    org = org_for(request, "allocate", perm="manage")
    form = AllocateForm(web.posted(request), initial={"source": org.name, "year": today().year})

    def act(data: dict[str, Any]) -> FundEntry:
        source = org_resolve_for_actor(actor=request.user, text=data["source"], perm="manage", field="source")
        target = org_resolve_for_actor(actor=request.user, text=data["target"], perm="view", field="target")
        return actions.fund_allocate(actor=request.user, source=source, target=target, year=data["year"],
                                     amount=data["amount"], note=data["note"])  # fmt: skip

    def done(entry: FundEntry) -> HttpResponse:
        source = entry.other_fund.org_id if entry.other_fund else org.pk  # the credit's other side
        return redirect(f"{reverse('assistance:funds')}?org={source}&year={entry.fund.year}")

    return web.submit(
        request, form, act=act, done=done,
        message=lambda entry: gettext("已向「%(name)s」下拨 %(amount)s 元。") % {"name": entry.fund.org.name, "amount": entry.amount},
        template="assistance/form.html", context={"title": gettext("下拨帮扶专项资金"), "back_url": "assistance:funds"},
    )  # fmt: skip
