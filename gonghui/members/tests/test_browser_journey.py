"""A street officer's journey through the member register in the Chinese UI: import a clerk's
ledger with one bad row, read the row report (nothing imported), fix the file, import it, find
the members, export the list."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from gonghui.conftest import Personas, Tree
from gonghui.members.models import Member
from gonghui.members.testing import write_xlsx
from gonghui.tests.browser.plugin import SCREENSHOTS, PageWatch
from gonghui.tests.browser.test_foundation_journey import log_in

from .conftest import ledger_row, new_id

pytestmark = pytest.mark.browser


def test_import_fix_find_and_export(
    page: Page,
    page_watch: PageWatch,
    personas: Personas,
    tree: Tree,
    tmp_path: Path,
) -> None:
    good = [ledger_row("李雷", new_id()), ledger_row("韩梅梅", new_id()), ledger_row("王小明", new_id())]
    bad = [list(r) for r in good]
    bad[1][1] = 440305199001011000.0  # what Excel leaves of an ID number typed as a number
    bad_file = write_xlsx(
        tmp_path / "赤岗街道联合工会会员花名册.xlsx", bad, title="赤岗街道联合工会会员花名册"
    )

    log_in(page, personas.street)
    page.get_by_role("navigation").get_by_role("link", name="会员").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("会员名册")
    page.get_by_role("link", name="导入会员名册").click()
    page.get_by_label("导入到").select_option(label="赤岗街道联合工会")
    page.get_by_label("会员名册文件").set_input_files(str(bad_file))
    page.get_by_role("button", name="上传并导入").click()

    # The row report: row 4 (title row, header row, then data), the ID column, and why.
    expect(page.locator(".import-summary")).to_contain_text("未导入任何数据")
    report = page.locator("#row-report")
    expect(report.get_by_role("row")).to_have_count(2)
    expect(report).to_contain_text("第 4 行")
    expect(report).to_contain_text("身份证号码")
    expect(report).to_contain_text("已经丢失")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "members_import_row_report.png"), full_page=True)
    assert Member.objects.count() == 0

    # Fixed in Excel and uploaded again: everything goes in.
    good_file = write_xlsx(
        tmp_path / "赤岗街道联合工会会员花名册（改）.xlsx", good, title="赤岗街道联合工会会员花名册"
    )
    page.goto("/members/import/")
    page.get_by_label("导入到").select_option(label="赤岗街道联合工会")
    page.get_by_label("会员名册文件").set_input_files(str(good_file))
    page.get_by_role("button", name="上传并导入").click()
    expect(page.locator(".import-summary")).to_contain_text("已导入 3 名会员")
    expect(page.locator("progress")).to_have_attribute("value", "100")

    # Find them: by name prefix, then by the exact ID number (typed with a lowercase x or not).
    page.get_by_role("link", name="查看会员名册").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("赤岗街道联合工会")
    page.get_by_label("姓名").fill("韩")
    page.get_by_role("button", name="查询").click()
    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("韩梅梅")
    expect(rows).not_to_contain_text(good[1][1])  # shown masked
    page.get_by_label("姓名").fill("")
    page.get_by_label("身份证号码").fill(str(good[2][1]).lower())
    page.get_by_role("button", name="查询").click()
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("王小明")

    # The member's page: masked; the officer may reveal, and that is audited.
    rows.get_by_role("link", name="王小明").click()
    expect(page.locator("#pii")).to_contain_text("440***")
    page.get_by_role("button", name=re.compile("显示完整号码")).click()
    expect(page.locator("#pii")).to_contain_text(str(good[2][1]))

    # Export the union's list as csv: masked, with the watermark line.
    page.goto(f"/members/?within={tree.grassroots.pk}")
    with page.expect_download() as info:
        page.get_by_role("link", name="导出 CSV").click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][0].startswith(f"导出人：{personas.street.display_name}")
    assert sorted(r[0] for r in lines[2:]) == sorted(["李雷", "韩梅梅", "王小明"])
    assert all(str(r[1]) not in text for r in good)
