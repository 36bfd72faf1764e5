"""The writes of the training module; each runs in one transaction with its audit row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min, Q, Sum
from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import transition
from gonghui.members import keys
from gonghui.members.fields import FieldError, parse_phone
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from . import rules, tokens
from .models import Attendance, Audience, Certificate, Course, Enrolment, Session, Subject
from .workflow import CERTIFICATE, COURSE, ENROLMENT

MAX_HOURS = Decimal("24")


# ------------------------------------------------------------------------------- courses


def _clean_course(values: Mapping[str, Any]) -> dict[str, Any]:
    pass_mark = _score(values.get("pass_mark", 60), field="pass_mark", label="考核合格分")
    return {
        "title": cleaning.text(values.get("title"), field="title", label="培训班名称", max_length=100),
        "subject": cleaning.choice(values.get("subject"), Subject.choices, field="subject", label="培训类别"),
        "trainer": cleaning.text(
            values.get("trainer", ""), field="trainer", label="授课人（单位）", max_length=100, required=False
        ),
        "place": cleaning.text(
            values.get("place", ""), field="place", label="培训地点", max_length=100, required=False
        ),
        "description": cleaning.body(
            values.get("description", ""),
            field="description",
            label="培训内容",
            max_length=2000,
            required=False,
        ),
        "capacity": cleaning.whole(
            values.get("capacity"), field="capacity", label="名额", minimum=1, maximum=100_000
        ),
        "audience": cleaning.choice(
            values.get("audience", Audience.SUBTREE), Audience.choices, field="audience", label="招收对象"
        ),
        "enrol_until": (
            cleaning.date(values["enrol_until"], field="enrol_until", label="报名截止日期")
            if values.get("enrol_until")
            else None
        ),
        "min_attendance": cleaning.whole(
            values.get("min_attendance", 80),
            field="min_attendance",
            label="结业出勤率",
            minimum=1,
            maximum=100,
        ),
        "requires_test": bool(values.get("requires_test", False)),
        "pass_mark": pass_mark if pass_mark is not None else Decimal("60"),
    }


@action
def course_create(*, actor: Any, org: Org, **values: Any) -> Course:
    scope.require(actor, "edit", org)
    clean = _clean_course(values)
    course = Course.objects.create(org=org, **clean)
    audit(actor=actor, action="training.course.create", obj=course, org=org,
          detail={"title": course.title, "subject": course.get_subject_display(), "capacity": course.capacity})  # fmt: skip
    return course


@action
def course_update(*, actor: Any, course: Course, **values: Any) -> Course:
    course = _locked(course)
    scope.require(actor, "edit", course.org)
    _refuse(rules.roster_refusal(course))
    clean = _clean_course(values)
    taken = rules.enrolled_count(course)
    if clean["capacity"] < taken:
        raise Refused(
            {"capacity": gettext("已有%(taken)s人报名，名额不能少于%(taken)s。") % {"taken": taken}}
        )
    changed = {k: str(v) for k, v in clean.items() if getattr(course, k) != v}
    for k, v in clean.items():
        setattr(course, k, v)
    course.save()
    audit(actor=actor, action="training.course.update", obj=course, org=course.org,
          detail={"after": changed})  # fmt: skip
    return course


def _step(course: Course, step: str, actor: Any, **detail: Any) -> Course:
    course = _locked(course)
    transition(COURSE, course, step, actor=actor, detail={"title": course.title, **detail})
    return course


@action
def course_publish(*, actor: Any, course: Course) -> Course:
    return _step(course, "publish", actor)


@action
def course_close(*, actor: Any, course: Course) -> Course:
    return _step(course, "close", actor)


@action
def course_reopen(*, actor: Any, course: Course) -> Course:
    return _step(course, "reopen", actor)


@action
def course_cancel(*, actor: Any, course: Course) -> Course:
    return _step(course, "cancel", actor)


@action
def course_finish(*, actor: Any, course: Course) -> Course:
    """结业: each trainee's completion is decided by the course's rule (attendance over its hours,
    and the test where it has one) and kept; certificates go to those who completed."""
    course = _locked(course)
    COURSE.check(actor, course, "finish")
    hours = _attended_hours(course)
    done: list[int] = []
    trainees = list(course.enrolments.filter(state=Enrolment.State.ENROLLED))
    for e in trainees:
        if rules.completes(course, hours.get(e.pk, Decimal("0")), e.score):
            done.append(e.pk)
    course.enrolments.filter(pk__in=done).update(completed=True)
    course.enrolments.exclude(pk__in=done).update(completed=False)
    course.finished_on = cleaning.today()
    transition(COURSE, course, "finish", actor=actor, extra_fields=("finished_on",),
               detail={"title": course.title, "trainees": len(trainees), "completed": len(done)})  # fmt: skip
    return course


def _attended_hours(course: Course) -> dict[int, Decimal]:
    rows = (
        Attendance.objects.filter(session__course=course)
        .values("enrolment_id")
        .annotate(h=Sum("session__hours"))
    )
    return {r["enrolment_id"]: r["h"] or Decimal("0") for r in rows}


# ------------------------------------------------------------------------------- sessions


def _recount(course: Course) -> None:
    agg = course.sessions.aggregate(first=Min("on"), last=Max("on"), hours=Sum("hours"))
    course.starts_on, course.ends_on = agg["first"], agg["last"]
    course.total_hours = agg["hours"] or Decimal("0")
    course.save(update_fields=["starts_on", "ends_on", "total_hours"])


@action
def session_add(
    *, actor: Any, course: Course, on: Any, starts_at: dt.time, ends_at: dt.time, hours: Any,
    place: str = "", topic: str = "",
) -> Session:  # fmt: skip
    course = _locked(course)
    scope.require(actor, "edit", course.org)
    _refuse(rules.roster_refusal(course))
    day = cleaning.date(on, field="on", label="日期")
    if not isinstance(starts_at, dt.time):
        raise Refused({"starts_at": gettext("请填写开始时间。")})
    if not isinstance(ends_at, dt.time) or ends_at <= starts_at:
        raise Refused({"ends_at": gettext("结束时间应晚于开始时间。")})
    try:
        h = Decimal(str(hours).strip())
    except InvalidOperation:
        raise Refused({"hours": gettext("学时应为数字，如 2 或 1.5。")}) from None
    if not h.is_finite() or h <= 0 or h > MAX_HOURS or (h * 2) % 1 != 0:
        raise Refused({"hours": gettext("学时应在0.5至24之间，以0.5为单位。")})
    session = Session.objects.create(
        course=course, on=day, starts_at=starts_at, ends_at=ends_at, hours=h,
        place=cleaning.text(place, field="place", label="地点", max_length=100, required=False) or course.place,
        topic=cleaning.text(topic, field="topic", label="内容", max_length=100, required=False),
    )  # fmt: skip
    _recount(course)
    audit(actor=actor, action="training.session.add", obj=course, org=course.org,
          detail={"on": cleaning.iso(day), "hours": str(h), "topic": session.topic})  # fmt: skip
    return session


@action
def session_remove(*, actor: Any, session: Session) -> Course:
    course = _locked(session.course)
    scope.require(actor, "edit", course.org)
    _refuse(rules.roster_refusal(course))
    if session.attendance.exists():
        raise Refused(gettext("该课次已有签到记录，不能删除。"))
    on = session.on
    session.delete()
    _recount(course)
    audit(
        actor=actor,
        action="training.session.remove",
        obj=course,
        org=course.org,
        detail={"on": cleaning.iso(on)},
    )
    return course


# ------------------------------------------------------------------------------- enrolment


def _locked(course: Course) -> Course:
    return Course.objects.select_for_update().select_related("org").get(pk=course.pk)


def _refuse(why: str, field: str = "") -> None:
    if why:
        raise Refused({field: why} if field else why)


def _room(course: Course, wanted: int) -> None:
    """Refuse when `wanted` more trainees do not fit (the course row is locked by the caller, so
    no other enrolment can slip in between this count and the insert)."""
    taken = rules.enrolled_count(course)
    if taken + wanted > course.capacity:
        left = course.capacity - taken
        raise Refused(
            gettext("名额不足：共%(capacity)s个名额，已报名%(taken)s人，还可报名%(left)s人。")
            % {"capacity": course.capacity, "taken": taken, "left": max(left, 0)}
        )


@dataclass(frozen=True)
class Enrolled:
    added: list[Enrolment]
    skipped: list[str]  # names already enrolled or not eligible, with why


@action
def enrol_members(*, actor: Any, course: Course, members: Sequence[Member]) -> Enrolled:
    """Register members from the register as trainees (one, a list, or a union's members):
    those already enrolled are skipped, the rest must all fit in the places left."""
    course = _locked(course)
    scope.require(actor, "edit", course.org)
    _refuse(rules.roster_refusal(course))
    if not members:
        raise Refused({"members": gettext("请选择要报名的会员。")})
    present = set(
        course.enrolments.filter(state=Enrolment.State.ENROLLED).values_list("id_number_bidx", flat=True)
    )
    fresh: list[Member] = []
    skipped: list[str] = []
    for m in members:
        if not scope.can(actor, "view", m.org):
            raise PermissionDenied(scope.OUT_OF_SCOPE)
        if m.id_number_bidx in present:
            skipped.append(f"{m.name}（已报名）")
        elif not rules.member_eligible(course, m):
            skipped.append(f"{m.name}（不在招收范围或会籍不在正常状态）")
        else:
            present.add(m.id_number_bidx)
            fresh.append(m)
    if not fresh:
        raise Refused({"members": "所选会员均已报名或不在招收范围：" + "、".join(skipped[:10])})
    _room(course, len(fresh))
    added = Enrolment.objects.bulk_create(
        [
            Enrolment(
                course=course,
                member=m,
                name=m.name,
                unit=m.org.name,
                id_number_bidx=m.id_number_bidx,
                via=Enrolment.Via.OFFICER,
            )
            for m in fresh
        ]
    )
    audit(actor=actor, action="training.enrolment.add", obj=course, org=course.org,
          detail={"count": len(added), "people": "、".join(m.name for m in fresh[:20])})  # fmt: skip
    return Enrolled(added, skipped)


@action
def enrol_union(*, actor: Any, course: Course, org: Org) -> Enrolled:
    """Every member of a union (and of the unions under it) whose membership holds."""
    from gonghui.members.choices import COUNTED

    scope.require(actor, "view", org)
    members = list(
        Member.objects.select_related("org")
        .filter(org__path__startswith=org.path, status__in=COUNTED)
        .order_by("org__path", "id")[:5000]
    )
    if not members:
        raise Refused({"org": gettext("%(name)s没有可报名的会员。") % {"name": org.name}})
    return enrol_members(actor=actor, course=course, members=members)


@action
def enrol_person(
    *, actor: Any, course: Course, name: str, phone: str, id_number: str = "", unit: str = "",
    by_self: bool = False,
) -> Enrolment:  # fmt: skip
    """A non-member on a public course, by name, phone and ID number (kept encrypted): registered
    by the organiser's officer, or, `by_self`, enrolling themselves on their phone (signed in on
    the portal or not; the ID number is then optional). The same places, the same one enrolment
    per person (by ID number or phone)."""
    course = _locked(course)
    if by_self:
        _refuse(rules.public_enrol_refusal(course))
    else:
        scope.require(actor, "edit", course.org)
        _refuse(rules.roster_refusal(course))
        if course.audience != Audience.PUBLIC:
            raise Refused(gettext("本培训班只招收会员，非会员请报名面向社会的培训班。"))
    clean_name = cleaning.text(name, field="name", label="姓名", max_length=50)
    number = ""
    if not by_self or str(id_number or "").strip():
        number = cleaning.id_number(id_number, field="id_number").number
    try:
        clean_phone = parse_phone(phone)
    except FieldError as exc:
        raise Refused({"phone": exc.message}) from None
    if not clean_phone:
        raise Refused({"phone": gettext("请填写手机号码。")})
    bidx = keys.id_bidx(number) if number else None
    phone_bidx = keys.phone_bidx(clean_phone)
    enrolled = course.enrolments.filter(state=Enrolment.State.ENROLLED)
    if bidx and enrolled.filter(id_number_bidx=bidx).exists():
        raise Refused({"id_number": gettext("该身份证号码已报名本培训班，请勿重复报名。")})
    if enrolled.filter(Q(phone_bidx=phone_bidx) | Q(member__phone_bidx=phone_bidx)).exists():
        raise Refused({"phone": gettext("该手机号码已报名本培训班，请勿重复报名。")})
    _room(course, 1)
    signed_in = actor is not None and getattr(actor, "is_authenticated", False)
    enrolment = Enrolment.objects.create(
        course=course, name=clean_name, id_number=number, id_number_bidx=bidx, phone=clean_phone,
        phone_bidx=phone_bidx,
        unit=cleaning.text(unit, field="unit", label="工作单位", max_length=100, required=False),
        via=Enrolment.Via.SELF if by_self else Enrolment.Via.OFFICER,
        user=actor if by_self and signed_in else None,
    )  # fmt: skip
    if by_self:
        audit(actor=actor if signed_in else None, action="training.enrolment.self", obj=course,
              org=course.org, detail={"name": clean_name})  # fmt: skip
    else:
        audit(actor=actor, action="training.enrolment.add", obj=course, org=course.org,
              detail={"count": 1, "people": clean_name})  # fmt: skip
    return enrolment


@action
def enrol_self(*, actor: Any, course: Course) -> Enrolment:
    """A worker enrols themselves (their linked membership) while the course is open."""
    course = _locked(course)
    member = rules.worker_member(actor)
    _refuse(rules.self_enrol_refusal(course, member))
    enrolment = Enrolment.objects.create(
        course=course, member=member, name=member.name, unit=member.org.name,
        id_number_bidx=member.id_number_bidx, via=Enrolment.Via.SELF,
    )  # fmt: skip
    audit(
        actor=actor,
        action="training.enrolment.self",
        obj=course,
        org=course.org,
        detail={"name": member.name},
    )
    return enrolment


@action
def enrolment_withdraw(*, actor: Any, enrolment: Enrolment) -> Enrolment:
    course = _locked(enrolment.course)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    enrolment.course = course
    transition(ENROLMENT, enrolment, "withdraw", actor=actor, detail={"name": enrolment.name})
    return enrolment


REVEALABLE = {"id_number": "身份证号码", "phone": "手机号码"}


@action
def trainee_reveal(*, actor: Any, enrolment: Enrolment) -> dict[str, str]:
    """A non-member trainee's ID number and phone in full, for someone who may reveal; audited."""
    scope.require(actor, "reveal", enrolment.course.org)
    if enrolment.is_member:
        raise Refused(gettext("会员学员的证件号码请在会员档案中查看。"))
    audit(actor=actor, action="training.trainee.reveal", obj=enrolment.course, org=enrolment.course.org,
          detail={"name": enrolment.name, "fields": list(REVEALABLE)})  # fmt: skip
    return {f: getattr(enrolment, f) for f in REVEALABLE}


# ------------------------------------------------------------------------------- attendance


@action
def attendance_set(*, actor: Any, session: Session, present: Iterable[int]) -> tuple[int, int]:
    """The officer's ticked list for one session: those ticked attended, the others did not.
    Returns (present, absent)."""
    course = _locked(session.course)
    scope.require(actor, "edit", course.org)
    session = Session.objects.get(pk=session.pk)
    session.course = course
    _refuse(rules.session_refusal(session))
    trainees = set(course.enrolments.filter(state=Enrolment.State.ENROLLED).values_list("pk", flat=True))
    ticked = set(present)
    if ticked - trainees:
        raise Refused(gettext("名单中有不是本培训班学员的人员。"))
    had = set(session.attendance.values_list("enrolment_id", flat=True))
    session.attendance.filter(enrolment_id__in=had - ticked).delete()
    Attendance.objects.bulk_create(
        [Attendance(enrolment_id=pk, session=session, how=Attendance.How.LIST) for pk in sorted(ticked - had)]
    )
    absent = len(trainees - ticked)
    audit(actor=actor, action="training.attendance.set", obj=course, org=course.org,
          detail={"on": cleaning.iso(session.on), "present": len(ticked), "absent": absent})  # fmt: skip
    return len(ticked), absent


def _scanned_enrolment(course: Course, code: str) -> Enrolment:
    """The trainee a scanned code names: the check-in code on the course page (good for minutes),
    the enrolment code of a person who enrolled themselves, or the member's service card."""
    from gonghui.portal.actions.cards import PREFIX as CARD_PREFIX
    from gonghui.portal.actions.cards import card_read

    code = code.strip()
    enrolled = course.enrolments.filter(state=Enrolment.State.ENROLLED)
    if code.startswith(CARD_PREFIX):
        member = card_read(code).member
        enrolment = enrolled.filter(Q(member=member) | Q(id_number_bidx=member.id_number_bidx)).first()
    elif (pk := tokens.enrolment_id_from_code(code)) is not None:
        enrolment = enrolled.filter(pk=pk).first()
    else:
        try:
            pk = tokens.checkin_enrolment_id(code)
        except tokens.TokenExpired:
            raise Refused({"code": gettext("二维码已过期，请学员刷新签到码后再出示。")}) from None
        except tokens.TokenInvalid:
            raise Refused({"code": gettext("无法识别该签到码。")}) from None
        enrolment = enrolled.filter(pk=pk).first()
    if enrolment is None:
        raise Refused({"code": gettext("该学员未报名本培训班。")})
    return enrolment


@dataclass(frozen=True)
class Scanned:
    enrolment: Enrolment
    new: bool  # False: already signed in for this session (counted once)


@action
def attendance_scan(*, actor: Any, session: Session, code: str) -> Scanned:
    """Check-in by the code on the trainee's phone, read by the officer at the door."""
    course = _locked(session.course)
    scope.require(actor, "edit", course.org)
    session = Session.objects.get(pk=session.pk)
    session.course = course
    _refuse(rules.session_refusal(session), "code")
    enrolment = _scanned_enrolment(course, code or "")
    _, created = Attendance.objects.get_or_create(
        enrolment=enrolment, session=session, defaults={"how": Attendance.How.QR}
    )
    if created:
        audit(actor=actor, action="training.attendance.scan", obj=course, org=course.org,
              detail={"on": cleaning.iso(session.on), "name": enrolment.name})  # fmt: skip
    return Scanned(enrolment, created)


# ------------------------------------------------------------------------------- scores


def _score(value: Any, *, field: str, label: str = "成绩") -> Decimal | None:
    raw = str(value if value is not None else "").strip()
    if not raw:
        return None
    try:
        d = Decimal(raw)
    except InvalidOperation:
        raise Refused(
            {field: gettext("%(label)s应为0至100之间的数，如 86 或 92.5。") % {"label": label}}
        ) from None
    if not d.is_finite() or d < 0 or d > 100 or d != d.quantize(Decimal("0.1")):
        raise Refused({field: gettext("%(label)s应为0至100之间的数，最多一位小数。") % {"label": label}})
    return d.quantize(Decimal("0.1"))


@action
def scores_set(*, actor: Any, course: Course, scores: Mapping[int, Any]) -> int:
    """Test scores typed by the officer (blank: not yet taken). Returns how many changed."""
    course = _locked(course)
    scope.require(actor, "edit", course.org)
    _refuse(rules.scores_refusal(course))
    trainees = {e.pk: e for e in course.enrolments.filter(state=Enrolment.State.ENROLLED)}
    changed: list[Enrolment] = []
    for pk, raw in scores.items():
        if pk not in trainees:
            raise Refused(gettext("名单中有不是本培训班学员的人员。"))
        value = _score(raw, field=f"score_{pk}", label=f"{trainees[pk].name}的成绩")
        if trainees[pk].score != value:
            trainees[pk].score = value
            changed.append(trainees[pk])
    Enrolment.objects.bulk_update(changed, ["score"])
    audit(
        actor=actor, action="training.scores.set", obj=course, org=course.org, detail={"count": len(changed)}
    )
    return len(changed)


# ------------------------------------------------------------------------------- certificates


def _issue(enrolment: Enrolment, on: dt.date, seq: int) -> Certificate:
    if not enrolment.completed or enrolment.state != Enrolment.State.ENROLLED:
        raise Refused(gettext("%(name)s未达到结业条件，不能发放结业证书。") % {"name": enrolment.name})
    code = tokens.new_code()
    while Certificate.objects.filter(code=code).exists():  # pragma: no cover - 31^12 codes
        code = tokens.new_code()
    number = f"{on.year}-{enrolment.course_id:04d}-{seq:03d}"
    return Certificate.objects.create(enrolment=enrolment, code=code, number=number, issued_on=on)


@action
def certificates_issue(*, actor: Any, course: Course, on: dt.date | None = None) -> list[Certificate]:
    """结业证书 to every trainee who completed and has none yet; nobody else gets one."""
    course = _locked(course)
    scope.require(actor, "edit", course.org)
    if course.state != Course.State.FINISHED:
        raise Refused(gettext("培训班办理结业后才能发放结业证书。"))
    day = on or cleaning.today()
    waiting = list(
        course.enrolments.filter(
            state=Enrolment.State.ENROLLED, completed=True, certificate__isnull=True
        ).order_by("id")
    )
    if not waiting:
        raise Refused(gettext("没有待发证书的结业学员。"))
    seq = Certificate.objects.filter(enrolment__course=course).count()
    made = [_issue(e, day, seq + i + 1) for i, e in enumerate(waiting)]
    audit(actor=actor, action="training.certificate.issue", obj=course, org=course.org,
          detail={"count": len(made), "on": cleaning.iso(day)})  # fmt: skip
    return made


@action
def certificate_revoke(*, actor: Any, certificate: Certificate, reason: str) -> Certificate:
    certificate = (
        Certificate.objects.select_for_update()
        .select_related("enrolment__course__org")
        .get(pk=certificate.pk)
    )
    certificate.revoked_reason = cleaning.text(reason, field="reason", label="撤销原因", max_length=200)
    transition(CERTIFICATE, certificate, "revoke", actor=actor, extra_fields=("revoked_reason",),
               detail={"reason": certificate.revoked_reason, "name": certificate.enrolment.name})  # fmt: skip
    return certificate


# ------------------------------------------------------------------------------- the tree changes


def training_follow_merge(*, source: Org, target: Org, actor: Any, on: dt.date, **_: Any) -> int:
    """The merged union's courses (with their trainees, attendance and certificates) go to the
    survivor, which answers for them from now on; they keep saying whose they were."""
    moved = Course.objects.filter(org=source)
    count = moved.filter(merged_from="").update(org=target, merged_from=source.name)
    count += moved.update(org=target)
    if count:
        audit(actor=actor, action="training.follow_merge", obj=None, org=target,
              detail={"source": source.name, "target": target.name, "moved": count})  # fmt: skip
    return count


def training_follow_dissolution(*, org: Org, actor: Any, on: dt.date, **_: Any) -> int:
    """A dissolved union's courses that had not finished are cancelled: nobody runs them now.
    Finished courses and their certificates stay valid."""
    open_ = Course.objects.filter(org=org, state__in=rules.RUNNING)
    count = open_.update(state=Course.State.CANCELLED)
    if count:
        audit(actor=actor, action="training.follow_dissolution", obj=None, org=org, detail={"count": count})
    return count


# ------------------------------------------------------------------------------- exports


@action
def roster_export_record(*, actor: Any, course: Course, fmt: str) -> None:
    scope.require(actor, "view", course.org)
    audit(actor=actor, action="training.roster.export", obj=course, org=course.org,
          detail={"title": course.title, "format": fmt})  # fmt: skip


@action
def statistics_export_record(*, actor: Any, org: Org, year: int, fmt: str) -> None:
    scope.require(actor, "view", org)
    audit(actor=actor, action="training.statistics.export", obj=None, org=org,
          detail={"within": org.name, "year": year, "format": fmt})  # fmt: skip
