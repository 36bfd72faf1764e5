"""The honour register from a union's own ledger (劳模花名册): every row checked, then all of them
written in one transaction, or none and a row-by-row report in Chinese. A row with an ID number
is linked to the member register (found by its blind index, never stored here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.codes import CodeError, id_number_check
from gonghui.kernel.errors import Refused
from gonghui.kernel.exporting import Sheet, Validation, side_by_side
from gonghui.kernel.importing import RowErrors, ledger_into, ledger_sheet, read_ledger
from gonghui.kernel.spreadsheet import cell_text, footer_line, parse_date
from gonghui.orgs.models import Org

from . import actions
from .selectors import kinds_for_org

MAX_ROWS = 5000
FIELDS = {
    "name": ["姓名（集体名称）", "姓名", "集体名称", "劳模姓名"],
    "sex": ["性别"],
    "id_number": ["身份证号码", "身份证号", "公民身份号码"],
    "kind": ["荣誉称号", "荣誉", "劳模类别", "称号"],
    "awarded_on": ["授予日期", "获得时间", "表彰时间", "获评时间", "授予时间"],
    "doc_no": ["表彰文号", "文号"],
    "unit": ["获评时工作单位", "工作单位", "单位"],
    "job": ["获评时职务（岗位）", "职务", "岗位", "职务（岗位）"],
    "note": ["备注"],
}
REQUIRED = {"name", "kind", "awarded_on"}
TEMPLATE = [
    ("name", "姓名（集体名称）", "必填"),
    ("sex", "性别", "男或女；集体不填"),
    ("id_number", "身份证号码", "会员可填，用于关联会员实名库；不保存、不公示"),
    ("kind", "荣誉称号", "从下拉列表选择，必填"),
    ("awarded_on", "授予日期", "如2015-04-28，必填"),
    ("doc_no", "表彰文号", ""),
    ("unit", "获评时工作单位", "不填则取会员的工作单位"),
    ("job", "获评时职务（岗位）", ""),
    ("note", "备注", ""),
]
LABELS = {f: label for f, label, _ in TEMPLATE}


@dataclass
class Outcome:
    rows: int = 0
    created: int = 0
    linked: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)


def _member(org: Org, number: str, actor: Any) -> Any:
    from gonghui.members.choices import HOLDING
    from gonghui.members.keys import id_bidx
    from gonghui.members.models import Member

    qs = scope.restrict(
        Member.objects.filter(id_number_bidx=id_bidx(number), status__in=HOLDING), actor, "view"
    )
    return qs.filter(org__path__startswith=org.path).select_related("org").first()


def register_import(*, actor: Any, org: Org, data: bytes, filename: str) -> Outcome:
    """Check every row, then record all of them (nothing when any row is wrong: the outcome's
    errors say which and why). Refused for a file that cannot be read at all."""
    scope.require(actor, "edit", org)
    table = read_ledger(data, filename=filename, fields=FIELDS, required=REQUIRED, max_rows=MAX_ROWS)
    kinds = {k.name: k for k in kinds_for_org(org)}
    outcome = Outcome()
    outcome.errors = errors = RowErrors(table.columns, LABELS)
    drafts: list[tuple[int, dict[str, Any]]] = []
    for row in table.rows:
        values = row.values
        if not cell_text(values.get("name")) or footer_line(values.values()):
            continue
        outcome.rows += 1
        draft: dict[str, Any] = {
            "name": cell_text(values.get("name")), "sex": cell_text(values.get("sex")),
            "doc_no": cell_text(values.get("doc_no")), "unit": cell_text(values.get("unit")),
            "job": cell_text(values.get("job")), "note": cell_text(values.get("note")),
        }  # fmt: skip
        kind = kinds.get(cell_text(values.get("kind")))
        if kind is None:
            errors.add(
                row.number, "kind", f"没有荣誉称号「{cell_text(values.get('kind'))}」，请从下拉列表选择"
            )
        draft["kind"] = kind
        try:
            draft["awarded_on"] = parse_date(values.get("awarded_on"))
        except ValueError as exc:
            errors.add(row.number, "awarded_on", str(exc))
        number = cell_text(values.get("id_number"))
        if number:
            try:
                member = _member(org, id_number_check(number).number, actor)
            except CodeError as exc:
                errors.add(row.number, "id_number", exc.message)
            else:
                if member is None:
                    errors.add(row.number, "id_number", f"「{org.name}」的会员中没有这个身份证号码")
                draft["member"] = member
        drafts.append((row.number, draft))
    if not outcome.rows:
        raise Refused({"file": gettext("文件中没有数据行。")})
    if errors:
        return outcome
    with errors.all_or_nothing():
        for row_no, draft in drafts:
            try:
                actions.honour_record(actor=actor, org=org, **draft)
            except ValidationError as exc:
                errors.refused(row_no, exc)
    if errors:
        return outcome
    outcome.created = len(drafts)
    outcome.linked = sum(1 for _n, d in drafts if d.get("member"))
    return outcome


def template_xlsx(out: IO[bytes], *, org: Org) -> None:
    """The blank ledger with drop-down lists for 荣誉称号 and 性别."""
    names = [k.name for k in kinds_for_org(org)]
    last = MAX_ROWS
    by = {f: c for c, (f, _l, _h) in enumerate(TEMPLATE)}
    ledger = ledger_sheet(
        "劳模档案",
        TEMPLATE,
        required=REQUIRED,
        widths=[20, 6, 22, 20, 12, 20, 30, 16, 20],
        input_styles={by["id_number"]: "text", by["awarded_on"]: "date"},
        validations=[
            Validation(
                by["kind"],
                {
                    "validate": "list",
                    "source": f"='荣誉称号'!$A$2:$A${len(names) + 1}",
                    "input_title": "荣誉称号",
                    "input_message": "请从下拉列表中选择",
                    "error_title": "荣誉称号",
                    "error_message": "请从下拉列表中选择荣誉称号。",
                },
                last,
            ),
            Validation(by["sex"], {"validate": "list", "source": ["男", "女"]}, last),
            Validation(
                by["awarded_on"],
                {
                    "validate": "date",
                    "criteria": "between",
                    "minimum": dt.date(1950, 1, 1),
                    "maximum": cleaning.today(),
                    "error_message": "请填写日期，如2015-04-28。",
                },
                last,
            ),
        ],
    )
    codes = Sheet("荣誉称号", header=["荣誉称号"], rows=side_by_side(names), widths=[30], hidden=True)
    ledger_into(out, [ledger, codes])
