"""Job fairs (春风行动 and others): a fair, the employers at it and their positions, the seekers
who register, check-in on the day, interviews and offers.

A fair hangs on its organising union; a fair held at several places in one city has one 主会场
and its 分会场 (`parent`), each organised by a union of the main one's subtree, and the main
one's result adds theirs. An employer hangs on the union that brought it (the organiser or a
union below it), its positions with it; a seeker hangs on the fair's union. The figures of a
fair are counted from these rows, never typed in.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.crypto import BlindIndexField, EncryptedTextField
from gonghui.kernel.masking import MasksPersonalNumbers, mask_phone
from gonghui.kernel.modelparts import Named, Stamped, Titled

from .choices import INDUSTRY_CHOICES, FairKind


class FairState(models.TextChoices):
    DRAFT = "draft", gettext_lazy("筹备中")
    OPEN = "open", gettext_lazy("报名中")
    CLOSED = "closed", gettext_lazy("已结束")
    CANCELLED = "cancelled", gettext_lazy("已取消")


class ReviewState(models.TextChoices):
    SUBMITTED = "submitted", gettext_lazy("待审核")
    APPROVED = "approved", gettext_lazy("已通过")
    REJECTED = "rejected", gettext_lazy("未通过")
    WITHDRAWN = "withdrawn", gettext_lazy("已撤回")


class Outcome(models.TextChoices):
    INTERVIEWED = "interviewed", gettext_lazy("已面试")
    OFFERED = "offered", gettext_lazy("达成就业意向")
    DECLINED = "declined", gettext_lazy("未录用")


class Fair(Titled, Stamped):
    org = fields.union("主办工会")
    parent = fields.optional("self", "主会场", related_name="venues")
    title = models.CharField(gettext_lazy("名称"), max_length=100)
    kind = models.CharField(
        gettext_lazy("类型"), max_length=16, choices=FairKind.choices, default=FairKind.SPRING
    )
    held_on = models.DateField(gettext_lazy("举办日期"))
    ends_on = models.DateField(gettext_lazy("结束日期"), null=True, blank=True)
    online = models.BooleanField(gettext_lazy("网络招聘会"), default=False)
    place = models.CharField(gettext_lazy("地点"), max_length=200, blank=True)
    division = models.CharField(gettext_lazy("所在地行政区划"), max_length=6, blank=True)
    booths = models.PositiveIntegerField(gettext_lazy("展位数"), default=0)
    public = models.BooleanField(gettext_lazy("面向社会求职者"), default=True)
    note = models.TextField(gettext_lazy("说明"), blank=True)
    state = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=FairState.choices, default=FairState.DRAFT
    )

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["state", "held_on"], name="jobfair_state_held")]
        verbose_name = "招聘会"
        verbose_name_plural = "招聘会"

    @property
    def last_day(self):  # type: ignore[no-untyped-def]
        return self.ends_on or self.held_on

    @property
    def where(self) -> str:
        return "网上" if self.online and not self.place else self.place


class Employer(Named, Stamped):
    """An employer registered for one fair (参会企业)."""

    fair = models.ForeignKey(Fair, on_delete=models.PROTECT, related_name="employers")
    org = fields.union("组织工会")
    credit_code = models.CharField(gettext_lazy("统一社会信用代码"), max_length=18)
    name = models.CharField(gettext_lazy("单位名称"), max_length=200)
    unit = fields.loose("units.Unit", "单位名录")
    industry = models.CharField(gettext_lazy("行业"), max_length=2, choices=INDUSTRY_CHOICES)
    contact = models.CharField(gettext_lazy("联系人"), max_length=50, blank=True)
    contact_phone = EncryptedTextField(gettext_lazy("联系电话"), blank=True)
    booth = models.CharField(gettext_lazy("展位号"), max_length=20, blank=True)
    state = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=ReviewState.choices, default=ReviewState.SUBMITTED
    )
    reason = models.CharField(gettext_lazy("未通过理由"), max_length=200, blank=True)

    class Meta:
        ordering = ["fair", "id"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "credit_code"], name="jobfair_employer_once"),
        ]
        indexes = [models.Index(fields=["fair", "state"], name="jobfair_employer_state")]
        verbose_name = "参会单位"
        verbose_name_plural = "参会单位"

    @property
    def contact_phone_masked(self) -> str:
        return mask_phone(self.contact_phone) if self.contact_phone else ""


class EmployerLogin(models.Model):
    """A login of an employer's contact (招聘单位账号), invited by the fair's organiser by phone:
    it reaches this employer record's positions, matched seekers and interviews, nothing else."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="logins")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["employer", "user"], name="jobfair_employer_login_once"),
        ]
        verbose_name = "招聘单位账号"
        verbose_name_plural = "招聘单位账号"

    def __str__(self) -> str:
        return f"{self.user_id}@{self.employer_id}"


class Position(Titled, Stamped):
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="positions")
    fair = models.ForeignKey(Fair, on_delete=models.PROTECT, related_name="positions")
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(gettext_lazy("岗位名称"), max_length=100)
    openings = models.PositiveIntegerField(gettext_lazy("招聘人数"))
    pay_min = models.PositiveIntegerField(gettext_lazy("月薪下限（元）"))
    pay_max = models.PositiveIntegerField(gettext_lazy("月薪上限（元）"))
    industry = models.CharField(gettext_lazy("行业"), max_length=2, choices=INDUSTRY_CHOICES)
    division = models.CharField(gettext_lazy("工作地点行政区划"), max_length=6)
    place = models.CharField(gettext_lazy("工作地点"), max_length=200, blank=True)
    skills = models.JSONField(gettext_lazy("技能要求"), default=list, blank=True)
    requirements = models.TextField(gettext_lazy("岗位要求"), blank=True)
    state = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=ReviewState.choices, default=ReviewState.SUBMITTED
    )
    reason = models.CharField(gettext_lazy("未通过理由"), max_length=200, blank=True)

    class Meta:
        ordering = ["employer", "id"]
        indexes = [models.Index(fields=["fair", "state"], name="jobfair_position_state")]
        verbose_name = "岗位"
        verbose_name_plural = "岗位"

    @property
    def pay(self) -> str:
        return f"{self.pay_min}–{self.pay_max} 元/月"


class Seeker(MasksPersonalNumbers, Named, Stamped):
    """One person registered for one fair (求职登记), with what they look for."""

    fair = models.ForeignKey(Fair, on_delete=models.PROTECT, related_name="seekers")
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    user = fields.loose(settings.AUTH_USER_MODEL)
    name = models.CharField(gettext_lazy("姓名"), max_length=50)
    phone = EncryptedTextField(gettext_lazy("手机号码"))
    phone_bidx = BlindIndexField()
    id_number = EncryptedTextField(gettext_lazy("身份证号码"), blank=True)
    id_number_bidx = BlindIndexField(null=True, blank=True)
    member = models.BooleanField(gettext_lazy("工会会员"), default=False)
    migrant = models.BooleanField(gettext_lazy("农民工"), default=False)
    industries = models.JSONField(gettext_lazy("意向行业"), default=list, blank=True)
    pay_min = models.PositiveIntegerField(gettext_lazy("期望月薪（元）"), default=0)
    division = models.CharField(gettext_lazy("意向工作地点"), max_length=6, blank=True)
    skills = models.JSONField(gettext_lazy("技能"), default=list, blank=True)
    note = models.CharField(gettext_lazy("备注"), max_length=200, blank=True)
    checked_in_at = models.DateTimeField(gettext_lazy("签到时间"), null=True, blank=True)

    class Meta:
        ordering = ["fair", "id"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "phone_bidx"], name="jobfair_seeker_once"),
        ]
        indexes = [
            models.Index(fields=["user"], name="jobfair_seeker_user", condition=Q(user__isnull=False)),
        ]
        verbose_name = "求职者"
        verbose_name_plural = "求职者"


class Interview(models.Model):
    """What came of a seeker at an employer's booth: interviewed, an intended hire, or not."""

    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="interviews")
    seeker = models.ForeignKey(Seeker, on_delete=models.PROTECT, related_name="interviews")
    fair = models.ForeignKey(Fair, on_delete=models.PROTECT, related_name="interviews")
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(gettext_lazy("结果"), max_length=16, choices=Outcome.choices)
    note = models.CharField(gettext_lazy("备注"), max_length=200, blank=True)
    at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["position", "seeker"], name="jobfair_interview_once"),
        ]
        verbose_name = "面试记录"
        verbose_name_plural = "面试记录"

    def __str__(self) -> str:
        return f"{self.seeker_id}@{self.position_id}: {self.outcome}"
