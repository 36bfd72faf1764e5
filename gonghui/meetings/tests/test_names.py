"""Meeting names are formed, never typed: Chinese numerals and the full-width （扩大）."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gonghui.bulletin.facts import cn_int, extract_facts
from gonghui.meetings.names import cn_numeral, meeting_name, meeting_short_name

numbers = st.integers(min_value=1, max_value=999)


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (8, "八"), (10, "十"), (11, "十一"), (12, "十二"), (20, "二十"), (23, "二十三"), (100, "一百"),
     (101, "一百零一"), (110, "一百一十"), (999, "九百九十九"), (1001, "一千零一"), (2030, "二千零三十")],
)  # fmt: skip
def test_numerals_as_offices_write_them(n, text):
    assert cn_numeral(n) == text


@given(numbers)
def test_numerals_read_back_to_the_same_number(n):
    assert cn_int(cn_numeral(n)) == n


@given(st.integers(min_value=1, max_value=9999))
def test_numerals_never_start_with_yi_shi_nor_end_with_ling(n):
    text = cn_numeral(n)
    assert not (10 <= n < 20 and text.startswith("一"))
    assert not text.endswith("零") and "零零" not in text


@pytest.mark.parametrize("bad", [0, -1, 10000, True, 1.5])
def test_numerals_refuse_what_is_not_a_term(bad):
    with pytest.raises(ValueError, match="届次"):
        cn_numeral(bad)


def test_the_seed_names():
    assert (
        meeting_short_name(kind="plenary", term=13, sequence=8, enlarged=True) == "十三届八次全委（扩大）会议"
    )
    assert (
        meeting_name(org_name="广东省总工会", kind="plenary", term=12, sequence=6, enlarged=False)
        == "广东省总工会十二届六次全委会议"
    )
    assert (
        meeting_name(org_name="广州市总工会", kind="standing", term=17, sequence=2, enlarged=True)
        == "广州市总工会十七届二次常委（扩大）会议"
    )
    assert (
        meeting_short_name(kind="congress", term=3, sequence=2, enlarged=False)
        == "第三届职工代表大会第二次会议"
    )
    assert (
        meeting_short_name(kind="women", term=5, sequence=7, enlarged=False) == "女职工委员会五届七次委员会议"
    )
    assert meeting_name(org_name="江门市总工会", kind="work", term=None, sequence=None, enlarged=False,
                        subject="全市工会工作会议") == "江门市总工会全市工会工作会议"  # fmt: skip


@given(term=numbers, sequence=numbers, enlarged=st.booleans(), kind=st.sampled_from(["plenary", "standing"]))
def test_the_bulletin_reads_a_formed_name_back(term, sequence, enlarged, kind):
    """What gonghui writes, its own bulletin importer recognises as the same meeting."""
    name = meeting_name(org_name="某市总工会", kind=kind, term=term, sequence=sequence, enlarged=enlarged)
    assert ("（扩大）" in name) == enlarged and "(" not in name
    [fact] = [f for f in extract_facts(name) if f.kind == "meeting"]
    assert (fact.value["term"], fact.value["session"], fact.value["enlarged"]) == (term, sequence, enlarged)
    assert fact.value["kind"] == ("全委会" if kind == "plenary" else "常委会")
