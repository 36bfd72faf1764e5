"""Samples of the module's exports (`MODULE.exports`): adoption statistics of unions whose names
are the given texts, some of which submitted and some of which did not."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils import timezone

from gonghui.bulletin.models import Submission, SubmissionStatus
from gonghui.conftest import Tree
from gonghui.tests.exports import unions_named, url

from .factories import make_bulletin


def adoption_stats(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, unions = unions_named(tree, [*texts, *texts])  # one of each name submits, one is silent
    bulletin = make_bulletin(tree.province)
    for i, union in enumerate(unions[: len(texts)]):
        Submission.objects.create(
            org=union, bulletin=bulletin, title=texts[i], body=texts[i], authors=texts[i],
            status=SubmissionStatus.ADOPTED if i % 2 else SubmissionStatus.SUBMITTED,
            submitted_at=timezone.now(),
        )  # fmt: skip
    return url(reverse("bulletin:stats_xlsx", kwargs={"org_id": town.pk}), month="")
