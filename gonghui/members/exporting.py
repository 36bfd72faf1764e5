"""Export of any scoped member list to csv or xlsx: streamed, masked unless the actor may reveal,
with a watermark line (who, when) on top, and one audit row per export."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from gonghui.kernel import exporting, scope
from gonghui.kernel.audit import audit
from gonghui.kernel.codes import id_number_mask
from gonghui.kernel.masking import mask_phone
from gonghui.orgs.models import Org

from .models import Member
from .selectors import member_iter_for_export

HEADERS = [
    "姓名", "性别", "出生日期", "身份证号码", "手机号码", "民族", "学历", "政治面貌", "就业状态", "户口类型",
    "是否农民工", "工作单位", "工作单位统一社会信用代码", "所属基层工会", "会员证号", "入会日期", "会籍状态",
]  # fmt: skip


WIDTHS = [None, None, None, 20, 20, None, None, None, None, None, None, 28, 28, 28]


def watermark(actor: Any, *, revealed: bool) -> str:
    shown = "含完整身份证号和手机号" if revealed else "身份证号和手机号已遮盖"
    return exporting.watermark(actor, note=f"{shown}  仅限工会工作使用，请勿外传")


def _row(m: Member, reveal_paths: list[str]) -> list[Any]:
    revealed = any(m.org.path.startswith(p) for p in reveal_paths)
    return [
        m.name, m.sex, m.birth_date.isoformat(), m.id_number if revealed else id_number_mask(m.id_number),
        (m.phone if revealed else mask_phone(m.phone)) if m.phone else "", m.get_ethnicity_display(),
        m.get_education_display(), m.get_political_status_display(), m.get_employment_status_display(),
        m.get_hukou_type_display(), "是" if m.migrant_worker else "否", m.employer_name, m.employer_credit_code,
        m.org.name, m.card_no, m.join_date.isoformat() if m.join_date else "", m.get_status_display(),
    ]  # fmt: skip


@transaction.atomic
def export_begin(
    *, actor: Any, within: Org, qs: QuerySet[Member], fmt: str, reveal: bool, filters: dict[str, str]
) -> list[str]:
    """Check and audit an export before its first byte goes out; returns the subtrees where the
    rows are shown unmasked (none unless `reveal` was asked for and is allowed)."""
    scope.require(actor, "view", within)
    if reveal:
        scope.require(actor, "reveal", within)
    s = scope.scope_of(actor)
    paths = (
        (
            [within.path]
            if s.superuser
            else [p for p in s.paths("reveal") if within.path.startswith(p) or p.startswith(within.path)]
        )
        if reveal
        else []
    )
    # The audit row names the filters, but never an ID or phone number typed into them.
    said = {k: v for k, v in filters.items() if v and k not in ("id_number", "phone")}
    audit(actor=actor, action="member.export", org=within,
          detail={"format": fmt, "revealed": bool(paths), "filters": said})  # fmt: skip
    return paths


def csv_stream(*, actor: Any, qs: QuerySet[Member], reveal_paths: list[str]) -> Iterator[str]:
    lines = (_row(m, reveal_paths) for m in member_iter_for_export(qs))
    return exporting.csv_stream(lines, header=HEADERS, mark=watermark(actor, revealed=bool(reveal_paths)))


def xlsx_stream(*, actor: Any, qs: QuerySet[Member], reveal_paths: list[str], title: str) -> Iterator[bytes]:
    """xlsx is a zip: it is written (row by row, constant memory) to a temporary file that is
    then streamed out in pieces."""
    mark = watermark(actor, revealed=bool(reveal_paths))
    sheet = exporting.Sheet(
        "会员名册", header=HEADERS, rows=(_row(m, reveal_paths) for m in member_iter_for_export(qs)),
        widths=WIDTHS, input_styles={3: "text", 4: "text"},
    )  # fmt: skip
    return exporting.xlsx_chunks(
        sheet, mark=mark, styles={"mark": {"font_color": "#b7121f", "bold": True}},
        properties={"title": title, "comments": mark},
    )  # fmt: skip
