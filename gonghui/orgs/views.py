"""Pages of the organisation tree. Each view parses, calls one selector or action, renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel.masking import mask_bank_account
from gonghui.kernel.registry import registry
from gonghui.kernel.web import AuthedRequest, guarded, int_param, posted, submit

from . import actions, selectors
from .abilities import org_abilities
from .forms import DissolveForm, MergeForm, OrgCreateForm, OrgForm, ParentPickForm, SplitForm
from .models import Level, Org, Status

TREE_LEVEL_LIMIT = 200


@login_required
@require_GET
def org_list(request: AuthedRequest) -> HttpResponse:
    within_id = int_param(request, "within")
    within = selectors.org_get_for_actor(actor=request.user, pk=within_id) if within_id else None
    rows, next_cursor = selectors.org_list_for_actor(
        actor=request.user,
        q=request.GET.get("q", ""),
        level=request.GET.get("level", ""),
        status=request.GET.get("status", ""),
        within=within,
        after=request.GET.get("after", ""),
    )
    params = request.GET.copy()
    if next_cursor:
        params["after"] = next_cursor
    return render(
        request,
        "orgs/list.html",
        {
            "rows": rows,
            "within": within,
            "next_query": params.urlencode() if next_cursor else "",
            "levels": Level.choices,
            "statuses": Status.choices,
        },
    )


@login_required
@require_GET
def org_tree(request: AuthedRequest) -> HttpResponse:
    """One level of the navigator, loaded on demand (the tree holds 200,000 nodes)."""
    parent_id = int_param(request, "parent")
    parent = selectors.org_get_for_actor(actor=request.user, pk=parent_id) if parent_id else None
    nodes = selectors.org_children_for_actor(actor=request.user, parent=parent, limit=TREE_LEVEL_LIMIT)
    more = parent.child_count - len(nodes) if parent is not None and len(nodes) == TREE_LEVEL_LIMIT else 0
    return render(request, "orgs/_tree_nodes.html", {"nodes": nodes, "parent": parent, "more": more})


@login_required
@require_GET
def org_search(request: AuthedRequest) -> HttpResponse:
    """Picker results for a move or merge: only orgs where the actor may manage."""
    found = selectors.org_search_for_actor(actor=request.user, q=request.GET.get("q", ""), perm="manage")
    return render(
        request, "orgs/_picker_results.html", {"found": found, "field": request.GET.get("field", "")}
    )


@login_required
@require_GET
def org_detail(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = selectors.org_get_for_actor(actor=request.user, pk=org_id)
    user = request.user
    return render(
        request,
        "orgs/detail.html",
        {
            "org": org,
            "ab": org_abilities(user, org),
            "dissolution_blockers": selectors.org_dissolution_blockers(user, org),
            "breadcrumbs": selectors.org_breadcrumbs_for_actor(actor=user, org=org),
            "children": selectors.org_children_for_actor(actor=user, parent=org)[:200],
            "subtree": selectors.subtree_count(org),
            "events": selectors.org_events(org)[:50],
            "bank_masked": mask_bank_account(org.bank_account) if org.bank_account else "",
            # Every module's key figures of the union and what this person may start there.
            "figures": registry.figures(user, org),
            "shortcuts": registry.shortcuts(user, org),
        },
    )


_org_for = guarded(selectors.org_get_for_actor, org_abilities)


def _detail(org: Org) -> HttpResponse:
    return redirect("orgs:detail", org_id=org.pk)


def _form(
    request: AuthedRequest,
    org: Org,
    form: BaseForm,
    *,
    act: Callable[[dict[str, Any]], Any],
    message: Any,
    title: str,
    template: str = "orgs/form.html",
    **more: Any,
) -> HttpResponse:
    """A form that changes the tree at `org`, back to the union's page once done."""
    return submit(
        request, form, act=act, done=_detail, message=message,
        template=template, context={"org": org, "title": title, **more},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def org_edit(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = _org_for(request, org_id, "edit")
    form = OrgForm(posted(request), instance=Org.objects.get(pk=org.pk))
    return _form(
        request, org, form,
        act=lambda _: actions.org_update(actor=request.user, org=org, **form.values()),
        message=gettext("已保存。"), title=gettext("修改「%(name)s」") % {"name": org.name},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def org_create_child(request: AuthedRequest, org_id: int) -> HttpResponse:
    parent = _org_for(request, org_id, "create_child")
    form = OrgCreateForm(posted(request))
    return _form(
        request, parent, form,
        act=lambda data: actions.org_create(actor=request.user, parent=parent, level=data["level"], **form.values()),
        message=lambda child: gettext("已新建「%(name)s」。") % {"name": child.name},
        title=gettext("在「%(name)s」下新建组织") % {"name": parent.name},
    )  # fmt: skip


def _pick(
    request: AuthedRequest,
    org: Org,
    form: BaseForm,
    field: str,
    *,
    act: Callable[[Org, dict[str, Any]], Org],
    message: Callable[[Org], str],
    title: str,
    verb: str,
) -> HttpResponse:
    """A form on `org` that picks another union, one the person manages: `act(picked, data)`."""

    def act_on_picked(data: dict[str, Any]) -> Org:
        picked = selectors.org_get_for_actor(actor=request.user, pk=data[field], perm="manage")
        return act(picked, data)

    return _form(
        request, org, form, act=act_on_picked, message=message, title=title,
        template="orgs/pick.html", field=field, verb=verb,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def org_move(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = _org_for(request, org_id, "move")
    return _pick(
        request, org, ParentPickForm(posted(request)), "new_parent",
        act=lambda parent, data: actions.org_move(
            actor=request.user, org=org, new_parent=parent, on=data["on"], note=data["note"]
        ),
        message=lambda moved: gettext("已将「%(name)s」调整到「%(value)s」之下。") % {"name": moved.name, "value": moved.parent.name if moved.parent else ''},
        title=gettext("调整「%(name)s」的隶属关系") % {"name": org.name}, verb="调整到所选工会之下",
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def org_merge(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = _org_for(request, org_id, "merge")
    return _pick(
        request, org, MergeForm(posted(request)), "target",
        act=lambda target, data: actions.org_merge(
            actor=request.user, source=org, target=target, on=data["on"], note=data["note"]
        ),
        message=lambda target: gettext("「%(name)s」已并入「%(name2)s」。") % {"name": org.name, "name2": target.name},
        title=gettext("将「%(name)s」并入其他工会") % {"name": org.name}, verb="并入所选工会",
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def org_split(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = _org_for(request, org_id, "split")
    children = [c for c in selectors.org_children_for_actor(actor=request.user, parent=org) if c.is_active]
    form = SplitForm(posted(request))
    form.fields["children"].choices = [(str(c.pk), c.name) for c in children]  # type: ignore[attr-defined]
    return _form(
        request, org, form,
        act=lambda data: actions.org_split(
            actor=request.user, org=org, new_name=data["new_name"], on=data["on"],
            children=[c for c in children if str(c.pk) in data["children"]],
        ),
        message=lambda new_org: gettext("已从「%(name)s」分立出「%(name2)s」。") % {"name": org.name, "name2": new_org.name},
        title=gettext("分立「%(name)s」") % {"name": org.name},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def org_dissolve(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = _org_for(request, org_id, "dissolve")
    form = DissolveForm(posted(request))
    return _form(
        request, org, form,
        act=lambda data: actions.org_dissolve(actor=request.user, org=org, reason=data["reason"], on=data["on"]),
        message=gettext("已撤销「%(name)s」。") % {"name": org.name},
        title=gettext("撤销「%(name)s」") % {"name": org.name}, danger=True,
    )  # fmt: skip


@login_required
@require_POST
def org_reveal_bank_account(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = selectors.org_get_for_actor(actor=request.user, pk=org_id, perm="reveal")
    value = actions.org_reveal_bank_account(actor=request.user, org=org)
    return render(request, "orgs/_revealed.html", {"value": value})
