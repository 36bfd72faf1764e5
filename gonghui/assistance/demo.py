"""Demo hardship data for the Guangdong demo federation.

低保 lines for the province and its 21 cities (plausible figures for this year and last, not
official ones: administrators edit them), the province's approval rules (镇街 ≤ 2,000 元, 县区 ≤
10,000 元 with a 5-day 公示, above that the city), 海珠区总工会's yearly fund with 50万元 allocated to
its two streets, 茂名市总工会's fund, households in 赤岗街道 and 茂名市直 (and the demo member's own
file), a few applications at each step, and one approved batch of 茂名's 深度困难 households.

    from gonghui.assistance.demo import assistance_demo_load
    assistance_demo_load()     # after members_demo_load(); does nothing if files exist already
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gonghui.kernel.codes import id_number_make
from gonghui.orgs.models import Level, Org

from . import actions
from .models import Household

# 元 per person per month, this year (the previous year's are about 4% lower).
LINES = {
    "440000": 980, "440100": 1330, "440300": 1450, "440400": 1300, "440600": 1250, "441900": 1250,
    "442000": 1200, "440700": 1100, "441300": 1150, "441200": 1050, "440500": 1050, "440200": 990,
    "441600": 980, "441400": 980, "441500": 980, "441700": 990, "440800": 990, "440900": 980,
    "441800": 990, "445100": 990, "445200": 990, "445300": 980,
}  # fmt: skip
QUARTERS = "一二三四"
SURNAMES = "陈李黄张梁林刘吴罗杨何郑谢冯邓许曾蔡彭叶"
GIVEN = [
    "建华",
    "秀英",
    "志强",
    "丽娟",
    "国平",
    "美玲",
    "伟明",
    "桂芳",
    "永红",
    "海燕",
    "文杰",
    "玉兰",
    "锦荣",
    "少芬",
]
CAUSES = ["6", "6", "3", "1", "8", "9", "2", "7", "5"]
STORIES = {
    "6": "本人（或配偶）患重病长期治疗，医疗费用负担重",
    "3": "企业关停后下岗失业，家庭收入骤减",
    "1": "因伤残丧失劳动能力",
    "8": "遭遇交通事故，治疗费用高",
    "9": "两名子女同时在读，教育支出大",
    "2": "配偶有劳动能力但长期未就业",
    "7": "台风致住房受损",
    "5": "社会保险待遇未落实",
}


def assistance_demo_loaded() -> bool:
    return Household.objects.exists()


def assistance_demo_load(*, seed: int = 20130321, progress: Callable[[str], None] = print) -> int:
    """Returns the number of household files made; nothing when the demo has files already."""
    if assistance_demo_loaded():
        return 0
    province = Org.objects.filter(parent__isnull=True, name="广东省总工会").first()
    if province is None:
        raise RuntimeError("load the demo federation first (demo_load)")
    rng = random.Random(seed)
    year = timezone.localdate().year
    for division, monthly in LINES.items():
        for y, value in (
            (year, Decimal(monthly)),
            (year - 1, (Decimal(monthly) * Decimal("0.96")).quantize(Decimal("1"))),
        ):
            actions.subsistence_line_set(
                actor=None, division=division, year=y, monthly=value, note="演示数据（可修改）"
            )
    for level, limit, escalate, publicity in (
        ("town", "2000", 10, 0),
        ("county", "10000", 15, 5),
        ("city", None, 20, 0),
    ):
        actions.approval_rule_set(actor=None, owner=province, level=level, limit=limit, escalate_days=escalate,
                                  publicity_days=publicity)  # fmt: skip
    haizhu = Org.objects.filter(name="广州市海珠区总工会").first()
    streets = [
        o for o in (Org.objects.filter(name=n).first() for n in ("赤岗街道总工会", "新港街道总工会")) if o
    ]
    if haizhu is not None:
        actions.fund_deposit(
            actor=None, org=haizhu, year=year, amount="800000", note=f"{year}年区级困难职工帮扶专项资金"
        )
        for street, amount in zip(streets, ("300000", "200000"), strict=False):
            actions.fund_allocate(actor=None, source=haizhu, target=street, year=year, amount=amount,
                                  note=f"{year}年困难职工帮扶专项资金")  # fmt: skip
    maoming = Org.objects.filter(name="茂名市总工会").first()
    if maoming is not None:
        actions.fund_deposit(
            actor=None, org=maoming, year=year, amount="1000000", note=f"{year}年市级困难职工帮扶专项资金"
        )
    made = 0
    serial = iter(range(1, 900))

    def person(division: str, born: dt.date) -> str:
        return id_number_make(division, born, next(serial))

    def household(org: Org, division: str, **over: Any) -> Household:
        cause = over.pop("main_cause", rng.choice(CAUSES))
        born = dt.date(rng.randint(1968, 1990), rng.randint(1, 12), rng.randint(1, 28))
        name = over.pop("name", rng.choice(SURNAMES) + rng.choice(GIVEN))
        values = {
            "name": name, "ethnicity": "汉族", "political_status": rng.choice(["群众", "群众", "中共党员"]),
            "id_number": over.pop("id_number", None) or person(division, born),
            "health": "恶性肿瘤" if cause == "6" else rng.choice(["良好", "一般疾病", "高血压病"]),
            "work_status": "失(无)业" if cause == "3" else "在岗", "model_worker": "无",
            "housing": rng.choice(["租房", "自购房", "政府廉租房"]), "phone": f"139{rng.randint(10000000, 99999999)}",
            "marital": "已婚", "hukou_type": "非农业", "hukou_division": division, "address": f"{org.name.removesuffix('工会')}附近",
            "employer": org.name.removesuffix("工会"), "monthly_income": str(rng.choice([0, 800, 1200, 1500, 1800, 2200])),
            "other_income": "0", "rigid_expenses": str(rng.choice([0, 6000, 12000, 20000])),
            "hardship_costs": "0", "insurance": "职工医保", "main_cause": cause,
            "secondary_causes": rng.sample([c for c in ("4", "9", "6") if c != cause], k=rng.randint(0, 2)),
            "bank_name": rng.choice(["中国工商银行", "中国农业银行", "中国建设银行", "广东农信"]),
            "bank_branch": f"{(org.short_name or org.name)[:4]}支行",
            "bank_account": f"62{rng.randint(10**16, 10**17 - 1)}",
        }  # fmt: skip
        values.update(over)
        spouse_born = born + dt.timedelta(days=rng.randint(-900, 900))
        family = [
            {"name": rng.choice(SURNAMES) + rng.choice(GIVEN), "relation": "配偶", "id_number": person(division, spouse_born),
             "monthly_income": str(rng.choice([0, 0, 600, 1000])), "identity": rng.choice(["失(无)业", "在岗", "务农"]),
             "insurance": "居民医保"},
        ]  # fmt: skip
        for _ in range(rng.randint(0, 2)):
            child_born = dt.date(rng.randint(2008, 2018), rng.randint(1, 12), rng.randint(1, 28))
            family.append({"name": name[0] + rng.choice(GIVEN), "relation": "子女", "id_number": person(division, child_born),
                           "monthly_income": "0", "identity": "在校学生", "insurance": "居民医保"})  # fmt: skip
        return actions.household_create(actor=None, org=org, values=values, family=family)

    chigang = Org.objects.filter(name="赤岗街道联合工会").first()
    files: list[Household] = []
    if chigang is not None:
        files = [household(chigang, "440105") for _ in range(10)]
        made += len(files)
        _applications(files, rng)
    own = _member_file(household)
    made += own
    if maoming is not None:
        hosts = list(
            Org.objects.filter(parent=maoming, level=Level.GRASSROOTS, status="active").order_by("path")[:6]
        )
        hosts = hosts or list(
            Org.objects.filter(path__startswith=maoming.path, level=Level.GRASSROOTS, status="active")[:6]
        )
        hosts = hosts or [maoming]  # 市直: files kept by the city union itself
        mm = [household(hosts[i % len(hosts)], "440900", monthly_income=str(rng.choice([0, 500, 800])),
                        rigid_expenses="3000") for i in range(36)] if hosts else []  # fmt: skip
        made += len(mm)
        if mm:
            quarter = QUARTERS[(timezone.localdate().month - 1) // 3]
            batch = actions.batch_create(
                actor=None, org=maoming, title=f"{year}年第{quarter}季度茂名市直深度困难职工生活救助", kind="living", amount="600",
                criteria=actions.Criteria(within=maoming, tier="deep"),
            )  # fmt: skip
            actions.batch_approve(actor=None, batch=batch)
    progress(f"  {made} 户困难职工档案")
    return made


def _applications(files: list[Household], rng: random.Random) -> None:
    for h, (kind, amount, step) in zip(files, [
        ("medical", "1800", "paid"), ("schooling", "1500", "approved"), ("living", "800", "submitted"),
        ("medical", "6000", "submitted"), ("warmth", "500", "paid"), ("living", "20000", "submitted"),
    ], strict=False):  # fmt: skip
        a = actions.application_submit(actor=None, household=h, kind=kind, amount=amount,
                                       reason=STORIES.get(h.main_cause, "家庭生活困难"))  # fmt: skip
        if step in ("approved", "paid"):
            a = actions.application_approve(actor=None, application=a)
        if step == "paid":
            actions.application_pay(actor=None, application=a)


def _member_file(household: Callable[..., Household]) -> int:
    """The demo member's own file, so that the member pages show an application."""
    from gonghui.members.models import Member

    me = Member.objects.filter(name="陈会员").select_related("org").first()
    if me is None:
        return 0
    h = household(
        me.org, "440605", name="陈会员", id_number=me.id_number, main_cause="6", monthly_income="1500"
    )
    actions.application_submit(actor=None, household=h, kind="medical", amount="1200", reason="母亲住院手术，自付费用高",
                               by_member=False)  # fmt: skip
    return 1
