"""Lists and ledgers uploaded by unions: a group's members (姓名 and 身份证号, matched in the
register through the ID number's blind index). Every file goes through the kernel's reader
(`kernel.spreadsheet`, which checks an xlsx with `kernel.sheetguard` before python-calamine reads
it); every row is checked before anything is written, and any wrong row keeps the whole file out
(row-numbered errors in Chinese). Activities: a union's own ledger of them (活动名称, 类型, 开始时间,
结束时间, 地点, 名额, 所属活动 …), on the task queue like the other imports, with a template."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from gonghui.core.jobs import JobError, Report, job_enqueue, job_run_now
from gonghui.core.models import Job
from gonghui.kernel import scope
from gonghui.kernel.audit import audit
from gonghui.kernel.codes import CodeError, id_number_check
from gonghui.kernel.errors import Refused
from gonghui.kernel.importing import UNWRAPPED_HEAD, keep_upload, ledger_into, ledger_sheet, notes_sheet
from gonghui.kernel.spreadsheet import SheetError, cell_text, footer_line, read_table, size_text
from gonghui.members.choices import COUNTED
from gonghui.members.models import Member
from gonghui.members.selectors import id_number_lookup_key
from gonghui.orgs.models import Org

from . import actions
from .models import Activity, Campaign, Group

MAX_BYTES = 10 * 1024 * 1024
MAX_GROUP_ROWS = 20_000
SHOWN_ERRORS = 200


@dataclass(frozen=True)
class RowError:
    row: int
    message: str

    def __str__(self) -> str:
        return gettext("第%(row)s行：%(message)s") % {"row": self.row, "message": self.message}


def refuse_rows(errors: list[RowError], total: int) -> Refused:
    """All the wrong rows of a file, as one refusal: nothing of the file was kept."""
    head = gettext("共 %(total)s 行，其中 %(bad)s 行有误，未导入任何数据。请改正后重新导入。") % {
        "total": total, "bad": len({e.row for e in errors}),
    }  # fmt: skip
    lines = [str(e) for e in errors[:SHOWN_ERRORS]]
    if len(errors) > SHOWN_ERRORS:
        lines.append(gettext("……另有 %(n)s 处错误未列出。") % {"n": len(errors) - SHOWN_ERRORS})
    return Refused({"file": [head, *lines]})


def read(data: bytes, filename: str, fields: dict[str, list[str]], required: set[str]) -> Any:
    if not data:
        raise Refused({"file": gettext("上传的文件是空的。")})
    if len(data) > MAX_BYTES:
        raise Refused({"file": gettext("文件超过 %(size)s，请分批导入。") % {"size": size_text(MAX_BYTES)}})
    try:
        return read_table(data, filename=filename, fields=fields, required=required)
    except SheetError as exc:
        raise Refused({"file": str(exc)}) from None


GROUP_FIELDS = {
    "name": ["姓名", "会员姓名", "职工姓名"],
    "id_number": ["身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证"],
}


def group_import(*, actor: Any, group: Group, data: bytes, filename: str) -> int:
    """Put the members a list names (姓名 and 身份证号) on the group's list, all or none.
    Returns how many were added (those already on it are counted once)."""
    table = read(data, filename, GROUP_FIELDS, {"name", "id_number"})
    errors: list[RowError] = []
    wanted: list[tuple[int, str, str]] = []
    seen = 0
    for row in table.rows:
        name = cell_text(row.values.get("name"))
        raw = cell_text(row.values.get("id_number"))
        if not raw and (not name or footer_line(row.values.values())):
            continue
        seen += 1
        if not name:
            errors.append(RowError(row.number, gettext("缺少姓名")))
            continue
        try:
            id_number_check(raw)
        except CodeError as exc:
            errors.append(
                RowError(row.number, gettext("身份证号有误：%(why)s") % {"why": str(exc).rstrip("。")})
            )
            continue
        key = id_number_lookup_key(raw)
        if key is None:
            errors.append(RowError(row.number, gettext("身份证号有误")))
            continue
        wanted.append((row.number, name, key))
    if len(wanted) > MAX_GROUP_ROWS:
        raise Refused({"file": gettext("名单超过 %(n)s 人，请分批导入。") % {"n": MAX_GROUP_ROWS}})
    found: dict[str, Member] = {}
    keys = [k for _n, _name, k in wanted]
    for i in range(0, len(keys), 500):
        for m in Member.objects.select_related("org").filter(
            id_number_bidx__in=keys[i : i + 500], status__in=COUNTED, org__path__startswith=group.org.path
        ):
            found[m.id_number_bidx] = m
    first: dict[str, int] = {}
    members: list[Member] = []
    for number, name, key in wanted:
        member = found.get(key)
        if key in first:
            errors.append(RowError(number, gettext("与第%(row)s行是同一人") % {"row": first[key]}))
        elif member is None:
            errors.append(RowError(number, gettext("%(org)s及下级工会的会员中没有这个身份证号（%(name)s）")
                                   % {"org": group.org.name, "name": name}))  # fmt: skip
        elif member.name != name:
            errors.append(
                RowError(number, gettext("姓名「%(name)s」与会员库中该身份证号的姓名不一致") % {"name": name})
            )
        else:
            members.append(member)
        first.setdefault(key, number)
    if errors:
        raise refuse_rows(sorted(errors, key=lambda e: e.row), seen)
    if not members:
        raise Refused({"file": gettext("文件中没有名单数据（需要“姓名”和“身份证号”两列）。")})
    return actions.group_members_import(actor=actor, group=group, members=members, source=filename[:100])


# ------------------------------------------------------------------------------- activities

JOB_KIND = "activities.import"
MAX_ACTIVITY_ROWS = 5000
INLINE_BYTES = 256 * 1024  # smaller uploads are checked in the request; larger ones by the worker

ACTIVITY_FIELDS: dict[str, list[str]] = {
    "title": ["活动名称", "名称", "活动主题"],
    "kind": ["类型", "活动类型", "类别", "活动类别"],
    "starts_at": ["开始时间", "活动开始时间", "开始日期"],
    "ends_at": ["结束时间", "活动结束时间", "结束日期"],
    "place": ["地点", "活动地点"],
    "capacity": ["名额", "人数", "计划人数", "报名名额"],
    "campaign": ["所属活动", "所属专项活动", "专项活动"],
    "signup_until": ["报名截止", "报名截止时间"],
    "audience": ["报名范围"],
    "group": ["报名群体", "活动对象群体", "群体"],
    "description": ["内容", "活动内容", "说明", "备注"],
}
ACTIVITY_REQUIRED = {"title", "kind", "starts_at", "ends_at", "place", "capacity"}
# The template's columns, in order, with the hint under each header.
TEMPLATE_COLUMNS = [
    ("title", "活动名称", "必填"),
    ("kind", "类型", "从下拉列表选择，必填"),
    ("starts_at", "开始时间", "如 2026-07-01 09:00，必填"),
    ("ends_at", "结束时间", "如 2026-07-01 11:30，必填"),
    ("place", "地点", "必填"),
    ("capacity", "名额", "整数，必填"),
    ("campaign", "所属活动", "所属的专项活动（送清凉等），可不填"),
    ("signup_until", "报名截止", "不填则截止到活动开始"),
    ("audience", "报名范围", "不填为本工会及下级工会会员"),
    ("group", "报名群体", "报名范围为指定群体时填写"),
    ("description", "内容", ""),
]
LABELS = {f: label for f, label, _h in TEMPLATE_COLUMNS}
_WHEN_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S",
                 "%Y年%m月%d日 %H:%M", "%Y年%m月%d日%H:%M", "%Y-%m-%dT%H:%M", "%Y.%m.%d %H:%M")  # fmt: skip


def parse_when(value: Any) -> dt.datetime:
    """A time a clerk typed or Excel stored: 2026-07-01 09:00, 2026/7/1 9:00, 2026年7月1日 9:00."""
    if isinstance(value, dt.datetime):
        return value
    text = cell_text(value)
    if not text:
        raise ValueError(gettext("不能为空"))
    text = " ".join(text.replace("：", ":").split())
    for fmt in _WHEN_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(gettext("「%(text)s」不是日期和时间，应写成 2026-07-01 09:00") % {"text": text[:30]})


def _choice(value: Any, choices: Any, label: str) -> str:
    from django.utils import translation

    text = cell_text(value)
    with translation.override("zh-hans"):
        table = {str(v): k for k, v in choices} | {k: k for k, _v in choices}
    found = table.get(text)
    if found is None:
        raise ValueError(gettext("%(label)s「%(text)s」不在可选范围内（%(names)s）") % {
            "label": label, "text": text[:30], "names": "、".join(str(v) for _k, v in choices),
        })  # fmt: skip
    return found


@dataclass
class ActivityOutcome:
    rows: int
    created: int
    errors: list[RowError]


def activities_import(
    *, actor: Any, org: Org, data: bytes, filename: str, report: Any = None
) -> ActivityOutcome:
    """Every row becomes an activity of `org` through `activity_create` (so every rule of a new
    activity holds), all in one transaction; any wrong row undoes the whole file, and the
    outcome lists every wrong row. Raises Refused for a file that cannot be read at all."""
    from django.db import transaction

    scope.require(actor, "edit", org)
    table = read(data, filename, ACTIVITY_FIELDS, ACTIVITY_REQUIRED)
    rows = [
        r for r in table.rows if not (footer_line(r.values.values()) and not cell_text(r.values.get("kind")))
    ]
    rows = [r for r in rows if cell_text(r.values.get("title")) or cell_text(r.values.get("place"))]
    if len(rows) > MAX_ACTIVITY_ROWS:
        raise Refused({"file": gettext("文件有 %(n)s 行活动，超过一次 %(max)s 行的上限，请分批导入。")
                       % {"n": len(rows), "max": MAX_ACTIVITY_ROWS}})  # fmt: skip
    campaigns: dict[str, list[Campaign]] = {}
    for c in actions.campaigns_open_to(org, on=dt.date.min):
        campaigns.setdefault(c.title, []).append(c)
    groups: dict[str, list[Group]] = {}
    for g in actions.groups_usable(org):
        groups.setdefault(g.name, []).append(g)
    errors: list[RowError] = []
    created = 0

    class Undo(Exception):
        pass

    def err(number: int, f: str, message: str) -> None:
        where = LABELS.get(f, "")
        errors.append(RowError(number, f"{where}：{message}" if where else message))

    try:
        with transaction.atomic():
            for i, row in enumerate(rows, start=1):
                v = row.values
                values: dict[str, Any] = {"title": cell_text(v.get("title")), "place": cell_text(v.get("place")),
                                          "description": cell_text(v.get("description")), "capacity": cell_text(v.get("capacity"))}  # fmt: skip
                bad = False
                for f in ("starts_at", "ends_at", "signup_until"):
                    if f == "signup_until" and not cell_text(v.get(f)):
                        continue
                    try:
                        values[f] = parse_when(v.get(f))
                    except ValueError as exc:
                        err(row.number, f, str(exc))
                        bad = True
                try:
                    values["kind"] = _choice(v.get("kind"), Activity.Kind.choices, gettext("类型"))
                except ValueError as exc:
                    err(row.number, "kind", str(exc))
                    bad = True
                audience = cell_text(v.get("audience"))
                group_name = cell_text(v.get("group"))
                try:
                    values["audience"] = (
                        _choice(audience, Activity.Audience.choices, gettext("报名范围")) if audience
                        else (Activity.Audience.GROUP if group_name else Activity.Audience.SUBTREE)
                    )  # fmt: skip
                except ValueError as exc:
                    err(row.number, "audience", str(exc))
                    bad = True
                if group_name:
                    hits = groups.get(group_name, [])
                    if len(hits) != 1:
                        err(row.number, "group", gettext("本工会及上级工会没有名为「%(name)s」的群体") % {"name": group_name[:50]}
                            if not hits else gettext("有多个名为「%(name)s」的群体") % {"name": group_name[:50]})  # fmt: skip
                        bad = True
                    else:
                        values["group"] = hits[0]
                title = cell_text(v.get("campaign"))
                if title:
                    hits_c = campaigns.get(title, [])
                    if len(hits_c) != 1:
                        err(row.number, "campaign", gettext("没有本工会可参加的、名为「%(title)s」的专项活动") % {"title": title[:50]}
                            if not hits_c else gettext("有多个名为「%(title)s」的专项活动") % {"title": title[:50]})  # fmt: skip
                        bad = True
                    else:
                        values["campaign"] = hits_c[0]
                if bad:
                    continue
                try:
                    actions.activity_create(actor=actor, org=org, **values)
                    created += 1
                except ValidationError as exc:
                    for f, messages in (
                        exc.message_dict.items() if hasattr(exc, "error_dict") else [("", exc.messages)]
                    ):
                        for m in messages:
                            err(row.number, f if f in LABELS else "", m.rstrip("。"))
                if report is not None and i % 50 == 0:
                    report(i, len(rows), gettext("正在检查第 %(i)s / %(n)s 行") % {"i": i, "n": len(rows)})
            if errors:
                raise Undo
            if not created:
                raise Refused({"file": gettext("文件中没有活动数据。")})
            audit(actor=actor, action="activities.activity.import", org=org,
                  detail={"file": filename[:100], "rows": len(rows), "count": created})  # fmt: skip
    except Undo:
        return ActivityOutcome(len(rows), 0, errors)
    return ActivityOutcome(len(rows), created, [])


def activities_import_or_refuse(
    *, actor: Any, org: Org, data: bytes, filename: str, report: Any = None
) -> int:
    outcome = activities_import(actor=actor, org=org, data=data, filename=filename, report=report)
    if outcome.errors:
        raise refuse_rows(outcome.errors, outcome.rows)
    return outcome.created


# ------------------------------------------------------------------------------ the worker


def import_enqueue(*, actor: Any, org: Org, upload: Any, filename: str) -> Job:
    """Keep the upload for the worker and queue the import; a small file is checked at once."""
    scope.require(actor, "edit", org)
    path, size = keep_upload(
        upload, filename=filename, suffixes={".xlsx", ".xls", ".ods", ".csv"}, max_bytes=MAX_BYTES,
        too_big=gettext("文件超过 %(size)s，请分批导入。") % {"size": size_text(MAX_BYTES)},
    )  # fmt: skip
    job = job_enqueue(actor=actor, kind=JOB_KIND, org=org, title=f"导入活动：{Path(filename).name}（{org.name}）",
                      params={"path": str(path), "filename": Path(filename).name})  # fmt: skip
    if size <= INLINE_BYTES:
        job = job_run_now(job)
    return job


def run_import_job(job: Job, report: Report) -> dict[str, Any]:
    from django.core.exceptions import PermissionDenied
    from django.urls import reverse

    path = Path(job.params["path"])
    try:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise JobError("上传的文件已不存在，请重新上传。") from None
        if job.org_id is None:
            raise JobError("导入任务缺少工会。")
        org = Org.objects.get(pk=job.org_id)
        try:
            outcome = activities_import(actor=job.created_by, org=org, data=data, filename=job.params["filename"],
                                        report=report)  # fmt: skip
        except PermissionDenied as exc:
            raise JobError(str(exc)) from None
    finally:
        path.unlink(missing_ok=True)
    if outcome.errors:
        raise JobError("\n".join(refuse_rows(outcome.errors, outcome.rows).messages))
    return {
        "summary": gettext("共 %(n)s 行，已全部导入（%(n)s 场活动）。") % {"n": outcome.created},
        "rows": outcome.rows, "created": outcome.created,
        "url": f"{reverse('activities:list')}?within={org.pk}", "link_text": gettext("查看导入的活动"),
    }  # fmt: skip


# ---------------------------------------------------------------------------- the template


def import_template_xlsx(out: IO[bytes], *, org: Org) -> None:
    """The blank ledger of activities, with drop-down lists for 类型, 报名范围, and the campaigns
    and groups open to the union."""
    from gonghui.kernel.exporting import Sheet, Validation, side_by_side

    kinds = [str(label) for _v, label in Activity.Kind.choices]
    audiences = [str(label) for _v, label in Activity.Audience.choices]
    campaigns = sorted({c.title for c in actions.campaigns_open_to(org)})
    groups = sorted({g.name for g in actions.groups_usable(org)})
    last = 5000
    lists = {
        "kind": ("A", kinds),
        "audience": ("B", audiences),
        "campaign": ("C", campaigns),
        "group": ("D", groups),
    }
    validations = []
    for c, (f, label, _hint) in enumerate(TEMPLATE_COLUMNS):
        if f in lists and lists[f][1]:
            col, items = lists[f]
            validations.append(Validation(c, {
                "validate": "list", "source": f"='代码表'!${col}$2:${col}${len(items) + 1}",
                "input_title": label, "input_message": "请从下拉列表中选择", "show_error": f == "kind",
                "error_title": label, "error_message": "请从下拉列表中选择。",
            }, last))  # fmt: skip
        elif f == "capacity":
            validations.append(Validation(c, {"validate": "integer", "criteria": ">=", "value": 1,
                                              "error_title": label, "error_message": "请填写不小于1的整数。"}, last))  # fmt: skip
    ledger = ledger_sheet(
        "活动台账", TEMPLATE_COLUMNS, required=ACTIVITY_REQUIRED, widths=[30, 12, 18, 18, 30, 8, 24, 18, 20, 16, 40],
        input_styles={c: "text" for c, (f, _l, _h) in enumerate(TEMPLATE_COLUMNS) if f in ("starts_at", "ends_at", "signup_until")},
        validations=validations,
    )  # fmt: skip
    codes = Sheet("代码表", header=["类型", "报名范围", "所属活动", "报名群体"],
                  rows=side_by_side(kinds, audiences, campaigns, groups), widths=[16, 24, 30, 20], hidden=True)  # fmt: skip
    lines = [
        "填表说明",
        "1. 第一行为表头，请勿修改列名；红色列为必填。数据从第二行开始，每行一场活动。",
        "2. 时间写成 2026-07-01 09:00、2026/7/1 9:00 或 2026年7月1日 9:00 均可。",
        "3. 类型、报名范围请从下拉列表中选择；所属活动填写本工会或上级工会发起的、进行中的专项活动名称。",
        "4. 报名范围为“指定群体”时，在“报名群体”填写本工会或上级工会建立的群体名称。",
        "5. 任何一行有误，则不导入任何活动，并逐行说明错误；改正后重新导入即可。",
    ]
    ledger_into(out, [ledger, codes, notes_sheet(lines)], styles={"head": UNWRAPPED_HEAD})
