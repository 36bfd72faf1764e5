"""What a person types into the assistance pages in a browser: the household form and the
application form. Clicking is left to the journey (some journeys count the clicks)."""

from __future__ import annotations

from playwright.sync_api import Page

from .factories import new_id


def fill_household(page: Page, name: str = "陈建华") -> None:
    """The new household form, filled for a worker in a rented home in 海珠 earning 1,500 元 a
    month, with a bank card ending 3445; the family table is left as it is."""
    page.get_by_label("姓名").fill(name)
    page.get_by_label("身份证号").fill(new_id())
    page.get_by_label("政治面貌").select_option("群众")
    page.get_by_label("手机号码").fill("13800138000")
    page.get_by_label("健康状况").select_option("一般疾病")
    page.get_by_label("工作状态").select_option("在岗")
    page.get_by_label("婚姻状况").select_option("已婚")
    page.get_by_label("户口类型").select_option("非农业")
    page.get_by_label("户口所在地行政区划").fill("440105")
    page.get_by_label("家庭住址").fill("广州市海珠区赤岗路1号")
    page.get_by_label("住房类型").select_option("租房")
    page.get_by_label("本人月平均收入（元）").fill("1500")
    page.get_by_label("年度刚性支出（元）").fill("6000")
    page.get_by_label("医保状况").select_option("职工医保")
    page.get_by_label("主要致困原因（选1项）").select_option("6")
    page.get_by_label("开户银行").fill("中国工商银行")
    page.get_by_label("银行卡号").fill("6222020200112233445")


def fill_application(page: Page, *, kind: str, amount: str, reason: str) -> None:
    page.get_by_label("帮扶类型").select_option(kind)
    page.get_by_label("申请金额（元）").fill(amount)
    page.get_by_label("申请理由（困难情况）").fill(reason)
