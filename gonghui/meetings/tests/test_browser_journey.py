"""A city officer records a plenary with a by-election in Chromium, and the roster changes.

The officer creates the meeting (its name is formed, not typed), marks one member absent, confirms
the record, registers a 替补 election, is refused a result without a majority (the reason is shown
and nothing changes), confirms the corrected count, and reads the committee's roster for the day:
the new member is in, the replaced one is out, and the history says 被替补.
"""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from gonghui.conftest import Personas, Tree
from gonghui.meetings.models import Seat
from gonghui.tests.browser.steps import sign_in

pytestmark = pytest.mark.browser


def test_city_officer_records_a_plenary_with_a_by_election(
    page: Page, page_watch, personas: Personas, tree: Tree, committee
) -> None:
    TOTPDevice.objects.create(user=personas.city, name="测试", confirmed=True)
    leaving = committee.seats.filter(post="member").order_by("id").first()
    absent = committee.seats.filter(post="member").order_by("id").last()
    page_watch.allow(r"^HTTP 422: POST http://[^/]+/meetings/elections/\d+/$")
    page_watch.allow(
        r"^console error: Failed to load resource: .* status of 422 .*/meetings/elections/\d+/\)$"
    )

    sign_in(page, personas.city)
    page.get_by_role("navigation").get_by_role("link", name="委员会与会议").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("会议记录")
    page.get_by_role("link", name="登记会议").click()
    page.get_by_label("会议类别").select_option(label="全体委员会议")
    page.get_by_label("会议日期").fill("2013-03-25")
    page.get_by_label("扩大会议").check()
    page.get_by_label("会议地点").fill("广州市工人文化宫")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("广州市总工会十七届一次全委（扩大）会议")

    page.get_by_role("link", name="出席情况").click()
    page.get_by_label(f"{absent.name} 出席").uncheck()
    page.get_by_label(f"{absent.name} 缺席原因").fill("出差")
    page.get_by_role("button", name="保存出席情况").click()
    expect(page.locator(".attendance-summary")).to_contain_text("应到12人，实到11人")
    page.get_by_role("button", name="确认会议记录").click()
    expect(page.locator(".messages")).to_contain_text("会议记录已确认")

    page.get_by_role("link", name="登记选举").click()
    page.get_by_label("选举方式").select_option(label="替补")
    page.get_by_label("选举职务").select_option(label="委员")
    page.get_by_label("应选人数").fill("1")
    page.get_by_label("候选人").fill("周志坚 市总工会副主席")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("替补广州市总工会第十七届委员会委员")

    for label in ("发出选票", "收回选票", "有效选票"):
        page.get_by_label(label).fill("11")
    page.get_by_label("周志坚 赞成票").fill("6")
    page.get_by_label("周志坚 替补谁").select_option(label=f"{leaving.name}（委员）")
    page.get_by_role("button", name="确认选举结果").click()
    expect(page.locator(".errorlist")).to_contain_text(
        "没有候选人获得超过应到会人数（12人）半数的赞成票（至少需7票）"
    )
    assert not Seat.objects.filter(name="周志坚").exists()

    page.get_by_label("周志坚 赞成票").fill("10")
    page.get_by_role("button", name="确认选举结果").click()
    expect(page.locator(".messages")).to_contain_text("选举结果已确认，委员会名单已更新")
    page.get_by_role("link", name="查看委员会名单").click()
    roster = page.locator("table.roster")
    expect(roster).to_contain_text("周志坚")
    expect(roster).not_to_contain_text(leaving.name)
    expect(page.locator("table.history")).to_contain_text(f"2013-03-25 替补（替补{leaving.name}）")
    expect(page.locator("table.history")).to_contain_text("2013-03-25 被替补")
    expect(page.get_by_role("heading", level=2).first).to_contain_text("2013年3月25日的名单（12人）")
