"""Behaviour of gonghui.kernel.codes; python-stdnum serves only as an independent reference."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

from gonghui.kernel import codes
from gonghui.kernel.codes import (
    INDUSTRIES,
    UNIT_TYPES,
    CodeError,
    credit_code_check,
    credit_code_is_union,
    credit_code_make,
    division_check,
    division_name,
    divisions_under,
    id_number_check,
    id_number_make,
    id_number_mask,
    id_number_normalize,
)

# No example database: it would leave a .hypothesis/ folder in the work tree.
PROPERTY = settings(database=None, deadline=None, max_examples=300)

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def china_today() -> date:
    return datetime.now(SHANGHAI).date()


TODAY = china_today()

with (Path(codes.__file__).with_name("data") / "divisions.csv").open(encoding="utf-8") as _f:
    DIVISION_ROWS = list(csv.DictReader(_f))
GUANGDONG_COUNTIES = [
    r["code"] for r in DIVISION_ROWS if r["code"].startswith("44") and r["code"][4:] != "00"
]
ALL_DIVISIONS = [r["code"] for r in DIVISION_ROWS]


def raises(message: str):
    return pytest.raises(CodeError, match=message)


# ------------------------------------------------------------------------------ ID numbers


@pytest.mark.parametrize(
    ("number", "birth", "sex"),
    [
        ("11010519491231002X", date(1949, 12, 31), "女"),  # the example in GB 11643
        ("360426199101010071", date(1991, 1, 1), "男"),  # python-stdnum's doctest
    ],
)
def test_id_known_good(number, birth, sex):
    info = id_number_check(number)
    assert (info.number, info.birth_date, info.sex, info.division) == (number, birth, sex, number[:6])


def test_id_info_is_frozen():
    info = id_number_check("11010519491231002X")
    with pytest.raises(AttributeError):
        info.sex = "男"  # type: ignore[misc]


@pytest.mark.parametrize(
    "raw",
    [
        "11010519491231002x",
        " 110105 19491231 002X ",
        "110105\u300019491231\u3000002x",  # ideographic space from a Chinese IME
        "１１０１０５１９４９１２３１００２ｘ",  # full-width digits
        "110105491231002",  # legacy 15-digit form of the same person
        "110105-19491231-002X",  # the parts typed apart
        "110105－19491231－002x",  # with a full-width hyphen
        "110105—19491231—002X",  # or a dash
    ],
)
def test_id_normalised_input(raw):
    assert id_number_normalize(raw) == "11010519491231002X"
    assert id_number_check(raw).number == "11010519491231002X"


def test_id_15_digit_conversion_computes_check_digit():
    assert id_number_normalize("440305850601123") == "440305198506011230"
    assert id_number_check("440305850601123").birth_date == date(1985, 6, 1)


def test_id_normalize_leaves_other_lengths_alone():
    assert id_number_normalize("12345") == "12345"
    assert id_number_normalize("11010549123100A") == "11010549123100A"


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("", "身份证号不能为空"),
        ("   ", "身份证号不能为空"),
        ("11010519491231002", "身份证号长度应为18位"),
        ("11010519491231002X1", "身份证号长度应为18位"),
        ("1101051949123100XX", "只能由数字组成"),
        ("11010519491231002Y", "只能由数字组成"),
        ("11010519491231002٣", "只能由数字组成"),  # Arabic-Indic 3: isdigit() but not ASCII
        ("11010519491231002-", "身份证号长度应为18位"),  # a dash is a separator, not a digit
        ("11010519491231002X"[:-1] + "0", "身份证号校验位错误"),
        ("360426199101010072", "身份证号校验位错误"),
        # GB 11643's other example: correct check digit, but born 1880.
        ("440524188001010014", "身份证号出生日期无效"),
    ],
)
def test_id_known_bad(number, message):
    with raises(message):
        id_number_check(number)


@pytest.mark.parametrize(
    "province", ["00", "10", "16", "20", "24", "30", "38", "40", "47", "55", "60", "66", "72", "84", "99"]
)
def test_id_unknown_province(province):
    with raises("身份证号地区码无效"):
        id_number_check(id_number_make(province + "0101", date(1980, 1, 1), 1))


@pytest.mark.parametrize("province", ["11", "15", "23", "37", "44", "46", "54", "65", "71", "81", "82", "83"])
def test_id_every_kind_of_province_accepted(province):
    assert (
        id_number_check(id_number_make(province + "0000", date(1980, 1, 1), 1)).division == province + "0000"
    )


@pytest.mark.parametrize("birth", ["19900230", "19901301", "19900001", "19900100", "20230229"])
def test_id_impossible_birth_date(birth):
    body = f"440305{birth}123"
    with raises("身份证号出生日期无效"):
        id_number_check(body + codes._id_check_char(body))


def test_a_birth_today_in_china_is_valid_while_the_machine_clock_is_still_on_yesterday(monkeypatch):
    # 17:00 UTC on 3 December is 01:00 on 4 December in China: a child born that night has an ID.
    evening = datetime(2026, 12, 3, 17, 0, tzinfo=UTC).timestamp()
    monkeypatch.setattr(codes.time, "time", lambda: evening)
    monkeypatch.setattr(codes, "_today_ends", 0.0)
    assert id_number_check(id_number_make("440305", date(2026, 12, 4), 1)).birth_date == date(2026, 12, 4)
    with raises("身份证号出生日期无效"):
        id_number_check(id_number_make("440305", date(2026, 12, 5), 1))
    monkeypatch.undo()
    codes._today_ends = 0.0  # the next check reads the real clock again


def test_id_birth_date_limits():
    today = china_today()  # not the collection's: a long run may cross midnight
    assert id_number_check(id_number_make("440305", date(1900, 1, 1), 1)).birth_date == date(1900, 1, 1)
    assert id_number_check(id_number_make("440305", today, 2)).birth_date == today
    for birth in (date(1899, 12, 31), today + timedelta(days=1), date(2999, 1, 1)):
        with raises("身份证号出生日期无效"):
            id_number_check(id_number_make("440305", birth, 1))


def test_id_area_code_newer_than_birth_date_accepted():
    # 440305 南山区 dates from 1983 (stdnum's table), 440311 光明区 from 2018: people born before
    # keep or get these codes all the same. stdnum refuses them; we must not.
    for division, birth in (("440305", date(1975, 3, 8)), ("440311", date(1962, 10, 1))):
        number = id_number_make(division, birth, 37)
        assert id_number_check(number).birth_date == birth
        assert not ric.is_valid(number)


def test_id_abolished_area_code_accepted():
    # 440116 萝岗区 was merged into 黄埔区 in 2014; its numbers stay valid for life.
    assert id_number_check(id_number_make("440116", date(2008, 5, 12), 400)).sex == "女"


def test_id_mask():
    assert id_number_mask("44030519900101123X") == "440***********123X"
    assert id_number_mask("44030519900101123x") == "440***********123X"
    assert id_number_mask("440305900101123") == "440***********123X"  # converted to 18 digits first
    assert id_number_mask("12345678") == "123*5678"
    assert id_number_mask("1234567") == "*******"
    assert id_number_mask("") == ""


def test_id_make():
    assert id_number_make("110105", date(1949, 12, 31), 2) == "11010519491231002X"
    assert id_number_make("440305", date(1990, 1, 1), 0)[14:17] == "000"
    for division in ("44030", "4403051", "44O305", "４４０３０５"):
        with raises("行政区划代码应为6位数字"):
            id_number_make(division, date(1990, 1, 1), 1)
    for seq in (-1, 1000):
        with raises("顺序码"):
            id_number_make("440305", date(1990, 1, 1), seq)


divisions = st.sampled_from(ALL_DIVISIONS)
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
seqs = st.integers(0, 999)


@PROPERTY
@given(divisions, births, seqs)
def test_id_made_numbers_pass_and_decode(division, birth, seq):
    number = id_number_make(division, birth, seq)
    info = id_number_check(number)
    assert info.number == number
    assert info.birth_date == birth
    assert info.sex == ("男" if seq % 2 else "女")
    assert info.division == division
    assert id_number_check(number.lower()) == info


def assert_change_caught(code: str, position: int, char: str, check: Callable[[str], object]) -> None:
    """`code` with `char` at `position` is refused, unless that is the character already there."""
    changed = code[:position] + char + code[position + 1 :]
    if changed != code:
        with pytest.raises(CodeError):
            check(changed)


@PROPERTY
@given(divisions, births, seqs, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_id_any_single_change_is_caught(division, birth, seq, position, char):
    assert_change_caught(id_number_make(division, birth, seq), position, char, id_number_check)


# stdnum 2.2 raises KeyError instead of a ValidationError for an area code whose province it
# knows but whose county it does not (e.g. 140114…), and get_birth_place() a bare ValueError on
# an X inside the date: all mean "refused".
_STDNUM_REFUSED = (ValidationError, KeyError, ValueError)


def _stdnum_ric_ok(number: str) -> bool:
    try:
        ric.validate(number)
    except _STDNUM_REFUSED:
        return False
    return True


def _stdnum_knows_area_at_birth(number: str) -> bool:
    try:
        ric.get_birth_place(number)  # also parses the birth date
    except _STDNUM_REFUSED:
        return False
    return True


def _ours_ok(check, value: str) -> bool:
    try:
        check(value)
    except CodeError:
        return False
    return True


@st.composite
def id_candidates(draw):
    """Valid numbers, half of them with one character changed to any digit or X."""
    number = id_number_make(draw(divisions), draw(births), draw(seqs))
    if draw(st.booleans()):
        position = draw(st.integers(0, 17))
        number = number[:position] + draw(st.sampled_from("0123456789X")) + number[position + 1 :]
    return number


@PROPERTY
@given(id_candidates())
def test_id_whatever_stdnum_accepts_we_accept_unless_out_of_range(number):
    if _stdnum_ric_ok(number):
        born = ric.get_birth_date(number)
        # stdnum has no date range: it takes births in 1890 or 2090.
        assert _ours_ok(id_number_check, number) == (date(1900, 1, 1) <= born <= china_today())


@PROPERTY
@given(id_candidates())
def test_id_agrees_with_stdnum_where_it_knows_the_area(number):
    if (
        _stdnum_knows_area_at_birth(number)
        and date(1900, 1, 1) <= ric.get_birth_date(number) <= china_today()
    ):
        assert _ours_ok(id_number_check, number) == _stdnum_ric_ok(number)


# ----------------------------------------------------------------- unified social credit codes


def test_credit_known_good():
    assert credit_code_check("91110000600037341L") == "91110000600037341L"  # python-stdnum's doctest
    assert credit_code_check(" 9111 0000 6000 3734 1l ") == "91110000600037341L"
    assert credit_code_check("９１１１００００６０００３７３４１Ｌ") == "91110000600037341L"


def test_credit_make_reproduces_a_real_code():
    # …including the GB 11714 check character "1" of organisation code 60003734-1.
    assert credit_code_make("91", "110000", 60003734) == "91110000600037341L"


def test_org_code_check_character():
    assert codes._org_check_char("D2143569") == "X"  # the example in GB 11714
    assert codes._org_check_char("60003734") == "1"


@pytest.mark.parametrize(
    "prefix",
    [
        "11",
        "12",
        "21",
        "31",
        "41",
        "51",
        "52",
        "53",
        "61",
        "71",
        "81",
        "89",
        "91",
        "92",
        "93",
        "A1",
        "N1",
        "N2",
        "N3",
        "Y1",
    ],
)
def test_credit_every_authority_accepted(prefix):
    code = credit_code_make(prefix, "440305", 12345678)
    assert credit_code_check(code) == code
    assert credit_code_check(code.lower()) == code


@pytest.mark.parametrize("prefix", ["N2", "Y1", "A1"])
def test_credit_letter_authorities_accepted_where_stdnum_refuses(prefix):
    code = credit_code_make(prefix, "440605", 5050)
    assert credit_code_check(code) == code
    assert not uscc.is_valid(code)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "统一社会信用代码不能为空"),
        ("91110000600037341", "统一社会信用代码应为18位"),
        ("91110000600037341LL", "统一社会信用代码应为18位"),
        ("91110000I00037341L", r"不允许的字符（不使用I、O、Z、S、V）"),
        ("91110000600037341O", "不允许的字符"),
        ("9111000060003734ZL", "不允许的字符"),
        ("9111000060003734-L", "不允许的字符"),
        ("91110000600037341L"[:-1] + "M", "统一社会信用代码校验位错误"),
        ("91110000600037314L", "统一社会信用代码校验位错误"),  # swapped neighbours
    ],
)
def test_credit_known_bad(code, message):
    with raises(message):
        credit_code_check(code)


def _with_check(body: str) -> str:
    return body + uscc.calc_check_digit(body)


@pytest.mark.parametrize("first", ["0", "B", "C", "M", "X"])
def test_credit_unknown_authority(first):
    with raises("登记管理部门代码无效"):
        credit_code_check(_with_check(first + "1110000600037341"))


def test_credit_entity_type_and_division_must_be_digits():
    with raises("机构类别代码无效"):
        credit_code_check(_with_check("9A110000600037341"))
    with raises("登记管理机关行政区划码应为6位数字"):
        credit_code_check(_with_check("9111A000600037341"))


def test_credit_is_union():
    assert credit_code_is_union(credit_code_make("81", "440300", 1))
    assert credit_code_is_union(" 81440300 ")
    assert not credit_code_is_union(credit_code_make("89", "440300", 1))
    assert not credit_code_is_union("91110000600037341L")


def test_credit_make_rejects_bad_parts():
    with raises("登记管理部门代码无效"):
        credit_code_make("01", "440300", 1)
    with raises("登记管理部门代码无效"):
        credit_code_make("9A", "440300", 1)
    with raises("登记管理部门代码无效"):
        credit_code_make("9", "440300", 1)
    with raises("行政区划码"):
        credit_code_make("91", "4403", 1)
    for serial in (-1, 10**8):
        with raises("组织机构代码序号"):
            credit_code_make("91", "440300", serial)


prefixes = st.tuples(st.sampled_from("123456789ANY"), st.sampled_from("0123456789")).map("".join)
serials = st.integers(0, 10**8 - 1)
division_digits = st.text("0123456789", min_size=6, max_size=6)


@PROPERTY
@given(prefixes, division_digits, serials)
def test_credit_made_codes_pass(prefix, division, serial):
    code = credit_code_make(prefix, division, serial)
    assert credit_code_check(code) == code
    assert code[:8] == prefix + division
    assert credit_code_is_union(code) == (prefix == "81")


@PROPERTY
@given(prefixes, division_digits, serials, st.integers(0, 17), st.sampled_from(USCC_ALPHABET + "IOZSV"))
def test_credit_any_single_change_is_caught(prefix, division, serial, position, char):
    assert_change_caught(credit_code_make(prefix, division, serial), position, char, credit_code_check)


@st.composite
def credit_candidates(draw):
    """Codes starting with 1–9 with any organisation code, check character computed by stdnum,
    half of them with one character changed (also to a forbidden letter)."""
    body = (
        draw(st.sampled_from("123456789"))
        + draw(st.text("0123456789", min_size=7, max_size=7))
        + draw(st.text(USCC_ALPHABET, min_size=9, max_size=9))
    )
    code = _with_check(body)
    if draw(st.booleans()):
        position = draw(st.integers(0, 17))
        code = code[:position] + draw(st.sampled_from(USCC_ALPHABET + "IOZSV")) + code[position + 1 :]
    return code


@PROPERTY
@given(credit_candidates())
def test_credit_agrees_with_stdnum_for_authorities_1_to_9(code):
    if code[0] in "123456789":
        assert _ours_ok(credit_code_check, code) == uscc.is_valid(code)
    else:  # a changed first character: the check character no longer fits
        assert not _ours_ok(credit_code_check, code)


# -------------------------------------------------------------------------- divisions


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("440303", "罗湖区"),
        ("440305", "南山区"),
        ("440105", "海珠区"),
        ("440605", "南海区"),
        ("440883", "吴川市"),
        ("441900", "东莞市"),
        ("442000", "中山市"),
        ("440100", "广州市"),
        ("445300", "云浮市"),
        ("440000", "广东省"),
        ("110000", "北京市"),
        ("650000", "新疆维吾尔自治区"),
        ("810000", "香港特别行政区"),
        ("44", "广东省"),
        ("4403", "深圳市"),
        (" 440305 ", "南山区"),
    ],
)
def test_division_name(code, name):
    assert division_name(code) == name


@pytest.mark.parametrize(
    "code", ["", "4", "440", "440399", "440116", "830000", "999999", "44030５", "abcdef"]
)
def test_division_unknown(code):
    assert division_name(code) is None
    with raises("行政区划代码无效"):
        division_check(code)
    with raises("行政区划代码无效"):
        divisions_under(code)


def test_division_check_returns_six_digits():
    assert division_check("4403") == "440300"
    assert division_check("440305") == "440305"


def test_divisions_provinces_complete():
    provinces = [r["code"] for r in DIVISION_ROWS if not r["parent"]]
    assert len(provinces) == 34
    assert {code[:2] for code in provinces} == codes._ID_PROVINCES - {"83"}


def test_divisions_guangdong():
    cities = divisions_under("44")
    assert len(cities) == 21
    assert cities[0] == ("440100", "广州市")
    assert cities[-1] == ("445300", "云浮市")
    assert len(GUANGDONG_COUNTIES) == 122
    assert sum(len(divisions_under(code)) for code, _ in cities) == 122
    assert divisions_under("441900") == []
    assert divisions_under("442000") == []
    assert divisions_under("110000") == []
    assert ("440305", "南山区") in divisions_under("440300")
    assert len(divisions_under("440300")) == 9
    assert len(divisions_under("440100")) == 11


def test_divisions_under_returns_a_copy():
    divisions_under("440300").clear()
    assert len(divisions_under("440300")) == 9


def test_divisions_table_is_consistent():
    names = {r["code"]: r["name"] for r in DIVISION_ROWS}
    assert len(names) == len(DIVISION_ROWS)
    for row in DIVISION_ROWS:
        assert len(row["code"]) == 6 and row["code"].isdigit()
        assert row["name"]
        if row["parent"]:
            assert row["parent"] in names
            is_city = row["code"].endswith("00")
            assert row["code"].startswith(row["parent"][:2] if is_city else row["parent"][:4])


# ------------------------------------------------------------------------ form choices


def test_industries():
    assert list(INDUSTRIES) == [f"{i:02d}" for i in range(1, 21)]
    assert INDUSTRIES["03"] == "制造"
    assert INDUSTRIES["19"] == "公共管理和社会组织"
    assert list(INDUSTRIES.items())[:2] == [("01", "农林牧渔"), ("02", "采矿")]  # as Django choices


def test_unit_types():
    assert list(UNIT_TYPES) == [
        "110", "120", "130", "140", "151", "159", "161", "169", "170", "190", "200", "300", "400", "500", "600", "700",
    ]  # fmt: skip
    assert UNIT_TYPES["161"] == "股份有限公司中的国有控股公司"
    assert UNIT_TYPES["700"] == "民办非企业"
