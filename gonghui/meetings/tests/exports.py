"""Samples of the module's exports (`MODULE.exports`): a committee whose members' names and posts
hold the given texts, and a meeting passed on by unions named with them."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse

from gonghui.conftest import Tree
from gonghui.meetings.models import PassOn, PassOnStatus, Post, Seat
from gonghui.tests.exports import unions_named, url

from .factories import TERM_START, committee_in, meeting_in


def roster(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, _unions = unions_named(tree, texts)
    committee = committee_in(town)
    for text in texts:
        Seat.objects.create(
            committee=committee, name=text, title=text, post=Post.MEMBER, joined_on=TERM_START,
            joined_how="registered",
        )  # fmt: skip
    return url(
        reverse("meetings:roster_export", kwargs={"committee_id": committee.pk}), on=TERM_START.isoformat()
    )


def passon(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, unions = unions_named(tree, texts)
    meeting = meeting_in(town)
    for i, (union, text) in enumerate(zip(unions, texts, strict=True)):
        done = i % 2 == 0
        PassOn.objects.create(
            meeting=meeting, org=union, note=text, status=PassOnStatus.DONE if done else PassOnStatus.PENDING,
            on=meeting.held_on if done else None,
        )  # fmt: skip
    return url(reverse("meetings:passon_export", kwargs={"meeting_id": meeting.pk}), org=town.pk)
