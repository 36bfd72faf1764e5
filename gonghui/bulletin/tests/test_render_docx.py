"""The DOCX, read back with python-docx: text, order, red masthead and the official fonts."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from gonghui.bulletin import actions
from gonghui.bulletin.render_docx import issue_docx
from gonghui.bulletin.tests.factories import make_issue, make_submission, png


def east_asia(paragraph):
    fonts = {r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in paragraph.runs if r.text.strip()}
    assert len(fonts) == 1, fonts
    return fonts.pop()


@pytest.fixture
def document(tree, personas, bulletin):
    issue = make_issue(bulletin, number=5, date=dt.date(2013, 3, 31))
    sub = make_submission(tree.street, bulletin, title="赤岗街道举办招聘会", body="第一段。\n第二段。",
                          authors="林小元", photos=[png()])  # fmt: skip
    actions.submission_transition(
        actor=personas.province, submission=sub, action="adopt", section="各地动态", issue=issue
    )
    actions.article_create(actor=personas.province, issue=issue, section="短讯速递", title="茂名女工帮扶",
                           body="累计发放18000元。", source="茂名市总工会权益保障部  柯周梅")  # fmt: skip
    actions.article_create(actor=personas.province, issue=issue, section="各地动态", title="省总工会召开全委会",
                           body="会议选举黄业斌为省总工会主席。", source="省总工会办公室综合")  # fmt: skip
    return Document(io.BytesIO(issue_docx(issue)))


def test_text_comes_back_in_reading_order(document):
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts[:3] == ["工作简报", "第5期", "广东省总工会办公室\t2013年3月31日"]
    assert texts[3:] == [
        "各地动态",
        "赤岗街道举办招聘会", "第一段。", "第二段。", "（赤岗街道总工会  林小元）",
        "省总工会召开全委会", "会议选举黄业斌为省总工会主席。", "（省总工会办公室综合）",
        "短讯速递",  # 工作交流 has no article: not printed
        "茂名女工帮扶", "累计发放18000元。", "（茂名市总工会权益保障部  柯周梅）",
        "广东省总工会办公室\t2013年3月31日印发",
    ]  # fmt: skip


def test_the_masthead_is_red_xiaobiaosong_over_a_red_rule(document):
    masthead, number, office_date = [p for p in document.paragraphs if p.text.strip()][:3]
    run = masthead.runs[0]
    assert east_asia(masthead) == "方正小标宋简体"
    assert str(run.font.color.rgb) == "E60012" and run.font.size.pt == 48
    assert east_asia(number) == "仿宋_GB2312"
    rule = office_date._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert (rule.get(qn("w:val")), rule.get(qn("w:color"))) == ("single", "E60012")


def test_titles_text_sections_and_attributions_use_the_official_fonts(document):
    by_text = {p.text: p for p in document.paragraphs}
    assert east_asia(by_text["省总工会召开全委会"]) == "方正小标宋简体"
    body = by_text["会议选举黄业斌为省总工会主席。"]
    assert east_asia(body) == "仿宋_GB2312" and body.runs[0].font.size.pt == 16
    assert body.paragraph_format.first_line_indent.pt == 32  # two characters
    assert east_asia(by_text["各地动态"]) == "黑体"
    attribution = by_text["（省总工会办公室综合）"]
    assert east_asia(attribution) == "楷体_GB2312" and attribution.alignment == 2  # right
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_missing_fonts_fall_back_through_the_font_table(document):
    part = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))
    root = etree.fromstring(part.blob)
    alternates = {
        f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
        for f in root.findall(qn("w:font")) if f.find(qn("w:altName")) is not None
    }  # fmt: skip
    assert alternates["方正小标宋简体"] == "宋体" and alternates["仿宋_GB2312"] == "仿宋"


def test_page_is_a4_with_official_margins_and_numbers(document):
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    assert "PAGE" in etree.tostring(section.footer._element).decode()
    assert len(document.inline_shapes) == 1  # the submitted photo


def test_the_seed_issue_as_docx_has_all_29_titles_in_order(tree, personas, bulletin, seed_bytes):
    from gonghui.bulletin.parser import decode_bulletin_bytes, parse_bulletin

    issue = actions.issue_import(
        actor=None, bulletin=bulletin, number=3, date=dt.date(2013, 3, 31), data=seed_bytes
    )
    texts = [p.text for p in Document(io.BytesIO(issue_docx(issue))).paragraphs]
    expected = [a.title for a in parse_bulletin(decode_bulletin_bytes(seed_bytes)).articles]
    positions = [texts.index(t) for t in expected]
    assert positions == sorted(positions) and len(expected) == 29
    assert texts.index("工作交流") < texts.index("深圳市总工会把职工之家建在职工群众心中")
    assert (
        texts[texts.index("茂名市总工会召开十一届四次全委（扩大）会议") + 1 :].count(
            "（茂名市总工会办公室  梁冲）"
        )
        == 1
    )
