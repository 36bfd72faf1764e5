"""On a phone (390×844): a worker signs up for an activity and shows the check-in QR code; the
street union's officer checks them in by the code (typed, as a hand scanner types it) and the
worker's page says so."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from gonghui.activities.models import SignUp
from gonghui.tests.browser.steps import no_sideways_scroll, open_menu, sign_out
from gonghui.tests.browser.test_foundation_journey import log_in

from .factories import later_today, make_activity, make_worker, worker_user

pytestmark = pytest.mark.browser


def test_worker_signs_up_shows_the_code_and_is_checked_in_by_it(page: Page, tree, personas) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    start = later_today(45)
    activity = make_activity(
        tree.street, title="高温慰问进工地", place="琶洲建设工地", starts_at=start, capacity=20
    )
    worker = make_worker(tree.grassroots, "林小青", username="worker_lin")
    make_worker(tree.grassroots, "陈现场", username="worker_chen")

    log_in(page, worker_user(worker))
    open_menu(page)
    page.get_by_role("navigation").get_by_role("link", name="活动报名").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("活动报名")
    no_sideways_scroll(page)
    page.locator("#offers").get_by_role("link", name="高温慰问进工地").click()
    expect(page.locator("#places")).to_contain_text("剩余 20")
    page.get_by_role("button", name="报名参加").click()
    expect(page.locator(".messages")).to_contain_text("报名成功")
    expect(page.locator("#checkin-code .qr svg")).to_be_visible()
    no_sideways_scroll(page)
    page.get_by_text("扫不出来？显示签到码文字").click()
    code = page.locator("#token").inner_text().strip()
    assert code
    signup_url = page.url
    sign_out(page)

    log_in(page, personas.street)
    page.goto(f"/activities/{activity.pk}/")
    page.get_by_role("link", name="现场签到").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("现场签到")
    expect(page.get_by_role("button", name="用摄像头扫码")).to_be_visible()
    no_sideways_scroll(page)
    page.locator("#id_code").fill(code)
    page.locator("#scan-form").get_by_role("button", name="签到", exact=True).click()
    expect(page.locator("#checkin-said")).to_have_text("林小青 签到成功。")
    expect(page.locator("#checkin-count")).to_contain_text("已签到 1 / 1 人")
    page.locator("#id_code").fill(code)
    page.locator("#scan-form").get_by_role("button", name="签到", exact=True).click()
    expect(page.locator("#checkin-said")).to_contain_text("不重复计数")
    expect(page.locator("#checkin-count")).to_contain_text("已签到 1 / 1 人")
    # Someone who did not sign up comes anyway: found in the register, added and checked in.
    page.locator("#walk-in #id_member_q").fill("陈")
    page.locator("#walk-in").get_by_role("button", name="查找").click()
    page.locator("#walk-in-candidates").get_by_role("button", name="加入并签到").click()
    expect(page.locator("#checkin-said")).to_have_text("陈现场 已现场加入并签到。")
    expect(page.locator("#checkin-count")).to_contain_text("已签到 2 / 2 人（其中现场加入 1 人）")
    no_sideways_scroll(page)
    sign_out(page)

    log_in(page, worker_user(worker))
    page.goto(signup_url)
    expect(page.locator("#checked-in")).to_be_visible()
    expect(page.locator("#checkin-code")).to_have_count(0)
    assert SignUp.objects.get(activity=activity, walk_in=False).checked_in_at is not None
