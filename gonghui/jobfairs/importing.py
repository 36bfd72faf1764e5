"""Employers and positions from the organiser's own sheet (参会单位和岗位): every row checked,
then all of them written in one transaction through the same actions as the pages, or none and
a row-by-row report in Chinese. Credit codes are checked (GB 32100) and linked to the units
register when it knows them; one row is one position, its employer's columns repeated."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from gonghui.kernel import scope
from gonghui.kernel.audit import audit
from gonghui.kernel.codes import INDUSTRIES, CodeError, credit_code_check
from gonghui.kernel.errors import Refused
from gonghui.kernel.exporting import Sheet, Validation, side_by_side
from gonghui.kernel.importing import RowErrors, ledger_into, ledger_sheet, read_ledger
from gonghui.kernel.spreadsheet import cell_text, footer_line, parse_int

from . import actions, rules
from .models import Employer, Fair

MAX_ROWS = 10_000
FIELDS = {
    "name": ["单位名称", "企业名称", "用人单位"],
    "credit_code": ["统一社会信用代码", "信用代码", "社会信用代码"],
    "contact": ["联系人"],
    "contact_phone": ["联系电话", "联系人电话", "手机号码"],
    "title": ["岗位名称", "岗位", "招聘岗位"],
    "openings": ["招聘人数", "人数", "需求人数"],
    "pay_min": ["薪资下限", "月薪下限", "薪酬下限", "最低月薪"],
    "pay_max": ["薪资上限", "月薪上限", "薪酬上限", "最高月薪"],
    "industry": ["行业（GB/T 4754）", "行业(GB/T 4754)", "行业", "所属行业"],
    "place": ["工作地点", "工作地址"],
    "requirements": ["要求", "岗位要求", "任职要求"],
}
REQUIRED = {"credit_code"}
TEMPLATE = [
    ("name", "单位名称", "单位名录中已有的单位可不填"),
    ("credit_code", "统一社会信用代码", "18位，必填；同一单位的多个岗位各占一行"),
    ("contact", "联系人", ""),
    ("contact_phone", "联系电话", "11位手机号码"),
    ("title", "岗位名称", "只登记单位、不发布岗位的行不填"),
    ("openings", "招聘人数", "填了岗位名称则必填"),
    ("pay_min", "薪资下限", "元/月"),
    ("pay_max", "薪资上限", "元/月"),
    ("industry", "行业（GB/T 4754）", "门类字母或从下拉列表选择；不填取单位名录中的行业"),
    ("place", "工作地点", ""),
    ("requirements", "要求", ""),
]
LABELS = {f: label for f, label, _h in TEMPLATE}

# GB/T 4754-2017 门类 → the industry codes of the register's forms.
DOORS = {
    "A": ("01", "农、林、牧、渔业"), "B": ("02", "采矿业"), "C": ("03", "制造业"),
    "D": ("04", "电力、热力、燃气及水生产和供应业"), "E": ("05", "建筑业"), "F": ("08", "批发和零售业"),
    "G": ("06", "交通运输、仓储和邮政业"), "H": ("09", "住宿和餐饮业"),
    "I": ("07", "信息传输、软件和信息技术服务业"), "J": ("10", "金融业"), "K": ("11", "房地产业"),
    "L": ("12", "租赁和商务服务业"), "M": ("13", "科学研究和技术服务业"),
    "N": ("14", "水利、环境和公共设施管理业"), "O": ("15", "居民服务、修理和其他服务业"), "P": ("16", "教育"),
    "Q": ("17", "卫生和社会工作"), "R": ("18", "文化、体育和娱乐业"),
    "S": ("19", "公共管理、社会保障和社会组织"), "T": ("20", "国际组织"),
}  # fmt: skip
# GB/T 4754 大类 (two digits) → 门类.
_DIVISIONS = [(5, "A"), (12, "B"), (43, "C"), (46, "D"), (50, "E"), (52, "F"), (60, "G"), (62, "H"),
              (65, "I"), (69, "J"), (70, "K"), (72, "L"), (75, "M"), (79, "N"), (82, "O"), (83, "P"),
              (85, "Q"), (90, "R"), (96, "S"), (97, "T")]  # fmt: skip
OPTIONS = [f"{letter} {name}" for letter, (_code, name) in DOORS.items()]


def industry_code(raw: Any) -> str:
    """行业 as typed (门类 letter, 大类 or 小类 number with or without its letter, or a name) →
    the register's industry code; ValueError with what to type otherwise."""
    text = re.sub(r"\s+", "", cell_text(raw)).upper()
    if not text:
        return ""
    if re.match(r"^[A-T](?![0-9A-Z])", text):  # "C", "C制造业"
        return DOORS[text[0]][0]
    number = re.match(r"^[A-T]?(\d{2})\d{0,2}$", text)  # 大类 "13", 小类 "C1311"
    if number:
        n = int(number.group(1))
        for last, letter in _DIVISIONS:
            if 1 <= n <= last:
                return DOORS[letter][0]
    for code, name in DOORS.values():
        short = INDUSTRIES[code]
        if text in (name, short, short + "业") or text.startswith(short):
            return code
    raise ValueError(f"无法识别行业「{cell_text(raw)}」，请填写GB/T 4754门类字母（如C）或从下拉列表选择")


@dataclass
class Outcome:
    rows: int = 0
    employers: int = 0
    positions: int = 0
    linked: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)


def fair_import(*, actor: Any, fair: Fair, data: bytes, filename: str) -> Outcome:
    """Check every row, then register the employers and post their positions (nothing when any
    row is wrong: the outcome's errors say which and why). Refused for a file that cannot be
    read at all. One audit row for the file, beside those of the actions it runs."""
    scope.require(actor, "edit", fair.org)
    if why := rules.fair_refusal(fair):
        raise Refused({"file": why})
    table = read_ledger(data, filename=filename, fields=FIELDS, required=REQUIRED, max_rows=MAX_ROWS)
    outcome = Outcome()
    outcome.errors = errors = RowErrors(table.columns, LABELS)
    employers: dict[str, tuple[int, dict[str, Any]]] = {}
    positions: list[tuple[int, str, dict[str, Any]]] = []
    for row in table.rows:
        v = row.values
        if footer_line(v.values()):
            continue
        outcome.rows += 1
        try:
            code = credit_code_check(cell_text(v.get("credit_code")))
        except CodeError as exc:
            errors.add(row.number, "credit_code", exc.message)
            continue
        try:
            industry = industry_code(v.get("industry"))
        except ValueError as exc:
            errors.add(row.number, "industry", str(exc))
            industry = ""
        if code not in employers:
            employers[code] = (row.number, {
                "credit_code": code, "name": cell_text(v.get("name")), "industry": industry,
                "contact": cell_text(v.get("contact")), "contact_phone": cell_text(v.get("contact_phone")),
            })  # fmt: skip
        title = cell_text(v.get("title"))
        if not title:
            continue
        draft: dict[str, Any] = {"title": title, "industry": industry, "place": cell_text(v.get("place")),
                                 "requirements": cell_text(v.get("requirements"))}  # fmt: skip
        for f, label in (("openings", "招聘人数"), ("pay_min", "薪资下限"), ("pay_max", "薪资上限")):
            try:
                draft[f] = parse_int(v.get(f), minimum=1)
            except ValueError as exc:
                errors.add(row.number, f, f"{label}：{exc}")
        positions.append((row.number, code, draft))
    if not outcome.rows:
        raise Refused({"file": gettext("文件中没有数据行。")})
    if errors:
        return outcome
    made: dict[str, Employer] = {}
    with errors.all_or_nothing():
        existing = {e.credit_code: e for e in Employer.objects.filter(fair=fair, credit_code__in=employers)}
        for code, (row_no, values) in employers.items():
            if code in existing:
                made[code] = existing[code]
                continue
            try:
                made[code] = actions.employer_register(actor=actor, fair=fair, **values)
            except ValidationError as exc:
                errors.refused(row_no, exc)
        for row_no, code, draft in positions:
            if code not in made:
                continue
            try:
                actions.position_post(actor=actor, employer=made[code], **draft)
            except ValidationError as exc:
                errors.refused(row_no, exc)
        if not errors:
            outcome.employers = sum(1 for c in made if c not in existing)
            outcome.positions = len(positions)
            outcome.linked = sum(1 for c, e in made.items() if c not in existing and e.unit_id)
            audit(actor=actor, action="jobfairs.import", obj=fair, org=fair.org, detail={
                "fair": fair.title, "file": filename[:100], "employers": outcome.employers,
                "positions": outcome.positions, "linked": outcome.linked,
            })  # fmt: skip
    return outcome


def template_xlsx(out: IO[bytes]) -> None:
    """The blank sheet, with the 行业 drop-down list."""
    last = MAX_ROWS
    by = {f: c for c, (f, _l, _h) in enumerate(TEMPLATE)}
    sheet = ledger_sheet(
        "参会单位和岗位",
        TEMPLATE,
        required=REQUIRED,
        widths=[30, 22, 10, 14, 18, 10, 10, 10, 26, 24, 40],
        input_styles={by["credit_code"]: "text", by["contact_phone"]: "text"},
        validations=[
            Validation(
                by["industry"],
                {"validate": "list", "source": f"='行业'!$A$2:$A${len(OPTIONS) + 1}", "show_error": False},
                last,
            ),
        ],
    )
    industries = Sheet(
        "行业", header=["行业（GB/T 4754门类）"], rows=side_by_side(OPTIONS), widths=[40], hidden=True
    )
    ledger_into(out, [sheet, industries])
