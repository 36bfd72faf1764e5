"""An issue as a DOCX in the official bulletin layout (`kernel.officialdoc`): red masthead in
方正小标宋简体, issue number, the compiling office and the date over a red rule; section heads in
黑体; titles in 方正小标宋简体; text in 仿宋_GB2312 三号 with a two-character indent and a fixed
28 pt line; the attribution after each article in 楷体_GB2312; page numbers "— 1 —" at the foot.
"""

from __future__ import annotations

import io
from typing import Any

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from gonghui.kernel.officialdoc import (
    HEI_FONT,
    KAI_FONT,
    RED,
    TEXT_PT,
    TITLE_FONT,
    official_document,
    paragraph,
    rule,
    saved,
    two_ends,
)

from .models import Article, Issue, SubmissionPhoto
from .selectors import issue_contents

PHOTO_WIDTH = Mm(120)


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
        p = paragraph(doc, "", align=WD_ALIGN_PARAGRAPH.CENTER, exact=None, before=6)
        try:
            p.add_run().add_picture(data, width=PHOTO_WIDTH)
        except Exception:  # an image python-docx cannot size: leave it out
            p._p.getparent().remove(p._p)
            continue
        if photo.caption:
            paragraph(doc, photo.caption, font=KAI_FONT, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, exact=None)


def issue_docx(issue: Issue) -> bytes:
    doc, width = official_document(
        title=f"{issue.masthead} {issue.label}", author=issue.office or issue.bulletin.org.name
    )
    doc.sections[0].start_type = WD_SECTION.NEW_PAGE

    paragraph(doc, issue.masthead, font=TITLE_FONT, size=48, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED, exact=None,
               before=12, after=6)  # fmt: skip
    paragraph(doc, f"第{issue.number}期", align=WD_ALIGN_PARAGRAPH.CENTER, exact=None, after=6)
    date = f"{issue.date.year}年{issue.date.month}月{issue.date.day}日"
    rule(two_ends(doc, issue.office or issue.bulletin.org.name, date, width))

    for sec, articles in issue_contents(issue, skip_empty=True):
        if sec is not None:
            paragraph(
                doc, sec.name, font=HEI_FONT, size=TEXT_PT, align=WD_ALIGN_PARAGRAPH.LEFT, before=18, after=6
            )
        for article in articles:
            if article.title:
                paragraph(doc, article.title, font=TITLE_FONT, size=18, align=WD_ALIGN_PARAGRAPH.CENTER,
                           exact=None, before=12, after=6)  # fmt: skip
            for text in article.paragraphs:
                paragraph(doc, text, indent=True)
            _photos(doc, article)
            if article.attribution:
                paragraph(doc, article.attribution, font=KAI_FONT, align=WD_ALIGN_PARAGRAPH.RIGHT)

    end = paragraph(doc, "", align=WD_ALIGN_PARAGRAPH.LEFT, exact=None, before=24)
    rule(end, color="000000", size=8)
    two_ends(doc, issue.office or issue.bulletin.org.name, f"{date}印发", width, size=14)
    return saved(doc)
