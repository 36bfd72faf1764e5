"""The one way to write an audit row: inside the transaction of the change it records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models, transaction

from .context import current_request
from .models import AuditEntry

if TYPE_CHECKING:
    from gonghui.accounts.models import User
    from gonghui.orgs.models import Org


def audit(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    org: Org | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit() must run inside the transaction of the change it records")
    info = current_request.get()
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        org=org,
        ip=info.ip,
        via=info.via,
        detail=detail or {},
    )
