"""A subtree's figures one branch at a time: the unions directly below the top, each with all
that lies under it, and the top itself."""

from __future__ import annotations

from typing import Any

from django.db.models import Expression, QuerySet
from django.db.models.functions import Substr

from .models import SEGMENT, Org


def by_branch(
    rows: QuerySet[Any], top: Org, *, path: str = "org__path", **figures: Expression
) -> QuerySet[Any]:
    """`rows` (of `top`'s subtree) grouped by their branch, with `figures` of each: `branch` is the
    path of the union directly below `top` that the row's union (at `path`) is or lies under, or
    `top`'s own path for the top's own rows."""
    return rows.annotate(branch=Substr(path, 1, len(top.path) + SEGMENT)).values("branch").annotate(**figures)
