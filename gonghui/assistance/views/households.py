"""Pages of household files: list and searches, file, correct, review, verify, exit, merge,
attachments, reveal."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import web
from gonghui.kernel.errors import Refused
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.selectors import org_breadcrumbs_for_actor

from .. import actions, selectors
from ..abilities import assistance_abilities, duplicate_abilities, household_abilities
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
from ._common import household_for, org_for

DETAIL = "assistance/household_detail.html"
SEARCHES = {
    "stale": gettext_lazy("一年以上未更新的档案"),
    "never": gettext_lazy("从未获得帮扶的家庭"),
    "due": gettext_lazy("待年度复核的档案"),
}
ALL = "all"  # the status filter's "全部状态"


@login_required
@require_GET
def household_list(request: AuthedRequest) -> HttpResponse:
    within = web.org_param(request, "within")
    search = web.choice_param(request, "search", list(SEARCHES))
    status = request.GET.get("status", Household.Status.ACTIVE)
    f = selectors.HouseholdFilter(
        within=within,
        q=request.GET.get("q", "").strip(),
        tier=web.choice_param(request, "tier", Tier.choices),
        cause=web.choice_param(request, "cause", Cause.choices),
        status=status if status in Household.Status.values else "",
        stale=search == "stale",
        never_assisted=search == "never",
        due=search == "due",
    )
    rows, next_id = selectors.household_list_for_actor(
        actor=request.user, f=f, before=web.int_param(request, "before")
    )
    file_org = within or web.first_org(request.user, "edit")
    return render(request, "assistance/household_list.html", {
        "rows": rows, "f": f, "search": search, "searches": SEARCHES, "tiers": Tier.choices, "causes": Cause.choices,
        "statuses": Household.Status.choices, "status": f.status or ALL, "all": ALL,
        "next_query": web.next_query(request, next_id),
        "ab": assistance_abilities(request.user, file_org), "file_org": file_org,
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def household_create(request: AuthedRequest) -> HttpResponse:
    org = org_for(request, "file")
    form = HouseholdForm(web.posted(request))
    formset = FamilyFormSet(web.posted(request), prefix="family")
    return web.submit(
        request, form,
        act=lambda _data: actions.household_create(
            actor=request.user, org=org, values=form.values(), family=_family(formset)
        ),
        done=lambda h: redirect("assistance:household_detail", household_id=h.pk),
        message=lambda h: gettext("已建档：%(name)s（%(value)s），职工编号 %(file_no)s。") % {"name": h.name, "value": h.get_tier_display(), "file_no": h.file_no},
        template="assistance/household_form.html",
        context={"formset": formset, "title": gettext("新建困难职工档案 · %(name)s") % {"name": org.name}, "org": org},
    )  # fmt: skip


def _family(formset: Any) -> list[dict[str, Any]]:
    """The family table's rows; a table that does not pass is refused (its cells say why)."""
    if not formset.is_valid():
        raise Refused({"family": gettext("家庭成员表中有填写错误，请按表中提示修改。")})
    return family_rows(formset)


@login_required
@require_http_methods(["GET", "POST"])
def household_edit(request: AuthedRequest, household_id: int) -> HttpResponse:
    household = household_for(request, household_id, "edit")
    form = HouseholdForm(web.posted(request), initial=HouseholdForm.initial_for(household))
    formset = FamilyFormSet(web.posted(request), prefix="family", initial=family_initial(household))
    return web.submit(
        request, form,
        act=lambda _data: actions.household_update(
            actor=request.user, household=household, values=form.values(), family=_family(formset)
        ),
        done=lambda h: redirect("assistance:household_detail", household_id=h.pk),
        message=gettext("已保存，困难类别已重新计算。"),
        template="assistance/household_form.html",
        context={"formset": formset, "title": gettext("修改档案 · %(name)s") % {"name": household.name}, "household": household},
    )  # fmt: skip


def _detail_ctx(request: AuthedRequest, household: Household, **forms: Any) -> dict[str, Any]:
    user = request.user
    ab = household_abilities(user, household)
    duplicates = selectors.household_duplicates(household)
    return {
        "h": household, "ab": ab, "family": selectors.household_family(household),
        "applications": selectors.applications_of_household(household),
        "payments": selectors.payments_of_household(household),
        "attachments": household.attachments.all(),
        "duplicates": [(d, duplicate_abilities(user, household, d)) for d in duplicates],
        "breadcrumbs": [*org_breadcrumbs_for_actor(actor=user, org=household.org), household.org],
        "attach_form": forms.get("attach_form") or AttachmentForm(),
    }  # fmt: skip


def _detail(request: AuthedRequest, household: Household) -> HttpResponse:
    return render(request, DETAIL, _detail_ctx(request, household))


def _to_detail(household: Any) -> HttpResponse:
    return redirect("assistance:household_detail", household_id=household.pk)


_step = web.Steps(get=selectors.household_get_for_actor, record="household", page=_detail, done=_to_detail)


household_detail = web.record_page(selectors.household_get_for_actor, _detail)


@login_required
@require_POST
def household_reveal(request: AuthedRequest, household_id: int) -> HttpResponse:
    household = selectors.household_get_for_actor(actor=request.user, pk=household_id)
    values = actions.household_reveal(actor=request.user, household=household)
    return render(request, "assistance/_revealed.html", values)


household_review = _step(actions.household_review, gettext_lazy("已审核。"))


household_verify = _step(
    actions.household_verify, gettext_lazy("已完成年度复核，困难类别按今年的低保标准重新计算。")
)


@login_required
@require_http_methods(["GET", "POST"])
def household_exit(request: AuthedRequest, household_id: int) -> HttpResponse:
    household = household_for(request, household_id, "exit")
    return web.submit(
        request, ExitForm(web.posted(request)),
        act=lambda data: actions.household_exit(actor=request.user, household=household, **data),
        done=_to_detail, message=gettext("已办理脱困。"),
        template="assistance/form.html",
        context={"title": gettext("办理脱困 · %(name)s") % {"name": household.name}, "back": household, "danger": True},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def household_merge(request: AuthedRequest, household_id: int) -> HttpResponse:
    household = household_for(request, household_id, "merge")
    form = MergeForm(web.posted(request), initial={"other": request.GET.get("other", "")})

    def act(data: dict[str, Any]) -> Household:
        other = selectors.household_by_file_no_for_actor(actor=request.user, file_no=data["other"])
        actions.household_merge(actor=request.user, keep=household, other=other)
        return other

    return web.submit(
        request, form, act=act,
        done=lambda _other: _to_detail(household),
        message=lambda other: gettext("已将档案 %(file_no)s 并入本档案。") % {"file_no": other.file_no},
        template="assistance/form.html",
        context={"title": gettext("合并档案 · %(file_no)s %(name)s") % {"file_no": household.file_no, "name": household.name}, "back": household,
                 "help": "两份档案有共同的家庭成员（身份证号）时，可将另一份并入本档案：家庭成员、附件、申请和发放记录随之转入，另一份档案标记为已合并。"},
    )  # fmt: skip


@login_required
@require_POST
def attachment_add(request: AuthedRequest, household_id: int) -> HttpResponse:
    household = selectors.household_get_for_actor(actor=request.user, pk=household_id)
    form = AttachmentForm(*web.posted(request, files=True))
    return web.submit(
        request, form,
        act=lambda data: actions.attachment_add(actor=request.user, household=household, upload=data.pop("file"),
                                                **data),
        done=lambda _item: _to_detail(household), message=gettext("附件已上传。"),
        template=DETAIL, context=_detail_ctx(request, household, attach_form=form),
    )  # fmt: skip


@login_required
@require_GET
def attachment_download(request: AuthedRequest, attachment_id: int) -> HttpResponseBase:
    item = selectors.attachment_get_for_actor(actor=request.user, pk=attachment_id)
    ext = "." + (item.file.name or "").rsplit(".", 1)[-1]
    name = item.name if item.name.lower().endswith(ext) else item.name + ext
    return web.kept_upload(item.file, name, item.content_type)


@login_required
@require_GET
def duplicates(request: AuthedRequest) -> HttpResponse:
    within = web.org_param(request, "within")
    rows = selectors.duplicate_files_for_actor(actor=request.user, within=within)
    found = [
        (h, [(d, duplicate_abilities(request.user, h, d)) for d in selectors.household_duplicates(h)])
        for h in rows
    ]
    return render(request, "assistance/duplicates.html", {"rows": found, "within": within})
