"""Import of units from clerks' ledgers: messy files, the two modes, duplicates, scope, a kill."""

import datetime as dt
import io

import pytest
import xlsxwriter
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gonghui.core.models import AuditEntry
from gonghui.units.importer import units_import
from gonghui.units.models import Unit, UnitVersion

from .factories import make_unit, unit_code, wrong_check_digit

HEADER = [
    "统一社会信用代码",
    "单位名称",
    "行业",
    "单位类别",
    "职工人数",
    "女职工人数",
    "农民工人数",
    "所属工会",
]


def xlsx(rows, *, title=None, header=HEADER, dates=()):
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("台账")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    r = 0
    if title:
        sheet.merge_range(0, 0, 0, len(header) - 1, title)
        r = 2
    sheet.write_row(r, 0, header)
    for line in rows:
        r += 1
        if line is None:
            continue  # a blank row
        for c, value in enumerate(line):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    return buf.getvalue()


def good_row(name="赤岗甲厂", employees=60, covering="", code=None):
    return [code or unit_code(), name, "03 制造", "170 私营企业", employees, 10, 5, covering]


def run(actor, org, data, filename="台账.xlsx", **kw):
    return units_import(actor=actor, org=org, data=data, filename=filename, on=dt.date(2013, 6, 1), **kw)


def test_a_clerks_messy_ledger_is_read(tree, personas):
    """A title row, varying header names, a code in lowercase with trailing spaces, dates typed
    three ways, a blank row, a 合计 line, a note column nobody asked for."""
    header = ["序号", "单位名称", "统一社会信用代码 ", "行业类别", "单位性质", "职工数（人）", "其中：女职工", "农民工",
              "成立时间", "所属工会", "备注"]  # fmt: skip
    codes = [unit_code() for _ in range(4)]
    rows = [
        [
            1,
            "赤岗甲厂",
            codes[0].lower() + "  ",
            "C 制造业",
            "170",
            120.0,
            50,
            30,
            "2001/3/5",
            "赤岗街道联合工会",
            "",
        ],
        None,
        [2, "赤岗乙店", f" {codes[1]}", "08", "私营企业", "45人", "", "", "2005年6月1日", "", "新登记"],
        [
            3,
            "赤岗丙公司",
            codes[2],
            "批发和零售业",
            "159 其他有限责任公司",
            30,
            10,
            5,
            dt.date(2010, 1, 2),
            "无",
            "",
        ],
        [
            4,
            "赤岗丁司",
            codes[3],
            "f 批发和零售业",
            "170",
            "1,200",
            0,
            0,
            "20090909",
            tree.grassroots.credit_code,
            "",
        ],
        ["合计", None, None, None, None, 1395, 60, 35, None, None, None],
    ]
    data = xlsx(rows, title="赤岗街道辖区单位台账（2013年）", header=header)
    outcome = run(personas.street, tree.street, data)
    assert outcome.errors == [] and outcome.created == 4 and outcome.imported
    assert outcome.header_row == 3 and outcome.ignored == ["A列「序号」", "K列「备注」"]
    assert outcome.skipped == [9]
    units = {u.name: u for u in Unit.objects.all()}
    assert units["赤岗甲厂"].credit_code == codes[0] and units["赤岗甲厂"].covering_org == tree.grassroots
    assert units["赤岗甲厂"].founded_on == dt.date(2001, 3, 5) and units["赤岗甲厂"].employees == 120
    assert units["赤岗乙店"].founded_on == dt.date(2005, 6, 1) and units["赤岗乙店"].employees == 45
    assert (units["赤岗乙店"].industry, units["赤岗乙店"].unit_type, units["赤岗乙店"].women) == (
        "08",
        "170",
        0,
    )
    assert units["赤岗丙公司"].founded_on == dt.date(2010, 1, 2) and units["赤岗丙公司"].covering_org is None
    assert units["赤岗丁司"].employees == 1200 and units["赤岗丁司"].industry == "08"
    assert (
        units["赤岗丁司"].covering_org == tree.grassroots
        and units["赤岗丁司"].division == tree.street.division
    )
    assert UnitVersion.objects.filter(valid_from=dt.date(2013, 6, 1)).count() == 4
    entry = AuditEntry.objects.get(action="unit.import")
    assert entry.actor == personas.street and entry.detail["created"] == 4 and entry.org == tree.street


def test_one_bad_row_imports_nothing_and_says_where_and_why(tree, personas):
    rows = [
        good_row("甲"),
        good_row("乙"),
        [wrong_check_digit(unit_code()), "丙", "99", "170", "二十", 5, 1, ""],
        good_row("丁"),
    ]
    outcome = run(personas.street, tree.street, xlsx(rows))
    assert not outcome.imported and outcome.created == 0 and outcome.error_rows == 1
    assert [str(e) for e in outcome.errors] == [
        "第4行 A列（统一社会信用代码）：统一社会信用代码校验位错误",
        "第4行 C列（行业）：行业代码「99」无效，应为01至20",
        "第4行 E列（职工人数）：应为整数，现为「二十」",
    ]
    assert "未导入任何单位" in outcome.summary
    assert not Unit.objects.exists() and not AuditEntry.objects.filter(action="unit.import").exists()


def test_good_rows_mode_imports_the_good_rows_and_reports_the_rest(tree, personas):
    rows = [good_row("甲"), ["", "乙", "03", "170", 10, 20, 0, ""], good_row("丙")]
    outcome = run(personas.street, tree.street, xlsx(rows), good_rows=True)
    assert outcome.imported and outcome.created == 2 and outcome.error_rows == 1
    assert {str(e) for e in outcome.errors} == {
        "第3行 A列（统一社会信用代码）：必填，不能为空",
        "第3行 F列（女职工人数）：女职工人数（20）不能大于职工人数（10）",
    }
    assert sorted(Unit.objects.values_list("name", flat=True)) == ["丙", "甲"]


def test_duplicates_within_the_file_and_against_the_register(tree, personas):
    mine = make_unit(tree.street, "已登记厂", 30)
    theirs = make_unit(tree.sibling_street, "新港老厂", 30)
    code = unit_code()
    rows = [good_row("甲", code=code), good_row("甲二", code=code), good_row("旧", code=mine.credit_code),
            good_row("新港", code=theirs.credit_code)]  # fmt: skip
    outcome = run(personas.street, tree.street, xlsx(rows))
    messages = [str(e) for e in outcome.errors]
    assert messages == [
        "第3行 A列（统一社会信用代码）：与第2行的统一社会信用代码重复",
        f"第4行 A列（统一社会信用代码）：统一社会信用代码 {mine.credit_code} 已登记为「已登记厂」（赤岗街道总工会）",
        f"第5行 A列（统一社会信用代码）：统一社会信用代码 {theirs.credit_code} 已由其他工会登记",
    ]
    assert Unit.objects.count() == 2


def test_covering_unions_are_looked_up_inside_the_subtree_only(tree, personas):
    rows = [good_row("甲", covering="新港社区工会"), good_row("乙", covering="不存在的工会")]
    outcome = run(personas.street, tree.street, xlsx(rows))
    assert [e.message for e in outcome.errors] == [
        "在「赤岗街道总工会」下辖范围内找不到基层工会「新港社区工会」（请填写准确的全称或统一社会信用代码）",
        "在「赤岗街道总工会」下辖范围内找不到基层工会「不存在的工会」（请填写准确的全称或统一社会信用代码）",
    ]
    assert [e.column for e in outcome.errors] == ["H", "H"]


def test_an_officer_imports_nothing_into_a_union_outside_its_subtree(tree, personas):
    data = xlsx([good_row("甲")])
    for who, where in [("street", "sibling_street"), ("sibling", "street"), ("grassroots", "street"),
                       ("member", "grassroots"), ("street", "foreign_city")]:  # fmt: skip
        with pytest.raises(PermissionDenied):
            run(getattr(personas, who), getattr(tree, where), data)
    assert not Unit.objects.exists() and not AuditEntry.objects.filter(action="unit.import").exists()


def test_a_grassroots_union_imports_the_units_it_covers(tree, personas):
    outcome = run(personas.grassroots, tree.grassroots, xlsx([good_row("甲", employees=18)]))
    assert outcome.created == 1 and Unit.objects.get().covering_org == tree.grassroots


def test_an_import_killed_half_way_leaves_nothing_and_can_be_run_again(tree, personas, monkeypatch):
    data = xlsx([good_row(f"厂{i}") for i in range(30)])

    def die(*args, **kwargs):
        # The units of the first batch are already inserted when the process dies.
        assert Unit.objects.count() == 30
        raise RuntimeError("worker killed")

    monkeypatch.setattr(UnitVersion.objects, "bulk_create", die)
    with pytest.raises(RuntimeError):
        run(personas.street, tree.street, data)
    assert not Unit.objects.exists() and not AuditEntry.objects.filter(action="unit.import").exists()
    monkeypatch.undo()
    outcome = run(personas.street, tree.street, data)
    assert outcome.created == 30 and UnitVersion.objects.count() == 30


def test_a_csv_in_gb18030_and_a_csv_in_utf8_with_bom(tree, personas):
    lines = ["单位名称,统一社会信用代码,行业,单位类别,职工人数", f"赤岗甲厂,{unit_code()},制造,私营企业,30"]
    outcome = run(personas.street, tree.street, "\r\n".join(lines).encode("gb18030"), filename="台账.csv")
    assert outcome.created == 1, outcome.errors
    lines[1] = f"赤岗乙厂,{unit_code()},制造,私营企业,30"
    outcome = run(
        personas.street, tree.street, ("\ufeff" + "\n".join(lines)).encode("utf-8"), filename="t.csv"
    )
    assert outcome.created == 1


def test_a_file_that_cannot_be_read_is_explained(tree, personas):
    cases = [
        (b"\x00\x01garbage", "台账.xlsx", "无法读取该Excel文件"),
        (b"PK\x03\x04broken", "a.pdf", "无法读取该Excel文件"),
        (b"%PDF-1.4", "a.pdf", "只能导入"),
        ("序号,备注\n1,乙".encode(), "a.csv", "没有找到表头"),
        (
            "单位名称,统一社会信用代码\n甲,乙".encode(),
            "a.csv",
            "缺少必填列：「行业」、「单位类别」、「职工人数」",
        ),
        (
            "单位名称,企业名称,统一社会信用代码,行业,单位类别,职工人数\n".encode(),
            "a.csv",
            "A列「单位名称」和B列「企业名称」是同一项",
        ),
    ]
    for data, name, text in cases:
        with pytest.raises(ValidationError) as exc:
            run(personas.street, tree.street, data, filename=name)
        assert text in exc.value.messages[0], (name, exc.value.messages)
    assert not Unit.objects.exists()


def test_progress_is_reported(tree, personas):
    seen = []
    run(personas.street, tree.street, xlsx([good_row(f"厂{i}") for i in range(450)]),
        report=lambda done, total=None, message="": seen.append((done, total)))  # fmt: skip
    assert seen[0] == (0, 450) and (200, 450) in seen and (400, 450) in seen and seen[-1] == (450, 450)
    assert Unit.objects.count() == 450


ANY_CELL = st.one_of(st.none(), st.integers(-10, 10**7), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=25),
                     st.sampled_from(["03", "C 制造", "170", "私营企业", "2013/3/21", " 91440105MA5C0NXX1A "]))  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(ANY_CELL, min_size=8, max_size=8), max_size=6))
def test_any_rows_give_a_report_and_never_half_an_import(tree, personas, rows):
    before = Unit.objects.count()
    try:
        outcome = run(personas.street, tree.street, xlsx(rows))
    except ValidationError:
        assert Unit.objects.count() == before
        return
    if outcome.errors:
        assert outcome.created == 0 and Unit.objects.count() == before
    else:
        assert Unit.objects.count() == before + outcome.created
