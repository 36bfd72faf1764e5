"""Demo units and collective contracts for the Guangdong demo federation.

Every enterprise union gets its employer; joint and community unions cover a handful of small
firms; every town, street and county federation also lists firms that have no union yet (some of
them big enough to need one). 赤岗街道 gets a 行业性 (catering) contract and 新港街道 a 区域性 one, and
a share of the enterprises their own single-unit contract. The data starts on 2012-01-01 and
changes on 2013-01-01 (head counts, new unions), so that reports for both years differ.

    from gonghui.units.demo import units_demo_load
    units_demo_load()          # after demo_load(); does nothing if units exist already
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from gonghui.kernel.codes import credit_code_make
from gonghui.orgs.models import Kind, Level, Org, Status

from . import actions
from .models import CollectiveContract, ContractKind, Unit

START = dt.date(2012, 1, 1)
CHANGES = dt.date(2013, 1, 1)
TRADE_INDUSTRY = {
    "电子科技": "03", "精密制造": "03", "服装": "03", "食品": "03", "物流": "06", "建设工程": "05",
    "商贸": "08", "酒店管理": "09", "物业管理": "11", "信息技术": "07", "家具": "03", "五金制品": "03",
    "医药": "03", "餐饮管理": "09", "陶瓷": "03", "酒厂": "03",
}  # fmt: skip
SMALL_TRADES = [("餐饮", "09"), ("便利店", "08"), ("美发", "15"), ("五金店", "08"), ("印刷", "03"),
                ("装修", "05"), ("物流", "06"), ("药店", "08"), ("家政", "15"), ("培训", "16")]  # fmt: skip
BRANDS = "华粤南泰鸿信达宏恒丰盛嘉力德安兴新创金美利通海源天顺和隆远瑞科伟"
PRIVATE_TYPES = ["170", "170", "170", "159", "169", "190", "600"]


def units_demo_loaded() -> bool:
    return Unit.objects.exists()


@transaction.atomic
def units_demo_load(*, seed: int = 20130321, progress: Callable[[str], None] = print) -> int:
    """Add demo units and contracts to a loaded demo tree; returns the number of units."""
    if units_demo_loaded():
        return 0
    rng = random.Random(seed)
    serial = iter(range(20_000_001, 99_999_999))
    used_names: set[str] = set()

    def code(division: str) -> str:
        return credit_code_make("91", division if len(division) == 6 else "440000", next(serial))

    def small_name(place: str) -> tuple[str, str]:
        while True:
            trade, industry = rng.choice(SMALL_TRADES)
            name = f"{place}{rng.choice(BRANDS)}{rng.choice(BRANDS)}{trade}有限公司"
            if name not in used_names:
                used_names.add(name)
                return name, industry

    def draft(
        name: str, industry: str, employees: int, division: str, covering: Org | None, **extra: object
    ) -> actions.UnitDraft:
        values = {
            "credit_code": code(division), "name": name, "industry": industry,
            "unit_type": extra.pop("unit_type", rng.choice(PRIVATE_TYPES)), "employees": employees,
            "women": employees * rng.randint(25, 60) // 100, "migrants": employees * rng.randint(10, 70) // 100,
            "division": division, "address": extra.pop("address", ""),
        }  # fmt: skip
        clean, errors = actions.unit_values_check(values)
        assert not errors, errors
        return actions.UnitDraft(values=clean, covering=covering)

    by_registered: dict[int, list[actions.UnitDraft]] = defaultdict(list)
    registered_of: dict[int, Org] = {}
    grassroots = Org.objects.filter(level=Level.GRASSROOTS, status=Status.ACTIVE).select_related("parent")
    for union in grassroots.order_by("path"):
        host = union.parent if union.parent is not None and union.parent.level != Level.PROVINCE else union
        registered_of[host.pk] = host
        place = _place(host)
        if union.kind == Kind.ENTERPRISE:
            name = union.name.removesuffix("工会")
            industry = next((v for k, v in TRADE_INDUSTRY.items() if k in name), "03")
            size = int(rng.lognormvariate(4.6, 1.0)) + 25
            by_registered[host.pk].append(draft(name, industry, size, union.division, union))
        else:  # joint and community unions cover small firms around them
            for _ in range(rng.randint(3, 7)):
                name, industry = small_name(place)
                by_registered[host.pk].append(
                    draft(name, industry, rng.randint(6, 60), union.division, union)
                )
    hosts = Org.objects.filter(level__in=[Level.TOWN, Level.COUNTY], status=Status.ACTIVE).order_by("path")
    for host in hosts:
        registered_of[host.pk] = host
        for _ in range(rng.randint(2, 6)):
            name, industry = small_name(_place(host))
            size = rng.choice([8, 12, 18, 22, 26, 30, 45, 60, 90, 150])
            by_registered[host.pk].append(draft(name, industry, size, host.division, None))
    # 赤岗街道: restaurants for a 行业性 contract (two covered by the joint union, one not yet).
    chigang = Org.objects.filter(name="赤岗街道总工会").first()
    joint = Org.objects.filter(name="赤岗街道联合工会").first()
    if chigang is not None and joint is not None:
        for name, size, covering in [("广州赤岗珠江酒家有限公司", 80, joint), ("广州赤岗海鲜舫餐饮有限公司", 45, joint),
                                     ("广州赤岗粤味轩餐饮有限公司", 32, None)]:  # fmt: skip
            by_registered[chigang.pk].append(
                draft(name, "09", size, chigang.division, covering, unit_type="170")
            )
    created = 0
    for host_id, drafts in by_registered.items():
        created += actions.unit_bulk_create(
            actor=None, registered_org=registered_of[host_id], drafts=drafts, on=START, source="演示数据"
        )
    progress(f"  {created} 个单位")
    _history(rng)
    contracts = _contracts(rng, chigang)
    progress(f"  {contracts} 份集体合同")
    return created


def _place(org: Org) -> str:
    name = org.short_name or org.name
    for suffix in ("街道总工会", "镇总工会", "总工会", "工会"):
        name = name.removesuffix(suffix)
    return name[:4]


def _history(rng: random.Random) -> None:
    """2013: some firms grow or shrink, some uncovered firms get a union (the joint union of
    their town, where there is one)."""
    units = list(Unit.objects.select_related("org", "registered_org", "covering_org").order_by("id"))
    joints: dict[int, Org] = {}
    for j in Org.objects.filter(level=Level.GRASSROOTS, kind=Kind.JOINT, status=Status.ACTIVE):
        joints.setdefault(j.parent_id or 0, j)
    for u in rng.sample(units, k=len(units) // 8):
        employees = max(1, int(u.employees * rng.uniform(0.7, 1.5)))
        actions.unit_update(actor=None, unit=u, on=CHANGES, employees=employees, women=min(u.women, employees),
                            migrants=min(u.migrants, employees))  # fmt: skip
    for u in units:
        if (
            u.covering_org_id is None
            and u.registered_org_id in joints
            and u.employees >= 25
            and rng.random() < 0.5
        ):
            actions.unit_update(actor=None, unit=u, on=CHANGES, covering_org=joints[u.registered_org_id])


def _contracts(rng: random.Random, chigang: Org | None) -> int:
    made = 0
    if chigang is not None:
        restaurants = list(Unit.objects.filter(org__path__startswith=chigang.path, industry="09"))
        if len(restaurants) >= 2:
            actions.contract_create(
                actor=None, org=chigang, kind=ContractKind.INDUSTRY, industry="09",
                title="2013年赤岗街道餐饮行业工资专项集体合同", signed_on=dt.date(2013, 3, 1),
                expires_on=dt.date(2016, 2, 28), workers_covered=sum(u.employees for u in restaurants),
                units=restaurants,
            )  # fmt: skip
            made += 1
    xingang = Org.objects.filter(name="新港街道总工会").first()
    if xingang is not None:
        area = list(
            Unit.objects.filter(org__path__startswith=xingang.path, status="active").order_by("id")[:12]
        )
        if len(area) >= 2:
            actions.contract_create(
                actor=None, org=xingang, kind=ContractKind.REGIONAL, title="2013年新港街道区域性集体合同",
                signed_on=dt.date(2013, 1, 15), expires_on=dt.date(2015, 12, 31),
                workers_covered=sum(u.employees for u in area) * 9 // 10, units=area,
            )  # fmt: skip
            made += 1
    own = (
        Unit.objects.filter(covering_org__kind=Kind.ENTERPRISE).select_related("covering_org").order_by("id")
    )
    for u in own:
        if rng.random() < 0.4:
            signed = dt.date(2012, rng.randint(1, 12), rng.randint(1, 28))
            actions.contract_create(
                actor=None, org=u.covering_org, kind=ContractKind.SINGLE,  # type: ignore[arg-type]
                title=f"{u.name}集体合同（{signed.year}）", signed_on=signed,
                expires_on=signed.replace(year=signed.year + rng.choice([1, 2, 3])) - dt.timedelta(days=1),
                workers_covered=u.employees, units=[u],
            )  # fmt: skip
            made += 1
    return made + _renewals(rng)


def _renewals(rng: random.Random) -> int:
    """Contracts are renewed: the current term, so that today's report has coverage too."""
    today = timezone.localdate()
    signed, expires = dt.date(today.year - 1, 3, 1), dt.date(today.year + 2, 2, 28)
    made = 0
    for old in CollectiveContract.objects.order_by("id").prefetch_related("units"):
        if old.kind == ContractKind.SINGLE and rng.random() < 0.3:
            continue  # not every enterprise renewed
        units = list(old.units.filter(status="active"))
        if not units:
            continue
        actions.contract_create(
            actor=None, org=old.org, kind=old.kind, industry=old.industry, units=units,
            title=f"{old.title.split('（')[0].removeprefix('2013年')}（{signed.year}年续签）",
            signed_on=signed, expires_on=expires,
            workers_covered=min(old.workers_covered or 0, sum(u.employees for u in units)),
        )  # fmt: skip
        made += 1
    return made
