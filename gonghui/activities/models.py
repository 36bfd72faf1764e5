"""Campaigns (送温暖, 送清凉 …) opened by a union for its subtree, the activities lower unions
attach to them, sign-ups with a waiting list, check-in, results, goods handed out, partners and
volunteers."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.crypto import BlindIndexField, EncryptedTextField
from gonghui.kernel.modelparts import Created, Named, Titled

ZERO = Decimal("0.00")


class Partner(Named, Created):
    """A partner organisation of a union's activities (社会组织, 医院, 律师事务所, 企业 …)."""

    class Kind(models.TextChoices):
        SOCIAL = "social", gettext_lazy("社会组织")
        HOSPITAL = "hospital", gettext_lazy("医院")
        LAW_FIRM = "law_firm", gettext_lazy("律师事务所")
        ENTERPRISE = "enterprise", gettext_lazy("企业")
        SCHOOL = "school", gettext_lazy("高校和学校")
        GOVERNMENT = "government", gettext_lazy("党政机关和事业单位")
        OTHER = "other", gettext_lazy("其他")

    org = fields.union(gettext_lazy("登记工会"))
    name = models.CharField(gettext_lazy("名称"), max_length=100)
    kind = models.CharField(gettext_lazy("类别"), max_length=16, choices=Kind.choices)
    credit_code = models.CharField(gettext_lazy("统一社会信用代码"), max_length=18, blank=True)
    contact = models.CharField(gettext_lazy("联系人"), max_length=50, blank=True)
    services = models.CharField(gettext_lazy("可提供的服务"), max_length=200, blank=True)

    class Meta:
        ordering = ["org__path", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="activities_partner_org_name")]
        verbose_name = "合作伙伴"
        verbose_name_plural = "合作伙伴"


class Goals(models.Model):
    """What a campaign aims at: people served, money raised, goods given (the whole, or a union's
    part of it)."""

    goal_people = models.PositiveIntegerField(gettext_lazy("目标服务人次"), default=0)
    goal_money = fields.money(gettext_lazy("目标资金（元）"), default=ZERO)
    goal_goods = fields.money(gettext_lazy("目标物资价值（元）"), default=ZERO)

    class Meta:
        abstract = True


class Campaign(Goals, Created):
    """A campaign a union opens for its subtree and a period, with goals."""

    class Kind(models.TextChoices):
        WARMTH = "warmth", gettext_lazy("送温暖")
        COOL = "cool", gettext_lazy("送清凉")
        STUDY = "study", gettext_lazy("金秋助学")
        LEIFENG = "leifeng", gettext_lazy("学雷锋月")
        CULTURE = "culture", gettext_lazy("送文化")
        HEALTH = "health", gettext_lazy("送健康")
        LAW = "law", gettext_lazy("送法律")
        OTHER = "other", gettext_lazy("其他")

    class State(models.TextChoices):
        OPEN = "open", gettext_lazy("进行中")
        CLOSED = "closed", gettext_lazy("已结束")

    org = fields.union(gettext_lazy("发起工会"))
    kind = models.CharField(gettext_lazy("类别"), max_length=16, choices=Kind.choices)
    title = models.CharField(gettext_lazy("名称"), max_length=100)
    starts_on = models.DateField(gettext_lazy("开始日期"))
    ends_on = models.DateField(gettext_lazy("结束日期"))
    description = models.TextField(gettext_lazy("说明"), blank=True)
    state = models.CharField(gettext_lazy("状态"), max_length=16, choices=State.choices, default=State.OPEN)

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["org", "starts_on"], name="activities_campaign_org")]
        verbose_name = "专项活动"
        verbose_name_plural = "专项活动"

    def __str__(self) -> str:
        return self.title


class CampaignGoal(Goals):
    """A union's part of a campaign's goals, given by the union above it (the opener's whole goal
    is on the campaign); a union holding a part may split it further among the unions below."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="goals")
    org = fields.union(gettext_lazy("工会"))
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["campaign", "org__path"]
        constraints = [models.UniqueConstraint(fields=["campaign", "org"], name="activities_goal_once")]
        verbose_name = "专项活动分解目标"
        verbose_name_plural = "专项活动分解目标"

    def __str__(self) -> str:
        return f"{self.campaign} · {self.org_id}"


class Group(Named, Created):
    """A named group of members a union keeps for its activities (一线职工, 劳模, 困难职工,
    新就业形态劳动者, 女职工 …): a reusable list, filled from the register or by import, that an
    activity may be open to."""

    class Kind(models.TextChoices):
        FRONTLINE = "frontline", gettext_lazy("一线职工")
        MODEL_WORKERS = "model_workers", gettext_lazy("劳模")
        HARDSHIP = "hardship", gettext_lazy("困难职工")
        NEW_FORM = "new_form", gettext_lazy("新就业形态劳动者")
        WOMEN = "women", gettext_lazy("女职工")
        MIGRANT = "migrant", gettext_lazy("农民工")
        OTHER = "other", gettext_lazy("其他名单")

    org = fields.union(gettext_lazy("建立工会"))
    name = models.CharField(gettext_lazy("名称"), max_length=50)
    kind = models.CharField(gettext_lazy("类别"), max_length=16, choices=Kind.choices)
    description = models.CharField(gettext_lazy("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["org__path", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="activities_group_org_name")]
        verbose_name = "活动对象群体"
        verbose_name_plural = "活动对象群体"


class GroupMember(models.Model):
    """A member on a group's list, and where the union found them."""

    class Source(models.TextChoices):
        REGISTER = "register", gettext_lazy("会员库")
        HARDSHIP = "hardship", gettext_lazy("困难职工档案")
        HONOURS = "honours", gettext_lazy("劳模档案")
        IMPORT = "import", gettext_lazy("表格导入")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="entries")
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("会员")
    )
    source = models.CharField(gettext_lazy("来源"), max_length=16, choices=Source.choices)
    added_at = models.DateTimeField(gettext_lazy("加入时间"), default=timezone.now)

    class Meta:
        ordering = ["group", "member__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "member"], name="activities_group_member_once"),
        ]
        verbose_name = "群体成员"
        verbose_name_plural = "群体成员"

    def __str__(self) -> str:
        return f"{self.group} · {self.member_id}"


class Benefit(Created):
    """What a campaign gives workers to claim themselves (送清凉's 防暑降温慰问品券 …): how many in
    all and per worker, who may claim (members of the campaign's subtree, or of a group's list)
    and when, within the campaign's dates. Each claim is a Voucher the campaign's union redeems."""

    class Audience(models.TextChoices):
        SUBTREE = "subtree", gettext_lazy("发起工会及下级工会会员")
        GROUP = "group", gettext_lazy("指定群体")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="benefits", verbose_name=gettext_lazy("专项活动")
    )
    title = models.CharField(gettext_lazy("名称"), max_length=100)
    description = models.CharField(gettext_lazy("领取说明"), max_length=200, blank=True)
    total = models.PositiveIntegerField(gettext_lazy("可领取总数"))
    per_worker = models.PositiveSmallIntegerField(gettext_lazy("每人限领"), default=1)
    audience = models.CharField(
        gettext_lazy("领取范围"), max_length=16, choices=Audience.choices, default=Audience.SUBTREE
    )
    group = fields.optional(Group, gettext_lazy("领取群体"), related_name="benefits")
    claim_from = models.DateField(gettext_lazy("领取开始日期"))
    claim_until = models.DateField(gettext_lazy("领取截止日期"))
    # The vouchers given so far, and the next one's number; changed only under the row lock.
    issued = models.PositiveIntegerField(gettext_lazy("已领取"), default=0, editable=False)

    class Meta:
        ordering = ["campaign", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(issued__lte=models.F("total")), name="activities_benefit_stock"),
            models.CheckConstraint(condition=Q(claim_until__gte=models.F("claim_from")), name="activities_benefit_period"),
        ]  # fmt: skip
        verbose_name = "专项活动领取福利"
        verbose_name_plural = "专项活动领取福利"

    def __str__(self) -> str:
        return self.title


class Voucher(models.Model):
    """One claim of a benefit: the worker's voucher, with the code they show to have it redeemed."""

    class State(models.TextChoices):
        CLAIMED = "claimed", gettext_lazy("未使用")
        REDEEMED = "redeemed", gettext_lazy("已核销")

    benefit = models.ForeignKey(
        Benefit, on_delete=models.CASCADE, related_name="vouchers", verbose_name=gettext_lazy("福利")
    )
    seq = models.PositiveIntegerField(gettext_lazy("序号"))
    code = models.CharField(gettext_lazy("券码"), max_length=16, unique=True)
    user = fields.person()
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("会员")
    )
    name = models.CharField(gettext_lazy("姓名"), max_length=50)
    unit = models.CharField(gettext_lazy("所在工会"), max_length=100, blank=True)
    state = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=State.choices, default=State.CLAIMED
    )
    claimed_at = models.DateTimeField(gettext_lazy("领取时间"), default=timezone.now)
    redeemed_at = models.DateTimeField(gettext_lazy("核销时间"), null=True, blank=True)
    redeemed_by = fields.person()

    class Meta:
        ordering = ["benefit", "seq"]
        constraints = [models.UniqueConstraint(fields=["benefit", "seq"], name="activities_voucher_seq")]
        indexes = [models.Index(fields=["benefit", "member"], name="activities_voucher_member")]
        verbose_name = "福利券"
        verbose_name_plural = "福利券"

    def __str__(self) -> str:
        return f"{self.benefit} · {self.seq}"


class Activity(Titled, Created):
    """One event a union organises: a visit, a lecture, a gala, volunteer service …"""

    class Kind(models.TextChoices):
        VISIT = "visit", gettext_lazy("慰问")
        CULTURE = "culture", gettext_lazy("文体活动")
        LECTURE = "lecture", gettext_lazy("讲座")
        SOCIAL = "social", gettext_lazy("联谊")
        VOLUNTEER = "volunteer", gettext_lazy("志愿服务")
        ENTERPRISE = "enterprise", gettext_lazy("进企业服务")
        HEALTH = "health", gettext_lazy("健康体检")
        LEGAL = "legal", gettext_lazy("法律咨询")
        OTHER = "other", gettext_lazy("其他")

    class Audience(models.TextChoices):
        SUBTREE = "subtree", gettext_lazy("本工会及下级工会会员")
        GROUP = "group", gettext_lazy("指定群体")
        ANYONE = "anyone", gettext_lazy("所有职工")

    class State(models.TextChoices):
        OPEN = "open", gettext_lazy("报名中")
        DONE = "done", gettext_lazy("已结束")
        CANCELLED = "cancelled", gettext_lazy("已取消")

    org = fields.union(gettext_lazy("主办工会"))
    campaign = fields.optional(Campaign, gettext_lazy("所属专项活动"), related_name="activities")
    kind = models.CharField(gettext_lazy("类别"), max_length=16, choices=Kind.choices)
    title = models.CharField(gettext_lazy("名称"), max_length=100)
    description = models.TextField(gettext_lazy("内容"), blank=True)
    place = models.CharField(gettext_lazy("地点"), max_length=200)
    starts_at = models.DateTimeField(gettext_lazy("开始时间"))
    ends_at = models.DateTimeField(gettext_lazy("结束时间"))
    capacity = models.PositiveIntegerField(gettext_lazy("名额"))
    audience = models.CharField(
        gettext_lazy("报名范围"), max_length=16, choices=Audience.choices, default=Audience.SUBTREE
    )
    group = fields.optional(Group, gettext_lazy("报名群体"), related_name="activities")
    signup_until = models.DateTimeField(gettext_lazy("报名截止"))
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="activities", verbose_name=gettext_lazy("合作单位")
    )
    state = models.CharField(gettext_lazy("状态"), max_length=16, choices=State.choices, default=State.OPEN)
    # The next sign-up's place in line; changed only under the activity's row lock.
    signup_seq = models.PositiveIntegerField(default=0, editable=False)
    # The short result, recorded when the activity is over.
    people_served = models.PositiveIntegerField(gettext_lazy("服务人次"), default=0)
    goods = models.CharField(gettext_lazy("发放物资"), max_length=200, blank=True)
    goods_value = fields.money(gettext_lazy("物资价值（元）"), default=ZERO)
    money = fields.money(gettext_lazy("慰问金（元）"), default=ZERO)
    fund = fields.optional("assistance.Fund", gettext_lazy("资金来源（帮扶专项资金）"))
    summary = models.TextField(gettext_lazy("活动小结"), blank=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["org", "starts_at"], name="activities_activity_org"),
            models.Index(fields=["state", "signup_until"], name="activities_activity_open"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="activities_ends_after_start"
            ),
        ]
        verbose_name = "活动"
        verbose_name_plural = "活动"


class SignUp(models.Model):
    """A person's sign-up for an activity: on the list, waiting in line, or cancelled."""

    class State(models.TextChoices):
        CONFIRMED = "confirmed", gettext_lazy("已报名")
        WAITING = "waiting", gettext_lazy("候补")
        CANCELLED = "cancelled", gettext_lazy("已取消")

    ACTIVE = (State.CONFIRMED, State.WAITING)

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="signups", verbose_name=gettext_lazy("活动")
    )
    user = fields.person()
    member = fields.optional("members.Member", gettext_lazy("会员"))
    name = models.CharField(gettext_lazy("姓名"), max_length=50)
    unit = models.CharField(gettext_lazy("所在工会"), max_length=100, blank=True)
    seq = models.PositiveIntegerField(gettext_lazy("报名序号"))
    state = models.CharField(gettext_lazy("状态"), max_length=16, choices=State.choices)
    created_at = models.DateTimeField(gettext_lazy("报名时间"), default=timezone.now)
    cancelled_at = models.DateTimeField(gettext_lazy("取消时间"), null=True, blank=True)
    checked_in_at = models.DateTimeField(gettext_lazy("签到时间"), null=True, blank=True)
    checked_in_by = fields.person()
    # Added by the officer at check-in (a member from the register, or a non-member by name and
    # phone), not signed up beforehand.
    walk_in = models.BooleanField(gettext_lazy("现场加入"), default=False)
    phone = EncryptedTextField(gettext_lazy("手机号码"), blank=True)
    phone_bidx = BlindIndexField(null=True, blank=True)

    class Meta:
        ordering = ["activity", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "seq"], name="activities_signup_seq"),
            models.UniqueConstraint(
                fields=["activity", "user"],
                condition=Q(state__in=["confirmed", "waiting"]) & Q(user__isnull=False),
                name="activities_signup_one_per_user",
                violation_error_message="您已报名该活动。",
            ),
            models.UniqueConstraint(
                fields=["activity", "member"],
                condition=Q(state__in=["confirmed", "waiting"]) & Q(member__isnull=False),
                name="activities_signup_one_per_member",
                violation_error_message="该会员已报名该活动。",
            ),
            models.UniqueConstraint(
                fields=["activity", "phone_bidx"],
                condition=Q(state__in=["confirmed", "waiting"]) & Q(phone_bidx__isnull=False),
                name="activities_signup_one_per_phone",
                violation_error_message="该手机号已在本活动名单中。",
            ),
        ]
        verbose_name = "活动报名"
        verbose_name_plural = "活动报名"

    def __str__(self) -> str:
        return f"{self.name} · {self.activity}"


class Handout(Created):
    """Goods (or money) handed to one person at an activity, where the union records them."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="handouts", verbose_name=gettext_lazy("活动")
    )
    signup = fields.loose(SignUp)
    member = fields.optional("members.Member")
    name = models.CharField(gettext_lazy("领取人"), max_length=50)
    item = models.CharField(gettext_lazy("物品"), max_length=100)
    quantity = models.PositiveIntegerField(gettext_lazy("数量"), default=1)
    value = fields.money(gettext_lazy("价值（元）"), max_digits=12, default=ZERO)

    class Meta:
        ordering = ["activity", "id"]
        verbose_name = "物资发放"
        verbose_name_plural = "物资发放"

    def __str__(self) -> str:
        return f"{self.name} · {self.item}"


class Volunteer(Named):
    """A volunteer registered with a union (usually a member of it)."""

    org = fields.union(gettext_lazy("登记工会"))
    member = fields.optional("members.Member", gettext_lazy("会员"))
    user = fields.loose(settings.AUTH_USER_MODEL)
    name = models.CharField(gettext_lazy("姓名"), max_length=50)
    skills = models.CharField(gettext_lazy("服务特长"), max_length=200, blank=True)
    registered_on = models.DateField(gettext_lazy("登记日期"), default=timezone.localdate)

    class Meta:
        ordering = ["org__path", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "member"], condition=Q(member__isnull=False), name="activities_volunteer_member",
                violation_error_message="该会员已登记为本工会志愿者。",
            )
        ]  # fmt: skip
        verbose_name = "志愿者"
        verbose_name_plural = "志愿者"


class ServiceHours(models.Model):
    """A volunteer's hours at one activity."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="hours", verbose_name=gettext_lazy("活动")
    )
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="hours", verbose_name=gettext_lazy("志愿者")
    )
    hours = models.DecimalField(gettext_lazy("服务时长（小时）"), max_digits=5, decimal_places=1)
    role = models.CharField(gettext_lazy("服务内容"), max_length=100, blank=True)

    class Meta:
        ordering = ["activity", "volunteer__name"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "volunteer"], name="activities_hours_once"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="activities_hours_positive"),
        ]
        verbose_name = "志愿服务时长"
        verbose_name_plural = "志愿服务时长"

    def __str__(self) -> str:
        return f"{self.volunteer} · {self.hours}"
