"""Creating and changing submissions: where they may go, what they must hold, their photos."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.bulletin import actions
from gonghui.bulletin.models import Submission, SubmissionPhoto
from gonghui.bulletin.tests.factories import make_bulletin, make_submission, png


def create(actor, org, bulletin, **kw):
    values = {"title": "标题", "body": "正文。", **kw}
    return actions.submission_create(actor=actor, org=org, bulletin=bulletin, **values)


def test_a_union_submits_only_to_a_bulletin_above_it(tree, personas, bulletin):
    sibling_bulletin = make_bulletin(tree.sibling_street, "新港简报")
    with pytest.raises(ValidationError, match="只能向上级工会的刊物报送"):
        create(personas.street, tree.street, sibling_bulletin)
    with pytest.raises(ValidationError, match="只能向上级工会的刊物报送"):
        create(personas.province, tree.province, bulletin)
    assert not Submission.objects.exists()


def test_only_the_unions_own_officers_write_for_it(tree, personas, bulletin):
    with pytest.raises(PermissionDenied):
        create(personas.sibling, tree.street, bulletin)
    with pytest.raises(PermissionDenied):
        create(personas.member, tree.grassroots, bulletin)
    assert create(personas.grassroots, tree.grassroots, bulletin).status == "draft"


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"title": "  "}, "title", "请填写标题"),
        ({"body": "\n \n"}, "body", "请填写正文"),
        ({"title": "长" * 201}, "title", "标题不能超过200个字"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_creates_nothing(
    tree, personas, bulletin, values, field, message
):
    with pytest.raises(ValidationError) as refused:
        create(personas.street, tree.street, bulletin, **values, submit=True)
    assert message in refused.value.message_dict[field][0]
    assert not Submission.objects.exists()


def test_body_is_kept_one_paragraph_a_line(tree, personas, bulletin):
    sub = create(personas.street, tree.street, bulletin, body="  第一段。  \r\n\r\n\r\n第二段。\n")
    assert sub.body == "第一段。\n第二段。"


def test_photos_are_checked_by_their_content(tree, personas, bulletin):
    fake = SimpleUploadedFile("photo.png", "这不是图片".encode(), content_type="image/png")
    with pytest.raises(ValidationError, match="不是 JPG 或 PNG 图片"):
        create(personas.street, tree.street, bulletin, photos=[fake])
    assert not Submission.objects.exists()
    sub = create(personas.street, tree.street, bulletin, photos=[png("a.png"), png("b.png")])
    photos = list(sub.photos.all())
    assert [p.content_type for p in photos] == ["image/png", "image/png"]
    # Stored under a name of our own, not the uploader's.
    assert photos[0].image.name.endswith(".png") and not photos[0].image.name.endswith("/a.png")
    with photos[0].image.open("rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"


def test_at_most_four_photos(tree, personas, bulletin):
    sub = create(personas.street, tree.street, bulletin, photos=[png() for _ in range(3)])
    with pytest.raises(ValidationError, match="最多 4 张"):
        actions.submission_update(
            actor=personas.street, submission=sub, title="标题", body="正文。", photos_add=[png(), png()]
        )
    assert sub.photos.count() == 3
    first = sub.photos.first()
    actions.submission_update(
        actor=personas.street, submission=sub, title="标题", body="正文。", photos_add=[png(), png()],
        photos_remove=[first.pk],
    )  # fmt: skip
    assert sub.photos.count() == 4 and not SubmissionPhoto.objects.filter(pk=first.pk).exists()


def test_the_text_changes_only_while_draft_or_returned(tree, personas, bulletin):
    sub = make_submission(tree.street, bulletin, submit=False)
    actions.submission_update(
        actor=personas.street, submission=sub, title="新标题", body="新正文。", authors="张三 李四"
    )
    sub.refresh_from_db()
    assert (sub.title, sub.author_list, sub.source) == (
        "新标题",
        ["张三", "李四"],
        "赤岗街道总工会  张三  李四",
    )
    actions.submission_transition(actor=personas.street, submission=sub, action="submit")
    with pytest.raises(ValidationError, match="不能修改"):
        actions.submission_update(actor=personas.street, submission=sub, title="再改", body="再改。")
    assert Submission.objects.get(pk=sub.pk).title == "新标题"
