"""The one scope rule: a role held at a node covers that node's whole subtree.

Every page, API endpoint, export and report asks this module: `require()` for one object,
`restrict()` for a queryset. Nothing else in the code base decides who may see or change what;
what a person may do with one record now is answered by that record kind's abilities function,
which asks this module.

The kernel knows two things about the rest of the system: the organisation model, named by
`settings.GONGHUI_ORG_MODEL` (it has a materialised `path`), and that a user answers
`scope_grants()` with the roles it holds, as `(org_id, path, level, role)` for active nodes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from .errors import NotFound

# What each role may do, as data. "manage" is structure (create, move, merge, split, dissolve,
# roles); "edit" is records; "reveal" shows personal data unmasked and is audited.
ROLE_PERMS: dict[str, frozenset[str]] = {
    "admin": frozenset({"view", "edit", "approve", "manage", "reveal", "audit"}),
    "clerk": frozenset({"view", "edit"}),
    "approver": frozenset({"view", "approve"}),
    "viewer": frozenset({"view"}),
    "member": frozenset({"self"}),
}
ROLE_LABELS: dict[str, str] = {
    "admin": "管理员",
    "clerk": "经办人",
    "approver": "审核人",
    "viewer": "只读",
    "member": "会员",
}
PERMS = frozenset().union(*ROLE_PERMS.values())
OUT_OF_SCOPE = gettext_lazy("无权操作该组织的数据（超出您的管辖范围）")

M = TypeVar("M", bound=models.Model)


def org_model() -> type[models.Model]:
    """The organisation tree's model (`settings.GONGHUI_ORG_MODEL`, like AUTH_USER_MODEL)."""
    return apps.get_model(settings.GONGHUI_ORG_MODEL)


@dataclass(frozen=True)
class Grant:
    org_id: int
    path: str
    level: str
    perms: frozenset[str]
    role: str = ""


@dataclass(frozen=True)
class Scope:
    grants: tuple[Grant, ...]
    superuser: bool = False

    def paths(self, perm: str) -> list[str]:
        """The minimal set of subtree prefixes where `perm` holds."""
        if perm not in PERMS:
            raise ValueError(f"unknown permission {perm!r}")
        found = sorted(g.path for g in self.grants if perm in g.perms)
        minimal: list[str] = []
        for p in found:
            if not any(p.startswith(m) for m in minimal):
                minimal.append(p)
        return minimal

    def allows(self, perm: str, path: str) -> bool:
        return self.superuser or any(path.startswith(p) for p in self.paths(perm))

    def holds_any(self, perm: str) -> bool:
        """Does the permission hold anywhere (for menus: is this person an officer at all)?"""
        return self.superuser or bool(self.paths(perm))


EMPTY = Scope(grants=())


def scope_of(user: Any) -> Scope:
    """The user's grants, computed once per user object (i.e. once per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return EMPTY
    cached = getattr(user, "_gonghui_scope", None)
    if cached is not None:
        return cached
    grants = tuple(
        Grant(org_id=org_id, path=path, level=level, perms=ROLE_PERMS[role], role=role)
        for org_id, path, level, role in user.scope_grants()
    )
    scope = Scope(grants=grants, superuser=bool(user.is_superuser))
    user._gonghui_scope = scope
    return scope


def forget(user: Any) -> None:
    """Drop the cached scope after the user's roles changed."""
    if hasattr(user, "_gonghui_scope"):
        del user._gonghui_scope


def can(user: Any, perm: str, org: Any) -> bool:
    """Does `perm` hold over `org`? `user=None` is the system itself (the demo loader, the
    worker, a management command), never a web request: it may do anything."""
    if user is None:
        return True
    return scope_of(user).allows(perm, org.path)


def require(user: Any, perm: str, org: Any) -> None:
    """PermissionDenied unless `perm` holds over `org` (the system, `user=None`, always may)."""
    if not can(user, perm, org):
        raise PermissionDenied(OUT_OF_SCOPE)


def subtree_q(paths: Iterable[str], *, org_field: str) -> Q:
    lookup = f"{org_field}__path__startswith" if org_field else "path__startswith"
    q = Q(pk__in=[])
    for p in paths:
        q |= Q(**{lookup: p})
    return q


def restrict(qs: models.QuerySet[M], user: Any, perm: str, *, org_field: str = "org") -> models.QuerySet[M]:
    """Only the rows whose org lies in a subtree where the user holds `perm`."""
    scope = scope_of(user)
    if scope.superuser:
        return qs
    return qs.filter(subtree_q(scope.paths(perm), org_field=org_field))


def org_at(obj: Any, org_field: str) -> Any:
    """The org a record hangs on, following `org_field` ("org", "household__org", "" for an org)."""
    org = obj
    for part in org_field.split("__") if org_field else []:
        org = getattr(org, part)
    return org


def get_for(qs: models.QuerySet[M], user: Any, perm: str, *, org_field: str = "org", **lookup: Any) -> M:
    """One object, or PermissionDenied when it exists outside the user's scope, or NotFound."""
    try:
        obj = qs.get(**lookup)
    except qs.model.DoesNotExist as exc:  # type: ignore[attr-defined]
        raise NotFound("记录不存在") from exc
    require(user, perm, org_at(obj, org_field))
    return obj


def org_get(user: Any, pk: int, perm: str = "view") -> Any:
    """One org the user holds `perm` over, by id."""
    return get_for(org_model()._default_manager.all(), user, perm, org_field="", pk=pk)


def root_orgs(user: Any, perm: str = "view") -> list[Any]:
    """The top nodes of the user's scope, for the tree navigator."""
    manager = org_model()._default_manager
    scope = scope_of(user)
    if scope.superuser:
        return list(manager.filter(parent__isnull=True).order_by("path"))
    return list(manager.filter(path__in=scope.paths(perm)).order_by("path"))


def first_root(user: Any, perm: str = "view") -> Any:
    """The first union where the user holds `perm` (None when there is none): where a page, or an
    audit row about no union in particular, starts when none is named."""
    roots = root_orgs(user, perm)
    return roots[0] if roots else None
