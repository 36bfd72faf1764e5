"""Mutual aid through the real pages, in the Chinese UI, in Chromium.

A grassroots union enrols its unit in the accident plan from its register; the group first fails
the 60% rule (the page says who is missing), people are added and it is handed in; the street union records the money and cover
starts; a member files a claim on a phone with photos of the materials; the county's reviewer
approves it and its clerk records the payment, which the member then sees.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from gonghui.conftest import Personas, Tree, make_user
from gonghui.kernel import cleaning
from gonghui.members.actions import member_link_user
from gonghui.mutualaid.models import Claim, Enrolment
from gonghui.tests.browser.steps import sign_in

from .factories import PDF, plans, workers

pytestmark = pytest.mark.browser


def test_a_union_enrols_pays_and_a_member_claims_on_a_phone(
    page: Page, personas: Personas, tree: Tree, tmp_path
) -> None:
    plans()
    people = workers(tree.grassroots, 14)
    member_link_user(actor=None, member=people[0], user=personas.member)
    reviewer = make_user("haizhu_reviewer", tree.haizhu, "approver")

    sign_in(page, personas.grassroots.username, forget="all")
    page.get_by_role("link", name="医疗互助").first.click()
    page.get_by_role("link", name="新建团体参保").click()
    page.get_by_label("互助保障计划").select_option(label="在职职工意外伤害互助保障计划")
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".messages")).to_contain_text("请从会员名册中添加参保人员")

    boxes = page.locator('.add-members input[name="member"]')
    for i in range(7, 14):
        boxes.nth(i).uncheck()
    page.get_by_role("button", name="添加选中人员").click()
    expect(page.locator(".messages")).to_contain_text("已添加 7 人")
    # The rule is checked against the register as people are added: no 提交 until it is met.
    expect(page.locator(".rule")).to_contain_text("在职职工 14 人，至少 10 人参保，现有 7 人，还差 3 人")
    expect(page.get_by_role("button", name="提交参保")).to_have_count(0)
    page.get_by_role("button", name="添加选中人员").click()  # the other seven, ticked by default
    expect(page.locator(".messages")).to_contain_text("已添加 7 人")
    page.get_by_role("button", name="提交参保").click()
    expect(page.locator(".messages")).to_contain_text("14 人参保，应缴互助金 280.00 元")
    enrolment = Enrolment.objects.get(org=tree.grassroots)

    sign_in(page, personas.street.username, forget="all")
    page.goto(f"/mutualaid/enrolments/{enrolment.pk}/")
    page.get_by_role("link", name="登记缴费").click()
    paid_on = cleaning.today() - dt.timedelta(days=45)
    page.get_by_label("到账日期").fill(paid_on.isoformat())
    page.get_by_label("凭证号").fill("GZ-HZ-0001")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("已生效")

    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, personas.member.username, forget="all")
    page.goto("/mutualaid/me/")
    expect(page.locator("main")).to_contain_text("在职职工意外伤害互助保障计划")
    page.get_by_role("link", name="申领互助金").click()
    page.get_by_label("参保人员").select_option(index=1)
    page.get_by_label("给付项目").select_option(index=1)
    page.get_by_label("发病或出险日期").fill(cleaning.today().isoformat())
    page.get_by_label("情况说明").fill("车间搬运时右手受伤，经鉴定十级伤残")
    page.get_by_role("button", name="提交申领").click()
    expect(page.locator(".messages")).to_contain_text("由「广州市海珠区总工会」审核")
    photo = tmp_path / "材料.pdf"
    photo.write_bytes(PDF)
    for material in ("单位事故证明", "诊断证明", "伤残程度证明"):
        page.get_by_label("材料").select_option(material)
        page.get_by_label("文件（PDF、JPG 或 PNG）").set_input_files(str(photo))
        page.get_by_role("button", name="上传").click()
        expect(page.locator(".messages")).to_contain_text("材料已上传")
    claim = Claim.objects.get(line__member=people[0])

    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, reviewer.username, forget="all")
    page.goto("/mutualaid/claims/?todo=1")
    page.get_by_role("link", name=people[0].name).click()
    page.get_by_role("button", name="核准给付").click()
    expect(page.locator(".messages")).to_contain_text("已核准给付 20000.00 元")

    sign_in(page, personas.district.username, forget="all")
    page.goto(f"/mutualaid/claims/{claim.pk}/")
    page.get_by_role("button", name="登记已给付").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("已给付")

    sign_in(page, personas.member.username, forget="all")
    page.goto("/mutualaid/me/")
    expect(page.locator("main")).to_contain_text("已给付")
