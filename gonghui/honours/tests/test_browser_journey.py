"""A grassroots union nominates a member in Chromium; the district and the city review; the list
is published for 公示, shown on the public page without personal numbers; the city confers after
the notice; the honour is on the person's record.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from gonghui.conftest import Personas, Tree
from gonghui.honours import actions
from gonghui.honours.models import Nomination
from gonghui.members.tests.conftest import make_member
from gonghui.tests.browser.steps import sign_in, sign_out

from .factories import end_notice, make_round

pytestmark = pytest.mark.browser


def test_a_nomination_goes_up_through_notice_to_the_persons_record(
    page: Page, page_watch, personas: Personas, tree: Tree
) -> None:
    TOTPDevice.objects.create(user=personas.city, name="测试", confirmed=True)
    member = make_member(
        tree.grassroots, "陈建华", employer_name="广州赤岗某机械有限公司", phone="13912345678"
    )
    round = make_round(
        tree.guangzhou, places=5, title="2026年广州市劳动模范评选", objection_contact="广州市总工会经济工作部"
    )
    actions.quota_set(actor=None, round=round, org=tree.haizhu, places=2)

    # The grassroots union nominates its member.
    sign_in(page, personas.grassroots)
    page.goto("/honours/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("评选表彰")
    page.get_by_role("row", name=re.compile("2026年广州市劳动模范评选")).get_by_role(
        "link", name="推荐"
    ).click()
    page.get_by_label("会员").select_option(label="陈建华（广州赤岗某机械有限公司）")
    page.get_by_label("职务（岗位）").fill("数控车工班组长")
    page.get_by_label("主要事迹").fill("从事数控加工二十年，牵头完成技术革新12项。")
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".messages")).to_contain_text("推荐对象已登记")
    page.get_by_role("button", name="报送").click()
    expect(page.locator(".messages")).to_contain_text("已报送")
    expect(page.locator(".card")).to_contain_text("广州市海珠区总工会")
    sign_out(page)

    # The district reviews it within its two places and passes it up.
    sign_in(page, personas.district)
    page.goto("/honours/review/")
    page.get_by_role("link", name="陈建华").click()
    page.get_by_label("审核意见").fill("事迹突出，同意推荐")
    page.get_by_role("button", name="审核通过并上报").click()
    expect(page.locator(".messages")).to_contain_text("已审核通过并上报")
    sign_out(page)

    # The city selects it and publishes the list.
    sign_in(page, personas.city)
    page.goto("/honours/review/")
    page.get_by_role("link", name="陈建华").click()
    page.get_by_role("button", name="确定为拟表彰对象").click()
    expect(page.locator(".messages")).to_contain_text("已确定为拟表彰对象")
    page.goto(f"/honours/rounds/{round.pk}/")
    page.get_by_role("button", name="发布公示").click()
    expect(page.locator(".messages")).to_contain_text("拟表彰名单已公示")

    # Before the notice ends there is no conferring: the page says until when.
    expect(page.locator("p.notice")).to_contain_text("公示期满后方可表彰")
    expect(page.get_by_role("button", name="确认表彰")).to_have_count(0)

    # The public page, for anyone (nobody signed in): name, unit, job and deeds; never the phone
    # or the ID number.
    notice = urljoin(page.url, page.locator("#notice-link").get_attribute("href") or "")
    outsider = page.context.browser.new_context(locale="zh-CN")  # type: ignore[union-attr]
    public = outsider.new_page()
    public.goto(notice)
    expect(public.get_by_role("heading", level=1)).to_contain_text("拟表彰对象的公示")
    table = public.locator("table.list")
    expect(table).to_contain_text("陈建华")
    expect(table).to_contain_text("数控车工班组长")
    expect(public.locator("main")).not_to_contain_text("13912345678")
    expect(public.locator("main")).not_to_contain_text(member.id_number[-6:])
    outsider.close()

    # After the notice the city confers; the honour is on the person's record.
    end_notice(round)
    page.goto(f"/honours/rounds/{round.pk}/")
    page.get_by_label("表彰文号").fill("穗府〔2026〕12号")
    page.get_by_role("button", name="确认表彰").click()
    expect(page.locator(".messages")).to_contain_text("已确认表彰")
    assert Nomination.objects.get(round=round).state == "conferred"
    page.goto("/honours/register/")
    page.get_by_role("link", name="陈建华").click()
    expect(page.locator("#person-honours")).to_contain_text("市劳动模范")
    expect(page.locator("#person-honours")).to_contain_text("穗府〔2026〕12号")
    expect(page.locator("div.card").first).to_contain_text("赤岗街道联合工会")
