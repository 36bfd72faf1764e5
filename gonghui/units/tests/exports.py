"""Samples of the module's exports (`MODULE.exports`): units, contracts and unions whose names,
addresses and titles are the given texts."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse

from gonghui.conftest import Tree
from gonghui.tests.exports import unions_named, url
from gonghui.units.models import CollectiveContract, Unit

from .factories import contract_in, unit_in


def _named(tree: Tree, texts: Sequence[str]):  # type: ignore[no-untyped-def]
    town, unions = unions_named(tree, texts)
    for union, text in zip(unions, texts, strict=True):
        contract = contract_in(union)
        Unit.objects.filter(pk=unit_in(union).pk).update(name=text, address=text)
        CollectiveContract.objects.filter(pk=contract.pk).update(title=text)
    return town


def unit_list(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    return url(reverse("units:export"), within=_named(tree, texts).pk, format=fmt)


def contract_list(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    return url(reverse("units:contract_export"), within=_named(tree, texts).pk, format=fmt)


def report(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    return url(reverse("units:report_export"), org=_named(tree, texts).pk, format=fmt)


def import_template(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    return reverse("units:import_template", kwargs={"org_id": _named(tree, texts).pk})
