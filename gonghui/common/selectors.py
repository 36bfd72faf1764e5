from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from . import scope
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
    if actor_name:
        qs = qs.filter(actor__username=actor_name) | qs.filter(actor__full_name=actor_name)
    if since:
        qs = qs.filter(at__date__gte=since)
    if until:
        qs = qs.filter(at__date__lte=until)
    if before_id:
        qs = qs.filter(id__lt=before_id)
    rows = list(qs.select_related("actor", "org").order_by("-id")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].id if more and rows else None)


def job_get_for_actor(*, actor: Any, pk: int) -> Job:
    """A job is seen by whoever started it and by those who may view its org."""
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    job = Job.objects.select_related("org").filter(pk=pk).first()
    if job is None:
        raise Http404("任务不存在")
    if job.created_by_id == getattr(actor, "pk", None) or (
        job.org is not None and scope.can(actor, "view", job.org)
    ):
        return job
    raise PermissionDenied("无权查看该任务")
