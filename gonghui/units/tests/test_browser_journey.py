"""A street officer's journey through the units pages, in the Chinese UI, in Chromium.

The officer downloads nothing, uploads a clerk's ledger with one wrong row (nothing is imported,
the row report says where and why), uploads it again importing the good rows, and opens the
"两个普遍" report: the chart is drawn (ECharts under the CSP, no inline script) and a child's
row drills down one level.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from gonghui.conftest import PASSWORD, Personas, Tree
from gonghui.units.models import Unit

from .factories import unit_code, wrong_check_digit
from .test_importer import xlsx

pytestmark = pytest.mark.browser


def test_street_officer_imports_a_ledger_and_reads_the_report(
    page: Page, personas: Personas, tree: Tree, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    rows = [
        [unit_code(), "赤岗甲厂", "C 制造业", "170", 120, 50, 30, "赤岗街道联合工会"],
        [unit_code(), "赤岗乙店", "08", "私营企业", "45人", "", "", ""],
        [wrong_check_digit(unit_code()), "赤岗丙铺", "制造", "170", 20, 5, 0, ""],
    ]
    ledger = tmp_path / "赤岗台账.xlsx"
    ledger.write_bytes(xlsx(rows, title="赤岗街道辖区单位台账"))

    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(personas.street.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="单位与两个普遍").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("单位名单")
    page.locator("nav.subnav").get_by_role("link", name="导入单位").click()

    page.get_by_label("台账文件").set_input_files(str(ledger))
    page.get_by_role("button", name="上传并导入").click()
    report = page.locator("#import-progress")
    expect(report).to_contain_text("其中 1 行有误，未导入任何单位")
    expect(page.locator("table.import-errors")).to_contain_text("统一社会信用代码校验位错误")
    expect(page.locator("table.import-errors")).to_contain_text("第 6 行")
    assert not Unit.objects.exists()

    page.get_by_role("link", name="再导入一个文件").click()
    page.get_by_label("台账文件").set_input_files(str(ledger))
    page.get_by_label("只导入无误的行").check()
    page.get_by_role("button", name="上传并导入").click()
    expect(report).to_contain_text("导入 2 个单位")
    page.get_by_role("link", name="查看导入的单位").click()
    expect(page.locator("table.list")).to_contain_text("赤岗甲厂")
    expect(page.locator("table.list")).to_contain_text("赤岗乙店")

    page.locator("nav.subnav").get_by_role("link", name="“两个普遍”统计").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("赤岗街道总工会 · “两个普遍”统计")
    expect(page.locator(".chart svg")).to_be_visible()
    table = page.locator("table.report-table")
    expect(table).to_contain_text("赤岗街道联合工会")
    expect(table.locator("tr.total")).to_contain_text("50.00%")  # 甲 has a union, 乙 (45) not yet
    page.get_by_role("link", name="赤岗街道总工会（本级）").click()
    expect(page).to_have_url(re.compile(rf"/units/\?within={tree.street.pk}$"))
