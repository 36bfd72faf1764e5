"""Samples of the module's exports (`MODULE.exports`): a monthly circular ranking unions named
with the given texts, whose owners carry them too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.urls import reverse

from gonghui.conftest import Tree
from gonghui.targets import actions
from gonghui.targets.models import Target
from gonghui.tests.exports import unions_named, url

from .factories import YEAR, indicator_in, target_in


def circular(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, unions = unions_named(tree, texts)
    indicator = indicator_in(town, name=texts[0])
    whole = target_in(town, indicator=indicator, value=str(10 * len(unions)))
    actions.target_cascade(
        actor=None, target=whole, shares=[actions.Share(u.pk, "10", "看管人") for u in unions]
    )
    for i, (union, text) in enumerate(zip(unions, texts, strict=True)):
        part = Target.objects.get(parent=whole, org=union)
        Target.objects.filter(pk=part.pk).update(owner_name=text[:50])
        actions.report_submit(actor=None, target=part, month=1, value=str(i % 3), on=dt.date(YEAR, 2, 3))
    return url(reverse("targets:circular_export"), org=town.pk, year=YEAR, month=1)


def competition(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    """A competition whose entrants and their units are named with the texts."""
    town, unions = unions_named(tree, texts)
    c = actions.competition_create(
        actor=None, org=town, name=texts[0][:100], kind="skills", starts_on="2025-04-01", ends_on="2025-05-30"
    )
    actions.item_add(actor=None, competition=c, name="实际操作", weight="100")
    for union, text in zip(unions, texts, strict=True):
        actions.entrant_add(actor=None, competition=c, org=union, name=text[:60], work_unit=text[:100])
    return url(reverse("targets:competition_export", args=[c.pk]), format=fmt)


def progress(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    """A union's yearly targets, held by unions and owners named with the texts."""
    town, unions = unions_named(tree, texts)
    indicator = indicator_in(town, name=texts[0][:100])
    for i, union in enumerate(unions):
        target = target_in(union, indicator=indicator, value="10")
        Target.objects.filter(pk=target.pk).update(owner_name=texts[i][:50])
        actions.report_submit(actor=None, target=target, month=1, value=str(i % 3), on=dt.date(YEAR, 2, 3))
    return url(reverse("targets:progress_export"), org=town.pk, year=YEAR, format=fmt)
