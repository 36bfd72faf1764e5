"""An attachment of a hardship file is served as a download of the type its content showed when it
was uploaded, with nosniff: never shown inline from our own origin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.assistance import actions

from .factories import make_household

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


@pytest.mark.parametrize(
    ("content", "type_", "ext"), [(PDF, "application/pdf", "pdf"), (PNG, "image/png", "png")]
)
def test_an_attachment_is_a_download_with_its_type_and_nosniff(
    rules, personas, login, settings, tmp_path, content, type_, ext
):
    settings.MEDIA_ROOT = tmp_path
    household = make_household(rules.grassroots)
    item = actions.attachment_add(
        actor=personas.street, household=household, kind="诊断证明", name="诊断证明",
        upload=SimpleUploadedFile(f"x.{ext}", content, content_type="text/html"),
    )  # fmt: skip
    r = login(personas.street).get(f"/assistance/attachments/{item.pk}/")
    assert r.status_code == 200 and r["Content-Type"] == type_
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Disposition"].startswith("attachment;") and f".{ext}" in r["Content-Disposition"]
    assert b"".join(r.streaming_content) == content
