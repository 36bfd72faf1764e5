"""Every xlsx and csv the project hands out, run with hostile text and read back.

Each module declares its exports in its module.py (`Module.exports`); the sample of each puts
text such as `=HYPERLINK(...)` into the names, titles and remarks the file lists. The file is
downloaded through its page by the province's administrator, who may reveal personal data (a
file is masked all the same unless it is itself an audited reveal), and read back:

- xlsx: no cell is a formula, and each hostile text came back as that exact text;
- csv: each hostile text came back with a leading apostrophe, and no cell starts with what a
  spreadsheet would run;
- neither holds in full any personal data the database keeps encrypted (ID and phone numbers,
  bank accounts), except what the export declares it reveals.

And no module writes xlsx or csv except through `gonghui.kernel.exporting`.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from python_calamine import CalamineWorkbook

from gonghui.kernel.crypto import EncryptedTextField
from gonghui.kernel.registry import registry, resolve

GONGHUI = Path(__file__).resolve().parents[2]
HOSTILE = ('=HYPERLINK("http://evil.example/","点我")', "+1+1", "-2+3", "@SUM(A1)", "\t=1")
EXPORTS = [(m, e, fmt) for m, e in registry.exports() for fmt in e.formats]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?%?")
TABBED_DIGITS = re.compile(r"\t\d+")  # a long number kept as text for Excel: inert


def downloaded(response) -> bytes:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content[:500]
    return b"".join(response.streaming_content) if response.streaming else response.content


def xlsx_cells(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                formulas = re.findall(r"<f[ >].*?</f>", zf.read(name).decode())
                assert not formulas, f"{name} holds formulas: {formulas[:3]}"
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return [
        cell
        for name in book.sheet_names
        for row in book.get_sheet_by_name(name).to_python()
        for cell in row
        if isinstance(cell, str)
    ]


def csv_cells(data: bytes) -> list[str]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    cells = [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for cell in row]
    live = [
        c
        for c in cells
        if c.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(c) and not TABBED_DIGITS.fullmatch(c)
    ]
    assert not live, f"cells a spreadsheet would run: {live}"
    return cells


def secrets(reveals: tuple[str, ...]) -> set[str]:
    """Every value the database keeps encrypted (personal data), but the fields revealed."""
    found: set[str] = set()
    for model in apps.get_models():
        fields = [
            f.name for f in model._meta.fields if isinstance(f, EncryptedTextField) and f.name not in reveals
        ]
        for name in fields:
            found |= {v for v in model.objects.values_list(name, flat=True) if v and len(v) >= 6}
    return found


def test_there_are_exports_to_check():
    assert {m.name for m, _e, _f in EXPORTS} >= {
        "members",
        "bulletin",
        "assistance",
        "services",
        "units",
        "meetings",
    }
    assert all(e.sample for _m, e, _f in EXPORTS), "every export says how to make a sample of it"


@pytest.mark.parametrize(("module", "export", "fmt"), EXPORTS, ids=[f"{e.name}.{f}" for _m, e, f in EXPORTS])
def test_every_export_writes_hostile_text_as_text(module, export, fmt, tree, personas, login):
    path = resolve(export.sample)(tree, HOSTILE, fmt)
    data = downloaded(login(personas.province).get(path))
    if fmt == "xlsx":
        cells = xlsx_cells(data)
        missing = [t for t in HOSTILE if t not in cells]
    else:
        cells = csv_cells(data)
        missing = [t for t in HOSTILE if "'" + t not in cells]
    assert not missing, f"{export.name} ({fmt}) did not give these back as text: {missing}"
    shown = [s for s in secrets(tuple(export.reveals)) if any(s in c for c in cells)]
    assert not shown, f"{export.name} ({fmt}) shows personal data in full: {shown}"


# ---- the one writer ------------------------------------------------------------------------

WRITERS = re.compile(r"\bxlsxwriter\b|\bopenpyxl\b|\bcsv\.(writer|DictWriter)\b")


def test_no_module_writes_xlsx_or_csv_outside_the_one_export_writer():
    found = []
    for path in sorted(GONGHUI.rglob("*.py")):
        rel = path.relative_to(GONGHUI).as_posix()
        if "tests" in path.parts or rel == "kernel/exporting.py":
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if WRITERS.search(line):
                found.append(f"{rel}:{i}: {line.strip()}")
    assert not found, "write files through gonghui.kernel.exporting:\n" + "\n".join(found)


def test_a_module_that_writes_files_declares_them():
    """A module that calls the export writer declares its exports, so that the test above runs
    them with hostile text."""
    writer = re.compile(r"\b(xlsx_file|xlsx_bytes|xlsx_into|xlsx_chunks|csv_stream|csv_bytes)\(")
    declared = {m.name for m, _e in registry.exports()}
    writing = {
        path.relative_to(GONGHUI).parts[0]
        for path in GONGHUI.rglob("*.py")
        if "tests" not in path.parts and writer.search(path.read_text(encoding="utf-8"))
    }
    undeclared = writing - declared - {"kernel"}
    assert not undeclared, f"modules writing files without declaring them: {undeclared}"
