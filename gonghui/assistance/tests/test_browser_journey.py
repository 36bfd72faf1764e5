"""A street officer's journey through the assistance pages, in the Chinese UI, in Chromium.

The officer files a household (the family table grows by a row in the page), sees the tier the
system computed, applies for 医疗救助 under the street's 2,000 元 authority, approves it from the
street's fund and records the payment; a 6,000 元 application goes to the district, whose
approver finds it waiting.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from gonghui.assistance.models import Application, Fund
from gonghui.conftest import Personas, Tree, make_user
from gonghui.tests.browser.steps import sign_in

from .factories import child_id, fund_with, new_id
from .steps import fill_application, fill_household

pytestmark = pytest.mark.browser


def test_street_officer_files_applies_approves_and_pays(page: Page, personas: Personas, rules: Tree) -> None:
    fund_with(rules.street, "10000")
    approver = make_user("haizhu_approver", rules.haizhu, "approver")
    sign_in(page, personas.street.username)
    page.get_by_role("link", name="困难帮扶").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("困难职工档案")
    page.get_by_role("link", name="新建档案").click()

    fill_household(page)
    page.get_by_label("子女上学").check()
    rows = [
        ("李秀英", "配偶", new_id(), "失(无)业", "居民医保"),
        ("陈晓明", "子女", child_id(), "在校学生", "居民医保"),
    ]
    page.get_by_role("button", name="添加家庭成员").click()
    for i, (name, relation, number, identity, insurance) in enumerate(rows):
        page.locator(f'[name="family-{i}-name"]').fill(name)
        page.locator(f'[name="family-{i}-relation"]').select_option(relation)
        page.locator(f'[name="family-{i}-id_number"]').fill(number)
        page.locator(f'[name="family-{i}-identity"]').select_option(identity)
        page.locator(f'[name="family-{i}-insurance"]').select_option(insurance)
    page.get_by_role("button", name="保存并计算困难类别").click()

    expect(page.locator(".messages")).to_contain_text("已建档：陈建华（深度困难）")
    expect(page.get_by_role("heading", level=1)).to_contain_text("深度困难")
    expect(page.locator("main")).to_contain_text("333.33")  # (18,000 − 6,000) ÷ 12 ÷ 3
    expect(page.locator("main")).to_contain_text("**** **** 3445")

    page.get_by_role("link", name="申请帮扶").click()
    fill_application(page, kind="medical", amount="1500", reason="妻子化疗，自付医疗费用高")
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".messages")).to_contain_text("由「赤岗街道总工会」审批")
    page.get_by_role("button", name="批准并从专项资金支出").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("已批准，待发放")
    page.get_by_role("button", name="登记已发放").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("已发放")
    assert Fund.objects.get(org=rules.street).balance == 8500

    page.get_by_role("link", name="陈建华", exact=False).first.click()
    page.get_by_role("link", name="申请帮扶").click()
    fill_application(page, kind="living", amount="6000", reason="长期治疗，家庭生活困难")
    page.get_by_role("button", name="提交").click()
    expect(page.locator("dd.approver")).to_have_text("广州市海珠区总工会")
    expect(page.get_by_role("button", name="批准并从专项资金支出")).to_have_count(0)
    assert Application.objects.get(amount=6000).approver == rules.haizhu

    page.get_by_role("button", name="退出").click()
    sign_in(page, approver.username)
    page.get_by_role("link", name="困难帮扶").click()
    page.locator("nav.subnav").get_by_role("link", name="帮扶申请").click()
    expect(page.locator("table.list")).to_contain_text("陈建华")
    expect(page.locator("table.list")).to_contain_text("6000.00")
