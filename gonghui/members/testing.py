"""Ledger files for tests, the demo and the benchmark: rows of Guangdong shape, written as a
clerk's Excel file would be (a title row above the header, shared strings, real date cells)."""

from __future__ import annotations

import datetime as dt
import random
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from gonghui.kernel.codes import divisions_under, id_number_make

LEDGER_HEADERS = (
    "姓名", "身份证号码", "手机号码", "民族", "学历", "政治面貌", "就业状态", "户口类型", "是否农民工",
    "工作单位", "所属基层工会", "会员证号", "入会日期",
)  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢钟"
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏建国志文辉春梅海燕宇浩欣怡子轩嘉俊雅婷晓东振宏"
)
_WEIGHTED: dict[str, list[tuple[str, float]]] = {
    "民族": [("汉族", 96), ("壮族", 1.5), ("瑶族", 0.8), ("土家族", 0.8), ("苗族", 0.9)],
    "学历": [("大学本科", 22), ("大学专科", 20), ("普通高中", 18), ("中等职业教育", 14), ("初中", 20), ("研究生", 3),
             ("小学", 3)],
    "政治面貌": [("群众", 80), ("中共党员", 9), ("共青团员", 10), ("民主党派", 0.5), ("其他", 0.5)],
    "就业状态": [("在岗", 95), ("退休", 2), ("下(待)岗", 1), ("病休", 1), ("内退", 1)],
    "户口类型": [("非农业", 45), ("农业", 50), ("农转居", 5)],
}  # fmt: skip


def guangdong_areas() -> list[str]:
    areas = []
    for city, _ in divisions_under("440000"):
        kids = [c for c, name in divisions_under(city) if name != "市辖区"]
        areas.extend(kids or [city])
    return areas


def _pick(rng: random.Random, options: list[tuple[str, float]]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def ledger_rows(n: int, *, unions: Sequence[str], seed: int = 1, messy: bool = True) -> Iterator[list[Any]]:
    """`n` valid member rows (13 columns, LEDGER_HEADERS), one person each, spread over `unions`.
    With `messy`, some cells are as clerks leave them: a lowercase x, trailing spaces, phones
    stored as numbers, dates typed as text."""
    rng = random.Random(seed)
    areas = guangdong_areas()
    choice_lists = {k: ([o for o, _w in v], [w for _o, w in v]) for k, v in _WEIGHTED.items()}
    picks = {k: rng.choices(opts, weights=w, k=min(n, 50_000) or 1) for k, (opts, w) in choice_lists.items()}
    used: set[str] = set()
    for i in range(n):
        while True:
            born = dt.date(1962, 1, 1) + dt.timedelta(days=rng.randrange(15_000))
            number = id_number_make(rng.choice(areas), born, rng.randrange(1000))
            if number not in used:
                used.add(number)
                break
        joined = dt.date(max(born.year + 18, 1990), 1, 1) + dt.timedelta(days=rng.randrange(3000))
        joined = min(joined, dt.date(2025, 12, 31))
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        phone: Any = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
        union = unions[i % len(unions)]
        k = i % 50_000
        row: list[Any] = [
            name, number, phone, picks["民族"][k], picks["学历"][k], picks["政治面貌"][k], picks["就业状态"][k],
            picks["户口类型"][k], "是" if rng.random() < 0.4 else "否", union.removesuffix("工会") or union, union,
            f"GD{i + 1:010d}", joined,
        ]  # fmt: skip
        if messy:
            r = rng.random()
            if r < 0.01 and number.endswith("X"):
                row[1] = number[:-1] + "x"
            elif r < 0.02:
                row[1] = number + "  "
            elif r < 0.25:
                row[2] = int(phone)
            elif r < 0.27:
                row[12] = f"{joined.year}年{joined.month}月{joined.day}日"
            elif r < 0.29:
                row[12] = f"{joined.year}/{joined.month}/{joined.day}"
        yield row


def _cell_ref(col: int, row: int) -> str:
    out = ""
    col += 1
    while col:
        col, r = divmod(col - 1, 26)
        out = chr(65 + r) + out
    return f"{out}{row}"


_EPOCH = dt.date(1899, 12, 30)


def write_xlsx(path: Path, rows: Iterable[Sequence[Any]], *, title: str | None = None,
               headers: Sequence[str] = LEDGER_HEADERS) -> Path:  # fmt: skip
    """A minimal but real xlsx as Excel writes it (shared strings, date cells with a date
    style), fast enough for a million rows. None leaves a cell empty."""
    strings: dict[str, int] = {}

    def sst(s: str) -> int:
        idx = strings.get(s)
        if idx is None:
            idx = strings[s] = len(strings)
        return idx

    cols = [_cell_ref(c, 1)[:-1] for c in range(max(len(headers), 1) + 2)]
    parts: list[str] = []
    line = 0

    def emit(values: Sequence[Any]) -> None:
        nonlocal line
        line += 1
        cells = []
        for c, v in enumerate(values):
            if v is None or v == "":
                continue
            ref = f"{cols[c] if c < len(cols) else _cell_ref(c, 1)[:-1]}{line}"
            if isinstance(v, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(v)}</v></c>')
            elif isinstance(v, int | float):
                cells.append(f'<c r="{ref}"><v>{v!r}</v></c>')
            elif isinstance(v, dt.date):
                cells.append(f'<c r="{ref}" s="1"><v>{(v - _EPOCH).days}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="s"><v>{sst(str(v))}</v></c>')
        parts.append(f'<row r="{line}">{"".join(cells)}</row>')

    if title:
        emit([title])
    emit(list(headers))
    for values in rows:
        emit(values)
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    sheet = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {ns}><sheetData>{"".join(parts)}</sheetData></worksheet>'
    shared = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {ns} {rel_ns}>'
            '<sheets><sheet name="会员花名册" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet {ns}>'
            '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            "</styleSheet>"
        ),
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for name, content in files.items():
            z.writestr(name, content)
    return path
