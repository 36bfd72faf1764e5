"""Demo worker services, from the bulletin seed: 中山市总工会's “心灵港湾” centre (rooms, two
counsellors with weekly hours, a lawyer, knowledge articles), a Saturday station at 九江镇 where
the demo member can book, and 吴川 博铺镇's rights cases with the amounts recovered.

    from gonghui.services.demo import services_demo_load
    services_demo_load()    # after members_demo_load(); does nothing if centres exist already

Demo logins (password: the demo password): `counsellor` (杜心怡, counsellor at both centres),
`centre_supervisor` (梁志远, a counsellor of both unions and their centres' supervisor, who may
read their consultation threads).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from gonghui.accounts.actions import user_create
from gonghui.accounts.models import User
from gonghui.demo.data import DEMO_PASSWORD
from gonghui.kernel.codes import id_number_make
from gonghui.members.actions import member_apply, member_approve
from gonghui.members.models import MemberLogin
from gonghui.orgs.models import Level, Org
from gonghui.units.models import Unit

from . import actions
from .models import Centre, Provider, ServiceKind
from .selectors import free_slots

T = dt.time.fromisoformat
ZHONGSHAN = "中山市总工会"
JIUJIANG = "九江镇总工会"
WUCHUAN = "湛江市吴川市总工会"
BOPU = "博铺镇总工会"
BOPU_UNION = "博铺镇外来工工会"

ARTICLES = [
    (
        "notice",
        "中山市“心灵港湾”职工心理咨询服务中心揭牌",
        (
            "3月27日上午，中山市首家“心灵港湾”职工心理咨询服务中心举行揭牌仪式，正式投入服务。\n"
            "“心灵港湾”服务中心是由中山市总工会发起并推动实施，旨在为全市职工提供免费心理援助的服务平台。中心坐落于新工人文化宫三楼，"
            "由具备多年心理学研究与实践经验的专业咨询师主理。其功能设置包括心理咨询室、心理测评区、电子阅读区、绘画测评区、多媒体活动区"
            "以及团体活动区等，并推出了网上信息平台与互动平台，构建了融服务预约、在线咨询、知识普及、交流分享为一体的网络空间。"
        ),
    ),
    (
        "mental",
        "职场压力的五种自我调适方法",
        (
            "一、规律作息，保证睡眠。\n二、把大任务拆成小步骤，每完成一步给自己肯定。\n三、每天留出半小时运动或散步。\n"
            "四、和信任的同事、家人说一说。\n五、持续两周以上情绪低落、失眠，请预约心理咨询师。"
        ),
    ),
    (
        "legal",
        "被拖欠工资怎么办",
        (
            "先保留好劳动合同、考勤记录、工资条和转账记录等证据，与单位协商；协商不成，可向所在地工会或劳动保障监察机构反映，"
            "也可以向劳动争议仲裁委员会申请仲裁（劳动争议须先经仲裁，对裁决不服的才能向法院起诉）。工会法律援助律师可免费为会员提供咨询。"
        ),
    ),
]

# 博铺镇外来工工会's cases: (category, intake, parties, migrants, names, employer, stages, outcome, amount).
BOPU_CASES = [
    (
        "work_injury",
        dt.date(2012, 4, 9),
        1,
        1,
        "杨正华",
        "吴川某建筑工程公司",
        ["mediate"],
        "resolved",
        "186000.00",
    ),
    (
        "traffic",
        dt.date(2012, 6, 21),
        2,
        2,
        "吴金花、韦小明",
        "",
        ["mediate", "litigate"],
        "judgment",
        "412000.00",
    ),
    ("wages", dt.date(2012, 9, 3), 46, 46, "", "吴川某鞋厂", ["mediate", "arbitrate"], "award", "1530000.00"),
    ("wages", dt.date(2012, 12, 18), 118, 115, "", "博铺某制衣厂", ["mediate"], "resolved", "1420000.00"),
    ("family", dt.date(2013, 1, 15), 2, 2, "王秀英、龙开富", "", [], "resolved", "0"),
    ("contract", dt.date(2013, 2, 26), 7, 7, "", "吴川某物流公司", ["arbitrate"], "award", "268000.00"),
    ("work_injury", dt.date(2013, 3, 8), 1, 1, "蒙德军", "吴川某五金厂", [], None, None),
]


def services_demo_loaded() -> bool:
    return Centre.objects.exists()


def _user(username: str, full_name: str) -> User:
    found = User.objects.filter(username=username).first()
    return found or user_create(actor=None, username=username, password=DEMO_PASSWORD, full_name=full_name)


def _weekly(provider: Provider, days: list[int], start: str, end: str, minutes: int, room: object) -> None:
    for d in days:
        actions.schedule_add(
            actor=None, provider=provider, weekday=d, start=T(start), end=T(end), slot_minutes=minutes,
            room=room,  # type: ignore[arg-type]
            valid_from=dt.date(2013, 3, 27),
        )  # fmt: skip


@transaction.atomic
def services_demo_load(*, progress: Callable[[str], None] = print) -> int:
    """Returns the number of centres made (0 when the demo has them already)."""
    if services_demo_loaded():
        return 0
    zhongshan = Org.objects.filter(name=ZHONGSHAN).first()
    if zhongshan is None:
        raise RuntimeError("load the demo federation first (demo_load)")
    today = timezone.localdate()
    counsellor_user = _user("counsellor", "杜心怡")
    supervisor = _user("centre_supervisor", "梁志远")

    harbour = actions.centre_create(
        actor=None, org=zhongshan, name="“心灵港湾”职工心理咨询服务中心", address="中山市新工人文化宫三楼",
        phone="0760-88888888", functions="心理咨询室、心理测评区、电子阅读区、绘画测评区、多媒体活动区、团体活动区",
        intro="中山市总工会发起，为全市职工提供免费心理援助：服务预约、在线咨询、知识普及、交流分享。",
    )  # fmt: skip
    room1 = actions.room_create(actor=None, centre=harbour, name="心理咨询室一")
    room2 = actions.room_create(actor=None, centre=harbour, name="心理咨询室二")
    actions.room_create(actor=None, centre=harbour, name="心理测评区", purpose="心理测评、绘画测评")
    actions.room_create(actor=None, centre=harbour, name="团体活动区", purpose="团体辅导、讲座")
    counselling = actions.service_create(
        actor=None, centre=harbour, kind=ServiceKind.COUNSELLING, name="个体心理咨询"
    )
    assessment = actions.service_create(
        actor=None, centre=harbour, kind=ServiceKind.ASSESSMENT, name="心理测评"
    )
    legal = actions.service_create(actor=None, centre=harbour, kind=ServiceKind.LEGAL, name="法律咨询")
    du = actions.provider_create(
        actor=None, centre=harbour, kind="counsellor", name="杜心怡", title="国家二级心理咨询师",
        bio="从事职工心理援助十余年，擅长职场压力与情绪调适。", user=counsellor_user, services=[counselling, assessment],
    )  # fmt: skip
    liang = actions.provider_create(
        actor=None, centre=harbour, kind="counsellor", name="梁志远", title="国家三级心理咨询师（中心督导）",
        bio="擅长婚恋家庭与亲子关系咨询。", user=supervisor, services=[counselling],
    )  # fmt: skip
    # The supervisor reads the centre's consultations: a counsellor of the centre's own union.
    actions.centre_set_supervisor(actor=None, centre=harbour, supervisor=supervisor)
    units = list(
        Unit.objects.filter(org__path__startswith=zhongshan.path, status="active").order_by("credit_code")[:3]
    )
    lawyer = actions.provider_create(
        actor=None, centre=harbour, kind="lawyer", name="黄志明", title="执业律师（工会法律援助律师团）",
        services=[legal], units=units,
    )  # fmt: skip
    _weekly(du, [0, 2, 4], "09:00", "12:00", 50, room1)
    _weekly(liang, [1, 3], "14:00", "17:30", 50, room2)
    _weekly(liang, [5], "09:00", "12:00", 50, room2)
    _weekly(lawyer, [2], "14:00", "17:00", 60, None)
    for category, title, body in ARTICLES:
        actions.article_create(
            actor=None, centre=harbour, category=category, title=title, body=body, publish=True
        )
    new_year = dt.date(today.year + 1, 1, 1)
    actions.holiday_add(actor=None, centre=harbour, on=new_year, name="元旦")

    jiujiang = Org.objects.filter(name=JIUJIANG).first()
    if jiujiang is not None:
        station = actions.centre_create(
            actor=None, org=jiujiang, name="九江镇职工心理服务站", address="九江镇职工之家二楼",
            functions="心理咨询室",
        )  # fmt: skip
        room = actions.room_create(actor=None, centre=station, name="咨询室")
        service = actions.service_create(
            actor=None, centre=station, kind=ServiceKind.COUNSELLING, name="个体心理咨询"
        )
        visiting = actions.provider_create(
            actor=None, centre=station, kind="counsellor", name="杜心怡", title="国家二级心理咨询师（每周驻站）",
            user=counsellor_user, services=[service],
        )  # fmt: skip
        _weekly(visiting, [1, 5], "14:00", "17:00", 50, room)
        actions.provider_create(
            actor=None, centre=station, kind="counsellor", name="梁志远", title="国家三级心理咨询师（督导，不定期驻站）",
            user=supervisor, services=[service],
        )  # fmt: skip
        actions.centre_set_supervisor(actor=None, centre=station, supervisor=supervisor)
        demo_member = MemberLogin.objects.filter(user__username="member").select_related("member").first()
        if demo_member is not None:
            slots = free_slots(
                visiting, first=today + dt.timedelta(days=1), last=today + dt.timedelta(days=14)
            )
            if slots:
                actions.booking_create(
                    actor=None, member=demo_member.member, provider=visiting, service=service,
                    starts_at=slots[0].starts_at, note="想聊聊夜班后的睡眠问题",
                )  # fmt: skip
            actions.thread_start(
                actor=demo_member.user, provider=visiting, subject="夜班后总是睡不着",
                body="最近一直上夜班，白天睡不着，情绪也不好，想问问怎么调整。",
            )  # fmt: skip
    _bookings(harbour, [du, liang], today)
    _cases(progress)
    made = Centre.objects.count()
    progress(f"  {made} 个职工服务中心，{len(BOPU_CASES)} 宗维权案件")
    return made


def _bookings(centre: Centre, providers: list[Provider], today: dt.date) -> None:
    """Two 中山 workers with coming sessions, so that the centre's calendar is not empty."""
    union = (
        Org.objects.filter(path__startswith=centre.org.path, level=Level.GRASSROOTS, status="active")
        .order_by("path")
        .first()
    )
    if union is None:
        return
    people = [("梁小燕", dt.date(1991, 4, 12), 26), ("冯伟强", dt.date(1986, 11, 3), 37)]
    for (name, born, serial), provider in zip(people, providers, strict=True):
        member = member_apply(
            actor=None, org=union, name=name, id_number=id_number_make("442000", born, serial),
            phone="13712345678", on=dt.date(2012, 3, 1),
        )  # fmt: skip
        member = member_approve(actor=None, member=member, on=dt.date(2012, 3, 5))
        slots = free_slots(provider, first=today + dt.timedelta(days=1), last=today + dt.timedelta(days=14))
        if slots:
            actions.booking_create(
                actor=None, member=member, provider=provider, service=provider.services.first(),  # type: ignore[arg-type]
                starts_at=slots[1 if len(slots) > 1 else 0].starts_at,
            )  # fmt: skip


def _cases(progress: Callable[[str], None]) -> None:
    bopu = Org.objects.filter(name=BOPU_UNION).first() or Org.objects.filter(name=BOPU).first()
    wuchuan = Org.objects.filter(name=WUCHUAN).first()
    if bopu is None or wuchuan is None:
        return
    station = actions.centre_create(
        actor=None, org=wuchuan, name="吴川市总工会职工法律援助站", functions="法律咨询室", address="吴川市工人文化宫",
    )  # fmt: skip
    legal = actions.service_create(actor=None, centre=station, kind=ServiceKind.LEGAL, name="法律咨询")
    lawyer = actions.provider_create(
        actor=None, centre=station, kind="lawyer", name="陈立新", title="执业律师（律师入企）", services=[legal],
    )  # fmt: skip
    for category, intake, parties, migrants, names, employer, steps, outcome, amount in BOPU_CASES:
        case = actions.case_create(
            actor=None, org=bopu, category=category, intake_on=intake, summary=_summary(category, parties, employer),
            parties=parties, migrants=migrants, party_names=names, employer_name=employer, lawyer=lawyer,
        )  # fmt: skip
        on = intake
        for step in steps:
            on += dt.timedelta(days=14)
            actions.case_advance(actor=None, case=case, step=step, on=on)
        if outcome is not None:
            actions.case_close(
                actor=None, case=case, outcome=outcome, amount_recovered=amount, on=on + dt.timedelta(days=20)
            )


def _summary(category: str, parties: int, employer: str) -> str:
    what = {
        "work_injury": "在工作中受伤，单位未及时申报工伤，要求认定工伤并支付工伤待遇。",
        "traffic": "下班途中发生交通事故，要求肇事方赔偿并认定工伤。",
        "wages": "单位拖欠工资，要求足额支付。",
        "contract": "单位未签订书面劳动合同即解除劳动关系，要求支付二倍工资及经济补偿。",
        "family": "外来工家庭矛盾纠纷，请求工会调解。",
    }[category]
    return f"{employer + '的' if employer else ''}{parties}名外来务工人员：{what}"
