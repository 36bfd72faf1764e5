"""Pages of labour and skills competitions: the list, a competition with its items, entrants,
scores and ranking, and the forms that change them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import BaseForm
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import web
from gonghui.kernel.web import AuthedRequest, posted, submit
from gonghui.orgs.models import Org

from . import actions, selectors
from .abilities import competition_abilities, org_abilities
from .forms import AwardsForm, CompetitionForm, EntrantForm, HonourForm, ItemForm, ScoresForm
from .models import Competition
from .views import _org


@login_required
@require_GET
def competition_list(request: AuthedRequest) -> HttpResponse:
    org = _org(request)
    return render(
        request, "targets/competitions.html",
        {"org": org, "org_ab": org_abilities(request.user, org),
         "rows": selectors.competitions_for_actor(actor=request.user, within=org)[:200]},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def competition_create(request: AuthedRequest) -> HttpResponse:
    org = web.org_for(request, org_abilities, "set_target", gettext("您没有可以登记竞赛的工会。"))
    return submit(
        request, CompetitionForm(posted(request)),
        act=lambda data: actions.competition_create(actor=request.user, org=org, **data),
        done=lambda c: redirect("targets:competition", competition_id=c.pk),
        message=lambda c: gettext("已登记「%(name)s」。") % {"name": c.name},
        template="targets/form.html", context={"title": gettext("登记竞赛 · %(name)s") % {"name": org.name}, "org": org},
    )  # fmt: skip


def _detail(request: AuthedRequest, competition: Any) -> dict[str, Any]:
    items, rows = selectors.competition_table(competition)
    ab = competition_abilities(request.user, competition)
    return {
        "c": competition, "ab": ab, "items": items, "rows": rows, "org": competition.org,
        "item_form": ItemForm() if ab.add_item else None,
        "entrant_form": EntrantForm(orgs=_entrant_orgs(competition.org)) if ab.add_entrant else None,
        "awards_form": AwardsForm() if ab.close else None,
        "honour_form": HonourForm(kinds=selectors.honour_kinds_for(competition)) if ab.honour else None,
        "held_back": selectors.competition_held_back(request.user, competition),
    }  # fmt: skip


def _entrant_orgs(org: Org) -> Any:
    return Org.objects.filter(pk=org.pk) | selectors.children_of(org)


@login_required
@require_GET
def competition_detail(request: AuthedRequest, competition_id: int) -> HttpResponse:
    competition = selectors.competition_get_for_actor(actor=request.user, pk=competition_id)
    return render(request, "targets/competition.html", _detail(request, competition))


def _on_competition(
    request: AuthedRequest,
    competition_id: int,
    form: Callable[[Competition], BaseForm],
    *,
    act: Callable[..., Any],
    message: Callable[[Any], str],
    title: str,
) -> HttpResponse:
    """A small form that adds to a competition (`act(actor=, competition=, **data)`), then back to
    its page; `title` names the competition as %(name)s."""
    competition = selectors.competition_get_for_actor(actor=request.user, pk=competition_id, perm="edit")
    return submit(
        request, form(competition),
        act=lambda data: act(actor=request.user, competition=competition, **data),
        done=lambda _r: redirect("targets:competition", competition_id=competition.pk),
        message=message, template="targets/form.html",
        context={"title": title % {"name": competition.name}, "org": competition.org},
    )  # fmt: skip


@login_required
@require_POST
def item_add(request: AuthedRequest, competition_id: int) -> HttpResponse:
    return _on_competition(
        request, competition_id, lambda _c: ItemForm(request.POST), act=actions.item_add,
        message=lambda i: gettext("已添加评分项目「%(name)s」。") % {"name": i.name},
        title=gettext("添加评分项目 · %(name)s"),
    )  # fmt: skip


@login_required
@require_POST
def entrant_add(request: AuthedRequest, competition_id: int) -> HttpResponse:
    return _on_competition(
        request, competition_id, lambda c: EntrantForm(request.POST, orgs=_entrant_orgs(c.org)),
        act=actions.entrant_add,
        message=lambda e: gettext("已登记参赛选手（队）「%(name)s」。") % {"name": e.name},
        title=gettext("登记参赛选手（队） · %(name)s"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def scores_record(request: AuthedRequest, entrant_id: int) -> HttpResponse:
    entrant = selectors.entrant_get_for_actor(actor=request.user, pk=entrant_id, perm="edit")
    competition = entrant.competition
    competition_abilities(request.user, competition).require("score")
    current = {s.item_id: s.score for s in entrant.scores.all()}
    form = ScoresForm(posted(request), items=list(competition.items.all()), current=current)
    return submit(
        request, form,
        act=lambda _data: actions.scores_record(actor=request.user, entrant=entrant, scores=form.scores()),
        done=lambda _e: redirect("targets:competition", competition_id=competition.pk),
        message=lambda e: gettext("已录入「%(name)s」的得分。") % {"name": e.name},
        template="targets/form.html", context={"title": gettext("录入得分 · %(entrant)s") % {"entrant": entrant}, "org": competition.org},
    )  # fmt: skip


@login_required
@require_POST
def competition_step(request: AuthedRequest, competition_id: int, step: str) -> HttpResponse:
    competition = selectors.competition_get_for_actor(actor=request.user, pk=competition_id, perm="edit")
    if step == "start":
        act = lambda: actions.competition_start(actor=request.user, competition=competition)  # noqa: E731
        message = "已开始评分。"
    else:
        form = AwardsForm(request.POST)
        counts = [form.data.get(k, "0") for k in ("first", "second", "third")]
        act = lambda: actions.competition_close(actor=request.user, competition=competition, awards=counts)  # noqa: E731
        message = "已公布竞赛结果。"
    return web.step(
        request, act=act,
        done=lambda c: redirect("targets:competition", competition_id=c.pk),
        refused=lambda: render(request, "targets/competition.html", _detail(request, competition)),
        message=message,
    )  # fmt: skip


@login_required
@require_POST
def competition_honour(request: AuthedRequest, competition_id: int) -> HttpResponse:
    return _on_competition(
        request, competition_id, lambda c: HonourForm(request.POST, kinds=selectors.honour_kinds_for(c)),
        act=actions.competition_honour,
        message=lambda h: gettext("已将%(count)s名获奖者记入荣誉档案。") % {"count": len(h)},
        title="获奖者记入荣誉档案 · %(name)s",
    )  # fmt: skip


@login_required
@require_GET
def competition_export(request: AuthedRequest, competition_id: int) -> HttpResponseBase:
    from gonghui.kernel.exporting import Sheet, csv_bytes, xlsx_bytes

    competition = selectors.competition_get_for_actor(actor=request.user, pk=competition_id)
    fmt = web.choice_param(request, "format", ["xlsx", "csv"]) or "xlsx"
    header, rows = selectors.competition_sheet(competition)
    actions.competition_export_record(actor=request.user, competition=competition, fmt=fmt)
    name = web.filename(f"竞赛成绩_{competition.name}", fmt)
    title = f"{competition.name}成绩表（{competition.org.name}）"
    if fmt == "csv":
        return web.download(csv_bytes(rows, header=header, title=title, actor=request.user), name, web.CSV)
    sheet = Sheet("成绩", header=header, rows=rows, title=title, widths=[6, 16, 24, 24], frozen=2)
    return web.download(xlsx_bytes(sheet, actor=request.user), name, web.XLSX)
