"""Submissions (信息报送): a union writes an item for a bulletin above it; editors review it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.orgs.models import Org

from ..models import Bulletin, Issue, Submission, SubmissionEvent, SubmissionPhoto
from ..workflow import EDITABLE, REVIEW_STEPS, SUBMISSION, InvalidTransition, transition
from .issues import place_submission

MAX_PHOTOS = 4
MAX_PHOTO_BYTES = 5 * 1024 * 1024
# Recognised by their first bytes, not by the name or the browser's word.
PHOTO_MAGIC = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}


def _photo_type(head: bytes) -> str | None:
    return next((kind for magic, kind in PHOTO_MAGIC.items() if head.startswith(magic)), None)


def _clean_photos(photos: Sequence[UploadedFile], *, already: int = 0) -> list[tuple[UploadedFile, str]]:
    if already + len(photos) > MAX_PHOTOS:
        raise Refused(
            {"photos": gettext("每篇稿件最多 %(MAX_PHOTOS)s 张图片。") % {"MAX_PHOTOS": MAX_PHOTOS}}
        )
    out = []
    for photo in photos:
        if photo.size is not None and photo.size > MAX_PHOTO_BYTES:
            raise Refused({"photos": gettext("图片「%(name)s」超过 5 MB。") % {"name": photo.name}})
        photo.seek(0)
        kind = _photo_type(photo.read(8))
        photo.seek(0)
        if kind is None:
            raise Refused({"photos": gettext("「%(name)s」不是 JPG 或 PNG 图片。") % {"name": photo.name}})
        out.append((photo, kind))
    return out


def _clean_content(values: dict[str, Any]) -> dict[str, str]:
    return {
        "title": cleaning.text(values.get("title"), field="title", label="标题", max_length=200),
        "body": cleaning.body(values.get("body")),
        "unit": cleaning.text(
            values.get("unit"), field="unit", label="供稿单位", max_length=100, required=False
        ),
        "authors": cleaning.text(
            values.get("authors"), field="authors", label="作者", max_length=100, required=False
        ),
    }


def _kept(
    *,
    actor: Any,
    sub: Submission,
    photos: list[tuple[UploadedFile, str]],
    event: str,
    detail: dict[str, Any],
    submit: bool,
) -> Submission:
    """A written or rewritten item: its new photos stored, the change audited as `event`, and,
    when `submit` asks, sent to the reviewers at once."""
    for upload, kind in photos:
        photo = SubmissionPhoto(submission=sub, content_type=kind)
        photo.image.save(upload.name or "photo", upload, save=False)
        photo.save()
    audit(actor=actor, action=event, obj=sub, org=sub.org, detail=detail)
    if submit:
        _take(actor=actor, sub=sub, step="submit")
    return sub


@action
def submission_create(
    *,
    actor: Any,
    org: Org,
    bulletin: Bulletin,
    title: str,
    body: str,
    unit: str = "",
    authors: str = "",
    photos: Sequence[UploadedFile] = (),
    submit: bool = False,
) -> Submission:
    scope.require(actor, "edit", org)
    org.refuse_unless_active(gettext("「%(name)s」%(value)s，不能报送稿件。"))
    if not (org.path.startswith(bulletin.org.path) and org.path != bulletin.org.path):
        raise Refused(
            {
                "bulletin": gettext("「%(name)s」只能向上级工会的刊物报送，不能报送《%(name2)s》。")
                % {"name": org.name, "name2": bulletin.name}
            }
        )
    content = _clean_content({"title": title, "body": body, "unit": unit, "authors": authors})
    cleaned_photos = _clean_photos(photos)
    sub = Submission.objects.create(org=org, bulletin=bulletin, created_by=actor, **content)
    return _kept(
        actor=actor, sub=sub, photos=cleaned_photos, submit=submit, event="bulletin.submission.create",
        detail={"bulletin": str(bulletin), "title": sub.title, "photos": len(cleaned_photos)},
    )  # fmt: skip


@action
def submission_update(
    *,
    actor: Any,
    submission: Submission,
    title: str,
    body: str,
    unit: str = "",
    authors: str = "",
    photos_add: Sequence[UploadedFile] = (),
    photos_remove: Iterable[int] = (),
    submit: bool = False,
) -> Submission:
    """Change the text while the item is a draft or returned; `submit` sends it (again) at once."""
    sub = _locked(submission)
    scope.require(actor, "edit", sub.org)
    if sub.status not in EDITABLE:
        raise InvalidTransition(f"稿件当前状态为「{sub.get_status_display()}」，不能修改。")
    content = _clean_content({"title": title, "body": body, "unit": unit, "authors": authors})
    remove = set(photos_remove)
    kept = sub.photos.exclude(pk__in=remove).count()
    cleaned_photos = _clean_photos(photos_add, already=kept)
    changed = [k for k, v in content.items() if getattr(sub, k) != v]
    for k in changed:
        setattr(sub, k, content[k])
    sub.save()
    removed = 0
    for photo in sub.photos.filter(pk__in=remove):
        photo.image.delete(save=False)
        photo.delete()
        removed += 1
    return _kept(
        actor=actor, sub=sub, photos=cleaned_photos, submit=submit, event="bulletin.submission.update",
        detail={"changed": changed, "photos_added": len(cleaned_photos), "photos_removed": removed},
    )  # fmt: skip


@action
def submission_transition(
    *,
    actor: Any,
    submission: Submission,
    action: str,
    comment: str = "",
    section: str = "",
    issue: Issue | None = None,
) -> Submission:
    """Every step of the workflow (报送, 撤回, 采用, 退回修改, 不予采用) through one entry point.
    Returning needs a comment; adopting names the section of a coming issue, and may place the
    item in a draft issue now (for an editor of the bulletin)."""
    sub = _locked(submission)
    # Who, state and guard first: a person who may not take the step hears that, not about input.
    SUBMISSION.check(actor, sub, action)
    comment = cleaning.body(comment, field="comment", label="意见", max_length=1000, required=False)
    if action == "return" and not comment:
        raise Refused({"comment": gettext("退回修改时请填写意见，说明需要修改的地方。")})
    detail: dict[str, Any] = {}
    if action == "adopt":
        sub.section = _adoption_section(actor=actor, sub=sub, section=section, issue=issue)
        detail["section"] = sub.section
        if issue is not None:
            article = place_submission(issue=issue, submission=sub)
            detail |= {"issue": issue.label, "article_id": article.pk}
    return _take(actor=actor, sub=sub, step=action, comment=comment, detail=detail)


def _locked(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().select_related("org", "bulletin__org").get(pk=submission.pk)


def _take(
    *, actor: Any, sub: Submission, step: str, comment: str = "", detail: dict[str, Any] | None = None
) -> Submission:
    """Take the step through the engine, keep who reviewed and when it was first submitted (the
    statistics count that), and write the item's history row."""
    now = timezone.now()
    before = sub.status
    fields = ["updated_at"]
    if step in REVIEW_STEPS:
        sub.reviewed_by, sub.reviewed_at, sub.review_comment = actor, now, comment
        fields += ["reviewed_by", "reviewed_at", "review_comment", "section"]
    elif step == "submit" and sub.submitted_at is None:
        sub.submitted_at = now
        fields.append("submitted_at")
    detail = {**({"comment": comment} if comment else {}), **(detail or {})}
    after = transition(SUBMISSION, sub, step, actor=actor, detail=detail, extra_fields=tuple(fields))
    SubmissionEvent.objects.create(
        submission=sub, at=now, actor=actor, action=step, from_status=before, to_status=after, comment=comment
    )
    return sub


def _adoption_section(*, actor: Any, sub: Submission, section: str, issue: Issue | None) -> str:
    bulletin = sub.bulletin
    section = "".join((section or "").split())
    if issue is not None:
        if issue.bulletin_id != bulletin.pk:
            raise Refused({"issue": gettext("所选的期不属于《%(name)s》。") % {"name": bulletin.name}})
        if not issue.is_draft:
            raise Refused({"issue": gettext("%(label)s已发布，不能再编入稿件。") % {"label": issue.label}})
        if not scope.can(actor, "edit", bulletin.org):
            raise PermissionDenied(
                f"您不是《{bulletin.name}》的编辑，不能把稿件编入具体的一期；可只选栏目采用。"
            )
        names = list(issue.sections.values_list("name", flat=True))
    else:
        names = list(bulletin.sections)
    if not section:
        raise Refused({"section": gettext("采用时请选择栏目。")})
    if section not in names:
        raise Refused(
            {
                "section": gettext("栏目「%(section)s」不在%(value)s的栏目中。")
                % {"section": section, "value": "本期" if issue else "该刊物"}
            }
        )
    return section
