"""Meeting documents: the type is decided from the content when the file is uploaded, and every
document is served as a download with that type and `nosniff`, whatever the browser said."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.core.models import AuditEntry
from gonghui.meetings.models import MeetingDocument

from .factories import make_meeting

HELD = dt.date(2013, 3, 25)
SCRIPT = b"alert(document.cookie)//"


@pytest.fixture
def meeting(tree, committee, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return make_meeting(tree.guangzhou, held_on=HELD)


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def upload(client, meeting, name: str, content: bytes, content_type: str):  # type: ignore[no-untyped-def]
    return client.post(
        f"/meetings/{meeting.pk}/documents/",
        {"title": "", "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def test_a_script_named_like_a_pdf_is_refused_and_nothing_is_kept(meeting, personas, login, tmp_path):
    r = upload(login(personas.city), meeting, "议程.pdf", SCRIPT, "application/javascript")
    page = r.content.decode()
    assert r.status_code == 422
    assert "「议程.pdf」不是可以上传的文件" in page
    assert "只能上传PDF、Word 文档、Excel 表格、PPT 演示文稿" in page and "JPG 图片、PNG 图片" in page
    assert not MeetingDocument.objects.exists()
    assert not AuditEntry.objects.filter(action="meetings.document.add").exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    ("name", "content", "browser_says", "kept_as", "type_"),
    [
        ("工作报告.js", b"%PDF-1.7\n...", "application/javascript", "工作报告.pdf", "application/pdf"),
        ("讲话稿.docx", _docx(), "text/html", "讲话稿.docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("预算表.wps", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 64, "", "预算表.wps", "application/x-ole-storage"),
        ("合影.jpeg", b"\xff\xd8\xff\xe0" + b"\0" * 32, "text/html", "合影.jpeg", "image/jpeg"),
    ],
)  # fmt: skip
def test_a_document_is_kept_and_served_with_the_type_its_content_shows(
    meeting, personas, login, name, content, browser_says, kept_as, type_
):
    client = login(personas.city)
    assert upload(client, meeting, name, content, browser_says).status_code == 302
    doc = MeetingDocument.objects.get()
    assert (doc.content_type, doc.filename) == (type_, kept_as)
    r = client.get(f"/meetings/documents/{doc.pk}/")
    assert r.status_code == 200 and r["Content-Type"] == type_
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Disposition"].startswith("attachment;")
    assert b"".join(r.streaming_content) == content


def test_a_document_kept_with_the_browsers_word_is_never_served_as_script(meeting, personas, login):
    doc = MeetingDocument(
        meeting=meeting, title="议程", filename="议程.js", content_type="application/javascript"
    )
    doc.file.save("议程.js", ContentFile(SCRIPT), save=False)
    doc.save()
    r = login(personas.city).get(f"/meetings/documents/{doc.pk}/")
    assert r["Content-Type"] == "application/octet-stream"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Disposition"].startswith("attachment;") and ".js" not in r["Content-Disposition"]


def test_a_document_kept_with_a_wrong_word_is_served_as_what_it_holds(meeting, personas, login):
    doc = MeetingDocument(meeting=meeting, title="报告", filename="报告.html", content_type="text/html")
    doc.file.save("报告.html", ContentFile(b"%PDF-1.4 ..."), save=False)
    doc.save()
    r = login(personas.city).get(f"/meetings/documents/{doc.pk}/")
    assert r["Content-Type"] == "application/pdf"
    assert "%E6%8A%A5%E5%91%8A.pdf" in r["Content-Disposition"]
