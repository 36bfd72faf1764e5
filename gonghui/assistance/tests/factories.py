"""Households, rules, lines and funds made through the real actions (also used by the scope walk)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gonghui.assistance import actions
from gonghui.assistance.models import (
    Application,
    ApprovalRule,
    Attachment,
    Batch,
    Fund,
    Household,
    Payment,
    SubsistenceLine,
)
from gonghui.kernel.codes import id_number_make
from gonghui.members.keys import id_bidx
from gonghui.orgs.models import Org

_seq = itertools.count(1)
GUANGZHOU_LINE = Decimal("1300.00")


def new_id(division: str = "440105", born: dt.date = dt.date(1978, 3, 1)) -> str:
    n = next(_seq)
    return id_number_make(division, born + dt.timedelta(days=n // 900), n % 900 + 1)


def child_id() -> str:
    return new_id(born=dt.date(2010, 9, 1))


def setup_lines_and_rules(province: Org, *, year: int | None = None) -> None:
    """广州's 低保 line and the province's default authority: 镇街 ≤ 2,000, 县区 ≤ 10,000, above: city."""
    year = year or timezone.localdate().year
    SubsistenceLine.objects.update_or_create(
        division="440100", year=year, defaults={"monthly": GUANGZHOU_LINE}
    )
    SubsistenceLine.objects.update_or_create(
        division="440000", year=year, defaults={"monthly": Decimal("900.00")}
    )
    for level, limit in (("town", "2000"), ("county", "10000"), ("city", None)):
        actions.approval_rule_set(actor=None, owner=province, level=level, limit=limit, escalate_days=10)


def worker_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "陈建华", "ethnicity": "汉族", "political_status": "群众", "id_number": new_id(),
        "health": "一般疾病", "work_status": "在岗", "model_worker": "无", "housing": "租房", "phone": "13800138000",
        "marital": "已婚", "hukou_type": "非农业", "hukou_division": "440105", "address": "广州市海珠区赤岗路1号",
        "employer": "广州赤岗珠江酒家有限公司", "monthly_income": "1500", "other_income": "0",
        "rigid_expenses": "6000", "hardship_costs": "0", "insurance": "职工医保", "main_cause": "6",
        "secondary_causes": ["9"], "bank_name": "中国工商银行", "bank_branch": "广州赤岗支行",
        "bank_account": "6222020200112233445",
    }  # fmt: skip
    values.update(overrides)
    return values


def family_rows(n: int = 2) -> list[dict[str, Any]]:
    rows = [
        {"name": "李秀英", "relation": "配偶", "id_number": new_id(), "monthly_income": "0", "identity": "失(无)业",
         "insurance": "居民医保", "health": "恶性肿瘤"},
        {"name": "陈晓明", "relation": "子女", "id_number": child_id(), "monthly_income": "0", "identity": "在校学生",
         "insurance": "居民医保", "school_or_employer": "广州市第九十七中学"},
    ]  # fmt: skip
    return rows[:n]


def make_household(
    org: Org, *, actor: Any = None, family: list[dict[str, Any]] | None = None, **values: Any
) -> Household:
    return actions.household_create(
        actor=actor,
        org=org,
        values=worker_values(**values),
        family=family_rows() if family is None else family,
    )


def fund_with(org: Org, amount: str, *, year: int | None = None) -> Fund:
    year = year or timezone.localdate().year
    actions.fund_deposit(actor=None, org=org, year=year, amount=amount, note="测试入账")
    return Fund.objects.get(org=org, year=year)


# ------------------------------------------------------------------------- the scope walk
# Plain rows, without audit rows: the walk counts any audit row on an outsider as a breach.


def household_in(org: Org) -> Household:
    found = Household.objects.filter(org=org).first()
    if found is not None:
        return found
    number = id_number_make("440105", dt.date(1970, 1, 1) + dt.timedelta(days=org.pk), 500 + org.pk % 400)
    household = Household.objects.create(
        org=org, file_no=f"W{org.pk:08d}", tier="deep", name=f"走查{org.pk}", sex="男", political_status="群众",
        id_number=number, id_bidx=id_bidx(number), birth_date=dt.date(1970, 1, 1), health="良好",
        work_status="在岗", housing="租房", phone="13800138000", marital="已婚", hukou_type="农业",
        hukou_division="440105", address="走查地址", monthly_income=Decimal("800"), insurance="职工医保",
        main_cause="3", verified_on=dt.date(2024, 1, 1), bank_name="中国银行", bank_account="6216600000000000001",
    )  # fmt: skip
    return household


def application_in(org: Org) -> Application:
    household = household_in(org)
    found = Application.objects.filter(household=household).first()
    return found or Application.objects.create(
        household=household, org=org, kind="living", amount=Decimal("500"), reason="走查", approver=org
    )


def fund_in(org: Org) -> Fund:
    return Fund.objects.get_or_create(org=org, year=2026, defaults={"balance": Decimal("1000")})[0]


def batch_in(org: Org) -> Batch:
    found = Batch.objects.filter(org=org).first()
    if found is not None:
        return found
    batch = Batch.objects.create(
        org=org, title=f"{org.name}走查批次", kind="living", amount=Decimal("600"), state="approved"
    )
    Payment.objects.create(
        household=household_in(org), org=org, kind="living", amount=Decimal("600"), batch=batch
    )
    return batch


def attachment_in(org: Org) -> Attachment:
    household = household_in(org)
    found = Attachment.objects.filter(household=household).first()
    return found or Attachment.objects.create(
        household=household,
        kind="其他",
        name="走查附件",
        file="assistance/walk.pdf",
        content_type="application/pdf",
    )


def rule_in(org: Org) -> ApprovalRule:
    return ApprovalRule.objects.get_or_create(owner=org, level="town", defaults={"limit": Decimal("2000")})[0]


# The scope walk's URL arguments (gonghui/core/tests/test_scope_walk.py): a maker of each, in an org.
WALK = {
    "household_id": household_in,
    "application_id": application_in,
    "attachment_id": attachment_in,
    "fund_id": fund_in,
    "batch_id": batch_in,
}


def bank_return_csv(rows: list[list[str]]) -> bytes:
    """The bank's return file as a bank writes it: CSV in GB18030, a row per line sent."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["流水号", "户名", "金额", "处理结果", "失败原因"])
    w.writerows(rows)
    return buf.getvalue().encode("gb18030")
