"""The bulletin's journey in Chromium: a street union submits, the city editor adopts, the
province editor compiles an issue and downloads its DOCX."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from docx import Document
from playwright.sync_api import Page, expect

from gonghui.bulletin.models import Issue, Submission
from gonghui.conftest import Personas
from gonghui.tests.browser.steps import sign_in, sign_out

pytestmark = pytest.mark.browser


def test_street_submits_city_adopts_province_compiles_and_downloads_docx(
    page: Page, personas: Personas, bulletin, tmp_path
) -> None:
    for admin in (personas.city, personas.province):
        TOTPDevice.objects.create(user=admin, name="测试", confirmed=True)

    # 1. The street union writes an item for the province's bulletin.
    sign_in(page, personas.street)
    page.get_by_role("navigation").get_by_role("link", name="工作简报").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("工作简报")
    page.get_by_role("link", name="报送信息").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("报送信息 · 赤岗街道总工会")
    expect(page.get_by_label("报送刊物")).to_have_text(re.compile("广东省总工会《工作简报》"))
    page.get_by_label("标题").fill("赤岗街道举办“春风行动”专场招聘会")
    page.get_by_label("正文").fill("3月19日，赤岗街道总工会举办专场招聘会。\n56家企业提供岗位1200多个。")
    page.get_by_label("作者").fill("林晓敏")
    page.get_by_role("button", name="报送", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已报送，等待上级工会审稿")
    expect(page.get_by_role("heading", level=1)).to_contain_text("待审")
    sub = Submission.objects.get()
    sign_out(page)

    # 2. The city editor finds it waiting and adopts it for 各地动态.
    sign_in(page, personas.city)
    page.goto("/bulletin/")
    page.get_by_role("link", name=re.compile("待审稿件 1 篇")).click()
    page.get_by_role("link", name="赤岗街道举办“春风行动”专场招聘会").click()
    expect(page.get_by_role("heading", level=2, name="审稿")).to_be_visible()
    page.get_by_label("采用栏目").select_option("各地动态")
    page.get_by_role("button", name="采用", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已采用")
    expect(page.get_by_role("heading", level=1)).to_contain_text("已采用")
    sub.refresh_from_db()
    assert (sub.status, sub.section, sub.reviewed_by) == ("adopted", "各地动态", personas.city)
    sign_out(page)

    # 3. The province editor compiles 第5期, which takes in the adopted item, and publishes it.
    sign_in(page, personas.province)
    page.goto(f"/bulletin/{bulletin.pk}/")
    expect(page.get_by_role("row", name=re.compile("赤岗街道举办"))).to_contain_text("各地动态")
    page.get_by_role("link", name="新建一期").click()
    page.get_by_label("期号").fill("5")
    page.get_by_label("日期").fill("2013-03-31")
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".messages")).to_contain_text("已新建2013年第5期，共编入 1 篇已采用稿件")
    sheet = page.locator(".bulletin-page")
    expect(sheet.locator(".masthead")).to_contain_text("工作简报")
    expect(sheet.locator(".masthead")).to_contain_text("第5期")
    expect(sheet.get_by_role("heading", level=2, name="各地动态")).to_be_visible()
    expect(sheet.get_by_role("heading", level=3)).to_have_text("赤岗街道举办“春风行动”专场招聘会")
    expect(sheet.locator(".attribution")).to_have_text("（赤岗街道总工会  林晓敏）")
    page.get_by_role("button", name="签发并发布").click()
    expect(page.locator(".messages")).to_contain_text("已发布")
    issue = Issue.objects.get()
    assert issue.is_published and issue.date == dt.date(2013, 3, 31)

    # 4. ... and downloads the DOCX, which reads back in order.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载 Word（DOCX）").click()
    download = download_info.value
    assert download.suggested_filename == "工作简报2013年第5期.docx"
    path = tmp_path / "issue.docx"
    download.save_as(path)
    texts = [p.text for p in Document(str(path)).paragraphs if p.text.strip()]
    assert texts[:3] == ["工作简报", "第5期", "广东省总工会办公室\t2013年3月31日"]
    start = texts.index("各地动态")
    assert texts[start : start + 5] == [
        "各地动态",
        "赤岗街道举办“春风行动”专场招聘会",
        "3月19日，赤岗街道总工会举办专场招聘会。",
        "56家企业提供岗位1200多个。",
        "（赤岗街道总工会  林晓敏）",
    ]
