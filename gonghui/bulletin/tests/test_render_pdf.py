"""The PDF: drawn with the server's Noto CJK font, Chinese line breaking, and a clear message
when the font is missing."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from urllib.parse import unquote

import pytest

from gonghui.bulletin import actions, render_pdf
from gonghui.bulletin.render_pdf import break_lines, issue_pdf
from gonghui.bulletin.tests.factories import make_issue

needs_font = pytest.mark.skipif(
    not any((d / "NotoSerifCJK-Regular.ttc").is_file() for d in render_pdf.FONT_DIRS),
    reason="!!! fonts-noto-cjk not installed: PDF rendering not tested",
)


@pytest.fixture
def issue(tree, personas, bulletin):
    issue = make_issue(bulletin, number=5, date=dt.date(2013, 3, 31))
    actions.article_create(actor=None, issue=issue, section="各地动态", title="省总工会召开十二届六次全委会",
                           body="3月21日，广东省总工会第十二届委员会第六次全体会议在广州召开。\n会议选举黄业斌为省总工会主席。",
                           source="省总工会办公室综合")  # fmt: skip
    return issue


@pytest.fixture
def no_fonts(monkeypatch):
    render_pdf.find_fonts.cache_clear()
    monkeypatch.setattr(render_pdf, "FONT_DIRS", ())
    yield
    render_pdf.find_fonts.cache_clear()


@needs_font
def test_the_pdf_embeds_the_cjk_font_and_holds_the_text(issue):
    data = issue_pdf(issue)
    assert data.startswith(b"%PDF-")
    assert b"NotoSerifCJKSC" in data  # embedded (as a subset), not merely named
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode()
        compact = "".join(text.split())
        for expected in ("工作简报", "第5期", "2013年3月31日", "各地动态", "省总工会召开十二届六次全委会",
                         "会议选举黄业斌为省总工会主席。", "（省总工会办公室综合）"):  # fmt: skip
            assert expected in compact, expected


def test_without_the_font_a_chinese_message_not_a_crash(issue, no_fonts):
    with pytest.raises(render_pdf.PdfUnavailable, match="服务器缺少中文字体 fonts-noto-cjk，无法生成 PDF"):
        issue_pdf(issue)


@needs_font
def test_the_download_page_gives_the_pdf(issue, personas, login):
    r = login(personas.street).get(f"/bulletin/issues/{issue.pk}/pdf/")
    assert r.status_code == 403  # a draft is not the street's to read
    r = login(personas.province).get(f"/bulletin/issues/{issue.pk}/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"].startswith("attachment;")
    assert f"{issue.masthead}{issue.year}年第{issue.number}期.pdf" in unquote(r["Content-Disposition"])


def test_the_download_page_explains_a_missing_font(issue, personas, login, no_fonts):
    r = login(personas.province).get(f"/bulletin/issues/{issue.pk}/pdf/")
    assert r.status_code == 503
    page = r.content.decode()
    assert "服务器缺少中文字体 fonts-noto-cjk，无法生成 PDF" in page and "下载 Word（DOCX）" in page


def width(text: str) -> float:
    return float(len(text))  # every character one unit wide


def test_no_line_starts_with_a_closing_mark_nor_ends_with_an_opening_one():
    text = "甲乙丙丁，戊己庚辛（壬癸）子丑寅卯。“辰巳午未”申酉戌亥！"
    for w in range(3, 12):
        lines = break_lines(text, w, width)
        assert "".join(lines) == text
        for line in lines[1:]:
            assert line[0] not in render_pdf.NO_LINE_START, (w, lines)
        for line in lines[:-1]:
            assert line[-1] not in render_pdf.NO_LINE_END, (w, lines)
            assert len(line) <= w


def test_numbers_are_not_broken_and_the_first_line_is_indented():
    assert break_lines("发放慰问金18000元共计600户", 8, width, indent=2) == [
        "发放慰问金",
        "18000元共计",
        "600户",
    ]


@needs_font
def test_photos_of_adopted_items_are_drawn(tree, personas, bulletin, issue):
    from gonghui.bulletin.tests.factories import make_submission, png

    sub = make_submission(tree.street, bulletin, title="带图稿件", photos=[png()])
    actions.submission_transition(
        actor=personas.province, submission=sub, action="adopt", section="各地动态", issue=issue
    )
    data = issue_pdf(issue)
    assert b"/Subtype /Image" in data
