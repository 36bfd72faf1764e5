"""Courses, sessions, trainees and certificates made through the real actions, and plain rows for
the scope walk."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from gonghui.kernel.codes import id_number_make
from gonghui.members import keys
from gonghui.members.models import Member
from gonghui.orgs.models import Org
from gonghui.training import actions, tokens
from gonghui.training.models import Certificate, Course, Enrolment, Session

DAY = dt.date(2013, 3, 27)
_seq = itertools.count(1)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


def person_name() -> str:
    n = next(_seq)
    return SURNAMES[n % 20] + GIVEN[(n // 20) % 20] + GIVEN[(n * 7 + 3) % 20]


def new_id(seq: int | None = None) -> str:
    n = seq if seq is not None else next(_seq)
    return id_number_make("440105", dt.date(1980, 1, 1) + dt.timedelta(days=n % 7000), n % 999 + 1)


def member_at(org: Org, name: str = "", status: str = "active") -> Member:
    number = new_id()
    return Member.objects.create(
        org=org, name=name or person_name(), id_number=number, id_number_bidx=keys.id_bidx(number),
        birth_date=dt.date(1980, 1, 1), sex="男", status=status, join_date=dt.date(2000, 1, 1),
    )  # fmt: skip


def make_course(
    org: Org, *, actor: Any = None, sessions: int = 2, hours: str = "4", on: dt.date = DAY, publish: bool = True,
    **values: Any,
) -> Course:  # fmt: skip
    values = {"title": "帮扶工作实操培训班", "subject": "union_work", "capacity": 10, "trainer": "集团帮扶中心",
              "place": "机场集团培训中心", "requires_test": True, "pass_mark": "60", **values}  # fmt: skip
    course = actions.course_create(actor=actor, org=org, **values)
    for i in range(sessions):
        actions.session_add(actor=actor, course=course, on=on + dt.timedelta(days=i), starts_at=dt.time(9),
                            ends_at=dt.time(12), hours=hours, topic=f"第{i + 1}讲")  # fmt: skip
    if publish:
        course = actions.course_publish(actor=actor, course=course)
    course.refresh_from_db()
    return course


def enrol(course: Course, members: list[Member], actor: Any = None) -> list[Enrolment]:
    return actions.enrol_members(actor=actor, course=course, members=members).added


def attend_all(course: Course, enrolments: list[Enrolment], actor: Any = None) -> None:
    for s in course.sessions.all():
        actions.attendance_set(actor=actor, session=s, present=[e.pk for e in enrolments])


def certificate_of_chen(tree: Any, user: Any) -> tuple[Member, Certificate]:
    """陈建华 of the grassroots union, signed in as `user`, attended every session of a street
    course without a test; the course finished and the certificate issued."""
    from gonghui.members.actions import member_link_user

    course = make_course(tree.street, requires_test=False)
    me = member_at(tree.grassroots, name="陈建华")
    member_link_user(actor=None, member=me, user=user)
    attend_all(course, enrol(course, [me]))
    actions.course_finish(actor=None, course=course)
    (cert,) = actions.certificates_issue(actor=None, course=course)
    return me, cert


# ------------------------------------------------------------------------- the scope walk
# Plain rows, without audit rows: the walk counts any audit row on an outsider as a breach.


def course_in(org: Org) -> Course:
    return Course.objects.get_or_create(
        org=org, title="走查培训班", defaults={"subject": "skills", "capacity": 5, "starts_on": DAY, "ends_on": DAY,
                                               "total_hours": Decimal("3")},
    )[0]  # fmt: skip


def session_in(org: Org) -> Session:
    course = course_in(org)
    return Session.objects.get_or_create(
        course=course,
        on=DAY,
        defaults={"starts_at": dt.time(9), "ends_at": dt.time(12), "hours": Decimal("3")},
    )[0]


def enrolment_in(org: Org) -> Enrolment:
    course = course_in(org)
    found = course.enrolments.first()
    if found is not None:
        return found
    number = new_id()
    return Enrolment.objects.create(course=course, name="走查学员", id_number=number,
                                    id_number_bidx=keys.id_bidx(number), phone="13800138000")  # fmt: skip


def certificate_in(org: Org) -> Certificate:
    enrolment = enrolment_in(org)
    found = Certificate.objects.filter(enrolment=enrolment).first()
    if found is not None:
        return found
    # Revoked: its public address answers 404, to everyone.
    return Certificate.objects.create(enrolment=enrolment, code=tokens.new_code(), number=f"W-{org.pk}",
                                      issued_on=DAY, state=Certificate.State.REVOKED)  # fmt: skip


def withdrawn_code_in(org: Org) -> str:
    """The code of a withdrawn enrolment: its page and certificate answer 404, to everyone."""
    course = course_in(org)
    found = course.enrolments.filter(state=Enrolment.State.CANCELLED, name="走查退出学员").first()
    if found is None:
        found = Enrolment.objects.create(course=course, name="走查退出学员", state=Enrolment.State.CANCELLED)
    return tokens.enrolment_code(found.pk)


WALK = {
    "code": withdrawn_code_in,
    "course_id": course_in,
    "session_id": session_in,
    "enrolment_id": enrolment_in,
    "certificate_id": certificate_in,
    "signed": lambda org: tokens.verify_token(certificate_in(org).code),
}
