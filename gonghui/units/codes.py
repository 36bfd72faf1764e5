"""Reading the industry (GB/T 4754) and unit-type (110–700) cells clerks type.

The union form numbers the 20 industry categories 01–20 (FORMS.md §1d), in the order of the
GB/T 4754-2002 sections A–T. Ledgers write them as the number, the section letter, the short or
the official name, or "C 制造业". Sections F–I changed meaning in the 2017 edition, so a bare
letter F, G, H or I is refused with the two readings instead of being guessed.
"""

from __future__ import annotations

import re

from gonghui.kernel.codes import INDUSTRIES, UNIT_TYPES
from gonghui.kernel.spreadsheet import cell_text

# Section letters, GB/T 4754-2002 (= the form's order) and GB/T 4754-2017.
LETTERS_2002 = dict(zip("ABCDEFGHIJKLMNOPQRST", INDUSTRIES, strict=True))
LETTERS_2017 = {**LETTERS_2002, "F": "08", "G": "06", "H": "09", "I": "07"}

# Names from both editions and common short forms, compared after _squash().
_INDUSTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "01": ("农林牧渔业", "农业"),
    "02": ("采矿业",),
    "03": ("制造业",),
    "04": ("电力燃气及水的生产和供应业", "电力热力燃气及水生产和供应业", "电力热力燃气水"),
    "05": ("建筑业",),
    "06": ("交通运输仓储和邮政业", "交通运输"),
    "07": ("信息传输计算机服务和软件业", "信息传输软件和信息技术服务业", "信息技术服务"),
    "08": ("批发和零售业",),
    "09": ("住宿和餐饮业", "餐饮"),
    "10": ("金融业",),
    "11": ("房地产业",),
    "12": ("租赁和商务服务业",),
    "13": ("科学研究技术服务和地质勘查业", "科学研究和技术服务业", "科研技术服务"),
    "14": ("水利环境和公共设施管理业",),
    "15": ("居民服务和其他服务业", "居民服务修理和其他服务业"),
    "16": ("教育业",),
    "17": ("卫生社会保障和社会福利业", "卫生和社会工作"),
    "18": ("文化体育和娱乐业",),
    "19": ("公共管理和社会组织", "公共管理社会保障和社会组织"),
    "20": ("国际组织",),
}
_SQUASH = re.compile(r"[\s、，,．。.·和及的与]")


def _squash(name: str) -> str:
    s = _SQUASH.sub("", name)
    return s[:-1] if s.endswith("业") and len(s) > 2 else s


INDUSTRY_BY_NAME: dict[str, str] = {}
for _code, _name in INDUSTRIES.items():
    for _alias in (_name, *_INDUSTRY_ALIASES[_code]):
        INDUSTRY_BY_NAME[_squash(_alias)] = _code
UNIT_TYPE_BY_NAME: dict[str, str] = {_squash(name): code for code, name in UNIT_TYPES.items()}

_CODE_AND_NAME = re.compile(r"^([A-Za-z]|\d{1,3})(?:\s*[-—.、:：\s]\s*|(?=[^\x00-\x7f]))(.*)$")


def _split(text: str) -> tuple[str, str]:
    """ "03 制造" → ("03", "制造"); "C制造业" → ("C", "制造业"); "制造" → ("", "制造")."""
    m = _CODE_AND_NAME.match(text)
    if m and m.group(2):
        return m.group(1).upper(), m.group(2).strip()
    if re.fullmatch(r"[A-Za-z]|\d{1,3}", text):
        return text.upper(), ""
    return "", text


def _read(value: object, by_names: dict[str, str], what: str, example: str) -> tuple[str, str, str]:
    """The code and the name a cell holds, and the code the name stands for ("" without a name;
    with no code there is always a name)."""
    text = cell_text(value)
    if not text:
        raise ValueError("不能为空")
    code, name = _split(text)
    by_name = by_names.get(_squash(name), "") if name else ""
    if name and not by_name:
        raise ValueError(f"无法识别的{what}「{name}」，请从下拉列表中选择（如「{example}」）")
    return code, name, by_name


def industry_parse(value: object) -> str:
    """The two-digit code of an industry cell; ValueError with a Chinese message otherwise."""
    code, name, by_name = _read(value, INDUSTRY_BY_NAME, "行业", "03 制造")
    if not code:
        return by_name
    if code.isdigit():
        by_code = f"{int(code):02d}" if len(code) <= 2 else ""
        if by_code not in INDUSTRIES:
            raise ValueError(f"行业代码「{code}」无效，应为01至20")
        if by_name and by_name != by_code:
            raise ValueError(f"行业代码{by_code}（{INDUSTRIES[by_code]}）与名称「{name}」不一致")
        return by_code
    readings = {r for r in (LETTERS_2002.get(code), LETTERS_2017.get(code)) if r is not None}
    if not readings:
        raise ValueError(f"行业门类代码「{code}」无效，应为A至T")
    if by_name:
        if by_name not in readings:
            raise ValueError(f"行业门类{code}与名称「{name}」不一致")
        return by_name
    if len(readings) > 1:
        options = "或".join(f"{c} {INDUSTRIES[c]}" for c in sorted(readings))
        raise ValueError(
            f"行业门类{code}在2002版和2017版国民经济行业分类中含义不同（{options}），请填写行业名称"
        )
    return readings.pop()


def unit_type_parse(value: object) -> str:
    """The three-digit unit-type code of a cell ("170", "170 私营企业", "私营企业")."""
    code, name, by_name = _read(value, UNIT_TYPE_BY_NAME, "单位类别", "170 私营企业")
    if not code:
        return by_name
    if code not in UNIT_TYPES:
        raise ValueError(f"单位类别代码「{code}」无效，应为110至700之间的代码（如170）")
    if by_name and by_name != code:
        raise ValueError(f"单位类别代码{code}（{UNIT_TYPES[code]}）与名称「{name}」不一致")
    return code


def industry_label(code: str) -> str:
    return f"{code} {INDUSTRIES[code]}" if code in INDUSTRIES else code


def unit_type_label(code: str) -> str:
    return f"{code} {UNIT_TYPES[code]}" if code in UNIT_TYPES else code
