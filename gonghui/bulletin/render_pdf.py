"""An issue as a PDF, drawn with fpdf2 and the server's Noto CJK fonts (Debian `fonts-noto-cjk`).

fpdf2 embeds a subset of OpenType fonts with CFF outlines from the .ttc collections, so no
browser, office suite or converted font is needed: a pip package and a Debian font package.
Chinese lines are broken by character, with the usual rules that a line never starts with a
closing mark (，。、） …) nor ends with an opening one, and justified by spreading the characters.
"""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path
from typing import Any

from django.core.cache import cache

from .models import Issue
from .selectors import issue_contents

MSG_NO_FONT = "服务器缺少中文字体 fonts-noto-cjk，无法生成 PDF"
MSG_NO_RENDERER = "服务器缺少 PDF 组件 fpdf2，无法生成 PDF"

# Where Debian, Fedora and Arch put the Noto CJK collections.
FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/google-noto-cjk"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/share/fonts/truetype/noto"),
)
FONT_FILES = {
    "serif": ("NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular.otf"),
    "serif-bold": ("NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold.otf"),
    "sans-bold": ("NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf"),
}
SC_FACE = re.compile(r"CJK SC\b")

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, RIGHT, TOP, BOTTOM = 28 * MM, 26 * MM, 37 * MM, 35 * MM
TEXT_PT, LINE_PT = 16, 28
RED = (230, 0, 18)

NO_LINE_START = set("，。、；：？！）》」』】〕’”…—·%,.;:?!)]}")
NO_LINE_END = set("（《「『【〔‘“([{")
# Latin words and numbers are not broken: 2013, 18000, GB/T.
TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%/\-]*|.", re.S)


class PdfUnavailable(Exception):
    """The server cannot draw the PDF; the message says why, in Chinese."""


@functools.lru_cache(maxsize=1)
def find_fonts() -> dict[str, tuple[str, int]]:
    """(path, face index of Simplified Chinese) for each role; raises PdfUnavailable without
    at least the regular serif."""
    found: dict[str, tuple[str, int]] = {}
    for role, names in FONT_FILES.items():
        for directory in FONT_DIRS:
            hit = next((directory / n for n in names if (directory / n).is_file()), None)
            if hit is not None:
                found[role] = (str(hit), _sc_index(hit))
                break
    if "serif" not in found:
        raise PdfUnavailable(MSG_NO_FONT)
    found.setdefault("serif-bold", found["serif"])
    found.setdefault("sans-bold", found["serif-bold"])
    return found


def _sc_index(path: Path) -> int:
    if path.suffix.lower() != ".ttc":
        return 0
    from fontTools.ttLib import TTCollection

    with TTCollection(str(path), lazy=True) as collection:
        for index, font in enumerate(collection.fonts):
            if SC_FACE.search(font["name"].getDebugName(1) or ""):
                return index
    return 0


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def break_lines(text: str, width: float, measure: Any, *, indent: float = 0) -> list[str]:
    """Greedy line breaking by character with the kinsoku rules above; `measure(s)` is the
    width of a string in the current font."""
    lines: list[str] = []
    current: list[str] = []
    used, avail = 0.0, width - indent
    for token in _tokens(text):
        w = measure(token)
        if current and used + w > avail + 0.01:
            carry: list[str] = []
            # Pull characters down so that no line starts with a closing mark ...
            while len(current) > 1 and (carry[0] if carry else token) in NO_LINE_START:
                carry.insert(0, current.pop())
            # ... and push an opening mark down with what it opens.
            while len(current) > 1 and current[-1] in NO_LINE_END:
                carry.insert(0, current.pop())
            lines.append("".join(current))
            current, avail = carry, width
            used = sum(measure(t) for t in current)
        current.append(token)
        used += w
    if current:
        lines.append("".join(current))
    return lines


def _new_pdf(fonts: dict[str, tuple[str, int]]) -> Any:
    try:
        from fpdf import FPDF
    except ImportError as exc:  # pragma: no cover - fpdf2 is a dependency
        raise PdfUnavailable(MSG_NO_RENDERER) from exc

    class BulletinPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-BOTTOM + 18)
            self.set_font("serif", "", 14)
            self.set_char_spacing(0)
            self.cell(0, 20, f"— {self.page_no()} —", align="C")

    pdf = BulletinPDF(orientation="P", unit="pt", format="A4")
    for family, role in (("serif", "serif"), ("serifb", "serif-bold"), ("sansb", "sans-bold")):
        path, index = fonts[role]
        try:
            pdf.add_font(family, "", path, collection_font_number=index)
        except Exception as exc:  # a damaged or unreadable font file
            raise PdfUnavailable(MSG_NO_FONT) from exc
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    pdf.set_title("")
    return pdf


class _Writer:
    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self.width = PAGE_W - LEFT - RIGHT

    def font(self, family: str, size: float, color: tuple[int, int, int] = (0, 0, 0)) -> None:
        self.pdf.set_font(family, "", size)
        self.pdf.set_text_color(*color)
        self.pdf.set_char_spacing(0)

    def room(self, height: float) -> None:
        if self.pdf.get_y() + height > PAGE_H - BOTTOM:
            self.pdf.add_page()

    def line(
        self, text: str, height: float, align: str = "L", *, x: float = LEFT, justify_to: float = 0
    ) -> None:
        pdf = self.pdf
        self.room(height)
        pdf.set_char_spacing(0)
        if justify_to and len(text) > 1:
            spare = justify_to - pdf.get_string_width(text)
            if 0 < spare < pdf.font_size * 2:
                pdf.set_char_spacing(spare / (len(text) - 1))
        pdf.set_x(x)
        pdf.cell(
            justify_to or self.width - (x - LEFT), height, text, align=align, new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_char_spacing(0)

    def paragraph(self, text: str, *, indent: bool = True, align: str = "J", height: float = LINE_PT) -> None:
        pdf = self.pdf
        first = pdf.font_size * 2 if indent else 0
        lines = break_lines(text, self.width, pdf.get_string_width, indent=first)
        for i, line in enumerate(lines):
            x = LEFT + (first if i == 0 else 0)
            last = i == len(lines) - 1
            if align == "J":
                self.line(line, height, "L", x=x, justify_to=0 if last else self.width - (x - LEFT))
            else:
                self.line(line, height, align, x=x)

    def rule(self, color: tuple[int, int, int], width: float, gap: float = 6) -> None:
        pdf = self.pdf
        y = pdf.get_y() + gap
        pdf.set_draw_color(*color)
        pdf.set_line_width(width)
        pdf.line(LEFT, y, PAGE_W - RIGHT, y)
        pdf.set_y(y + gap)


def _photos(w: _Writer, article: Any) -> None:
    submission = article.from_submission
    if submission is None:
        return
    for photo in submission.photos.all():
        try:
            with photo.image.open("rb") as fh:
                data = io.BytesIO(fh.read())
            w.room(200)
            w.pdf.image(data, x=LEFT + w.width * 0.1, w=w.width * 0.8)
        except Exception:  # a missing or unreadable photo is left out, not the issue
            continue
        if photo.caption:
            w.font("serif", 13)
            w.paragraph(photo.caption, indent=False, align="C", height=20)


def _articles(w: _Writer, issue: Issue) -> None:
    for section, articles in issue_contents(issue, skip_empty=True):
        if section is not None:
            w.pdf.ln(12)
            w.room(LINE_PT * 3)
            w.font("sansb", TEXT_PT)
            w.line(section.name, LINE_PT)
        for article in articles:
            if article.title:
                w.pdf.ln(8)
                w.room(LINE_PT * 3)
                w.font("serifb", 18)
                w.paragraph(article.title, indent=False, align="C", height=26)
                w.pdf.ln(4)
            w.font("serif", TEXT_PT)
            for text in article.paragraphs:
                w.paragraph(text)
            _photos(w, article)
            if article.attribution:
                w.font("serif", TEXT_PT, (60, 60, 60))
                w.line(article.attribution, LINE_PT, "R")


def issue_pdf(issue: Issue) -> bytes:
    pdf = _new_pdf(find_fonts())
    pdf.set_title(f"{issue.masthead} {issue.label}")
    pdf.set_author(issue.office or issue.bulletin.org.name)
    pdf.set_lang("zh-CN")
    pdf.add_page()
    w = _Writer(pdf)
    w.font("serifb", 44, RED)
    w.line(" ".join(issue.masthead) if len(issue.masthead) <= 6 else issue.masthead, 64, "C")
    w.font("serif", TEXT_PT)
    w.line(f"第{issue.number}期", 30, "C")
    date = f"{issue.date.year}年{issue.date.month}月{issue.date.day}日"
    office = issue.office or issue.bulletin.org.name
    y = pdf.get_y()
    w.line(office, LINE_PT, "L")
    pdf.set_y(y)
    w.line(date, LINE_PT, "R")
    w.rule(RED, 2.2)
    _articles(w, issue)
    pdf.ln(12)
    w.room(LINE_PT * 2)
    w.rule((0, 0, 0), 0.8)
    w.font("serif", 14)
    y = pdf.get_y()
    w.line(office, 24, "L")
    pdf.set_y(y)
    w.line(f"{date}印发", 24, "R")
    return bytes(pdf.output())


def issue_pdf_cached(issue: Issue) -> bytes:
    """`issue_pdf`, drawn once a day for a published issue: it does not change, and drawing it
    takes seconds of font subsetting. A draft is drawn as it stands."""
    if not issue.is_published:
        return issue_pdf(issue)
    key = f"bulletin:pdf:{issue.pk}:{issue.updated_at.timestamp()}"
    data = cache.get(key)
    if data is None:
        data = issue_pdf(issue)
        cache.set(key, data, timeout=24 * 3600)
    return data
