"""Claims: filing, materials, review within the caps, payment."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import cleaning, filetypes, scope
from gonghui.kernel.actions import action, step_action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import transition

from .. import rules
from ..models import Benefit, Claim, ClaimFile, Enrolment, Line
from ..selectors import already_paid, approver_for, is_own_line
from ..workflow import CLAIM

MAX_FILE_BYTES = 10 * 1024 * 1024
FILE_TYPES = (filetypes.PDF, filetypes.JPEG, filetypes.PNG)


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
        raise Refused(
            gettext("该参保单%(value)s，尚未生效，不能申领。") % {"value": enrolment.get_state_display()}
        )
    if benefit.plan_id != line.plan_id:
        raise Refused({"benefit": gettext("请选择本计划的给付项目。")})
    event_date = cleaning.date(event_date, field="event_date", label="发病或出险日期", not_after_today=True)
    assert enrolment.cover_start is not None and enrolment.cover_end is not None
    if not enrolment.cover_start <= event_date <= enrolment.cover_end:
        raise Refused(
            {
                "event_date": gettext("发病或出险日期不在保障期内（%(cover_start)s 至 %(cover_end)s）。")
                % {
                    "cover_start": format(enrolment.cover_start, "%Y-%m-%d"),
                    "cover_end": format(enrolment.cover_end, "%Y-%m-%d"),
                }
            }
        )
    days = cleaning.whole(days or 0, field="days", label="住院天数", minimum=0, maximum=366)
    expense = cleaning.money(expense, field="expense", label="合规医疗费用")
    if benefit.basis == Benefit.Basis.DAILY and not days:
        raise Refused({"days": gettext("请填写住院天数。")})
    if benefit.basis == Benefit.Basis.RATIO and not expense:
        raise Refused({"expense": gettext("请填写合规医疗费用。")})
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
            raise Refused(gettext("申领%(value)s，不能再上传材料。") % {"value": claim.get_state_display()})
        raise PermissionDenied("只能为本人或本单位的申领上传材料。")
    if material not in claim.benefit.material_list:
        raise Refused({"material": gettext("请选择申领材料。")})
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        raise Refused({"file": gettext("文件不能超过 10 MB。")})
    kind = filetypes.sniff_upload(upload, FILE_TYPES)
    if kind is None:
        raise Refused(
            {
                "file": gettext("「%(name)s」不是%(value)s文件。")
                % {"name": upload.name, "value": filetypes.allowed_labels(FILE_TYPES)}
            }
        )
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


claim_withdraw = step_action(CLAIM, "withdraw", record="claim", lock=_locked_claim)
