"""In Chromium: the organiser (赤岗街道总工会, which hosted the seed's fair) approves an employer and
its position at a desk; then a worker on a 390×844 phone registers for the fair and sees the
positions matched for them, best first, with the check-in code to show on the day."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from gonghui.conftest import Personas, Tree
from gonghui.jobfairs.models import Employer, ReviewState, Seeker
from gonghui.tests.browser.steps import sign_in

from .factories import make_employer, make_fair, make_position

pytestmark = pytest.mark.browser


def test_the_organiser_approves_and_a_worker_registers_and_sees_matches(
    page: Page, personas: Personas, tree: Tree
) -> None:
    fair = make_fair(tree.street, title="赤岗街道春风行动专场招聘会")
    waiting = make_employer(fair, approve=False, name="广州珠江电子科技有限公司")
    make_position(waiting, approve=False, title="电子装配工", pay_min=5000, pay_max=6500, skills=["电子组装"])
    restaurant = make_employer(fair, name="广州某酒家有限公司", industry="09")
    make_position(restaurant, title="餐厅服务员", pay_min=3000, pay_max=3600, skills=["餐厅服务"])

    sign_in(page, personas.street.username, forget="all")
    page.goto("/jobfairs/")
    page.get_by_role("link", name="赤岗街道春风行动专场招聘会").click()
    page.get_by_role("link", name="广州珠江电子科技有限公司").click()
    page.get_by_label("展位号").fill("A-08")
    page.get_by_role("button", name="审核通过").click()
    expect(page.locator(".messages")).to_contain_text("已审核通过")
    page.goto("/jobfairs/todo/positions/")
    row = page.get_by_role("row").filter(has_text="电子装配工")
    row.get_by_role("button", name="审核通过").click()
    expect(page.locator("main")).to_contain_text("没有待审核的岗位")
    assert Employer.objects.get(pk=waiting.pk).state == ReviewState.APPROVED

    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, personas.member.username, forget="all")
    page.goto("/jobfairs/me/")
    page.get_by_role("link", name="赤岗街道春风行动专场招聘会").click()
    page.get_by_role("link", name="报名求职").click()
    page.get_by_label("姓名").fill("黄志强")
    page.get_by_label("手机号码").fill("13922223333")
    page.get_by_label("03 制造").check()
    page.get_by_label("期望月薪（元）").fill("4500")
    page.get_by_label("意向工作地点").select_option("440105")
    page.get_by_label("电子组装").check()
    page.get_by_label("农民工").check()
    page.get_by_role("button", name="提交报名").click()
    expect(page.locator(".messages")).to_contain_text("报名成功")
    matches = page.locator(".matches li")
    expect(matches.first).to_contain_text("电子装配工")
    expect(matches.first.locator(".score")).to_have_text("100")
    expect(page.locator(".ticket svg")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    seeker = Seeker.objects.get(user=personas.member)
    assert seeker.phone_masked == "139****3333" and seeker.industries == ["03"]
