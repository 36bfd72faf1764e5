"""The member portal's records: applications to join online, membership cards, requests for help
(诉求) with their answers, and service places (服务阵地)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.crypto import BlindIndexField, EncryptedTextField
from gonghui.kernel.masking import MasksPersonalNumbers
from gonghui.kernel.modelparts import Created, Named


class Work(models.TextChoices):
    EMPLOYED = "employed", gettext_lazy("有固定工作单位")
    NEW_FORM = "new_form", gettext_lazy("新就业形态劳动者（无固定用人单位）")


class Occupation(models.TextChoices):
    RIDER = "rider", gettext_lazy("外卖配送员")
    DRIVER = "driver", gettext_lazy("网约车司机")
    COURIER = "courier", gettext_lazy("快递员")
    TRUCKER = "trucker", gettext_lazy("货车司机")
    DOMESTIC = "domestic", gettext_lazy("家政服务员")
    OTHER = "other", gettext_lazy("其他灵活就业")


class Route(models.TextChoices):
    EMPLOYER = "employer", gettext_lazy("所在单位的工会")
    ORGANISER = "organiser", gettext_lazy("负责组建单位工会的街道（乡镇）工会")
    INDUSTRY = "industry", gettext_lazy("接收新就业形态劳动者的行业（区域）工会")
    FLOATING = "floating", gettext_lazy("居住地街道工会（流动会员）")


class JoinApplication(MasksPersonalNumbers, models.Model):
    """A worker's own application to join (网上入会), routed to the union that takes them; the
    membership itself is made by the register's actions when that union approves."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", gettext_lazy("待工会审批")
        RETURNED = "returned", gettext_lazy("已退回")
        APPROVED = "approved", gettext_lazy("已批准入会")
        MEMBER_ELSEWHERE = "elsewhere", gettext_lazy("已是其他工会会员")
        TRANSFER = "transfer", gettext_lazy("已转为转会申请")
        WITHDRAWN = "withdrawn", gettext_lazy("已撤回")

    org = fields.union("受理工会")
    route = models.CharField(gettext_lazy("受理方式"), max_length=16, choices=Route.choices)
    user = fields.person()
    name = models.CharField(gettext_lazy("姓名"), max_length=50)
    sex = models.CharField(gettext_lazy("性别"), max_length=1)
    birth_date = models.DateField(gettext_lazy("出生日期"))
    id_number = EncryptedTextField(gettext_lazy("身份证号码"))
    id_number_bidx = BlindIndexField()
    phone = EncryptedTextField(gettext_lazy("手机号码"))
    phone_bidx = BlindIndexField()
    work = models.CharField(gettext_lazy("就业情况"), max_length=16, choices=Work.choices)
    occupation = models.CharField(gettext_lazy("职业"), max_length=16, choices=Occupation.choices, blank=True)
    platform = models.CharField(gettext_lazy("服务平台"), max_length=50, blank=True)
    employer_name = models.CharField(gettext_lazy("工作单位"), max_length=100, blank=True)
    employer_credit_code = models.CharField(
        gettext_lazy("工作单位统一社会信用代码"), max_length=18, blank=True
    )
    unit = fields.optional("units.Unit", "单位")
    home = fields.union("居住地街道（乡镇）", null=True, blank=True)
    migrant_worker = models.BooleanField(gettext_lazy("农民工"), default=False)
    state = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=State.choices, default=State.SUBMITTED
    )
    return_reason = models.CharField(gettext_lazy("退回理由"), max_length=200, blank=True)
    existing = fields.optional("members.Member", "已有会籍")
    member = fields.optional("members.Member", "会员")
    transfer = fields.optional("members.Transfer")
    submitted_at = models.DateTimeField(gettext_lazy("提交时间"), default=timezone.now)
    decided_at = models.DateTimeField(gettext_lazy("办理时间"), null=True, blank=True)
    decided_by = fields.person()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["org"], name="portal_join_open", condition=Q(state="submitted")),
            models.Index(fields=["id_number_bidx"], name="portal_join_person"),
        ]
        verbose_name = "网上入会申请"
        verbose_name_plural = "网上入会申请"

    def __str__(self) -> str:
        return f"{self.name} → {self.org}"

    @property
    def work_line(self) -> str:
        if self.work == Work.NEW_FORM:
            platform = f"（{self.platform}）" if self.platform else ""
            return f"{self.get_occupation_display()}{platform}"
        return self.employer_name


class Card(models.Model):
    """The electronic membership card (会员服务卡) of one membership. Its QR code carries a
    signed, expiring token naming only the card and its version; re-issuing bumps the version,
    which voids every code shown before."""

    class State(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("会员卡", "有效")
        SUSPENDED = "suspended", gettext_lazy("已停用")

    member = models.OneToOneField("members.Member", on_delete=models.PROTECT, related_name="portal_card")
    org = fields.union("发卡工会")
    number = models.CharField(gettext_lazy("卡号"), max_length=24, unique=True)
    version = models.PositiveIntegerField(default=1)
    state = models.CharField(gettext_lazy("状态"), max_length=16, choices=State.choices, default=State.ACTIVE)
    suspended_reason = models.CharField(gettext_lazy("停用原因"), max_length=200, blank=True)
    issued_at = models.DateTimeField(gettext_lazy("发卡时间"), default=timezone.now)
    suspended_at = models.DateTimeField(gettext_lazy("停用时间"), null=True, blank=True)

    class Meta:
        verbose_name = "会员服务卡"
        verbose_name_plural = "会员服务卡"

    def __str__(self) -> str:
        return self.number


class Category(models.TextChoices):
    WAGES = "wages", gettext_lazy("欠薪")
    INJURY = "injury", gettext_lazy("工伤")
    CONTRACT = "contract", gettext_lazy("劳动合同")
    HARDSHIP = "hardship", gettext_lazy("生活困难")
    OTHER = "other", gettext_lazy("其他")


def answer_days() -> int:
    """A request not answered within this many days goes up to the next union."""
    return int(getattr(settings, "GONGHUI_PORTAL_ANSWER_DAYS", 5))


class HelpRequest(models.Model):
    """A worker's request for help (诉求), held by the union that must answer it now (`org`):
    their grassroots union first, the next one up when it is not answered in time."""

    class State(models.TextChoices):
        WAITING = "waiting", gettext_lazy("待答复")
        ANSWERED = "answered", gettext_lazy("已答复")
        CASE = "case", gettext_lazy("已转维权案件")
        HARDSHIP = "hardship", gettext_lazy("已转帮扶申请")
        CLOSED = "closed", gettext_lazy("已办结")

    org = fields.union("承办工会")
    origin = fields.union("所在基层工会")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(gettext_lazy("类别"), max_length=16, choices=Category.choices)
    text = models.TextField(gettext_lazy("诉求内容"))
    anonymous = models.BooleanField(gettext_lazy("对用人单位匿名"), default=False)
    state = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=State.choices, default=State.WAITING
    )
    submitted_at = models.DateTimeField(gettext_lazy("提交时间"), default=timezone.now)
    answer_by = models.DateTimeField(gettext_lazy("应答复时间"))
    first_answered_at = models.DateTimeField(gettext_lazy("首次答复时间"), null=True, blank=True)
    escalations = models.PositiveSmallIntegerField(gettext_lazy("上报次数"), default=0)
    case = fields.optional("services.RightsCase")
    application = fields.optional("assistance.Application")
    rating = models.PositiveSmallIntegerField(gettext_lazy("满意度"), null=True, blank=True)
    rating_note = models.CharField(gettext_lazy("评价"), max_length=200, blank=True)
    closed_at = models.DateTimeField(gettext_lazy("办结时间"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(
                fields=["org", "answer_by"], name="portal_request_waiting", condition=Q(state="waiting")
            ),
            models.Index(fields=["user", "submitted_at"], name="portal_request_user"),
        ]
        verbose_name = "职工诉求"
        verbose_name_plural = "职工诉求"

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.submitted_at:%Y-%m-%d}"

    @property
    def overdue(self) -> bool:
        return self.state == self.State.WAITING and self.answer_by < timezone.now()

    @property
    def who(self) -> str:
        """The worker as officers see them: never named when they asked to stay anonymous."""
        return "匿名职工（对用人单位保密）" if self.anonymous else self.member.name

    @property
    def hours_to_answer(self) -> float | None:
        if self.first_answered_at is None:
            return None
        return (self.first_answered_at - self.submitted_at).total_seconds() / 3600


class Answer(models.Model):
    """A union's answer to a request, with the date by which it will act."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="answers")
    org = fields.union("答复工会")
    text = models.TextField(gettext_lazy("答复"))
    due_on = models.DateField(gettext_lazy("办理期限"), null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "诉求答复"
        verbose_name_plural = "诉求答复"

    def __str__(self) -> str:
        return self.text[:20]


class PlaceKind(models.TextChoices):
    CENTRE = "centre", gettext_lazy("职工服务中心")
    HOME = "home", gettext_lazy("职工之家")
    OUTDOOR = "outdoor", gettext_lazy("户外劳动者服务站点")


class Place(Named, Created):
    """A service place (服务阵地) a union runs: where it is, when it opens, what it offers."""

    org = fields.union("所属工会")
    kind = models.CharField(gettext_lazy("类型"), max_length=16, choices=PlaceKind.choices)
    name = models.CharField(gettext_lazy("名称"), max_length=100)
    address = models.CharField(gettext_lazy("地址"), max_length=200)
    division = models.CharField(gettext_lazy("所在区县"), max_length=6, blank=True)
    lng = models.DecimalField(gettext_lazy("经度"), max_digits=9, decimal_places=6)
    lat = models.DecimalField(gettext_lazy("纬度"), max_digits=9, decimal_places=6)
    hours = models.CharField(gettext_lazy("开放时间"), max_length=100)
    services = models.CharField(gettext_lazy("服务内容"), max_length=300, blank=True)
    phone = models.CharField(gettext_lazy("联系电话"), max_length=30, blank=True)
    active = models.BooleanField(gettext_lazy("开放"), default=True)

    class Meta:
        ordering = ["division", "name"]
        indexes = [models.Index(fields=["division"], name="portal_place_division")]
        verbose_name = "服务阵地"
        verbose_name_plural = "服务阵地"

    @property
    def service_list(self) -> list[str]:
        return [s for s in self.services.replace("，", "、").replace(",", "、").split("、") if s.strip()]


def in_days(days: int, at: dt.datetime | None = None) -> dt.datetime:
    return (at or timezone.now()) + dt.timedelta(days=days)


class SignInCode(Created):
    """A one-time code sent to a worker's mobile to sign in: kept only as a keyed digest, good
    for minutes, for a few tries, once."""

    phone_bidx = BlindIndexField()
    digest = models.CharField(max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["phone_bidx", "created_at"], name="portal_signin_phone")]
        verbose_name = "登录验证码"
        verbose_name_plural = "登录验证码"

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M}"


class Device(models.Model):
    """A phone or computer a worker has signed in from with a code sent to their mobile: named by
    a long-lived signed cookie in that browser, so that the password alone is enough there. The
    worker sees their devices and forgets one (the cookie then no longer counts)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=32, unique=True)
    label = models.CharField(gettext_lazy("设备"), max_length=60)
    user_agent = models.CharField(gettext_lazy("浏览器标识"), max_length=300, blank=True)
    first_seen = models.DateTimeField(gettext_lazy("首次登录"), default=timezone.now)
    last_seen = models.DateTimeField(gettext_lazy("最近登录"), default=timezone.now)

    class Meta:
        ordering = ["-last_seen", "-id"]
        indexes = [models.Index(fields=["user", "last_seen"], name="portal_device_user")]
        verbose_name = "登录设备"
        verbose_name_plural = "登录设备"

    def __str__(self) -> str:
        return self.label


class TradeRoute(models.Model):
    """Where workers of a trade without a fixed employer (外卖骑手, 网约车司机, 快递员 …) who live in
    an area join: a row kept by the union of that area (its subtree), naming the industry or
    regional union that takes them. The row of the nearest union above the worker's street wins;
    with none, they join the street union where they live as floating members (流动会员)."""

    org = fields.union("所辖区域工会")
    occupation = models.CharField(gettext_lazy("职业"), max_length=16, choices=Occupation.choices)
    receiving = fields.union("接收入会的工会")
    note = models.CharField(gettext_lazy("说明"), max_length=200, blank=True)
    updated_at = models.DateTimeField(gettext_lazy("修改时间"), default=timezone.now)

    class Meta:
        ordering = ["org__path", "occupation"]
        constraints = [
            models.UniqueConstraint(fields=["org", "occupation"], name="portal_trade_route_unique"),
        ]
        verbose_name = "新就业形态入会去向"
        verbose_name_plural = "新就业形态入会去向"

    def __str__(self) -> str:
        return f"{self.get_occupation_display()} → {self.receiving}"
