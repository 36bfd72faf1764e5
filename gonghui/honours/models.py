"""Model workers and awards: honour kinds, selection rounds with quotas, nominations with 公示
and objections, the honour register (劳模档案), care for model workers, innovation studios."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.crypto import EncryptedTextField
from gonghui.kernel.masking import mask_middle
from gonghui.kernel.modelparts import Attached, Created, Named, Titled

ZERO = Decimal("0.00")


# The tree's levels, from the top down (orgs.Level); a union's rank is its place in this list.
ORG_LEVELS = [
    ("province", "省总工会"),
    ("city", "市总工会、省产业工会"),
    ("county", "县(市、区)总工会"),
    ("town", "镇(街道)总工会"),
    ("grassroots", "基层工会"),
]
RANK = {"province": 0, "city": 1, "industry": 1, "county": 2, "town": 3, "grassroots": 4, "group": 5}


class Level(models.TextChoices):
    """劳模类别 as the hardship file records it (FORMS §2c): 全国 / 省部级 / 地市级 / 其他."""

    NATIONAL = "national", gettext_lazy("全国")
    PROVINCIAL = "provincial", gettext_lazy("省部级")
    CITY = "city", gettext_lazy("地市级")
    OTHER = "other", gettext_lazy("其他")


class Category(models.TextChoices):
    MODEL_WORKER = "model_worker", gettext_lazy("劳动模范（先进工作者）")
    MEDAL = "medal", gettext_lazy("五一劳动奖章")
    CERTIFICATE = "certificate", gettext_lazy("五一劳动奖状")
    PIONEER = "pioneer", gettext_lazy("工人先锋号")
    TITLE = "title", gettext_lazy("其他荣誉称号")


class Conferred(models.Model):
    """What a kind of honour says of the honours given under it, and each honour keeps as given:
    its level, its category, the body that awards it, and whether a collective holds it."""

    level = models.CharField(gettext_lazy("级别"), max_length=16, choices=Level.choices)
    category = models.CharField(gettext_lazy("类别"), max_length=16, choices=Category.choices)
    awarding_body = models.CharField(gettext_lazy("授予机关"), max_length=50)
    collective = models.BooleanField(gettext_lazy("集体荣誉"), default=False)

    class Meta:
        abstract = True


class HonourKind(Conferred):
    """A kind of honour. The national and provincial ones ship with the system (`org` empty);
    a union adds its own (首席员工, 十佳海嫂), visible in its subtree."""

    org = fields.union(gettext_lazy("设立工会"), null=True, blank=True)
    name = models.CharField(gettext_lazy("荣誉名称"), max_length=50)
    # Who selects and who may put people forward: e.g. a 全国五一劳动奖章 round is the province's
    # (it nominates to 全总), and only the cities and 省产业工会 under it put candidates forward.
    organiser_level = models.CharField(
        gettext_lazy("组织评选的工会级别"),
        max_length=16,
        choices=ORG_LEVELS,
        blank=True,
        help_text=gettext_lazy("空：任一工会"),
    )
    nominator_level = models.CharField(
        gettext_lazy("推荐单位最低级别"),
        max_length=16,
        choices=ORG_LEVELS,
        blank=True,
        help_text=gettext_lazy("空：各级工会均可推荐"),
    )
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="honourkind_unique_name")]
        verbose_name = verbose_name_plural = "荣誉种类"

    def __str__(self) -> str:
        return self.name

    @property
    def is_model_worker(self) -> bool:
        return self.category == Category.MODEL_WORKER


class RoundState(models.TextChoices):
    OPEN = "open", gettext_lazy("推荐评选中")
    NOTICE = "notice", gettext_lazy("公示中")
    CLOSED = "closed", gettext_lazy("已表彰")
    CANCELLED = "cancelled", gettext_lazy("已取消")


class Round(Titled, Created):
    """评选: a union opens a round of one honour kind, with places allotted down the tree."""

    org = fields.union(gettext_lazy("组织评选的工会"))
    kind = models.ForeignKey(
        HonourKind, on_delete=models.PROTECT, related_name="rounds", verbose_name=gettext_lazy("荣誉种类")
    )
    title = models.CharField(gettext_lazy("评选名称"), max_length=100)
    year = models.PositiveSmallIntegerField(gettext_lazy("年度"))
    places = models.PositiveIntegerField(gettext_lazy("名额"))
    nominate_until = models.DateField(gettext_lazy("推荐截止日期"))
    notice_days = models.PositiveSmallIntegerField(gettext_lazy("公示天数（工作日）"), default=7)
    frontline_min_pct = models.PositiveSmallIntegerField(
        gettext_lazy("一线职工比例不低于（%）"), null=True, blank=True
    )
    leaders_max = models.PositiveIntegerField(gettext_lazy("企业负责人不超过（名）"), null=True, blank=True)
    objection_contact = models.CharField(gettext_lazy("异议受理联系方式"), max_length=100, blank=True)
    state = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=RoundState.choices, default=RoundState.OPEN
    )
    notice_from = models.DateField(gettext_lazy("公示开始"), null=True, blank=True)
    notice_until = models.DateField(gettext_lazy("公示截止"), null=True, blank=True)
    doc_no = models.CharField(gettext_lazy("表彰文号"), max_length=60, blank=True)
    conferred_on = models.DateField(gettext_lazy("表彰日期"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = verbose_name_plural = "评选"


class Quota(models.Model):
    """Places of a round allotted to a union below the one that opened it; that union reviews
    the nominations of its subtree and passes at most `places` of them up."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="quotas")
    org = fields.union(gettext_lazy("工会"))
    places = models.PositiveIntegerField(gettext_lazy("名额"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "org"], name="quota_one_per_union")]
        verbose_name = verbose_name_plural = "名额"

    def __str__(self) -> str:
        return f"{self.org} · {self.places}名"


class NominationState(models.TextChoices):
    DRAFT = "draft", gettext_lazy("待报送")
    REVIEWING = "reviewing", gettext_lazy("审核中")
    SELECTED = "selected", gettext_lazy("拟表彰")
    NOTICE = "notice", gettext_lazy("公示中")
    CONFERRED = "conferred", gettext_lazy("已表彰")
    REJECTED = "rejected", gettext_lazy("未通过")
    REVOKED = "revoked", gettext_lazy("异议成立已撤销")
    WITHDRAWN = "withdrawn", gettext_lazy("已撤回")


# Nominations that still take a place (the others have left the round).
ALIVE = (
    NominationState.REVIEWING,
    NominationState.SELECTED,
    NominationState.NOTICE,
    NominationState.CONFERRED,
)
PASSED_ALL = (NominationState.SELECTED, NominationState.NOTICE, NominationState.CONFERRED)


class Nomination(Named, Created):
    """A person (from the member register or not) or a collective nominated by a union."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="nominations")
    org = fields.union(gettext_lazy("推荐工会"))
    # The union whose turn it is to review (while 审核中).
    at = fields.union(gettext_lazy("当前审核工会"), null=True, blank=True)
    member = fields.loose("members.Member", gettext_lazy("会员"))
    name = models.CharField(gettext_lazy("姓名（集体名称）"), max_length=100)
    sex = models.CharField(
        gettext_lazy("性别"),
        max_length=1,
        choices=[("男", gettext_lazy("男")), ("女", gettext_lazy("女"))],
        blank=True,
    )
    unit = models.CharField(gettext_lazy("工作单位"), max_length=100)
    job = models.CharField(gettext_lazy("职务（岗位）"), max_length=60, blank=True)
    frontline = models.BooleanField(gettext_lazy("一线职工（含一线管理人员）"), default=True)
    leader = models.BooleanField(gettext_lazy("企业负责人"), default=False)
    deeds = models.TextField(gettext_lazy("主要事迹"))
    state = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=NominationState.choices, default=NominationState.DRAFT
    )
    reason = models.CharField(gettext_lazy("未通过或退回理由"), max_length=200, blank=True)
    honour = models.OneToOneField(
        "Honour",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("荣誉"),
    )

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["round", "state"], name="nomination_round_state")]
        verbose_name = verbose_name_plural = "推荐对象"


class Review(models.Model):
    """One union's word on a nomination on its way up (推荐, 退回, 不予推荐)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="reviews")
    org = fields.union(gettext_lazy("审核工会"))
    decision = models.CharField(gettext_lazy("意见"), max_length=16)
    comment = models.CharField(gettext_lazy("审核意见"), max_length=200, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.org} · {self.decision}"


class NominationFile(Attached):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(gettext_lazy("材料名称"), max_length=100)
    file = models.FileField(upload_to="honours/%Y/")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]


class Objection(Created):
    """An objection raised during 公示 (letter, phone, visit), and the awarding union's answer."""

    class Answer(models.TextChoices):
        OPEN = "", gettext_lazy("待答复")
        UPHELD = "upheld", gettext_lazy("异议成立")
        DISMISSED = "dismissed", gettext_lazy("异议不成立")

    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="objections")
    received_on = models.DateField(gettext_lazy("受理日期"))
    raised_by = models.CharField(gettext_lazy("反映人（可匿名）"), max_length=50, blank=True)
    # How to reach the person who objected (a phone as a rule): personal data, kept encrypted.
    contact = EncryptedTextField(gettext_lazy("联系方式"), blank=True, default="")
    content = models.TextField(gettext_lazy("异议内容"))
    # Raised by anyone on the public 公示 page (not recorded by the union's clerk).
    public = models.BooleanField(gettext_lazy("公示页面提交"), default=False)
    # The keyed digest of the address a public objection came from: how many one address may send.
    client = models.CharField(max_length=32, blank=True, default="")
    answer = models.CharField(
        gettext_lazy("答复结论"), max_length=16, choices=Answer.choices, blank=True, default=""
    )
    finding = models.TextField(gettext_lazy("核查情况"), blank=True)
    answered_on = models.DateField(gettext_lazy("答复日期"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["client", "created_at"], name="objection_client_at")]

    def __str__(self) -> str:
        return f"{self.nomination} · {self.received_on}"

    @property
    def contact_masked(self) -> str:
        return mask_middle(self.contact or "", keep_start=3, keep_end=4)


class Honour(Conferred, Created):
    """劳模档案: one honour held by a person or a collective, kept by a union."""

    org = fields.union(gettext_lazy("登记工会"))
    kind = models.ForeignKey(
        HonourKind, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("荣誉种类")
    )
    title = models.CharField(gettext_lazy("荣誉称号"), max_length=50)
    member = fields.loose("members.Member", gettext_lazy("会员"))
    name = models.CharField(gettext_lazy("姓名（集体名称）"), max_length=100)
    sex = models.CharField(gettext_lazy("性别"), max_length=1, blank=True)
    unit = models.CharField(gettext_lazy("获评时工作单位"), max_length=100)
    job = models.CharField(gettext_lazy("获评时职务（岗位）"), max_length=60, blank=True)
    awarded_on = models.DateField(gettext_lazy("授予日期"))
    year = models.PositiveSmallIntegerField(gettext_lazy("年度"))
    doc_no = models.CharField(gettext_lazy("表彰文号"), max_length=60, blank=True)
    round = fields.optional(Round)
    note = models.CharField(gettext_lazy("备注"), max_length=200, blank=True)

    class Meta:
        ordering = ["-awarded_on", "-id"]
        indexes = [models.Index(fields=["org", "year"], name="honour_org_year")]
        verbose_name = verbose_name_plural = "荣誉"

    def __str__(self) -> str:
        return f"{self.name} · {self.title}"


class CareKind(models.TextChoices):
    VISIT = "visit", gettext_lazy("走访慰问")
    ALLOWANCE = "allowance", gettext_lazy("劳模津贴（补助）")
    HARDSHIP = "hardship", gettext_lazy("困难劳模帮扶")
    HEALTH = "health", gettext_lazy("健康体检")
    REST = "rest", gettext_lazy("疗休养")


class Care(Created):
    """劳模待遇: a visit, an allowance, a health check or a 疗休养 given to a model worker."""

    org = fields.union(gettext_lazy("办理工会"))
    honour = models.ForeignKey(
        Honour, on_delete=models.PROTECT, related_name="care", verbose_name=gettext_lazy("劳模")
    )
    kind = models.CharField(gettext_lazy("类别"), max_length=16, choices=CareKind.choices)
    on = models.DateField(gettext_lazy("日期"))
    amount = fields.money(gettext_lazy("金额（元）"), max_digits=12, default=ZERO)
    note = models.CharField(gettext_lazy("说明"), max_length=200, blank=True)
    # 特殊困难劳模帮扶: the hardship file the help is given under (filed once, in assistance).
    household = fields.optional("assistance.Household", gettext_lazy("困难职工档案"))

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["honour", "on"], name="care_honour_on")]
        verbose_name = verbose_name_plural = "劳模待遇"

    def __str__(self) -> str:
        return f"{self.honour.name} · {self.get_kind_display()} · {self.on}"


class StudioLevel(models.TextChoices):
    CITY = "city", gettext_lazy("市级")
    PROVINCIAL = "provincial", gettext_lazy("省级")
    NATIONAL = "national", gettext_lazy("全国示范")


class Studio(Named, Created):
    """劳模和工匠人才创新工作室."""

    org = fields.union(gettext_lazy("所属工会"))
    name = models.CharField(gettext_lazy("工作室名称"), max_length=100)
    lead = fields.loose(Honour, gettext_lazy("领衔劳模"))
    lead_name = models.CharField(gettext_lazy("领衔人"), max_length=50)
    unit = models.CharField(gettext_lazy("所在单位"), max_length=100)
    field = models.CharField(gettext_lazy("创新领域"), max_length=50)
    level = models.CharField(gettext_lazy("命名级别"), max_length=16, choices=StudioLevel.choices)
    named_on = models.DateField(gettext_lazy("命名日期"))
    members = models.PositiveIntegerField(gettext_lazy("成员人数"), default=0)

    class Meta:
        ordering = ["-named_on", "id"]
        verbose_name = verbose_name_plural = "创新工作室"


class StudioYear(models.Model):
    """A studio's results of one year."""

    studio = models.ForeignKey(Studio, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(gettext_lazy("年度"))
    patents = models.PositiveIntegerField(gettext_lazy("专利（项）"), default=0)
    improvements = models.PositiveIntegerField(gettext_lazy("技术革新（项）"), default=0)
    savings = fields.money(gettext_lazy("创造效益（元）"), default=ZERO)
    trained = models.PositiveIntegerField(gettext_lazy("培训人数"), default=0)

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["studio", "year"], name="studioyear_one_per_year")]

    def __str__(self) -> str:
        return f"{self.studio} · {self.year}"
