"""Ledgers written the way clerks write them: an instructions sheet first, totals and signature
lines under the table, ID numbers typed with hyphens, join dates Excel kept as numbers, people
who are already members somewhere."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from gonghui.kernel.codes import id_number_make
from gonghui.members.importing import FileRefused, run_import
from gonghui.members.models import Member
from gonghui.members.testing import LEDGER_HEADERS
from gonghui.tests.workbooks import workbook as xlsx_of

from .conftest import ledger_row, make_member, new_id


def workbook(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """An xlsx with these sheets in this order, as Excel or WPS writes it."""
    path.write_bytes(xlsx_of(sheets))
    return path


INSTRUCTIONS = [
    ["填表说明"],
    ["1. 每行填写一名会员，身份证号码请设为文本格式。"],
    ["2. 入会日期写成 2015-03-01。"],
]


def test_the_register_is_found_on_a_sheet_after_the_instructions(tree, personas, tmp_path):
    rows = [list(LEDGER_HEADERS), ledger_row("王甲"), ledger_row("王乙")]
    path = workbook(tmp_path / "花名册.xlsx", {"填表说明": INSTRUCTIONS, "会员花名册": rows})
    result = run_import(actor=personas.street, org=tree.grassroots, path=path)
    assert (result.committed, result.imported, result.errors) == (True, 2, [])
    assert any("会员花名册" in n and "填表说明" in n for n in result.notes)


def test_when_no_sheet_holds_the_register_the_sheets_read_are_named(tree, personas, tmp_path):
    path = workbook(
        tmp_path / "花名册.xlsx", {"填表说明": INSTRUCTIONS, "统计": [["单位", "人数"], ["甲", 3]]}
    )
    with pytest.raises(FileRefused, match="在工作表「填表说明」「统计」的前 20 行中都没有找到表头"):
        run_import(actor=personas.street, org=tree.grassroots, path=path)


def test_totals_and_signature_lines_under_the_table_are_skipped_and_said(tree, personas, ledger):
    rows = [
        ledger_row("王甲"),
        ledger_row("王乙"),
        ["合计", "", "", "", "", "", "", "", "", "", "", "", ""],
        ["", "合计：2人", "", "", "", "", "", "", "", "", "", "", ""],
        ["填报人：李丽", "", "审核人：张明", "", "", "", "填报日期：2024年3月1日", "", "", "", "", "", ""],
        [None, "单位（盖章）", None, "", "", "", "", "", "", "", "", "", ""],
    ]
    result = run_import(actor=personas.street, org=tree.grassroots, path=ledger(rows))
    assert (result.committed, result.imported, result.errors, result.bad_rows) == (True, 2, [], 0)
    assert result.footer_rows == [5, 6, 7, 8]
    assert any("第 5、6、7、8 行" in n and "不是会员，已跳过" in n for n in result.notes)


def test_a_wrong_member_row_with_a_name_is_still_an_error(tree, personas, ledger):
    rows = [ledger_row("王甲"), ledger_row("王乙", "440105-1980")]
    result = run_import(actor=personas.street, org=tree.grassroots, path=ledger(rows))
    assert not result.committed and [e.row for e in result.errors] == [4] and result.footer_rows == []


def test_id_numbers_typed_with_spaces_and_hyphens_are_read(tree, personas, ledger):
    a, b, c = new_id(), new_id(), new_id()
    rows = [
        ledger_row("王甲", f"{a[:6]}-{a[6:14]}-{a[14:]}"),
        ledger_row("王乙", f"{b[:6]} {b[6:14]} {b[14:]}"),
        ledger_row("王丙", f"{c[:6]}－{c[6:14]}－{c[14:]}"),  # full-width hyphens
    ]
    result = run_import(actor=personas.street, org=tree.grassroots, path=ledger(rows))
    assert (result.committed, result.errors) == (True, [])
    assert set(Member.objects.values_list("name", "id_number")) == {("王甲", a), ("王乙", b), ("王丙", c)}


def test_an_id_number_of_the_wrong_length_says_what_was_counted(tree, personas, ledger):
    short = new_id()[:17]
    result = run_import(
        actor=personas.street, org=tree.grassroots,
        path=ledger([ledger_row("王甲", f"{short[:6]}-{short[6:]}")]),
    )  # fmt: skip
    assert result.errors[0].message == "身份证号长度应为18位，现为17位（不计空格和“-”）"


@pytest.mark.parametrize(("typed", "joined"), [(2019.3, dt.date(2019, 3, 1)), (2019.12, dt.date(2019, 12, 1)),
                                               (2019.05, dt.date(2019, 5, 1))])  # fmt: skip
def test_a_join_date_excel_kept_as_a_number_is_read_as_year_and_month(tree, personas, ledger, typed, joined):
    result = run_import(
        actor=personas.street, org=tree.grassroots, path=ledger([ledger_row("王甲", 入会日期=typed)])
    )
    assert (result.committed, result.errors) == (True, [])
    assert Member.objects.get().join_date == joined


@pytest.mark.parametrize(
    ("typed", "said"),
    [(2019.1, "入会日期「2019.1」在表格中是数字，分不清是2019年1月还是10月"),
     (2019, "入会日期「2019」只有年份（表格中是数字）")],
)  # fmt: skip
def test_a_join_date_number_that_cannot_be_a_month_says_it_was_read_as_a_number(
    tree, personas, ledger, typed, said
):
    result = run_import(
        actor=personas.street, org=tree.grassroots, path=ledger([ledger_row("王甲", 入会日期=typed)])
    )
    assert result.errors[0].column == "入会日期" and result.errors[0].message.startswith(said)


def test_importing_the_same_ledger_again_says_they_are_members_here(tree, personas, ledger):
    path = ledger([ledger_row("王甲"), ledger_row("王乙")])
    first = run_import(actor=personas.street, org=tree.grassroots, path=path)
    assert first.imported == 2
    again = run_import(actor=personas.street, org=tree.grassroots, path=path)
    assert (again.imported, again.errors, again.bad_rows, again.already_here) == (0, [], 0, [3, 4])
    assert again.summary() == "文件中的 2 人都已是本会会员，未重复导入，没有新会员。" and again.ok_rows == 0
    assert any("已是本会会员" in n for n in again.notes)
    assert not any("转会" in n for n in again.notes) and "转会" not in again.summary()
    # With new people in the file, they go in and the others are left as they are.
    more = run_import(actor=personas.street, org=tree.grassroots, path=ledger([ledger_row("王甲", Member.objects.get(name="王甲").id_number), ledger_row("王丙")]))  # fmt: skip
    assert (more.committed, more.imported, more.already_here) == (True, 1, [3])
    assert more.summary() == "已导入 1 名会员；1 人已是本会会员，未重复导入。"


def test_a_member_out_of_sight_names_the_level_to_ask_not_the_union(tree, personas, ledger):
    elsewhere = make_member(tree.sibling_grassroots).id_number
    result = run_import(
        actor=personas.street, org=tree.grassroots, path=ledger([ledger_row("王甲", elsewhere)])
    )
    [error] = result.errors
    assert "新港" not in error.message and error.member is None
    assert "请联系「广州市海珠区总工会」（本会与其所在工会共同的上级工会）协调办理转会" in error.message


def test_a_member_within_sight_is_offered_the_transfer_from_the_report(tree, personas, ledger):
    held = make_member(tree.sibling_grassroots)
    result = run_import(
        actor=personas.district, org=tree.grassroots, path=ledger([ledger_row("王甲", held.id_number)])
    )
    [error] = result.errors
    assert "「新港社区工会」的会员" in error.message and "转入「赤岗街道联合工会」" in error.message
    assert error.member == held.pk and result.as_dict()["errors"][0]["member"] == held.pk


def test_a_legacy_15_digit_number_already_registered_is_the_same_person(tree, personas, ledger):
    legacy = "440105800101013"
    make_member(tree.grassroots, id_number=legacy)
    result = run_import(actor=personas.street, org=tree.grassroots, path=ledger([ledger_row("王甲", legacy)]))
    assert result.already_here == [3] and result.errors == []
    assert id_number_make("440105", dt.date(1980, 1, 1), 13)[:17] == Member.objects.get().id_number[:17]


def test_the_report_page_offers_the_transfer_to_who_may_request_it(
    tree, personas, login, ledger, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    held = make_member(tree.sibling_grassroots)
    path = ledger([ledger_row("王甲", held.id_number)])
    link = f'href="/members/{held.pk}/transfer/'
    for persona, offered in ((personas.district, True), (personas.street, False)):
        client = login(persona)
        with path.open("rb") as f:
            r = client.post("/members/import/", {"org": tree.grassroots.pk, "file": f})
        page = client.get(r.url).content.decode()
        assert (link in page) == offered
        assert ("广州市海珠区总工会" in page) != offered  # out of sight: the level to ask instead
        if offered:  # the form it opens names the union the ledger was for
            href = link.removeprefix('href="') + page.split(link, 1)[1].split('"', 1)[0]
            form = client.get(html.unescape(href)).content.decode()
            wanted = tree.grassroots.credit_code or tree.grassroots.name
            assert f'name="to_org" value="{wanted}"' in form
