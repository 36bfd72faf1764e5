"""Samples of the module's exports (`MODULE.exports`): plans named with the given texts, each with
an enrolment paid by a union named with it."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal

from django.urls import reverse

from gonghui.conftest import Tree
from gonghui.kernel import cleaning
from gonghui.mutualaid.models import Enrolment, Plan
from gonghui.tests.exports import unions_named, url

_seq = itertools.count(1)


def report(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, unions = unions_named(tree, texts)
    for union, text in zip(unions, texts, strict=True):
        plan = Plan.objects.create(
            org=tree.province, code=f"sample-{next(_seq)}", name=text, kind=Plan.Kind.MEDICAL, term_years=1,
            price=Decimal("60"), period_cap=Decimal("30000"),
        )  # fmt: skip
        Enrolment.objects.create(
            org=union, plan=plan, year=cleaning.today().year, state=Enrolment.State.COVERED,
            amount_due=Decimal("600"), amount_paid=Decimal("600"),
        )  # fmt: skip
    return url(reverse("mutualaid:report"), org=town.pk, year=cleaning.today().year, format=fmt)
