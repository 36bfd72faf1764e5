"""Demo data of the member portal: online applications from 博铺's migrant workers and from delivery
riders in 罗湖 (routed by 罗湖's table of trade routes), requests for help in every state (one gone up to the
district), 20 service places in 广州 and 中山, and a membership card for every demo member.

Called by the demo loader after members, services and assistance: `portal_demo_load()`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.kernel.audit import audit
from gonghui.kernel.codes import credit_code_make, id_number_make
from gonghui.members.choices import COUNTED
from gonghui.members.models import Member
from gonghui.orgs.actions import org_create
from gonghui.orgs.models import Level, Org
from gonghui.units.actions import unit_create

from . import actions
from .actions.cards import card_number
from .models import Card, HelpRequest, JoinApplication, Place

PASSWORD = "gonghui-demo-2026"
BOPU = "博铺镇总工会"
BOPU_UNION = "博铺镇外来工工会"
DONGMEN = "东门街道总工会"
RIDERS_UNION = "深圳市罗湖区快递外卖骑手工会联合会"
LUOHU = "深圳市罗湖区总工会"
# 罗湖's table of where workers without a fixed employer join (家政服务员 have no row: they join
# the street union where they live as floating members).
ROUTES = [
    ("rider", "美团、饿了么等平台骑手统一由区骑手工会联合会接收"),
    ("courier", "快递员按居住地由区骑手工会联合会接收"),
]

# (name, birth, phone, employer) — migrant workers of 博铺's factories.
BOPU_WORKERS = [
    ("黄春梅", dt.date(1992, 4, 11), "13612300101", "吴川市博铺鸿达鞋业有限公司"),
    ("梁志强", dt.date(1988, 9, 3), "13612300102", "吴川市博铺鸿达鞋业有限公司"),
    ("陈秀英", dt.date(1995, 1, 20), "13612300103", "吴川市博铺鸿达鞋业有限公司"),
]
# (name, birth, phone, occupation, platform) — riders and couriers who live in 东门街道.
RIDERS = [
    ("刘骑手", dt.date(1996, 6, 6), "13712300201", "rider", "美团"),
    ("周小勇", dt.date(1999, 2, 14), "13712300202", "rider", "饿了么"),
    ("吴建华", dt.date(1990, 11, 30), "13712300203", "courier", "顺丰速运"),
    ("邓海燕", dt.date(1993, 8, 8), "13712300204", "domestic", "58到家"),
]

# (kind, name, address, county division, lng, lat, hours, services, phone, union)
PLACES = [
    (
        "centre",
        "广州市职工服务中心",
        "广州市越秀区解放南路39号",
        "440104",
        "113.2668",
        "23.1225",
        "周一至周五 9:00-17:30",
        "法律援助、心理咨询、就业服务、困难帮扶",
        "020-12351",
        "广州市总工会",
    ),
    (
        "home",
        "广州市工人文化宫职工之家",
        "广州市越秀区解放北路1号",
        "440104",
        "113.2660",
        "23.1362",
        "每天 9:00-21:00",
        "阅读、健身、技能培训、婚恋交友",
        "020-83333351",
        "广州市越秀区总工会",
    ),
    (
        "outdoor",
        "越秀区北京路户外劳动者服务站",
        "广州市越秀区北京路步行街附近",
        "440104",
        "113.2705",
        "23.1289",
        "全天开放",
        "饮水、加热、充电、休息、如厕、应急药箱",
        "",
        "广州市越秀区总工会",
    ),
    (
        "outdoor",
        "天河区体育西路户外劳动者服务站",
        "广州市天河区体育西路191号",
        "440106",
        "113.3248",
        "23.1366",
        "7:00-22:00",
        "饮水、充电、休息、避暑、应急药箱",
        "",
        "广州市天河区总工会",
    ),
    (
        "centre",
        "天河区职工服务中心",
        "广州市天河区天河路490号",
        "440106",
        "113.3321",
        "23.1368",
        "周一至周五 9:00-17:30",
        "法律援助、劳动争议调解、心理咨询",
        "020-38620351",
        "广州市天河区总工会",
    ),
    (
        "outdoor",
        "天河区珠江新城户外劳动者服务站",
        "广州市天河区花城大道与冼村路交界",
        "440106",
        "113.3320",
        "23.1190",
        "全天开放",
        "饮水、充电、休息、外卖骑手临时停车",
        "",
        "广州市天河区总工会",
    ),
    (
        "home",
        "海珠区赤岗街职工之家",
        "广州市海珠区赤岗路168号",
        "440105",
        "113.3350",
        "23.0960",
        "周一至周六 9:00-20:00",
        "阅读、棋牌、健身、法律咨询",
        "020-84250351",
        "赤岗街道总工会",
    ),
    (
        "outdoor",
        "海珠区新港西路户外劳动者服务站",
        "广州市海珠区新港西路135号",
        "440105",
        "113.2980",
        "23.0990",
        "全天开放",
        "饮水、充电、休息、如厕",
        "",
        "新港街道总工会",
    ),
    (
        "centre",
        "海珠区职工服务中心",
        "广州市海珠区江南大道中288号",
        "440105",
        "113.2720",
        "23.1010",
        "周一至周五 9:00-17:30",
        "法律援助、困难帮扶、就业服务",
        "020-84410351",
        "广州市海珠区总工会",
    ),
    (
        "outdoor",
        "白云区机场路户外劳动者服务站",
        "广州市白云区机场路1068号",
        "440111",
        "113.2700",
        "23.1790",
        "6:00-23:00",
        "饮水、充电、休息、避暑",
        "",
        "广州市白云区总工会",
    ),
    (
        "home",
        "番禺区市桥职工之家",
        "广州市番禺区市桥街清河东路319号",
        "440113",
        "113.3640",
        "22.9420",
        "每天 9:00-21:00",
        "阅读、健身、技能培训",
        "020-84820351",
        "广州市番禺区总工会",
    ),
    (
        "outdoor",
        "黄埔区大沙地户外劳动者服务站",
        "广州市黄埔区大沙地东路",
        "440112",
        "113.4590",
        "23.1070",
        "全天开放",
        "饮水、充电、休息、如厕",
        "",
        "广州市黄埔区总工会",
    ),
    (
        "centre",
        "中山市职工服务中心（新工人文化宫）",
        "中山市石岐区莲员东路2号",
        "442000",
        "113.3840",
        "22.5210",
        "周一至周日 9:00-21:00",
        "心理咨询（心灵港湾）、法律援助、技能培训",
        "0760-12351",
        "中山市总工会",
    ),
    (
        "home",
        "中山市火炬开发区职工之家",
        "中山市火炬开发区中山港大道16号",
        "442000",
        "113.4780",
        "22.5410",
        "每天 9:00-21:00",
        "阅读、健身、婚恋交友、亲子活动",
        "0760-85590351",
        "火炬开发区总工会",
    ),
    (
        "outdoor",
        "火炬开发区张家边户外劳动者服务站",
        "中山市火炬开发区张家边一路",
        "442000",
        "113.4560",
        "22.5460",
        "全天开放",
        "饮水、充电、休息、如厕",
        "",
        "火炬开发区总工会",
    ),
    (
        "outdoor",
        "石岐区孙文西路户外劳动者服务站",
        "中山市石岐区孙文西路步行街",
        "442000",
        "113.3780",
        "22.5230",
        "7:00-22:00",
        "饮水、加热、充电、休息",
        "",
        "中山市总工会",
    ),
    (
        "outdoor",
        "东区兴中道户外劳动者服务站",
        "中山市东区兴中道18号",
        "442000",
        "113.3960",
        "22.5170",
        "全天开放",
        "饮水、充电、休息、应急药箱",
        "",
        "中山市总工会",
    ),
    (
        "home",
        "小榄镇职工之家",
        "中山市小榄镇升平中路",
        "442000",
        "113.2450",
        "22.6650",
        "周一至周六 9:00-20:00",
        "阅读、技能培训、法律咨询",
        "0760-22220351",
        "中山市总工会",
    ),
    (
        "outdoor",
        "古镇镇灯都户外劳动者服务站",
        "中山市古镇镇中兴大道",
        "442000",
        "113.1900",
        "22.6120",
        "全天开放",
        "饮水、充电、休息",
        "",
        "中山市总工会",
    ),
    (
        "centre",
        "坦洲镇外来务工人员服务中心",
        "中山市坦洲镇界狮南路",
        "442000",
        "113.4600",
        "22.2650",
        "周一至周五 9:00-17:30",
        "就业服务、法律援助、子女入学咨询",
        "0760-86660351",
        "中山市总工会",
    ),
]


def _org(name: str) -> Org | None:
    return Org.objects.filter(name=name, status="active").first()


def portal_demo_load(*, progress: Callable[[str], None] = print) -> int:
    """Returns the number of records made; does nothing when the portal already has data."""
    if JoinApplication.objects.exists() or Place.objects.exists():
        return 0
    with transaction.atomic():
        made = _places() + _joins() + _requests() + _cards()
    progress(f"  会员服务：{made} 条记录（网上入会、诉求、服务阵地、会员服务卡）")
    return made


def _places() -> int:
    made = 0
    for kind, name, address, division, lng, lat, hours, services, phone, union in PLACES:
        org = _org(union) or _org("广东省总工会")
        assert org is not None
        actions.place_register(actor=None, org=org, kind=kind, name=name, address=address, division=division,
                               lng=lng, lat=lat, hours=hours, services=services, phone=phone)  # fmt: skip
        made += 1
    return made


def _joins() -> int:
    made = 0
    bopu_union, bopu = _org(BOPU_UNION), _org(BOPU)
    if bopu_union is not None and bopu is not None:
        employer = BOPU_WORKERS[0][3]
        unit_create(
            actor=None, registered_org=bopu, covering_org=bopu_union, name=employer, employees=320, migrants=290,
            credit_code=_unit_code(), industry="19", unit_type="170",
            address="吴川市博铺街道工业区",
        )  # fmt: skip
        for i, (name, birth, phone, firm) in enumerate(BOPU_WORKERS):
            a = actions.join_submit(
                actor=None, name=name, id_number=id_number_make("440883", birth, 300 + i), phone=phone,
                password=PASSWORD, work="employed", employer_name=firm, migrant_worker=True,
            )  # fmt: skip
            made += 1
            if i == 0:
                actions.join_approve(
                    actor=None, application=a, on=timezone.localdate() - dt.timedelta(days=3)
                )
            elif i == 1:
                actions.join_send_back(
                    actor=None, application=a, reason="身份证照片不清晰，请到工会服务窗口核验后重新提交"
                )
    dongmen = _org(DONGMEN)
    if dongmen is not None:
        if _org(RIDERS_UNION) is None:
            org_create(
                actor=None, parent=dongmen, level=Level.GRASSROOTS, kind="joint", name=RIDERS_UNION,
                division="440303", credit_code=credit_code_make("81", "440303", 87_000_001), on=dt.date(2022, 5, 1),
            )  # fmt: skip
        luohu = _org(LUOHU)
        riders_union = _org(RIDERS_UNION)
        if luohu is not None and riders_union is not None:
            for occupation, note in ROUTES:
                actions.trade_route_set(actor=None, org=luohu, occupation=occupation, receiving=riders_union,
                                        note=note)  # fmt: skip
        for i, (name, birth, phone, occupation, platform) in enumerate(RIDERS):
            a = actions.join_submit(
                actor=None, name=name, id_number=id_number_make("440303", birth, 700 + i), phone=phone,
                password=PASSWORD, work="new_form", occupation=occupation, platform=platform, home=dongmen,
                migrant_worker=True,
            )  # fmt: skip
            made += 1
            if i == 0:
                actions.join_approve(
                    actor=None, application=a, on=timezone.localdate() - dt.timedelta(days=1)
                )
    return made


def _unit_code() -> str:
    from gonghui.kernel.codes import credit_code_make

    serial = 88_000_001
    while True:
        code = credit_code_make("91", "440883", serial)
        from gonghui.units.models import Unit

        if not Unit.objects.filter(credit_code=code).exists():
            return code
        serial += 1


def _requests() -> int:
    """Requests in every state from the demo member (陈会员) and a rider, one gone up twice."""
    me = Member.objects.filter(name="陈会员", status="active").select_related("org", "login__user").first()
    if me is None or not hasattr(me, "login"):
        return 0
    user = me.login.user
    made = 0

    def file(category: str, text: str, *, anonymous: bool = False, days_ago: int = 0) -> HelpRequest:
        nonlocal made
        r = actions.request_submit(actor=user, category=category, text=text, anonymous=anonymous)
        if days_ago:
            at = timezone.now() - dt.timedelta(days=days_ago)
            HelpRequest.objects.filter(pk=r.pk).update(submitted_at=at, answer_by=at + dt.timedelta(days=5))
            r.refresh_from_db()
        made += 1
        return r

    file("contract", "入职两个月了，公司一直没有和我签劳动合同，想了解怎么办。")
    answered = file("wages", "车间上月加班费少发了约600元，找主管没有结果。", anonymous=True, days_ago=2)
    actions.request_answer(actor=_officer(me.org), request=answered,
                           text="已与企业人力资源部核实，将于下次发薪日补发，请留意工资条。",
                           due_on=timezone.localdate() + dt.timedelta(days=10))  # fmt: skip
    case = file("injury", "在搬运酒箱时扭伤腰部，企业不同意申报工伤。", days_ago=3)
    actions.request_to_case(actor=_officer(me.org), request=case)
    closed = file("other", "想报名参加厂里的技能培训，请问怎么报名？", days_ago=8)
    actions.request_answer(actor=_officer(me.org), request=closed, text="已为您报名本月的叉车操作培训。")
    actions.request_rate(actor=user, request=closed, rating=5, note="回复很快，谢谢工会")
    hardship = file("hardship", "爱人住院，家里只有我一份收入，生活有困难。", days_ago=1)
    # Living help (her file already asks for medical help). Without the hardship module's demo
    # she has no file: the request stays waiting.
    with contextlib.suppress(ValidationError):
        actions.request_to_hardship(actor=_officer(me.org), request=hardship, kind="living", amount="3000.00")
    late = file("wages", "工厂停产两个月，工资一直没有发。", anonymous=True, days_ago=14)
    for _ in range(2):  # not answered: up to the town, then the district
        HelpRequest.objects.filter(pk=late.pk).update(answer_by=timezone.now() - dt.timedelta(hours=1))
        late = actions.request_escalate(actor=user, request=HelpRequest.objects.get(pk=late.pk))
    return made


def _officer(org: Org) -> User:
    """A demo officer who may answer at `org` (its own admin, else one above)."""
    from gonghui.kernel import scope

    for user in User.objects.filter(roles__kind="admin").order_by("-roles__org__depth", "id"):
        if scope.can(user, "edit", org):
            return user
    raise RuntimeError(f"no demo officer answers at {org}")


def _cards() -> int:
    """Every demo member who holds a membership gets a card (one audit row for them all)."""
    have = set(Card.objects.values_list("member_id", flat=True))
    members = (
        Member.objects.filter(status__in=[s.value for s in COUNTED]).select_related("org").order_by("pk")
    )
    cards = [Card(member=m, org=m.org, number=card_number(m)) for m in members.iterator() if m.pk not in have]
    Card.objects.bulk_create(cards, batch_size=2000)
    if cards:
        audit(actor=None, action="portal.card.issue", org=None, detail={"count": len(cards)})
    return len(cards)
