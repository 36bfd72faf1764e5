"""Spreadsheets as a clerk's Excel or WPS writes them, for the importers' tests."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any


def workbook(sheets: Mapping[str, Sequence[Sequence[Any]]]) -> bytes:
    """An xlsx with these sheets in this order; empty cells (None or "") are left unwritten."""
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                if value is not None and value != "":
                    sheet.write(r, c, value)
    book.close()
    return buf.getvalue()
