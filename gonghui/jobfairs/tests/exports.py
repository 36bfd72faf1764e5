"""The sample of the module's export: a fair whose employers, positions and organiser hold the
given texts."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse

from gonghui.conftest import Tree
from gonghui.jobfairs.models import Employer, Position, ReviewState
from gonghui.tests.exports import unions_named, url

from .factories import credit_code, fair_in


def result(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, _unions = unions_named(tree, texts)
    fair = fair_in(town)
    for text in texts:
        employer = Employer.objects.create(
            fair=fair,
            org=town,
            credit_code=credit_code(),
            name=text,
            industry="03",
            state=ReviewState.APPROVED,
        )
        Position.objects.create(
            employer=employer, fair=fair, org=town, title=text, openings=3, pay_min=4000, pay_max=5000,
            industry="03", division="440105", place=text, requirements=text, state=ReviewState.APPROVED,
        )  # fmt: skip
    return url(reverse("jobfairs:export", kwargs={"fair_id": fair.pk}), format=fmt)
