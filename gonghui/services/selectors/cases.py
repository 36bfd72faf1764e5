"""Rights cases, through the scope module."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gonghui.kernel import scope
from gonghui.kernel.filters import narrowed
from gonghui.kernel.paging import keyset_page
from gonghui.orgs.models import Org

from ..models import CaseStage, RightsCase


def case_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> RightsCase:
    qs = RightsCase.objects.select_related("org", "employer_unit", "lawyer__centre")
    return scope.get_for(qs, actor, perm, org_field="org", pk=pk)


def cases_for_actor(
    *,
    actor: Any,
    within: Org | None = None,
    category: str = "",
    stage: str = "",
    year: int | None = None,
    open_only: bool = False,
) -> QuerySet[RightsCase]:
    qs = scope.restrict(RightsCase.objects.all(), actor, "view", org_field="org")
    if within is not None:
        scope.require(actor, "view", within)
        qs = qs.filter(org__path__startswith=within.path)
    qs = narrowed(qs, category=category, stage=stage, intake_on__year=year)
    if open_only:
        qs = qs.exclude(stage=CaseStage.CLOSED)
    return qs


def open_cases_count(actor: Any) -> int:
    """Cases not yet closed at the unions where the officer runs cases (edit)."""
    qs = RightsCase.objects.exclude(stage=CaseStage.CLOSED)
    return scope.restrict(qs, actor, "edit", org_field="org").count()


def case_list_for_actor(
    *, actor: Any, before_id: int | None = None, limit: int = 50, **filters: Any
) -> tuple[list[RightsCase], int | None]:
    qs = cases_for_actor(actor=actor, **filters)
    return keyset_page(
        qs.select_related("org", "lawyer", "employer_unit"), key="-id", after=before_id, limit=limit
    )
