"""The plans of 广东省职工保障互助会 and 中国职工保险互助会 (domain/FORMS.md §3a, §3b), as data.

The names, who may join (in-service, 16–60, not yet diagnosed with the six major diseases for
the medical plan, women only for 安康), group enrolment (≥ 60% and ≥ 10 people), the terms
(意外伤害 1 year, 女职工特殊疾病 2 years, 重大疾病 3 years) and the claim materials (a minor
child's claim needs proof of the parent–child link) are the plans' own. The published pages do
not give fees, benefit amounts or caps: the figures here are the
federation's to set when it installs a plan, and are kept as plan data, never in code.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gonghui.orgs.models import Org

from .actions import plan_create
from .models import Plan

SIX_DISEASES = (
    "各种癌症、慢性肾衰竭（尿毒症）、颅内原发性肿瘤手术、冠状动脉旁路手术、心脏瓣膜置换手术、重大器官移植"
)
HOSPITAL = ["诊断证明", "住院发票", "费用清单", "出院小结"]
ACCIDENT = ["单位事故证明", "诊断证明", "伤残程度证明"]
CHILD_PROOF = "亲子关系证明（出生医学证明或户口簿）"

PLANS: list[dict[str, Any]] = [
    {
        "code": "gd-medical",
        "name": "广东省在职职工医疗互助保障计划",
        "kind": Plan.Kind.MEDICAL,
        "term_years": 1,
        "price": "60.00",
        "period_cap": "30000.00",
        "healthy_required": True,
        "waiting_days": 90,
        "note": f"保障条件：未确诊{SIX_DISEASES}。",
        "benefits": [
            {
                "name": "住院医疗互助金",
                "basis": "ratio",
                "deductible": "800",
                "rate": "0.5",
                "event_cap": "10000",
                "materials": HOSPITAL,
            },
            {
                "name": "六种重大疾病互助金",
                "basis": "fixed",
                "amount": "10000",
                "event_cap": "10000",
                "materials": ["诊断证明", "病理报告"],
            },
        ],
    },
    {
        "code": "gd-women",
        "name": "广东省在职女职工安康互助保障计划",
        "kind": Plan.Kind.WOMEN,
        "term_years": 2,
        "price": "50.00",
        "period_cap": "10000.00",
        "sex": "女",
        "requires": "gd-medical",
        "waiting_days": 90,
        "benefits": [
            {
                "name": "女职工特殊疾病互助金",
                "basis": "fixed",
                "amount": "8000",
                "event_cap": "8000",
                "materials": ["诊断证明", "病理报告"],
            },
            {
                "name": "特殊疾病住院津贴",
                "basis": "daily",
                "amount": "50",
                "event_cap": "2000",
                "materials": ["诊断证明", "出院小结"],
            },
        ],
    },
    {
        "code": "gd-inpatient",
        "name": "广东省在职职工住院医疗综合互助保障计划",
        "kind": Plan.Kind.INPATIENT,
        "term_years": 1,
        "price": "90.00",
        "period_cap": "20000.00",
        "waiting_days": 60,
        "benefits": [
            {
                "name": "住院医疗费用互助金",
                "basis": "ratio",
                "deductible": "500",
                "rate": "0.6",
                "event_cap": "8000",
                "materials": HOSPITAL,
            },
        ],
    },
    {
        "code": "gd-allowance",
        "name": "广东省在职职工住院津贴互助保障计划",
        "kind": Plan.Kind.ALLOWANCE,
        "term_years": 1,
        "price": "30.00",
        "period_cap": "3600.00",
        "waiting_days": 30,
        "benefits": [
            {
                "name": "住院津贴",
                "basis": "daily",
                "amount": "40",
                "event_cap": "1200",
                "materials": ["诊断证明", "出院小结"],
            },
        ],
    },
    {
        "code": "acftu-critical",
        "name": "在职职工重大疾病互助保障计划",
        "kind": Plan.Kind.CRITICAL,
        "term_years": 3,
        "price": "100.00",
        "period_cap": "20000.00",
        "waiting_days": 180,
        "healthy_required": True,
        "benefits": [
            {
                "name": "重大疾病互助金",
                "basis": "fixed",
                "amount": "20000",
                "event_cap": "20000",
                "materials": ["诊断证明", "病理报告"],
            },
        ],
    },
    {
        "code": "acftu-accident",
        "name": "在职职工意外伤害互助保障计划",
        "kind": Plan.Kind.ACCIDENT,
        "term_years": 1,
        "price": "20.00",
        "period_cap": "20000.00",
        "note": "治疗180天后仍未结束的，按第180天的身体状况评定伤残。",
        "benefits": [
            {
                "name": "意外伤残互助金",
                "basis": "fixed",
                "amount": "20000",
                "event_cap": "20000",
                "materials": ACCIDENT,
            },
            {
                "name": "意外身故互助金",
                "basis": "fixed",
                "amount": "20000",
                "event_cap": "20000",
                "materials": ["单位事故证明", "死亡证明", "户口注销证明"],
            },
        ],
    },
    {
        "code": "acftu-child-accident",
        "name": "在职职工子女意外伤害互助保障计划",
        "kind": Plan.Kind.CHILD_ACCIDENT,
        "term_years": 1,
        "price": "20.00",
        "period_cap": "12000.00",
        "covers_child": True,
        "min_age": 0,
        "max_age": 17,
        # The group rule is about the unit's workers; children are enrolled one by one by parents.
        "min_ratio": Decimal("0"),
        "min_people": 1,
        "note": "由在职会员为其未满18周岁的子女参加；申领时须提供亲子关系证明。",
        "benefits": [
            {
                "name": "子女意外伤残互助金",
                "basis": "fixed",
                "amount": "10000",
                "event_cap": "10000",
                "materials": ["事故证明", "诊断证明", "伤残程度证明", CHILD_PROOF],
            },
            {
                "name": "子女意外医疗互助金",
                "basis": "ratio",
                "deductible": "100",
                "rate": "0.8",
                "event_cap": "2000",
                "materials": ["事故证明", "诊断证明", "医疗费用发票", CHILD_PROOF],
            },
        ],
    },
]


def plans_install(*, actor: Any, org: Org) -> list[Plan]:
    """Install the plans at a union (the province) unless they are there already."""
    made: dict[str, Plan] = {p.code: p for p in Plan.objects.all()}
    for spec in PLANS:
        if spec["code"] in made:
            continue
        values = {k: v for k, v in spec.items() if k not in ("requires", "price", "period_cap")}
        made[spec["code"]] = plan_create(
            actor=actor, org=org, price=Decimal(spec["price"]), period_cap=Decimal(spec["period_cap"]),
            requires=made.get(spec.get("requires", "")), **values,
        )  # fmt: skip
    return [made[s["code"]] for s in PLANS]
