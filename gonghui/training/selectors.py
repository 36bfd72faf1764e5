"""The reads of the training module, each through the one scope rule (or, for a worker, through
their own membership)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404

from gonghui.kernel import charts, scope
from gonghui.kernel.cleaning import today
from gonghui.kernel.filters import narrowed
from gonghui.kernel.masking import mask_middle
from gonghui.orgs.models import SEGMENT, Org

from . import rules, tokens
from .models import Attendance, Audience, Certificate, Course, Enrolment, Session, Subject

_C = Course.State
_E = Enrolment.State


# ------------------------------------------------------------------------------- officers


def course_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Course:
    return scope.get_for(Course.objects.select_related("org"), actor, perm, pk=pk)


def session_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Session:
    return scope.get_for(
        Session.objects.select_related("course__org"), actor, perm, org_field="course__org", pk=pk
    )


def enrolment_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Enrolment:
    return scope.get_for(
        Enrolment.objects.select_related("course__org", "member"), actor, perm, org_field="course__org", pk=pk
    )


def enrolment_get_for_officer_or_trainee(*, actor: Any, pk: int) -> Enrolment:
    """A trainee's enrolment, for the organiser's officers or the trainee themselves."""
    enrolment = Enrolment.objects.select_related("course__org").filter(pk=pk).first()
    if enrolment is None:
        raise Http404("记录不存在")
    if scope.can(actor, "view", enrolment.course.org) or rules.own_enrolment(actor, enrolment):
        return enrolment
    raise PermissionDenied(scope.OUT_OF_SCOPE)


def course_list_for_actor(
    *, actor: Any, within: Org | None = None, subject: str = "", year: int | None = None, state: str = "",
    todo: str = "", q: str = "",
) -> QuerySet[Course]:  # fmt: skip
    # A to-do list shows what the to-do counts: the courses the person may work on.
    qs = scope.restrict(Course.objects.select_related("org"), actor, "edit" if todo else "view")
    if within is not None:
        qs = qs.filter(org__path__startswith=within.path)
    qs = narrowed(qs, subject=subject, starts_on__year=year, state=state, title__icontains=q)
    if todo == "certify":
        qs = _to_certify(qs)
    elif todo == "attendance":
        qs = _attendance_due(qs)
    return qs.annotate(
        enrolled=Count("enrolments", filter=Q(enrolments__state=_E.ENROLLED), distinct=True)
    ).order_by("-starts_on", "-id")


def _to_certify(qs: QuerySet[Course]) -> QuerySet[Course]:
    waiting = Enrolment.objects.filter(
        course=OuterRef("pk"), state=_E.ENROLLED, completed=True, certificate__isnull=True
    )
    return qs.filter(state=_C.FINISHED).filter(Exists(waiting))


def _attendance_due(qs: QuerySet[Course]) -> QuerySet[Course]:
    """Courses under way with a session that has begun but has no attendance at all."""
    unmarked = Session.objects.filter(course=OuterRef("pk"), on__lte=today()).exclude(
        Exists(Attendance.objects.filter(session=OuterRef("pk")))
    )
    return qs.filter(state__in=rules.UNDER_WAY).filter(Exists(unmarked))


def _editable(actor: Any) -> QuerySet[Course]:
    return scope.restrict(Course.objects.all(), actor, "edit")


def to_certify_count(actor: Any) -> int:
    return _to_certify(_editable(actor)).count()


def attendance_due_count(actor: Any) -> int:
    return _attendance_due(_editable(actor)).count()


@dataclass
class Row:
    enrolment: Enrolment
    present: set[int]  # session ids attended
    hours: Decimal
    rate: int  # % of the course's hours
    completes: bool  # by the rule, now
    certificate: Certificate | None
    outcome: str = ""  # 已结业 / 未结业 after the course finished, 达标 / 未达标 before
    cert_ab: Any = None  # the certificate's abilities, filled by the page


def roster(course: Course) -> list[Row]:
    """The trainees with their attendance, hours and whether they meet the completion rule."""
    enrolments = list(course.enrolments.filter(state=_E.ENROLLED).select_related("member").order_by("id"))
    present: dict[int, set[int]] = defaultdict(set)
    hours: dict[int, Decimal] = defaultdict(Decimal)
    for enrolment_id, session_id, h in Attendance.objects.filter(session__course=course).values_list(
        "enrolment_id", "session_id", "session__hours"
    ):
        present[enrolment_id].add(session_id)
        hours[enrolment_id] += h
    certs = {c.enrolment_id: c for c in Certificate.objects.filter(enrolment__course=course)}
    total = course.total_hours
    finished = course.state == _C.FINISHED
    rows = []
    for e in enrolments:
        meets = rules.completes(course, hours[e.pk], e.score)
        outcome = ("已结业" if e.completed else "未结业") if finished else ("达标" if meets else "未达标")
        rows.append(Row(e, present[e.pk], hours[e.pk], int(hours[e.pk] * 100 / total) if total else 0,
                        meets, certs.get(e.pk), outcome))  # fmt: skip
    return rows


def certificate_get_for_actor(*, actor: Any, pk: int) -> Certificate:
    """An officer over the course, or the trainee themselves."""
    cert = Certificate.objects.select_related("enrolment__course__org").filter(pk=pk).first()
    if cert is None:
        raise Http404("记录不存在")
    if scope.can(actor, "view", cert.enrolment.course.org) or rules.own_enrolment(actor, cert.enrolment):
        return cert
    raise PermissionDenied(scope.OUT_OF_SCOPE)


# ------------------------------------------------------------------------------- workers


def _worker_courses(member: Any) -> QuerySet[Course]:
    """Courses a worker's unions run: their own union's and those of every union above it."""
    path = member.org.path
    prefixes = [path[:i] for i in range(len(path), 0, -SEGMENT)]
    return Course.objects.select_related("org").filter(org__path__in=prefixes)


def course_get_for_worker(*, actor: Any, pk: int) -> Course:
    """A course as a worker sees it: one open to them (or that they are enrolled on)."""
    member = rules.worker_member(actor)
    course = Course.objects.select_related("org").filter(pk=pk).first()
    if course is None:
        raise Http404("记录不存在")
    if course.state != _C.DRAFT and course.audience == Audience.PUBLIC:
        return course
    user_pk = getattr(actor, "pk", None)
    if (
        course.state != _C.DRAFT
        and user_pk is not None
        and course.enrolments.filter(user_id=user_pk).exists()
    ):
        return course
    if member is not None and course.state != _C.DRAFT:
        if rules.member_eligible(course, member):
            return course
        if course.enrolments.filter(id_number_bidx=member.id_number_bidx).exists():
            return course
    raise PermissionDenied("该培训班不向您开放。")


def _mine(actor: Any) -> Q | None:
    """A worker's enrolments: by their membership's ID number, or made under their login."""
    member = rules.worker_member(actor)
    pk = getattr(actor, "pk", None)
    if member is None and pk is None:
        return None
    q = Q(user_id=pk) if pk is not None else Q(pk__in=[])
    return q | Q(id_number_bidx=member.id_number_bidx) if member is not None else q


def my_enrolment(actor: Any, course: Course) -> Enrolment | None:
    mine = _mine(actor)
    if mine is None:
        return None
    return course.enrolments.filter(mine, state=_E.ENROLLED).select_related("course__org").first()


def my_enrolments(actor: Any) -> list[Enrolment]:
    mine = _mine(actor)
    if mine is None:
        return []
    return list(
        Enrolment.objects.filter(mine)
        .exclude(course__state__in=(_C.DRAFT,))
        .select_related("course__org", "certificate")
        .order_by("-course__starts_on", "-id")[:50]
    )


def courses_open_to(actor: Any) -> list[Course]:
    """Courses open for enrolment now to this worker, with places left."""
    member = rules.worker_member(actor)
    if member is None:
        return []
    qs = (
        _worker_courses(member)
        .filter(state=_C.OPEN)
        .filter(Q(enrol_until__isnull=True) | Q(enrol_until__gte=today()))
        .annotate(enrolled=Count("enrolments", filter=Q(enrolments__state=_E.ENROLLED)))
        .order_by("starts_on", "id")
    )
    mine = set(
        Enrolment.objects.filter(id_number_bidx=member.id_number_bidx, state=_E.ENROLLED).values_list(
            "course_id", flat=True
        )
    )
    return [
        c
        for c in qs[:50]
        if rules.member_eligible(c, member) and c.pk not in mine and c.enrolled < c.capacity
    ]


# ------------------------------------------------------------------------------- the public


def course_get_public(*, pk: int) -> Course:
    """A public course (面向社会) as anyone sees it, signed in or not, once it is announced."""
    course = (
        Course.objects.select_related("org")
        .filter(pk=pk, audience=Audience.PUBLIC)
        .exclude(state=_C.DRAFT)
        .first()
    )
    if course is None:
        raise Http404("记录不存在")
    return course


def enrolment_by_code(code: str) -> Enrolment:
    """The enrolment its own code names, while it holds (the person who holds the code sees it;
    a withdrawn one is gone)."""
    pk = tokens.enrolment_id_from_code(code)
    enrolment = (
        Enrolment.objects.select_related("course__org").filter(pk=pk, state=_E.ENROLLED).first()
        if pk is not None
        else None
    )
    if enrolment is None:
        raise Http404("记录不存在")
    return enrolment


def enrolment_certificate(enrolment: Enrolment) -> Certificate | None:
    """The enrolment's certificate while it holds."""
    return Certificate.objects.filter(enrolment=enrolment, state=Certificate.State.VALID).first()


def attended(enrolment: Enrolment) -> list[Attendance]:
    return list(enrolment.attendance.select_related("session").order_by("session__on", "session__starts_at"))


def name_masked(name: str) -> str:
    """陈建华 → 陈*华, 李娜 → 李*: enough for someone holding the paper to recognise."""
    if len(name) <= 2:
        return name[:1] + "*" * (len(name) - 1)
    return mask_middle(name, keep_start=1, keep_end=1)


@dataclass(frozen=True)
class Verified:
    number: str
    name: str  # masked
    course: str
    subject: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    issued_on: dt.date
    org: str
    hours: Decimal
    code: str = field(default="")


def certificate_verify(code: str) -> Verified | None:
    """What the public verification page shows of a valid certificate: nothing more."""
    code = tokens.code_normalize(code)
    if not code:
        return None
    cert = (
        Certificate.objects.select_related("enrolment__course__org")
        .filter(code=code, state=Certificate.State.VALID)
        .first()
    )
    if cert is None:
        return None
    course = cert.enrolment.course
    return Verified(
        number=cert.number, name=name_masked(cert.enrolment.name), course=course.title,
        subject=course.get_subject_display(), starts_on=course.starts_on, ends_on=course.ends_on,
        issued_on=cert.issued_on, org=course.org.name, hours=course.total_hours, code=tokens.code_display(code),
    )  # fmt: skip


# ------------------------------------------------------------------------------- statistics


@dataclass
class Figures:
    courses: int = 0
    trainees: int = 0  # 培训人次: trainees who attended at least once
    completed: int = 0
    hours: Decimal = Decimal("0")  # 人·学时 attended


@dataclass
class Statistics:
    within: Org
    year: int
    by_subject: list[tuple[str, Figures]]
    by_union: list[tuple[Org | None, Figures]]  # None: the union itself (本级)
    total: Figures


def statistics(*, actor: Any, within: Org, year: int) -> Statistics:
    """People trained, completions and hours by subject and by the unions directly under
    `within` (each with its whole subtree), for courses that began in `year`."""
    scope.require(actor, "view", within)
    courses = list(
        Course.objects.filter(org__path__startswith=within.path, starts_on__year=year)
        .exclude(state__in=(_C.DRAFT, _C.CANCELLED))
        .values_list("pk", "subject", "org__path")
    )
    ids = [c[0] for c in courses]
    trained = dict(
        Enrolment.objects.filter(course_id__in=ids, attendance__isnull=False)
        .values("course_id").annotate(n=Count("id", distinct=True)).values_list("course_id", "n")
    )  # fmt: skip
    done = dict(
        Enrolment.objects.filter(course_id__in=ids, completed=True, state=_E.ENROLLED)
        .values("course_id").annotate(n=Count("id")).values_list("course_id", "n")
    )  # fmt: skip
    hours = dict(
        Attendance.objects.filter(session__course_id__in=ids)
        .values("session__course_id").annotate(h=Sum("session__hours"))
        .values_list("session__course_id", "h")
    )  # fmt: skip
    children = list(Org.objects.filter(parent=within).order_by("path"))
    by_subject: dict[str, Figures] = defaultdict(Figures)
    by_union: dict[int | None, Figures] = defaultdict(Figures)
    total = Figures()
    for pk, subject, path in courses:
        child = next((c for c in children if path.startswith(c.path)), None)
        for f in (by_subject[subject], by_union[child.pk if child else None], total):
            f.courses += 1
            f.trainees += trained.get(pk, 0)
            f.completed += done.get(pk, 0)
            f.hours += hours.get(pk) or Decimal("0")
    labels = {value: str(label) for value, label in Subject.choices}  # lazy labels, as text for JSON and xlsx
    subjects = [(labels[s], by_subject[s]) for s, _ in Subject.choices if s in by_subject]
    unions: list[tuple[Org | None, Figures]] = []
    if None in by_union:
        unions.append((None, by_union[None]))
    unions += [(c, by_union[c.pk]) for c in children if c.pk in by_union]
    return Statistics(within, year, subjects, unions, total)


def statistics_chart(stats: Statistics, by: str = "subject") -> dict[str, Any]:
    """An ECharts option for the statistics page: people trained and completions (bars) and
    hours (a line on its own axis), by subject or by the unions under the one looked at."""
    from django.utils.translation import gettext

    if by == "union":
        rows = [(o.name if o else gettext("%(name)s（本级）") % {"name": stats.within.name}, f)
                for o, f in stats.by_union]  # fmt: skip
    else:
        rows = list(stats.by_subject)
    trained, completed, hours = gettext("培训人次"), gettext("结业人数"), gettext("培训学时（人·学时）")
    return charts.categories_chart(
        [name for name, _ in rows],
        y_axis=[{"type": "value", "name": gettext("人")}, {"type": "value", "name": gettext("学时")}],
        series=[
            charts.bar(trained, [f.trainees for _, f in rows]),
            charts.bar(completed, [f.completed for _, f in rows]),
            charts.line(hours, [float(f.hours) for _, f in rows], yAxisIndex=1),
        ],
    )


def enrol_candidates(*, actor: Any, course: Course, q: str, limit: int = 50) -> list[Any]:
    """Members the officer may enrol: found by name (prefix) or ID number, in the organiser's
    subtree for a members' course, whose membership holds, not enrolled yet."""
    from gonghui.members.choices import COUNTED
    from gonghui.members.selectors import member_queryset_for_actor

    q = q.strip()
    if not q:
        return []
    within = course.org if course.audience == Audience.SUBTREE else None
    by_id = q[:1].isdigit()
    qs = member_queryset_for_actor(
        actor=actor, within=within, name="" if by_id else q, id_number=q if by_id else ""
    ).filter(status__in=COUNTED)
    taken = course.enrolments.filter(state=_E.ENROLLED).values("id_number_bidx")
    return list(qs.exclude(id_number_bidx__in=taken).select_related("org").order_by("name", "id")[:limit])


def enrol_unions(*, actor: Any, course: Course) -> list[Org]:
    """Grassroots unions whose members the officer may enrol all at once."""
    from gonghui.members.selectors import grassroots_for_actor

    within = course.org if course.audience == Audience.SUBTREE else None
    return grassroots_for_actor(actor=actor, perm="view", within=within, limit=200)
