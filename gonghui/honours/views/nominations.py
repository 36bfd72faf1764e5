"""Nominations, their material and review, objections, and the public 公示 page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import cleaning, web
from gonghui.kernel.middleware import client_ip
from gonghui.kernel.web import AuthedRequest, posted, submit

from .. import actions, selectors
from ..abilities import (
    nomination_abilities,
    objection_abilities,
    round_abilities,
)
from ..forms import (
    AnswerForm,
    AttachmentForm,
    NominationForm,
    ObjectionForm,
    PublicObjectionForm,
)
from ..models import Nomination

# ---- nominations -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def nomination_create(request: AuthedRequest) -> HttpResponse:
    org = web.org_param(request, "org", perm="edit", missing="请选择推荐单位。")
    round = selectors.round_for_nominating(actor=request.user, pk=web.int_param(request, "round"), org=org)
    round_abilities(request.user, round, org=org).require(
        "nominate", gettext("本单位现在不能在该评选中推荐。")
    )
    members = selectors.members_of(org, actor=request.user)
    form = NominationForm(posted(request), members=members, initial={"frontline": True})

    def act(data: dict[str, Any]) -> Nomination:
        member = selectors.member_of(org, data.pop("member", None), actor=request.user)
        return actions.nomination_create(actor=request.user, round=round, org=org, member=member, **data)

    return submit(
        request, form, act=act,
        done=lambda n: redirect("honours:nomination", nomination_id=n.pk),
        message=gettext("推荐对象已登记，核对无误后请报送。"),
        template="honours/form.html",
        context={"title": gettext("推荐 · %(title)s") % {"title": round.title}, "note": gettext("推荐单位：%(name)s。%(terms)s") % {"name": org.name, "terms": selectors.round_terms(round)}},
    )  # fmt: skip


def _nomination_page(
    request: AuthedRequest, nomination: Nomination, status: int = 200, **extra: Any
) -> HttpResponse:
    ab = nomination_abilities(request.user, nomination)
    objections = selectors.objections_of(nomination, actor=request.user)
    return render(request, "honours/nomination_detail.html", {
        "n": nomination, "ab": ab, "reviews": nomination.reviews.select_related("org", "actor"),
        "objections": [(o, objection_abilities(request.user, o)) for o in objections],
        "objection_form": ObjectionForm(initial={"received_on": cleaning.today()}) if ab.object else None,
        "answer_form": AnswerForm(), "files": nomination.files.all(),
        "held_back": selectors.nomination_held_back(request.user, nomination),
        "chain": selectors.review_chain(nomination),
        **extra,
    }, status=status)  # fmt: skip


nomination_detail = web.record_page(selectors.nomination_get_for_actor, _nomination_page)


_nomination_for = web.guarded(selectors.nomination_get_for_actor, nomination_abilities)


@login_required
@require_http_methods(["GET", "POST"])
def nomination_edit(request: AuthedRequest, nomination_id: int) -> HttpResponse:
    nomination = _nomination_for(request, nomination_id, "edit")
    initial = {
        f: getattr(nomination, f) for f in ("name", "sex", "unit", "job", "frontline", "leader", "deeds")
    }
    form = NominationForm(posted(request), initial=initial)
    return submit(
        request, form,
        act=lambda data: actions.nomination_update(actor=request.user, nomination=nomination, **data),
        done=lambda n: redirect("honours:nomination", nomination_id=n.pk),
        message=gettext("已保存。"), template="honours/form.html",
        context={"title": gettext("修改推荐对象 · %(name)s") % {"name": nomination.name}, "nomination": nomination},
    )  # fmt: skip


def _to_nomination(n: Nomination) -> HttpResponse:
    return redirect("honours:nomination", nomination_id=n.pk)


def _comment(request: AuthedRequest, _record: Any) -> dict[str, str]:
    return {"comment": request.POST.get("comment", "")}


def _reason(request: AuthedRequest, _record: Any) -> dict[str, str]:
    return {"reason": request.POST.get("reason", "")}


_nomination_step = web.Steps(
    get=selectors.nomination_get_for_actor, record="nomination", page=_nomination_page, done=_to_nomination
)
_objection_step = web.Steps(
    get=selectors.objection_get_for_actor, record="objection", done=lambda o: _to_nomination(o.nomination),
    page=lambda request, o, **forms: _nomination_page(request, o.nomination, **forms),
)  # fmt: skip


nomination_submit = _nomination_step(actions.nomination_submit, gettext_lazy("已报送。"))
nomination_recommend = _nomination_step(
    actions.nomination_recommend, gettext_lazy("已审核通过并上报。"), extra=_comment
)
nomination_select = _nomination_step(
    actions.nomination_select, gettext_lazy("已确定为拟表彰对象。"), extra=_comment
)
nomination_send_back = _nomination_step(
    actions.nomination_send_back, gettext_lazy("已退回修改。"), extra=_reason
)
nomination_reject = _nomination_step(actions.nomination_reject, gettext_lazy("已不予推荐。"), extra=_reason)
nomination_withdraw = _nomination_step(actions.nomination_withdraw, gettext_lazy("已撤回。"))


@login_required
@require_http_methods(["GET", "POST"])
def nomination_attach(request: AuthedRequest, nomination_id: int) -> HttpResponse:
    nomination = _nomination_for(request, nomination_id, "attach")
    return submit(
        request, AttachmentForm(*(posted(request, files=True) or ())),
        act=lambda data: actions.nomination_attach(actor=request.user, nomination=nomination, title=data["title"],
                                                   upload=data["file"]),
        done=lambda _: redirect("honours:nomination", nomination_id=nomination.pk), message=gettext("材料已上传。"),
        template="honours/form.html",
        context={"title": gettext("上传推荐材料 · %(name)s") % {"name": nomination.name}, "nomination": nomination, "multipart": True},
    )  # fmt: skip


attachment_download = web.kept_download(selectors.attachment_get_for_actor)


objection_record = _nomination_step.form(
    actions.objection_record, ObjectionForm, "objection_form", gettext_lazy("异议已登记，答复前不能表彰。")
)

objection_answer = _objection_step.form(
    actions.objection_answer, AnswerForm, "answer_form", gettext_lazy("异议已答复。")
)


@login_required
@require_POST
def objection_reveal(request: AuthedRequest, objection_id: int) -> HttpResponse:
    """The objector's contact in full, in place of the masked one (audited by the action)."""
    objection = selectors.objection_get_for_actor(actor=request.user, pk=objection_id)
    try:
        contact = actions.objection_reveal(actor=request.user, objection=objection)
    except ValidationError as exc:
        return web.refused_text(exc)
    return render(request, "honours/_objection_contact.html", {"o": objection, "contact": contact})


@login_required
@require_GET
def review(request: AuthedRequest) -> HttpResponse:
    waiting = selectors.nominations_to_review(actor=request.user)
    return render(request, "honours/review.html", {
        "rows": [(n, nomination_abilities(request.user, n)) for n in waiting[:200]],
        "quotas": selectors.my_quotas(actor=request.user),
        "objections": selectors.objections_to_answer(actor=request.user)[:200],
    })  # fmt: skip


# ---- 公示: the public page ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def notice(request: HttpRequest) -> HttpResponse:
    """The public 公示 page (no sign-in): only the published fields of each person, and a form
    for anyone to object to one of them with the reason and a contact."""
    token = request.GET.get("t", "")
    round = selectors.notice_round(token)
    rows = selectors.notice_rows(round)
    people = [(r["id"], f"{r['name']}（{r['unit']}）") for r in rows]
    form = PublicObjectionForm(request.POST or None, people=people)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            user = request.user if request.user.is_authenticated else None
            try:
                actions.objection_submit_public(
                    actor=user, round=round, nomination_id=form.cleaned_data["nomination"],
                    raised_by=form.cleaned_data["raised_by"], contact=form.cleaned_data["contact"],
                    content=form.cleaned_data["content"], client=client_ip(request) or "",
                )  # fmt: skip
            except ValidationError as exc:
                web.apply_errors(form, exc)
            else:
                messages.success(request, gettext("您的异议已提交，组织评选的工会将核实并答复。"))
                return redirect(f"{request.path}?t={token}")
        status = web.INVALID
    return render(request, "honours/notice.html", {"round": round, "rows": rows, "form": form}, status=status)
