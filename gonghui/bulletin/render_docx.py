"""An issue as a DOCX in the official bulletin layout (GB/T 9704 fonts and page).

Red masthead in 方正小标宋简体, issue number, the compiling office and the date over a red rule;
section heads in 黑体; titles in 方正小标宋简体; text in 仿宋_GB2312 三号 with a two-character
indent and a fixed 28 pt line; the attribution after each article in 楷体_GB2312; page numbers
"— 1 —" at the foot. Fonts missing on the reader's machine fall back through the font table's
alternate names (宋体, 仿宋, 楷体, SimHei), which Word and WPS honour.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from .models import Article, Issue, SubmissionPhoto
from .selectors import issue_contents

TITLE_FONT = "方正小标宋简体"
TEXT_FONT = "仿宋_GB2312"
KAI_FONT = "楷体_GB2312"
HEI_FONT = "黑体"
LATIN_FONT = "Times New Roman"
# Font table entries: the name Word looks for, and the alternate it takes when that is missing.
FALLBACKS = {TITLE_FONT: "宋体", TEXT_FONT: "仿宋", KAI_FONT: "楷体", HEI_FONT: "SimHei"}
RED = RGBColor(0xE6, 0x00, 0x12)  # the red of official mastheads
TEXT_PT = 16  # 三号
LINE_PT = 28  # 22 lines to a page of 225 mm
PHOTO_WIDTH = Mm(120)


def _fonts(
    run: Run, east_asia: str, size: float, *, bold: bool = False, color: RGBColor | None = None
) -> Run:
    run.font.name = LATIN_FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:hint"), "eastAsia")
    return run


def _paragraph(
    doc: Any,
    text: str,
    *,
    font: str = TEXT_FONT,
    size: float = TEXT_PT,
    align: int = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = False,
    bold: bool = False,
    color: RGBColor | None = None,
    before: float = 0,
    after: float = 0,
    exact: float | None = LINE_PT,
) -> Paragraph:
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if exact is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(exact)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if text:
        _fonts(p.add_run(text), font, size, bold=bold, color=color)
    return p


def _rule(p: Paragraph, *, color: str = "E60012", size: int = 16) -> None:
    """A rule under the paragraph (the red line under the masthead)."""
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "6"), ("w:color", color)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _two_ends(doc: Any, left: str, right: str, width: Any, *, size: float = TEXT_PT) -> Paragraph:
    """Left text and right text on one line, via a right tab at the text width."""
    p = _paragraph(doc, "", align=WD_ALIGN_PARAGRAPH.LEFT, exact=None, before=6)
    p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    _fonts(p.add_run(f"{left}\t{right}"), TEXT_FONT, size)
    return p


def _page_numbers(section: Any) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(p.add_run("— "), "宋体", 14)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    p._p.append(field)
    _fonts(p.add_run(" —"), "宋体", 14)


def _font_table(doc: Any) -> None:
    """Declare the official fonts with their alternates in word/fontTable.xml."""
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    root = etree.fromstring(part.blob)
    w = root.nsmap["w"]
    for name, alternate in FALLBACKS.items():
        font = etree.SubElement(root, f"{{{w}}}font")
        font.set(f"{{{w}}}name", name)
        alt = etree.SubElement(font, f"{{{w}}}altName")
        alt.set(f"{{{w}}}val", alternate)
        charset = etree.SubElement(font, f"{{{w}}}charset")
        charset.set(f"{{{w}}}val", "86")  # GB2312
        family = etree.SubElement(font, f"{{{w}}}family")
        family.set(f"{{{w}}}val", "modern" if name == TEXT_FONT else "roman")
        pitch = etree.SubElement(font, f"{{{w}}}pitch")
        pitch.set(f"{{{w}}}val", "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _normal_style(doc: Any) -> None:
    style = doc.styles["Normal"]
    style.font.name = LATIN_FONT
    style.font.size = Pt(TEXT_PT)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), TEXT_FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)


def _photos(doc: Any, article: Article) -> None:
    submission = article.from_submission
    if submission is None:
        return
    photo: SubmissionPhoto
    for photo in submission.photos.all():
        try:
            with photo.image.open("rb") as fh:
                data = io.BytesIO(fh.read())
        except (OSError, ValueError):
            continue  # a photo whose file is gone is left out, not the whole issue
        p = _paragraph(doc, "", align=WD_ALIGN_PARAGRAPH.CENTER, exact=None, before=6)
        try:
            p.add_run().add_picture(data, width=PHOTO_WIDTH)
        except Exception:  # an image python-docx cannot size: leave it out
            p._p.getparent().remove(p._p)
            continue
        if photo.caption:
            _paragraph(
                doc, photo.caption, font=KAI_FONT, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, exact=None
            )


def issue_docx(issue: Issue) -> bytes:
    doc = Document()
    _normal_style(doc)
    _font_table(doc)
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    width = section.page_width - section.left_margin - section.right_margin
    _page_numbers(section)
    props = doc.core_properties
    props.title = f"{issue.masthead} {issue.label}"
    props.author = issue.office or issue.bulletin.org.name
    props.language = "zh-CN"

    _paragraph(doc, issue.masthead, font=TITLE_FONT, size=48, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED, exact=None,
               before=12, after=6)  # fmt: skip
    _paragraph(doc, f"第{issue.number}期", align=WD_ALIGN_PARAGRAPH.CENTER, exact=None, after=6)
    date = f"{issue.date.year}年{issue.date.month}月{issue.date.day}日"
    _rule(_two_ends(doc, issue.office or issue.bulletin.org.name, date, width))

    for sec, articles in issue_contents(issue, skip_empty=True):
        if sec is not None:
            _paragraph(
                doc, sec.name, font=HEI_FONT, size=TEXT_PT, align=WD_ALIGN_PARAGRAPH.LEFT, before=18, after=6
            )
        for article in articles:
            if article.title:
                _paragraph(doc, article.title, font=TITLE_FONT, size=18, align=WD_ALIGN_PARAGRAPH.CENTER,
                           exact=None, before=12, after=6)  # fmt: skip
            for text in article.paragraphs:
                _paragraph(doc, text, indent=True)
            _photos(doc, article)
            if article.attribution:
                _paragraph(doc, article.attribution, font=KAI_FONT, align=WD_ALIGN_PARAGRAPH.RIGHT)

    end = _paragraph(doc, "", align=WD_ALIGN_PARAGRAPH.LEFT, exact=None, before=24)
    _rule(end, color="000000", size=8)
    _two_ends(doc, issue.office or issue.bulletin.org.name, f"{date}印发", width, size=14)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
