"""Pages of applications: apply for a household, the list to decide, decide, pay."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import scope
from gonghui.kernel.web import AuthedRequest, apply_errors, int_param

from .. import actions, selectors
from ..forms import ApplicationForm, PayForm, RejectForm
from ..models import Application
from ..routing import rules_for
from ..workflow import APPLICATION
from ._common import INVALID, org_param


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request: AuthedRequest, household_id: int) -> HttpResponse:
    household = selectors.household_get_for_actor(actor=request.user, pk=household_id, perm="edit")
    form = ApplicationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                application = actions.application_submit(
                    actor=request.user, household=household, kind=form.cleaned_data["kind"],
                    amount=form.cleaned_data["amount"], reason=form.cleaned_data["reason"],
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"申请已提交，由「{application.approver.name}」审批。")
                return redirect("assistance:application_detail", application_id=application.pk)
    _owner, rules = rules_for(household.org)
    return render(request, "assistance/form.html", {
        "form": form, "title": f"申请帮扶 · {household.name}", "back": household,
        "rules": sorted(rules, key=lambda r: (r.limit is None, r.limit)),
    }, status=status)  # fmt: skip


@login_required
@require_GET
def application_list(request: AuthedRequest) -> HttpResponse:
    to_decide = request.GET.get("todo") == "1"
    state = request.GET.get("state", "")
    rows, next_id = selectors.application_list_for_actor(
        actor=request.user, state=state if state in Application.State.values else "", to_decide=to_decide,
        within=org_param(request, "within"), before=int_param(request, "before"),
    )  # fmt: skip
    params = request.GET.copy()
    if next_id:
        params["before"] = str(next_id)
    return render(request, "assistance/application_list.html", {
        "rows": rows, "to_decide": to_decide, "state": state, "states": Application.State.choices,
        "next_query": params.urlencode() if next_id else "",
    })  # fmt: skip


def _detail_ctx(request: AuthedRequest, application: Application) -> dict[str, Any]:
    user = request.user
    can_approve = scope.can(user, "approve", application.approver)
    steps = APPLICATION.allowed(application.state)
    return {
        "a": application, "h": application.household,
        "can_approve": can_approve and application.is_open,
        "can_end_publicity": can_approve and "publicity_end" in steps,
        "can_pay": "pay" in steps and scope.can(user, "edit", application.approver),
        "can_withdraw": "withdraw" in steps and (
            scope.can(user, "edit", application.org) or selectors.is_own_household(user=user, household=application.household)
        ),
        "officer": scope.can(user, "view", application.org),
        "reject_form": RejectForm(), "pay_form": PayForm(),
    }  # fmt: skip


@login_required
@require_GET
def application_detail(request: AuthedRequest, application_id: int) -> HttpResponse:
    application = selectors.application_get_for_actor(actor=request.user, pk=application_id)
    return render(request, "assistance/application_detail.html", _detail_ctx(request, application))


def _decide(
    request: AuthedRequest, application_id: int, perm: str, act: Any, done: str, **kwargs: Any
) -> HttpResponse:
    application = selectors.application_get_for_actor(actor=request.user, pk=application_id, perm=perm)
    try:
        act(actor=request.user, application=application, **kwargs)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        ctx = _detail_ctx(request, application)
        return render(request, "assistance/application_detail.html", ctx, status=INVALID)
    messages.success(request, done)
    return redirect("assistance:application_detail", application_id=application.pk)


@login_required
@require_POST
def application_approve(request: AuthedRequest, application_id: int) -> HttpResponse:
    return _decide(request, application_id, "approve", actions.application_approve, "已批准。")


@login_required
@require_POST
def application_reject(request: AuthedRequest, application_id: int) -> HttpResponse:
    form = RejectForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _decide(
        request, application_id, "approve", actions.application_reject, "已不予批准。", reason=reason
    )


@login_required
@require_POST
def application_end_publicity(request: AuthedRequest, application_id: int) -> HttpResponse:
    return _decide(
        request, application_id, "approve", actions.application_end_publicity, "公示结束，待发放。"
    )


@login_required
@require_POST
def application_pay(request: AuthedRequest, application_id: int) -> HttpResponse:
    # Recording a payment is the approving union's clerical work: the action asks for "edit" there.
    form = PayForm(request.POST)
    paid_on = form.cleaned_data["paid_on"] if form.is_valid() else None
    return _decide(request, application_id, "view", actions.application_pay, "已登记发放。", paid_on=paid_on)


@login_required
@require_POST
def application_withdraw(request: AuthedRequest, application_id: int) -> HttpResponse:
    return _decide(request, application_id, "view", actions.application_withdraw, "申请已撤回。")
