"""Samples of the module's exports (`MODULE.exports`): requests whose text is the given texts, one
in a union named with each."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse

from gonghui.conftest import Tree
from gonghui.tests.exports import unions_named, url

from ..models import HelpRequest, in_days
from .factories import member_with_login


def requests(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, unions = unions_named(tree, texts)
    for union, text in zip(unions, texts, strict=True):
        member = member_with_login(union, name=text[:50])
        HelpRequest.objects.create(
            org=union,
            origin=union,
            member=member,
            user=member.login.user,
            category="other",
            text=text,
            answer_by=in_days(5),
        )
    return url(reverse("portal:request_export"), within=town.pk, format=fmt)
