"""Three everyday tasks of a grassroots officer, counted in clicks from the home page: add a
member and find them, file a household and apply for 1,500 元, submit a bulletin item. Each
takes at most four clicks (typing into a form is not a click)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from gonghui.assistance.tests.factories import setup_lines_and_rules
from gonghui.assistance.tests.steps import fill_application, fill_household
from gonghui.bulletin.tests.factories import make_bulletin
from gonghui.conftest import Personas, Tree
from gonghui.kernel.codes import id_number_make

from .test_browser_workbench import sign_in

pytestmark = pytest.mark.browser


class Clicks:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, target: Locator) -> None:
        self.n += 1
        target.click()


def test_add_a_member_and_find_them_in_two_clicks(page: Page, personas: Personas, tree: Tree) -> None:
    import datetime as dt

    click = Clicks()
    sign_in(page, personas.grassroots)
    click(page.locator("main").get_by_role("link", name="登记入会"))
    page.get_by_label("姓名").fill("周建国")
    page.get_by_label("身份证号码").fill(id_number_make("440105", dt.date(1988, 3, 12), 31))
    click(page.get_by_role("button", name="提交"))
    expect(page.locator(".messages")).to_contain_text("已登记「周建国」的入会申请")
    expect(page.get_by_role("heading", level=1)).to_contain_text("周建国")
    assert click.n <= 4


def test_file_a_household_and_apply_for_1500_in_four_clicks(
    page: Page, personas: Personas, tree: Tree
) -> None:
    setup_lines_and_rules(tree.province)
    click = Clicks()
    sign_in(page, personas.grassroots)
    click(page.locator("main").get_by_role("link", name="新建困难职工档案"))
    fill_household(page)
    click(page.get_by_role("button", name="保存并计算困难类别"))
    expect(page.locator(".messages")).to_contain_text("已建档：陈建华")
    click(page.get_by_role("link", name="申请帮扶"))
    fill_application(page, kind="medical", amount="1500", reason="本人住院，自付医疗费用高")
    click(page.get_by_role("button", name="提交"))
    expect(page.locator(".messages")).to_contain_text("审批")
    assert click.n <= 4


def test_submit_a_bulletin_item_in_two_clicks(page: Page, personas: Personas, tree: Tree) -> None:
    make_bulletin(tree.province)
    click = Clicks()
    sign_in(page, personas.grassroots)
    click(page.locator("main").get_by_role("link", name="报送信息"))
    page.get_by_label("标题").fill("赤岗街道联合工会开展“送清凉”活动")
    page.get_by_label("正文").fill("7月10日，赤岗街道联合工会走访辖区企业，为一线职工送去清凉物资。")
    page.get_by_label("作者").fill("林晓敏")
    click(page.get_by_role("button", name="报送", exact=True))
    expect(page.locator(".messages")).to_contain_text("已报送")
    assert click.n <= 4
