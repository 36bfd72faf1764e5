"""Samples of the module's exports (`MODULE.exports`): honours whose names, units and document
numbers hold the given texts, in unions named with them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.urls import reverse

from gonghui.conftest import Tree
from gonghui.honours.models import Honour
from gonghui.tests.exports import unions_named, url

from .factories import kind


def register(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, unions = unions_named(tree, texts)
    k = kind("省劳动模范")
    for union, text in zip(unions, texts, strict=True):
        Honour.objects.create(
            org=union, kind=k, title=k.name, level=k.level, category=k.category, name=text, unit=text, job=text,
            awarded_on=dt.date(2020, 4, 28), year=2020, doc_no=text, awarding_body=k.awarding_body,
        )  # fmt: skip
    return url(reverse("honours:register_export"), within=town.pk, format=fmt)


def nominations(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    from gonghui.honours.models import Nomination

    from .factories import round_in

    town, unions = unions_named(tree, texts)
    round = round_in(town)
    for union, text in zip(unions, texts, strict=True):
        Nomination.objects.create(round=round, org=union, name=text, unit=text, job=text, deeds=text,
                                  state="reviewing", at=town)  # fmt: skip
    return url(reverse("honours:round_export", kwargs={"round_id": round.pk}), format=fmt)
