"""What a file is, decided by its first bytes: never by its name or the browser's word.

An uploaded attachment is stored with the type its content shows and served back as a download
with that type (and `X-Content-Type-Options: nosniff`): a `.js` upload is never served as script
from our own origin.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, NamedTuple

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext

from .errors import Refused


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    label: str
    also: tuple[str, ...] = ()  # other extensions such a file is saved under

    @property
    def extensions(self) -> tuple[str, ...]:
        return (self.extension, *self.also)


PDF = FileType("application/pdf", "pdf", "PDF")
JPEG = FileType("image/jpeg", "jpg", "JPG 图片", ("jpeg",))
PNG = FileType("image/png", "png", "PNG 图片")
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word 文档"
)
XLSX = FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Excel 表格")
PPTX = FileType(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx", "PPT 演示文稿"
)
# Word, Excel and PowerPoint 97-2003 and WPS (wps/et/dps) all keep their content in this container.
OLE = FileType(
    "application/x-ole-storage", "doc", "Office 97-2003 或 WPS 文档（doc/xls/ppt/wps/et/dps）",
    ("xls", "ppt", "wps", "et", "dps"),
)  # fmt: skip
OFD = FileType("application/ofd", "ofd", "OFD 版式文档")

KNOWN = (PDF, JPEG, PNG, DOCX, XLSX, PPTX, OLE, OFD)
IMAGES = (JPEG, PNG)
DOCUMENTS = (PDF, DOCX, XLSX, PPTX, OLE, OFD, JPEG, PNG)

# The most one document attached to a record may weigh.
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024

_OOXML = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}


def sniff(head: bytes, whole: IO[bytes] | None = None) -> FileType | None:
    """The type the content shows; `whole` lets a zip be looked into (docx, xlsx, pptx, ofd)."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(bytes.fromhex("D0CF11E0A1B11AE1")):
        return OLE
    if head.startswith(b"PK\x03\x04") and whole is not None:
        whole.seek(0)
        try:
            names = zipfile.ZipFile(whole).namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            whole.seek(0)
        if "[Content_Types].xml" in names:
            for prefix, kind in _OOXML.items():
                if any(n.startswith(prefix) for n in names):
                    return kind
        if "OFD.xml" in names:
            return OFD
    return None


def sniff_upload(upload: IO[bytes], allowed: tuple[FileType, ...]) -> FileType | None:
    """The type of an uploaded file when it is one of `allowed`, else None; the file is rewound."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    whole = upload if head.startswith(b"PK\x03\x04") else io.BytesIO(head)
    kind = sniff(head, whole)
    upload.seek(0)
    return kind if kind in allowed else None


class Document(NamedTuple):
    kind: FileType
    name: str  # the name it is kept and served under, with its type's extension
    size: int


def document_upload(upload: UploadedFile) -> Document:
    """An uploaded document: its type (one of `DOCUMENTS`, by its content), its name and size; Refused on "file" for an empty file, one
    over 20 MB, or one of another type."""
    if not upload.size:
        raise Refused({"file": gettext("文件是空的。")})
    if upload.size > DOCUMENT_MAX_BYTES:
        raise Refused({"file": gettext("文件不能超过20MB。")})
    name = PurePath(upload.name or "").name
    kind = sniff_upload(upload, DOCUMENTS)
    if kind is None:
        raise Refused(
            {
                "file": gettext("「%(name)s」不是可以上传的文件。只能上传%(value)s。")
                % {"name": name, "value": allowed_labels(DOCUMENTS)}
            }
        )
    return Document(kind, named(name, kind)[-200:], upload.size)


def allowed_labels(allowed: tuple[FileType, ...]) -> str:
    return "、".join(dict.fromkeys(t.label for t in allowed))


def named(filename: str, kind: FileType) -> str:
    """The file's name with an extension of its type: 「议程.js」 that holds a PDF is 「议程.pdf」,
    so that the saved download opens as what it is."""
    path = PurePath(filename or "")
    if path.suffix.lower().lstrip(".") in kind.extensions:
        return path.name
    return f"{path.stem or '文件'}.{kind.extension}"


def served(stored_type: str, filename: str, content: IO[bytes]) -> tuple[str, str]:
    """The name and type a kept upload is served with: the type decided when it was uploaded, or
    (for a file kept before types were decided) what its content shows; a file that is none of
    the known types is served as bytes with no extension a system would run."""
    kind = next((t for t in KNOWN if t.content_type == stored_type), None) or sniff_upload(content, KNOWN)
    if kind is None:
        return f"{PurePath(filename or '').stem or '文件'}.bin", "application/octet-stream"
    return named(filename, kind), kind.content_type
