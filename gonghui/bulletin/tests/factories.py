"""Objects of the bulletin made through the real actions (and, for the scope walk, plain rows)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.bulletin import actions
from gonghui.bulletin.models import (
    Article,
    Bulletin,
    FactSuggestion,
    Issue,
    Section,
    Submission,
    SubmissionPhoto,
    SubmissionStatus,
)
from gonghui.orgs.models import Org

# The smallest valid PNG (1×1, red).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415478da63f8cfc0000003"
    "010100c9fe92ef0000000049454e44ae426082"
)


def png(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def make_bulletin(org: Org, name: str = "工作简报") -> Bulletin:
    return actions.bulletin_create(actor=None, org=org, name=name, office=f"{org.name}办公室")


def make_submission(
    org: Org, bulletin: Bulletin, *, title: str = "赤岗街道开展春风行动", submit: bool = True, **extra: Any
) -> Submission:
    return actions.submission_create(
        actor=None, org=org, bulletin=bulletin, title=title,
        body=extra.pop("body", "3月19日，街道总工会举办专场招聘会，102家企业提供岗位3600多个。"),
        unit=extra.pop("unit", ""), authors=extra.pop("authors", "林小元"), submit=submit, **extra,
    )  # fmt: skip


def make_issue(
    bulletin: Bulletin, number: int = 1, date: dt.date = dt.date(2013, 3, 31), **extra: Any
) -> Issue:
    return actions.issue_create(actor=None, bulletin=bulletin, number=number, date=date, **extra)


# --- for the scope walk: one object of each kind inside a given org ---------------------


def walk_bulletin(org: Org) -> Bulletin:
    return Bulletin.objects.get_or_create(org=org, name="越权测试简报", defaults={"office": org.name})[0]


def walk_issue(org: Org) -> Issue:
    """A draft: published issues are read by the unions below by design (tested in
    test_selectors), a draft only by the union that runs the bulletin and those above."""
    bulletin = walk_bulletin(org)
    issue = Issue.objects.filter(bulletin=bulletin).first()
    if issue is None:
        issue = Issue.objects.create(
            bulletin=bulletin, year=2013, number=1, date=dt.date(2013, 3, 31), masthead="工作简报"
        )
        Section.objects.create(issue=issue, name="各地动态", order=0)
    return issue


def walk_article(org: Org) -> Article:
    issue = walk_issue(org)
    return Article.objects.get_or_create(
        issue=issue, title="越权测试文章", defaults={"body": "正文。", "section": issue.sections.first()}
    )[0]


def walk_submission(org: Org) -> Submission:
    bulletin = walk_bulletin(org.parent or org)
    return Submission.objects.get_or_create(
        org=org, bulletin=bulletin, title="越权测试稿件",
        defaults={"body": "正文。", "status": SubmissionStatus.SUBMITTED},
    )[0]  # fmt: skip


def walk_photo(org: Org) -> SubmissionPhoto:
    # No file behind it: every request is refused before the file would be read.
    return SubmissionPhoto.objects.get_or_create(
        submission=walk_submission(org), defaults={"image": "walk/none.png"}
    )[0]


def walk_fact(org: Org) -> FactSuggestion:
    return FactSuggestion.objects.get_or_create(
        article=walk_article(org), kind="org", defaults={"text": org.name, "value": {"name": org.name}}
    )[0]


# The scope walk's URL arguments (gonghui/core/tests/test_scope_walk.py): a maker of each, in an org.
WALK = {
    "bulletin_id": walk_bulletin,
    "issue_id": walk_issue,
    "article_id": walk_article,
    "submission_id": walk_submission,
    "photo_id": walk_photo,
    "fact_id": walk_fact,
}
