"""Money: special funds and their ledger, applications, batches, payments."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.modelparts import Created, Titled

from .. import choices as c
from .households import Household

ZERO = Decimal("0.00")


class Fund(models.Model):
    """One union's special fund (帮扶专项资金) for one year. The balance is changed only by a
    conditional UPDATE in actions.funds, and the database refuses a negative one."""

    org = fields.union(gettext_lazy("工会"))
    year = models.PositiveSmallIntegerField(gettext_lazy("年度"))
    balance = fields.money(gettext_lazy("余额"), default=ZERO)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="fund_org_year"),
            models.CheckConstraint(condition=Q(balance__gte=0), name="fund_balance_not_negative"),
        ]
        ordering = ["-year", "org__path"]
        verbose_name = verbose_name_plural = "帮扶专项资金"

    def __str__(self) -> str:
        return f"{self.org} {self.year}年"


class FundEntry(models.Model):
    """The fund ledger: every change of a balance, with the balance after it."""

    class Kind(models.TextChoices):
        DEPOSIT = "deposit", gettext_lazy("资金入账")
        ALLOCATION_OUT = "allocation_out", gettext_lazy("下拨")
        ALLOCATION_IN = "allocation_in", gettext_lazy("上级拨入")
        DISBURSEMENT = "disbursement", gettext_lazy("帮扶支出")
        REFUND = "refund", gettext_lazy("退回")
        # A union merged into another: its balance leaves its ledger and enters the survivor's.
        MERGE_OUT = "merge_out", gettext_lazy("合并转出")
        MERGE_IN = "merge_in", gettext_lazy("合并转入")

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(gettext_lazy("类型"), max_length=16, choices=Kind.choices)
    amount = fields.money(gettext_lazy("金额"))  # signed: credits positive, debits negative
    balance_after = fields.money(gettext_lazy("余额"))
    other_fund = fields.optional(Fund)
    application = fields.optional("Application")
    batch = fields.optional("Batch")
    note = models.CharField(gettext_lazy("摘要"), max_length=200, blank=True)
    actor = fields.person()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "资金明细"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"


class Application(models.Model):
    """A request for help of one type for one household; routed to the union whose authority
    (ApprovalRule) covers the amount, escalated when it waits too long."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", gettext_lazy("待审批")
        PUBLICITY = "publicity", gettext_lazy("公示中")
        APPROVED = "approved", gettext_lazy("已批准，待发放")
        PAID = "paid", gettext_lazy("已发放")
        REJECTED = "rejected", gettext_lazy("未批准")
        WITHDRAWN = "withdrawn", gettext_lazy("已撤回")

    OPEN = (State.SUBMITTED, State.PUBLICITY)

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="applications")
    org = fields.union(gettext_lazy("申请工会"))
    kind = models.CharField(gettext_lazy("帮扶类型"), max_length=16, choices=c.Kind.choices)
    amount = fields.money(gettext_lazy("申请金额（元）"))
    reason = models.CharField(gettext_lazy("申请理由"), max_length=500)
    state = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=State.choices, default=State.SUBMITTED
    )
    approver = fields.union(gettext_lazy("审批工会"))
    escalations = models.PositiveSmallIntegerField(gettext_lazy("逾期上报次数"), default=0)
    waiting_since = models.DateTimeField(gettext_lazy("到达审批工会时间"), default=timezone.now)
    submitted_by = fields.person()
    by_member = models.BooleanField(gettext_lazy("职工本人申请"), default=False)
    submitted_at = models.DateTimeField(gettext_lazy("申请时间"), default=timezone.now)
    decided_by = fields.person()
    decided_at = models.DateTimeField(gettext_lazy("审批时间"), null=True, blank=True)
    reject_reason = models.CharField(gettext_lazy("不予批准理由"), max_length=200, blank=True)
    publicity_until = models.DateField(gettext_lazy("公示截止日期"), null=True, blank=True)
    fund = fields.optional(Fund)
    paid_on = models.DateField(gettext_lazy("发放日期"), null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["state", "waiting_since"], name="application_state_waiting"),
            models.Index(fields=["approver", "state"], name="application_approver_state"),
        ]
        ordering = ["-submitted_at", "-id"]
        verbose_name = verbose_name_plural = "帮扶申请"

    def __str__(self) -> str:
        return f"{self.household.name} {self.get_kind_display()} {self.amount}元"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN


class Batch(Titled, Created):
    """Batch relief (批量救助): one amount for every household a filter selected, approved once,
    paid through the bank's payment file."""

    class State(models.TextChoices):
        DRAFT = "draft", gettext_lazy("草稿")
        APPROVING = "approving", gettext_lazy("审批中")
        APPROVED = "approved", gettext_lazy("已批准，待发放")
        CLOSED = "closed", gettext_lazy("已办结")

    org = fields.union(gettext_lazy("发放工会"))
    title = models.CharField(gettext_lazy("名称"), max_length=100)
    kind = models.CharField(gettext_lazy("帮扶类型"), max_length=16, choices=c.Kind.choices)
    amount = fields.money(gettext_lazy("每户金额（元）"))
    criteria = models.JSONField(gettext_lazy("筛选条件"), default=dict, blank=True)
    state = models.CharField(gettext_lazy("状态"), max_length=16, choices=State.choices, default=State.DRAFT)
    fund = fields.optional(Fund)
    created_by = fields.person()
    approved_by = fields.person()
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "批量救助"


class Payment(models.Model):
    """One payment to one household: from an approved application or a batch line. Reports of
    money and 人次 count these."""

    class Status(models.TextChoices):
        PLANNED = "planned", gettext_lazy("待批准")
        PENDING = "pending", gettext_lazy("待发放")
        PAID = "paid", gettext_lazy("已发放")
        FAILED = "failed", gettext_lazy("发放失败")

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="payments")
    org = fields.union(gettext_lazy("发放工会"))
    kind = models.CharField(gettext_lazy("帮扶类型"), max_length=16, choices=c.Kind.choices)
    amount = fields.money(gettext_lazy("金额（元）"))
    status = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="payment"
    )
    batch = fields.optional(Batch, related_name="lines")
    approved_on = models.DateField(gettext_lazy("批准日期"), null=True, blank=True)
    paid_on = models.DateField(gettext_lazy("发放日期"), null=True, blank=True)
    fail_reason = models.CharField(gettext_lazy("失败原因"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["batch", "household"], name="payment_one_line_per_household")
        ]
        indexes = [models.Index(fields=["status", "approved_on"], name="payment_status_approved")]
        ordering = ["id"]
        verbose_name = verbose_name_plural = "帮扶发放"

    def __str__(self) -> str:
        return f"{self.household.name} {self.amount}"
