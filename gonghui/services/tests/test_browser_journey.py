"""A worker books a counsellor on a phone-sized window (390×844), the counsellor sees the
booking on their own page, the worker cancels, and the slot is free again."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from gonghui.accounts.models import User
from gonghui.services.models import Booking
from gonghui.tests.browser.steps import no_sideways_scroll, open_menu, sign_out
from gonghui.tests.browser.test_foundation_journey import log_in

from . import factories as f

pytestmark = pytest.mark.browser


def to_services(page: Page) -> None:
    open_menu(page)
    page.get_by_role("navigation").get_by_role("link", name="职工服务").click()


def test_worker_books_on_a_phone_the_counsellor_sees_it_the_worker_cancels(page: Page, svc) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    slot = f.at(f.next_weekday(0), 9).isoformat()
    worker: User = svc.worker_user

    log_in(page, worker)
    to_services(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("我的预约")
    page.get_by_role("link", name="预约心理咨询/法律咨询").click()
    page.get_by_role("link", name="王咨询师").click()
    slot_button = page.locator(f'button.slot[data-start="{slot}"]')
    expect(slot_button).to_be_visible()
    no_sideways_scroll(page)
    slot_button.click()
    expect(page.locator(".messages")).to_contain_text("预约成功")
    expect(page.get_by_role("heading", level=1)).to_contain_text("预约详情")
    expect(page.locator("dl.fields")).to_contain_text("王咨询师")
    expect(page.locator("dl.fields")).to_contain_text("心理咨询室一")
    no_sideways_scroll(page)
    booking = Booking.objects.get()
    assert booking.member == svc.worker and booking.status == "booked"
    sign_out(page)

    log_in(page, svc.counsellor_user)
    to_services(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("我的咨询预约")
    expect(page.locator("#provider-upcoming")).to_contain_text("林小青")
    sign_out(page)

    log_in(page, worker)
    to_services(page)
    page.locator("#upcoming").get_by_role("link").first.click()
    page.get_by_label("取消原因（选填）").fill("临时加班")
    page.get_by_role("button", name="取消预约").click()
    expect(page.locator(".messages")).to_contain_text("预约已取消")
    expect(page.locator("h1 .badge")).to_have_text("已取消")
    booking.refresh_from_db()
    assert booking.status == "cancelled"

    page.goto(f"/services/book/?provider={svc.counsellor.pk}")
    expect(page.locator(f'button.slot[data-start="{slot}"]')).to_be_visible()
    no_sideways_scroll(page)


def test_officer_reads_case_statistics_with_a_chart_and_drills_down(page: Page, tree, personas) -> None:
    from gonghui.services import actions

    for org, amount in ((tree.grassroots, "1800000.00"), (tree.sibling_grassroots, "2000000.00")):
        case = f.make_case(org, parties=5, migrants=5)
        actions.case_close(
            actor=None, case=case, outcome="resolved", amount_recovered=amount, on=case.intake_on
        )
    log_in(page, personas.district)
    to_services(page)
    page.locator("nav.subnav").get_by_role("link", name="维权统计").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("广州市海珠区总工会维权案件统计")
    expect(page.locator("#stat-amount")).to_have_text("380.00")
    expect(page.locator(".chart svg")).to_be_visible()
    page.locator("table.report-table").get_by_role("link", name="赤岗街道总工会").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("赤岗街道总工会维权案件统计")
    expect(page.locator("#stat-cases")).to_have_text("1")
