"""Where audit rows are stored: the writer the kernel's `audit()` calls."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.functional import Promise

from gonghui.kernel.context import current_request

from .models import AuditEntry


def stored(value: Any) -> Any:
    """A detail value as the row keeps it: translatable words (a choice's label) in the default
    language, whatever the language of the request that wrote it; the reader's page translates."""
    if isinstance(value, Promise):
        with translation.override(settings.LANGUAGE_CODE):
            return str(value)
    if isinstance(value, dict):
        return {k: stored(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [stored(v) for v in value]
    return value


def write_entry(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None,
    org: Any,
    detail: dict[str, Any],
    actor_hidden: bool = False,
) -> AuditEntry:
    info = current_request.get()
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        org=org,
        actor_hidden=actor_hidden,
        ip=None if actor_hidden else info.ip,  # where they wrote from could name them too
        via=info.via,
        detail=stored(detail),
    )
