"""Samples of the module's exports (`MODULE.exports`): activities, sign-ups and volunteers whose
names hold the given texts, in unions named with them."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse

from gonghui.activities.models import Activity, SignUp, Volunteer
from gonghui.conftest import Tree
from gonghui.tests.exports import unions_named, url

from .factories import activity_in, soon


def activity_list(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, unions = unions_named(tree, texts)
    start = soon()
    for union, text in zip(unions, texts, strict=True):
        Activity.objects.create(org=union, kind="visit", title=text, place=text, goods=text, starts_at=start,
                                ends_at=start, capacity=10, signup_until=start)  # fmt: skip
    return url(reverse("activities:export"), within=town.pk, format=fmt)


def roster(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, unions = unions_named(tree, texts)
    activity = activity_in(town)
    for i, (union, text) in enumerate(zip(unions, texts, strict=True), start=1):
        SignUp.objects.create(activity=activity, name=text, unit=union.name, seq=i, state="confirmed")
    return url(reverse("activities:roster_export", kwargs={"activity_id": activity.pk}), format=fmt)


def volunteers(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, unions = unions_named(tree, texts)
    for union, text in zip(unions, texts, strict=True):
        Volunteer.objects.create(org=union, name=text, skills=text)
    return url(reverse("activities:volunteers_export"), within=town.pk, format=fmt)


def import_template(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    """The template lists the campaigns and groups open to the union: named with the texts."""
    from gonghui.activities.models import Group

    from .factories import campaign_in

    town, unions = unions_named(tree, texts)
    for i, text in enumerate(texts):
        Group.objects.create(org=town, name=text[:50] or f"群体{i}", kind="other")
    campaign = campaign_in(town)
    campaign.title = texts[0][:100]
    campaign.save(update_fields=["title"])
    return url(reverse("activities:import"), org=unions[0].pk, template=1)
