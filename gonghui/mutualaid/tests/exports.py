"""Samples of the module's exports (`MODULE.exports`): plans named with the given texts, each with
an enrolment paid by a union named with it."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal

from django.urls import reverse

from gonghui.conftest import Tree
from gonghui.kernel import cleaning
from gonghui.mutualaid.models import Claim, Enrolment, Plan
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


def payout_file(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    """A claim approved at the district for each union named with a text, each with its account."""
    from gonghui.mutualaid.tests.factories import claim_in
    from gonghui.orgs.models import Org

    _town, unions = unions_named(tree, texts)
    for i, union in enumerate(unions):
        Org.objects.filter(pk=union.pk).update(bank_name=texts[i], bank_account=f"62220202001122{i:05d}")
        c = claim_in(union)
        Claim.objects.filter(pk=c.pk).update(approver=tree.haizhu, state=Claim.State.APPROVED)
    return url(reverse("mutualaid:payout_file"), org=tree.haizhu.pk)


def collection_file(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    """An enrolment handed in, money due, for each union named with a text, each with its account."""
    from gonghui.mutualaid.tests.factories import enrolment_in
    from gonghui.orgs.models import Org

    _town, unions = unions_named(tree, texts)
    for i, union in enumerate(unions):
        Org.objects.filter(pk=union.pk).update(bank_name=texts[i], bank_account=f"62220202001122{i:05d}")
        e = enrolment_in(union)
        Enrolment.objects.filter(pk=e.pk).update(state=Enrolment.State.DUE, amount_paid=Decimal("0"))
    return url(reverse("mutualaid:collection_file"), org=tree.haizhu.pk)
