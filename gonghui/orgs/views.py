"""Pages of the organisation tree. Each view parses, calls one selector or action, renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.common import scope
from gonghui.common.forms import apply_errors
from gonghui.common.http import AuthedRequest, int_param
from gonghui.common.masking import mask_bank_account

from . import actions, selectors
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
            "breadcrumbs": selectors.org_breadcrumbs_for_actor(actor=user, org=org),
            "children": selectors.org_children_for_actor(actor=user, parent=org)[:200],
            "subtree": selectors.subtree_count(org),
            "events": selectors.org_events(org)[:50],
            "bank_masked": mask_bank_account(org.bank_account) if org.bank_account else "",
            "can_edit": scope.can(user, "edit", org) and org.is_active,
            "can_manage": scope.can(user, "manage", org) and org.is_active,
            "can_manage_parent": org.parent is not None
            and scope.can(user, "manage", org.parent)
            and org.is_active,
            "can_reveal": scope.can(user, "reveal", org),
            "can_audit": scope.can(user, "audit", org),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def org_edit(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = selectors.org_get_for_actor(actor=request.user, pk=org_id, perm="edit")
    form = OrgForm(request.POST if request.method == "POST" else None, instance=Org.objects.get(pk=org.pk))
    if request.method == "POST" and form.is_valid():
        try:
            actions.org_update(actor=request.user, org=org, **form.values())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("orgs:detail", org_id=org.pk)
    return render(request, "orgs/form.html", {"form": form, "org": org, "title": f"修改「{org.name}」"})


@login_required
@require_http_methods(["GET", "POST"])
def org_create_child(request: AuthedRequest, org_id: int) -> HttpResponse:
    parent = selectors.org_get_for_actor(actor=request.user, pk=org_id, perm="manage")
    form = OrgCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            values = form.values()
            child = actions.org_create(
                actor=request.user, parent=parent, level=form.cleaned_data["level"], **values
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已新建「{child.name}」。")
            return redirect("orgs:detail", org_id=child.pk)
    return render(
        request, "orgs/form.html", {"form": form, "org": parent, "title": f"在「{parent.name}」下新建组织"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def org_move(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = selectors.org_get_for_actor(actor=request.user, pk=org_id)
    form = ParentPickForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            new_parent = selectors.org_get_for_actor(
                actor=request.user, pk=form.cleaned_data["new_parent"], perm="manage"
            )
            actions.org_move(
                actor=request.user, org=org, new_parent=new_parent,
                on=form.cleaned_data["on"], note=form.cleaned_data["note"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已将「{org.name}」调整到「{new_parent.name}」之下。")
            return redirect("orgs:detail", org_id=org.pk)
    return render(
        request, "orgs/pick.html",
        {"form": form, "org": org, "title": f"调整「{org.name}」的隶属关系", "field": "new_parent",
         "verb": "调整到所选工会之下"},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def org_merge(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = selectors.org_get_for_actor(actor=request.user, pk=org_id)
    form = MergeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            target = selectors.org_get_for_actor(
                actor=request.user, pk=form.cleaned_data["target"], perm="manage"
            )
            actions.org_merge(
                actor=request.user, source=org, target=target,
                on=form.cleaned_data["on"], note=form.cleaned_data["note"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"「{org.name}」已并入「{target.name}」。")
            return redirect("orgs:detail", org_id=target.pk)
    return render(
        request, "orgs/pick.html",
        {"form": form, "org": org, "title": f"将「{org.name}」并入其他工会", "field": "target", "verb": "并入所选工会"},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def org_split(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = selectors.org_get_for_actor(actor=request.user, pk=org_id)
    children = selectors.org_children_for_actor(actor=request.user, parent=org)
    form = SplitForm(request.POST if request.method == "POST" else None)
    form.fields["children"].choices = [(str(c.pk), c.name) for c in children if c.is_active]  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        chosen = [c for c in children if str(c.pk) in form.cleaned_data["children"]]
        try:
            new_org = actions.org_split(
                actor=request.user, org=org, new_name=form.cleaned_data["new_name"],
                children=chosen, on=form.cleaned_data["on"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已从「{org.name}」分立出「{new_org.name}」。")
            return redirect("orgs:detail", org_id=new_org.pk)
    return render(request, "orgs/form.html", {"form": form, "org": org, "title": f"分立「{org.name}」"})


@login_required
@require_http_methods(["GET", "POST"])
def org_dissolve(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = selectors.org_get_for_actor(actor=request.user, pk=org_id)
    form = DissolveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.org_dissolve(
                actor=request.user, org=org, reason=form.cleaned_data["reason"], on=form.cleaned_data["on"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已撤销「{org.name}」。")
            return redirect("orgs:detail", org_id=org.pk)
    return render(
        request, "orgs/form.html", {"form": form, "org": org, "title": f"撤销「{org.name}」", "danger": True}
    )


@login_required
@require_POST
def org_reveal_bank_account(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = selectors.org_get_for_actor(actor=request.user, pk=org_id, perm="reveal")
    value = actions.org_reveal_bank_account(actor=request.user, org=org)
    return render(request, "orgs/_revealed.html", {"value": value})
