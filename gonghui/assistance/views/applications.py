"""Pages of applications: apply for a household, the lists to decide and to pay, decide, pay."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from gonghui.kernel import web
from gonghui.kernel.web import AuthedRequest

from .. import actions, selectors
from ..abilities import application_abilities
from ..forms import ApplicationForm, PayForm, RejectForm
from ..models import Application
from ..routing import rules_for
from ..workflow import APPLICATION
from ._common import household_for

DETAIL = "assistance/application_detail.html"
TODOS = (selectors.TODO_DECIDE, selectors.TODO_PAY)


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request: AuthedRequest, household_id: int) -> HttpResponse:
    household = household_for(request, household_id, "apply")
    form = ApplicationForm(web.posted(request))
    _owner, rules = rules_for(household.org)
    return web.submit(
        request, form,
        act=lambda data: actions.application_submit(actor=request.user, household=household, **data),
        done=lambda a: redirect("assistance:application_detail", application_id=a.pk),
        message=lambda a: gettext("申请已提交，由「%(name)s」审批。") % {"name": a.approver.name},
        template="assistance/form.html",
        context={"title": gettext("申请帮扶 · %(name)s") % {"name": household.name}, "back": household,
                 "rules": sorted(rules, key=lambda r: (r.limit is None, r.limit))},
    )  # fmt: skip


@login_required
@require_GET
def application_list(request: AuthedRequest) -> HttpResponse:
    todo = web.choice_param(request, "todo", TODOS)
    state = web.choice_param(request, "state", Application.State.choices)
    rows, next_id = selectors.application_list_for_actor(
        actor=request.user, state=state, todo=todo, within=web.org_param(request, "within"),
        before=web.int_param(request, "before"),
    )  # fmt: skip
    return render(request, "assistance/application_list.html", {
        "rows": rows, "todo": todo, "state": state, "states": Application.State.choices,
        "next_query": web.next_query(request, next_id),
    })  # fmt: skip


def _detail_ctx(request: AuthedRequest, application: Application, **forms: Any) -> dict[str, Any]:
    return {
        "a": application, "h": application.household,
        "ab": application_abilities(request.user, application),
        "held_back": APPLICATION.held_back(request.user, application),
        "reject_form": forms.get("reject_form") or RejectForm(), "pay_form": forms.get("pay_form") or PayForm(),
    }  # fmt: skip


def _detail(request: AuthedRequest, application: Application, **forms: Any) -> HttpResponse:
    return render(request, DETAIL, _detail_ctx(request, application, **forms))


def _to_detail(application: Application) -> HttpResponse:
    return redirect("assistance:application_detail", application_id=application.pk)


_step = web.Steps(
    get=selectors.application_get_for_actor, record="application", page=_detail, done=_to_detail
)


application_detail = web.record_page(selectors.application_get_for_actor, _detail)


application_approve = _step(actions.application_approve, gettext_lazy("已批准。"))


application_reject = _step.form(
    actions.application_reject, RejectForm, "reject_form", gettext_lazy("已不予批准。")
)


application_end_publicity = _step(actions.application_end_publicity, gettext_lazy("公示结束，待发放。"))


# Recording a payment is the approving union's clerical work: the step asks for "edit" there.
application_pay = _step.form(actions.application_pay, PayForm, "pay_form", gettext_lazy("已登记发放。"))


application_withdraw = _step(actions.application_withdraw, gettext_lazy("申请已撤回。"))
