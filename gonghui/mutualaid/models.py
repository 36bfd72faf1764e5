"""Mutual medical aid (职工医疗互助保障): plans and their benefit schedules, yearly quotas down the
tree, group enrolments of grassroots unions with their covered people and contributions, and
claims (互助金申领) with their materials.

A covered person is a `members.Member`: the ID number stays in the register, encrypted and
masked there; a line here keeps only the member's blind index, so that one person holds one share
per plan and cover year across the province (a unique index says so).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.crypto import BlindIndexField, EncryptedTextField
from gonghui.kernel.modelparts import Created, Named

ZERO = Decimal("0.00")


def money_field(label: str, **extra: Any) -> models.DecimalField[Any, Any]:
    return fields.money(label, max_digits=12, default=ZERO, **extra)


class Plan(Named):
    """A plan's terms, as data (FORMS §3a, §3b): who may join, for how long, at what price per
    share, what it pays (its benefits), and which plan it needs first."""

    class Kind(models.TextChoices):
        MEDICAL = "medical", gettext_lazy("在职职工医疗互助保障")
        WOMEN = "women", gettext_lazy("在职女职工安康互助保障")
        INPATIENT = "inpatient", gettext_lazy("在职职工住院医疗综合互助保障")
        ALLOWANCE = "allowance", gettext_lazy("在职职工住院津贴互助保障")
        CRITICAL = "critical", gettext_lazy("在职职工重大疾病互助保障")
        ACCIDENT = "accident", gettext_lazy("在职职工意外伤害互助保障")
        CHILD_ACCIDENT = "child_accident", gettext_lazy("在职职工子女意外伤害互助保障")

    class Sex(models.TextChoices):
        ANY = "", gettext_lazy("不限")
        FEMALE = "女", gettext_lazy("女职工")

    org = fields.union(gettext_lazy("举办工会"))
    code = models.SlugField(gettext_lazy("计划代码"), max_length=40, unique=True)
    name = models.CharField(gettext_lazy("计划名称"), max_length=100)
    kind = models.CharField(gettext_lazy("险种"), max_length=16, choices=Kind.choices)
    term_years = models.PositiveSmallIntegerField(
        gettext_lazy("保障期限（年）"),
        choices=[(1, gettext_lazy("1年")), (2, gettext_lazy("2年")), (3, gettext_lazy("3年"))],
    )
    price = fields.money(gettext_lazy("每份互助金（元）"), max_digits=10)
    min_age = models.PositiveSmallIntegerField(gettext_lazy("最低年龄"), default=16)
    max_age = models.PositiveSmallIntegerField(gettext_lazy("最高年龄"), default=60)
    sex = models.CharField(
        gettext_lazy("性别要求"), max_length=1, choices=Sex.choices, blank=True, default=""
    )
    # 保障条件: not yet diagnosed with the six major diseases (declared by the unit per person).
    healthy_required = models.BooleanField(gettext_lazy("须未确诊六种重大疾病"), default=False)
    # 子女计划: the covered person is a member's child (the ages are the child's); the member, an
    # in-service worker on the register, enrols them.
    covers_child = models.BooleanField(gettext_lazy("保障对象为会员子女"), default=False)
    requires = fields.optional("self", gettext_lazy("须先参加"))
    min_ratio = models.DecimalField(
        gettext_lazy("参保比例下限"), max_digits=3, decimal_places=2, default=Decimal("0.60")
    )
    min_people = models.PositiveSmallIntegerField(gettext_lazy("每组最少人数"), default=10)
    waiting_days = models.PositiveSmallIntegerField(gettext_lazy("等待期（天）"), default=0)
    period_cap = fields.money(gettext_lazy("保障期内累计给付上限（元/份）"), max_digits=12)
    active = models.BooleanField(gettext_lazy("接受参保"), default=True)
    note = models.CharField(gettext_lazy("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "互助保障计划"

    @property
    def group_rule(self) -> str:
        n = self.min_people
        return f"不少于在职职工的 {self.min_ratio * 100:.0f}%，且不少于 {n} 人；{n} 人及以下的单位须全员参保"

    @property
    def who_may_join(self) -> str:
        if self.covers_child:
            parts = [f"在职职工的子女，{self.min_age}至{self.max_age}周岁"]
        else:
            parts = [f"在职职工，{self.min_age}至{self.max_age}周岁"]
        if self.sex:
            parts.append("限女职工")
        if self.healthy_required:
            parts.append("未确诊六种重大疾病")
        if self.requires_id:
            parts.append(f"须先参加「{self.requires}」")  # type: ignore[union-attr]
        return "；".join(parts)


class Benefit(Named):
    """One line of a plan's benefit schedule: what is paid for what, with its cap per event."""

    class Basis(models.TextChoices):
        RATIO = "ratio", gettext_lazy("按合规医疗费用比例")
        DAILY = "daily", gettext_lazy("按住院天数")
        FIXED = "fixed", gettext_lazy("定额给付")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="benefits")
    name = models.CharField(gettext_lazy("给付项目"), max_length=60)
    basis = models.CharField(gettext_lazy("计算方式"), max_length=8, choices=Basis.choices)
    deductible = fields.money(gettext_lazy("起付线（元）"), max_digits=10, default=ZERO)
    rate = models.DecimalField(
        gettext_lazy("给付比例"), max_digits=4, decimal_places=3, default=Decimal("1.000")
    )
    amount = fields.money(gettext_lazy("定额或日额（元）"), max_digits=10, default=ZERO)
    event_cap = fields.money(gettext_lazy("每次给付上限（元）"), max_digits=12)
    # The materials checklist, one name per line (诊断证明, 住院发票, 出院小结, 伤残鉴定 …).
    materials = models.TextField(gettext_lazy("申领材料"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = verbose_name_plural = "给付项目"

    @property
    def material_list(self) -> list[str]:
        return [m.strip() for m in self.materials.splitlines() if m.strip()]

    @property
    def terms(self) -> str:
        if self.basis == self.Basis.RATIO:
            base = f"起付线 {self.deductible} 元以上部分按 {self.rate * 100:.0f}% 给付"
        elif self.basis == self.Basis.DAILY:
            base = f"每天 {self.amount} 元"
        else:
            base = f"定额 {self.amount} 元"
        return f"{base}，每次最高 {self.event_cap} 元"


class Quota(models.Model):
    """A union's yearly target in shares (份), set by the union above it; the shares of the unions
    below it never add up to more than its own."""

    org = fields.union(gettext_lazy("工会"))
    year = models.PositiveSmallIntegerField(gettext_lazy("年度"))
    shares = models.PositiveIntegerField(gettext_lazy("任务数（份）"))
    set_by = fields.person()
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="mutualaid_one_quota_per_year")]
        verbose_name = verbose_name_plural = "互助保障任务"

    def __str__(self) -> str:
        return f"{self.year} {self.shares}"


class Enrolment(Created):
    """A grassroots union's group enrolment (团体参保) in one plan for one cover year."""

    class State(models.TextChoices):
        DRAFT = "draft", gettext_lazy("填报中")
        DUE = "due", gettext_lazy("待缴费")
        COVERED = "covered", gettext_lazy("已生效")
        CANCELLED = "cancelled", pgettext_lazy("参保单", "已撤销")

    org = fields.union(gettext_lazy("基层工会"))
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="enrolments", verbose_name=gettext_lazy("计划")
    )
    year = models.PositiveSmallIntegerField(gettext_lazy("参保年度"))
    state = models.CharField(gettext_lazy("状态"), max_length=16, choices=State.choices, default=State.DRAFT)
    in_service = models.PositiveIntegerField(gettext_lazy("在职职工数（提交时）"), default=0)
    shares = models.PositiveIntegerField(gettext_lazy("参保份数（提交时）"), default=0)
    amount_due = money_field("应缴互助金")
    amount_paid = money_field("已缴互助金")
    cover_start = models.DateField(gettext_lazy("保障起始日"), null=True, blank=True)
    cover_end = models.DateField(gettext_lazy("保障终止日"), null=True, blank=True)
    created_by = fields.person()
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["org", "year"], name="mutualaid_enrolment_org_year")]
        verbose_name = verbose_name_plural = "团体参保"

    def __str__(self) -> str:
        return f"{self.year} {self.plan.name}"

    @property
    def balance(self) -> Decimal:
        return self.amount_due - self.amount_paid


class Line(models.Model):
    """One person's share in an enrolment. `live` is False once the enrolment is cancelled or the
    person taken off it, which frees the share for another enrolment."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lines")
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("会员")
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    person_bidx = BlindIndexField()  # the covered person's: the member's, or the child's
    # For a children's plan: the covered child (the member is the parent who enrols them).
    child_name = models.CharField(gettext_lazy("子女姓名"), max_length=50, blank=True)
    child_id_number = EncryptedTextField(gettext_lazy("子女身份证号码"), blank=True)
    live = models.BooleanField(default=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "person_bidx"],
                condition=Q(live=True),
                name="mutualaid_one_share_per_person",
                violation_error_message="此人本年度已参加该计划，一人一份。",
            )
        ]
        indexes = [models.Index(fields=["member"], name="mutualaid_line_member")]
        verbose_name = verbose_name_plural = "参保人员"

    def __str__(self) -> str:
        return f"{self.insured} · {self.plan}"

    @property
    def insured(self) -> str:
        """Who the share covers, as a page names them: 「陈小明（陈建华之子女）」 for a child."""
        if self.child_name:
            return f"{self.child_name}（{self.member.name}之子女）"
        return self.member.name

    @property
    def child_id_number_masked(self) -> str:
        from gonghui.kernel.codes import id_number_mask

        return id_number_mask(self.child_id_number) if self.child_id_number else ""


class Contribution(models.Model):
    """Money received for an enrolment (互助金缴费): by bank transfer or a bank's collection file."""

    class Method(models.TextChoices):
        TRANSFER = "transfer", gettext_lazy("转账")
        BANK_FILE = "bank_file", gettext_lazy("银行代收")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="contributions")
    amount = fields.money(gettext_lazy("金额（元）"), max_digits=12)
    paid_on = models.DateField(gettext_lazy("到账日期"))
    method = models.CharField(
        gettext_lazy("缴费方式"), max_length=16, choices=Method.choices, default=Method.TRANSFER
    )
    reference = models.CharField(gettext_lazy("凭证号"), max_length=60, blank=True)
    recorded_by = fields.person()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = verbose_name_plural = "互助金缴费"

    def __str__(self) -> str:
        return f"{self.paid_on} {self.amount}"


class Claim(models.Model):
    """互助金申领: filed by the union for a covered member, or by the member on the phone; decided
    by the 代办点 above (the county union, else the city's); the benefit is computed from the
    schedule and what the share already paid in its cover period."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", gettext_lazy("待审核")
        APPROVED = "approved", gettext_lazy("已核准待支付")
        REJECTED = "rejected", gettext_lazy("不予给付")
        PAID = "paid", gettext_lazy("已给付")
        WITHDRAWN = "withdrawn", gettext_lazy("已撤回")

    OPEN = (State.SUBMITTED, State.APPROVED)
    SPENT = (State.APPROVED, State.PAID)  # what counts against the share's cap

    org = fields.union(gettext_lazy("基层工会"))
    approver = fields.union(gettext_lazy("审核工会"))
    line = models.ForeignKey(Line, on_delete=models.PROTECT, related_name="claims")
    benefit = models.ForeignKey(
        Benefit, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("给付项目")
    )
    state = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=State.choices, default=State.SUBMITTED
    )
    event_date = models.DateField(gettext_lazy("发病或出险日期"))
    days = models.PositiveSmallIntegerField(gettext_lazy("住院天数"), default=0)
    expense = money_field("合规医疗费用")
    description = models.CharField(gettext_lazy("情况说明"), max_length=300, blank=True)
    computed = money_field("按标准计算")
    payable = money_field("核定给付")
    cap_note = models.CharField(gettext_lazy("限额说明"), max_length=200, blank=True)
    by_member = models.BooleanField(gettext_lazy("会员本人申领"), default=False)
    submitted_by = fields.person()
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_by = fields.person()
    decided_at = models.DateTimeField(null=True, blank=True)
    reject_reason = models.CharField(gettext_lazy("不予给付理由"), max_length=200, blank=True)
    paid_on = models.DateField(gettext_lazy("给付日期"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["approver", "state"], name="mutualaid_claim_approver"),
            models.Index(fields=["org", "state"], name="mutualaid_claim_org"),
        ]
        verbose_name = verbose_name_plural = "互助金申领"

    def __str__(self) -> str:
        return f"{self.benefit} {self.event_date}"

    @property
    def paid_out(self) -> Decimal:
        """What the claim has paid the member: its approved benefit once paid, nothing before."""
        return self.payable if self.state == self.State.PAID else ZERO


def claim_upload_to(instance: ClaimFile, filename: str) -> str:
    return f"mutualaid/{timezone.localdate():%Y/%m}/{instance.claim_id}-{dt.datetime.now():%H%M%S%f}"


class ClaimFile(models.Model):
    """One material of a claim's checklist; its type is decided by its content."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="files")
    material = models.CharField(gettext_lazy("材料"), max_length=30)
    name = models.CharField(gettext_lazy("文件名"), max_length=100)
    content_type = models.CharField(max_length=100)
    file = models.FileField(upload_to=claim_upload_to)
    uploaded_by = fields.person()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "申领材料"

    def __str__(self) -> str:
        return f"{self.material} {self.name}"
