import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gonghui.units.codes import industry_parse, unit_type_parse


@pytest.mark.parametrize(
    "value, code",
    [("03", "03"), ("3", "03"), (3.0, "03"), ("03 制造", "03"), ("C", "03"), ("c 制造业", "03"), ("制造业", "03"),
     ("农、林、牧、渔业", "01"), ("批发和零售业", "08"), ("F 批发和零售业", "08"), ("F交通运输、仓储和邮政业", "06"),
     ("信息传输、软件和信息技术服务业", "07"), ("I 信息传输、软件和信息技术服务业", "07"), ("住宿和餐饮业", "09"),
     ("卫生和社会工作", "17"), ("J", "10"), ("20 国际组织", "20")],
)  # fmt: skip
def test_industries_as_clerks_write_them(value, code):
    assert industry_parse(value) == code


@pytest.mark.parametrize(
    "value, message",
    [("F", "含义不同（06 交通运输仓储邮政或08 批发零售）"), ("21", "应为01至20"), ("U", "应为A至T"),
     ("03 金融", "不一致"), ("C 金融业", "不一致"), ("造船", "无法识别的行业"), ("", "不能为空")],
)  # fmt: skip
def test_industries_not_guessed(value, message):
    with pytest.raises(ValueError, match=message):
        industry_parse(value)


@pytest.mark.parametrize("value, code", [("170", "170"), (170.0, "170"), ("170 私营企业", "170"), ("私营企业", "170"),
                                         ("股份有限公司中的国有控股公司", "161"), ("700民办非企业", "700")])  # fmt: skip
def test_unit_types(value, code):
    assert unit_type_parse(value) == code


@pytest.mark.parametrize(
    "value, message", [("171", "无效"), ("170 国有企业", "不一致"), ("民营企业", "无法识别")]
)
def test_unit_types_not_guessed(value, message):
    with pytest.raises(ValueError, match=message):
        unit_type_parse(value)


@given(st.one_of(st.text(max_size=20), st.integers(), st.floats(allow_nan=True), st.none()))
def test_code_parsers_raise_only_value_error(value):
    for parse in (industry_parse, unit_type_parse):
        with contextlib.suppress(ValueError):
            parse(value)
