"""Demo job fairs from the seed bulletin (March 2013), written in bulk so that `make demo` stays
fast, and one fair open now for the demo worker.

- 广东工会“春风行动2013”启动仪式暨广州市“春风行动2013”促进就业专场招聘会, 3月19日, 海珠区新港中路丽影广场:
  102 企业, 3,600 多个岗位 (物业、餐饮、信息等服务业及制造业), a few hundred seekers checked in,
  interviews and intended hires recorded;
- 中山市总工会“四送”服务活动 (送岗位、送技能、送法律、送保健), 全民健身广场: 180 企业, 4,000 多个岗位,
  more than 4,000 seekers;
- 广州市总工会2026年春风行动专场招聘会 a week from today, open for registration, with a 海珠区 分会场.

Every figure of these fairs is counted from these rows.

    from gonghui.jobfairs.demo import jobfairs_demo_load
    jobfairs_demo_load()       # after demo_load(); does nothing if a fair exists already
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from gonghui.kernel import crypto
from gonghui.kernel.codes import credit_code_make
from gonghui.orgs.models import Org

from . import actions
from .actions import PHONE_PURPOSE
from .choices import FairKind
from .models import Employer, Fair, FairState, Interview, Outcome, Position, ReviewState, Seeker

SEED_DAY = dt.date(2013, 3, 19)
GUANGZHOU_DISTRICTS = ["440103", "440104", "440105", "440106", "440111", "440112", "440113", "440114"]
ZHONGSHAN = "442000"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志文斌玲红辉鹏飞俊峰海燕晓东"
BRANDS = "华粤南泰鸿信达宏恒丰盛嘉美新利通卓越维创"
# (industry, what such firms are called, positions: (title, pay from, pay to, skills))
TRADES: list[tuple[str, str, list[tuple[str, int, int, list[str]]]]] = [
    ("03", "电子科技有限公司", [("普工", 2200, 2800, ["普工"]), ("电子装配工", 2400, 3200, ["电子组装"]),
                         ("质检员", 2600, 3400, ["质检"]), ("注塑技工", 2800, 3800, ["注塑"])]),
    ("03", "五金制品有限公司", [("数控车床操作工", 3000, 4500, ["数控车床"]), ("焊工", 3200, 4800, ["焊工证"]),
                         ("叉车司机", 2800, 3600, ["叉车证"]), ("仓管员", 2400, 3000, ["仓储物流", "电脑操作"])]),
    ("03", "服装有限公司", [("车缝工", 2500, 4000, ["缝纫"]), ("裁床工", 2400, 3500, ["裁剪"]),
                       ("包装工", 2000, 2600, ["包装"])]),
    ("09", "酒家有限公司", [("餐厅服务员", 2000, 2600, ["餐厅服务"]), ("厨师", 3500, 6000, ["厨师"]),
                       ("面点师", 3000, 4500, ["面点"]), ("收银员", 2200, 2800, ["收银", "电脑操作"])]),
    ("15", "物业管理有限公司", [("保安员", 2200, 2800, ["保安"]), ("保洁员", 1800, 2300, ["保洁"]),
                         ("水电维修工", 2800, 3800, ["水电安装", "电工证"]), ("家政服务员", 2500, 4000, ["家政"])]),
    ("07", "信息技术有限公司", [("网络客服", 2500, 3500, ["客服", "电脑操作"]), ("电脑操作员", 2300, 3000, ["电脑操作"]),
                         ("文员", 2200, 2800, ["文员", "电脑操作"])]),
    ("08", "商贸有限公司", [("销售代表", 2500, 5000, ["销售"]), ("理货员", 2000, 2500, []),
                       ("收银员", 2100, 2600, ["收银"])]),
    ("06", "物流有限公司", [("快递分拣员", 2600, 3600, ["快递分拣"]), ("货车司机", 4000, 6000, ["驾驶A2/B2"]),
                       ("送货司机", 3200, 4200, ["驾驶C1"])]),
    ("05", "建筑工程有限公司", [("钢筋工", 4000, 6000, ["钢筋"]), ("木工", 4000, 6500, ["木工"]),
                         ("砌筑工", 3800, 5500, ["砌筑"])]),
]  # fmt: skip
# The seed's shares: 物业、餐饮、信息等服务业及制造业.
TRADE_WEIGHTS = [14, 12, 8, 16, 18, 10, 8, 8, 6]


def jobfairs_demo_loaded() -> bool:
    return Fair.objects.exists()


class _Maker:
    """Names, codes and phone numbers, drawn from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.serial = 70_000_000 + seed * 100_000
        self.phone = 13_600_000_000 + seed * 1_000_000
        self.seal: Callable[[str], str] = crypto.encrypt

    def code(self, division: str) -> str:
        self.serial += 1
        return credit_code_make("91", division, self.serial)

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(
            self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2)))
        )

    def phone_number(self) -> str:
        self.phone += self.rng.randint(1, 997)
        return str(self.phone)


def _employers_and_positions(
    fair: Fair,
    make: _Maker,
    *,
    employers: int,
    positions: int,
    city: str,
    places: list[str],
    approved: bool = True,
) -> list[Employer]:
    rows: list[Employer] = []
    trades: list[int] = []
    for i in range(employers):
        t = make.rng.choices(range(len(TRADES)), TRADE_WEIGHTS)[0]
        industry, suffix, _jobs = TRADES[t]
        division = make.rng.choice(places)
        trades.append(t)
        rows.append(Employer(
            fair=fair, org=fair.org, credit_code=make.code(division), industry=industry,
            name=f"{city}{make.rng.choice(BRANDS)}{make.rng.choice(BRANDS)}{suffix}",
            contact=make.person(), contact_phone=make.seal(make.phone_number()),
            booth=f"{'ABCDEFGH'[i % 8]}-{i // 8 + 1:02d}",
            state=ReviewState.APPROVED if approved or i % 7 else ReviewState.SUBMITTED,
        ))  # fmt: skip
    Employer.objects.bulk_create(rows, batch_size=500)
    # Openings spread over the employers: each posts its trade's positions, each a few people.
    jobs: list[Position] = []
    left = positions
    for n, (employer, t) in enumerate(zip(rows, trades, strict=True)):
        share = left // (len(rows) - n)
        left -= share
        titles = TRADES[t][2]
        counts = [share // len(titles)] * len(titles)
        counts[0] += share - sum(counts)
        for (title, low, high, skills), openings in zip(titles, counts, strict=True):
            if openings <= 0:
                continue
            jobs.append(Position(
                employer=employer, fair=fair, org=fair.org, title=title, openings=openings, pay_min=low,
                pay_max=high, industry=employer.industry, division=make.rng.choice(places),
                skills=skills, requirements="身体健康，吃苦耐劳；包食宿，购买五险。" if employer.industry == "03" else "",
                state=employer.state,
            ))  # fmt: skip
    Position.objects.bulk_create(jobs, batch_size=1000)
    return rows


def _seekers(fair: Fair, make: _Maker, *, count: int, places: list[str], checked_in: bool) -> list[Seeker]:
    at = timezone.make_aware(dt.datetime.combine(fair.held_on, dt.time(9, 0)))
    skills = [s for _i, _n, jobs in TRADES for _t, _l, _h, ss in jobs for s in ss]
    rows = []
    for i in range(count):
        phone = make.phone_number()
        wanted = list(
            dict.fromkeys(
                make.rng.choices([t[0] for t in TRADES], TRADE_WEIGHTS, k=make.rng.choice((1, 1, 2)))
            )
        )
        rows.append(Seeker(
            fair=fair, org=fair.org, name=make.person(), phone=make.seal(phone),
            phone_bidx=crypto.blind_index(phone, purpose=PHONE_PURPOSE), migrant=make.rng.random() < 0.7,
            member=make.rng.random() < 0.25, industries=wanted, pay_min=make.rng.choice((0, 2000, 2500, 3000, 3500)),
            division=make.rng.choice([*places, ""]), skills=list(dict.fromkeys(make.rng.sample(skills, make.rng.choice((0, 1, 2))))),
            checked_in_at=at + dt.timedelta(seconds=7 * i) if checked_in else None,
        ))  # fmt: skip
    Seeker.objects.bulk_create(rows, batch_size=1000)
    return rows


def _interviews(fair: Fair, make: _Maker, seekers: list[Seeker], *, share: float, hired: float) -> None:
    positions = list(
        Position.objects.filter(fair=fair, state=ReviewState.APPROVED).select_related("employer")
    )
    rows = []
    for s in seekers:
        if make.rng.random() >= share:
            continue
        for p in make.rng.sample(positions, make.rng.choice((1, 1, 2))):
            outcome = (
                Outcome.OFFERED
                if make.rng.random() < hired
                else make.rng.choice((Outcome.INTERVIEWED, Outcome.DECLINED))
            )
            rows.append(Interview(position=p, seeker=s, fair=fair, org=fair.org, outcome=outcome))
    Interview.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def _fair(org: Org, **values: Any) -> Fair:
    state = values.pop("state", FairState.OPEN)
    fair = actions.fair_create(actor=None, org=org, **values)
    fair = actions.fair_publish(actor=None, fair=fair)
    if state == FairState.CLOSED:
        fair = actions.fair_close(actor=None, fair=fair)
    return fair


@transaction.atomic
def jobfairs_demo_load(progress: Callable[[str], object] = print) -> None:
    if jobfairs_demo_loaded():
        return
    orgs = {
        o.name: o for o in Org.objects.filter(name__in=["广州市总工会", "中山市总工会", "广州市海珠区总工会"])
    }
    guangzhou, zhongshan = orgs.get("广州市总工会"), orgs.get("中山市总工会")
    if guangzhou is None or zhongshan is None:
        return
    make = _Maker(1)

    spring = _fair(
        guangzhou, title="广东工会“春风行动2013”活动启动仪式暨广州市“春风行动2013”促进就业专场招聘会",
        kind=FairKind.SPRING, held_on=SEED_DAY, place="广州市海珠区新港中路丽影广场", division="440105", booths=110,
        note="主题：搭建供需平台，促进转移就业。省总工会、广州市总工会联手主办；广州市人力资源市场市总工会分市场、"
             "市人力资源市场共青团分市场、海珠区人民政府赤岗街道办事处承办。招聘单位和求职者均享受“零收费”服务。",
    )  # fmt: skip
    _employers_and_positions(
        spring, make, employers=102, positions=3620, city="广州", places=GUANGZHOU_DISTRICTS
    )
    seekers = _seekers(spring, make, count=420, places=GUANGZHOU_DISTRICTS, checked_in=True)
    _interviews(spring, make, seekers, share=0.6, hired=0.35)
    Fair.objects.filter(pk=spring.pk).update(state=FairState.CLOSED)

    four = _fair(
        zhongshan, title="“春风行动”——中山市总工会2013年“送岗位、送技能、送法律、送保健”服务活动",
        kind=FairKind.FOUR, held_on=SEED_DAY, place="中山市全民健身广场", division=ZHONGSHAN, booths=190,
        note="智海人才市场和智海人才网承办。现场设立四大专区，免费为下岗失业人员、农村进城务工人员、大中专院校毕业生及"
             "有就业意愿的各类人员提供一站式服务。",
    )  # fmt: skip
    _employers_and_positions(four, make, employers=180, positions=4050, city="中山", places=[ZHONGSHAN])
    seekers = _seekers(four, make, count=4030, places=[ZHONGSHAN], checked_in=True)
    _interviews(four, make, seekers[:600], share=0.8, hired=0.3)
    Fair.objects.filter(pk=four.pk).update(state=FairState.CLOSED)

    soon = timezone.localdate() + dt.timedelta(days=7)
    now = _fair(
        guangzhou, title="广州市总工会2026年“春风行动”促进就业专场招聘会", kind=FairKind.SPRING, held_on=soon,
        place="广州市海珠区新港中路丽影广场", division="440105", booths=60, online=True,
        note="现场招聘与网上招聘同步进行；进城务工人员、失业人员和高校毕业生均可免费报名。",
    )  # fmt: skip
    _employers_and_positions(now, make, employers=24, positions=600, city="广州", places=GUANGZHOU_DISTRICTS,
                             approved=False)  # fmt: skip
    haizhu = orgs.get("广州市海珠区总工会")
    if haizhu is not None:
        venue = _fair(haizhu, title="海珠区分会场（赤岗街道）", parent=now, held_on=soon, place="海珠区赤岗街道社区服务中心",
                      division="440105", booths=20)  # fmt: skip
        _employers_and_positions(venue, make, employers=8, positions=160, city="广州", places=["440105"])
    progress(f"招聘会：{Fair.objects.count()} 场，{Employer.objects.count()} 家单位，{Position.objects.count()} 个岗位，"
             f"{Seeker.objects.count()} 名求职者")  # fmt: skip
