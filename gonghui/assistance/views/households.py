"""Pages of household files: list and searches, file, correct, review, verify, exit, merge,
attachments, reveal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import scope
from gonghui.kernel.web import AuthedRequest, apply_errors, int_param
from gonghui.orgs.selectors import org_breadcrumbs_for_actor

from .. import actions, selectors
from ..choices import Cause, Tier
from ..forms import (
    AttachmentForm,
    ExitForm,
    FamilyFormSet,
    HouseholdForm,
    MergeForm,
    family_initial,
    family_rows,
)
from ..models import Household
from ._common import INVALID, org_or_default, org_param

SEARCHES = {
    "stale": "一年以上未更新的档案",
    "never": "从未获得帮扶的家庭",
    "due": "待年度复核的档案",
}


@login_required
@require_GET
def household_list(request: AuthedRequest) -> HttpResponse:
    within = org_param(request, "within")
    search = request.GET.get("search", "")
    status = request.GET.get("status", Household.Status.ACTIVE)
    f = selectors.HouseholdFilter(
        within=within,
        q=request.GET.get("q", "").strip(),
        tier=request.GET.get("tier", "") if request.GET.get("tier", "") in Tier.values else "",
        cause=request.GET.get("cause", "") if request.GET.get("cause", "") in Cause.values else "",
        status=status if status in Household.Status.values else "",
        stale=search == "stale",
        never_assisted=search == "never",
        due=search == "due",
    )
    rows, next_id = selectors.household_list_for_actor(
        actor=request.user, f=f, before=int_param(request, "before")
    )
    params = request.GET.copy()
    if next_id:
        params["before"] = str(next_id)
    default = within or selectors.default_org_for_actor(actor=request.user, perm="edit")
    return render(request, "assistance/household_list.html", {
        "rows": rows, "f": f, "search": search, "searches": SEARCHES, "tiers": Tier.choices, "causes": Cause.choices,
        "statuses": Household.Status.choices, "next_query": params.urlencode() if next_id else "",
        "can_file": default is not None and scope.can(request.user, "edit", default), "file_org": default,
    })  # fmt: skip


def _form_page(
    request: AuthedRequest, form: HouseholdForm, formset: Any, ctx: dict[str, Any], status: int
) -> HttpResponse:
    return render(
        request, "assistance/household_form.html", {"form": form, "formset": formset, **ctx}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def household_create(request: AuthedRequest) -> HttpResponse:
    org = org_or_default(request, perm="edit")
    scope.require(request.user, "edit", org)
    post = request.method == "POST"
    form = HouseholdForm(request.POST if post else None)
    formset = FamilyFormSet(request.POST if post else None, prefix="family")
    status = 200
    if post:
        status = INVALID
        if form.is_valid() and formset.is_valid():
            try:
                household = actions.household_create(
                    actor=request.user, org=org, values=form.values(), family=family_rows(formset)
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    f"已建档：{household.name}（{household.get_tier_display()}），职工编号 {household.file_no}。",
                )
                return redirect("assistance:household_detail", household_id=household.pk)
    return _form_page(request, form, formset, {"title": f"新建困难职工档案 · {org.name}", "org": org}, status)


@login_required
@require_http_methods(["GET", "POST"])
def household_edit(request: AuthedRequest, household_id: int) -> HttpResponse:
    household = selectors.household_get_for_actor(actor=request.user, pk=household_id, perm="edit")
    post = request.method == "POST"
    form = HouseholdForm(request.POST if post else None, initial=HouseholdForm.initial_for(household))
    formset = FamilyFormSet(
        request.POST if post else None, prefix="family", initial=family_initial(household)
    )
    status = 200
    if post:
        status = INVALID
        if form.is_valid() and formset.is_valid():
            try:
                actions.household_update(
                    actor=request.user, household=household, values=form.values(), family=family_rows(formset)
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已保存，困难类别已重新计算。")
                return redirect("assistance:household_detail", household_id=household.pk)
    return _form_page(
        request, form, formset, {"title": f"修改档案 · {household.name}", "household": household}, status
    )


@login_required
@require_GET
def household_detail(request: AuthedRequest, household_id: int) -> HttpResponse:
    household = selectors.household_get_for_actor(actor=request.user, pk=household_id)
    user = request.user
    duplicates = (
        selectors.household_duplicates(household) if household.status != Household.Status.MERGED else []
    )
    return render(request, "assistance/household_detail.html", {
        "h": household, "family": selectors.household_family(household),
        "applications": selectors.applications_of_household(household),
        "payments": selectors.payments_of_household(household),
        "attachments": household.attachments.all(),
        "duplicates": [(d, scope.can(user, "view", d.org), scope.can(user, "edit", d.org)) for d in duplicates],
        "breadcrumbs": [*org_breadcrumbs_for_actor(actor=user, org=household.org), household.org],
        "active": household.status == Household.Status.ACTIVE,
        "can_edit": scope.can(user, "edit", household.org), "can_approve": scope.can(user, "approve", household.org),
        "can_reveal": scope.can(user, "reveal", household.org), "attach_form": AttachmentForm(),
    })  # fmt: skip


@login_required
@require_POST
def household_reveal(request: AuthedRequest, household_id: int) -> HttpResponse:
    household = selectors.household_get_for_actor(actor=request.user, pk=household_id, perm="reveal")
    values = actions.household_reveal(actor=request.user, household=household)
    return render(request, "assistance/_revealed.html", values)


def _simple(request: AuthedRequest, household_id: int, perm: str, act: Any, done: str) -> HttpResponse:
    household = selectors.household_get_for_actor(actor=request.user, pk=household_id, perm=perm)
    try:
        act(actor=request.user, household=household)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("assistance:household_detail", household_id=household.pk)


@login_required
@require_POST
def household_review(request: AuthedRequest, household_id: int) -> HttpResponse:
    return _simple(request, household_id, "approve", actions.household_review, "已审核。")


@login_required
@require_POST
def household_verify(request: AuthedRequest, household_id: int) -> HttpResponse:
    return _simple(
        request,
        household_id,
        "edit",
        actions.household_verify,
        "已完成年度复核，困难类别按今年的低保标准重新计算。",
    )


@login_required
@require_http_methods(["GET", "POST"])
def household_exit(request: AuthedRequest, household_id: int) -> HttpResponse:
    household = selectors.household_get_for_actor(actor=request.user, pk=household_id, perm="edit")
    form = ExitForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                actions.household_exit(
                    actor=request.user, household=household, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已办理脱困。")
                return redirect("assistance:household_detail", household_id=household.pk)
    return render(request, "assistance/form.html", {
        "form": form, "title": f"办理脱困 · {household.name}", "back": household, "danger": True,
    }, status=status)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def household_merge(request: AuthedRequest, household_id: int) -> HttpResponse:
    household = selectors.household_get_for_actor(actor=request.user, pk=household_id, perm="edit")
    form = MergeForm(
        request.POST if request.method == "POST" else None, initial={"other": request.GET.get("other", "")}
    )
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                other = selectors.household_by_file_no_for_actor(
                    actor=request.user, file_no=form.cleaned_data["other"]
                )
                actions.household_merge(actor=request.user, keep=household, other=other)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已将档案 {other.file_no} 并入本档案。")
                return redirect("assistance:household_detail", household_id=household.pk)
    return render(request, "assistance/form.html", {
        "form": form, "title": f"合并档案 · {household.file_no} {household.name}", "back": household,
        "help": "两份档案有共同的家庭成员（身份证号）时，可将另一份并入本档案：家庭成员、附件、申请和发放记录随之转入，另一份档案标记为已合并。",
    }, status=status)  # fmt: skip


@login_required
@require_POST
def attachment_add(request: AuthedRequest, household_id: int) -> HttpResponse:
    household = selectors.household_get_for_actor(actor=request.user, pk=household_id, perm="edit")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.attachment_add(
                actor=request.user, household=household, kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"], upload=form.cleaned_data["file"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "附件已上传。")
            return redirect("assistance:household_detail", household_id=household.pk)
    errors = "；".join(str(e) for errs in form.errors.values() for e in errs)
    messages.error(request, f"附件未上传：{errors}")
    return redirect("assistance:household_detail", household_id=household.pk)


@login_required
@require_GET
def attachment_download(request: AuthedRequest, attachment_id: int) -> FileResponse:
    item = selectors.attachment_get_for_actor(actor=request.user, pk=attachment_id)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def duplicates(request: AuthedRequest) -> HttpResponse:
    within = org_param(request, "within")
    rows = selectors.duplicate_files_for_actor(actor=request.user, within=within)
    found = [(h, selectors.household_duplicates(h)) for h in rows]
    return render(request, "assistance/duplicates.html", {"rows": found, "within": within})
