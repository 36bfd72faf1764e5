"""A worker's own pages (mobile first): their file's applications, and applying for help."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from gonghui.kernel.web import AuthedRequest, apply_errors

from .. import actions, selectors
from ..forms import ApplicationForm
from ._common import INVALID


@login_required
@require_GET
def my_assistance(request: AuthedRequest) -> HttpResponse:
    household = selectors.own_household_for_user(user=request.user)
    applications = selectors.applications_of_household(household) if household is not None else []
    return render(request, "assistance/me.html", {"h": household, "applications": applications})


@login_required
@require_http_methods(["GET", "POST"])
def my_apply(request: AuthedRequest) -> HttpResponse:
    household = selectors.require_member_household(user=request.user)
    form = ApplicationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                application = actions.application_submit(
                    actor=request.user, household=household, kind=form.cleaned_data["kind"],
                    amount=form.cleaned_data["amount"], reason=form.cleaned_data["reason"], by_member=True,
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request, f"申请已提交，由「{application.approver.name}」审批，请留意审批结果。"
                )
                return redirect("assistance:me")
    return render(request, "assistance/me_apply.html", {"form": form, "h": household}, status=status)
