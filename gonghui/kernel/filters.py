"""The filters of a list page or an API list: each narrows the rows only when it was given.

    qs = narrowed(qs, level=level, category=category, starts_on__year=year)

is `qs` filtered by the level, the category and the year among them that are not blank.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.db.models import QuerySet

M = TypeVar("M", bound=models.Model)


def narrowed(qs: QuerySet[M], **lookups: Any) -> QuerySet[M]:
    """`qs` filtered by each lookup whose value was given: a blank one ("", None, 0) narrows
    nothing. For fields and single-valued relations, where one filter() with every lookup is the
    same as one filter() a lookup."""
    given = {lookup: value for lookup, value in lookups.items() if value}
    return qs.filter(**given) if given else qs
