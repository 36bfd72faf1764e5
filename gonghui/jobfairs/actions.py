"""Writes: fairs, employers and positions, seekers, check-in, interviews; each with its audit
row in the same transaction."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeVar

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import cleaning, crypto, scope
from gonghui.kernel.actions import action, save_unique, step_action
from gonghui.kernel.audit import audit
from gonghui.kernel.codes import CodeError, credit_code_check, division_check
from gonghui.kernel.errors import Refused
from gonghui.kernel.masking import mask_phone
from gonghui.kernel.workflow import Workflow, transition
from gonghui.orgs.models import Org

from . import rules
from .choices import INDUSTRY_CHOICES, SKILLS, FairKind
from .models import Employer, EmployerLogin, Fair, Interview, Outcome, Position, ReviewState, Seeker
from .selectors import my_seeker, open_to
from .workflow import EMPLOYER, FAIR, POSITION

PHONE_PURPOSE = "jobfairs.phone"
ID_PURPOSE = "jobfairs.id_number"
_PHONE = re.compile(r"^1[3-9]\d{9}$")
TICKET_SALT = "jobfairs.checkin"
TICKET_AGE = 24 * 3600  # a ticket drawn on the phone is good for a day
R = TypeVar("R", Employer, Position)


def _refuse_if(why: str, field: str = "__all__") -> None:
    if why:
        raise Refused({field: why} if field != "__all__" else why)


def _phone(value: Any, field: str = "phone", required: bool = True) -> str:
    raw = "".join(str(value or "").split()).replace("-", "")
    if not raw and not required:
        return ""
    if not _PHONE.match(raw):
        raise Refused({field: gettext("请填写11位手机号码，如 13800138000。")})
    return raw


def _division(value: Any, *, field: str, label: str, required: bool = True) -> str:
    raw = str(value or "").strip()
    if not raw and not required:
        return ""
    try:
        return division_check(raw)
    except CodeError:
        raise Refused(
            {field: gettext("%(label)s应为6位行政区划代码，如 440105（海珠区）。") % {"label": label}}
        ) from None


def _industries(values: Any, *, field: str = "industries", most: int = 3) -> list[str]:
    codes = dict(INDUSTRY_CHOICES)
    picked = list(dict.fromkeys(str(v) for v in (values or [])))
    if any(v not in codes for v in picked):
        raise Refused({field: gettext("意向行业请从列表中选择。")})
    if len(picked) > most:
        raise Refused({field: gettext("意向行业最多选%(most)s项。") % {"most": most}})
    return picked


def _skills(values: Any, *, field: str = "skills") -> list[str]:
    picked = list(dict.fromkeys(str(v) for v in (values or [])))
    if any(v not in SKILLS for v in picked):
        raise Refused({field: gettext("技能请从列表中选择。")})
    return picked


# ---- fairs -----------------------------------------------------------------------------------


@action
def fair_create(
    *,
    actor: Any,
    org: Org,
    title: str,
    held_on: dt.date,
    kind: str = FairKind.SPRING,
    ends_on: dt.date | None = None,
    online: bool = False,
    place: str = "",
    division: str = "",
    booths: int = 0,
    public: bool = True,
    note: str = "",
    parent: Fair | None = None,
) -> Fair:
    """A fair of `org`; with `parent`, a 分会场 of that fair in the same city, set up by the main
    fair's organiser for itself or a union below it."""
    scope.require(actor, "edit", org)
    if parent is not None:
        scope.require(actor, "edit", parent.org)
    _refuse_if(rules.union_refusal(org))
    held = cleaning.date(held_on, field="held_on", label="举办日期")
    ends = cleaning.date(ends_on, field="ends_on", label="结束日期", not_before=held) if ends_on else None
    fair = Fair(
        org=org,
        title=cleaning.text(title, field="title", label="名称", max_length=100),
        kind=cleaning.choice(kind, FairKind.choices, field="kind", label="类型"),
        held_on=held,
        ends_on=ends if ends != held else None,
        online=bool(online),
        place=cleaning.text(place, field="place", label="地点", max_length=200, required=not online),
        division=_division(division, field="division", label="所在地", required=False),
        booths=cleaning.whole(booths or 0, field="booths", label="展位数", maximum=10_000),
        public=bool(public),
        note=cleaning.body(note, field="note", label="说明", max_length=2000, required=False),
    )
    if parent is not None:
        if parent.parent_id is not None:
            raise Refused({"parent": gettext("分会场不能再设分会场。")})
        if not org.path.startswith(parent.org.path):
            raise Refused({"parent": gettext("分会场应由主会场的主办工会或其下级工会举办。")})
        _refuse_if(rules.fair_refusal(parent), "parent")
        if parent.division and fair.division and parent.division[:4] != fair.division[:4]:
            raise Refused({"division": gettext("分会场应与主会场在同一城市。")})
        fair.parent = parent
        fair.kind = parent.kind
    fair.save()
    audit(
        actor=actor,
        action="jobfairs.fair.create",
        obj=fair,
        org=org,
        detail={"title": fair.title, "held_on": cleaning.iso(fair.held_on), "place": fair.where,
                "main": parent.title if parent else ""},
    )  # fmt: skip
    return fair


def _locked_fair(fair: Fair) -> Fair:
    return Fair.objects.select_for_update(of=("self",)).select_related("org", "parent").get(pk=fair.pk)


fair_publish = step_action(FAIR, "publish", record="fair", lock=_locked_fair)
fair_close = step_action(FAIR, "close", record="fair", lock=_locked_fair)
fair_cancel = step_action(FAIR, "cancel", record="fair", lock=_locked_fair)


# ---- employers and positions -----------------------------------------------------------------


@action
def employer_register(
    *,
    actor: Any,
    fair: Fair,
    credit_code: str,
    name: str = "",
    industry: str = "",
    contact: str = "",
    contact_phone: str = "",
    booth: str = "",
) -> Employer:
    """The organiser registers an employer for its fair (a district brings its own enterprises to
    its 分会场). The credit code is checked (GB 32100) and, when the units register knows it,
    linked there (its name and industry taken from the register unless given)."""
    from gonghui.units.models import Unit

    org = fair.org
    scope.require(actor, "edit", org)
    _refuse_if(rules.fair_refusal(fair))
    try:
        code = credit_code_check(str(credit_code or ""))
    except CodeError as exc:
        raise Refused({"credit_code": exc.message}) from None
    unit = Unit.objects.filter(credit_code=code).first()
    employer = Employer(
        fair=fair,
        org=org,
        credit_code=code,
        unit=unit,
        name=cleaning.text(
            name or (unit.name if unit else ""), field="name", label="单位名称", max_length=200
        ),
        industry=cleaning.choice(
            industry or (unit.industry if unit else ""), INDUSTRY_CHOICES, field="industry", label="行业"
        ),
        contact=cleaning.text(contact, field="contact", label="联系人", max_length=50, required=False),
        contact_phone=_phone(contact_phone, "contact_phone", required=False),
        booth=cleaning.text(booth, field="booth", label="展位号", max_length=20, required=False),
    )
    save_unique(employer, field="credit_code", refusal=gettext("该单位已登记参加本场招聘会。"))
    audit(
        actor=actor,
        action="jobfairs.employer.register",
        obj=employer,
        org=org,
        detail={"name": employer.name, "credit_code": code, "fair": fair.title, "linked": bool(unit)},
    )
    return employer


def _locked_employer(employer: Employer) -> Employer:
    return (
        Employer.objects.select_for_update(of=("self",))
        .select_related("fair", "fair__org", "org")
        .get(pk=employer.pk)
    )


@action
def employer_approve(*, actor: Any, employer: Employer, booth: str = "") -> Employer:
    employer = _locked_employer(employer)
    fields: tuple[str, ...] = ()
    if booth:
        employer.booth = cleaning.text(booth, field="booth", label="展位号", max_length=20)
        fields = ("booth",)
    transition(
        EMPLOYER, employer, "approve", actor=actor, detail={"name": employer.name}, extra_fields=fields
    )
    return employer


def _reject(workflow: Workflow, record: R, *, actor: Any, reason: str, detail: dict[str, Any]) -> R:
    """Turn down an employer or a position under review, the reason kept on it and audited."""
    record.reason = cleaning.text(reason, field="reason", label="理由", max_length=200)
    transition(workflow, record, "reject", actor=actor, detail={**detail, "reason": record.reason},
               extra_fields=("reason",))  # fmt: skip
    return record


@action
def employer_reject(*, actor: Any, employer: Employer, reason: str) -> Employer:
    employer = _locked_employer(employer)
    return _reject(EMPLOYER, employer, actor=actor, reason=reason, detail={"name": employer.name})


employer_withdraw = step_action(
    EMPLOYER, "withdraw", record="employer", lock=_locked_employer, detail=lambda e: {"name": e.name}
)


@action
def position_post(
    *,
    actor: Any,
    employer: Employer,
    title: str,
    openings: Any,
    pay_min: Any,
    pay_max: Any,
    industry: str = "",
    division: str = "",
    place: str = "",
    skills: Any = (),
    requirements: str = "",
) -> Position:
    """A position posted by the union that brought the employer or by the employer's own login;
    it waits for the organiser's review."""
    _require_employer_side(actor, employer)
    _refuse_if(rules.posting_refusal(employer))
    position = Position.objects.create(
        employer=employer, fair=employer.fair, org=employer.org,
        **_clean_position(employer, title=title, openings=openings, pay_min=pay_min, pay_max=pay_max,
                          industry=industry, division=division, place=place, skills=skills,
                          requirements=requirements),
    )  # fmt: skip
    audit(
        actor=actor,
        action="jobfairs.position.post",
        obj=position,
        org=employer.org,
        detail={"title": position.title, "employer": employer.name, "count": position.openings,
                "pay": position.pay},
    )  # fmt: skip
    return position


def _require_employer_side(actor: Any, employer: Employer) -> None:
    if not rules.employer_side(actor, employer):
        raise PermissionDenied(scope.OUT_OF_SCOPE)


def _clean_position(
    employer: Employer, *, title: Any, openings: Any, pay_min: Any, pay_max: Any, industry: Any = "",
    division: Any = "", place: Any = "", skills: Any = (), requirements: Any = "",
) -> dict[str, Any]:  # fmt: skip
    low = cleaning.whole(pay_min, field="pay_min", label="月薪下限", minimum=1, maximum=1_000_000)
    high = cleaning.whole(pay_max, field="pay_max", label="月薪上限", minimum=1, maximum=1_000_000)
    if high < low:
        raise Refused({"pay_max": gettext("月薪上限不能低于下限。")})
    return {
        "title": cleaning.text(title, field="title", label="岗位名称", max_length=100),
        "openings": cleaning.whole(openings, field="openings", label="招聘人数", minimum=1, maximum=100_000),
        "pay_min": low,
        "pay_max": high,
        "industry": cleaning.choice(industry or employer.industry, INDUSTRY_CHOICES, field="industry", label="行业"),
        "division": _division(division or employer.fair.division, field="division", label="工作地点"),
        "place": cleaning.text(place, field="place", label="工作地点", max_length=200, required=False),
        "skills": _skills(skills),
        "requirements": cleaning.body(requirements, field="requirements", label="岗位要求", max_length=2000,
                                      required=False),
    }  # fmt: skip


@action
def position_update(*, actor: Any, position: Position, **values: Any) -> Position:
    """The employer (or the union that brought it) changes a position; a changed position goes
    back to the organiser's review, so that seekers see only what was approved."""
    position = _locked_position(position)
    _require_employer_side(actor, position.employer)
    _refuse_if(rules.editing_refusal(position))
    clean = _clean_position(position.employer, **values)
    changed = {k: str(v) for k, v in clean.items() if getattr(position, k) != v}
    if not changed:
        return position
    for k, v in clean.items():
        setattr(position, k, v)
    position.state, position.reason = ReviewState.SUBMITTED, ""
    position.save()
    audit(actor=actor, action="jobfairs.position.update", obj=position, org=position.org,
          detail={"title": position.title, "employer": position.employer.name, "after": changed})  # fmt: skip
    return position


@action
def employer_invite(*, actor: Any, employer: Employer, phone: Any) -> EmployerLogin:
    """The fair's organiser gives an employer's contact a login by their mobile: they sign in
    with a one-time code sent to it (the portal's sign-in), or with a password they set, and
    reach this employer's positions, matched seekers and interviews only."""
    from gonghui.accounts.models import User
    from gonghui.services import notify

    employer = _locked_employer(employer)
    scope.require(actor, "edit", employer.fair.org)
    _refuse_if(rules.posting_refusal(employer), "phone")
    number = _phone(phone)
    user = User.objects.filter(username=number).first()
    if user is None:
        user = User(username=number, full_name=employer.contact)
        user.set_unusable_password()
        user.save()
    elif not user.is_active:
        raise Refused({"phone": gettext("该手机号码的账号已停用，请联系系统管理员。")})
    login, created = EmployerLogin.objects.get_or_create(employer=employer, user=user)
    if not created:
        raise Refused({"phone": gettext("该手机号码已是本单位的账号。")})
    notify.send(notify.Notice(
        kind="invite", to_name=employer.contact or employer.name, to_phone=number, user_id=user.pk,
        text=gettext("%(org)s邀请贵单位参加「%(fair)s」。请用本手机号码获取验证码登录，发布岗位、查看匹配的求职者、登记面试。")
        % {"org": employer.fair.org.name, "fair": employer.fair.title},
    ))  # fmt: skip
    audit(actor=actor, action="jobfairs.employer.invite", obj=employer, org=employer.fair.org,
          detail={"employer": employer.name, "phone": mask_phone(number)})  # fmt: skip
    return login


def _locked_position(position: Position) -> Position:
    return (
        Position.objects.select_for_update(of=("self",))
        .select_related("fair", "fair__org", "employer", "employer__fair", "org")
        .get(pk=position.pk)
    )


position_approve = step_action(
    POSITION, "approve", record="position", lock=_locked_position, detail=lambda p: {"title": p.title}
)


@action
def position_reject(*, actor: Any, position: Position, reason: str) -> Position:
    position = _locked_position(position)
    return _reject(POSITION, position, actor=actor, reason=reason, detail={"title": position.title})


@action
def positions_approve(*, actor: Any, employer: Employer) -> int:
    """Approve all of an approved employer's waiting positions at once (a fair has thousands)."""
    from .models import ReviewState

    done = 0
    for position in employer.positions.filter(state=ReviewState.SUBMITTED).order_by("id"):
        position_approve(actor=actor, position=position)
        done += 1
    return done


# ---- seekers ---------------------------------------------------------------------------------


@action
def seeker_register(
    *,
    actor: Any,
    fair: Fair,
    name: str,
    phone: str,
    id_number: str = "",
    industries: Any = (),
    pay_min: Any = 0,
    division: str = "",
    skills: Any = (),
    migrant: bool = False,
    member: bool = False,
    note: str = "",
    walk_in: bool = False,
) -> Seeker:
    """A worker registers for a fair on their phone; or, `walk_in`, the organiser registers a
    person at the desk (no account)."""
    if walk_in:
        scope.require(actor, "edit", fair.org)
        _refuse_if(rules.fair_refusal(fair))
        user = None
    else:
        if not open_to(actor, fair):
            raise PermissionDenied(gettext("该招聘会现在不接受您的报名。"))
        if my_seeker(actor, fair) is not None:
            raise Refused(gettext("您已报名本场招聘会。"))
        user = actor
        member = any(g.role == "member" for g in scope.scope_of(actor).grants)
    number = ""
    if str(id_number or "").strip():
        number = cleaning.id_number(id_number, field="id_number").number
    clean_phone = _phone(phone)
    seeker = Seeker(
        fair=fair,
        org=fair.org,
        user=user,
        name=cleaning.text(name, field="name", label="姓名", max_length=50),
        phone=clean_phone,
        phone_bidx=crypto.blind_index(clean_phone, purpose=PHONE_PURPOSE),
        id_number=number,
        id_number_bidx=crypto.blind_index(number, purpose=ID_PURPOSE) if number else None,
        member=bool(member),
        migrant=bool(migrant),
        industries=_industries(industries),
        pay_min=cleaning.whole(pay_min or 0, field="pay_min", label="期望月薪", maximum=1_000_000),
        division=_division(division, field="division", label="意向工作地点", required=False),
        skills=_skills(skills),
        note=cleaning.text(note, field="note", label="备注", max_length=200, required=False),
    )
    save_unique(seeker, field="phone", refusal=gettext("该手机号码已报名本场招聘会。"))
    audit(
        actor=actor,
        action="jobfairs.seeker.register",
        obj=seeker,
        org=fair.org,
        detail={"fair": fair.title, "walk_in": walk_in},
    )
    return seeker


REVEALABLE = {"phone": "手机号码", "id_number": "身份证号码"}


@action
def seeker_reveal(*, actor: Any, seeker: Seeker) -> dict[str, str]:
    """The seeker's phone and ID number unmasked, for an officer who may reveal; audited."""
    scope.require(actor, "reveal", seeker.fair.org)
    shown = {k: getattr(seeker, k) for k in REVEALABLE if getattr(seeker, k)}
    audit(
        actor=actor, action="jobfairs.seeker.reveal", obj=seeker, org=seeker.fair.org,
        detail={"fields": [REVEALABLE[k] for k in shown]},
    )  # fmt: skip
    return shown


# ---- check-in --------------------------------------------------------------------------------


def ticket(seeker: Seeker) -> str:
    """The signed, expiring text the seeker's QR code carries (no personal data)."""
    return signing.dumps({"s": seeker.pk, "f": seeker.fair_id}, salt=TICKET_SALT, compress=True)


@action
def seeker_checkin(*, actor: Any, fair: Fair, code: str = "", seeker: Seeker | None = None) -> Seeker:
    """Check a seeker in at the fair's desk, by the code of their ticket (scanned) or found in the
    list; a second check-in keeps the first time and counts once."""
    scope.require(actor, "edit", fair.org)
    _refuse_if(rules.checkin_refusal(fair), "code")
    if seeker is None:
        try:
            data = signing.loads(str(code or "").strip(), salt=TICKET_SALT, max_age=TICKET_AGE)
        except signing.SignatureExpired:
            raise Refused({"code": gettext("签到码已过期，请让求职者刷新报名页面后重新出示。")}) from None
        except signing.BadSignature:
            raise Refused({"code": gettext("签到码无效。")}) from None
        if not isinstance(data, dict) or data.get("f") != fair.pk:
            raise Refused({"code": gettext("这是其他招聘会的签到码。")})
        pk = data.get("s")
        seeker = Seeker.objects.filter(pk=pk, fair=fair).first() if isinstance(pk, int) else None
        if seeker is None:
            raise Refused({"code": gettext("签到码无效。")})
    elif seeker.fair_id != fair.pk:
        raise Refused({"code": gettext("该求职者未报名本场招聘会。")})
    seeker = Seeker.objects.select_for_update(of=("self",)).get(pk=seeker.pk)
    if seeker.checked_in_at is None:
        seeker.checked_in_at = timezone.now()
        seeker.save(update_fields=["checked_in_at"])
        audit(
            actor=actor,
            action="jobfairs.seeker.checkin",
            obj=seeker,
            org=fair.org,
            detail={"fair": fair.title},
        )
    return seeker


# ---- interviews and offers -------------------------------------------------------------------


@action
def interview_record(
    *, actor: Any, position: Position, seeker: Seeker, outcome: str, note: str = ""
) -> Interview:
    """What came of a seeker at a position (the employer's own login or union records it, or the
    organiser for the employer); recorded again, the later outcome stands."""
    _require_employer_side(actor, position.employer)
    _refuse_if(rules.interview_refusal(position))
    if (
        seeker.fair_id not in (position.fair_id, position.fair.parent_id)
        and seeker.fair.parent_id != position.fair_id
    ):
        raise Refused({"seeker": gettext("该求职者未报名本场招聘会。")})
    result = cleaning.choice(outcome, Outcome.choices, field="outcome", label="结果")
    row, created = Interview.objects.select_for_update(of=("self",)).get_or_create(
        position=position, seeker=seeker,
        defaults={"fair": position.fair, "org": position.org, "outcome": result, "note": note[:200]},
    )  # fmt: skip
    if not created:
        row.outcome, row.note = (
            result,
            cleaning.text(note, field="note", label="备注", max_length=200, required=False),
        )
        row.save(update_fields=["outcome", "note", "at"])
    audit(
        actor=actor, action="jobfairs.interview.record", obj=row, org=position.org,
        detail={"title": position.title, "employer": position.employer.name,
                "outcome": Outcome(row.outcome).label},
    )  # fmt: skip
    return row


# ---- the tree changes ------------------------------------------------------------------------


def jobfairs_follow_merge(*, source: Org, target: Org, actor: Any, on: dt.date, **_: Any) -> int:
    """The merged union's fairs, the employers it brought and what hangs on them go to the
    survivor."""
    moved = 0
    for model in (Fair, Employer, Position, Seeker, Interview):
        moved += model.objects.filter(org=source).update(org=target)
    if moved:
        audit(
            actor=actor, action="jobfairs.follow_merge", org=target,
            detail={"source": source.name, "target": target.name, "moved": moved},
        )  # fmt: skip
    return moved
