"""An owner's journey through the targets pages, in the Chinese UI, in Chromium.

The district splits its yearly target between its two streets; 赤岗's January is far behind and
red. 赤岗's officer opens the board, sees the red flag, reports February on schedule and the flag
clears; the district officer opens the monthly circular, sees 赤岗 ranked first, and downloads it.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from playwright.sync_api import Page, expect
from python_calamine import CalamineWorkbook

from gonghui.conftest import Personas, Tree
from gonghui.kernel import cleaning
from gonghui.targets import actions
from gonghui.targets.models import Target
from gonghui.tests.browser.steps import sign_in

from .factories import target_in

pytestmark = pytest.mark.browser


def test_an_owner_reports_the_flag_clears_and_the_circular_is_downloaded(
    page: Page, personas: Personas, tree: Tree
) -> None:
    year = cleaning.today().year
    whole = target_in(tree.haizhu, value="120", year=year)
    actions.target_cascade(
        actor=None, target=whole,
        shares=[actions.Share(tree.street.pk, "60", "王芳"), actions.Share(tree.sibling_street.pk, "60", "刘洋")],
    )  # fmt: skip
    street = Target.objects.get(parent=whole, org=tree.street)
    sibling = Target.objects.get(parent=whole, org=tree.sibling_street)
    actions.report_submit(
        actor=None, target=street, month=1, value="1", on=dt.date(year, 2, 3)
    )  # 1 of 5: red
    for month, value in ((1, "5"), (2, "7")):
        actions.report_submit(
            actor=None, target=sibling, month=month, value=value, on=dt.date(year, month + 1, 3)
        )

    sign_in(page, personas.street.username)
    page.goto("/targets/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("赤岗街道总工会")
    own = page.locator("table.own")
    expect(own).to_contain_text("新建工会组织数")
    expect(own).to_contain_text("红色预警")
    own.get_by_role("link", name="新建工会组织数").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("红色预警")
    page.get_by_role("link", name="报送完成情况").click()
    page.get_by_label("月份").select_option("2")
    page.get_by_label("完成值").fill("11")
    page.get_by_label("佐证材料说明").fill("2月新建工会11家，名单及批复文件已存档")
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".messages")).to_contain_text("已报送2月完成值 11.00家")
    expect(page.get_by_role("heading", level=1)).to_contain_text("正常")
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("红色预警")

    page.get_by_role("button", name="退出").click()
    sign_in(page, personas.district.username)
    page.goto(f"/targets/?org={tree.haizhu.pk}")
    page.locator("nav.subnav").get_by_role("link", name="月度通报").click()
    page.get_by_label("月份").select_option("2")
    page.get_by_role("button", name="查看").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        f"广州市海珠区总工会{year}年2月目标任务推进情况通报"
    )
    ranking = page.locator("table.ranking tbody tr")
    expect(ranking.nth(0)).to_contain_text("赤岗街道总工会")  # 11 of 10 due: 110%
    expect(ranking.nth(1)).to_contain_text("新港街道总工会")  # 7 of 10 due: 70%, red
    expect(page.locator("ul.red")).to_contain_text("新港街道总工会")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载通报 Excel").click()
    path = download.value.path()
    assert download.value.suggested_filename.startswith("月度通报_广州市海珠区总工会")
    with open(path, "rb") as f:
        rows = CalamineWorkbook.from_filelike(io.BytesIO(f.read())).get_sheet_by_name("排名").to_python()
    assert [r[2] for r in rows if r[1] in (1, 2, 1.0, 2.0)] == ["赤岗街道总工会", "新港街道总工会"]


def test_an_owner_reports_a_projects_quarter_and_the_public_page_shows_it(
    page: Page, personas: Personas, tree: Tree, tmp_path
) -> None:
    """海珠区总工会 promises 2,400 households relieved in the year (600 a quarter) in public; its
    officer reports the first quarter with the relief list attached; the public page shows it to
    anyone, without the owner's name."""
    year = cleaning.today().year
    indicator = actions.indicator_create(
        actor=None, org=tree.haizhu, code="民生01", name="困难职工解困脱困", unit="户", category="民生实事"
    )
    project = actions.target_set(
        actor=None, org=tree.haizhu, indicator=indicator, year=year, value="2400", owner_name="梁振华",
        owner=personas.district, milestones=[25, 50, 75, 100],
    )  # fmt: skip
    actions.target_publish(actor=None, target=project, public=True)
    publication = actions.publication_set(
        actor=None, org=tree.haizhu, active=True, title="十件民生实事进度公开"
    )
    sheet = tmp_path / "一季度解困名单.pdf"
    sheet.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    sign_in(page, personas.district.username)
    page.goto(f"/targets/{project.pk}/")
    page.get_by_role("link", name="报送完成情况").click()
    page.get_by_label("月份").select_option("3")
    page.get_by_label("完成值").fill("612")
    page.get_by_label("佐证材料说明").fill("一季度解困脱困612户，名单经区总审核")
    page.get_by_label("佐证材料文件").set_input_files(str(sheet))
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".messages")).to_contain_text("已报送3月完成值 612.00户")
    expect(page.get_by_role("link", name="一季度解困名单.pdf")).to_be_visible()
    page.get_by_role("button", name="退出").click()

    page.goto(f"/targets/public/{publication.token}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("十件民生实事进度公开")
    row = page.locator("table.public tbody tr").filter(has_text="困难职工解困脱困")
    expect(row).to_contain_text("612.00（3月）")
    expect(row).to_contain_text("25.5%")
    expect(page.locator("main")).not_to_contain_text("梁振华")
