"""The import pipeline on real files (runs on SQLite and on PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gonghui.core.models import AuditEntry
from gonghui.kernel.codes import id_number_make
from gonghui.members.importing import FileRefused, run_import
from gonghui.members.models import Member, MemberEvent

from .conftest import ledger_row, make_member, new_id


def test_a_clerks_ledger_imports_every_member_with_history_and_one_audit_row(tree, personas, ledger):
    rows = [ledger_row(f"会员{c}") for c in "甲乙丙丁戊"]
    path = ledger(rows)
    result = run_import(actor=personas.street, org=tree.grassroots, path=path, original_name=path.name)
    assert (result.committed, result.imported, result.rows, result.errors) == (True, 5, 5, [])
    members = list(Member.objects.filter(org=tree.grassroots).order_by("id"))
    assert [m.name for m in members] == [f"会员{c}" for c in "甲乙丙丁戊"]
    m = members[0]
    assert (m.status, m.join_date, m.political_status, m.hukou_type, m.migrant_worker, m.ethnicity) == (
        "active",
        dt.date(2015, 3, 1),
        "masses",
        "agri",
        True,
        "01",
    )
    assert m.id_number == rows[0][1] and m.phone == "13800138000"
    assert MemberEvent.objects.filter(kind="imported").count() == 5
    audit = AuditEntry.objects.filter(action="member.import").get()
    assert audit.detail["imported"] == 5 and audit.org_id == tree.grassroots.pk


def test_messy_cells_are_read_safely(tree, personas, ledger):
    x = id_number_make("440105", dt.date(1980, 1, 1), 1)
    while not x.endswith("X"):
        x = id_number_make("440105", dt.date(1980, 1, 1), int(x[14:17]) + 2)
    legacy = "440105800101013"  # 15 digits
    rows = [
        ledger_row("甲一", x.lower() + "  ", 入会日期="2015年3月1日"),
        ledger_row("乙二", legacy, 入会日期=dt.date(2016, 4, 2), 手机号码=13800138001),
        ledger_row("丙三", " " + new_id(), 入会日期="2017/5/3", 学历="大专", 政治面貌="团员"),
        ["", "", "", "", "", "", "", "", "", "", "", "", ""],  # a blank row
        ledger_row("丁四", new_id(), 入会日期="20180604", 民族="壮"),
    ]
    result = run_import(actor=personas.street, org=tree.grassroots, path=ledger(rows), original_name="x.xlsx")
    assert result.errors == [] and result.imported == 4 and result.blank_rows == 1
    by_name = {m.name: m for m in Member.objects.all()}
    assert by_name["甲一"].id_number == x
    assert (
        by_name["乙二"].id_number.startswith("44010519800101013") and by_name["乙二"].phone == "13800138001"
    )
    assert by_name["丙三"].education == "30" and by_name["丁四"].join_date == dt.date(2018, 6, 4)


def test_one_bad_row_imports_nothing_and_says_row_column_and_why(tree, personas, ledger):
    rows = [ledger_row("好人"), ledger_row("坏人", 440305199001011000.0), ledger_row("好人二")]
    result = run_import(actor=personas.street, org=tree.grassroots, path=ledger(rows), original_name="x.xlsx")
    assert not result.committed and result.imported == 0 and Member.objects.count() == 0
    [error] = result.errors
    assert (error.row, error.column) == (4, "身份证号码")  # title row 1, header row 2, data from row 3
    assert "Excel" in error.message and "丢失" in error.message
    assert "未导入任何数据" in result.summary()
    # The user chooses to import the good rows.
    again = run_import(actor=personas.street, org=tree.grassroots, path=ledger(rows), good_rows=True)
    assert again.committed and again.imported == 2 and again.bad_rows == 1
    assert sorted(Member.objects.values_list("name", flat=True)) == ["好人", "好人二"]


def test_every_problem_of_a_row_is_listed(tree, personas, ledger):
    rows = [ledger_row("张3", "440105198001010010", 手机号码="12345", 政治面貌="无党派人员", 是否农民工="可能",
                       入会日期="去年", 所属基层工会="")]  # fmt: skip
    result = run_import(actor=personas.street, org=tree.grassroots, path=ledger(rows))
    columns = [e.column for e in result.errors]
    assert columns == ["姓名", "身份证号码", "手机号码", "政治面貌", "是否农民工", "入会日期"]
    assert result.bad_rows == 1 and all(e.row == 3 for e in result.errors)


def test_duplicates_in_the_file_and_in_the_register(tree, personas, ledger):
    same = new_id()
    elsewhere = make_member(tree.sibling_grassroots).id_number
    rows = [
        ledger_row("王甲", same),
        ledger_row("王乙"),
        ledger_row("王甲", same),
        ledger_row("王丙", elsewhere),
    ]
    result = run_import(actor=personas.street, org=tree.grassroots, path=ledger(rows), good_rows=True)
    messages = {e.row: e.message for e in result.errors}
    assert messages[5] == "与第 3 行是同一个人（身份证号相同）"
    assert "其他工会" in messages[6] and "新港" not in messages[6]  # the street may not see that union
    assert (result.duplicates_in_file, result.duplicates_in_register, result.imported) == (1, 1, 2)
    # The district sees both unions, so it is told where the person is.
    result = run_import(
        actor=personas.district, org=tree.grassroots, path=ledger([ledger_row("王丙", elsewhere)])
    )
    assert "新港社区工会" in result.errors[0].message


def test_header_synonyms_title_rows_and_extra_columns(tree, personas, ledger):
    headers = ["序号", "姓名", "公民身份号码", "联系电话", "性别", "备注"]
    rows = [[1, "陈一", new_id(), "13800138000", "", "x"], [2, "陈二", new_id(), "", "", ""]]
    result = run_import(
        actor=personas.street,
        org=tree.grassroots,
        path=ledger(rows, headers=headers, title="赤岗街道联合工会会员花名册"),
    )
    assert (result.imported, result.errors) == (2, [])
    assert any("序号" in n and "备注" in n for n in result.notes)


def test_sex_that_contradicts_the_id_number_is_an_error(tree, personas, ledger):
    headers = ["姓名", "身份证号", "性别"]
    number = id_number_make("440105", dt.date(1990, 1, 1), 11)  # odd: a man
    result = run_import(
        actor=personas.street, org=tree.grassroots, path=ledger([["陈一", number, "女"]], headers=headers)
    )
    assert result.errors[0].column == "性别" and "不符" in result.errors[0].message


def test_a_file_without_the_needed_header_is_refused(tree, personas, ledger):
    with pytest.raises(FileRefused, match="没有找到表头"):
        run_import(
            actor=personas.street, org=tree.grassroots, path=ledger([["a", "b"]], headers=["甲", "乙"])
        )


def test_a_county_ledger_names_each_rows_union(tree, personas, ledger):
    rows = [ledger_row("王甲", 所属基层工会="赤岗街道联合工会"), ledger_row("王乙", 所属基层工会=tree.sibling_grassroots.credit_code),
            ledger_row("王丙", 所属基层工会="深圳某公司工会")]  # fmt: skip
    result = run_import(actor=personas.district, org=tree.haizhu, path=ledger(rows), good_rows=True)
    assert (
        result.imported == 2
        and result.errors[0].row == 5
        and "不是「广州市海珠区总工会」下属的基层工会" in result.errors[0].message
    )
    assert Member.objects.get(name="王乙").org_id == tree.sibling_grassroots.pk


def test_an_officer_imports_nothing_outside_its_subtree(tree, personas, ledger):
    path = ledger([ledger_row("王甲")])
    with pytest.raises(PermissionDenied):
        run_import(actor=personas.sibling, org=tree.grassroots, path=path)
    # Nor through the union column of a ledger imported into its own union.
    result = run_import(actor=personas.street, org=tree.street,
                        path=ledger([ledger_row("王乙", 所属基层工会="新港社区工会")]))  # fmt: skip
    assert not result.committed and Member.objects.count() == 0


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_in_the_encodings_excel_writes(tree, personas, tmp_path, encoding):
    text = (
        "XX工会会员花名册\n姓名,身份证号码,手机号码,政治面貌\n"
        + f"张三,{new_id()},13800138000,中共党员\n\n李四,{new_id()},,群众\n"
    )
    path = tmp_path / "名册.csv"
    path.write_bytes(text.encode(encoding))
    result = run_import(actor=personas.street, org=tree.grassroots, path=path)
    assert (result.imported, result.errors) == (2, [])
    assert Member.objects.get(name="张三").political_status == "cpc"


def test_csv_with_an_id_excel_showed_as_4_4e17(tree, personas, tmp_path):
    path = tmp_path / "名册.csv"
    path.write_text(f"姓名,身份证号\n张三,4.40305E+17\n李四,{new_id()}\n", encoding="gb18030")
    result = run_import(actor=personas.street, org=tree.grassroots, path=path)
    assert result.errors[0].row == 2 and "4.40305E+17" in result.errors[0].message


def test_not_a_spreadsheet(tree, personas, tmp_path):
    bad = tmp_path / "名册.xlsx"
    bad.write_bytes(b"not a zip at all")
    with pytest.raises(FileRefused, match="无法读取"):
        run_import(actor=personas.street, org=tree.grassroots, path=bad)
    with pytest.raises(FileRefused, match="只能导入"):
        run_import(actor=personas.street, org=tree.grassroots, path=tmp_path / "名册.docx")


@pytest.mark.parametrize(("limit", "read_before_refusal"), [(5, False), (12, True)])
def test_a_file_over_the_row_limit_is_refused_and_leaves_nothing(
    tree, ledger, monkeypatch, limit, read_before_refusal
):
    # 5: the sheet says it is too tall before a row is read. 12: the sheet's height passes that
    # first look (which allows for title and header rows) and the file is refused while it is
    # read, after some chunks have been checked and written.
    from gonghui.members.importing import pipeline

    monkeypatch.setattr(pipeline, "MAX_ROWS", limit)
    monkeypatch.setattr(pipeline, "HEADER_SEARCH_ROWS", 3)
    monkeypatch.setattr(pipeline, "CHUNK", 4)
    path = ledger([ledger_row("王" + "甲乙丙丁戊己庚辛壬癸子丑寅"[i]) for i in range(13)])
    said: list[str] = []
    with pytest.raises(FileRefused, match="请分成几个文件导入"):
        run_import(
            actor=None, org=tree.grassroots, path=path, progress=lambda d, t=None, m="": said.append(m)
        )
    assert any(m.startswith("正在校验") for m in said) == read_before_refusal
    assert not Member.objects.exists() and not MemberEvent.objects.exists()


def test_a_csv_broken_half_way_is_refused_and_leaves_nothing(tree, tmp_path, monkeypatch):
    from gonghui.members.importing import pipeline
    from gonghui.members.testing import LEDGER_HEADERS

    monkeypatch.setattr(pipeline, "CHUNK", 2)
    good = [",".join(str(c) for c in ledger_row("王" + c)) for c in "甲乙丙丁戊"]
    broken = "李四," + new_id() + ",13800138000," + "备注" * 70_000  # past the csv module's field limit
    path = tmp_path / "花名册.csv"
    path.write_text("\n".join([",".join(LEDGER_HEADERS), *good, broken]) + "\n", encoding="utf-8")
    with pytest.raises(FileRefused, match="CSV文件格式有误"):
        run_import(actor=None, org=tree.grassroots, path=path)
    assert not Member.objects.exists() and not MemberEvent.objects.exists()
