"""Batch relief: select households by filter, approve once (a background job with progress that
takes the whole sum from the union's fund), send the bank's payment file, read its return file."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from gonghui.core.jobs import JobError, Report, job_enqueue, job_run_now
from gonghui.core.models import Job
from gonghui.kernel import scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.cleaning import money, today
from gonghui.kernel.workflow import transition
from gonghui.orgs.models import Org

from .. import choices as c
from .. import payfiles
from ..models import Batch, Fund, FundEntry, Household, Payment
from ..workflow import BATCH
from .funds import fund_credit, fund_debit

JOB_KIND = "assistance.batch_approve"
INLINE_LINES = 200  # smaller batches are approved during the request


@dataclass(frozen=True)
class Criteria:
    within: Org
    tier: str = ""
    cause: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "within_id": self.within.pk, "within": self.within.name, "tier": self.tier,
            "tier_label": str(c.Tier(self.tier).label) if self.tier else "全部类别",
            "cause": self.cause, "cause_label": str(c.Cause(self.cause).label) if self.cause else "全部原因",
        }  # fmt: skip


def households_matching(criteria: Criteria) -> Any:
    qs = Household.objects.filter(org__path__startswith=criteria.within.path, status=Household.Status.ACTIVE)
    if criteria.tier:
        qs = qs.filter(tier=criteria.tier)
    if criteria.cause:
        qs = qs.filter(main_cause=criteria.cause)
    return qs


@action
def batch_create(*, actor: Any, org: Org, title: str, kind: str, amount: Any, criteria: Criteria) -> Batch:
    """A draft batch with one line per matching household that has a bank account."""
    scope.require(actor, "edit", org)
    scope.require(actor, "view", criteria.within)
    errors: dict[str, Any] = {}
    title = " ".join((title or "").split())
    if not title:
        errors["title"] = gettext("请填写批次名称，如「2026年第一季度深度困难职工生活救助」。")
    if kind not in c.Kind.values:
        errors["kind"] = gettext("请选择帮扶类型。")
    if not criteria.within.path.startswith(org.path):
        errors["within"] = gettext("只能选择本级及下属工会的困难职工。")
    if criteria.tier and criteria.tier not in c.Tier.values:
        errors["tier"] = gettext("困难类别无效。")
    if criteria.cause and criteria.cause not in c.Cause.values:
        errors["cause"] = gettext("致困原因无效。")
    try:
        value = money(amount, field="amount", label="每户金额", allow_zero=False, maximum=Decimal("100000"))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    chosen = list(households_matching(criteria).order_by("id").only("id", "bank_account"))
    with_account = [h for h in chosen if h.bank_account]
    if not with_account:
        raise ValidationError(gettext("没有符合条件且登记了银行卡号的在档困难职工家庭。"))
    batch = Batch.objects.create(
        org=org, title=title[:100], kind=kind, amount=value,
        criteria={**criteria.as_dict(), "selected": len(chosen), "no_account": len(chosen) - len(with_account)},
        created_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    Payment.objects.bulk_create(
        Payment(
            household_id=h.pk, org=org, kind=kind, amount=value, batch=batch, status=Payment.Status.PLANNED
        )
        for h in with_account
    )
    audit(actor=actor, action="assistance.batch.create", obj=batch, org=org,
          detail={"households": len(with_account), "amount": str(value), "total": str(value * len(with_account)),
                  "no_account": len(chosen) - len(with_account)})  # fmt: skip
    return batch


def batch_approve(*, actor: Any, batch: Batch) -> Job:
    """Approve once: a job checks every line (progress shown) and then, in one transaction, takes
    the total from the union's fund of this year. Small batches finish within the request. The
    step is refused, before anything moves, when the fund cannot cover the batch."""
    with transaction.atomic():
        batch = Batch.objects.select_for_update().select_related("org").get(pk=batch.pk)
        total = batch.amount * batch.lines.count()
        transition(BATCH, batch, "approve", actor=actor, org=batch.org, detail={"total": str(total)})
        job = job_enqueue(actor=actor, kind=JOB_KIND, org=batch.org, params={"batch_id": batch.pk},
                          title=f"批量救助审批拨付：{batch.title}")  # fmt: skip
    if batch.lines.count() <= INLINE_LINES:
        job = job_run_now(job)
    return job


def batch_approve_job(job: Job, report: Report) -> dict[str, Any]:
    batch = Batch.objects.select_related("org").get(pk=job.params["batch_id"])
    actor = job.created_by
    lines = list(batch.lines.select_related("household").order_by("id"))
    total = len(lines)
    dropped = []
    for i, line in enumerate(lines, start=1):
        h = line.household
        if h.status != Household.Status.ACTIVE or not h.bank_account:
            dropped.append(line.pk)
        if i % 50 == 0 or i == total:
            report(i, total, gettext_noop("正在核对…"))
    try:
        with transaction.atomic():
            locked = Batch.objects.select_for_update().get(pk=batch.pk)
            Payment.objects.filter(pk__in=dropped).delete()
            count = locked.lines.count()
            if not count:
                raise ValidationError(gettext("本批没有可发放的家庭（均已脱困或缺少银行卡号）。"))
            fund = Fund.objects.filter(org=locked.org, year=today().year).first()
            if fund is None:
                raise ValidationError(
                    gettext("「%(name)s」尚无%(year)s年帮扶专项资金。")
                    % {"name": locked.org.name, "year": today().year}
                )
            sum_ = locked.amount * count
            fund_debit(actor=actor, fund=fund, amount=sum_, kind=FundEntry.Kind.DISBURSEMENT,
                       note=f"批量救助：{locked.title}（{count}户）", batch=locked)  # fmt: skip
            locked.lines.update(status=Payment.Status.PENDING, approved_on=today())
            locked.fund = fund
            locked.approved_by = actor
            locked.approved_at = timezone.now()
            # The job's own write (the system's step); the ledger names who approved.
            transition(BATCH, locked, "disburse", actor=None, org=locked.org,
                       detail={"households": count, "total": str(sum_), "dropped": len(dropped)},
                       extra_fields=("fund", "approved_by", "approved_at"))  # fmt: skip
    except ValidationError as exc:
        with transaction.atomic():
            locked = Batch.objects.select_for_update().get(pk=batch.pk)
            transition(BATCH, locked, "revert", actor=None, org=locked.org,
                       detail={"error": "；".join(exc.messages)})  # fmt: skip
        raise JobError("；".join(exc.messages)) from None
    from django.urls import reverse

    return {
        "summary": f"已批准：{count} 户，每户 {batch.amount} 元，合计 {sum_} 元。",
        "url": reverse("assistance:batch_detail", args=[batch.pk]), "link_text": "查看批次",
    }  # fmt: skip


def batch_totals(batch: Batch) -> dict[str, dict[str, Any]]:
    rows = batch.lines.values("status").annotate(n=Count("id"), total=Sum("amount"))
    out: dict[str, dict[str, Any]] = {
        s: {"n": 0, "total": Decimal("0.00"), "label": label} for s, label in Payment.Status.choices
    }
    for r in rows:
        out[r["status"]].update(n=r["n"], total=r["total"] or Decimal("0.00"))
    n = sum(int(v["n"]) for v in out.values())
    total = sum((Decimal(v["total"]) for v in out.values()), Decimal("0.00"))
    out["all"] = {"n": n, "total": total, "label": "合计"}
    return out


@action
def batch_payment_file(*, actor: Any, batch: Batch, fmt: str, watermark: str) -> bytes:
    """The bank's payment file of the lines still to pay, with accounts in full (audited)."""
    batch = Batch.objects.select_related("org").get(pk=batch.pk)
    scope.require(actor, "reveal", batch.org)
    if batch.state != Batch.State.APPROVED:
        raise ValidationError(gettext("批次批准后才能生成银行代发文件。"))
    lines = list(batch.lines.filter(status=Payment.Status.PENDING).select_related("household").order_by("id"))
    if not lines:
        raise ValidationError(gettext("本批已没有待发放的明细。"))
    memo = f"{batch.get_kind_display()}"
    audit(actor=actor, action="assistance.batch.payment_file", obj=batch, org=batch.org,
          detail={"format": fmt, "rows": len(lines), "total": str(sum(p.amount for p in lines))})  # fmt: skip
    if fmt == "csv":
        return payfiles.write_csv(lines, memo=memo)
    buf = io.BytesIO()
    payfiles.write_xlsx(
        lines, buf, memo=memo, watermark=watermark, title=f"{batch.org.name} {batch.title} 代发明细"
    )
    return buf.getvalue()


@action
def batch_return_apply(*, actor: Any, batch: Batch, data: bytes, filename: str) -> dict[str, Any]:
    """Mark lines paid or failed from the bank's return file. Any row that does not match a
    pending line of this batch refuses the whole file; failed lines' money returns to the fund."""
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    scope.require(actor, "edit", batch.org)
    if batch.state != Batch.State.APPROVED:
        raise ValidationError({"file": gettext("只有已批准、待发放的批次可以导入银行回盘文件。")})
    rows, errors = payfiles.read_return(data, filename=filename)
    pending = {p.pk: p for p in batch.lines.filter(status=Payment.Status.PENDING).select_related("household")}
    by_account: dict[str, list[Payment]] = {}
    for p in pending.values():
        by_account.setdefault(p.household.bank_account, []).append(p)
    decided: dict[int, tuple[Payment, Any]] = {}
    for r in rows:
        where = f"第 {r.row} 行："
        if r.line_id is not None:
            line = pending.get(r.line_id)
            if line is None:
                errors.append(f"{where}流水号 {r.line_id} 不是本批待发放的明细（或已处理过）。")
                continue
        else:
            found = by_account.get(r.account, [])
            if len(found) != 1:
                errors.append(
                    f"{where}银行卡号 {r.account[-4:]:>4}（尾号）在本批待发放明细中{'找不到' if not found else '不唯一'}。"
                )
                continue
            line = found[0]
        if r.amount is not None and r.amount != line.amount:
            errors.append(f"{where}金额 {r.amount} 与代发明细的 {line.amount} 元不一致。")
            continue
        if line.pk in decided:
            errors.append(f"{where}与第 {decided[line.pk][1].row} 行重复。")
            continue
        decided[line.pk] = (line, r)
    if errors:
        raise ValidationError(
            {"file": errors[:50] + ([f"……共 {len(errors)} 处错误"] if len(errors) > 50 else [])}
        )
    paid = [line for line, r in decided.values() if r.paid]
    failed = [(line, r) for line, r in decided.values() if not r.paid]
    on = today()
    Payment.objects.filter(pk__in=[p.pk for p in paid]).update(status=Payment.Status.PAID, paid_on=on)
    for line, r in failed:
        line.status = Payment.Status.FAILED
        line.fail_reason = r.reason
        line.save(update_fields=["status", "fail_reason"])
    refund = sum((line.amount for line, _r in failed), Decimal("0.00"))
    if refund and batch.fund is not None:
        fund_credit(actor=actor, fund=batch.fund, amount=refund, kind=FundEntry.Kind.REFUND,
                    note=f"批量救助：{batch.title} 发放失败 {len(failed)} 户退回", batch=batch)  # fmt: skip
    audit(actor=actor, action="assistance.batch.bank_return", obj=batch, org=batch.org,
          detail={"file": filename, "paid": len(paid), "failed": len(failed), "refund": str(refund)})  # fmt: skip
    closed = False
    if not batch.lines.filter(status=Payment.Status.PENDING).exists():
        transition(BATCH, batch, "close", actor=actor, org=batch.org)
        closed = True
    return {"paid": len(paid), "failed": len(failed), "refund": refund, "closed": closed}
