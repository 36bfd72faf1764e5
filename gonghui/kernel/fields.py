"""The model fields every module declares the same way.

org = fields.union(gettext_lazy("建档工会"))  # the union a record hangs on
decided_by = fields.person()                   # who did something (kept when they leave)
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


def union(label: Any, *, related_name: str = "+", **options: Any) -> models.ForeignKey[Any, Any]:
    """The union a record hangs on: never deleted from under it (PROTECT); merge, split and move
    carry the record over through the module's `structure`."""
    return models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name=related_name, verbose_name=label, **options
    )


def person(*, related_name: str = "+", **options: Any) -> models.ForeignKey[Any, Any]:
    """Who did something: empty when the system did it; the account is kept (PROTECT)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
        **options,
    )
