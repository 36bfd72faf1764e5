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
