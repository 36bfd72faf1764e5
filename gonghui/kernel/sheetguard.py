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
- then every Excel file (.xlsx and .xls, .xlsb, .ods alike, whose cells cannot be counted this
  cheaply) is read in a child process that limits its own memory and CPU time and hands the rows
  back a chunk at a time: whatever a file does to the reader ends that process, not the web
  server or the worker.

Every refusal is a `SheetError` with a message a clerk can act on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import io
import logging
import pickle
import re
import struct
import subprocess
import sys
import tempfile
import weakref
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from django.conf import settings

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
MAX_ROWS = 1_048_576  # Excel's own limits
MAX_COLS = 16_384
MAX_ENTRIES = 10_000
MAX_RATIO = 200  # a zip bomb compresses far better than any real sheet (about 8:1)
RATIO_FLOOR = 10 * 1024 * 1024  # small parts may compress as they like
CHUNK = 1 << 20
log = logging.getLogger(__name__)


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


# ---- reading: a child process that limits its own memory --------------------------------------

# The child reads the workbook and hands its rows back a chunk at a time. It looks at the visible
# worksheets in order: for each it sends the first rows and waits to be told whether this is the
# sheet wanted ("y") or not ("n"); the sheet taken is streamed to the end.
_CHILD = r"""
import io, os, pickle, resource, struct, sys
memory, cpu, cells, scan, chunk = map(int, sys.argv[1:6])
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
inp, out = sys.stdin.buffer, sys.stdout.buffer
def send(obj):
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(struct.pack("<I", len(data)))
    out.write(data)
def clean(rows):
    # NUL means nothing in a cell, and no database text column can hold it.
    return [[c.replace("\0", "") if type(c) is str and "\0" in c else c for c in r] for r in rows]
(size,) = struct.unpack("<Q", inp.read(8))
data = inp.read(size)
from python_calamine import CalamineWorkbook
try:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    metas = list(book.sheets_metadata)
except Exception:
    sys.exit(4)
del data
names = [m.name for m in metas if str(getattr(m, "visible", "Visible")).endswith("Visible")
         and str(getattr(m, "typ", "WorkSheet")).endswith("WorkSheet")] or [m.name for m in metas[:1]]
for name in names:
    try:
        sheet = book.get_sheet_by_name(name)
    except Exception:
        sys.exit(4)
    if sheet.height * sheet.width > cells:
        send(("big", name, sheet.height, sheet.width))
        out.flush()
        sys.exit(3)
    pad = [""] * sheet.start[1] if sheet.start else []
    rows = sheet.iter_rows()
    head = []
    for row in rows:
        head.append([*pad, *row] if pad else row)
        if len(head) >= scan:
            break
    send(("head", name, sheet.end[0] + 1 if sheet.end else 0, clean(head)))
    out.flush()
    if inp.read(1) != b"y":
        del sheet, rows, head
        continue
    # From here the rows are fed to a reader that is slower than this: yield the processor to
    # it (and to the database it writes to) rather than compete.
    try:
        os.nice(10)
    except OSError:
        pass
    # A ledger repeats a few values a million times: one object per value and chunk makes the
    # chunk half the size and quicker to unpickle (pickle refers back to a value it has sent).
    part, same = [], {}
    for row in rows:
        row = [same.setdefault(c, c) if type(c) is str else c for c in row]
        part.append([*pad, *row] if pad else row)
        if len(part) >= chunk:
            send(("rows", clean(part) if "\0" in "".join(same) else part))
            part, same = [], {}
    send(("rows", clean(part) if "\0" in "".join(same) else part))
    send(("end",))
    out.flush()
    sys.exit(0)
send(("none",))
out.flush()
"""
CHILD_CPU_SECONDS = 900
CHUNK_ROWS = 5000
_HEADER = struct.Struct("<I")

CHILD_DIED = (
    "读取该Excel文件时读取进程异常退出（文件损坏、加密，或数据区域过大、占用内存过多），"
    "没有导入任何数据。请用 Excel 或 WPS 另存为 .xlsx 格式（删除数据区域外的空白行列）后重试。"
)
UNREADABLE = "无法读取该Excel文件，请确认文件未损坏、未加密，并另存为 .xlsx 格式后重试。"


class _Unpickler(pickle.Unpickler):
    """Cells are plain values: nothing but the datetime types may be named in what the child
    sends, so that a reader subverted by a hostile file still cannot make this process run code."""

    ALLOWED = frozenset({"date", "datetime", "time", "timedelta", "timezone"})

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in self.ALLOWED:
            return getattr(dt, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a cell value")


def child_memory(size: int) -> int:
    """The address space the reading child may use: enough for the cells a file of this size may
    hold (about 110 bytes a cell in calamine and Python), never more than
    GONGHUI_SHEET_CHILD_MEMORY."""
    ceiling = int(getattr(settings, "GONGHUI_SHEET_CHILD_MEMORY", 4 * 1024**3))
    return min(ceiling, 384 * 1024**2 + 3 * size + 160 * max_cells(size))


def _too_big(name: str, height: int, width: int, limit: int) -> Exception:
    return refuse(
        f"工作表「{name}」的数据区域过大（{height:,} 行 × {width:,} 列，上限 {limit:,} 个单元格），"
        "请删除空白区域或拆分后再导入。"
    )


class ChildReader:
    """A workbook read by a child process whose memory and CPU time are limited: a file that
    would exhaust them ends the child with a refusal, and this process is untouched.

    `next_head()` gives each visible worksheet's name, height and first rows in turn; `take()`
    then gives all its rows from the top, `skip()` moves on. The child is ended when the reader
    is closed or forgotten, whatever state it is in."""

    def __init__(self, data: bytes, *, scan: int) -> None:
        self.size = len(data)
        self.cells = max_cells(self.size)
        self.errlog = tempfile.TemporaryFile()  # noqa: SIM115 (closed with the reader)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-c", _CHILD, str(child_memory(self.size)), str(CHILD_CPU_SECONDS),
                 str(self.cells), str(scan), str(CHUNK_ROWS)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errlog,
            )  # fmt: skip
        except OSError as exc:
            self.errlog.close()
            raise refuse("服务器暂时无法读取表格文件，请稍后重试。") from exc
        self._finalizer = weakref.finalize(self, _end, self.proc, self.errlog)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        with contextlib.suppress(OSError, AttributeError):  # fewer, larger writes (Linux)
            fcntl.fcntl(self.proc.stdout.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
        self.stdin, self.stdout = self.proc.stdin, self.proc.stdout
        try:
            self.stdin.write(struct.pack("<Q", self.size))
            self.stdin.write(data)
            self.stdin.flush()
        except OSError:
            pass  # the child ended early: its exit status says why

    def _frame(self) -> tuple[Any, ...]:
        head = self.stdout.read(_HEADER.size)
        if len(head) == _HEADER.size:
            (n,) = _HEADER.unpack(head)
            body = self.stdout.read(n)
            if len(body) == n:
                try:
                    frame: tuple[Any, ...] = _Unpickler(io.BytesIO(body)).load()
                except Exception:  # not what our child sends: whatever it is, it is refused
                    log.warning("spreadsheet reader sent an unreadable frame")
                    self.close()
                    raise refuse(CHILD_DIED) from None
                if frame[0] == "big":
                    self.close()
                    raise _too_big(frame[1], frame[2], frame[3], self.cells)
                return frame
        raise self._failure()

    def _failure(self) -> Exception:
        code = self.proc.wait()
        self.errlog.seek(0)
        tail = self.errlog.read()[-300:].decode("utf-8", "replace").strip()
        self.close()
        if code == 4:
            return refuse(UNREADABLE)
        log.warning("spreadsheet reader exited with %s: %s", code, tail)
        return refuse(CHILD_DIED)

    def _say(self, answer: bytes) -> None:
        try:
            self.stdin.write(answer)
            self.stdin.flush()
        except OSError:
            pass  # the next frame reports the child's end

    def next_head(self) -> tuple[str, int, list[list[Any]]] | None:
        """The next visible worksheet: (name, rows from the top, its first rows); None when none
        is left."""
        frame = self._frame()
        if frame[0] == "none":
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=10)
            self.close()
            return None
        _kind, name, height, head = frame
        return name, height, head

    def skip(self) -> None:
        self._say(b"n")

    def take(self, head: list[list[Any]]) -> Iterator[list[Any]]:
        """Every row of the sheet whose head was just given, from the top."""
        self._say(b"y")
        yield from head
        while True:
            frame = self._frame()
            if frame[0] == "end":
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.proc.wait(timeout=10)  # it exits once the last rows are sent
                self.close()
                return
            yield from frame[1]

    def close(self) -> None:
        self._finalizer()


def _end(proc: subprocess.Popen[bytes], errlog: IO[bytes]) -> None:
    for stream in (proc.stdin, proc.stdout):
        with contextlib.suppress(OSError):
            if stream is not None:
                stream.close()
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    errlog.close()
