"""Opening a spreadsheet someone uploaded without letting it take the server down.

Calamine, which reads our Excel files, builds one dense block of cells from the top-left to the
bottom-right cell it finds. A 1.5 KB xlsx holding only A1 and XFD1048576 asks for seventeen
billion cells and the allocator's failure aborts the process (Python cannot catch it). So before
calamine sees a file:

- an .xlsx/.xlsm is checked as the zip it is (entries, sizes, compression ratio: a zip bomb is
  refused), its XML parts may not declare entities, and every worksheet is scanned for the cells
  it really holds: the block they span must stay within `MAX_CELLS` (and Excel's own limits),
  whatever its `<dimension>` claims. The scan decompresses the sheet once and looks only for
  references beyond the largest seen so far, so a legitimate ledger costs one quick pass;
- any other Excel format (.xls, .xlsb, .ods), whose cells cannot be counted this cheaply, is read
  in a child process that limits its own memory: a hostile file ends that process, not ours.

Every refusal is a `SheetError` with a message a clerk can act on.
"""

from __future__ import annotations

import io
import pickle
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from typing import Any

from django.conf import settings

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
MAX_ROWS = 1_048_576  # Excel's own limits
MAX_COLS = 16_384
MAX_ENTRIES = 10_000
MAX_RATIO = 200  # a zip bomb compresses far better than any real sheet (about 8:1)
RATIO_FLOOR = 10 * 1024 * 1024  # small parts may compress as they like
CHUNK = 1 << 20
CHILD_MEMORY = 2 * 1024**3  # address space the child reader may use


CELLS_PER_BYTE = 4  # a real sheet stores a cell in about 6 bytes: room for empty areas
MIN_CELLS = 200_000


def max_cells(size: int | None = None) -> int:
    """How many cells the block of one sheet may span: at most GONGHUI_SHEET_MAX_CELLS (a
    million-row ledger of 13 columns spans 13 million), and for a small file no more than its
    size can hold, so that a kilobyte cannot ask for megabytes."""
    ceiling = int(getattr(settings, "GONGHUI_SHEET_MAX_CELLS", 30_000_000))
    return ceiling if size is None else min(ceiling, max(MIN_CELLS, size * CELLS_PER_BYTE))


def max_unzipped() -> int:
    return int(getattr(settings, "GONGHUI_SHEET_MAX_UNZIPPED", 3 * 1024**3))


def refuse(message: str) -> Exception:
    from .spreadsheet import SheetError

    return SheetError(message)


# ---- column letters and "a number above n" ------------------------------------------------


def column_index(letters: bytes) -> int:
    """b"A" → 1, b"Z" → 26, b"AA" → 27 (1-based, as the block's width counts)."""
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def column_letters(index: int) -> str:
    out = ""
    while index:
        index, r = divmod(index - 1, 26)
        out = chr(65 + r) + out
    return out


def _digits_above(n: str) -> str:
    """A regex for decimal numbers of len(n) digits greater than n (no leading zeros)."""
    options = []
    for i, d in enumerate(n):
        if d != "9":
            rest = len(n) - i - 1
            options.append(n[:i] + f"[{int(d) + 1}-9]" + (f"\\d{{{rest}}}" if rest else ""))
    return "|".join(options) if options else "(?!)"


def number_above(n: int) -> str:
    """A regex matching the decimal numbers greater than n (written without leading zeros)."""
    s = str(n)
    return f"(?:[1-9]\\d{{{len(s)},}}|{_digits_above(s)})"


def letters_above(index: int) -> str:
    """A regex matching the column letters of columns after `index` (1-based)."""
    s = column_letters(index)
    longer = f"[A-Z]{{{len(s) + 1},}}"
    same = []
    for i, ch in enumerate(s):
        if ch != "Z":
            rest = len(s) - i - 1
            same.append(s[:i] + f"[{chr(ord(ch) + 1)}-Z]" + (f"[A-Z]{{{rest}}}" if rest else ""))
    return "|".join([longer, *same])


# ---- xlsx ----------------------------------------------------------------------------------

_HEAD_REF = re.compile(rb'<c\s[^>]*?\br="([A-Z]+)(\d+)"')
_CELL_WITHOUT_REF = re.compile(rb"<c(?:\s(?:(?!\br=)[^>])*)?/?>")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
MAX_PASSES = 4
BAD_DTD = "表格文件中含有不允许的 XML 声明（DOCTYPE/ENTITY），请用 Excel 或 WPS 另存为 .xlsx 后重试。"
NO_REF = "表格中有未标明位置的单元格，请用 Excel 或 WPS 另存为 .xlsx 后重试。"


def _outside(cols: int, rows: int) -> re.Pattern[bytes]:
    """A cell reference beyond `cols` columns or beyond `rows` rows, its letters and number
    captured."""
    return re.compile(
        rb'\br="(?=(?:'
        + letters_above(cols).encode()
        + rb")\d|[A-Z]+"
        + number_above(rows).encode()
        + rb'")([A-Z]+)(\d+)"'
    )


def _rows_allowed(cols: int, limit: int) -> int:
    return min(MAX_ROWS, limit // cols)


def _scan_pass(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cols: int, limit: int) -> int:
    """One pass over a sheet's XML: refuse a cell lower than `cols` columns allow, and return
    the widest column found (more than `cols` when the sheet is wider than its first rows)."""
    widest = cols
    pattern = _outside(widest, _rows_allowed(widest, limit))
    tail = b""
    with zf.open(info) as fh:
        while chunk := fh.read(CHUNK):
            buf = tail + chunk
            pos = 0
            while (m := pattern.search(buf, pos)) is not None:
                col, row = column_index(m[1]), int(m[2])
                widest = max(widest, col)
                _check_block(widest, row, limit)
                pattern = _outside(widest, _rows_allowed(widest, limit))
                pos = m.end()
            # Cells whose position is implied by their order are not counted above; every
            # writer we know puts r= first, so compare the counts and look closer only if not.
            starts = buf.count(b"<c ") + buf.count(b"<c>") + buf.count(b"<c/>")
            if starts != buf.count(b'<c r="') and _CELL_WITHOUT_REF.search(buf):
                raise refuse(NO_REF)
            tail = buf[-64:]
    return widest


def _scan_sheet(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> None:
    """The block the sheet's cells really span must stay within the limits, whatever its
    `<dimension>` says. The first rows give the width; a pass looks only for cells wider than
    that or lower than that width allows; a wider cell found on the way means one more pass."""
    with zf.open(info) as fh:
        head = fh.read(64 * 1024)
    if _DTD.search(head):
        raise refuse(BAD_DTD)
    cols = max((column_index(letters) for letters, _ in _HEAD_REF.findall(head)), default=1)
    for _ in range(MAX_PASSES):
        _check_block(cols, 1, limit)
        widest = _scan_pass(zf, info, cols, limit)
        if widest == cols:
            return
        cols = widest
    raise refuse("表格的列数前后相差过大，请把数据复制到新表格（只含表头和数据）后再导入。")


def _check_block(cols: int, rows: int, limit: int) -> None:
    if cols > MAX_COLS or rows > MAX_ROWS or cols * rows > limit:
        where = f"{column_letters(cols)}{rows}"
        raise refuse(
            f"表格的数据区域过大（从 A1 到 {where}，约 {cols * rows:,} 个单元格，上限 {limit:,} 个）。"
            "请删除表格中远离数据的空白单元格或格式（如按 Ctrl+End 查看最后一个单元格），或把数据复制到新表格后再导入。"
        )


def check_xlsx(data: bytes) -> None:
    """Refuse an .xlsx/.xlsm that would make the reader allocate more than it should."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise refuse("无法读取该Excel文件，请确认文件未损坏、未加密，并另存为 .xlsx 格式后重试。") from exc
    if len(infos) > MAX_ENTRIES:
        raise refuse("该Excel文件的结构异常（内含文件过多），请另存为 .xlsx 格式后重试。")
    total = sum(i.file_size for i in infos)
    if total > max_unzipped():
        raise refuse("该Excel文件解压后过大，请拆分成几个文件分别导入。")
    for i in infos:
        if i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise refuse("该Excel文件的压缩比异常（疑似压缩炸弹），已拒绝读取。")
    try:
        for i in infos:
            name = i.filename.lower()
            if not name.endswith(".xml") and not name.endswith(".rels"):
                continue
            if name.startswith("xl/worksheets/") and name.count("/") == 2:
                _scan_sheet(zf, i, max_cells(len(data)))
            else:
                with zf.open(i) as fh:
                    if _DTD.search(fh.read(64 * 1024)):
                        raise refuse(BAD_DTD)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise refuse("无法读取该Excel文件，请确认文件未损坏、未加密，并另存为 .xlsx 格式后重试。") from exc


def is_xlsx(data: bytes) -> bool:
    """An Office Open XML workbook (.xlsx, .xlsm), whatever the file is called."""
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        return "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


# ---- any other Excel format: a child process that limits its own memory -----------------------

_CHILD = r"""
import pickle, resource, sys
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
data = sys.stdin.buffer.read()
import io
from python_calamine import CalamineWorkbook
book = CalamineWorkbook.from_filelike(io.BytesIO(data))
visible = [i for i, m in enumerate(book.sheets_metadata)
           if str(getattr(m, "visible", "Visible")).endswith("Visible")
           and str(getattr(m, "typ", "WorkSheet")).endswith("WorkSheet")]
sheet = book.get_sheet_by_index(visible[0] if visible else 0)
pad = [""] * sheet.start[1] if sheet.start else []
rows = [[*pad, *row] for row in sheet.iter_rows()]
if sum(len(r) for r in rows) > int(sys.argv[2]):
    sys.exit(3)
sys.stdout.buffer.write(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))
"""


def read_in_child(data: bytes) -> tuple[Iterator[list[Any]], int]:
    """The first visible sheet's rows, read by a child process whose memory is limited: a file
    that would exhaust it ends the child with a refusal, and this process is untouched."""
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-c", _CHILD, str(CHILD_MEMORY), str(max_cells(len(data)))],
            input=data,
            capture_output=True,
            timeout=600,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise refuse("读取该Excel文件超时，请另存为 .xlsx 格式后重试。") from exc
    if done.returncode == 3:
        raise refuse(
            f"表格的数据区域过大（超过 {max_cells(len(data)):,} 个单元格），请删除空白区域或拆分后再导入。"
        )
    if done.returncode != 0:
        raise refuse("无法读取该Excel文件（文件损坏、加密，或数据区域过大），请另存为 .xlsx 格式后重试。")
    rows: list[list[Any]] = pickle.loads(done.stdout)
    return iter(rows), len(rows)
