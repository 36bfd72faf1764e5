import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.assistance import actions
from gonghui.assistance.models import Attachment

from ..factories import make_household

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def household(rules, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_household(rules.grassroots)


def test_a_diagnosis_is_recognised_by_its_content(household, personas):
    upload = SimpleUploadedFile("诊断证明.pdf", PDF, content_type="application/octet-stream")
    item = actions.attachment_add(
        actor=personas.street, household=household, kind="诊断证明", name="", upload=upload
    )
    assert item.content_type == "application/pdf" and item.name == "诊断证明.pdf"
    assert item.file.read() == PDF


def test_a_file_that_only_claims_to_be_a_pdf_is_refused(household, personas):
    upload = SimpleUploadedFile(
        "户口本.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as exc:
        actions.attachment_add(
            actor=personas.street, household=household, kind="户口本", name="", upload=upload
        )
    assert "不是 PDF、JPG 或 PNG 文件" in exc.value.message_dict["file"][0]
    assert not Attachment.objects.exists()


def test_a_sibling_street_cannot_attach(household, personas):
    upload = SimpleUploadedFile("x.pdf", PDF)
    with pytest.raises(PermissionDenied):
        actions.attachment_add(
            actor=personas.sibling, household=household, kind="其他", name="", upload=upload
        )
