from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from gonghui.kernel import scope
from gonghui.kernel.errors import NotFound
from gonghui.kernel.paging import keyset_page

from .models import AuditEntry, Job


def audit_search_for_actor(
    *,
    actor: Any,
    org: Any = None,
    action: str = "",
    actor_name: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    before_id: int | None = None,
    limit: int = 50,
) -> tuple[list[AuditEntry], int | None]:
    """Audit rows of orgs in the actor's audit scope, newest first, keyset-paginated on id."""
    qs: QuerySet[AuditEntry] = scope.restrict(AuditEntry.objects.all(), actor, "audit")
    if org is not None:
        scope.require(actor, "audit", org)
        qs = qs.filter(org__path__startswith=org.path)
    if action:
        qs = qs.filter(action__startswith=action)
    if actor_name:  # never finds what a worker did anonymously
        named = qs.filter(actor__username=actor_name) | qs.filter(actor__full_name=actor_name)
        qs = named.filter(actor_hidden=False)
    if since:
        qs = qs.filter(at__date__gte=since)
    if until:
        qs = qs.filter(at__date__lte=until)
    return keyset_page(qs.select_related("actor", "org"), key="-id", after=before_id, limit=limit)


def job_get_for_actor(*, actor: Any, pk: int) -> Job:
    """A job is seen by whoever started it and by those who may view its org."""
    job = Job.objects.select_related("org").filter(pk=pk).first()
    if job is None:
        raise NotFound("任务不存在")
    if job.created_by_id == getattr(actor, "pk", None) or (
        job.org is not None and scope.can(actor, "view", job.org)
    ):
        return job
    raise PermissionDenied("无权查看该任务")


@dataclass(frozen=True)
class TodoCount:
    key: str
    label: str
    count: int
    url: str


@dataclass(frozen=True)
class Home:
    """What a person sees first: what waits for them, their own things, the key figures of the
    unions they look after, and their own latest work."""

    todos: list[TodoCount]
    panels: list[Any]  # registry.Panel
    roots: list[dict[str, Any]]
    recent: list[AuditEntry]
    audit_log: bool = False  # may read the audit log (of some union)

    @property
    def empty(self) -> bool:
        return not (self.todos or self.panels or self.roots)


def todos_for_actor(*, actor: Any) -> list[TodoCount]:
    """Every module's to-do counters for this person, those with something waiting."""
    from gonghui.kernel.registry import registry

    found = [TodoCount(t.key, str(t.label), t.count(actor), t.url) for t in registry.todos()]
    return [t for t in found if t.count > 0]


def own_work_for_actor(*, actor: Any, limit: int = 8) -> list[AuditEntry]:
    """The person's own latest work (the audit rows they made, signing in aside), newest first."""
    if getattr(actor, "pk", None) is None:
        return []
    rows = AuditEntry.objects.filter(actor_id=actor.pk).exclude(action__startswith="auth.")
    return list(rows.select_related("org").order_by("-id")[:limit])


# Modules whose home figures the key figures (`core.figures`) already give, with their change.
FIGURES_COVERED = frozenset({"units"})


def home_for_actor(*, actor: Any) -> Home:
    """The home page: every module's to-dos and panels for this person, the top unions of their
    scope with the roles held there, the subtree's key figures with their change since last
    month and every other module's figures, and their own latest work. Made again after any
    write (`core.generation`), else kept for a minute."""
    from .generation import kept

    return kept("core.home", (getattr(actor, "pk", None),), lambda: _home_for_actor(actor))


def _home_for_actor(actor: Any) -> Home:
    from gonghui.kernel.registry import registry

    from .figures import key_figures

    s = scope.scope_of(actor)
    roots = []
    if s.holds_any("view"):
        for org in scope.root_orgs(actor):
            labels = [scope.ROLE_LABELS[g.role] for g in s.grants if g.org_id == org.pk]
            roots.append(
                {
                    "org": org,
                    "roles": labels or (["系统管理员"] if s.superuser else []),
                    "key_figures": key_figures(org),
                    "figures": [
                        f
                        for m in registry
                        if m.figures and m.name not in FIGURES_COVERED
                        for f in m.figures(actor, org)
                    ],
                    "shortcuts": registry.shortcuts(actor, org),
                }
            )
    return Home(
        todos=todos_for_actor(actor=actor),
        panels=registry.panels(actor),
        roots=roots,
        recent=own_work_for_actor(actor=actor),
        audit_log=s.holds_any("audit"),
    )


UNION_PICK_PAGE = 20


def union_pick_for_actor(
    *,
    actor: Any,
    q: str,
    perm: str = "edit",
    after: tuple[str, int] | None = None,
    limit: int = UNION_PICK_PAGE,
) -> tuple[list[Any], tuple[str, int] | None]:
    """Active unions the actor holds `perm` over whose name or credit code begins with `q`, by
    name, a page at a time: the cursor is the last (name, id), so the 1,000th page costs what the
    first does. Prefix matches only: `name LIKE 'q%'` can use an index where `'%q%'` cannot."""
    q = " ".join(q.split())[:50]
    if not q:
        return [], None
    Org = scope.org_model()
    qs = scope.restrict(Org._default_manager.filter(status="active"), actor, perm, org_field="")
    field = "credit_code" if q[:2].isdigit() else "name"
    qs = qs.filter(**{f"{field}__startswith": q})
    if after is not None:
        name, pk = after
        qs = qs.filter(Q(name__gt=name) | Q(name=name, pk__gt=pk))
    page: list[Any] = list(qs.order_by("name", "pk")[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return page, ((page[-1].name, page[-1].pk) if more else None)
