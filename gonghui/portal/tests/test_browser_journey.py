"""A delivery rider's journey on a 390×844 phone, in the Chinese UI, in Chromium.

The rider, with no account yet, joins online as a worker without a fixed employer; the street
union where they live places them in its joint union and approves; the rider signs in with their
mobile number and password, and on this phone not seen before with the code sent to it (the
next time, the password alone), shows the membership card, signs up for the street's activity offered on the
portal, asks for help about unpaid wages, and reads the union's answer.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from gonghui.activities.models import SignUp
from gonghui.activities.tests.factories import make_activity
from gonghui.conftest import PASSWORD, Personas, Tree
from gonghui.portal.actions import place_register
from gonghui.portal.models import JoinApplication
from gonghui.services.notify import MemoryBackend
from gonghui.tests.browser.steps import sign_in

from .conftest import new_id, new_phone

pytestmark = pytest.mark.browser


def test_a_rider_joins_online_shows_the_card_signs_up_for_an_activity_and_asks_for_help(
    page: Page, personas: Personas, tree: Tree, settings
) -> None:
    settings.GONGHUI_NOTIFY_BACKEND = "gonghui.services.notify.MemoryBackend"
    MemoryBackend.outbox = []
    page.set_viewport_size({"width": 390, "height": 844})
    activity = make_activity(tree.street, title="高温慰问进工地", place="琶洲建设工地", capacity=20)
    place_register(actor=None, org=tree.street, kind="outdoor", name="赤岗户外劳动者服务站",
                   address="赤岗路1号", lng="113.335", lat="23.096", hours="全天")  # fmt: skip
    phone = new_phone()
    page.goto("/portal/join/")
    page.get_by_label("姓名").fill("李骑手")
    page.get_by_label("身份证号码").fill(new_id())
    page.get_by_label("手机号码").fill(phone)
    page.get_by_label("设置登录密码").fill(PASSWORD)
    page.get_by_label("新就业形态劳动者（无固定用人单位）").check()
    page.get_by_label("从事职业").select_option(label="外卖配送员")
    page.get_by_label("服务平台").fill("美团")
    page.get_by_label("居住地街道（乡镇）").fill("赤岗街道")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator(".messages")).to_contain_text(f"由「{tree.street.name}」受理")
    expect(page.get_by_role("heading", level=1)).to_contain_text("待工会审批")

    sign_in(page, personas.street.username, forget="session")
    page.goto("/portal/joins/?todo=1")
    page.get_by_role(
        "link",
        name=JoinApplication.objects.get(name="李骑手").submitted_at.astimezone().strftime("%Y-%m-%d %H:%M"),
    ).click()
    page.get_by_label("编入基层工会").select_option(label=tree.grassroots.name)
    page.get_by_role("button", name="批准入会").click()
    expect(page.locator(".messages")).to_contain_text(f"已成为「{tree.grassroots.name}」会员")

    sign_in(page, phone, forget="session")
    expect(page.get_by_role("heading", level=1)).to_contain_text("新设备登录验证")
    expect(page.locator("main")).to_contain_text(phone[-4:])
    code = re.search(r"\d{6}", MemoryBackend.outbox[-1].text).group(0)  # type: ignore[union-attr]
    page.get_by_label("验证码").fill(code)
    page.get_by_role("button", name="验证并登录").click()
    page.goto("/portal/devices/")
    expect(page.locator("ul.devices")).to_contain_text("本机")
    page.goto("/portal/")
    page.get_by_role("link", name="出示二维码 ›").click()
    expect(page.locator(".member-card")).to_contain_text("李骑手")
    expect(page.locator(".member-card")).to_contain_text(tree.grassroots.name)
    expect(page.locator("#card-code svg")).to_be_visible()

    # The service places near them, on the outline of Guangdong shipped with the project.
    page.goto("/portal/places/")
    expect(page.locator(".places")).to_contain_text("赤岗户外劳动者服务站")
    expect(page.locator("[data-places-map][data-chart-ready]")).to_have_count(1)
    assert page.locator("[data-places-map] svg path").count() >= 21  # the 21 cities and the place

    # What the rider's unions offer now: the street's activity, signed up for from the portal.
    page.goto("/portal/")
    page.locator("ul.offers").get_by_role("link", name="高温慰问进工地").click()
    page.get_by_role("button", name="报名参加").click()
    expect(page.locator(".messages")).to_contain_text("报名成功")
    assert SignUp.objects.filter(activity=activity, member__name="李骑手").exists()

    page.goto("/portal/")
    page.get_by_role("link", name="我要求助").click()
    page.get_by_label("欠薪").check()
    page.get_by_label("遇到了什么问题").fill("站点两个月的配送费一直没有结算。")
    page.get_by_label("对用人单位匿名").check()
    page.get_by_role("button", name="提交诉求").click()
    expect(page.locator(".messages")).to_contain_text(f"诉求已提交「{tree.grassroots.name}」")
    request_url = page.url

    sign_in(page, personas.grassroots.username, forget="session")
    page.goto("/portal/requests/?todo=1")
    expect(page.locator("main")).to_contain_text("匿名职工")
    expect(page.locator("main")).not_to_contain_text("李骑手")
    page.goto(request_url)
    page.locator('textarea[name="text"]').fill("已联系站点负责人，本周内结算。")
    page.get_by_role("button", name="答复", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("已答复")

    sign_in(page, phone, forget="session")  # the phone is remembered: the password alone, no code sent
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("新设备登录验证")
    assert len(MemoryBackend.outbox) == 1
    page.goto(request_url)
    expect(page.locator("main")).to_contain_text("已联系站点负责人，本周内结算。")
    page.get_by_label("★★★★★", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("已办结")
