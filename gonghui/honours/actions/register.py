"""The honour register, care for model workers and innovation studios."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.orgs.models import Org

from ..models import (
    Care,
    CareKind,
    Honour,
    HonourKind,
    Studio,
    StudioLevel,
    StudioYear,
)
from ._common import _from_register, _person_fields

# ---- the honour register -------------------------------------------------------------------


@action
def honour_record(
    *,
    actor: Any,
    org: Org,
    kind: HonourKind,
    awarded_on: Any,
    member: Any = None,
    doc_no: str = "",
    note: str = "",
    **values: Any,
) -> Honour:
    """劳模档案: an honour conferred outside the system (an earlier round, a national award)."""
    scope.require(actor, "edit", org)
    owner = kind.org
    if owner is not None and not org.path.startswith(owner.path):
        raise Refused(
            {
                "kind": gettext("「%(name)s」由%(name2)s设立，不能在本工会登记。")
                % {"name": kind.name, "name2": owner.name}
            }
        )
    if member is not None:
        values = _from_register(member, values, org=org)
    fields = _person_fields({**values, "deeds": "-"}, collective=kind.collective)
    awarded = cleaning.date(awarded_on, field="awarded_on", label="授予日期", not_after_today=True)
    honour = Honour.objects.create(
        org=org, kind=kind, title=kind.name, level=kind.level, category=kind.category, collective=kind.collective,
        member=member, name=fields["name"], sex=fields["sex"], unit=fields["unit"], job=fields["job"],
        awarded_on=awarded, year=awarded.year, awarding_body=kind.awarding_body,
        doc_no=cleaning.text(doc_no, field="doc_no", label="表彰文号", max_length=60, required=False),
        note=cleaning.text(note, field="note", label="备注", max_length=200, required=False),
    )  # fmt: skip
    audit(actor=actor, action="honours.honour.record", obj=honour, org=org,
          detail={"name": honour.name, "title": honour.title, "year": honour.year})  # fmt: skip
    return honour


@action
def register_export_record(*, actor: Any, within: Org | None, fmt: str, count: int) -> None:
    """The audit row of a download of the register (names of people: who took them, and when)."""
    audit(actor=actor, action="honours.register.export", org=within,
          detail={"within": within.name if within else "全部", "format": fmt, "rows": count})  # fmt: skip


# ---- care for model workers ------------------------------------------------------------------


@action
def care_record(
    *,
    actor: Any,
    org: Org,
    honour: Honour,
    kind: str,
    on: Any,
    amount: Any = "0",
    note: str = "",
    household: Any = None,
) -> Care:
    """A visit, an allowance, a health check or a 疗休养 given by `org` to a model worker of its
    subtree. Help for a model worker in hardship is given under their hardship file (filed once,
    in the hardship module), never a second file here."""
    scope.require(actor, "edit", org)
    if not honour.org.path.startswith(org.path):
        raise Refused(
            {
                "org": gettext("%(name)s的档案不在「%(name2)s」之下。")
                % {"name": honour.name, "name2": org.name}
            }
        )
    kind = cleaning.choice(kind, CareKind.choices, field="kind", label="类别")
    if kind == CareKind.HARDSHIP:
        if household is None:
            raise Refused({"household": gettext("困难劳模帮扶须关联其困难职工档案（在困难帮扶中建档）。")})
        scope.require(actor, "view", household.org)
        if honour.member_id and household.member_id and household.member_id != honour.member_id:
            raise Refused({"household": gettext("该困难职工档案不是%(name)s的。") % {"name": honour.name}})
        if not honour.member_id and household.name != honour.name:
            raise Refused({"household": gettext("该困难职工档案不是%(name)s的。") % {"name": honour.name}})
    elif household is not None:
        household = None
    care = Care.objects.create(
        org=org,
        honour=honour,
        kind=kind,
        on=cleaning.date(on, field="on", label="日期", not_after_today=True),
        amount=cleaning.money(amount, field="amount", label="金额"),
        note=cleaning.text(note, field="note", label="说明", max_length=200, required=False),
        household=household,
    )
    audit(actor=actor, action="honours.care.record", obj=care, org=org,
          detail={"name": honour.name, "kind": care.get_kind_display(), "amount": str(care.amount)})  # fmt: skip
    return care


# ---- innovation studios --------------------------------------------------------------------------


@action
def studio_create(
    *,
    actor: Any,
    org: Org,
    name: str,
    lead_name: str,
    unit: str,
    field: str,
    level: str,
    named_on: Any,
    members: Any = 0,
    lead: Honour | None = None,
) -> Studio:
    scope.require(actor, "edit", org)
    if lead is not None:
        scope.require(actor, "view", lead.org)
    studio = Studio.objects.create(
        org=org,
        name=cleaning.text(name, field="name", label="工作室名称", max_length=100),
        lead=lead,
        lead_name=cleaning.text(lead_name or (lead.name if lead else ""), field="lead_name", label="领衔人",
                                max_length=50),
        unit=cleaning.text(unit, field="unit", label="所在单位", max_length=100),
        field=cleaning.text(field, field="field", label="创新领域", max_length=50),
        level=cleaning.choice(level, StudioLevel.choices, field="level", label="命名级别"),
        named_on=cleaning.date(named_on, field="named_on", label="命名日期", not_after_today=True),
        members=cleaning.whole(members or 0, field="members", label="成员人数", maximum=10_000),
    )  # fmt: skip
    audit(actor=actor, action="honours.studio.create", obj=studio, org=org,
          detail={"name": studio.name, "level": studio.get_level_display()})  # fmt: skip
    return studio


@action
def studio_year_set(
    *, actor: Any, studio: Studio, year: Any, patents: Any = 0, improvements: Any = 0, savings: Any = "0",
    trained: Any = 0,
) -> StudioYear:  # fmt: skip
    """A studio's results of a year (专利, 技术革新, 创造效益, 培训人数); entered again, replaced."""
    scope.require(actor, "edit", studio.org)
    values = {
        "patents": cleaning.whole(patents or 0, field="patents", label="专利", maximum=100_000),
        "improvements": cleaning.whole(
            improvements or 0, field="improvements", label="技术革新", maximum=100_000
        ),
        "savings": cleaning.money(
            savings, field="savings", label="创造效益", maximum=Decimal("100000000000")
        ),
        "trained": cleaning.whole(trained or 0, field="trained", label="培训人数", maximum=10_000_000),
    }
    y = cleaning.year(year, field="year", label="年度")
    row, _ = StudioYear.objects.update_or_create(studio=studio, year=y, defaults=values)
    audit(actor=actor, action="honours.studio.year", obj=studio, org=studio.org,
          detail={"year": y, "patents": row.patents, "savings": str(row.savings), "trained": row.trained})  # fmt: skip
    return row
