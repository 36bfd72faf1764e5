"""Samples of the module's exports (`MODULE.exports`): households whose names and banks hold the
given texts, filed by unions named with them, in an approved batch of relief."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from gonghui.assistance.models import Batch, Household, Payment
from gonghui.conftest import Tree
from gonghui.kernel.codes import id_number_make
from gonghui.members.keys import id_bidx
from gonghui.orgs.models import Org
from gonghui.tests.exports import unions_named, url

_seq = itertools.count(1)


def household_named(org: Org, text: str) -> Household:
    n = next(_seq)
    number = id_number_make("440105", dt.date(1975, 1, 1) + dt.timedelta(days=n), 100 + n % 800)
    return Household.objects.create(
        org=org, file_no=f"X{n:08d}", tier="deep", name=text, sex="男", political_status="群众",
        id_number=number, id_bidx=id_bidx(number), birth_date=dt.date(1975, 1, 1), health="良好",
        work_status="在岗", housing="租房", phone=f"137{n:08d}", marital="已婚", hukou_type="农业",
        hukou_division="440105", address=text, employer=text, monthly_income=Decimal("800"), insurance="职工医保",
        main_cause="3", verified_on=dt.date(2024, 1, 1), bank_name=text, bank_branch=text,
        bank_account=f"62166{n:014d}", note=text,
    )  # fmt: skip


def _paid_households(tree: Tree, texts: Sequence[str]) -> tuple[Org, Batch]:
    town, unions = unions_named(tree, texts)
    batch = Batch.objects.create(
        org=town, title=texts[-1], kind="living", amount=Decimal("600"), state=Batch.State.APPROVED
    )
    for union, text in zip(unions, texts, strict=True):
        Payment.objects.create(
            household=household_named(union, text), org=town, kind="living", amount=Decimal("600"), batch=batch,
            approved_on=timezone.localdate(),
        )  # fmt: skip
    return town, batch


def payment_file(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    _town, batch = _paid_households(tree, texts)
    return url(reverse("assistance:batch_payment_file", kwargs={"batch_id": batch.pk}), format=fmt)


def report(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, _batch = _paid_households(tree, texts)
    return url(reverse("assistance:report_export"), org=town.pk, format=fmt)
