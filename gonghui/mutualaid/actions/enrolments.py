"""Group enrolment: people from the register or from the unit's list, handing in, contributions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import cleaning, filetypes, scope
from gonghui.kernel.actions import action, step_action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import transition
from gonghui.members.models import Member
from gonghui.orgs.models import SEGMENT, Level, Org

from .. import rules
from ..models import Contribution, Enrolment, Line, Plan
from ..selectors import COUNTED, IN_SERVICE, in_service_members
from ..workflow import ENROLMENT, RECEIVE

MAX_FILE_BYTES = 10 * 1024 * 1024
FILE_TYPES = (filetypes.PDF, filetypes.JPEG, filetypes.PNG)


# ------------------------------------------------------------------------------- enrolments


@action
def enrolment_create(*, actor: Any, org: Org, plan: Plan, year: int) -> Enrolment:
    """Start a grassroots union's group enrolment in a plan for a cover year."""
    scope.require(actor, "edit", org)
    if org.level != Level.GRASSROOTS:
        raise Refused(
            {
                "org": gettext("团体参保由基层工会办理，「%(name)s」是%(value)s。")
                % {"name": org.name, "value": org.get_level_display()}
            }
        )
    org.refuse_unless_active(gettext("「%(name)s」%(value)s，不能办理参保。"), field="org")
    if not plan.active:
        raise Refused({"plan": gettext("「%(name)s」已停止接受参保。") % {"name": plan.name}})
    if not org.path.startswith(plan.org.path):
        raise Refused(
            {"plan": gettext("「%(name)s」不面向「%(name2)s」。") % {"name": plan.name, "name2": org.name}}
        )
    year = cleaning.year(year, label="参保年度")
    this = cleaning.today().year
    if not this <= year <= this + 1:
        raise Refused(
            {"year": gettext("参保年度应为%(this)s年或%(value)s年。") % {"this": this, "value": this + 1}}
        )
    open_ = Enrolment.objects.filter(org=org, plan=plan, year=year).exclude(state=Enrolment.State.CANCELLED)
    if open_.exists():
        raise Refused(
            {
                "plan": gettext("「%(name)s」%(year)s年已有「%(name2)s」的团体参保，请在原参保单中添加人员。")
                % {"name": org.name, "year": year, "name2": plan.name}
            }
        )
    enrolment = Enrolment.objects.create(
        org=org, plan=plan, year=year, created_by=actor if getattr(actor, "pk", None) else None
    )
    audit(
        actor=actor, action="mutualaid.enrolment.create", obj=enrolment, org=org,
        detail={"name": plan.name, "year": year},
    )  # fmt: skip
    return enrolment


@dataclass
class Added:
    lines: list[Line] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why each person left out was left out


def _locked_enrolment(enrolment: Enrolment) -> Enrolment:
    return (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("org", "plan", "plan__requires")
        .get(pk=enrolment.pk)
    )


def _earliest_cover(enrolment: Enrolment) -> dt.date:
    """The first day cover could start: the common date after today, within the cover year."""
    return max(rules.cover_start_after(cleaning.today()), dt.date(enrolment.year, 1, 1))


def person_refusals(
    enrolment: Enrolment, members: Iterable[Member], *, healthy_confirmed: bool
) -> dict[int, str]:
    """Why each of these members may not be added (member id → reason); those fine are absent."""
    plan = enrolment.plan
    on = _earliest_cover(enrolment)
    people = list(members)
    base = set(
        in_service_members(enrolment.org).filter(pk__in=[m.pk for m in people]).values_list("pk", flat=True)
    )
    bidx = [m.id_number_bidx for m in people]
    taken = dict(
        Line.objects.filter(plan=plan, year=enrolment.year, live=True, person_bidx__in=bidx)
        .exclude(enrolment=enrolment)
        .values_list("person_bidx", "enrolment__org__name")
    )
    here = set(Line.objects.filter(enrolment=enrolment, live=True).values_list("member_id", flat=True))
    main: set[str] = set()
    if plan.requires_id:
        main = set(
            Line.objects.filter(
                plan_id=plan.requires_id, year=enrolment.year, live=True, person_bidx__in=bidx,
                enrolment__state__in=(*COUNTED, Enrolment.State.DRAFT),
            ).values_list("person_bidx", flat=True)
        )  # fmt: skip
    out: dict[int, str] = {}
    for m in people:
        why = ""
        if m.pk in here:
            why = f"{m.name}：已在本参保单中。"
        elif m.pk not in base:
            why = f"{m.name}：不是「{enrolment.org.name}」会员名册中的在职职工。"
        elif m.id_number_bidx in taken:
            why = f"{m.name}：{enrolment.year}年已在「{taken[m.id_number_bidx]}」参加「{plan.name}」，一人一份。"
        elif plan.requires_id and m.id_number_bidx not in main:
            why = f"{m.name}：须先参加{enrolment.year}年「{plan.requires}」。"
        else:
            why = rules.person_refusal(
                name=m.name, birth=m.birth_date, sex=m.sex, on=on, min_age=plan.min_age, max_age=plan.max_age,
                sex_required=plan.sex,
            )  # fmt: skip
        if why:
            out[m.pk] = why
    return out


@action
def enrolment_add(
    *, actor: Any, enrolment: Enrolment, members: Sequence[Member], healthy_confirmed: bool = False,
    skip_ineligible: bool = False,
) -> Added:  # fmt: skip
    """Put members of the union's register on the enrolment. Everyone is checked (in-service on
    the register, age on the earliest cover date, sex, the main plan for an add-on, one share per
    person, plan and year across the province). Unless `skip_ineligible`, one refusal refuses
    all and says why for each; with it, those who may join are added and the others listed."""
    enrolment = _locked_enrolment(enrolment)
    scope.require(actor, "edit", enrolment.org)
    if enrolment.state != Enrolment.State.DRAFT:
        raise Refused(
            gettext("参保单%(value)s，不能再添加人员（可先退回修改）。")
            % {"value": enrolment.get_state_display()}
        )
    if enrolment.plan.covers_child:
        raise Refused(
            {
                "members": gettext("「%(name)s」保障会员的子女，请逐一添加子女。")
                % {"name": enrolment.plan.name}
            }
        )
    if not members:
        raise Refused({"members": gettext("请选择参保人员。")})
    if enrolment.plan.healthy_required and not healthy_confirmed:
        raise Refused({"healthy": gettext("请确认参保人员均未确诊六种重大疾病（保障条件）。")})
    refusals = person_refusals(enrolment, members, healthy_confirmed=healthy_confirmed)
    if refusals and not skip_ineligible:
        raise Refused({"members": list(refusals.values())})
    now = timezone.now()
    lines = [
        Line(enrolment=enrolment, member=m, plan=enrolment.plan, year=enrolment.year, person_bidx=m.id_number_bidx,
             added_at=now)
        for m in members if m.pk not in refusals
    ]  # fmt: skip
    try:
        with transaction.atomic():
            Line.objects.bulk_create(lines)
    except IntegrityError:  # a concurrent enrolment took one of them first
        raise Refused({"members": gettext("其中有人刚被其他参保单登记，请刷新后重试。")}) from None
    audit(
        actor=actor, action="mutualaid.enrolment.add", obj=enrolment, org=enrolment.org,
        detail={"count": len(lines), "skipped": len(refusals)},
    )  # fmt: skip
    return Added(lines, list(refusals.values()))


@action
def enrolment_add_child(
    *, actor: Any, enrolment: Enrolment, parent: Member, child_name: Any, child_id_number: Any
) -> Line:
    """Put a member's child on a children's plan (子女意外伤害): the parent an in-service worker on
    the union's register, the child's ID number checked (GB 11643), the child's age on the
    earliest cover date within the plan's, one share per child, plan and year across the
    province (the child's blind index). The number is kept encrypted and shown masked."""
    from gonghui.members.keys import id_bidx

    enrolment = _locked_enrolment(enrolment)
    scope.require(actor, "edit", enrolment.org)
    plan = enrolment.plan
    if not plan.covers_child:
        raise Refused(
            {"child_name": gettext("「%(name)s」保障职工本人，请从会员名册添加。") % {"name": plan.name}}
        )
    if enrolment.state != Enrolment.State.DRAFT:
        raise Refused(
            gettext("参保单%(state)s，不能再添加人员（可先退回修改）。")
            % {"state": enrolment.get_state_display()}
        )
    if not in_service_members(enrolment.org).filter(pk=parent.pk).exists():
        raise Refused(
            {
                "parent": gettext("%(name)s：不是「%(org)s」会员名册中的在职职工。")
                % {"name": parent.name, "org": enrolment.org.name}
            }
        )
    name = cleaning.text(child_name, field="child_name", label="子女姓名", max_length=50)
    info = cleaning.id_number(child_id_number, field="child_id_number", who="子女")
    if info.number == parent.id_number:
        raise Refused({"child_id_number": gettext("子女身份证号码与会员本人的相同。")})
    why = rules.person_refusal(
        name=name, birth=info.birth_date, sex=info.sex, on=_earliest_cover(enrolment), min_age=plan.min_age,
        max_age=plan.max_age, sex_required=plan.sex,
    )  # fmt: skip
    if why:
        raise Refused({"child_id_number": why})
    key = id_bidx(info.number)
    holder = (
        Line.objects.filter(plan=plan, year=enrolment.year, live=True, person_bidx=key)
        .select_related("enrolment__org")
        .first()
    )
    if holder is not None:
        raise Refused(
            {
                "child_id_number": gettext("%(name)s：%(year)s年已在「%(org)s」参加「%(plan)s」，一人一份。")
                % {"name": name, "year": enrolment.year, "org": holder.enrolment.org.name, "plan": plan.name}
            }
        )
    try:
        with transaction.atomic():
            line = Line.objects.create(
                enrolment=enrolment, member=parent, plan=plan, year=enrolment.year, person_bidx=key,
                child_name=name, child_id_number=info.number,
            )  # fmt: skip
    except IntegrityError:  # a concurrent enrolment took the share first
        raise Refused(
            {"child_id_number": gettext("%(name)s：刚被其他参保单登记，一人一份。") % {"name": name}}
        ) from None
    audit(
        actor=actor, action="mutualaid.enrolment.add", obj=enrolment, org=enrolment.org,
        detail={"count": 1, "name": name},
    )  # fmt: skip
    return line


@action
def enrolment_remove(*, actor: Any, enrolment: Enrolment, line: Line) -> Enrolment:
    enrolment = _locked_enrolment(enrolment)
    scope.require(actor, "edit", enrolment.org)
    if enrolment.state != Enrolment.State.DRAFT or line.enrolment_id != enrolment.pk:
        raise Refused(gettext("参保单%(value)s，不能移除人员。") % {"value": enrolment.get_state_display()})
    Line.objects.filter(pk=line.pk).delete()
    audit(
        actor=actor, action="mutualaid.enrolment.remove", obj=enrolment, org=enrolment.org,
        detail={"name": line.insured},
    )  # fmt: skip
    return enrolment


@action
def enrolment_submit(*, actor: Any, enrolment: Enrolment) -> Enrolment:
    """Hand the group in: the rule is checked against the register now, and what is owed fixed."""
    enrolment = _locked_enrolment(enrolment)
    from ..selectors import enrolment_head_count, enrolment_in_service

    enrolment.in_service = enrolment_in_service(enrolment)
    enrolment.shares = enrolment_head_count(enrolment)
    enrolment.amount_due = enrolment.plan.price * enrolment.shares
    enrolment.submitted_at = timezone.now()
    transition(
        ENROLMENT, enrolment, "submit", actor=actor,
        detail={"count": enrolment.shares, "in_service": enrolment.in_service, "amount": str(enrolment.amount_due)},
        extra_fields=("in_service", "shares", "amount_due", "submitted_at"),
    )  # fmt: skip
    return enrolment


enrolment_reopen = step_action(ENROLMENT, "reopen", record="enrolment", lock=_locked_enrolment)


@action
def enrolment_cancel(*, actor: Any, enrolment: Enrolment, reason: str = "") -> Enrolment:
    enrolment = _locked_enrolment(enrolment)
    reason = cleaning.text(reason, field="reason", label="撤销原因", max_length=200, required=False)
    transition(ENROLMENT, enrolment, "cancel", actor=actor, detail={"reason": reason})
    enrolment.lines.update(live=False)  # the shares are free for another enrolment
    return enrolment


@action
def contribution_record(
    *, actor: Any, enrolment: Enrolment, amount: Any, paid_on: Any, method: str = Contribution.Method.TRANSFER,
    reference: str = "",
) -> Contribution:  # fmt: skip
    """Record money received for an enrolment (the union above, which receives it). Once it is
    paid in full the enrolment comes into force; cover starts on the plan's common date after the
    day the last payment arrived, never before."""
    enrolment = _locked_enrolment(enrolment)
    if actor is not None and not RECEIVE.allows(actor, enrolment):
        raise PermissionDenied(RECEIVE.refusal)
    if enrolment.state != Enrolment.State.DUE:
        raise Refused(gettext("参保单%(value)s，不能登记缴费。") % {"value": enrolment.get_state_display()})
    amount = cleaning.money(amount, field="amount", label="缴费金额", allow_zero=False)
    paid_on = cleaning.date(paid_on, field="paid_on", label="到账日期", not_after_today=True)
    if amount > enrolment.balance:
        raise Refused(
            {"amount": gettext("缴费金额超过未缴金额 %(balance)s 元。") % {"balance": enrolment.balance}}
        )
    method = cleaning.choice(method, Contribution.Method.choices, field="method", label="缴费方式")
    contribution = Contribution.objects.create(
        enrolment=enrolment, amount=amount, paid_on=paid_on, method=method,
        reference=cleaning.text(reference, field="reference", label="凭证号", max_length=60, required=False),
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    enrolment.amount_paid += amount
    enrolment.save(update_fields=["amount_paid"])
    audit(
        actor=actor, action="mutualaid.contribution.record", obj=enrolment, org=enrolment.org,
        detail={"amount": str(amount), "paid_on": paid_on.isoformat(), "method": contribution.get_method_display()},
    )  # fmt: skip
    if enrolment.balance == 0:
        last = max(c.paid_on for c in enrolment.contributions.all())
        start = max(rules.cover_start_after(last), dt.date(enrolment.year, 1, 1))
        enrolment.cover_start = start
        enrolment.cover_end = rules.cover_end(start, enrolment.plan.term_years)
        transition(
            ENROLMENT, enrolment, "cover", actor=actor, detail={"on": start.isoformat()},
            extra_fields=("cover_start", "cover_end"),
        )  # fmt: skip
    return contribution


# ------------------------------------------------------------------- enrolment from a spreadsheet

IMPORT_FIELDS = {
    "seq": ["序号", "编号"],  # read so that a 合计 line under the table is known for one
    "name": ["姓名", "职工姓名", "参保人姓名"],
    "id_number": ["身份证号码", "身份证号", "公民身份号码", "证件号码"],
    "healthy": ["未确诊六种重大疾病", "健康声明", "身体健康"],  # 是 / 否, per person
}
YES_WORDS = {"是", "√", "y", "yes", "true"}
NO_WORDS = {"否", "×", "n", "no", "false"}
MAX_IMPORT_BYTES = 5 * 1024 * 1024


@action
def enrolment_import(
    *, actor: Any, enrolment: Enrolment, data: bytes, filename: str, healthy_confirmed: bool = False
) -> Added:
    """Put the people a unit lists in a spreadsheet (its template: 姓名, 身份证号码, and for a plan
    with a health condition 未确诊六种重大疾病 是/否) on the enrolment: each row is found on the
    union's register by the ID number's blind index, and then checked like people picked on the
    page. Any row that cannot be found, or declares a major disease, refuses the whole file, row
    by row; a file in which everyone declares 是 stands for the unit's confirmation."""
    from gonghui.kernel.spreadsheet import SheetError, cell_text, footer_line, read_table, size_text
    from gonghui.members.selectors import id_number_lookup_key

    scope.require(actor, "edit", enrolment.org)
    if len(data) > MAX_IMPORT_BYTES:
        raise Refused({"file": gettext("文件超过 %(value)s。") % {"value": size_text(MAX_IMPORT_BYTES)}})
    try:
        table = read_table(data, filename=filename, fields=IMPORT_FIELDS, required={"id_number"})
    except SheetError as exc:
        raise Refused({"file": str(exc)}) from None
    wanted: list[tuple[int, str, str]] = []
    errors: list[str] = []
    declared = 0
    for row in table.rows:
        raw = cell_text(row.values.get("id_number"))
        if not raw and footer_line(row.values.values()):
            continue
        if not raw:
            errors.append(f"第 {row.number} 行：请填写身份证号码。")
            continue
        key = id_number_lookup_key(raw)
        if key is None:
            errors.append(f"第 {row.number} 行：身份证号码「{raw[:4]}…」无效。")
            continue
        healthy = cell_text(row.values.get("healthy")).lower()
        if healthy in NO_WORDS and enrolment.plan.healthy_required:
            errors.append(f"第 {row.number} 行：已确诊六种重大疾病的职工不能参加「{enrolment.plan.name}」。")
            continue
        if healthy and healthy not in YES_WORDS | NO_WORDS:
            errors.append(f"第 {row.number} 行：「未确诊六种重大疾病」应填“是”或“否”。")
            continue
        declared += healthy in YES_WORDS
        wanted.append((row.number, key, cell_text(row.values.get("name"))))
    found = {
        m.id_number_bidx: m
        for m in in_service_members(enrolment.org).filter(id_number_bidx__in=[k for _r, k, _n in wanted])
    }
    members: list[Member] = []
    for number, key, name in wanted:
        m = found.get(key)
        if m is None:
            errors.append(f"第 {number} 行：不是「{enrolment.org.name}」会员名册中的在职职工。")
        elif name and name != m.name:
            errors.append(f"第 {number} 行：姓名「{name}」与会员名册（{m.name}）不符。")
        elif m not in members:
            members.append(m)
    if errors:
        raise Refused({"file": errors[:50]})
    if not members:
        raise Refused({"file": gettext("文件中没有参保人员。")})
    return enrolment_add(
        actor=actor, enrolment=enrolment, members=members,
        healthy_confirmed=healthy_confirmed or declared == len(wanted),
    )  # fmt: skip


@dataclass
class UnitsEnrolled:
    enrolments: list[Enrolment] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # union name → why it was not enrolled
    left_out: int = 0  # people of enrolled units who did not qualify (age, sex, main plan, taken)


def _shares_held(
    plan_id: int, year: int, people: QuerySet[Member], *, counted_only: bool = False
) -> set[str]:
    """The blind indexes of `people` holding a live share of the plan and year (one query: the
    people are a subquery, not a list of keys sent back to the database)."""
    qs = Line.objects.filter(
        plan_id=plan_id, year=year, live=True, person_bidx__in=people.values("id_number_bidx")
    )
    if counted_only:
        qs = qs.filter(enrolment__state__in=(*COUNTED, Enrolment.State.DRAFT))
    return set(qs.values_list("person_bidx", flat=True))


LINE_COLUMNS = (
    "enrolment_id", "member_id", "plan_id", "year", "person_bidx", "live", "added_at", "child_name", "child_id_number",
)  # fmt: skip


def _lines_insert(rows: list[tuple[Any, ...]]) -> None:
    """Write the shares as they are (LINE_COLUMNS): by COPY on PostgreSQL, in bulk elsewhere. The
    unique index on plan, year and blind index checks every row as it goes in."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cur,
            cur.copy(f"COPY {Line._meta.db_table} ({', '.join(LINE_COLUMNS)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    Line.objects.bulk_create(
        [Line(**dict(zip(LINE_COLUMNS, row, strict=True))) for row in rows], batch_size=2000
    )


def _common_ancestor(unions: Sequence[Org]) -> Org | None:
    """The lowest union all of `unions` are under (or are)."""
    if not unions:
        return None
    path = unions[0].path
    for o in unions[1:]:
        while not o.path.startswith(path):
            path = path[:-SEGMENT]
    return Org.objects.filter(path=path).first()


@action
def enrolment_units(
    *, actor: Any, plan: Plan, year: int, unions: Sequence[Org], healthy_confirmed: bool = False
) -> UnitsEnrolled:
    """Enrol every qualifying in-service member of many grassroots unions at once (a county's
    year-start round), checked against the register set by set: one query for the people, one
    for the shares already taken (and one for the main plan), one statement for the enrolments
    and one COPY for their shares. A unit that meets the group rule is handed in at once (the
    workflow's submit step, its rule checked on the figures read here); a unit that does not is
    named with the reason, and nothing is written for it. One audit row tells the round."""
    for org in unions:
        scope.require(actor, "edit", org)
    year = cleaning.year(year, label="参保年度")
    if plan.covers_child:
        raise Refused(
            {
                "plan": gettext("「%(name)s」保障会员的子女，由各单位逐一添加，不能集中办理。")
                % {"name": plan.name}
            }
        )
    if plan.healthy_required and not healthy_confirmed:
        raise Refused({"healthy": gettext("请确认参保人员均未确诊六种重大疾病（保障条件）。")})
    out = UnitsEnrolled()
    busy = set(
        Enrolment.objects.filter(org__in=unions, plan=plan, year=year)
        .exclude(state=Enrolment.State.CANCELLED)
        .values_list("org_id", flat=True)
    )
    open_unions = [o for o in unions if o.pk not in busy and o.level == Level.GRASSROOTS and o.is_active]
    for o in unions:
        if o not in open_unions:
            out.refused[o.name] = "已有本年度该计划的参保单，或不是可办理参保的基层工会。"
    people = Member.objects.filter(org__in=open_unions, status="active", employment_status__in=IN_SERVICE)
    if plan.sex:
        people = people.filter(sex=plan.sex)  # the base of a women's plan is the unit's women
    rows = list(
        people.order_by("org_id", "id").values_list("id", "org_id", "sex", "birth_date", "id_number_bidx")
    )
    taken = _shares_held(plan.pk, year, people)
    main = _shares_held(plan.requires_id, year, people, counted_only=True) if plan.requires_id else set()
    on = max(rules.cover_start_after(cleaning.today()), dt.date(year, 1, 1))
    chosen: dict[int, list[tuple[int, str]]] = {o.pk: [] for o in open_unions}  # org → (member, bidx)
    base: dict[int, int] = dict.fromkeys(chosen, 0)
    for member_id, org_id, sex, birth, key in rows:
        base[org_id] += 1
        ok = (
            key not in taken
            and (not plan.requires_id or key in main)
            and not rules.person_refusal(
                name="", birth=birth, sex=sex, on=on, min_age=plan.min_age, max_age=plan.max_age,
                sex_required=plan.sex,
            )
        )  # fmt: skip
        if ok:
            taken.add(key)  # one person on two unions' registers takes one share
            chosen[org_id].append((member_id, key))
        else:
            out.left_out += 1
    handed_in = ENROLMENT.target(Enrolment.State.DRAFT, "submit")
    now = timezone.now()
    made = []
    for o in open_unions:
        why = rules.group_refusal(
            enrolled=len(chosen[o.pk]),
            in_service=base[o.pk],
            min_ratio=plan.min_ratio,
            min_people=plan.min_people,
        )
        if why:
            out.refused[o.name] = why
            continue
        made.append(
            Enrolment(
                org=o, plan=plan, year=year, state=handed_in, in_service=base[o.pk], shares=len(chosen[o.pk]),
                amount_due=plan.price * len(chosen[o.pk]), created_at=now, submitted_at=now,
                created_by=actor if getattr(actor, "pk", None) else None,
            )
        )  # fmt: skip
    Enrolment.objects.bulk_create(made, batch_size=1000)
    try:
        with transaction.atomic():
            _lines_insert(
                [
                    (e.pk, m, plan.pk, year, key, True, now, "", "")
                    for e in made
                    for m, key in chosen[e.org_id]
                ]
            )
    except IntegrityError:  # a concurrent enrolment took one of them first
        raise Refused(gettext("其中有人刚被其他参保单登记，请重试。")) from None
    # One audit row for the round, with its counts (as an import has), at the union the units
    # share; each enrolment keeps who handed it in and when.
    audit(
        actor=actor, action="mutualaid.enrolment.units", org=_common_ancestor(unions),
        detail={
            "name": plan.name, "year": year, "enrolments": len(made), "count": sum(e.shares for e in made),
            "amount": str(sum((e.amount_due for e in made), Decimal("0.00"))), "skipped": out.left_out,
            "refused": len(out.refused), "status": f"{ENROLMENT.label(Enrolment.State.DRAFT)} → {ENROLMENT.label(handed_in)}",
        },
    )  # fmt: skip
    out.enrolments = made
    return out
