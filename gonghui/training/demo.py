"""Demo courses from the bulletin: 广东机场集团公司工会's one-day 帮扶工作实操培训班 (about 160
people, 3月27日) with attendance, scores and certificates; 茂名市总工会's 家政 training for laid-off
and migrant workers (a few dozen of the 1,000 the city plans), registered by name and ID number;
and a course open now at the province that the demo worker can sign up for.

Called by the demo loader after members: `training_demo_load()`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gonghui.kernel.codes import id_number_make
from gonghui.members.actions import member_apply, member_approve
from gonghui.members.choices import COUNTED
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from . import actions
from .models import Course, Enrolment

SURNAMES = "陈黄李张梁林刘吴何罗郑杨谢冯邓曾许彭蔡苏潘钟卢叶朱徐"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲婷辉鹏健"
AIRPORT = "广东机场集团公司工会"
AIRPORT_DAY = dt.date(2013, 3, 27)


def training_demo_loaded() -> bool:
    return Course.objects.exists()


def _names(rng: random.Random, n: int) -> list[str]:
    seen: set[str] = set()
    while len(seen) < n:
        seen.add(rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2)))))
    return sorted(seen, key=lambda s: rng.random())


def training_demo_load(*, seed: int = 20130327, progress: Callable[[str], None] = print) -> int:
    """Returns the number of courses loaded; nothing when the demo already has courses."""
    if training_demo_loaded():
        return 0
    airport = Org.objects.filter(name=AIRPORT).first()
    maoming = Org.objects.filter(name__startswith="茂名市", level="city").first()
    province = Org.objects.filter(name="广东省总工会", parent__isnull=True).first()
    if airport is None or province is None:
        return 0
    rng = random.Random(seed)
    with transaction.atomic():
        made = [_airport(airport, rng)]
        if maoming is not None:
            made.append(_housekeeping(maoming, rng))
        made.append(_open_now(province))
    people = Enrolment.objects.filter(course__in=made).count()
    progress(f"  {len(made)} 个培训班，{people} 名学员")
    return len(made)


def _airport(org: Org, rng: random.Random) -> Course:
    """About 160 people of the group's unions, 人劳 and 财务: members of the group's union."""
    members = list(Member.objects.filter(org=org, status__in=COUNTED).order_by("id")[:160])
    for i, name in enumerate(_names(rng, 160 - len(members))):
        m = member_apply(
            actor=None, org=org, name=name, id_number=id_number_make("440111", dt.date(1970 + i % 25, 1 + i % 12,
                                                                                        1 + i % 28), 300 + i),
            employer_name="广东省机场管理集团有限公司", on=dt.date(2008, 5, 1),
        )  # fmt: skip
        members.append(member_approve(actor=None, member=m, on=dt.date(2008, 5, 10)))
    course = actions.course_create(
        actor=None, org=org, title="帮扶工作实操培训班", subject="union_work", capacity=170,
        trainer="集团公司帮扶中心管委办", place="广东机场集团公司培训中心", requires_test=True, pass_mark="60",
        min_attendance=80, enrol_until=AIRPORT_DAY,
        description="集团公司帮扶方案：医疗、困难、助学三大体系；四重保障医疗帮扶、雪中送炭困难帮扶、"
        "心系寒门助学帮扶的申报、审核与资金发放实操。",
    )  # fmt: skip
    actions.session_add(actor=None, course=course, on=AIRPORT_DAY, starts_at=dt.time(9), ends_at=dt.time(12),
                        hours="3", topic="开班讲话；帮扶方案解读")  # fmt: skip
    actions.session_add(actor=None, course=course, on=AIRPORT_DAY, starts_at=dt.time(14), ends_at=dt.time(17, 30),
                        hours="3.5", topic="帮扶申报与资金发放实操")  # fmt: skip
    actions.course_publish(actor=None, course=course)
    trainees = actions.enrol_members(actor=None, course=course, members=members).added
    morning, afternoon = course.sessions.all()
    actions.attendance_set(actor=None, session=morning, present=[e.pk for e in trainees[:157]])
    actions.attendance_set(
        actor=None, session=afternoon, present=[e.pk for e in trainees[:151]] + [trainees[158].pk]
    )
    scores = {e.pk: Decimal(rng.randint(52, 98)) for e in trainees[:156]}
    actions.scores_set(actor=None, course=course, scores=scores)
    actions.course_close(actor=None, course=course)
    course = actions.course_finish(actor=None, course=course)
    Course.objects.filter(pk=course.pk).update(finished_on=AIRPORT_DAY)
    actions.certificates_issue(actor=None, course=course, on=AIRPORT_DAY + dt.timedelta(days=1))
    return course


def _housekeeping(org: Org, rng: random.Random) -> Course:
    """家政培训促进就业工程: 普通家政员、月嫂 for laid-off and migrant workers, most not members."""
    start = dt.date(2013, 4, 8)
    course = actions.course_create(
        actor=None, org=org, title="家政服务员（月嫂）培训班（第一期）", subject="housekeeping", capacity=40,
        audience="public", trainer="茂名市职业技术学校", place="茂名市工人文化宫", requires_test=True,
        pass_mark="60", min_attendance=80,
        description="面向下岗失业人员及进城务工农民工：母婴护理、家庭保洁、膳食制作、老人照护，结业后推荐就业。",
    )  # fmt: skip
    topics = ["职业道德与礼仪", "家庭保洁与收纳", "家庭膳食制作", "母婴护理", "老人照护与考核"]
    for i, topic in enumerate(topics):
        actions.session_add(actor=None, course=course, on=start + dt.timedelta(days=i), starts_at=dt.time(9),
                            ends_at=dt.time(12), hours="3", topic=topic)  # fmt: skip
    actions.course_publish(actor=None, course=course)
    trainees = []
    for i, name in enumerate(_names(rng, 36)):
        number = id_number_make("440902", dt.date(1968 + i % 22, 1 + i % 12, 1 + (i * 3) % 28), 500 + i)
        trainees.append(actions.enrol_person(
            actor=None, course=course, name=name, id_number=number, phone=f"139{rng.randint(10**7, 10**8 - 1)}",
            unit="下岗失业人员" if i % 3 == 0 else "进城务工农民工",
        ))  # fmt: skip
    for j, session in enumerate(course.sessions.all()):
        present = [e.pk for i, e in enumerate(trainees) if not (i % 9 == j or (i in (7, 19) and j > 1))]
        actions.attendance_set(actor=None, session=session, present=present)
    actions.scores_set(
        actor=None, course=course, scores={e.pk: Decimal(rng.randint(55, 96)) for e in trainees}
    )
    course = actions.course_finish(actor=None, course=course)
    actions.certificates_issue(actor=None, course=course, on=start + dt.timedelta(days=7))
    return course


def _open_now(province: Org) -> Course:
    """A course open now and open to the public, so the demo worker finds it among what their
    unions offer; two workers without a membership already enrolled themselves on their phones."""
    today = timezone.localdate()
    course = actions.course_create(
        actor=None, org=province, title="职工职业技能提升培训班（电工）", subject="skills", capacity=60,
        audience="public",
        trainer="广东省职工技能培训中心", place="广州市工人文化宫", requires_test=True, pass_mark="60",
        enrol_until=today + dt.timedelta(days=10),
        description="低压电工作业安全技术、电气识图与实操，结业考核合格者颁发结业证书。",
    )  # fmt: skip
    for i in range(3):
        actions.session_add(actor=None, course=course, on=today + dt.timedelta(days=14 + i), starts_at=dt.time(9),
                            ends_at=dt.time(17), hours="7", topic=("安全技术", "电气识图", "实操与考核")[i])  # fmt: skip
    course = actions.course_publish(actor=None, course=course)
    for name, phone, unit in (
        ("邓志明", "13729381046", "广州某物业管理有限公司"),
        ("罗桂英", "15913572468", ""),
    ):
        actions.enrol_person(actor=None, course=course, name=name, phone=phone, unit=unit, by_self=True)
    return course
