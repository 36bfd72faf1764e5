from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from gonghui.kernel import scope
from gonghui.kernel.web import AuthedRequest

from .models import AuditEntry
from .selectors import audit_search_for_actor

router = Router(tags=["审计日志"])


class AuditOut(Schema):
    id: int
    at: dt.datetime
    actor_id: int | None
    action: str
    object_type: str
    object_id: str
    object_repr: str
    org_id: int | None
    ip: str | None
    via: str
    detail: dict[str, object]

    @staticmethod
    def resolve_actor_id(row: AuditEntry) -> int | None:
        return None if row.actor_hidden else row.actor_id


class AuditPage(Schema):
    items: list[AuditOut]
    next_before: int | None


@router.get("/", response=AuditPage, summary="审计日志（管辖范围内，按时间倒序）")
def list_audit(
    request: AuthedRequest, org: int | None = None, action: str = "", before: int | None = None
) -> dict[str, object]:
    org_obj = scope.org_get(request.user, org, "audit") if org else None
    rows, nxt = audit_search_for_actor(actor=request.user, org=org_obj, action=action, before_id=before)
    return {"items": rows, "next_before": nxt}
