"""Training courses (培训班): sessions, trainees, attendance per session, scores, completion and
certificates with a public verification code."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.crypto import BlindIndexField, EncryptedTextField
from gonghui.kernel.masking import MasksPersonalNumbers
from gonghui.kernel.modelparts import Created, Named, Titled


class Subject(models.TextChoices):
    """培训类别, after the kinds of training the federation's bulletin reports (职业技能培训,
    家政培训, 工会干部和帮扶业务培训, 企业班组长和心理健康咨询员专项培训) and 安全生产."""

    SKILLS = "skills", gettext_lazy("职业技能")
    HOUSEKEEPING = "housekeeping", gettext_lazy("家政服务")
    CADRE = "cadre", gettext_lazy("工会干部")
    UNION_WORK = "union_work", gettext_lazy("工会业务")
    SAFETY = "safety", gettext_lazy("安全生产")
    TEAM_LEADER = "team_leader", gettext_lazy("班组长")
    MENTAL_HEALTH = "mental_health", gettext_lazy("心理健康")
    LAW = "law", gettext_lazy("劳动法律")
    OTHER = "other", gettext_lazy("其他")


class Audience(models.TextChoices):
    SUBTREE = "subtree", gettext_lazy("本工会及下属工会会员")
    PUBLIC = "public", gettext_lazy("面向社会（含非会员）")


class Course(Titled, Created):
    class State(models.TextChoices):
        DRAFT = "draft", gettext_lazy("筹备中")
        OPEN = "open", gettext_lazy("报名中")
        CLOSED = "closed", gettext_lazy("报名截止")
        FINISHED = "finished", gettext_lazy("已结业")
        CANCELLED = "cancelled", gettext_lazy("已取消")

    org = fields.union("主办工会")
    title = models.CharField(gettext_lazy("培训班名称"), max_length=100)
    subject = models.CharField(gettext_lazy("培训类别"), max_length=16, choices=Subject.choices)
    trainer = models.CharField(gettext_lazy("授课人（单位）"), max_length=100, blank=True)
    place = models.CharField(gettext_lazy("培训地点"), max_length=100, blank=True)
    description = models.TextField(gettext_lazy("培训内容"), blank=True)
    capacity = models.PositiveIntegerField(pgettext_lazy("培训班", "名额"))
    audience = models.CharField(
        gettext_lazy("招收对象"), max_length=16, choices=Audience.choices, default=Audience.SUBTREE
    )
    enrol_until = models.DateField(gettext_lazy("报名截止日期"), null=True, blank=True)
    min_attendance = models.PositiveSmallIntegerField(gettext_lazy("结业出勤率（%）"), default=80)
    requires_test = models.BooleanField(gettext_lazy("须参加结业考核"), default=True)
    pass_mark = models.DecimalField(
        gettext_lazy("考核合格分"), max_digits=5, decimal_places=1, default=Decimal("60")
    )
    state = models.CharField(gettext_lazy("状态"), max_length=16, choices=State.choices, default=State.DRAFT)
    # Kept by the session actions: the first and last day and the hours of all sessions.
    starts_on = models.DateField(gettext_lazy("开班日期"), null=True, blank=True)
    ends_on = models.DateField(gettext_lazy("结业日期"), null=True, blank=True)
    total_hours = models.DecimalField(
        gettext_lazy("总学时"), max_digits=6, decimal_places=1, default=Decimal("0")
    )
    finished_on = models.DateField(gettext_lazy("结业办理日期"), null=True, blank=True)
    merged_from = models.CharField(gettext_lazy("原主办工会"), max_length=100, blank=True)

    class Meta:
        indexes = [models.Index(fields=["org", "state"], name="training_course_org_state")]
        verbose_name = "培训班"
        verbose_name_plural = "培训班"


class Session(models.Model):
    """One sitting of a course (课次): a day, a time, a place and the hours it counts."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    on = models.DateField(gettext_lazy("日期"))
    starts_at = models.TimeField(gettext_lazy("开始时间"))
    ends_at = models.TimeField(gettext_lazy("结束时间"))
    place = models.CharField(gettext_lazy("地点"), max_length=100, blank=True)
    topic = models.CharField(gettext_lazy("内容"), max_length=100, blank=True)
    hours = models.DecimalField(gettext_lazy("学时"), max_digits=4, decimal_places=1)

    class Meta:
        ordering = ["on", "starts_at", "id"]
        verbose_name = "课次"
        verbose_name_plural = "课次"

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class Enrolment(MasksPersonalNumbers, Named):
    """One trainee of one course: a member from the register, or (on a public course) a person
    registered by name, ID number and phone, kept encrypted like the register's."""

    class State(models.TextChoices):
        ENROLLED = "enrolled", gettext_lazy("已报名")
        CANCELLED = "cancelled", gettext_lazy("已退出")

    class Via(models.TextChoices):
        OFFICER = "officer", gettext_lazy("工会登记")
        SELF = "self", gettext_lazy("本人报名")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    member = fields.optional("members.Member", "会员")
    name = models.CharField(gettext_lazy("姓名"), max_length=50)
    unit = models.CharField(gettext_lazy("所在工会（单位）"), max_length=100, blank=True)
    # A non-member's numbers; a member's stay in the register (only its blind index is copied,
    # so that one person is enrolled once whichever way).
    id_number = EncryptedTextField(gettext_lazy("身份证号码"), blank=True)
    id_number_bidx = BlindIndexField(null=True, blank=True)
    phone = EncryptedTextField(gettext_lazy("手机号码"), blank=True)
    # The phone's blind index (a member's copied from the register): one person, one enrolment,
    # also for a worker who enrolled themselves without an ID number.
    phone_bidx = BlindIndexField(null=True, blank=True)
    # The login of a worker who enrolled themselves without a membership, so that they find it again.
    user = fields.loose(settings.AUTH_USER_MODEL)
    state = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=State.choices, default=State.ENROLLED
    )
    via = models.CharField(gettext_lazy("报名方式"), max_length=16, choices=Via.choices, default=Via.OFFICER)
    score = models.DecimalField(
        gettext_lazy("考核成绩"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    completed = models.BooleanField(gettext_lazy("已结业"), default=False)
    enrolled_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["course", "id_number_bidx"],
                condition=Q(state="enrolled"),
                name="training_one_enrolment_per_person",
                violation_error_message="该学员已报名本培训班。",
            ),
            models.UniqueConstraint(
                fields=["course", "phone_bidx"],
                condition=Q(state="enrolled"),
                name="training_one_enrolment_per_phone",
                violation_error_message="该手机号码已报名本培训班。",
            ),
        ]
        verbose_name = "学员"
        verbose_name_plural = "学员"

    @property
    def is_member(self) -> bool:
        return self.member_id is not None


class Attendance(models.Model):
    class How(models.TextChoices):
        LIST = "list", gettext_lazy("点名登记")
        QR = "qr", gettext_lazy("扫码签到")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    how = models.CharField(pgettext_lazy("出勤", "方式"), max_length=8, choices=How.choices, default=How.LIST)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "session"], name="training_attend_once"),
        ]
        verbose_name = "出勤"
        verbose_name_plural = "出勤"

    def __str__(self) -> str:
        return f"{self.enrolment_id}@{self.session_id}"


class Certificate(models.Model):
    """结业证书: issued only to a trainee who completed the course; its code verifies on a
    public page."""

    class State(models.TextChoices):
        VALID = "valid", pgettext_lazy("证书", "有效")
        REVOKED = "revoked", pgettext_lazy("证书", "已撤销")

    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(gettext_lazy("验证码"), max_length=20, unique=True)
    number = models.CharField(gettext_lazy("证书编号"), max_length=40)
    issued_on = models.DateField(gettext_lazy("发证日期"))
    state = models.CharField(gettext_lazy("状态"), max_length=16, choices=State.choices, default=State.VALID)
    revoked_reason = models.CharField(pgettext_lazy("证书", "撤销原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = "结业证书"
        verbose_name_plural = "结业证书"

    def __str__(self) -> str:
        return self.number
