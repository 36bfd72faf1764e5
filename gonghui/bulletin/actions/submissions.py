"""Submissions (信息报送): a union writes an item for a bulletin above it; editors review it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from gonghui.kernel import scope
from gonghui.kernel.audit import audit
from gonghui.orgs.models import Org

from .. import workflow
from ..models import Bulletin, Issue, Submission, SubmissionPhoto
from ._common import clean_body, clean_text, require
from .issues import place_submission

MAX_PHOTOS = 4
MAX_PHOTO_BYTES = 5 * 1024 * 1024
# Recognised by their first bytes, not by the name or the browser's word.
PHOTO_MAGIC = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}


def _photo_type(head: bytes) -> str | None:
    return next((kind for magic, kind in PHOTO_MAGIC.items() if head.startswith(magic)), None)


def _clean_photos(photos: Sequence[UploadedFile], *, already: int = 0) -> list[tuple[UploadedFile, str]]:
    if already + len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": f"每篇稿件最多 {MAX_PHOTOS} 张图片。"})
    out = []
    for photo in photos:
        if photo.size is not None and photo.size > MAX_PHOTO_BYTES:
            raise ValidationError({"photos": f"图片「{photo.name}」超过 5 MB。"})
        photo.seek(0)
        kind = _photo_type(photo.read(8))
        photo.seek(0)
        if kind is None:
            raise ValidationError({"photos": f"「{photo.name}」不是 JPG 或 PNG 图片。"})
        out.append((photo, kind))
    return out


def _clean_content(values: dict[str, Any]) -> dict[str, str]:
    return {
        "title": clean_text(values.get("title"), field="title", label="标题", max_length=200),
        "body": clean_body(values.get("body")),
        "unit": clean_text(
            values.get("unit"), field="unit", label="供稿单位", max_length=100, required=False
        ),
        "authors": clean_text(
            values.get("authors"), field="authors", label="作者", max_length=100, required=False
        ),
    }


def _save_photos(submission: Submission, photos: list[tuple[UploadedFile, str]]) -> None:
    for upload, kind in photos:
        photo = SubmissionPhoto(submission=submission, content_type=kind)
        photo.image.save(upload.name or "photo", upload, save=False)
        photo.save()


@transaction.atomic
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
    require(actor, "edit", org)
    if not org.is_active:
        raise ValidationError(f"「{org.name}」已{org.get_status_display()}，不能报送稿件。")
    if not (org.path.startswith(bulletin.org.path) and org.path != bulletin.org.path):
        raise ValidationError(
            {"bulletin": f"「{org.name}」只能向上级工会的刊物报送，不能报送《{bulletin.name}》。"}
        )
    content = _clean_content({"title": title, "body": body, "unit": unit, "authors": authors})
    cleaned_photos = _clean_photos(photos)
    sub = Submission.objects.create(org=org, bulletin=bulletin, created_by=actor, **content)
    _save_photos(sub, cleaned_photos)
    audit(
        actor=actor, action="bulletin.submission.create", obj=sub, org=org,
        detail={"bulletin": str(bulletin), "title": sub.title, "photos": len(cleaned_photos)},
    )  # fmt: skip
    if submit:
        workflow.transition(actor=actor, submission=sub, action="submit")
    return sub


@transaction.atomic
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
) -> Submission:
    sub = Submission.objects.select_for_update().select_related("org").get(pk=submission.pk)
    require(actor, "edit", sub.org)
    if sub.status not in workflow.EDITABLE:
        raise workflow.InvalidTransition(f"稿件当前状态为「{sub.get_status_display()}」，不能修改。")
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
    _save_photos(sub, cleaned_photos)
    audit(
        actor=actor, action="bulletin.submission.update", obj=sub, org=sub.org,
        detail={"changed": changed, "photos_added": len(cleaned_photos), "photos_removed": removed},
    )  # fmt: skip
    return sub


def submission_transition(
    *,
    actor: Any,
    submission: Submission,
    action: str,
    comment: str = "",
    section: str = "",
    issue: Issue | None = None,
) -> Submission:
    """Every step of the workflow (报送, 撤回, 采用, 退回, 不予采用) through one entry point.
    Adopting names the section of a coming issue, and may place the item in a draft issue now."""
    effect = None
    if action == "adopt":
        effect = _adopt_effect(actor=actor, submission=submission, section=section, issue=issue)
    return workflow.transition(
        actor=actor, submission=submission, action=action, comment=comment, effect=effect
    )


def _adopt_effect(*, actor: Any, submission: Submission, section: str, issue: Issue | None) -> Any:
    bulletin = submission.bulletin
    section = "".join((section or "").split())
    if issue is not None:
        if issue.bulletin_id != bulletin.pk:
            raise ValidationError({"issue": f"所选的期不属于《{bulletin.name}》。"})
        if not issue.is_draft:
            raise ValidationError({"issue": f"{issue.label}已发布，不能再编入稿件。"})
        if actor is not None and not scope.can(actor, "edit", bulletin.org):
            raise PermissionDenied(
                f"您不是《{bulletin.name}》的编辑，不能把稿件编入具体的一期；可只选栏目采用。"
            )
        names = list(issue.sections.values_list("name", flat=True))
    else:
        names = list(bulletin.sections)
    if not section:
        raise ValidationError({"section": "采用时请选择栏目。"})
    if section not in names:
        raise ValidationError({"section": f"栏目「{section}」不在{'本期' if issue else '该刊物'}的栏目中。"})

    def effect(sub: Submission) -> dict[str, Any]:
        sub.section = section
        detail: dict[str, Any] = {"section": section}
        if issue is not None:
            article = place_submission(issue=issue, submission=sub)
            detail |= {"issue": issue.label, "article_id": article.pk}
        return detail

    return effect
