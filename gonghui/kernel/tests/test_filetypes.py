import io
import zipfile

from gonghui.kernel import filetypes


def _zip(*names: str) -> io.BytesIO:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n in names:
            zf.writestr(n, "x")
    buf.seek(0)
    return buf


def test_types_are_read_from_the_content_not_the_name():
    assert filetypes.sniff_upload(io.BytesIO(b"%PDF-1.7 ..."), filetypes.DOCUMENTS) is filetypes.PDF
    assert (
        filetypes.sniff_upload(_zip("[Content_Types].xml", "word/document.xml"), filetypes.DOCUMENTS)
        is filetypes.DOCX
    )
    assert (
        filetypes.sniff_upload(_zip("[Content_Types].xml", "xl/workbook.xml"), filetypes.DOCUMENTS)
        is filetypes.XLSX
    )


def test_script_and_html_and_unknown_zips_are_not_documents():
    for content in (b"alert(document.cookie)//", b"<!doctype html><script>x()</script>", b"MZ\x90\x00"):
        assert filetypes.sniff_upload(io.BytesIO(content), filetypes.DOCUMENTS) is None
    assert filetypes.sniff_upload(_zip("evil.js"), filetypes.DOCUMENTS) is None
    # A PDF is not an image.
    assert filetypes.sniff_upload(io.BytesIO(b"%PDF-1.4"), filetypes.IMAGES) is None


def test_a_kept_file_is_named_with_an_extension_of_its_type():
    assert filetypes.named("议程.js", filetypes.PDF) == "议程.pdf"
    assert filetypes.named("预算表.ET", filetypes.OLE) == "预算表.ET"
    assert filetypes.named("../../合影.jpeg", filetypes.JPEG) == "合影.jpeg"
    assert filetypes.named("", filetypes.PDF) == "文件.pdf"


def test_a_kept_file_is_served_as_its_decided_type_else_as_its_content_else_as_bytes():
    assert filetypes.served("application/pdf", "报告.pdf", io.BytesIO(b"x")) == (
        "报告.pdf",
        "application/pdf",
    )
    assert filetypes.served("text/html", "报告.html", io.BytesIO(b"%PDF-1.4")) == (
        "报告.pdf",
        "application/pdf",
    )
    assert filetypes.served("application/javascript", "a.js", io.BytesIO(b"alert(1)")) == (
        "a.bin",
        "application/octet-stream",
    )
