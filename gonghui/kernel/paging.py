"""Keyset pages of a list: no COUNT over the table and no OFFSET, however deep the page.

    rows, next_cursor = keyset_page(qs.select_related("org"), key="-id", after=before_id, limit=50)

is the 50 rows that come after the cursor in the list ordered by `key` ("-id": newest first),
and the cursor the next page starts after (None on the last page).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.db.models import QuerySet

M = TypeVar("M", bound=models.Model)


def keyset_page(qs: QuerySet[M], *, key: str, after: Any, limit: int) -> tuple[list[M], Any]:
    """The `limit` rows of `qs` in `key` order that come after `after` (blank: from the first),
    and the `key` value of the last of them when more follow, else None. `key` is one field
    whose values are unique (id, path, a code), with "-" for descending order."""
    field = key.removeprefix("-")
    if after:
        qs = qs.filter(**{f"{field}__{'lt' if key.startswith('-') else 'gt'}": after})
    rows = list(qs.order_by(key)[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (getattr(rows[-1], field) if more and rows else None)
