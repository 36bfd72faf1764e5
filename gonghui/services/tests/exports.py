"""Samples of the module's exports (`MODULE.exports`): rights cases at unions whose names are the
given texts, with the texts in every case's words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.urls import reverse

from gonghui.conftest import Tree
from gonghui.services.models import RightsCase
from gonghui.tests.exports import unions_named, url


def case_stats(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, unions = unions_named(tree, texts)
    for i, (union, text) in enumerate(zip(unions, texts, strict=True)):
        RightsCase.objects.create(
            org=union, number=f"样本-{union.pk}", category="wages", intake_on=dt.date(2013, 3, 1), summary=text,
            parties=2 + i, party_names=text, employer_name=text, outcome_note=text,
            amount_recovered=Decimal("1234.50"),
        )  # fmt: skip
    return url(reverse("services:case_stats_export"), org=town.pk, format=fmt)
