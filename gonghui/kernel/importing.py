"""Importing a clerk's ledger all or nothing: what the importers share and no ledger owns.

    table = read_ledger(data, filename=filename, fields=FIELDS, required=REQUIRED, max_rows=MAX_ROWS)
    errors = RowErrors(table.columns, LABELS)     # (row, column, message), the column as the file has it
    for row in table.rows: ...                     # every row checked, errors.add(row.number, "kind", "…")
    if not errors:
        with errors.all_or_nothing():              # the writes, kept only if no row is refused on the way
            ...

and, for the blank ledger a clerk fills in, `ledger_sheet`, `notes_sheet` and `ledger_into`; for a
large upload a worker reads later, `keep_upload`.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from .errors import Refused
from .exporting import Cell, Sheet, xlsx_into
from .spreadsheet import Column, SheetError, Table, read_table

LEDGER_MAX_BYTES = 5 * 1024 * 1024
# The header of a column that must be filled in: red on pink.
REQUIRED_STYLE = {"bold": True, "bg_color": "#FDE9E9", "border": 1, "font_color": "#B7121F"}
# The other headers on one line each, for a ledger whose headers are short.
UNWRAPPED_HEAD = {"bold": True, "bg_color": "#F2F2F2", "border": 1}


def read_ledger(
    data: bytes,
    *,
    filename: str,
    fields: Mapping[str, Sequence[str]],
    required: Collection[str],
    max_rows: int,
) -> Table:
    """The table of a ledger of at most 5 MB and `max_rows` rows; Refused (on "file") for a file
    that cannot be read as one."""
    if len(data) > LEDGER_MAX_BYTES:
        raise Refused({"file": gettext("文件不能超过5MB。")})
    try:
        table = read_table(data, filename=filename, fields=fields, required=required)
    except SheetError as exc:
        raise Refused({"file": str(exc)}) from None
    if len(table.rows) > max_rows:
        raise Refused(
            {
                "file": gettext("文件有%(value)s行数据，超过一次%(most)s行的上限，请分批导入。")
                % {"value": len(table.rows), "most": max_rows}
            }
        )
    return table


class _Undo(Exception):
    """A row refused while writing: nothing of the file is kept."""


class RowErrors(list[tuple[int, str, str]]):
    """A ledger's wrong rows as (row, column, message): the column by its letter and header as the
    file has it, or by its label when the file has no such column."""

    def __init__(self, columns: Mapping[str, Column], labels: Mapping[str, str]) -> None:
        super().__init__()
        self.columns = columns
        self.labels = labels

    def add(self, row: int, field: str, message: Any) -> None:
        col = self.columns.get(field)
        where = f"{col.letter}列（{col.header}）" if col else self.labels.get(field, "")
        self.append((row, where, str(message).rstrip("。")))

    def refused(self, row: int, exc: ValidationError) -> None:
        """An action's refusal of a row's record, each message at its field's column."""
        found = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        for field, messages in found.items():
            for message in messages:
                self.add(row, field, message)

    @contextmanager
    def all_or_nothing(self) -> Iterator[None]:
        """The writes of the block in one transaction, rolled back when they refused a row."""
        try:
            with transaction.atomic():
                yield
                if self:
                    raise _Undo
        except _Undo:
            pass


# ---- the blank ledger ------------------------------------------------------------------------

Columns = Sequence[tuple[str, str, str]]  # (field, header, the hint under it)


def ledger_sheet(name: str, columns: Columns, *, required: Collection[str], **options: Any) -> Sheet:
    """A blank ledger's sheet: the headers (required ones red), each hint as its header's note."""
    return Sheet(
        name,
        header=[Cell(label, "required" if f in required else "head") for f, label, _h in columns],
        header_notes={c: hint for c, (_f, _l, hint) in enumerate(columns) if hint},
        rows=(),
        frozen=0,
        **options,
    )


def notes_sheet(lines: Sequence[str]) -> Sheet:
    """The 填表说明 sheet: its first line as a heading, then one line a row."""
    return Sheet(
        "填表说明", header=(), rows=[[Cell(lines[0], "head")], *([line] for line in lines[1:])], widths=[100]
    )


def ledger_into(out: IO[bytes], sheets: Sequence[Sheet], *, styles: Mapping[str, Any] | None = None) -> None:
    """The blank ledger as an xlsx. It names nobody and comes back as an upload whose header must
    be on the first line: no watermark line."""
    xlsx_into(out, sheets, marked=False, styles={"required": REQUIRED_STYLE, **(styles or {})})


# ---- an upload kept for the worker -----------------------------------------------------------


def upload_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _sweep(older_than: float = 24 * 3600) -> None:
    """Uploads a killed worker never got to delete."""
    limit = time.time() - older_than
    for p in upload_dir().glob("*"):
        try:
            if p.stat().st_mtime < limit:
                p.unlink()
        except OSError:
            continue


def keep_upload(
    upload: IO[bytes], *, filename: str, suffixes: Collection[str], max_bytes: int, too_big: str
) -> tuple[Path, int]:
    """The upload written to a file of its own only the service may read, for a job to import;
    its path and size. Refused (on "file") for another kind of file, one over `max_bytes` (with
    `too_big`) or an empty one, and nothing is kept then."""
    suffix = Path(filename).suffix.lower()
    if suffix not in suffixes:
        raise Refused({"file": gettext("只能导入 Excel（.xlsx、.xls）或 CSV 文件。")})
    folder = upload_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # ledgers name people: the service's only
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    _sweep()
    path = folder / f"{uuid.uuid4().hex}{suffix}"
    size = 0
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
        while chunk := upload.read(1 << 20):
            size += len(chunk)
            if size > max_bytes:
                out.close()
                path.unlink(missing_ok=True)
                raise Refused({"file": too_big})
            out.write(chunk)
    if size == 0:
        path.unlink(missing_ok=True)
        raise Refused({"file": gettext("上传的文件是空的。")})
    return path, size
