"""Documents in the layout of official documents (GB/T 9704): A4 with its margins, the official
fonts (方正小标宋简体 titles, 仿宋_GB2312 三号 text on a fixed 28 pt line, 黑体 heads, 楷体_GB2312),
the red of mastheads and page numbers "— 1 —" at the foot. Fonts missing on the reader's machine
fall back through the font table's alternate names (宋体, 仿宋, 楷体, SimHei), which Word and WPS
honour.

    doc, width = official_document(title=..., author=...)
    paragraph(doc, "…", indent=True)
    return saved(doc)
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

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


def _east_asia(rpr: Any, font: str) -> Any:
    """Set the font of Chinese text in a run's or a style's properties; returns its w:rFonts."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), font)
    return rfonts


def fonts(run: Run, east_asia: str, size: float, *, bold: bool = False, color: RGBColor | None = None) -> Run:
    run.font.name = LATIN_FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    _east_asia(run._element.get_or_add_rPr(), east_asia).set(qn("w:hint"), "eastAsia")
    return run


def paragraph(
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
        fonts(p.add_run(text), font, size, bold=bold, color=color)
    return p


def rule(p: Paragraph, *, color: str = "E60012", size: int = 16) -> None:
    """A rule under the paragraph (the red line under the masthead)."""
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "6"), ("w:color", color)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def two_ends(doc: Any, left: str, right: str, width: Any, *, size: float = TEXT_PT) -> Paragraph:
    """Left text and right text on one line, via a right tab at the text width."""
    p = paragraph(doc, "", align=WD_ALIGN_PARAGRAPH.LEFT, exact=None, before=6)
    p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    fonts(p.add_run(f"{left}\t{right}"), TEXT_FONT, size)
    return p


def page_numbers(section: Any) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fonts(p.add_run("— "), "宋体", 14)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    p._p.append(field)
    fonts(p.add_run(" —"), "宋体", 14)


def font_table(doc: Any) -> None:
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


def normal_style(doc: Any) -> None:
    style = doc.styles["Normal"]
    style.font.name = LATIN_FONT
    style.font.size = Pt(TEXT_PT)
    rpr = style.element.get_or_add_rPr()
    _east_asia(rpr, TEXT_FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)


def a4_page(section: Any) -> Any:
    """An A4 page with the margins of GB/T 9704; returns the width of its text."""
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    return section.page_width - section.left_margin - section.right_margin


def official_document(*, title: str, author: str) -> tuple[Any, Any]:
    """A new document with the official text style and fonts, an A4 page numbered at the foot;
    and the width of its text (for `two_ends`)."""
    doc = Document()
    normal_style(doc)
    font_table(doc)
    section = doc.sections[0]
    width = a4_page(section)
    page_numbers(section)
    props = doc.core_properties
    props.title, props.author, props.language = title, author, "zh-CN"
    return doc, width


def saved(doc: Any) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
