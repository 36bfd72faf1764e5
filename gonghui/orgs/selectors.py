"""Reads of the organisation tree, always through the scope module."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from gonghui.kernel import scope
from gonghui.kernel.codes import CodeError, credit_code_check
from gonghui.kernel.errors import Refused
from gonghui.kernel.filters import narrowed
from gonghui.kernel.paging import keyset_page

from .models import Level, Org, OrgEvent, OrgVersion, Status


def org_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Org:
    """The org, or PermissionDenied outside the actor's scope (404 when it does not exist)."""
    return scope.get_for(Org.objects.select_related("parent"), actor, perm, org_field="", pk=pk)


def org_list_for_actor(
    *,
    actor: Any,
    q: str = "",
    level: str = "",
    status: str = "",
    within: Org | None = None,
    after: str = "",
    limit: int = 50,
) -> tuple[list[Org], str | None]:
    """A page of orgs in tree order, keyset-paginated on path (no COUNT over the table).
    Returns the page and the cursor of the next one."""
    qs = scope.restrict(Org.objects.all(), actor, "view", org_field="")
    if within is not None:
        scope.require(actor, "view", within)
        qs = qs.filter(path__startswith=within.path)
    if q:
        q = q.strip()
        qs = qs.filter(Q(name__contains=q) | Q(short_name__contains=q) | Q(credit_code=q.upper()))
    qs = narrowed(qs, level=level, status=status)
    return keyset_page(qs.select_related("parent"), key="path", after=after, limit=limit)


def org_children_for_actor(*, actor: Any, parent: Org | None, limit: int | None = None) -> list[Org]:
    """The navigator's next level: the scope's roots when `parent` is None. Active unions
    first; a town with thousands of grassroots unions is cut at `limit`."""
    if parent is None:
        return scope.root_orgs(actor)
    scope.require(actor, "view", parent)
    qs = Org.objects.filter(parent=parent).order_by("status", "path")
    return list(qs[:limit] if limit else qs)


def org_ancestors(org: Org) -> list[Org]:
    """From the root down to the parent, in one query."""
    from .models import SEGMENT

    prefixes = [org.path[:i] for i in range(SEGMENT, len(org.path), SEGMENT)]
    return list(Org.objects.filter(path__in=prefixes).order_by("path"))


def org_breadcrumbs_for_actor(*, actor: Any, org: Org) -> list[Org]:
    """Ancestors the actor may see (a street officer does not see the province as a link)."""
    return [a for a in org_ancestors(org) if scope.can(actor, "view", a)]


def subtree_count(org: Org, *, active_only: bool = True) -> int:
    qs = Org.objects.filter(path__startswith=org.path)
    if active_only:
        qs = qs.filter(status=Status.ACTIVE)
    return qs.count()


def _active_below_by_level(org: Org) -> dict[str, int]:
    """Active unions in the subtree (the union itself aside) by level: one grouped query, made
    once per union object (the home's key figures and the register's figures both read it)."""
    from django.db.models import Count

    memo: dict[str, int] | None = getattr(org, "_gonghui_active_below", None)
    if memo is None:
        memo = dict(
            Org.objects.filter(path__startswith=org.path, status=Status.ACTIVE)
            .exclude(pk=org.pk)
            .values_list("level")
            .annotate(n=Count("id"))
            .values_list("level", "n")
        )
        org._gonghui_active_below = memo  # type: ignore[attr-defined]
    return memo


def org_level_counts(org: Org) -> list[tuple[str, int]]:
    """Active unions in the subtree by level, in tree order of levels: one grouped query."""
    from .models import Level

    rows = _active_below_by_level(org)
    return [(str(label), rows[value]) for value, label in Level.choices if rows.get(value)]


def org_active_below(org: Org) -> int:
    """How many active unions the subtree holds, the union itself aside."""
    return sum(_active_below_by_level(org).values())


def org_dissolution_blockers(actor: Any, org: Org) -> list[str]:
    """Why a union this person could otherwise dissolve cannot be dissolved now (sub-unions,
    members …), to show beside the missing button; empty for anyone else."""
    from gonghui.kernel.registry import registry

    if not (org.is_active and org.parent_id is not None and scope.can(actor, "manage", org.parent)):
        return []
    found = (
        ["还有正常状态的下级组织，须先调整或撤销。"]
        if Org.objects.filter(parent=org, status=Status.ACTIVE).exists()
        else []
    )
    return found + registry.dissolution_refusals(org)


def org_figures(actor: Any, org: Org) -> list[tuple[str, int, str]]:
    """The home page's figures of a union: its active sub-unions by level."""
    from django.urls import reverse

    url = f"{reverse('orgs:list')}?within={org.pk}"
    return [(label, n, url) for label, n in org_level_counts(org)]


def org_events(org: Org) -> QuerySet[OrgEvent]:
    return org.events.select_related("actor").order_by("-on", "-id")


def tree_at(on: dt.date) -> dict[int, int | None]:
    """Each node's parent on a past date (nodes that did not exist then are absent)."""
    rows = OrgVersion.objects.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
    return dict(rows.values_list("org_id", "parent_id"))


def subtree_ids_at(org: Org, on: dt.date, *, active_only: bool = True) -> set[int]:
    """The ids of `org`'s subtree as the tree stood on `on` (reports for a past date)."""
    versions = OrgVersion.objects.filter(valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on)
    )
    children: dict[int | None, list[int]] = defaultdict(list)
    active: set[int] = set()
    for org_id, parent_id, status in versions.values_list("org_id", "parent_id", "status"):
        children[parent_id].append(org_id)
        if status == Status.ACTIVE:
            active.add(org_id)
    found: set[int] = set()
    stack = [org.pk]
    while stack:
        node = stack.pop()
        if node in found:
            continue
        found.add(node)
        stack.extend(children.get(node, ()))
    return found & active if active_only else found


def org_search_for_actor(*, actor: Any, q: str, perm: str = "view", limit: int = 20) -> list[Org]:
    """For pickers (the new parent of a move, the target of a merge)."""
    q = q.strip()
    if not q:
        return []
    qs = scope.restrict(Org.objects.filter(status=Status.ACTIVE), actor, perm, org_field="")
    return list(qs.filter(Q(name__contains=q) | Q(short_name__contains=q)).order_by("depth", "path")[:limit])


def org_resolve_for_actor(
    *,
    actor: Any,
    text: str,
    perm: str = "edit",
    within: Org | None = None,
    level: str = "",
    field: str = "org",
) -> Org:
    """A union named by a clerk (its credit code, its exact name or short name) among the active
    ones where the actor holds `perm` (and under `within`, at `level`). Refused, keyed by
    `field`, otherwise; a union outside the scope is "not found", never named."""
    text = " ".join((text or "").split())
    if not text:
        raise Refused({field: gettext("请填写工会名称或统一社会信用代码。")})
    qs = scope.restrict(Org.objects.filter(status=Status.ACTIVE), actor, perm, org_field="")
    if within is not None:
        qs = qs.filter(path__startswith=within.path)
    if level:
        qs = qs.filter(level=level)
    try:
        qs = qs.filter(credit_code=credit_code_check(text))
    except CodeError:
        qs = qs.filter(Q(name=text) | Q(short_name=text))
    found = list(qs.order_by("depth", "path")[:2])
    where = f"「{within.name}」下辖范围内" if within is not None else "您的管辖范围内"
    kind = "基层工会" if level == Level.GRASSROOTS else "工会"
    if not found:
        raise Refused(
            {
                field: gettext(
                    "在%(where)s找不到「%(text)s」这个%(kind)s（请填写准确的全称或统一社会信用代码）。"
                )
                % {"where": where, "text": text, "kind": kind}
            }
        )
    if len(found) > 1:
        raise Refused(
            {
                field: gettext("%(where)s有多个名为「%(text)s」的%(kind)s，请改填统一社会信用代码。")
                % {"where": where, "text": text, "kind": kind}
            }
        )
    return found[0]
