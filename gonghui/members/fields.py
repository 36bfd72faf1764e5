"""Parsers for the member fields, shared by the forms, the API and the importer.

Each takes what a person typed or what a spreadsheet cell holds (str, int, float, date, None)
and returns the stored value, or raises FieldError with a message in Chinese that says what is
wrong and, where it helps, how to fix it. They are on the importer's hot path: the common case
(a clean string) returns after a few operations.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar, cast

from gonghui.kernel.codes import CodeError, IdNumberInfo, credit_code_check, id_number_check

from . import choices

EARLIEST_JOIN = dt.date(1925, 5, 1)  # 中华全国总工会 founded
MIN_JOIN_AGE = 16
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class FieldError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


T = TypeVar("T")


def parsed(errors: dict[str, str], field: str, parse: Callable[..., T], value: Any, **kwargs: Any) -> T:
    """`parse(value, **kwargs)`, or, when it refuses, its message kept as `errors[field]` so that
    one answer names every bad field. The value is then None, and never used: the caller refuses
    once it has looked at every field."""
    try:
        return parse(value, **kwargs)
    except FieldError as exc:
        errors[field] = exc.message
        return cast(T, None)


def text(value: Any) -> str:
    """A cell as text: None → "", numbers without a spurious ".0", surrounding spaces dropped."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


_NAME_BAD = re.compile(r"[0-9０-９<>{}\[\]@#$%^&*=+|\\/;:\"]")
_CJK_SPACES = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


def parse_name(value: Any) -> str:
    s = text(value)
    if not s:
        raise FieldError("姓名不能为空")
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s)
        # "张 三" is a typing habit, not part of the name; "阿依古丽·买买提" keeps its dot.
        s = _CJK_SPACES.sub("", s)
    s = " ".join(s.split())
    if len(s) > 50:
        raise FieldError("姓名过长（最多50个字）")
    if len(s) < 2 and not s.isascii():
        raise FieldError("姓名至少2个字")
    if _NAME_BAD.search(s):
        raise FieldError("姓名含有数字或符号，请按身份证上的姓名填写")
    return s


_SCI = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")
STORED_AS_NUMBER = (
    "身份证号被 Excel 存成了数字（如 4.40305E+17），15 位以后的数字已经丢失，无法还原；"
    "请把该列设为「文本」格式，重新录入这个身份证号"
)


def parse_id_number(value: Any) -> IdNumberInfo:
    """GB 11643 check; legacy 15-digit numbers become 18 digits; lowercase x, spaces and
    full-width digits are cleaned. A number Excel kept as a float lost its last digits: refused."""
    if isinstance(value, str):
        s = value
        if _SCI.match(s.strip()):
            raise FieldError(STORED_AS_NUMBER)
    elif isinstance(value, bool) or value is None:
        s = ""
    elif isinstance(value, int | float):
        # Excel holds numbers as doubles: 15 significant digits survive, 18 do not.
        if isinstance(value, float) and not value.is_integer():
            raise FieldError("身份证号格式不正确")
        if abs(value) >= 1e15:
            raise FieldError(STORED_AS_NUMBER)
        s = str(int(value))
    else:
        s = str(value)
    try:
        return id_number_check(s)
    except CodeError as exc:
        raise FieldError(exc.message) from None


def parse_phone(value: Any) -> str:
    if value is None or value == "":
        return ""
    s = text(value)
    if not s:
        return ""
    if not (len(s) == 11 and s.isdigit()):
        s = unicodedata.normalize("NFKC", s)
        s = s.replace("-", "").replace(" ", "").replace("(", "").replace(")", "")
        if s.startswith("+86"):
            s = s[3:]
        elif s.startswith("0086"):
            s = s[4:]
    if not (len(s) == 11 and s.isascii() and s.isdigit() and s[0] == "1" and s[1] in "3456789"):
        raise FieldError("手机号码应为以1开头的11位数字")
    return s


class ChoiceParser:
    """Maps any accepted spelling of a coded field to its code; "" for an empty cell."""

    def __init__(self, choices_cls: Any, label: str) -> None:
        self.choices_cls = choices_cls
        self.table = choices.lookup(choices_cls)
        self.label = label
        names = [str(lbl) for _v, lbl in choices_cls.choices]
        shown = "、".join(names if len(names) <= 12 else [*names[:8], "…"])
        self.message = f"{label}「{{}}」不在规定的选项中（{shown}）"

    def __call__(self, value: Any) -> str:
        if value is None:
            return ""
        s = value if isinstance(value, str) else text(value)
        found = self.table.get(s)
        if found is not None:
            return found
        s = s.strip()
        if not s:
            return ""
        found = choices.parse_choice(self.choices_cls, self.table, s)
        if found is None:
            raise FieldError(self.message.format(s[:20]))
        return found


parse_ethnicity = ChoiceParser(choices.Ethnicity, "民族")
parse_education = ChoiceParser(choices.Education, "学历")
parse_political_status = ChoiceParser(choices.PoliticalStatus, "政治面貌")
parse_employment_status = ChoiceParser(choices.EmploymentStatus, "就业状态")
parse_hukou_type = ChoiceParser(choices.HukouType, "户口类型")


def parse_yes_no(value: Any) -> bool | None:
    """是/否 (and Y/N, 1/0, √/×); None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    s = text(value).upper()
    if not s:
        return None
    if s in choices.YES:
        return True
    if s in choices.NO:
        return False
    raise FieldError(f"「{s[:10]}」应填写“是”或“否”")


_DATE_SEP = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?)?\s*(?:月)?$")
_DATE_TIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2})?$")


def parse_date(value: Any, *, label: str = "日期") -> dt.date | None:
    """Dates as clerks type them: 2015-03-01, 2015/3/1, 2015.3.1, 2015年3月1日, 20150301, 2015年3月
    (taken as the 1st), Excel dates, and Excel day numbers in a cell formatted as a number."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000101 <= value <= 21001231 and float(value).is_integer():
            return parse_date(str(int(value)), label=label)
        if 1 <= value < 80000:  # an Excel serial day number (1900 date system)
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise FieldError(f"{label}「{text(value)}」无法识别")
    s = unicodedata.normalize("NFKC", str(value)).strip()
    if not s:
        return None
    y = m = d = None
    if len(s) == 8 and s.isdigit():
        y, m, d = int(s[:4]), int(s[4:6]), int(s[6:])
    else:
        if match := _DATE_TIME.match(s):
            s = match.group(1)
        match = _DATE_SEP.match(s)
        if match:
            y, m = int(match.group(1)), int(match.group(2))
            d = int(match.group(3)) if match.group(3) else 1
    if y is None or m is None or d is None:
        raise FieldError(f"{label}「{s[:20]}」无法识别，请写成 2015-03-01 或 2015年3月1日")
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise FieldError(f"{label}「{s[:20]}」不是有效日期") from None


def check_join_date(join: dt.date | None, *, birth: dt.date, today: dt.date) -> None:
    if join is None:
        return
    if join > today:
        raise FieldError("入会日期不能晚于今天")
    if join < EARLIEST_JOIN:
        raise FieldError("入会日期早于1925年，请核对")
    try:
        sixteen = birth.replace(year=birth.year + MIN_JOIN_AGE)
    except ValueError:  # born on 29 February
        sixteen = dt.date(birth.year + MIN_JOIN_AGE, 3, 1)
    if join < sixteen:
        raise FieldError("入会时未满16周岁，请核对入会日期或身份证号")


def parse_credit_code(value: Any) -> str:
    s = text(value)
    if not s:
        return ""
    try:
        return credit_code_check(s)
    except CodeError as exc:
        raise FieldError(exc.message) from None


def parse_short_text(value: Any, *, label: str, max_length: int) -> str:
    s = text(value)
    if len(s) > max_length:
        raise FieldError(f"{label}过长（最多{max_length}个字）")
    return s


def parse_card_no(value: Any) -> str:
    s = text(value)
    if not s:
        return ""
    s = "".join(unicodedata.normalize("NFKC", s).split()).upper()
    if len(s) > 30 or not all(c.isalnum() or c == "-" for c in s):
        raise FieldError("会员证号只能由字母、数字和“-”组成，最多30位")
    return s
