"""Pages: the organiser's (fairs, employers, positions, seekers, check-in, result) and the
worker's (fairs open to them, registration on the phone, matched positions, the check-in code).
Each view parses, calls a selector or one action, renders; a refusal answers 422."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import qr, web
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.kernel.web import AuthedRequest, posted, submit

from . import actions, importing, selectors
from .abilities import (
    desk_abilities,
    desk_position_abilities,
    employer_abilities,
    fair_abilities,
    fairs_abilities,
    position_abilities,
    seeker_abilities,
    worker_abilities,
)
from .exports import result_csv, result_xlsx
from .forms import (
    CheckinForm,
    EmployerForm,
    FairForm,
    ImportForm,
    InterviewForm,
    InviteForm,
    PositionForm,
    ReasonForm,
    SeekerForm,
)
from .models import Employer, Fair, Position, Seeker

FORM = "jobfairs/form.html"


_fair = web.guarded(selectors.fair_get_for_actor, fair_abilities)


def _to_fair(fair: Fair) -> HttpResponse:
    return redirect("jobfairs:fair", fair_id=fair.pk)


# ---- fairs -----------------------------------------------------------------------------------


@login_required
@require_GET
def fair_list(request: AuthedRequest) -> HttpResponse:
    within = web.org_param(request, "within")
    new_org = within or web.first_org(request.user, "edit")
    rows = selectors.fair_list_for_actor(actor=request.user, within=within).filter(parent__isnull=True)[:200]
    return render(
        request,
        "jobfairs/fair_list.html",
        {
            "rows": rows,
            "within": within,
            "new_org": new_org,
            "org_ab": fairs_abilities(request.user, new_org) if new_org else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def fair_create(request: AuthedRequest) -> HttpResponse:
    org = web.org_for(request, fairs_abilities, "create", gettext("您没有可以举办招聘会的工会。"))
    parent_id = web.int_param(request, "parent")
    parent = _fair(request, parent_id, "add_venue") if parent_id else None
    venue_orgs = selectors.venue_orgs(actor=request.user, parent=parent) if parent else []
    by_pk = {o.pk: o for o in venue_orgs}
    initial = {"division": (parent or org).division, "public": True}
    if parent:
        initial.update(title=f"{parent.title}分会场", held_on=parent.held_on, kind=parent.kind)
    form = FairForm(posted(request), initial=initial, venue_orgs=venue_orgs)

    def act(d: dict[str, Any]) -> Fair:
        where = by_pk[d.pop("venue_org")] if parent else org
        return actions.fair_create(actor=request.user, org=where, parent=parent, **d)

    return submit(
        request,
        form,
        act=act,
        done=_to_fair,
        message=gettext("招聘会已登记；发布后求职者即可报名。"),
        template=FORM,
        context={
            "title": f"登记分会场 · {parent.title}" if parent else "登记招聘会",
            "org": org,
            "fair": parent,
        },
    )


@login_required
@require_GET
def fair_detail(request: AuthedRequest, fair_id: int) -> HttpResponse:
    fair = _fair(request, fair_id)
    return _fair_page(request, fair)


def _fair_page(request: AuthedRequest, fair: Fair, status: int = 200) -> HttpResponse:
    employers = list(selectors.employers_of(fair, actor=request.user))
    return render(
        request,
        "jobfairs/fair_detail.html",
        {
            "fair": fair,
            "ab": fair_abilities(request.user, fair),
            "employers": employers,
            "venues": selectors.fair_list_for_actor(actor=request.user).filter(parent=fair),
            "result": selectors.fair_result(fair),
            "reject_form": ReasonForm(),
        },
        status=status,
    )


# The steps of a record's page: the step's name (posted as `step`) gives its action, what it says
# when taken, and the posted fields the action is given.
Named = Mapping[str, tuple[Callable[..., Any], StrPromise, tuple[str, ...]]]
FAIR_STEPS: Named = {
    "publish": (actions.fair_publish, gettext_lazy("已发布，求职者可以报名。"), ()),
    "close": (actions.fair_close, gettext_lazy("招聘会已结束。"), ()),
    "cancel": (actions.fair_cancel, gettext_lazy("招聘会已取消。"), ()),
}
EMPLOYER_STEPS: Named = {
    "approve": (actions.employer_approve, gettext_lazy("已审核通过。"), ("booth",)),
    "reject": (actions.employer_reject, gettext_lazy("已不予通过。"), ("reason",)),
    "withdraw": (actions.employer_withdraw, gettext_lazy("已撤回。"), ()),
    "approve_positions": (actions.positions_approve, gettext_lazy("岗位已全部审核通过。"), ()),
}
POSITION_STEPS: Named = {
    "approve": (actions.position_approve, gettext_lazy("岗位已审核通过。"), ()),
    "reject": (actions.position_reject, gettext_lazy("岗位已不予通过。"), ("reason",)),
}


def _steps(
    steps: Named,
    get: Callable[..., Any],
    record: str,
    *,
    page: Callable[[AuthedRequest, Any], HttpResponse],
    done: Callable[[Any], HttpResponse],
    todo: str = "",
) -> Callable[..., HttpResponse]:
    """The view of a record's step buttons: the step the form names, taken on the record
    (`get(actor=, pk=)` finds it; the actions name it `record`) by the one button skeleton; an
    unknown step is a 404. A refusal shows the record's `page`; a success goes to `done(record)`,
    or back to the `todo` list the step was taken from."""

    @login_required
    @require_POST
    def view(request: AuthedRequest, **kwargs: Any) -> HttpResponse:
        (pk,) = kwargs.values()
        obj = get(actor=request.user, pk=pk)
        name = request.POST.get("step", "")
        if name not in steps:
            raise Http404("没有这个办理步骤")
        action, message, fields = steps[name]
        given = {field: request.POST.get(field, "") for field in fields}
        back = todo and request.POST.get("back") == "todo"
        return web.step(
            request,
            act=lambda: action(actor=request.user, **{record: obj}, **given),
            done=lambda _: redirect(todo) if back else done(obj),
            refused=lambda: page(request, obj),
            message=str(message),
        )

    view.__name__ = view.__qualname__ = f"{record}_step"
    return view


fair_step = _steps(FAIR_STEPS, selectors.fair_get_for_actor, "fair", page=_fair_page, done=_to_fair)


# ---- employers -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def employer_create(request: AuthedRequest, fair_id: int) -> HttpResponse:
    fair = _fair(request, fair_id, "add_employer")
    form = EmployerForm(posted(request))
    return submit(
        request,
        form,
        act=lambda d: actions.employer_register(actor=request.user, fair=fair, **d),
        done=lambda e: redirect("jobfairs:employer", employer_id=e.pk),
        message=lambda e: (
            (
                gettext("「%(name)s」已登记（已关联单位名录），待审核。")
                if e.unit_id
                else gettext("「%(name)s」已登记，待审核。")
            )
            % {"name": e.name}
        ),
        template=FORM,
        context={"title": f"登记参会单位 · {fair.title}", "fair": fair},
    )


def _employer_page(request: AuthedRequest, employer: Employer, status: int = 200) -> HttpResponse:
    return render(
        request,
        "jobfairs/employer_detail.html",
        {
            "employer": employer,
            "fair": employer.fair,
            "ab": employer_abilities(request.user, employer),
            "positions": [(p, position_abilities(request.user, p)) for p in selectors.positions_of(employer)],
            "reject_form": ReasonForm(),
        },
        status=status,
    )


_employer_for = web.guarded(selectors.employer_get_for_actor, employer_abilities)


employer_detail = web.record_page(selectors.employer_get_for_actor, _employer_page)


employer_step = _steps(
    EMPLOYER_STEPS, selectors.employer_get_for_actor, "employer", page=_employer_page,
    done=lambda e: redirect("jobfairs:employer", employer_id=e.pk), todo="jobfairs:todo_employers",
)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def position_create(request: AuthedRequest, employer_id: int) -> HttpResponse:
    employer = _employer_for(request, employer_id, "add_position")
    form = PositionForm(posted(request), division=employer.fair.division)
    return submit(
        request,
        form,
        act=lambda d: actions.position_post(actor=request.user, employer=employer, **d),
        done=lambda p: redirect("jobfairs:employer", employer_id=employer.pk),
        message=lambda p: gettext("岗位「%(title)s」已发布，待主办工会审核。") % {"title": p.title},
        template=FORM,
        context={"title": f"发布岗位 · {employer.name}", "fair": employer.fair, "employer": employer},
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_invite(request: AuthedRequest, employer_id: int) -> HttpResponse:
    """The organiser gives the employer's contact a login by their mobile."""
    employer = _employer_for(request, employer_id, "invite")
    form = InviteForm(posted(request), initial={"phone": employer.contact_phone})
    return submit(
        request, form,
        act=lambda d: actions.employer_invite(actor=request.user, employer=employer, phone=d["phone"]),
        done=lambda _: redirect("jobfairs:employer", employer_id=employer.pk),
        message=gettext("已开通单位账号，并已发短信通知联系人。"),
        template=FORM,
        context={"title": f"开通单位账号 · {employer.name}", "fair": employer.fair, "employer": employer},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def fair_import(request: AuthedRequest, fair_id: int) -> HttpResponse:
    """Employers and positions from the organiser's sheet: all rows or none."""
    fair = _fair(request, fair_id, "import_employers")
    return web.sheet_import(
        request, ImportForm(*(posted(request, files=True) or ())),
        act=lambda data, name: importing.fair_import(actor=request.user, fair=fair, data=data, filename=name),
        done=lambda _: redirect("jobfairs:fair", fair_id=fair.pk),
        message=lambda outcome: gettext(
            "已导入%(employers)s家单位（%(linked)s家关联了单位名录）和%(positions)s个岗位，待审核。"
        ) % {"employers": outcome.employers, "linked": outcome.linked, "positions": outcome.positions},
        template="jobfairs/import.html", context={"fair": fair},
    )  # fmt: skip


@login_required
@require_GET
def fair_import_template(request: AuthedRequest, fair_id: int) -> HttpResponseBase:
    _fair(request, fair_id, "import_employers")
    buf = io.BytesIO()
    importing.template_xlsx(buf)
    return web.download(buf.getvalue(), "参会单位和岗位导入模板.xlsx", web.XLSX)


# ---- the employer's own desk (招聘单位账号) ----------------------------------------------------

DESK_FORM = "jobfairs/desk_form.html"


@login_required
@require_GET
def desk(request: AuthedRequest) -> HttpResponse:
    """An employer's login: the fairs it takes part in, with its positions."""
    employers = list(selectors.employers_for_login(request.user))
    return render(request, "jobfairs/desk.html", {
        "employers": [(e, desk_abilities(request.user, e), list(selectors.positions_of(e))) for e in employers],
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def desk_position_create(request: AuthedRequest, employer_id: int) -> HttpResponse:
    employer = selectors.employer_get_for_login(actor=request.user, pk=employer_id)
    desk_abilities(request.user, employer).require("add_position")
    form = PositionForm(posted(request), division=employer.fair.division)
    return submit(
        request, form,
        act=lambda d: actions.position_post(actor=request.user, employer=employer, **d),
        done=lambda p: redirect("jobfairs:desk_position", position_id=p.pk),
        message=lambda p: gettext("岗位「%(title)s」已发布，待主办工会审核。") % {"title": p.title},
        template=DESK_FORM, context={"title": f"发布岗位 · {employer.name}", "employer": employer},
    )  # fmt: skip


def _desk_position_page(
    request: AuthedRequest, position: Position, status: int = 200, form: Any = None
) -> HttpResponse:
    ab = desk_position_abilities(request.user, position)
    return render(request, "jobfairs/desk_position.html", {
        "position": position, "employer": position.employer, "ab": ab,
        "matches": selectors.masked_matches(position) if ab.matches else [],
        "interviews": selectors.interviews_masked(position), "form": form or InterviewForm(),
    }, status=status)  # fmt: skip


desk_position = web.record_page(selectors.position_get_for_login, _desk_position_page)


@login_required
@require_http_methods(["GET", "POST"])
def desk_position_edit(request: AuthedRequest, position_id: int) -> HttpResponse:
    position = selectors.position_get_for_login(actor=request.user, pk=position_id)
    desk_position_abilities(request.user, position).require("edit")
    initial = {f: getattr(position, f) for f in ("title", "openings", "pay_min", "pay_max", "industry",
                                                   "division", "place", "skills", "requirements")}  # fmt: skip
    form = PositionForm(posted(request), initial=initial, division=position.fair.division)
    return submit(
        request, form,
        act=lambda d: actions.position_update(actor=request.user, position=position, **d),
        done=lambda p: redirect("jobfairs:desk_position", position_id=position.pk),
        message=gettext("岗位已修改，待主办工会重新审核。"),
        template=DESK_FORM,
        context={"title": f"修改岗位 · {position.title}", "employer": position.employer},
    )  # fmt: skip


@login_required
@require_POST
def desk_interview(request: AuthedRequest, position_id: int) -> HttpResponse:
    position = selectors.position_get_for_login(actor=request.user, pk=position_id)
    desk_position_abilities(request.user, position).require("interview")
    return _interview(request, position, to="jobfairs:desk_position", page=_desk_position_page,
                      template="jobfairs/desk_position.html")  # fmt: skip


# ---- positions -------------------------------------------------------------------------------


def _position_page(
    request: AuthedRequest, position: Position, status: int = 200, form: Any = None
) -> HttpResponse:
    ab = position_abilities(request.user, position)
    return render(
        request,
        "jobfairs/position_detail.html",
        {
            "position": position,
            "fair": position.fair,
            "ab": ab,
            "matches": selectors.matches_for_position(position) if ab.matches else [],
            "interviews": position.interviews.select_related("seeker").order_by("-at"),
            "form": form or InterviewForm(),
            "reject_form": ReasonForm(),
        },
        status=status,
    )


position_detail = web.record_page(selectors.position_get_for_actor, _position_page)


position_step = _steps(
    POSITION_STEPS, selectors.position_get_for_actor, "position", page=_position_page,
    done=lambda p: redirect("jobfairs:position", position_id=p.pk), todo="jobfairs:todo_positions",
)  # fmt: skip


_position_for = web.guarded(selectors.position_get_for_actor, position_abilities)


@login_required
@require_POST
def interview_record(request: AuthedRequest, position_id: int) -> HttpResponse:
    position = _position_for(request, position_id, "interview")
    return _interview(request, position, to="jobfairs:position", page=_position_page,
                      template="jobfairs/position_detail.html")  # fmt: skip


def _interview(
    request: AuthedRequest, position: Any, *, to: str, page: Callable[..., HttpResponse], template: str
) -> HttpResponse:
    """The interview form of a position's page, the organiser's or the employer's desk: a refused
    one shows that page again with the message next to its field."""
    form = InterviewForm(request.POST)

    def act(d: dict[str, Any]) -> Any:
        seeker = selectors.seeker_by_number(d["seeker"])
        if seeker is None:
            raise Refused({"seeker": gettext("没有这个求职者编号。")})
        return actions.interview_record(
            actor=request.user, position=position, seeker=seeker, outcome=d["outcome"], note=d["note"]
        )

    response = submit(
        request, form, act=act, done=lambda _: redirect(to, position_id=position.pk),
        message=gettext("面试结果已登记。"), template=template,
    )  # fmt: skip
    if response.status_code == web.INVALID:
        return page(request, position, status=web.INVALID, form=form)
    return response


# ---- seekers, check-in -----------------------------------------------------------------------


@login_required
@require_GET
def seeker_list(request: AuthedRequest, fair_id: int) -> HttpResponse:
    fair = _fair(request, fair_id)
    rows = selectors.seekers_of(fair, actor=request.user).order_by("-id")[:500]
    return render(
        request,
        "jobfairs/seeker_list.html",
        {"fair": fair, "rows": rows, "ab": fair_abilities(request.user, fair)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def seeker_enrol(request: AuthedRequest, fair_id: int) -> HttpResponse:
    fair = _fair(request, fair_id, "enrol")
    form = SeekerForm(posted(request), division=fair.division, walk_in=True)
    return submit(
        request,
        form,
        act=lambda d: actions.seeker_register(actor=request.user, fair=fair, walk_in=True, **d),
        done=lambda s: redirect("jobfairs:seeker", seeker_id=s.pk),
        message=lambda s: (
            gettext("已为「%(name)s」登记，求职者编号 %(number)s。") % {"name": s.name, "number": s.pk}
        ),
        template=FORM,
        context={"title": f"现场求职登记 · {fair.title}", "fair": fair},
    )


def _seeker_page(
    request: AuthedRequest, seeker: Seeker, revealed: dict[str, str] | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "jobfairs/seeker_detail.html",
        {
            "seeker": seeker,
            "fair": seeker.fair,
            "ab": seeker_abilities(request.user, seeker),
            "revealed": revealed or {},
            "matches": selectors.matches_for_seeker(seeker),
            "interviews": seeker.interviews.select_related("position", "position__employer"),
        },
        status=status,
    )


seeker_detail = web.record_page(selectors.seeker_get_for_actor, _seeker_page)


@login_required
@require_POST
def seeker_reveal(request: AuthedRequest, seeker_id: int) -> HttpResponse:
    seeker = selectors.seeker_get_for_actor(actor=request.user, pk=seeker_id)
    shown = actions.seeker_reveal(actor=request.user, seeker=seeker)
    return _seeker_page(request, seeker, revealed=shown)


seeker_checkin = web.Steps(
    get=selectors.seeker_get_for_actor, record="seeker", page=_seeker_page,
    done=lambda s: redirect("jobfairs:seeker", seeker_id=s.pk),
)(actions.seeker_checkin, gettext_lazy("已签到。"), extra=lambda _request, s: {"fair": s.fair})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request: AuthedRequest, fair_id: int) -> HttpResponse:
    fair = _fair(request, fair_id, "checkin")
    form = CheckinForm(posted(request))
    recent = (
        selectors.seekers_of(fair, actor=request.user)
        .filter(checked_in_at__isnull=False)
        .order_by("-checked_in_at")[:10]
    )
    return submit(
        request,
        form,
        act=lambda d: actions.seeker_checkin(actor=request.user, fair=fair, code=d["code"]),
        done=lambda s: redirect("jobfairs:checkin", fair_id=fair.pk),
        message=lambda s: (
            gettext("%(name)s（编号 %(number)s）签到成功，%(time)s。")
            % {"name": s.name, "number": s.pk, "time": f"{s.checked_in_at:%H:%M}"}
        ),
        template="jobfairs/checkin.html",
        context={"fair": fair, "recent": recent, "result": selectors.fair_result(fair)},
    )


# ---- result ----------------------------------------------------------------------------------


@login_required
@require_GET
def result(request: AuthedRequest, fair_id: int) -> HttpResponse:
    fair = _fair(request, fair_id, "result")
    res = selectors.fair_result(fair)
    return render(
        request, "jobfairs/result.html", {"fair": fair, "result": res, "chart": selectors.result_chart(res)}
    )


@login_required
@require_GET
def export(request: AuthedRequest, fair_id: int) -> HttpResponseBase:
    fair = _fair(request, fair_id, "result")
    fmt = web.choice_param(request, "format", ("xlsx", "csv")) or "xlsx"
    res = selectors.fair_result(fair)
    _audit_export(request, fair, fmt)
    if fmt == "csv":
        return web.download(
            (line.encode() for line in result_csv(actor=request.user, result=res)),
            web.filename(f"{fair.title}_岗位", "csv"), web.CSV,
        )  # fmt: skip
    return web.download(
        result_xlsx(actor=request.user, result=res), web.filename(f"{fair.title}_成果", "xlsx"), web.XLSX
    )


def _audit_export(request: AuthedRequest, fair: Fair, fmt: str) -> None:
    from django.db import transaction

    with transaction.atomic():
        audit(actor=request.user, action="jobfairs.result.export", obj=fair, org=fair.org,
              detail={"fair": fair.title, "format": fmt})  # fmt: skip


# ---- to-dos ----------------------------------------------------------------------------------


@login_required
@require_GET
def todo_employers(request: AuthedRequest) -> HttpResponse:
    rows = [
        (e, employer_abilities(request.user, e))
        for e in selectors.employers_to_approve(actor=request.user)[:300]
    ]
    return render(request, "jobfairs/todo_employers.html", {"rows": rows, "reject_form": ReasonForm()})


@login_required
@require_GET
def todo_positions(request: AuthedRequest) -> HttpResponse:
    rows = [
        (p, position_abilities(request.user, p))
        for p in selectors.positions_to_approve(actor=request.user)[:300]
    ]
    return render(request, "jobfairs/todo_positions.html", {"rows": rows})


# ---- the worker's side -----------------------------------------------------------------------


def worker_fair_url(fair: Fair) -> str:
    return f"{reverse('jobfairs:worker_fair')}?fair={fair.pk}"


@login_required
@require_GET
def worker_home(request: AuthedRequest) -> HttpResponse:
    mine = list(selectors.my_seekers(request.user))
    taken = {s.fair_id for s in mine}
    fairs = [f for f in selectors.fairs_open_to(request.user) if f.pk not in taken]
    return render(request, "jobfairs/worker_home.html", {"mine": mine, "fairs": fairs})


def _worker_fair(request: AuthedRequest) -> Fair:
    pk = web.int_param(request, "fair")
    if pk is None:
        raise Http404("请选择招聘会")
    return selectors.fair_for_worker(actor=request.user, pk=pk)


@login_required
@require_GET
def worker_fair(request: AuthedRequest) -> HttpResponse:
    fair = _worker_fair(request)
    seeker = selectors.my_seeker(request.user, fair)
    ab = worker_abilities(request.user, fair)
    code = actions.ticket(seeker) if seeker and ab.ticket else ""
    return render(
        request,
        "jobfairs/worker_fair.html",
        {
            "fair": fair,
            "seeker": seeker,
            "ab": ab,
            "matches": selectors.matches_for_seeker(seeker) if seeker else [],
            "positions": selectors.open_positions(fair)[:20] if not seeker else [],
            "code": code,
            "qr": qr.svg(code, box_size=6) if code else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def worker_register(request: AuthedRequest) -> HttpResponse:
    fair = _worker_fair(request)
    worker_abilities(request.user, fair).require("register", gettext("该招聘会现在不接受您的报名。"))
    form = SeekerForm(posted(request), division=fair.division, initial={"name": request.user.get_full_name()})
    return submit(
        request,
        form,
        act=lambda d: actions.seeker_register(actor=request.user, fair=fair, **d),
        done=lambda s: redirect(worker_fair_url(fair)),
        message=gettext("报名成功！下面是为您匹配的岗位；招聘会当天出示签到码。"),
        template="jobfairs/worker_register.html",
        context={"fair": fair},
    )
