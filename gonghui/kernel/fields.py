"""The model fields every module declares the same way.

org = fields.union(gettext_lazy("建档工会"))        # the union a record hangs on
decided_by = fields.person()                         # who did something (kept when they leave)
room = fields.optional(Room, gettext_lazy("功能室"))  # a link that may be empty
member = fields.loose("members.Member", gettext_lazy("会员"))  # emptied when the member goes
amount = fields.money(gettext_lazy("金额（元）"))      # a sum in yuan, to the fen
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


def optional(
    to: Any, label: Any = None, *, related_name: str = "+", on_delete: Any = models.PROTECT, **options: Any
) -> models.ForeignKey[Any, Any]:
    """A link that may be empty (a room not chosen, the file a record was merged into); the record
    it points to is kept while something links to it (PROTECT, unless told otherwise)."""
    if label is not None:
        options["verbose_name"] = label
    return models.ForeignKey(
        to, null=True, blank=True, on_delete=on_delete, related_name=related_name, **options
    )


def loose(to: Any, label: Any = None, **options: Any) -> models.ForeignKey[Any, Any]:
    """A link that may be empty and is emptied when the record it points to goes (SET_NULL): the
    record stands without it (a register entry matched, the account a person signed in with)."""
    return optional(to, label, on_delete=models.SET_NULL, **options)


def person(*, related_name: str = "+", **options: Any) -> models.ForeignKey[Any, Any]:
    """Who did something: empty when the system did it; the account is kept (PROTECT)."""
    return optional(settings.AUTH_USER_MODEL, related_name=related_name, **options)


def money(label: Any, *, max_digits: int = 14, **options: Any) -> models.DecimalField[Any, Any]:
    """A sum in yuan, to the fen."""
    return models.DecimalField(label, max_digits=max_digits, decimal_places=2, **options)
