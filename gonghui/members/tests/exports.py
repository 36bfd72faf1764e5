"""Samples of the module's exports (`MODULE.exports`): members whose names, employers and unions
hold the given texts, each with an ID number and a phone number that the files must mask."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from django.urls import reverse

from gonghui.conftest import Tree
from gonghui.kernel.codes import id_number_make
from gonghui.members import keys
from gonghui.members.models import Member
from gonghui.tests.exports import unions_named, url

_seq = itertools.count(1)


def member_list(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, unions = unions_named(tree, texts)
    for union, text in zip(unions, texts, strict=True):
        n = next(_seq)
        number = id_number_make("440105", dt.date(1980, 1, 1) + dt.timedelta(days=n), n % 1000)
        phone = f"139{n:08d}"
        Member.objects.create(
            org=union, name=text, id_number=number, id_number_bidx=keys.id_bidx(number), phone=phone,
            phone_bidx=keys.phone_bidx(phone), birth_date=dt.date(1980, 1, 1), sex="男", status="active",
            join_date=dt.date(2010, 1, 1), employer_name=text, employer_credit_code=text[:18], card_no=text[:30],
        )  # fmt: skip
    return url(reverse("members:export"), within=town.pk, format=fmt)


def import_template(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, _unions = unions_named(tree, texts)
    return reverse("members:template", kwargs={"org_id": town.pk})
