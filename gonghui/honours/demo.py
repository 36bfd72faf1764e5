"""Demo honours from the seed bulletin (March 2013).

佛山市总工会 names 41 劳动模范创新室 on 21 March (崔汉彬, 全国五一劳动奖章, at 九江酒厂; 刘志伟,
省劳动模范, at 九江镇初级中学) and visits eight model workers in hardship with 1,000 元 each;
揭阳市总工会 honours the 黑点专项整治项目团队 of 揭阳移动 as 揭阳市工人先锋号 and 王玩龙 with the
揭阳市五一劳动奖章; 省海员工会 honours its second 十佳海嫂; 深圳 sets up 首席员工; 东莞 opens its
8th 劳模 round with places for its towns; 广州 has a round under way for the demo logins (a
nomination of 赤岗街道联合工会 waits at 海珠区). Other people's names are generated.

    from gonghui.honours.demo import honours_demo_load
    honours_demo_load()       # after demo_load(); does nothing if honours exist already
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction

from gonghui.kernel import cleaning
from gonghui.orgs.models import Level, Org

from . import actions
from .kinds import catalogue_ensure
from .models import Honour, HonourKind, Round

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志文斌玲红辉鹏飞俊峰海燕晓东"
NAMED_ON = dt.date(2013, 3, 21)
FIELDS = ["陶瓷工艺", "数控加工", "电气自动化", "酿酒工艺", "模具设计", "节能降耗", "家电研发", "纺织印染",
          "食品安全", "机械维修", "教学改革", "护理服务"]  # fmt: skip
JOBS = ["车间主任", "技术员", "班组长", "高级技师", "质检员", "电工", "教师", "护士长"]


def honours_demo_loaded() -> bool:
    return Honour.objects.exists() or Round.objects.exists()


def _org(name: str) -> Org:
    return Org.objects.get(name=name, status="active")


def _grassroots(under: Org) -> list[Org]:
    return list(Org.objects.filter(path__startswith=under.path, level=Level.GRASSROOTS).order_by("path"))


class _Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def take(self) -> str:
        while True:
            name = self.rng.choice(SURNAMES) + "".join(
                self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2)))
            )
            if name not in self.used:
                self.used.add(name)
                return name


def _kind(name: str) -> HonourKind:
    return HonourKind.objects.get(org=None, name=name)


def _unit(org: Org) -> str:
    return org.name.removesuffix("工会") or org.name


@transaction.atomic
def honours_demo_load(*, seed: int = 20130321, progress: Callable[[str], None] = print) -> int:
    """Add the seed's honours, studios, care and rounds to a loaded demo tree; returns the number of
    honours in the register."""
    if honours_demo_loaded():
        return 0
    catalogue_ensure()
    rng = random.Random(seed)
    names = _Names(rng)
    province = Org.objects.get(name="广东省总工会", parent__isnull=True)
    foshan, jieyang, seamen = _org("佛山市总工会"), _org("揭阳市总工会"), _org("广东省海员工会")
    shenzhen, dongguan, guangzhou = _org("深圳市总工会"), _org("东莞市总工会"), _org("广州市总工会")

    # Kinds set up by a union for itself.
    chief = actions.kind_create(actor=None, org=shenzhen, name="首席员工", level="city", category="title",
                                awarding_body="深圳市总工会")  # fmt: skip
    wives = actions.kind_create(actor=None, org=seamen, name="十佳海嫂", level="other", category="title",
                                awarding_body="广东省海员工会")  # fmt: skip

    # 佛山: 崔汉彬 and 刘志伟, and the 41 studios named on 21 March.
    jiujiang_winery = _org("广东九江酒厂有限公司工会")
    cui = actions.honour_record(actor=None, org=jiujiang_winery, kind=_kind("全国五一劳动奖章"), name="崔汉彬", sex="男",
                                unit="广东九江酒厂有限公司", job="经理", awarded_on=dt.date(2009, 4, 28))  # fmt: skip
    liu = actions.honour_record(actor=None, org=jiujiang_winery, kind=_kind("省劳动模范"), name="刘志伟", sex="男",
                                unit="佛山市南海区九江镇初级中学", job="教师", awarded_on=dt.date(2010, 4, 28))  # fmt: skip
    hosts = _grassroots(foshan)
    studios = [
        (cui, "崔汉彬劳动模范创新室", "广东九江酒厂有限公司", "酿酒工艺", jiujiang_winery),
        (liu, "刘志伟劳动模范创新室", "佛山市南海区九江镇初级中学", "教学改革", jiujiang_winery),
    ]
    model_workers = []
    while len(studios) < 41:
        host = hosts[len(studios) % len(hosts)]
        name = names.take()
        honour = actions.honour_record(
            actor=None, org=host, kind=_kind("市劳动模范" if len(studios) % 3 else "省劳动模范"), name=name,
            sex=rng.choice("男女"), unit=_unit(host), job=rng.choice(JOBS),
            awarded_on=dt.date(rng.choice((2005, 2008, 2010, 2012)), 4, 28),
        )  # fmt: skip
        model_workers.append(honour)
        studios.append((honour, f"{name}劳动模范创新室", _unit(host), rng.choice(FIELDS), host))
    for lead, name, unit, field, host in studios:
        studio = actions.studio_create(actor=None, org=host, name=name, lead=lead, lead_name=lead.name, unit=unit,
                                       field=field, level="city", named_on=NAMED_ON,
                                       members=rng.randint(6, 25))  # fmt: skip
        actions.studio_year_set(actor=None, studio=studio, year=2012, patents=rng.randint(0, 6),
                                improvements=rng.randint(2, 20), savings=str(rng.randint(5, 300) * 10_000),
                                trained=rng.randint(20, 300))  # fmt: skip
    # Eight model workers in hardship visited with 1,000 元 each (18–28 March).
    for i, honour in enumerate(model_workers[:8]):
        actions.care_record(actor=None, org=foshan, honour=honour, kind="visit", on=dt.date(2013, 3, 18 + i),
                            amount="1000", note="“走企业、访职工”调研期间上门慰问困难劳模，送慰问金及慰问品")  # fmt: skip
    progress(f"  佛山：{len(studios)} 家劳动模范创新室，8 名困难劳模慰问")

    # 揭阳: 工人先锋号 and a 五一劳动奖章 after the skills competition.
    jieyang_host = (_grassroots(jieyang) or [jieyang])[0]
    actions.honour_record(actor=None, org=jieyang_host, kind=_kind("市工人先锋号"),
                          name="中国移动通信集团广东有限公司揭阳分公司黑点专项整治项目团队",
                          unit="中国移动通信集团广东有限公司揭阳分公司", awarded_on=dt.date(2013, 3, 20),
                          note="“网络一体化竞赛，劳动技术大练兵”技能竞赛团体综合一等奖")  # fmt: skip
    actions.honour_record(actor=None, org=jieyang_host, kind=_kind("市五一劳动奖章"), name="王玩龙", sex="男",
                          unit="中国移动通信集团广东有限公司揭阳分公司", job="网络优化工程师",
                          awarded_on=dt.date(2013, 3, 20), note="技能竞赛“攻关能手”")  # fmt: skip

    # 省海员工会: the second 十佳海嫂.
    for _ in range(10):
        actions.honour_record(actor=None, org=seamen, kind=wives, name=names.take(), sex="女",
                              unit="广东省海员系统", awarded_on=dt.date(2013, 3, 25), doc_no="第二届")  # fmt: skip

    # 深圳: 首席员工.
    luohu = _org("深圳市罗湖区总工会")
    for host in (_grassroots(luohu) or [luohu])[:3]:
        actions.honour_record(actor=None, org=host, kind=chief, name=names.take(), sex=rng.choice("男女"),
                              unit=_unit(host), job=rng.choice(JOBS), awarded_on=dt.date(2013, 1, 15))  # fmt: skip

    # Provincial model workers here and there, for the register's chart.
    for year in (2005, 2010, 2015, 2020, 2025):
        for host in rng.sample(_grassroots(province), 4):
            actions.honour_record(actor=None, org=host, kind=_kind("省劳动模范"), name=names.take(),
                                  sex=rng.choice("男女"), unit=_unit(host), job=rng.choice(JOBS),
                                  awarded_on=dt.date(year, 4, 28))  # fmt: skip

    # 东莞: the 8th round, places for its towns.
    today = cleaning.today()
    round = actions.round_open(
        actor=None, org=dongguan, kind=_kind("市劳动模范"), title="东莞市第八届劳动模范评选", year=today.year,
        places=120, nominate_until=today + dt.timedelta(days=30), notice_days=7, frontline_min_pct=60,
        leaders_max=15, objection_contact="东莞市总工会劳动经济部",
    )  # fmt: skip
    for town in Org.objects.filter(parent=dongguan, level=Level.TOWN).order_by("path"):
        actions.quota_set(actor=None, round=round, org=town, places=6)
        for host in _grassroots(town)[:3]:
            n = actions.nomination_create(actor=None, round=round, org=host, name=names.take(), sex=rng.choice("男女"),
                                          unit=_unit(host), job=rng.choice(JOBS), frontline=True,
                                          deeds="扎根生产一线，牵头技术攻关，带徒传技。")  # fmt: skip
            actions.nomination_submit(actor=None, nomination=n)

    # 广州: a round under way for the demo logins.
    gz = actions.round_open(
        actor=None, org=guangzhou, kind=_kind("市五一劳动奖章"), title=f"{today.year}年广州市五一劳动奖章评选",
        year=today.year, places=30, nominate_until=today + dt.timedelta(days=20), notice_days=5,
        frontline_min_pct=70, leaders_max=3, objection_contact="广州市总工会经济工作部",
    )  # fmt: skip
    haizhu = _org("广州市海珠区总工会")
    actions.quota_set(actor=None, round=gz, org=haizhu, places=3)
    chigang = _org("赤岗街道联合工会")
    n = actions.nomination_create(actor=None, round=gz, org=chigang, name="陈建华", sex="男",
                                  unit="广州赤岗某机械有限公司", job="数控车工班组长", frontline=True,
                                  deeds="从事数控加工二十年，牵头完成技术革新12项，带出徒弟30余人。")  # fmt: skip
    actions.nomination_submit(actor=None, nomination=n)
    count = Honour.objects.count()
    progress(f"  劳模档案 {count} 条，评选 2 项")
    return count
