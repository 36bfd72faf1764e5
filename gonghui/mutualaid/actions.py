"""Writes of mutual aid: plans, quotas, group enrolment, contributions and claims. Each is one
transaction with its audit row; no state is set except through the workflows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from gonghui.kernel import cleaning, filetypes, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import transition
from gonghui.members.models import Member
from gonghui.orgs.models import Level, Org

from . import rules
from .models import Benefit, Claim, ClaimFile, Contribution, Enrolment, Line, Plan, Quota
from .selectors import COUNTED, already_paid, approver_for, in_service_members, is_own_line
from .workflow import CLAIM, ENROLMENT, RECEIVE

MAX_FILE_BYTES = 10 * 1024 * 1024
FILE_TYPES = (filetypes.PDF, filetypes.JPEG, filetypes.PNG)


# ------------------------------------------------------------------------------------ plans


@action
def plan_create(
    *, actor: Any, org: Org, code: str, name: str, kind: str, term_years: int, price: Any, period_cap: Any,
    benefits: Sequence[dict[str, Any]], requires: Plan | None = None, sex: str = "", healthy_required: bool = False,
    min_age: int = 16, max_age: int = 60, min_ratio: Decimal = Decimal("0.60"), min_people: int = 10,
    waiting_days: int = 0, note: str = "",
) -> Plan:  # fmt: skip
    """A plan and its benefit schedule, run by a union (the province's 职工保障互助会)."""
    scope.require(actor, "manage", org)
    if term_years not in (1, 2, 3):
        raise Refused({"term_years": "保障期限应为1年、2年或3年。"})
    if not min_age <= max_age:
        raise Refused({"max_age": "最高年龄不能小于最低年龄。"})
    plan = Plan.objects.create(
        org=org, code=code, name=cleaning.text(name, field="name", label="计划名称", max_length=100),
        kind=cleaning.choice(kind, Plan.Kind.choices, field="kind", label="险种"), term_years=term_years,
        price=cleaning.money(price, field="price", label="每份互助金", allow_zero=False),
        period_cap=cleaning.money(period_cap, field="period_cap", label="累计给付上限", allow_zero=False),
        requires=requires, sex=sex, healthy_required=healthy_required, min_age=min_age, max_age=max_age,
        min_ratio=min_ratio, min_people=min_people, waiting_days=waiting_days, note=note,
    )  # fmt: skip
    for i, b in enumerate(benefits):
        Benefit.objects.create(
            plan=plan, order=i, name=b["name"], basis=b["basis"], deductible=Decimal(b.get("deductible", "0")),
            rate=Decimal(b.get("rate", "1")), amount=Decimal(b.get("amount", "0")),
            event_cap=Decimal(b["event_cap"]), materials="\n".join(b.get("materials", ())),
        )  # fmt: skip
    audit(actor=actor, action="mutualaid.plan.create", obj=plan, org=org, detail={"name": plan.name})
    return plan


# ----------------------------------------------------------------------------------- quotas


@action
def quota_set(*, actor: Any, org: Org, year: int, shares: Any) -> Quota:
    """Set a union's yearly target in shares. The union above it sets it (the top union sets its
    own); the targets of the unions below a union never add up to more than its own, and its own
    is never set below what it has already handed down. Taken under a lock on the parent's row,
    so concurrent settings cannot overrun it."""
    year = cleaning.year(year)
    shares = cleaning.whole(shares, field="shares", label="任务数（份）", minimum=0, maximum=10_000_000)
    parent = org.parent
    scope.require(actor, "manage", parent if parent is not None else org)
    if parent is not None:
        above = Quota.objects.select_for_update().filter(org=parent, year=year).first()
        if above is not None:
            given = (
                Quota.objects.filter(org__parent=parent, year=year)
                .exclude(org=org)
                .aggregate(s=Sum("shares"))["s"]
                or 0
            )
            if given + shares > above.shares:
                raise Refused(
                    {
                        "shares": f"「{parent.name}」{year}年任务 {above.shares} 份，已分解 {given} 份，"
                        f"最多还能下达 {above.shares - given} 份。"
                    }
                )
    quota = Quota.objects.select_for_update().filter(org=org, year=year).first()
    below = Quota.objects.filter(org__parent=org, year=year).aggregate(s=Sum("shares"))["s"] or 0
    if shares < below:
        raise Refused({"shares": f"已向下级分解 {below} 份，本级任务不能少于 {below} 份。"})
    before = quota.shares if quota else None
    if quota is None:
        quota = Quota(org=org, year=year)
    quota.shares, quota.set_at = shares, timezone.now()
    quota.set_by = actor if getattr(actor, "pk", None) else None
    quota.save()
    audit(
        actor=actor, action="mutualaid.quota.set", obj=quota, org=org,
        detail={"year": year, "before": before, "after": shares},
    )  # fmt: skip
    return quota


# ------------------------------------------------------------------------------- enrolments


@action
def enrolment_create(*, actor: Any, org: Org, plan: Plan, year: int) -> Enrolment:
    """Start a grassroots union's group enrolment in a plan for a cover year."""
    scope.require(actor, "edit", org)
    if org.level != Level.GRASSROOTS:
        raise Refused({"org": f"团体参保由基层工会办理，「{org.name}」是{org.get_level_display()}。"})
    if not org.is_active:
        raise Refused({"org": f"「{org.name}」已{org.get_status_display()}，不能办理参保。"})
    if not plan.active:
        raise Refused({"plan": f"「{plan.name}」已停止接受参保。"})
    if not org.path.startswith(plan.org.path):
        raise Refused({"plan": f"「{plan.name}」不面向「{org.name}」。"})
    year = cleaning.year(year, label="参保年度")
    this = cleaning.today().year
    if not this <= year <= this + 1:
        raise Refused({"year": f"参保年度应为{this}年或{this + 1}年。"})
    open_ = Enrolment.objects.filter(org=org, plan=plan, year=year).exclude(state=Enrolment.State.CANCELLED)
    if open_.exists():
        raise Refused(
            {"plan": f"「{org.name}」{year}年已有「{plan.name}」的团体参保，请在原参保单中添加人员。"}
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
        raise Refused(f"参保单{enrolment.get_state_display()}，不能再添加人员（可先退回修改）。")
    if not members:
        raise Refused({"members": "请选择参保人员。"})
    if enrolment.plan.healthy_required and not healthy_confirmed:
        raise Refused({"healthy": "请确认参保人员均未确诊六种重大疾病（保障条件）。"})
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
        raise Refused({"members": "其中有人刚被其他参保单登记，请刷新后重试。"}) from None
    audit(
        actor=actor, action="mutualaid.enrolment.add", obj=enrolment, org=enrolment.org,
        detail={"count": len(lines), "skipped": len(refusals)},
    )  # fmt: skip
    return Added(lines, list(refusals.values()))


@action
def enrolment_remove(*, actor: Any, enrolment: Enrolment, line: Line) -> Enrolment:
    enrolment = _locked_enrolment(enrolment)
    scope.require(actor, "edit", enrolment.org)
    if enrolment.state != Enrolment.State.DRAFT or line.enrolment_id != enrolment.pk:
        raise Refused(f"参保单{enrolment.get_state_display()}，不能移除人员。")
    Line.objects.filter(pk=line.pk).delete()
    audit(
        actor=actor, action="mutualaid.enrolment.remove", obj=enrolment, org=enrolment.org,
        detail={"name": line.member.name},
    )  # fmt: skip
    return enrolment


@action
def enrolment_submit(*, actor: Any, enrolment: Enrolment) -> Enrolment:
    """Hand the group in: the rule is checked against the register now, and what is owed fixed."""
    enrolment = _locked_enrolment(enrolment)
    from .selectors import enrolment_head_count, enrolment_in_service

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


@action
def enrolment_reopen(*, actor: Any, enrolment: Enrolment) -> Enrolment:
    enrolment = _locked_enrolment(enrolment)
    transition(ENROLMENT, enrolment, "reopen", actor=actor)
    return enrolment


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
        raise Refused(f"参保单{enrolment.get_state_display()}，不能登记缴费。")
    amount = cleaning.money(amount, field="amount", label="缴费金额", allow_zero=False)
    paid_on = cleaning.date(paid_on, field="paid_on", label="到账日期", not_after_today=True)
    if amount > enrolment.balance:
        raise Refused({"amount": f"缴费金额超过未缴金额 {enrolment.balance} 元。"})
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


# ----------------------------------------------------------------------------------- claims


@action
def claim_submit(
    *, actor: Any, line: Line, benefit: Benefit, event_date: Any, days: Any = 0, expense: Any = "0",
    description: str = "", by_member: bool = False,
) -> Claim:  # fmt: skip
    """File a claim for a covered share: by the union (`edit` over the enrolling union) or by the
    member whose share it is. The event must fall within the share's cover."""
    line = Line.objects.select_related("enrolment__org", "plan", "member").get(pk=line.pk)
    enrolment = line.enrolment
    if by_member:
        if actor is not None and not is_own_line(user=actor, line=line):
            raise PermissionDenied("只能为本人申领互助金。")
    else:
        scope.require(actor, "edit", enrolment.org)
    if enrolment.state != Enrolment.State.COVERED or not line.live:
        raise Refused(f"该参保单{enrolment.get_state_display()}，尚未生效，不能申领。")
    if benefit.plan_id != line.plan_id:
        raise Refused({"benefit": "请选择本计划的给付项目。"})
    event_date = cleaning.date(event_date, field="event_date", label="发病或出险日期", not_after_today=True)
    assert enrolment.cover_start is not None and enrolment.cover_end is not None
    if not enrolment.cover_start <= event_date <= enrolment.cover_end:
        raise Refused(
            {
                "event_date": f"发病或出险日期不在保障期内（{enrolment.cover_start:%Y-%m-%d} 至 {enrolment.cover_end:%Y-%m-%d}）。"
            }
        )
    days = cleaning.whole(days or 0, field="days", label="住院天数", minimum=0, maximum=366)
    expense = cleaning.money(expense, field="expense", label="合规医疗费用")
    if benefit.basis == Benefit.Basis.DAILY and not days:
        raise Refused({"days": "请填写住院天数。"})
    if benefit.basis == Benefit.Basis.RATIO and not expense:
        raise Refused({"expense": "请填写合规医疗费用。"})
    got = _award(line, benefit, expense=expense, days=days)
    claim = Claim.objects.create(
        org=enrolment.org, approver=approver_for(enrolment.org), line=line, benefit=benefit, event_date=event_date,
        days=days, expense=expense, computed=got.computed, payable=got.payable, cap_note=got.note,
        description=cleaning.text(description, field="description", label="情况说明", max_length=300, required=False),
        by_member=by_member, submitted_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    audit(
        actor=actor, action="mutualaid.claim.submit", obj=claim, org=claim.org,
        detail={"name": benefit.name, "amount": str(got.payable), "by_member": by_member},
    )  # fmt: skip
    return claim


def _award(
    line: Line, benefit: Benefit, *, expense: Decimal, days: int, excluding: int | None = None
) -> rules.Award:
    schedule = rules.Schedule(
        benefit.basis, benefit.deductible, benefit.rate, benefit.amount, benefit.event_cap
    )
    return rules.award(
        schedule, expense=expense, days=days, period_cap=line.plan.period_cap,
        already_paid=already_paid(line, excluding=excluding),
    )  # fmt: skip


def claim_may_attach(actor: Any, claim: Claim) -> bool:
    return claim.state == Claim.State.SUBMITTED and (
        scope.can(actor, "edit", claim.org)
        or (actor is not None and is_own_line(user=actor, line=claim.line))
    )


@action
def claim_attach(*, actor: Any, claim: Claim, material: str, upload: UploadedFile) -> ClaimFile:
    """Attach one material of the checklist; a PDF, JPG or PNG by its content."""
    claim = (
        Claim.objects.select_for_update(of=("self",))
        .select_related("benefit", "line", "org")
        .get(pk=claim.pk)
    )
    if not claim_may_attach(actor, claim):
        if claim.state != Claim.State.SUBMITTED:
            raise Refused(f"申领{claim.get_state_display()}，不能再上传材料。")
        raise PermissionDenied("只能为本人或本单位的申领上传材料。")
    if material not in claim.benefit.material_list:
        raise Refused({"material": "请选择申领材料。"})
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        raise Refused({"file": "文件不能超过 10 MB。"})
    kind = filetypes.sniff_upload(upload, FILE_TYPES)
    if kind is None:
        raise Refused({"file": f"「{upload.name}」不是{filetypes.allowed_labels(FILE_TYPES)}文件。"})
    item = ClaimFile(
        claim=claim, material=material, name=filetypes.named(upload.name or material, kind)[:100],
        content_type=kind.content_type, uploaded_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    item.file.save(item.name, upload, save=False)
    item.save()
    audit(
        actor=actor, action="mutualaid.claim.attach", obj=claim, org=claim.org,
        detail={"kind": material, "file": item.name},
    )  # fmt: skip
    return item


def _locked_claim(claim: Claim) -> Claim:
    return (
        Claim.objects.select_for_update(of=("self",))
        .select_related("benefit", "line__plan", "line__enrolment", "org")
        .get(pk=claim.pk)
    )


@action
def claim_approve(*, actor: Any, claim: Claim) -> Claim:
    """Approve what the schedule gives, within the caps. The share's row is locked first, so
    claims against one share are decided one after the other and never together pay more than
    its cap for the period."""
    Line.objects.select_for_update().filter(pk=claim.line_id).first()
    claim = _locked_claim(claim)
    got = _award(claim.line, claim.benefit, expense=claim.expense, days=claim.days, excluding=claim.pk)
    claim.computed, claim.payable, claim.cap_note = got.computed, got.payable, got.note
    claim.decided_by = actor if getattr(actor, "pk", None) else None
    claim.decided_at = timezone.now()
    transition(
        CLAIM, claim, "approve", actor=actor, detail={"amount": str(got.payable), "note": got.note},
        extra_fields=("computed", "payable", "cap_note", "decided_by", "decided_at"),
    )  # fmt: skip
    return claim


@action
def claim_reject(*, actor: Any, claim: Claim, reason: str) -> Claim:
    claim = _locked_claim(claim)
    claim.reject_reason = cleaning.text(reason, field="reason", label="不予给付理由", max_length=200)
    claim.decided_by = actor if getattr(actor, "pk", None) else None
    claim.decided_at = timezone.now()
    transition(
        CLAIM, claim, "reject", actor=actor, detail={"reason": claim.reject_reason},
        extra_fields=("reject_reason", "decided_by", "decided_at"),
    )  # fmt: skip
    return claim


@action
def claim_pay(*, actor: Any, claim: Claim, paid_on: Any = None) -> Claim:
    claim = _locked_claim(claim)
    claim.paid_on = cleaning.date(
        paid_on or cleaning.today(), field="paid_on", label="给付日期", not_after_today=True,
        not_before=timezone.localtime(claim.decided_at).date() if claim.decided_at else None,
    )  # fmt: skip
    transition(
        CLAIM, claim, "pay", actor=actor, detail={"amount": str(claim.payable), "paid_on": claim.paid_on.isoformat()},
        extra_fields=("paid_on",),
    )  # fmt: skip
    return claim


@action
def claim_withdraw(*, actor: Any, claim: Claim) -> Claim:
    claim = _locked_claim(claim)
    transition(CLAIM, claim, "withdraw", actor=actor)
    return claim


# --------------------------------------------------------------------------- the tree changes


def mutualaid_follow_merge(*, source: Org, target: Org, actor: Any, on: Any, **_: Any) -> None:
    """`source` merged into `target`: its enrolments (with their people and payments) and claims
    go to the target, claims it was to decide too; each year's quota is added to the target's."""
    moved = {
        "enrolments": Enrolment.objects.filter(org=source).update(org=target),
        "claims": Claim.objects.filter(org=source).update(org=target),
        "approving": Claim.objects.filter(approver=source).update(approver=target),
        "quotas": 0,
    }
    for quota in Quota.objects.select_for_update().filter(org=source):
        into, _created = Quota.objects.select_for_update().get_or_create(
            org=target, year=quota.year, defaults={"shares": 0}
        )
        into.shares += quota.shares
        into.save(update_fields=["shares"])
        quota.delete()
        moved["quotas"] += 1
    if any(moved.values()):
        audit(
            actor=actor, action="mutualaid.follow_merge", obj=None, org=target,
            detail={"source": source.name, **moved},
        )  # fmt: skip


# ---------------------------------------------------------------------------------- reports


@action
def report_export(*, actor: Any, org: Org, year: int, fmt: str) -> tuple[bytes | Iterable[str], int]:
    """The report by plan as a file (audited: who took which union's figures)."""
    from . import exports
    from .selectors import paid_by_quarter_for_actor, report_by_union_for_actor, report_for_actor

    rows = report_for_actor(actor=actor, org=org, year=year)
    audit(
        actor=actor,
        action="mutualaid.report.export",
        org=org,
        detail={"year": year, "format": fmt, "rows": len(rows)},
    )
    title = f"{org.name} {year}年医疗互助保障统计"
    if fmt == "xlsx":
        unions = report_by_union_for_actor(actor=actor, org=org, year=year)
        quarters = paid_by_quarter_for_actor(actor=actor, org=org, year=year)
        return exports.report_xlsx(
            actor=actor, title=title, rows=rows, unions=unions, quarters=quarters
        ), len(rows)
    return list(exports.report_csv(actor=actor, rows=rows)), len(rows)


# ----------------------------------------------------------------------------- bank payouts


@action
def payout_file(*, actor: Any, approver: Org) -> tuple[bytes, int]:
    """The bank's payment file of the claims `approver` approved and has not paid yet, to each
    grassroots union's account. The accounts leave the system in full: `reveal` is needed and
    the file is audited."""
    from . import payfiles
    from .selectors import claims_to_pay

    scope.require(actor, "reveal", approver)
    claims = list(claims_to_pay(approver))
    if not claims:
        raise Refused("没有待给付的互助金。")
    missing = sorted({c.org.name for c in claims if not c.org.bank_account})
    if missing:
        raise Refused(f"以下基层工会未登记银行账号，不能生成代发文件：{'、'.join(missing)}。")
    total = sum((c.payable for c in claims), Decimal("0.00"))
    audit(
        actor=actor, action="mutualaid.payout.file", org=approver,
        detail={"count": len(claims), "total": str(total), "fields": ["bank_account"]},
    )  # fmt: skip
    title = f"{approver.name} 互助金代发明细（{cleaning.today():%Y-%m-%d}）"
    return payfiles.payout_xlsx(claims, actor=actor, title=title), len(claims)


@dataclass(frozen=True)
class ReturnResult:
    paid: int
    failed: list[str]


@action
def payout_return(*, actor: Any, approver: Org, data: bytes, filename: str) -> ReturnResult:
    """Read the bank's return file: each line that succeeded marks its claim paid today; the failed
    ones stay approved, with the bank's reason said. A file with any unreadable line, or a line
    that is not a claim waiting at this union, changes nothing."""
    from . import payfiles

    scope.require(actor, "edit", approver)
    lines, errors = payfiles.read_return(data, filename=filename)
    waiting = {
        c.pk: c
        for c in Claim.objects.select_for_update(of=("self",))
        .select_related("line__member", "benefit")
        .filter(approver=approver, state=Claim.State.APPROVED, pk__in=[ln.claim_id for ln in lines])
    }
    for ln in lines:
        c = waiting.get(ln.claim_id)
        if c is None:
            errors.append(f"第 {ln.row} 行：流水号 {ln.claim_id} 不是本会待给付的互助金。")
        elif ln.amount is not None and ln.amount != c.payable:
            errors.append(f"第 {ln.row} 行：金额 {ln.amount} 与核定给付 {c.payable} 不符。")
    if errors:
        raise Refused({"file": errors[:20]})
    paid, failed = 0, []
    for ln in lines:
        c = waiting[ln.claim_id]
        if ln.paid:
            c.paid_on = cleaning.today()
            transition(CLAIM, c, "pay", actor=actor, detail={"amount": str(c.payable), "paid_on": c.paid_on.isoformat()},
                       extra_fields=("paid_on",))  # fmt: skip
            paid += 1
        else:
            failed.append(f"{c.line.member.name}（流水号 {c.pk}）：{ln.reason}")
    audit(
        actor=actor, action="mutualaid.payout.return", org=approver,
        detail={"file": filename[:100], "paid": paid, "failed": len(failed)},
    )  # fmt: skip
    return ReturnResult(paid, failed)


# ------------------------------------------------------------------- enrolment from a spreadsheet

IMPORT_FIELDS = {
    "seq": ["序号", "编号"],  # read so that a 合计 line under the table is known for one
    "name": ["姓名", "职工姓名", "参保人姓名"],
    "id_number": ["身份证号码", "身份证号", "公民身份号码", "证件号码"],
}
MAX_IMPORT_BYTES = 5 * 1024 * 1024


@action
def enrolment_import(
    *, actor: Any, enrolment: Enrolment, data: bytes, filename: str, healthy_confirmed: bool = False
) -> Added:
    """Put the people a unit lists in a spreadsheet (姓名, 身份证号码) on the enrolment: each row is
    found on the union's register by the ID number's blind index, and then checked like people
    picked on the page. Any row that cannot be found refuses the whole file, row by row."""
    from gonghui.kernel.spreadsheet import SheetError, cell_text, footer_line, read_table, size_text
    from gonghui.members.selectors import id_number_lookup_key

    scope.require(actor, "edit", enrolment.org)
    if len(data) > MAX_IMPORT_BYTES:
        raise Refused({"file": f"文件超过 {size_text(MAX_IMPORT_BYTES)}。"})
    try:
        table = read_table(data, filename=filename, fields=IMPORT_FIELDS, required={"id_number"})
    except SheetError as exc:
        raise Refused({"file": str(exc)}) from None
    wanted: list[tuple[int, str, str]] = []
    errors: list[str] = []
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
        raise Refused({"file": "文件中没有参保人员。"})
    return enrolment_add(
        actor=actor, enrolment=enrolment, members=members, healthy_confirmed=healthy_confirmed
    )
