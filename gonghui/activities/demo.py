"""Demo campaigns and activities from the seed bulletin (March 2013), and this year's.

潮州市总工会 and 潮州市职工服务类社会组织联合会 take a psychology lecture into 创佳集团 (韩山师范学院's
陈洵, 「阳光生活、快乐工作」, with group and individual counselling and 心理援助读本 for migrant
workers); 中山市总工会 opens the 「岗位学雷锋、争做好员工」 month on 16 March with a gala at 港口镇
巴洛克木业 and 「三关爱」 volunteer service, volunteers and their hours recorded; the province's
送清凉 campaign of the last summer reached 广州 (赤岗街道), 佛山 (九江酒厂) and 茂名 (高温作业一线职工,
the money from 茂名市总工会's assistance fund), with a 防暑降温慰问品券 every member may claim in the
hot months. For the demo logins: 海珠区's 送温暖 for the New
Year, with an activity the demo member of 广东九江酒厂 may sign up for, one at 赤岗街道 for its
officers to check people in, and a few sign-ups already made; out of the hot months, 九江酒厂's
New Year 慰问品券 for the demo member to claim.

    from gonghui.activities.demo import activities_demo_load
    activities_demo_load()     # after the members and assistance demos; does nothing twice
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone

from gonghui.assistance.actions import fund_deposit
from gonghui.assistance.models import Fund
from gonghui.members.models import Member, MemberLogin
from gonghui.orgs.models import Org

from . import actions
from .models import Activity, Benefit, Campaign, SignUp, Voucher

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志文斌玲红辉鹏飞俊峰海燕晓东"


def activities_demo_loaded() -> bool:
    return Campaign.objects.exists()


def _org(name: str) -> Org | None:
    return Org.objects.filter(name=name, status="active").first()


def _at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hh, mm)))


def _members(org: Org, n: int) -> list[Member]:
    return list(Member.objects.filter(org__path__startswith=org.path, status="active").order_by("pk")[:n])


def _sign_up_members(activity: Activity, members: list[Member], *, attend: float, rng: random.Random) -> None:
    """Members on the list (plain rows: the demo's past is not made of today's requests)."""
    for i, m in enumerate(members, start=1):
        SignUp.objects.create(
            activity=activity, member=m, name=m.name, unit=m.org.name, seq=i,
            state="confirmed" if i <= activity.capacity else "waiting", created_at=activity.signup_until - dt.timedelta(days=2),
            checked_in_at=activity.starts_at + dt.timedelta(minutes=rng.randrange(-20, 10))
            if i <= activity.capacity and rng.random() < attend else None,
        )  # fmt: skip
    Activity.objects.filter(pk=activity.pk).update(signup_seq=len(members))


def _finish(activity: Activity, **result: object) -> None:
    actions.activity_result_record(actor=None, activity=activity, **result)  # type: ignore[arg-type]


@transaction.atomic
def activities_demo_load(progress: Callable[[str], object] = print) -> None:
    if activities_demo_loaded():
        return
    rng = random.Random(18)
    province = _org("广东省总工会")
    if province is None:
        return
    _chaozhou(rng)
    _zhongshan(rng)
    _cool(province, rng)
    _now(rng)
    progress(f"活动与志愿服务：专项活动 {Campaign.objects.count()} 项，活动 {Activity.objects.count()} 场")


def _chaozhou(rng: random.Random) -> None:
    chaozhou = _org("潮州市总工会")
    if chaozhou is None:
        return
    federation = actions.partner_create(
        actor=None, org=chaozhou, name="潮州市职工服务类社会组织联合会", kind="social", contact="许金玲",
        services="走进企业送温暖、职工心理关爱",
    )  # fmt: skip
    college = actions.partner_create(
        actor=None, org=chaozhou, name="韩山师范学院教育系", kind="school", contact="陈洵",
        services="心理辅导讲座、团体咨询和个体咨询",
    )  # fmt: skip
    actions.partner_create(actor=None, org=chaozhou, name="创佳集团公司", kind="enterprise",
                           services="提供讲座场地，组织员工参加")  # fmt: skip
    warmth = actions.campaign_open(
        actor=None, org=chaozhou, kind="warmth", title="2013年走进企业送温暖服务活动",
        starts_on=dt.date(2013, 3, 1), ends_on=dt.date(2013, 6, 30), goal_people=2000, goal_goods="20000",
        description="市总工会联合市职工服务类社会组织联合会，走进企业为职工送心理关怀、送法律、送健康。",
    )  # fmt: skip
    day = dt.date(2013, 3, 26)
    lecture = actions.activity_create(
        actor=None, org=chaozhou, campaign=warmth, kind="enterprise", title="「阳光生活、快乐工作」心理辅导讲座",
        place="创佳集团公司员工活动中心", starts_at=_at(day, 14, 30), ends_at=_at(day, 17), capacity=200,
        signup_until=_at(day, 12), partners=[federation, college],
        description="韩山师范学院教育系副主任、心理学副教授陈洵作专题讲座；心理专家以团队咨询和个体咨询的形式与员工面对面交流。",
    )  # fmt: skip
    _finish(lecture, people_served=180, goods="心理援助读本", goods_value="3600.00",
            summary="讲座后心理专家开展团队咨询和个体咨询，向异地务工人员代表赠送心理援助读本。")  # fmt: skip
    for _ in range(12):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        actions.handout_record(actor=None, activity=lecture, name=name, item="心理援助读本", value="30.00")


def _zhongshan(rng: random.Random) -> None:
    zhongshan = _org("中山市总工会")
    if zhongshan is None:
        return
    civility = actions.partner_create(
        actor=None, org=zhongshan, name="中山市精神文明建设办公室", kind="government"
    )
    factory = actions.partner_create(
        actor=None, org=zhongshan, name="巴洛克木业（中山）有限公司", kind="enterprise"
    )
    leifeng = actions.campaign_open(
        actor=None, org=zhongshan, kind="leifeng", title="「岗位学雷锋、争做好员工」主题活动",
        starts_on=dt.date(2013, 3, 5), ends_on=dt.date(2013, 4, 30), goal_people=10000,
        description="向雷锋同志学习活动50周年之际，联合市精神文明办在全市开展；推广学雷锋「三关爱」志愿服务活动。",
    )  # fmt: skip
    gala = actions.activity_create(
        actor=None, org=zhongshan, campaign=leifeng, kind="culture", title="「岗位学雷锋，争做好员工」主题文艺晚会",
        place="港口镇巴洛克木业（中山）有限公司", starts_at=_at(dt.date(2013, 3, 16), 19, 30),
        ends_at=_at(dt.date(2013, 3, 16), 21, 30), capacity=800, signup_until=_at(dt.date(2013, 3, 15), 18),
        audience="anyone", partners=[civility, factory],
    )  # fmt: skip
    _finish(gala, people_served=1200, summary="晚会走进企业，拉开全市主题活动序幕。")
    services = []
    for day, title, place, served in (
        (dt.date(2013, 3, 23), "关爱他人：走访慰问困难职工家庭", "石岐区", 60),
        (dt.date(2013, 3, 30), "关爱社会：职工义务维修和健康义诊", "中山市全民健身广场", 450),
        (dt.date(2013, 4, 6), "关爱自然：岐江河畔清洁行动", "岐江公园", 120),
    ):
        a = actions.activity_create(
            actor=None, org=zhongshan, campaign=leifeng, kind="volunteer", title=f"学雷锋「三关爱」志愿服务·{title}",
            place=place, starts_at=_at(day, 9), ends_at=_at(day, 12), capacity=40, signup_until=_at(day, 8),
        )  # fmt: skip
        _finish(a, people_served=served)
        services.append(a)
    skills = ["电器维修", "急救", "摄影", "心理疏导", "法律咨询", "文艺演出", "理发", ""]
    for i in range(16):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        v = actions.volunteer_register(actor=None, org=zhongshan, name=name, skills=skills[i % len(skills)])
        for a in services:
            if rng.random() < 0.7:
                actions.hours_record(actor=None, activity=a, volunteer=v, hours=str(rng.choice((2, 2.5, 3))))


def _cool(province: Org, rng: random.Random) -> None:
    # The last summer that is over: its visits took place and their results are recorded (a
    # result cannot be recorded before the visit, so this year's summer counts from October).
    today = timezone.localdate()
    year = today.year if today > dt.date(today.year, 9, 30) else today.year - 1
    cool = actions.campaign_open(
        actor=None, org=province, kind="cool", title=f"{year}年「送清凉」活动",
        starts_on=dt.date(year, 6, 1), ends_on=dt.date(year, 9, 30), goal_people=30000, goal_money="300000",
        goal_goods="600000",
        description="为高温作业一线职工送清凉饮料和防暑药品，督促企业落实高温津贴等劳动保护政策。",
    )  # fmt: skip
    # The province splits the goals among the three cities that reported activities.
    shares = [("广州市总工会", 12000, "120000", "240000"), ("佛山市总工会", 9000, "90000", "180000"),
              ("茂名市总工会", 9000, "90000", "180000")]  # fmt: skip
    cities = [(_org(name), people, money, goods) for name, people, money, goods in shares]
    if all(c is not None and c.parent_id == province.pk for c, *_rest in cities):
        actions.campaign_goals_split(actor=None, campaign=cool, org=province, shares=[
            actions.GoalShare(c.pk, people, money, goods) for c, people, money, goods in cities if c is not None
        ])  # fmt: skip
    plans = [
        ("赤岗街道总工会", "赤岗街道送清凉进工地", "琶洲会展中心建设工地", dt.date(year, 7, 15), 320, "绿豆汤、凉茶、毛巾、藿香正气水", "16800", "0"),
        ("广东九江酒厂有限公司工会", "九江酒厂高温岗位慰问", "九江酒厂酿造车间", dt.date(year, 7, 22), 260, "凉茶、清凉油、防暑药品", "9100", "0"),
        ("茂名市总工会", "茂名石化高温一线职工送清凉", "茂名石化炼油厂区", dt.date(year, 8, 2), 1500, "清凉饮料、防暑药品", "60000", "45000"),
    ]  # fmt: skip
    for org_name, title, place, day, served, goods, value, money in plans:
        org = _org(org_name)
        if org is None:
            continue
        a = actions.activity_create(
            actor=None, org=org, campaign=cool, kind="visit", title=title, place=place, starts_at=_at(day, 9),
            ends_at=_at(day, 11, 30), capacity=40, signup_until=_at(day - dt.timedelta(days=1), 18),
        )  # fmt: skip
        _sign_up_members(a, _members(org, 45), attend=0.9, rng=rng)
        # The demo member (九江酒厂) was there: their phone lists it among the activities they attended.
        SignUp.objects.filter(
            activity=a, member__login__user__username="member", state="confirmed", checked_in_at__isnull=True
        ).update(checked_in_at=a.starts_at)
        fund = _fund(org, year, money) if Decimal(money) else None
        _finish(a, people_served=served, goods=goods, goods_value=value, money=money, fund=fund,
                summary="慰问高温一线职工，宣传高温津贴政策。")  # fmt: skip
        for s in SignUp.objects.filter(activity=a, checked_in_at__isnull=False)[:10]:
            actions.handout_record(actor=None, activity=a, signup=s, item="清凉大礼包", value="35.00")
    # Every member in the province may claim one 防暑降温慰问品券 through the hot months; the
    # cities' unions hand the goods over when the worker shows the voucher.
    cool_benefit = actions.benefit_set(
        actor=None, campaign=cool, title="防暑降温慰问品券", total=5000, claim_from=dt.date(year, 7, 1),
        claim_until=cool.ends_on, description="凭券到所在工会领取藿香正气水、清凉油、毛巾和凉茶一份。",
    )  # fmt: skip
    if timezone.localdate() > cool.ends_on:
        _claimed(cool_benefit, [p[0] for p in plans], rng)
        actions.campaign_close(actor=None, campaign=cool)


def _fund(org: Org, year: int, money: str) -> Fund:
    """The union's assistance fund of that summer's year (the assistance demo makes this year's;
    last year's holds what the visits paid)."""
    fund = Fund.objects.filter(org=org, year=year).first()
    if fund is None:
        fund_deposit(actor=None, org=org, year=year, amount=money, note=f"{year}年送清凉慰问资金")
        fund = Fund.objects.get(org=org, year=year)
    return fund


def _claimed(benefit: Benefit, unions: list[str], rng: random.Random) -> None:
    """The summer's vouchers, claimed and most of them redeemed (plain rows: the demo's past is
    not made of today's requests)."""
    seq = 0
    for name in unions:
        org = _org(name)
        if org is None:
            continue
        for m in _members(org, 30):
            seq += 1
            day = _at(benefit.claim_from + dt.timedelta(days=rng.randrange(40)), 10)
            code = "".join(rng.choice(actions.CODE_SIGNS) for _ in range(12))
            Voucher.objects.create(
                benefit=benefit, seq=seq, code=code, member=m, name=m.name, unit=m.org.name, claimed_at=day,
                state="redeemed" if rng.random() < 0.8 else "claimed",
            )  # fmt: skip
    Voucher.objects.filter(benefit=benefit, state="redeemed").update(redeemed_at=models.F("claimed_at"))
    Benefit.objects.filter(pk=benefit.pk).update(issued=seq)


def _now(rng: random.Random) -> None:
    """What the demo logins meet today: a campaign under way, sign-ups open."""
    today = timezone.localdate()
    haizhu, street, jiujiang = (
        _org("广州市海珠区总工会"),
        _org("赤岗街道总工会"),
        _org("广东九江酒厂有限公司工会"),
    )
    if haizhu is None or street is None:
        return
    warmth = actions.campaign_open(
        actor=None, org=haizhu, kind="warmth", title=f"{today.year + 1}年元旦春节送温暖",
        starts_on=today - dt.timedelta(days=3), ends_on=today + dt.timedelta(days=75), goal_people=3000,
        goal_money="500000", goal_goods="300000",
    )  # fmt: skip
    clinic = actions.partner_create(actor=None, org=haizhu, name="海珠区第二人民医院", kind="hospital",
                                    services="健康义诊、职业病咨询")  # fmt: skip
    actions.partner_create(
        actor=None, org=haizhu, name="广东某某律师事务所", kind="law_firm", services="劳动法律咨询"
    )
    checkup = actions.activity_create(
        actor=None, org=street, campaign=warmth, kind="health", title="送健康：外来工免费体检和义诊",
        place="赤岗街道职工服务中心", starts_at=_at(today, 15), ends_at=_at(today, 18), capacity=60,
        signup_until=_at(today, 15), partners=[clinic], audience="anyone",
    )  # fmt: skip
    _sign_up_members(checkup, _members(street, 20), attend=0.0, rng=rng)
    # 赤岗街道's list of front-line workers in the heat, and a visit only they may sign up for.
    frontline = actions.group_create(actor=None, org=street, name="高温户外一线职工", kind="frontline",
                                     description="环卫、建筑工地、快递外卖等户外作业岗位的会员")  # fmt: skip
    for m in _members(street, 40)[20:35]:
        actions.group_add(actor=None, group=frontline, member=m)
    actions.activity_create(
        actor=None, org=street, campaign=warmth, kind="visit", title="户外一线职工冬日暖心慰问",
        place="赤岗街道环卫站", starts_at=_at(today + dt.timedelta(days=6), 9),
        ends_at=_at(today + dt.timedelta(days=6), 11), capacity=15, audience="group", group=frontline,
        signup_until=_at(today + dt.timedelta(days=5), 18),
    )  # fmt: skip
    if jiujiang is not None:
        _warmth_voucher(jiujiang, today)
        party = actions.activity_create(
            actor=None, org=jiujiang, kind="social", title="迎新春职工联谊会", place="九江酒厂职工之家",
            starts_at=_at(today + dt.timedelta(days=12), 19), ends_at=_at(today + dt.timedelta(days=12), 21, 30),
            capacity=80, signup_until=_at(today + dt.timedelta(days=10), 18),
        )  # fmt: skip
        others = [m for m in _members(jiujiang, 30) if not MemberLogin.objects.filter(member=m).exists()]
        _sign_up_members(party, others[:25], attend=0.0, rng=rng)
    actions.activity_create(
        actor=None, org=haizhu, campaign=warmth, kind="lecture", title="新就业形态劳动者劳动权益讲座",
        place="海珠区工人文化宫", starts_at=_at(today + dt.timedelta(days=20), 14, 30),
        ends_at=_at(today + dt.timedelta(days=20), 16, 30), capacity=120, audience="anyone",
        signup_until=_at(today + dt.timedelta(days=19), 18),
    )  # fmt: skip


def _warmth_voucher(jiujiang: Org, today: dt.date) -> None:
    """Out of the hot months the province's 防暑降温慰问品券 cannot be claimed; so that the demo
    member has a voucher to claim and 九江酒厂's officer one to redeem, the factory's union gives
    New Year 慰问品券 to its members."""
    cool = Benefit.objects.filter(campaign__kind="cool", campaign__state="open").first()
    if cool is not None and cool.claim_from <= today <= cool.claim_until:
        return
    warmth = actions.campaign_open(
        actor=None, org=jiujiang, kind="warmth", title=f"{today.year + 1}年元旦春节送温暖",
        starts_on=today - dt.timedelta(days=3), ends_on=today + dt.timedelta(days=60), goal_people=300,
        goal_goods="60000",
    )  # fmt: skip
    actions.benefit_set(
        actor=None, campaign=warmth, title="春节慰问品券", total=300, claim_from=warmth.starts_on,
        claim_until=today + dt.timedelta(days=30), description="凭券到厂工会办公室领取大米、食用油慰问品一份。",
    )  # fmt: skip
