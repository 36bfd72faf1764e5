"""A worker's own pages (mobile first): their file's applications, and applying for help."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from gonghui.kernel import web
from gonghui.kernel.abilities import NONE
from gonghui.kernel.web import AuthedRequest

from .. import actions, selectors
from ..abilities import household_abilities
from ..forms import ApplicationForm


@login_required
@require_GET
def my_assistance(request: AuthedRequest) -> HttpResponse:
    household = selectors.own_household_for_user(user=request.user)
    applications = selectors.applications_of_household(household) if household is not None else []
    ab = household_abilities(request.user, household) if household is not None else NONE
    return render(request, "assistance/me.html", {"h": household, "applications": applications, "ab": ab})


@login_required
@require_http_methods(["GET", "POST"])
def my_apply(request: AuthedRequest) -> HttpResponse:
    household = selectors.require_member_household(user=request.user)
    household_abilities(request.user, household).require(
        "apply_self", gettext("您的档案已不在档，不能申请帮扶。")
    )
    return web.submit(
        request, ApplicationForm(web.posted(request)),
        act=lambda data: actions.application_submit(
            actor=request.user, household=household, by_member=True, **data
        ),
        done=lambda _a: redirect("assistance:me"),
        message=lambda a: gettext("申请已提交，由「%(name)s」审批，请留意审批结果。") % {"name": a.approver.name},
        template="assistance/me_apply.html", context={"h": household},
    )  # fmt: skip
