"""The member register (会员实名制): memberships, their history, and transfers between unions."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.crypto import BlindIndexField, EncryptedTextField
from gonghui.kernel.masking import MasksPersonalNumbers
from gonghui.kernel.modelparts import Created, Named

from .choices import (
    HOLDING,
    Education,
    EmploymentStatus,
    Ethnicity,
    HukouType,
    PoliticalStatus,
    Sex,
    Status,
)


class Member(MasksPersonalNumbers, Named, Created):
    """One membership of one person in one grassroots union. A person who leaves and joins
    again later gets a new row; a transfer keeps the row and changes its union."""

    org = fields.union(gettext_lazy("基层工会"), related_name="members", db_index=False)
    name = models.CharField(gettext_lazy("姓名"), max_length=50)
    sex = models.CharField(gettext_lazy("性别"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(gettext_lazy("出生日期"))
    id_number = EncryptedTextField(gettext_lazy("身份证号码"))
    id_number_bidx = BlindIndexField()
    phone = EncryptedTextField(gettext_lazy("手机号码"), blank=True)
    phone_bidx = BlindIndexField(null=True, blank=True)  # None: no phone
    ethnicity = models.CharField(gettext_lazy("民族"), max_length=2, choices=Ethnicity.choices, blank=True)
    education = models.CharField(gettext_lazy("学历"), max_length=2, choices=Education.choices, blank=True)
    political_status = models.CharField(
        gettext_lazy("政治面貌"), max_length=16, choices=PoliticalStatus.choices, blank=True
    )
    employment_status = models.CharField(
        gettext_lazy("就业状态"), max_length=16, choices=EmploymentStatus.choices, blank=True
    )
    hukou_type = models.CharField(
        gettext_lazy("户口类型"), max_length=16, choices=HukouType.choices, blank=True
    )
    migrant_worker = models.BooleanField(gettext_lazy("农民工"), default=False)
    # Employer units get their own model later ("两个普遍"); until then name and credit code.
    employer_name = models.CharField(gettext_lazy("工作单位"), max_length=100, blank=True)
    employer_credit_code = models.CharField(
        gettext_lazy("工作单位统一社会信用代码"), max_length=18, blank=True
    )
    card_no = models.CharField(gettext_lazy("会员证号"), max_length=30, blank=True)
    join_date = models.DateField(gettext_lazy("入会日期"), null=True, blank=True)
    status = models.CharField(
        gettext_lazy("会籍状态"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    status_since = models.DateField(gettext_lazy("状态日期"), null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_bidx"],
                condition=Q(status__in=[s.value for s in HOLDING]),
                name="member_one_holding_per_person",
                violation_error_message="该身份证号已有会籍（正常、保留或待批准），一人只能有一个会籍。",
            )
        ]
        # Each index costs every imported row; these are the ones the pages and rules need.
        indexes = [
            # Lists of one union in id order, and the org foreign key itself.
            models.Index(fields=["org", "id"], name="member_org_id"),
            # With the unique index above, every row is found by its ID number: holders there,
            # past memberships here (an import, which adds only holders, never touches this one).
            models.Index(
                fields=["id_number_bidx"],
                name="member_id_bidx_past",
                condition=~Q(status__in=[s.value for s in HOLDING]),
            ),
            models.Index(
                fields=["phone_bidx"], name="member_phone_bidx", condition=Q(phone_bidx__isnull=False)
            ),
            models.Index(fields=["name"], name="member_name_prefix", opclasses=["varchar_pattern_ops"]),
            # Applications waiting for a decision (the workbench's to-do count): a few rows, and
            # an imported member (never pending) costs it nothing but the predicate.
            models.Index(fields=["org"], name="member_pending_org", condition=Q(status="pending")),
        ]
        verbose_name = verbose_name_plural = "会员"

    @property
    def is_holding(self) -> bool:
        return self.status in HOLDING

    @property
    def status_line(self) -> str:
        """会籍状态 as the member page shows it: 保留会籍（2024-01-01 起）."""
        if not self.status_since:
            return str(self.get_status_display())
        return gettext("%(status)s（%(since)s 起）") % {
            "status": self.get_status_display(),
            "since": f"{self.status_since:%Y-%m-%d}",
        }


class MemberEvent(models.Model):
    """The membership history (会籍档案): one row per change, written by the actions."""

    class Kind(models.TextChoices):
        APPLIED = "applied", gettext_lazy("申请入会")
        JOINED = "joined", gettext_lazy("批准入会")
        REJECTED = "rejected", gettext_lazy("不予批准入会")
        IMPORTED = "imported", gettext_lazy("名册导入")
        UPDATED = "updated", gettext_lazy("修改信息")
        TRANSFER_REQUESTED = "transfer_requested", gettext_lazy("申请转会")
        TRANSFER_OUT_APPROVED = "transfer_out_approved", gettext_lazy("转出工会同意")
        TRANSFER_IN_APPROVED = "transfer_in_approved", gettext_lazy("转入工会同意")
        TRANSFER_REJECTED = "transfer_rejected", gettext_lazy("转会被拒绝")
        TRANSFER_CANCELLED = "transfer_cancelled", gettext_lazy("撤回转会申请")
        TRANSFER_AUTO_APPROVED = "transfer_auto_approved", gettext_lazy("逾期未答复视为同意")
        TRANSFER_CLOSED = "transfer_closed", gettext_lazy("转会申请无法办结")
        TRANSFERRED = "transferred", gettext_lazy("转会完成")
        RETAINED = "retained", gettext_lazy("保留会籍")
        RESTORED = "restored", gettext_lazy("恢复正常会籍")
        LEFT = "left", gettext_lazy("退会")
        MERGED = "merged", gettext_lazy("随工会合并转入")

    # History rows carry no database-level foreign keys: they are written only by the actions
    # (a million at a time by an import, where each key check would lock its parent row), and
    # members, orgs and users are never deleted.
    member = models.ForeignKey(
        Member, on_delete=models.DO_NOTHING, related_name="events", db_constraint=False
    )
    kind = models.CharField(gettext_lazy("事项"), max_length=32, choices=Kind.choices)
    on = models.DateField(gettext_lazy("日期"))
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+",
        db_index=False, db_constraint=False,
    )  # fmt: skip
    org = models.ForeignKey(
        "orgs.Org", on_delete=models.DO_NOTHING, related_name="+", db_index=False, db_constraint=False
    )
    other_org = models.ForeignKey(
        "orgs.Org", null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+", db_index=False,
        db_constraint=False,
    )  # fmt: skip
    note = models.CharField(gettext_lazy("说明"), max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = verbose_name_plural = "会籍变动"

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


def auto_approve_days() -> int:
    """An unanswered transfer request is taken as agreed after this many days."""
    return int(getattr(settings, "GONGHUI_TRANSFER_AUTO_APPROVE_DAYS", 30))


class Transfer(models.Model):
    """A move between grassroots unions: both unions approve; an unanswered request is taken as
    approved after settings.GONGHUI_TRANSFER_AUTO_APPROVE_DAYS (30) days."""

    class State(models.TextChoices):
        REQUESTED = "requested", gettext_lazy("待双方审批")
        OUT_APPROVED = "out_approved", gettext_lazy("转出方已同意，待转入方审批")
        IN_APPROVED = "in_approved", gettext_lazy("转入方已同意，待转出方审批")
        DONE = "done", gettext_lazy("已转会")
        REJECTED = "rejected", gettext_lazy("已拒绝")
        CANCELLED = "cancelled", gettext_lazy("已撤回")

    OPEN = (State.REQUESTED, State.OUT_APPROVED, State.IN_APPROVED)

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="transfers", verbose_name=gettext_lazy("会员")
    )
    from_org = fields.union(gettext_lazy("转出工会"))
    to_org = fields.union(gettext_lazy("转入工会"))
    state = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=State.choices, default=State.REQUESTED
    )
    reason = models.CharField(gettext_lazy("转会原因"), max_length=200, blank=True)
    requested_by = fields.person()
    requested_at = models.DateTimeField(gettext_lazy("申请时间"), default=timezone.now)
    out_decided_by = fields.person()
    out_decided_at = models.DateTimeField(gettext_lazy("转出方审批时间"), null=True, blank=True)
    in_decided_by = fields.person()
    in_decided_at = models.DateTimeField(gettext_lazy("转入方审批时间"), null=True, blank=True)
    closed_at = models.DateTimeField(gettext_lazy("办结时间"), null=True, blank=True)
    reject_reason = models.CharField(gettext_lazy("拒绝理由"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(state__in=["requested", "out_approved", "in_approved"]),
                name="transfer_one_open_per_member",
                violation_error_message="该会员已有一份办理中的转会申请。",
            )
        ]
        indexes = [
            models.Index(fields=["state", "requested_at"], name="transfer_state_requested"),
        ]
        ordering = ["-requested_at", "-id"]
        verbose_name = verbose_name_plural = "转会申请"

    def __str__(self) -> str:
        return f"{self.member} {self.from_org} → {self.to_org}"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN

    @property
    def answer_by(self) -> dt.datetime | None:
        """While the request is open: when an unanswered side is taken as agreeing."""
        return self.requested_at + dt.timedelta(days=auto_approve_days()) if self.is_open else None


class MemberLogin(models.Model):
    """A worker's own login, linked to their membership: the member pages show only this one.
    Its own table, so that the register (and every import into it) carries no user column."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_login"
    )
    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="login")
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "会员登录账号"

    def __str__(self) -> str:
        return f"{self.user} → {self.member}"
