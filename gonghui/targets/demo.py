"""Demo targets from the seed bulletin (March 2013).

揭阳市总工会 splits its 101 indicators of the year among named owners (看管人) in its departments;
January and February are reported, some late, some behind and flagged red; the membership
indicators are split among its five counties. 茂名市总工会's ten 民生实事 are followed quarter by
quarter, on its public page. 湛江市总工会 gives its counties 建会率 and 集体合同覆盖率 targets computed
from the ledger. 佛山市总工会's skills competition is scored and its winners published.

    from gonghui.targets.demo import targets_demo_load
    targets_demo_load()       # after demo_load() and the units ledger; does nothing if loaded
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction

from gonghui.orgs.models import Org

from . import actions
from .models import Direction, Indicator, Measure, Target

YEAR = 2013
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志文斌玲红辉鹏飞俊峰海燕晓东"

# 揭阳's catalogue: (category, owner department, [(name, unit, yearly target, direction)]).
H, L = Direction.HIGHER, Direction.LOWER
JIEYANG: list[tuple[str, str, list[tuple[str, str, int, str]]]] = [
    ("组织建设", "基层工作部", [
        ("新建基层工会组织", "家", 320, H), ("新发展工会会员", "人", 42000, H), ("新发展农民工会员", "人", 26000, H),
        ("非公有制企业新建工会", "家", 240, H), ("新建区域性、行业性联合工会", "家", 18, H),
        ("新建村（社区）工会", "家", 40, H), ("新建工会规范化建设示范单位", "家", 30, H),
        ("基层工会换届选举", "家", 260, H), ("工会会员实名制录入", "人", 180000, H), ("会员信息核查更新", "人", 60000, H),
        ("新建工会法人资格登记", "家", 150, H), ("基层工会主席培训", "人次", 800, H), ("新建“职工之家”", "家", 60, H),
        ("新建“职工书屋”", "家", 25, H), ("新就业形态劳动者入会", "人", 3000, H), ("建会企业回访", "家", 400, H),
    ]),
    ("维权服务", "法律工作部", [
        ("新签工资集体协商协议", "份", 420, H), ("区域性行业性工资集体协商", "份", 30, H),
        ("集体合同续签", "份", 300, H), ("女职工权益保护专项集体合同", "份", 200, H),
        ("劳动争议调解组织新建", "个", 60, H), ("受理职工法律援助案件", "件", 260, H),
        ("职工法律咨询", "人次", 5200, H), ("挽回职工经济损失", "万元", 1200, H),
        ("欠薪群体性事件", "起", 6, L), ("劳动保护监督检查", "家", 300, H), ("厂务公开民主管理单位", "家", 500, H),
        ("职工代表大会建制", "家", 420, H), ("“安康杯”竞赛参赛企业", "家", 380, H),
        ("职业病防治宣传", "场", 40, H), ("劳动法律监督员培训", "人次", 600, H),
        ("12351 热线接听办结率", "%", 98, H), ("信访件按期办结", "件", 120, H),
    ]),
    ("帮扶救助", "保障工作部", [
        ("困难职工档案建档", "户", 2600, H), ("困难职工档案动态核查", "户", 2600, H),
        ("“送温暖”慰问困难职工", "户", 3000, H), ("发放“送温暖”资金", "万元", 450, H),
        ("金秋助学资助学生", "人", 600, H), ("发放助学金", "万元", 180, H), ("医疗救助困难职工", "人次", 800, H),
        ("发放医疗救助金", "万元", 160, H), ("“春风行动”招聘会", "场", 12, H), ("提供就业岗位", "个", 20000, H),
        ("促成就业", "人", 6000, H), ("职工技能培训", "人次", 8000, H), ("农民工返乡创业扶持", "人", 300, H),
        ("职工医疗互助参保", "人", 50000, H), ("互助金赔付", "万元", 300, H), ("“夏送清凉”慰问一线职工", "人次", 20000, H),
        ("困难劳模帮扶", "人", 40, H), ("心理咨询服务", "人次", 900, H), ("职工服务中心窗口满意率", "%", 95, H),
    ]),
    ("劳动竞赛与职工素质", "经济技术部", [
        ("重点工程劳动竞赛项目", "个", 20, H), ("职工技能竞赛", "场", 16, H), ("参赛职工", "人次", 12000, H),
        ("合理化建议征集", "条", 6000, H), ("合理化建议采纳", "条", 2000, H), ("技术革新成果", "项", 300, H),
        ("新建劳模创新工作室", "个", 8, H), ("职工职业技能鉴定", "人", 5000, H), ("“工人先锋号”推荐", "个", 20, H),
        ("五一劳动奖章推荐", "人", 15, H), ("职工读书活动", "场", 30, H), ("职工学历提升", "人", 400, H),
        ("农民工“求学圆梦”", "人", 300, H), ("班组长培训", "人次", 1500, H),
    ]),
    ("宣传教育", "宣传教育部", [
        ("工会新闻宣传稿件", "篇", 600, H), ("省级以上媒体用稿", "篇", 80, H), ("《工作简报》报送采用", "篇", 48, H),
        ("职工文体活动", "场", 120, H), ("职工文化节项目", "项", 20, H), ("基层宣讲", "场", 60, H),
        ("工会网站更新", "条", 1200, H), ("微信公众号推文", "篇", 300, H), ("职工书屋借阅", "人次", 30000, H),
        ("职工志愿服务", "人次", 5000, H), ("劳模宣讲进企业", "场", 30, H),
    ]),
    ("女职工工作", "女职工部", [
        ("女职工委员会组建", "个", 300, H), ("女职工“两癌”筛查", "人", 6000, H), ("女职工特殊疾病互助参保", "人", 20000, H),
        ("“爱心妈妈小屋”建设", "个", 40, H), ("女职工技能培训", "人次", 2000, H), ("女职工维权咨询", "人次", 800, H),
        ("巾帼建功竞赛", "场", 10, H), ("单亲困难女职工帮扶", "户", 200, H),
    ]),
    ("经费与经审", "财务部", [
        ("工会经费收缴", "万元", 9000, H), ("税务代收工会经费", "万元", 6000, H), ("会费收缴", "万元", 400, H),
        ("经费返还基层", "万元", 3500, H), ("经费审计单位", "家", 150, H), ("审计整改落实率", "%", 100, H),
        ("资产登记核查", "项", 60, H), ("预算执行率", "%", 95, H), ("“三公”经费支出", "万元", 60, L),
    ]),
    ("自身建设", "办公室", [
        ("机关干部培训", "人次", 300, H), ("调查研究报告", "篇", 24, H), ("督查督办事项办结", "件", 80, H),
        ("县区工会工作考核", "个", 5, H), ("信息化平台录入单位", "家", 2000, H), ("公文办理按期率", "%", 100, H),
        ("党风廉政建设责任制落实", "项", 12, H),
    ]),
]  # fmt: skip

# 茂名's ten 民生实事 of the year: (name, unit, yearly promise, quarterly milestones).
MAOMING: list[tuple[str, str, int, list[int]]] = [
    ("每季度帮扶困难职工家庭", "户", 2400, [25, 50, 75, 100]),
    ("家政服务员免费培训", "人", 1000, [20, 45, 75, 100]),
    ("女职工免费健康检查", "人", 5000, [10, 40, 70, 100]),
    ("农民工免费技能培训", "人", 3000, [20, 50, 80, 100]),
    ("“金秋助学”资助困难职工子女", "人", 500, [0, 0, 60, 100]),
    ("建设户外劳动者爱心驿站", "个", 30, [20, 50, 80, 100]),
    ("“春风行动”提供就业岗位", "个", 15000, [60, 75, 90, 100]),
    ("职工法律援助案件办结", "件", 200, [25, 50, 75, 100]),
    ("新增职工医疗互助参保", "人", 20000, [30, 55, 80, 100]),
    ("“夏送清凉”慰问高温作业职工", "人次", 12000, [0, 50, 100, 100]),
]


def targets_demo_loaded() -> bool:
    return Indicator.objects.exists()


def _names(rng: random.Random, n: int) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        if name not in out:
            out.append(name)
    return out


def _report(target: Target, month: int, value: Decimal, rng: random.Random, *, late: bool = False) -> None:
    nxt = dt.date(YEAR, month + 1, 1)
    on = nxt + dt.timedelta(days=rng.randint(7, 15) if late else rng.randint(0, 4))
    actions.report_submit(
        actor=None, target=target, month=month, value=value, on=on,
        evidence=f"{month}月工作台账及相关佐证材料已存档。",
    )  # fmt: skip


def _jieyang(city: Org, rng: random.Random) -> int:
    owners = _names(rng, 40)
    counties = list(Org.objects.filter(parent=city, status="active").order_by("path"))
    n = 0
    for c, (category, dept, items) in enumerate(JIEYANG, start=1):
        for i, (name, unit, value, direction) in enumerate(items, start=1):
            indicator = actions.indicator_create(
                actor=None, org=city, code=f"{c}.{i:02d}", name=name, unit=unit, direction=direction,
                category=category, measure=Measure.LEVEL if unit == "%" else Measure.CUMULATIVE,
            )  # fmt: skip
            baseline = Decimal(value - 3) if unit == "%" else Decimal(0)
            target = actions.target_set(
                actor=None, org=city, indicator=indicator, year=YEAR, value=value, baseline=baseline,
                owner_name=f"{dept} {owners[(c * 7 + i) % len(owners)]}",
            )  # fmt: skip
            n += 1
            if category == "组织建设" and i <= 3 and counties:
                # Membership is built in the counties: split, and their reports add up.
                shares = _split(value, len(counties), rng)
                actions.target_cascade(
                    actor=None, target=target,
                    shares=[actions.Share(o.pk, s, f"{o.short_name or o.name} {rng.choice(owners)}")
                            for o, s in zip(counties, shares, strict=True)],
                )  # fmt: skip
                for part in target.children.all():
                    for month in (1, 2):
                        _report(part, month, _value(part, month, rng), rng, late=rng.random() < 0.2)
                continue
            roll = rng.random()
            if roll < 0.08:
                continue  # January not reported: overdue
            _report(target, 1, _value(target, 1, rng), rng, late=roll < 0.2)
            if roll < 0.3:
                continue  # February overdue
            _report(target, 2, _value(target, 2, rng), rng, late=roll > 0.9)
    return n


def _split(value: int, parts: int, rng: random.Random) -> list[int]:
    weights = [rng.uniform(0.7, 1.3) for _ in range(parts)]
    shares = [int(value * w / sum(weights)) for w in weights]
    shares[0] += value - sum(shares)
    return shares


def _value(target: Target, month: int, rng: random.Random) -> Decimal:
    """A month's value: most on track, some behind (yellow or red)."""
    from .progress import expected

    due = expected(
        value=target.value, baseline=target.baseline, month=month, milestones=target.quarter_milestones
    )
    way = due - target.baseline
    pace = rng.choice([1.15, 1.05, 1.0, 0.97, 0.95, 0.92, 0.88, 0.85, 0.7, 0.55])
    if target.indicator.direction == Direction.LOWER:
        pace = 2 - pace
    return (target.baseline + way * Decimal(str(pace))).quantize(Decimal("1" if way > 20 else "0.01"))


def _maoming(city: Org, rng: random.Random) -> int:
    owners = _names(rng, 10)
    for i, (name, unit, value, milestones) in enumerate(MAOMING, start=1):
        indicator = actions.indicator_create(
            actor=None, org=city, code=f"民生{i:02d}", name=name, unit=unit, category="民生实事",
            note="茂名市总工会年度十件民生实事",
        )  # fmt: skip
        target = actions.target_set(
            actor=None, org=city, indicator=indicator, year=YEAR, value=value, milestones=milestones,
            owner_name=owners[i - 1],
        )  # fmt: skip
        for month in (1, 2):
            _report(target, month, _value(target, month, rng), rng)
        actions.target_publish(actor=None, target=target, public=True)
    actions.publication_set(
        actor=None, org=city, active=True, title=f"{city.name}{YEAR}年十件民生实事进度公开"
    )
    return len(MAOMING)


def _zhanjiang(city: Org, rng: random.Random) -> int:
    counties = list(Org.objects.filter(parent=city, status="active").order_by("path"))
    n = 0
    for code, name, source, value in (
        ("考核01", "建会率", "units.union_rate", 90),
        ("考核02", "集体合同单位覆盖率", "units.contract_unit_rate", 85),
    ):
        indicator = actions.indicator_create(
            actor=None, org=city, code=code, name=name, unit="%", source=source, category="“两个普遍”考核"
        )
        target = actions.target_set(
            actor=None, org=city, indicator=indicator, year=YEAR, value=value, baseline=value - 10,
            owner_name="基层工作部 " + _names(rng, 1)[0],
        )  # fmt: skip
        if counties:
            actions.target_cascade(
                actor=None, target=target,
                shares=[actions.Share(o.pk, value + rng.choice((-2, 0, 0, 3)), "") for o in counties],
            )  # fmt: skip
        n += 1 + len(counties)
    for month in (1, 2):
        actions.targets_compute(actor=None, year=YEAR, month=month, within=city)
    return n


def _foshan(city: Org, rng: random.Random) -> int:
    """佛山's skills competition of the year: scored, ranked, winners published."""
    c = actions.competition_create(
        actor=None, org=city, name=f"佛山市{YEAR}年职工职业技能竞赛（数控车工）", kind="skills",
        starts_on=dt.date(YEAR, 4, 18), ends_on=dt.date(YEAR, 4, 20), note="理论考试与实际操作，前三名推荐申报市五一劳动奖章",
    )  # fmt: skip
    theory = actions.item_add(actor=None, competition=c, name="理论知识", weight=30)
    practice = actions.item_add(actor=None, competition=c, name="实际操作", weight=70)
    counties = list(Org.objects.filter(parent=city, status="active").order_by("path"))
    names = _names(rng, 2 * len(counties))
    entrants = []
    for i, county in enumerate(counties):
        for j in range(2):
            name = names[2 * i + j]
            entrants.append(actions.entrant_add(
                actor=None, competition=c, org=county, name=name,
                work_unit=f"{(county.short_name or county.name).removesuffix('总工会')}{rng.choice(['机械', '精密', '数控', '模具'])}制造有限公司",
            ))  # fmt: skip
    actions.competition_start(actor=None, competition=c)
    for e in entrants:
        actions.scores_record(
            actor=None, entrant=e,
            scores={theory.pk: Decimal(rng.randint(60, 98)), practice.pk: Decimal(rng.randint(550, 980)) / 10},
        )  # fmt: skip
    actions.competition_close(actor=None, competition=c, awards=(1, 2, 3))
    # The first prize goes into the honour register as 市五一劳动奖章 (when the honours module is there).
    from gonghui.honours.models import HonourKind

    medal = HonourKind.objects.filter(org=None, name="市五一劳动奖章").first()
    if medal is not None:
        actions.competition_honour(
            actor=None, competition=c, kind=medal, awards=["first"], awarded_on=dt.date(YEAR, 4, 28),
            doc_no=f"佛工〔{YEAR}〕15号",
        )  # fmt: skip
    return 0


def targets_demo_load(*, seed: int = 20130321, progress: Callable[[str], None] = print) -> int:
    """Add the seed's indicators and targets to a loaded demo tree; returns the number of targets."""
    if targets_demo_loaded() or not Org.objects.filter(name="广东省总工会", parent__isnull=True).exists():
        return 0
    rng = random.Random(seed)
    with transaction.atomic():
        made = 0
        for name, load in (
            ("揭阳市总工会", _jieyang),
            ("茂名市总工会", _maoming),
            ("湛江市总工会", _zhanjiang),
            ("佛山市总工会", _foshan),
        ):
            city = Org.objects.filter(name=name).first()
            if city is not None:
                made += load(city, rng)
    progress(f"  目标管理：{Indicator.objects.count()} 项指标，{Target.objects.count()} 个年度目标")
    return made
