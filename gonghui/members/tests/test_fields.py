"""ID, phone, date and code parsing: property tests over generated values, and fuzzing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.kernel.codes import id_number_make
from gonghui.members import fields
from gonghui.members.choices import Education, Ethnicity, PoliticalStatus
from gonghui.members.fields import FieldError

births = st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2008, 12, 31))
areas = st.sampled_from(["440105", "440303", "441900", "442000", "110101", "450102", "810000"])
seqs = st.integers(min_value=0, max_value=999)


@given(area=areas, born=births, seq=seqs)
def test_every_valid_id_parses_with_birth_and_sex(area: str, born: dt.date, seq: int) -> None:
    number = id_number_make(area, born, seq)
    info = fields.parse_id_number(number)
    assert (info.number, info.birth_date, info.sex) == (number, born, "男" if seq % 2 else "女")


@given(area=areas, born=births, seq=seqs, pad=st.sampled_from(["", " ", "  ", "\u3000", "\t"]))
def test_lowercase_x_and_spaces_are_cleaned(area: str, born: dt.date, seq: int, pad: str) -> None:
    number = id_number_make(area, born, seq)
    typed = pad + number[:-1] + number[-1].lower() + pad
    assert fields.parse_id_number(typed).number == number


@given(area=areas, born=births, seq=seqs, dash=st.sampled_from(["-", "－", "—", " - "]))
def test_a_number_typed_in_parts_is_read(area: str, born: dt.date, seq: int, dash: str) -> None:
    # 440106-19880312-123X, as on forms that print the parts apart: the same in forms and the API.
    number = id_number_make(area, born, seq)
    assert fields.parse_id_number(dash.join((number[:6], number[6:14], number[14:]))).number == number


@given(area=areas, born=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(1999, 12, 31)), seq=seqs)
def test_legacy_15_digit_numbers_become_18(area: str, born: dt.date, seq: int) -> None:
    legacy = f"{area}{born:%y%m%d}{seq:03d}"
    info = fields.parse_id_number(legacy)
    assert info.number[:17] == f"{area}{born:%Y%m%d}{seq:03d}" and info.birth_date == born
    # Excel keeps a 15-digit number exactly, so it is read even when stored as a number.
    if legacy[0] != "0":
        assert fields.parse_id_number(float(legacy)).number == info.number


@given(area=areas, born=births, seq=seqs)
def test_an_id_excel_stored_as_a_number_is_refused_with_the_reason(
    area: str, born: dt.date, seq: int
) -> None:
    number = id_number_make(area, born, seq)
    if not number[-1].isdigit():
        return
    for cell in (float(number), int(number), f"{float(number):.5E}".replace("E+", "E+"), "4.40305E+17"):
        with pytest.raises(FieldError) as exc:
            fields.parse_id_number(cell)
        assert "已经丢失" in exc.value.message and "文本" in exc.value.message


@given(area=areas, born=births, seq=seqs, pos=st.integers(0, 16), delta=st.integers(1, 9))
def test_a_changed_digit_is_caught(area: str, born: dt.date, seq: int, pos: int, delta: int) -> None:
    number = id_number_make(area, born, seq)
    changed = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1 :]
    with pytest.raises(FieldError):
        fields.parse_id_number(changed)


@given(st.one_of(st.text(max_size=40), st.floats(allow_nan=True), st.integers(), st.none(), st.dates()))
@settings(max_examples=300)
def test_parsers_never_fail_with_anything_but_a_field_error(value: object) -> None:
    parsers = [fields.parse_name, fields.parse_id_number, fields.parse_phone, fields.parse_ethnicity,
               fields.parse_education, fields.parse_yes_no, fields.parse_date, fields.parse_credit_code,
               fields.parse_card_no]  # fmt: skip
    for parse in parsers:
        try:
            parse(value)
        except FieldError as exc:
            assert exc.message
        except OverflowError:  # pragma: no cover - a float too big to be a date
            pytest.fail(f"{parse.__name__} overflowed on {value!r}")


@given(day=st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_dates_typed_in_every_common_way(day: dt.date) -> None:
    typed = [day, dt.datetime.combine(day, dt.time()), day.isoformat(), f"{day.year}/{day.month}/{day.day}",
             f"{day.year}.{day.month}.{day.day}", f"{day.year}年{day.month}月{day.day}日", day.strftime("%Y%m%d"),
             f"{day.isoformat()} 00:00:00", float((day - dt.date(1899, 12, 30)).days)]  # fmt: skip
    for value in typed:
        assert fields.parse_date(value) == day, value


def test_a_month_alone_is_the_first_and_nonsense_is_explained() -> None:
    assert fields.parse_date("2015年3月") == dt.date(2015, 3, 1)
    with pytest.raises(FieldError, match="无法识别"):
        fields.parse_date("三月一日")
    with pytest.raises(FieldError, match="不是有效日期"):
        fields.parse_date("2015-02-30")


def test_join_date_rules() -> None:
    born = dt.date(2000, 5, 1)
    fields.check_join_date(dt.date(2016, 5, 1), birth=born, today=dt.date(2026, 1, 1))
    with pytest.raises(FieldError, match="未满16周岁"):
        fields.check_join_date(dt.date(2016, 4, 30), birth=born, today=dt.date(2026, 1, 1))
    with pytest.raises(FieldError, match="晚于今天"):
        fields.check_join_date(dt.date(2026, 1, 2), birth=born, today=dt.date(2026, 1, 1))


@pytest.mark.parametrize(
    "raw,expected",
    [("13800138000", "13800138000"), (13800138000, "13800138000"), (13800138000.0, "13800138000"),
     ("138-0013-8000", "13800138000"), ("+86 138 0013 8000", "13800138000"), ("", "")],
)  # fmt: skip
def test_phones(raw: object, expected: str) -> None:
    assert fields.parse_phone(raw) == expected


@pytest.mark.parametrize("raw", ["12345678901", "1380013800", "020-12345678", "abc"])
def test_bad_phones(raw: str) -> None:
    with pytest.raises(FieldError, match="11位"):
        fields.parse_phone(raw)


def test_coded_fields_take_the_real_lists_and_common_spellings() -> None:
    assert fields.parse_political_status("中共党员") == PoliticalStatus.CPC
    assert fields.parse_political_status("党员") == PoliticalStatus.CPC
    assert fields.parse_political_status("九三学社社员") == PoliticalStatus.DEMOCRATIC
    assert fields.parse_education("本科") == Education.BACHELOR
    assert fields.parse_education("大专") == Education.COLLEGE
    assert fields.parse_ethnicity("壮") == Ethnicity.ZHUANG
    assert fields.parse_hukou_type("农转居") == "agri_to_urban"
    assert fields.parse_employment_status("下岗") == "laid_off"
    with pytest.raises(FieldError) as exc:
        fields.parse_political_status("无")
    assert "中共党员、共青团员、群众、民主党派、其他" in exc.value.message


def test_names() -> None:
    assert fields.parse_name(" 张 三 ") == "张三"
    assert fields.parse_name("阿依古丽·买买提") == "阿依古丽·买买提"
    for bad in ("", "张3", "张"):
        with pytest.raises(FieldError):
            fields.parse_name(bad)
