"""Small files made to hurt a spreadsheet reader, for the tests of every upload path."""

from __future__ import annotations

import io
import zipfile

from .test_sheetguard import SPARSE_CORNER, cell, row, xlsx

__all__ = ["HOSTILE", "SPARSE_CORNER"]

_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
    'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
    'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def ods(table_xml: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
        'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="花名册">{table_xml}</table:table></office:spreadsheet>'
        "</office:body></office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")  # stored, first
        zf.writestr("META-INF/manifest.xml", _ODS_MANIFEST, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _ods_cell(value: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


# A1, and a cell two thousand rows down and across, the empty space between written as
# "repeated" (calamine itself ignores repeats far larger than that): an .ods is not counted
# before reading, so this one reaches the reader in its child process, which refuses it.
SPARSE_CORNER_ODS = ods(
    f"<table:table-row>{_ods_cell('姓名')}</table:table-row>"
    '<table:table-row table:number-rows-repeated="2000"><table:table-cell/></table:table-row>'
    f'<table:table-row><table:table-cell table:number-columns-repeated="2000"/>{_ods_cell("x")}</table:table-row>'
)
ZIP_BOMB = xlsx(row(1, cell("A1")), extra={"xl/media/padding.xml": b" " * (60 * 1024 * 1024)})


def _shared_strings_with_dtd(doctype: bytes, text: bytes) -> bytes:
    """A workbook whose shared strings declare a DTD: the harm is in what the entities expand to."""
    return xlsx(
        row(1, cell("A1")),
        extra={
            "xl/sharedStrings.xml": (
                b'<?xml version="1.0"?><!DOCTYPE ' + doctype + b'><sst xmlns="http://schemas.openxmlformats'
                b'.org/spreadsheetml/2006/main"><si><t>' + text + b"</t></si></sst>"
            )
        },
    )


BILLION_LAUGHS = _shared_strings_with_dtd(
    b'lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]',
    b"&lol3;",
)
EXTERNAL_ENTITY = _shared_strings_with_dtd(b'sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]', b"&xxe;")
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 200
    + b"This program cannot be run in DOS mode."
)

# What each is, the name it is uploaded under, its bytes, and what the refusal says.
HOSTILE = {
    "sparse-corner": ("花名册.xlsx", SPARSE_CORNER, "数据区域过大"),
    "sparse-corner-ods": ("花名册.ods", SPARSE_CORNER_ODS, "数据区域过大"),
    "zip-bomb": ("花名册.xlsx", ZIP_BOMB, "压缩比异常"),
    "billion-laughs": ("花名册.xlsx", BILLION_LAUGHS, "DOCTYPE/ENTITY"),
    "external-entity": ("花名册.xlsx", EXTERNAL_ENTITY, "DOCTYPE/ENTITY"),
    "exe-renamed": ("花名册.xlsx", EXE, "无法读取该Excel文件"),
}
