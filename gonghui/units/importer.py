"""Import of units from clerks' xlsx/csv ledgers, with a row-by-row report in Chinese.

Two modes: by default nothing is imported if any row is wrong; with `good_rows` the good rows
are imported and the wrong ones reported. Duplicates are found within the file and against the
register. Checking reports progress; the write is one transaction at the end (`unit_bulk_create`),
so an import stopped half-way leaves nothing behind. The same function serves the page (through
a job run by the worker, or at once for a small file), the API and `gonghui import units`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext, gettext_noop

from gonghui.accounts.models import User
from gonghui.core.jobs import JobError, Report, job_enqueue, job_run_now
from gonghui.core.models import Job
from gonghui.kernel.codes import INDUSTRIES, UNIT_TYPES, CodeError, credit_code_check
from gonghui.kernel.errors import Refused
from gonghui.kernel.importing import UNWRAPPED_HEAD, keep_upload, ledger_into, ledger_sheet, notes_sheet
from gonghui.kernel.spreadsheet import (
    SheetError,
    cell_text,
    footer_line,
    parse_code,
    parse_date,
    parse_int,
    read_table,
    size_text,
)
from gonghui.orgs.models import Level, Org, Status

from . import actions
from .codes import industry_parse, unit_type_parse
from .models import Unit

JOB_KIND = "units.import"
MAX_ROWS = 200_000
MAX_BYTES = 50 * 1024 * 1024
INLINE_BYTES = 256 * 1024  # smaller uploads are checked in the request; larger ones by the worker
RESULT_ERRORS = 1000  # errors kept in the job's result (the count is always exact)
NO_UNION = {"", "无", "没有", "未建会", "未建", "否", "-", "—", "/", "／", "无工会"}

# Field → the header names clerks use for it (compared after spreadsheet.normalize_header).
FIELDS: dict[str, list[str]] = {
    "credit_code": [
        "统一社会信用代码",
        "社会信用代码",
        "信用代码",
        "统一代码",
        "单位统一社会信用代码",
        "单位社会信用代码",
    ],
    "name": ["单位名称", "企业名称", "单位全称", "用人单位名称", "用人单位", "名称", "单位"],
    "industry": [
        "行业",
        "所属行业",
        "行业类别",
        "行业分类",
        "国民经济行业分类",
        "国民经济行业分类代码",
        "行业代码",
        "国民经济行业",
    ],
    "unit_type": [
        "单位类别",
        "单位类型",
        "单位性质",
        "企业类型",
        "企业性质",
        "经济类型",
        "登记注册类型",
        "单位类别代码",
    ],
    "employees": [
        "职工人数",
        "职工数",
        "职工总数",
        "从业人数",
        "从业人员数",
        "员工人数",
        "员工数",
        "在岗职工人数",
        "人数",
        "职工人数合计",
    ],
    "women": ["女职工人数", "女职工", "女职工数", "女工人数"],
    "migrants": ["农民工人数", "农民工", "农民工数", "进城务工人员", "外来务工人员"],
    "address": ["单位地址", "地址", "注册地址", "经营地址", "详细地址"],
    "division": ["行政区划代码", "行政区划", "区划代码", "所在地区代码", "地区代码"],
    "founded_on": ["成立日期", "单位成立日期", "成立时间", "注册日期", "设立日期"],
    "covering": ["所属工会", "覆盖工会", "所在工会", "工会名称", "工会全称", "所属基层工会"],
}
REQUIRED = ("credit_code", "name", "industry", "unit_type", "employees")
# The template's columns, in order.
TEMPLATE_COLUMNS = [
    ("credit_code", "统一社会信用代码", "18位，必填"),
    ("name", "单位名称", "必填"),
    ("industry", "行业", "从下拉列表选择，必填"),
    ("unit_type", "单位类别", "从下拉列表选择，必填"),
    ("employees", "职工人数", "整数，必填"),
    ("women", "女职工人数", "整数"),
    ("migrants", "农民工人数", "整数"),
    ("address", "单位地址", ""),
    ("division", "行政区划代码", "6位，如440105；不填则取登记工会的"),
    ("founded_on", "成立日期", "如2013-03-21"),
    ("covering", "所属工会", "覆盖本单位的基层工会全称或统一社会信用代码；未建会留空"),
]
LABELS = {f: label for f, label, _ in TEMPLATE_COLUMNS}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # letter, "" for the row as a whole
    header: str
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行" + (f" {self.column}列（{self.header}）" if self.column else "")
        return f"{where}：{self.message}"


@dataclass
class ImportOutcome:
    rows: int
    created: int = 0
    imported: bool = False
    good_rows: bool = False
    errors: list[RowError] = field(default_factory=list)
    error_rows: int = 0
    header_row: int = 0
    ignored: list[str] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # rows without name and code, 合计、填报人 lines
    sheet: str = ""  # the worksheet read, when sheets before it had no table
    passed_over: list[str] = field(default_factory=list)  # those sheets

    @property
    def summary(self) -> str:
        note = ""
        if self.skipped:
            rows = "、".join(str(n) for n in self.skipped[:10]) + ("等" if len(self.skipped) > 10 else "")
            note = f"（第 {rows} 行是合计、签名或说明行（没有统一社会信用代码），已跳过）"
        if self.passed_over:
            before = "".join(f"「{n}」" for n in self.passed_over)
            note += f"（读取的是工作表「{self.sheet}」，工作表{before}中没有单位表头）"
        if not self.rows:
            return f"文件中没有单位数据，未导入任何单位。{note}"
        if not self.errors:
            return f"共 {self.rows} 行，已全部导入（{self.created} 个单位）。{note}"
        if self.imported:
            return f"共 {self.rows} 行，导入 {self.created} 个单位；{self.error_rows} 行有误，未导入，见下表。{note}"
        return (
            f"共 {self.rows} 行，其中 {self.error_rows} 行有误，未导入任何单位。"
            f"请改正后重新导入，或选择“只导入无误的行”。{note}"
        )

    def as_result(self, *, url: str = "") -> dict[str, Any]:
        return {
            "summary": self.summary,
            "rows": self.rows,
            "created": self.created,
            "imported": self.imported,
            "good_rows": self.good_rows,
            "error_rows": self.error_rows,
            "error_count": len(self.errors),
            "errors": [asdict(e) for e in self.errors[:RESULT_ERRORS]],
            "header_row": self.header_row,
            "ignored": self.ignored,
            "skipped": self.skipped,
            "url": url if self.created else "",
            "link_text": "查看导入的单位",
        }


def _column_order(e: RowError) -> tuple[int, str]:
    return (len(e.column), e.column)


def _no_report(done: int, total: int | None = None, message: str = "") -> None:
    pass


def _parse_cell(f: str, value: Any) -> Any:
    if f == "credit_code":
        return parse_code(value)
    if f == "name":
        return cell_text(value)
    if f == "industry":
        return industry_parse(value)
    if f == "unit_type":
        return unit_type_parse(value)
    if f in ("employees", "women", "migrants"):
        if f != "employees" and not cell_text(value):
            return 0
        return parse_int(value, maximum=actions.MAX_EMPLOYEES)
    if f == "division":
        return parse_code(value)
    if f == "founded_on":
        return parse_date(value) if cell_text(value) else None
    if f == "address":
        return cell_text(value)
    raise KeyError(f)


def _lookup_unions(org: Org, keys: set[str]) -> dict[str, Org | str]:
    """Each union named in the file (credit code or full name) → the grassroots union under
    `org`, or the reason it cannot be used."""
    codes: dict[str, str] = {}
    names: set[str] = set()
    for k in keys:
        try:
            codes[k] = credit_code_check(k)
        except CodeError:
            names.add(k)
    found: dict[str, list[Org]] = {}
    wanted = list(codes.values()) + list(names)
    for i in range(0, len(wanted), 500):
        part = wanted[i : i + 500]
        qs = Org.objects.filter(path__startswith=org.path, level=Level.GRASSROOTS).filter(
            Q(credit_code__in=part) | Q(name__in=part) | Q(short_name__in=part)
        )
        for o in qs:
            for key in {o.credit_code or "", o.name, o.short_name} & set(part):
                found.setdefault(key, []).append(o)
    out: dict[str, Org | str] = {}
    for k in keys:
        hits = found.get(codes.get(k, k), [])
        active = [o for o in hits if o.status == Status.ACTIVE]
        if len(active) == 1:
            out[k] = active[0]
        elif len(active) > 1:
            out[k] = f"「{org.name}」下辖范围内有多个名为「{k}」的基层工会，请改填该工会的统一社会信用代码"
        elif hits:
            out[k] = f"「{hits[0].name}」{hits[0].get_status_display()}"
        else:
            out[k] = f"在「{org.name}」下辖范围内找不到基层工会「{k}」（请填写准确的全称或统一社会信用代码）"
    return out


def units_import(
    *,
    actor: User | None,
    org: Org,
    data: bytes,
    filename: str,
    good_rows: bool = False,
    on: dt.date | None = None,
    report: Report | Callable[..., None] = _no_report,
) -> ImportOutcome:
    """Check every row of the file, then write all of them (or, with `good_rows`, the good
    ones) in one transaction. Raises PermissionDenied outside the actor's scope and
    Refused (Chinese) for a file that cannot be read at all."""
    actions.placement_check(actor=actor, registered=org, covering=None)
    if len(data) > MAX_BYTES:
        raise Refused(too_big())
    try:
        table = read_table(data, filename=filename, fields=FIELDS, required=REQUIRED)
    except SheetError as exc:
        raise Refused(str(exc)) from None
    total = len(table.rows)
    if total > MAX_ROWS:
        raise Refused(
            gettext("文件有%(total)s行数据，超过一次%(MAX_ROWS)s行的上限，请分批导入。")
            % {"total": total, "MAX_ROWS": MAX_ROWS}
        )
    outcome = ImportOutcome(
        rows=total, good_rows=good_rows, header_row=table.header_row, ignored=table.ignored,
        sheet=table.sheet, passed_over=table.skipped_sheets,
    )  # fmt: skip
    cols = table.columns
    report(0, total, gettext_noop("正在检查…"))
    errors: dict[int, list[RowError]] = {}
    parsed: list[tuple[int, dict[str, Any], str]] = []  # (row number, clean values, union key)

    def err(row: int, f: str, message: str) -> None:
        col = cols.get(f)
        errors.setdefault(row, []).append(
            RowError(
                row, col.letter if col else "", col.header if col else LABELS.get(f, ""), message.rstrip("。")
            )
        )

    for i, row in enumerate(table.rows, start=1):
        if not cell_text(row.values.get("credit_code")) and (
            not cell_text(row.values.get("name")) or footer_line(row.values.values())
        ):
            outcome.skipped.append(row.number)  # 合计、填报人、审核人 … lines under the table
            continue
        values: dict[str, Any] = {}
        bad: set[str] = set()
        for f, raw in row.values.items():
            if f == "covering":
                continue
            try:
                values[f] = _parse_cell(f, raw)
            except ValueError as exc:
                err(row.number, f, str(exc))
                bad.add(f)
        if not values.get("division") and "division" not in bad and org.division:
            values["division"] = org.division
        clean, problems = actions.unit_values_check(values)
        for f, message in problems.items():
            if f not in bad:
                err(row.number, f, message)
        key = cell_text(row.values.get("covering", ""))
        key = "" if key in NO_UNION else " ".join(key.split())
        parsed.append((row.number, clean, key))
        if i % 200 == 0:
            report(i, total, gettext_noop("正在检查…"))

    report(total, total, gettext_noop("正在查重…"))
    unions = _lookup_unions(org, {k for _n, _c, k in parsed if k})
    first_row: dict[str, int] = {}
    codes = [c["credit_code"] for _n, c, _k in parsed if "credit_code" in c]
    existing: dict[str, Unit] = {}
    for i in range(0, len(codes), 500):
        for u in Unit.objects.select_related("org").filter(credit_code__in=codes[i : i + 500]):
            existing[u.credit_code] = u
    drafts: list[tuple[int, actions.UnitDraft]] = []
    for number, clean, key in parsed:
        code = clean.get("credit_code")
        if code:
            if code in first_row:
                err(number, "credit_code", f"与第{first_row[code]}行的统一社会信用代码重复")
            else:
                first_row[code] = number
            if code in existing:
                err(number, "credit_code", actions.unit_clash_message(existing[code], actor))
        covering: Org | None = None
        if key:
            hit = unions[key]
            if isinstance(hit, str):
                err(number, "covering", hit)
            else:
                covering = hit
        if number not in errors:
            drafts.append((number, actions.UnitDraft(values=clean, covering=covering)))
    outcome.rows = len(parsed)
    outcome.errors = [e for n in sorted(errors) for e in sorted(errors[n], key=_column_order)]
    outcome.error_rows = len(errors)
    if errors and not good_rows:
        return outcome
    if drafts:
        report(total, total, gettext_noop("正在写入单位…"))
        outcome.created = actions.unit_bulk_create(
            actor=actor, registered_org=org, drafts=[d for _n, d in drafts], on=on, source=filename
        )
    outcome.imported = outcome.created > 0
    return outcome


# ------------------------------------------------------------------------------ the worker


def too_big() -> str:
    limit = size_text(MAX_BYTES)
    return f"文件超过 {limit}，单位台账每次最多上传 {limit}，请分批导入。"


def import_enqueue(
    *,
    actor: User,
    org: Org,
    upload: IO[bytes],
    filename: str,
    good_rows: bool = False,
    on: dt.date | None = None,
) -> Job:
    """Keep the upload for the worker and queue the import; a small file is checked at once.
    A union that may not take units (dissolved, a 工会小组) is refused here, not by the job."""
    try:
        actions.placement_check(actor=actor, registered=org, covering=None)
    except ValidationError as exc:
        raise Refused({"org": exc.messages}) from None
    path, size = keep_upload(
        upload, filename=filename, suffixes={".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt"},
        max_bytes=MAX_BYTES, too_big=too_big(),
    )  # fmt: skip
    job = job_enqueue(
        actor=actor,
        kind=JOB_KIND,
        org=org,
        title=f"导入单位：{Path(filename).name}（{org.name}）",
        params={
            "path": str(path),
            "filename": Path(filename).name,
            "good_rows": good_rows,
            "on": on.isoformat() if on else "",
        },
    )
    if size <= INLINE_BYTES:
        job = job_run_now(job)
    return job


def run_import_job(job: Job, report: Report) -> dict[str, Any]:
    params = job.params
    path = Path(params["path"])
    try:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise JobError(gettext_noop("上传的文件已不存在，请重新上传。")) from None
        if job.org_id is None:
            raise JobError(gettext_noop("导入任务缺少登记工会。"))
        org = Org.objects.get(pk=job.org_id)
        on = dt.date.fromisoformat(params["on"]) if params.get("on") else None
        try:
            outcome = units_import(
                actor=job.created_by, org=org, data=data, filename=params["filename"],
                good_rows=bool(params.get("good_rows")), on=on, report=report,
            )  # fmt: skip
        except PermissionDenied as exc:
            raise JobError(str(exc)) from None
    finally:
        path.unlink(missing_ok=True)
    from django.urls import reverse

    return outcome.as_result(url=f"{reverse('units:list')}?within={org.pk}")


# ---------------------------------------------------------------------------- the template


def import_template_xlsx(out: IO[bytes], *, unions: list[str] | None = None) -> None:
    """The blank ledger with drop-down lists for the coded columns (and, given the grassroots
    unions of an org, for 所属工会)."""
    from gonghui.kernel.exporting import Sheet, Validation, side_by_side

    last = 10000
    validations = []
    for c, (f, label, _hint) in enumerate(TEMPLATE_COLUMNS):
        if f == "industry":
            validations.append(Validation(c, {
                "validate": "list", "source": f"='代码表'!$A$2:$A${len(INDUSTRIES) + 1}",
                "input_title": "国民经济行业", "input_message": "请从下拉列表中选择",
                "error_title": "行业", "error_message": "请从下拉列表中选择行业。",
            }, last))  # fmt: skip
        elif f == "unit_type":
            validations.append(Validation(c, {
                "validate": "list", "source": f"='代码表'!$B$2:$B${len(UNIT_TYPES) + 1}",
                "input_title": "单位类别", "input_message": "请从下拉列表中选择",
                "error_title": "单位类别", "error_message": "请从下拉列表中选择单位类别。",
            }, last))  # fmt: skip
        elif f in ("employees", "women", "migrants"):
            validations.append(Validation(c, {
                "validate": "integer", "criteria": ">=", "value": 0,
                "error_title": label, "error_message": "请填写不小于0的整数。",
            }, last))  # fmt: skip
        elif f == "covering" and unions:
            validations.append(Validation(c, {
                "validate": "list", "source": f"='代码表'!$C$2:$C${len(unions) + 1}",
                "input_title": "所属工会", "input_message": "覆盖本单位的基层工会；未建会留空",
                "show_error": False,
            }, last))  # fmt: skip
    ledger = ledger_sheet(
        "单位台账",
        TEMPLATE_COLUMNS,
        required=REQUIRED,
        widths=[
            30 if f in ("name", "address", "covering", "credit_code") else 14
            for f, _l, _h in TEMPLATE_COLUMNS
        ],
        input_styles={
            c: "text" if f in ("credit_code", "division") else "date"
            for c, (f, _l, _h) in enumerate(TEMPLATE_COLUMNS)
            if f in ("credit_code", "division", "founded_on")
        },
        validations=validations,
    )
    codes = Sheet(
        "代码表",
        header=["行业", "单位类别", "所属工会"],
        rows=side_by_side(
            [f"{c} {n}" for c, n in INDUSTRIES.items()],
            [f"{c} {n}" for c, n in UNIT_TYPES.items()],
            unions or [],
        ),
        widths=[30, 30, 30],
        hidden=True,
    )
    lines = [
        "填表说明",
        "1. 第一行为表头，请勿修改列名；红色列为必填。数据从第二行开始，每行一个单位。",
        "2. 统一社会信用代码为单位（法人）本身的18位代码，不是工会的代码（工会代码以81开头）。",
        "3. 行业、单位类别请从下拉列表中选择；也可以填写代码（如03、170）或名称。",
        "4. 女职工人数、农民工人数不能大于职工人数。",
        "5. 所属工会填写覆盖本单位的基层工会（本单位工会或联合工会）的全称或统一社会信用代码；未建会的单位留空。",
        "6. 日期写成 2013-03-21、2013/3/21 或 2013年3月21日 均可。",
        "7. 导入时如有任何一行有误，默认不导入任何数据；也可以选择只导入无误的行。",
    ]
    ledger_into(out, [ledger, codes, notes_sheet(lines)], styles={"head": UNWRAPPED_HEAD})
