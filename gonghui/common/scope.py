"""The one scope rule: a role held at a node covers that node's whole subtree.

Every page, API endpoint, export and report asks this module: `require()` for one object,
`restrict()` for a queryset. Nothing else in the code base decides who may see or change what.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from gonghui.orgs.models import Org

# What each role may do, as data. "manage" is structure (create, move, merge, split, dissolve,
# roles); "edit" is records; "reveal" shows personal data unmasked and is audited.
ROLE_PERMS: dict[str, frozenset[str]] = {
    "admin": frozenset({"view", "edit", "approve", "manage", "reveal", "audit"}),
    "clerk": frozenset({"view", "edit"}),
    "approver": frozenset({"view", "approve"}),
    "viewer": frozenset({"view"}),
    "member": frozenset({"self"}),
}
PERMS = frozenset().union(*ROLE_PERMS.values())

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Grant:
    org_id: int
    path: str
    level: str
    perms: frozenset[str]


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


EMPTY = Scope(grants=())


def scope_of(user: Any) -> Scope:
    """The user's grants, computed once per user object (i.e. once per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return EMPTY
    cached = getattr(user, "_gonghui_scope", None)
    if cached is not None:
        return cached
    from gonghui.accounts.models import Role

    grants = tuple(
        Grant(org_id=r.org_id, path=r.org.path, level=r.org.level, perms=ROLE_PERMS[r.kind])
        for r in Role.objects.filter(user=user, org__status="active").select_related("org")
    )
    scope = Scope(grants=grants, superuser=bool(user.is_superuser))
    user._gonghui_scope = scope
    return scope


def forget(user: Any) -> None:
    """Drop the cached scope after the user's roles changed."""
    if hasattr(user, "_gonghui_scope"):
        del user._gonghui_scope


def can(user: Any, perm: str, org: Org) -> bool:
    return scope_of(user).allows(perm, org.path)


def require(user: Any, perm: str, org: Org) -> None:
    if not can(user, perm, org):
        raise PermissionDenied("无权操作该组织的数据（超出您的管辖范围）")


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


def get_for(qs: models.QuerySet[M], user: Any, perm: str, *, org_field: str = "org", **lookup: Any) -> M:
    """One object, or PermissionDenied when it exists outside the user's scope, or 404."""
    from django.http import Http404

    try:
        obj = qs.get(**lookup)
    except qs.model.DoesNotExist as exc:  # type: ignore[attr-defined]
        raise Http404("记录不存在") from exc
    org = obj
    for part in org_field.split("__") if org_field else []:
        org = getattr(org, part)
    require(user, perm, org)  # type: ignore[arg-type]
    return obj


def root_orgs(user: Any, perm: str = "view") -> list[Org]:
    """The top nodes of the user's scope, for the tree navigator."""
    from gonghui.orgs.models import Org

    scope = scope_of(user)
    if scope.superuser:
        return list(Org.objects.filter(parent__isnull=True).order_by("path"))
    return list(Org.objects.filter(path__in=scope.paths(perm)).order_by("path"))
