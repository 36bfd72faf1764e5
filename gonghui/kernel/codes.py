"""Validators for Chinese official codes.

- GB 11643 resident ID numbers (居民身份证号码), incl. the residence permits of Hong Kong,
  Macau and Taiwan residents (81/82/83);
- GB 32100 unified social credit codes (统一社会信用代码);
- GB/T 2260 administrative divisions (provinces, and Guangdong down to county level);
- the industry and unit-type lists of the union membership form.

Pure Python without Django, so that forms, the API, importers and the benchmark share one
implementation. Error messages are meant for users, hence Chinese.
"""

from __future__ import annotations

import csv
import time
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

__all__ = [
    "INDUSTRIES",
    "REGISTRATION_AUTHORITIES",
    "UNIT_TYPES",
    "CodeError",
    "IdNumberInfo",
    "credit_code_check",
    "credit_code_is_union",
    "credit_code_make",
    "division_check",
    "division_name",
    "divisions_under",
    "id_number_check",
    "id_number_make",
    "id_number_mask",
    "id_number_normalize",
]


class CodeError(ValueError):
    """A code that fails validation. `str(error)` can be shown to the user as it is;
    `code` is a stable machine-readable reason (e.g. for Django's ValidationError)."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _compact(raw: str) -> str:
    # Input comes from forms and spreadsheets typed with a Chinese IME: NFKC folds full-width
    # digits, letters and the ideographic space (U+3000) to ASCII before spaces are dropped.
    if not (raw.isascii() and raw.isalnum()):
        if not raw.isascii():
            raw = unicodedata.normalize("NFKC", raw)
        raw = "".join(raw.split())
    return raw.upper()


def _is_digits(s: str) -> bool:
    # str.isdigit alone also accepts "²" or "٣", which int() would then misread.
    return s.isascii() and s.isdigit()


# ---------------------------------------------------------------- GB 11643 resident ID numbers

# Province-level codes a number can start with; 83 is only used by Taiwan residents' permits.
_PROVINCE_RANGES = ((11, 15), (21, 23), (31, 37), (41, 46), (50, 54), (61, 65), (71, 71), (81, 83))
_ID_PROVINCES = frozenset(str(n) for low, high in _PROVINCE_RANGES for n in range(low, high + 1))
# ISO 7064 MOD 11-2: position i (1–17) weighs 2^(18−i) mod 11, and 13 ≡ 2 (mod 11), so
# 2·int(body, 13) is the weighted sum mod 11, computed in C. The string maps it to the check.
_ID_CHECK = "10X98765432"
_ID_LAST = frozenset("0123456789X")
_EARLIEST_BIRTH = date(1900, 1, 1)

# A birth date is "in the future" by the calendar where the people live, whatever the machine's
# clock zone is (a server kept on UTC reaches tomorrow's date in China at 16:00).
_ZONE = ZoneInfo("Asia/Shanghai")
_today = _EARLIEST_BIRTH
_today_ends = 0.0


def _today_date() -> date:
    # Reading the date costs about as much as the whole checksum; refresh it only at midnight.
    global _today, _today_ends
    now = time.time()
    if now >= _today_ends:
        _today = datetime.fromtimestamp(now, _ZONE).date()
        _today_ends = datetime.combine(_today + timedelta(days=1), datetime.min.time(), _ZONE).timestamp()
    return _today


def _id_check_char(body: str) -> str:
    return _ID_CHECK[2 * int(body, 13) % 11]


@dataclass(frozen=True, slots=True)
class IdNumberInfo:
    number: str
    birth_date: date
    sex: Literal["男", "女"]
    division: str


_ID_DASHES = str.maketrans("", "", "-‐‑–—_")


def id_number_normalize(raw: str) -> str:
    """Drop spaces (full-width too) and the dashes people type between the parts
    (440106-19880312-123X), upper-case the final x and turn a legacy 15-digit number into its
    18-digit form. Does not validate: pass the result to `id_number_check`."""
    s = _compact(raw)
    if not s.isalnum():
        s = s.translate(_ID_DASHES)
    if len(s) == 15 and _is_digits(s):
        # 15-digit numbers (issued until 1999) carry a 2-digit year and no check digit.
        s = f"{s[:6]}19{s[6:]}"
        s += _id_check_char(s)
    return s


def id_number_check(value: str) -> IdNumberInfo:
    """Validate a resident ID number (or a 15-digit legacy one) and return what it encodes.

    The 6-digit area code is not looked up: numbers keep the code of the area where they were
    first issued, which may be newer than the birth date or abolished since."""
    # The common case (18 ASCII characters, nothing to clean) skips the function call.
    fast = len(value) == 18 and value.isascii() and value.isalnum() and value[17] != "x"
    n = value if fast else id_number_normalize(value)
    if len(n) != 18:
        raise CodeError("身份证号长度应为18位" if n else "身份证号不能为空", "length")
    body = n[:17]
    if not (n.isascii() and body.isdigit()) or n[17] not in _ID_LAST:
        raise CodeError("身份证号只能由数字组成，最后一位可以是X", "format")
    if n[:2] not in _ID_PROVINCES:
        raise CodeError("身份证号地区码无效", "division")
    try:
        born = date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        raise CodeError("身份证号出生日期无效", "birth_date") from None
    if born < _EARLIEST_BIRTH or born > _today_date():
        raise CodeError("身份证号出生日期无效", "birth_date")
    if _ID_CHECK[2 * int(body, 13) % 11] != n[17]:
        raise CodeError("身份证号校验位错误", "checksum")
    return IdNumberInfo(n, born, "男" if n[16] in "13579" else "女", n[:6])


def id_number_mask(value: str) -> str:
    """`440305199001011234` → `440***********1234`. Masks without validating."""
    n = id_number_normalize(value)
    if len(n) <= 7:
        return "*" * len(n)
    return n[:3] + "*" * (len(n) - 7) + n[-4:]


def id_number_make(division: str, birth: date, seq: int) -> str:
    """A number with a correct check digit, for tests, demo data and benchmarks; an odd `seq`
    (0–999) makes a man. `birth` is not range-checked, so that tests can build numbers that
    only fail on the date."""
    if not (len(division) == 6 and _is_digits(division)):
        raise CodeError("行政区划代码应为6位数字", "division")
    if not 0 <= seq <= 999:
        raise CodeError("顺序码应在0至999之间", "seq")
    body = f"{division}{birth.year:04d}{birth.month:02d}{birth.day:02d}{seq:03d}"
    return body + _id_check_char(body)


# ------------------------------------------------------- GB 32100 unified social credit codes

REGISTRATION_AUTHORITIES: dict[str, str] = {
    "1": "机构编制",
    "2": "外交",
    "3": "司法行政",
    "4": "文化",
    "5": "民政",
    "6": "旅游",
    "7": "宗教",
    "8": "工会",
    "9": "工商",
    "A": "中央军委改革和编制办公室",
    "N": "农业",
    "Y": "其他",
}

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_DROP_ALLOWED = str.maketrans("", "", _USCC_ALPHABET)
# Each character becomes the base-34 digit of its value (0–30). As 34 ≡ 3 (mod 31), reading the
# reversed digits in base 34 gives the GB 32100 sum of value·3^(i-1) mod 31 in one int() call.
_USCC_TO_BASE34 = str.maketrans(_USCC_ALPHABET, "0123456789abcdefghijklmnopqrstu")
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _credit_check_char(body: str) -> str:
    total = int(body[:17].translate(_USCC_TO_BASE34)[::-1], 34)
    return _USCC_ALPHABET[-total % 31]


def _org_check_char(body: str) -> str:
    # GB 11714 organisation code, kept in positions 9–17. Not enforced by credit_code_check:
    # codes issued straight under GB 32100 by some registries do not carry a valid one.
    c = -sum(int(ch, 36) * w for ch, w in zip(body, _ORG_WEIGHTS, strict=True)) % 11
    return "X" if c == 10 else str(c)


def credit_code_check(value: str) -> str:
    """Validate a unified social credit code and return it without spaces, upper-cased."""
    n = _compact(value)
    if len(n) != 18:
        raise CodeError("统一社会信用代码应为18位" if n else "统一社会信用代码不能为空", "length")
    if n.translate(_USCC_DROP_ALLOWED):
        raise CodeError("统一社会信用代码含有不允许的字符（不使用I、O、Z、S、V）", "format")
    if n[0] not in REGISTRATION_AUTHORITIES:
        raise CodeError("登记管理部门代码无效", "authority")
    if not n[1].isdigit():
        raise CodeError("机构类别代码无效", "entity_type")
    if not n[2:8].isdigit():
        raise CodeError("登记管理机关行政区划码应为6位数字", "division")
    if _credit_check_char(n) != n[17]:
        raise CodeError("统一社会信用代码校验位错误", "checksum")
    return n


def credit_code_is_union(code: str) -> bool:
    """Registered by a trade union (8) as a grass-roots union (1). Does not validate."""
    return _compact(code).startswith("81")


def credit_code_make(prefix2: str, division: str, serial: int) -> str:
    """A valid code from authority + entity type (e.g. "81"), a 6-digit division code and a
    serial (0 to 10^8 − 1) that becomes the organisation code, GB 11714 check included."""
    prefix2 = prefix2.upper()
    if len(prefix2) != 2 or prefix2[0] not in REGISTRATION_AUTHORITIES or not _is_digits(prefix2[1]):
        raise CodeError("登记管理部门代码无效", "authority")
    if not (len(division) == 6 and _is_digits(division)):
        raise CodeError("登记管理机关行政区划码应为6位数字", "division")
    if not 0 <= serial < 10**8:
        raise CodeError("组织机构代码序号应在0至99999999之间", "serial")
    org = f"{serial:08d}"
    body = f"{prefix2}{division}{org}{_org_check_char(org)}"
    return body + _credit_check_char(body)


# --------------------------------------------------------- GB/T 2260 administrative divisions

_DIVISIONS_CSV = Path(__file__).with_name("data") / "divisions.csv"


@cache
def _divisions() -> tuple[dict[str, str], dict[str, tuple[tuple[str, str], ...]]]:
    names: dict[str, str] = {}
    children: dict[str, list[tuple[str, str]]] = {}
    with _DIVISIONS_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            names[row["code"]] = row["name"]
            if row["parent"]:
                children.setdefault(row["parent"], []).append((row["code"], row["name"]))
    return names, {code: tuple(sorted(kids)) for code, kids in children.items()}


def _division_key(code: str) -> str:
    # Accept the short forms people write: "44" for 440000, "4403" for 440300.
    code = code.strip()
    return code.ljust(6, "0") if len(code) in (2, 4) else code


def division_name(code: str) -> str | None:
    """Name of a division ("440305" → "南山区"; "44" and "4403" work too), None if unknown."""
    return _divisions()[0].get(_division_key(code))


def division_check(code: str) -> str:
    """The 6-digit form of a known division code."""
    key = _division_key(code)
    if key not in _divisions()[0]:
        raise CodeError("行政区划代码无效", "division")
    return key


def divisions_under(code: str) -> list[tuple[str, str]]:
    """Direct subdivisions as (code, name), by code. Empty for 东莞市 and 中山市 (no county
    level) and for provinces other than Guangdong (not in our table)."""
    return list(_divisions()[1].get(division_check(code), ()))


def division_choices() -> list[tuple[str, str]]:
    """Every known division as (code, full name: "广东省 广州市 海珠区"), by code: what a
    division field offers as the clerk types a name or a code."""
    names, children = _divisions()
    parent = {kid: code for code, kids in children.items() for kid, _name in kids}
    out = []
    for code in sorted(names):
        chain, node = [], code
        while node:
            chain.append(names[node])
            node = parent.get(node, "")
        out.append((code, " ".join(reversed(chain))))
    return out


# ------------------------------------------------------------------- union membership form

INDUSTRIES: dict[str, str] = {
    "01": "农林牧渔",
    "02": "采矿",
    "03": "制造",
    "04": "电力燃气水",
    "05": "建筑",
    "06": "交通运输仓储邮政",
    "07": "信息传输计算机软件",
    "08": "批发零售",
    "09": "住宿餐饮",
    "10": "金融",
    "11": "房地产",
    "12": "租赁商务服务",
    "13": "科研技术地勘",
    "14": "水利环境公共设施",
    "15": "居民服务",
    "16": "教育",
    "17": "卫生社保福利",
    "18": "文化体育娱乐",
    "19": "公共管理和社会组织",
    "20": "国际组织",
}

UNIT_TYPES: dict[str, str] = {
    "110": "国有企业",
    "120": "集体企业",
    "130": "股份合作企业",
    "140": "联营企业",
    "151": "国有独资公司",
    "159": "其他有限责任公司",
    "161": "股份有限公司中的国有控股公司",
    "169": "其他股份有限公司",
    "170": "私营企业",
    "190": "其他内资企业",
    "200": "台港澳商投资企业",
    "300": "外商投资企业",
    "400": "事业",
    "500": "机关",
    "600": "个体经济组织",
    "700": "民办非企业",
}
