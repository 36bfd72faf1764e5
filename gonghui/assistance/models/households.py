"""Household files and the tables they are measured and routed by: 低保 lines, approval rules."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.crypto import BlindIndexField, EncryptedTextField
from gonghui.kernel.masking import MasksIdNumber, MasksPersonalNumbers, mask_bank_account
from gonghui.kernel.modelparts import Created, Named
from gonghui.orgs.models import Level

from .. import choices as c

ZERO = Decimal("0.00")


class SubsistenceLine(models.Model):
    """The local 城乡居民最低生活保障标准 (低保标准), 元 per person per month, by GB/T 2260 admin
    division and year. Administrators edit the table when a city publishes a new standard; a
    lookup falls back from the county to its city and then to the province. The demo's figures
    for Guangdong's cities are plausible values for 2026, not official ones."""

    division = models.CharField(gettext_lazy("行政区划代码"), max_length=6)
    year = models.PositiveSmallIntegerField(gettext_lazy("年度"))
    monthly = fields.money(gettext_lazy("低保标准（元/人·月）"))
    note = models.CharField(gettext_lazy("依据"), max_length=200, blank=True)
    updated_by = fields.person()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["division", "year"], name="subsistence_line_division_year"),
            models.CheckConstraint(condition=Q(monthly__gt=0), name="subsistence_line_positive"),
        ]
        ordering = ["division", "-year"]
        verbose_name = verbose_name_plural = "低保标准"

    def __str__(self) -> str:
        return f"{self.division} {self.year} {self.monthly}"


class ApprovalRule(models.Model):
    """Who approves what, as data: in the subtree of `owner`, a union at `level` may approve an
    application up to `limit` 元 (no limit when empty). The nearest ancestor that has rules
    decides for a household; a city may so set its own thresholds under the province's."""

    owner = fields.union(gettext_lazy("制定单位"))
    level = models.CharField(gettext_lazy("审批层级"), max_length=16, choices=Level.choices)
    limit = fields.money(gettext_lazy("审批限额（元）"), null=True, blank=True)
    escalate_days = models.PositiveSmallIntegerField(gettext_lazy("逾期上报天数"), default=15)
    publicity_days = models.PositiveSmallIntegerField(gettext_lazy("公示天数"), default=0)
    updated_by = fields.person()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "level"], name="approval_rule_owner_level")]
        ordering = ["owner", "limit"]
        verbose_name = verbose_name_plural = "审批权限规则"

    def __str__(self) -> str:
        return f"{self.get_level_display()} ≤ {self.limit if self.limit is not None else '不限'}"


class OnFile(models.Model):
    """A person the hardship file describes: the worker who heads the household, or one of the
    family."""

    sex = models.CharField(
        gettext_lazy("性别"), max_length=1, choices=[("男", gettext_lazy("男")), ("女", gettext_lazy("女"))]
    )
    id_number = EncryptedTextField(gettext_lazy("身份证号"))
    id_bidx = BlindIndexField(db_index=True)
    birth_date = models.DateField(gettext_lazy("出生日期"))
    insurance = models.CharField(gettext_lazy("医保状况"), max_length=8, choices=c.Insurance.choices)

    class Meta:
        abstract = True


class Household(MasksPersonalNumbers, OnFile, Created):
    """困难职工档案: one file per household, kept by the union that filed it (`org`)."""

    class Status(models.TextChoices):
        ACTIVE = "active", gettext_lazy("在档")
        EXITED = "exited", gettext_lazy("已脱困")
        MERGED = "merged", gettext_lazy("已合并")

    org = fields.union(gettext_lazy("建档工会"))
    file_no = models.CharField(gettext_lazy("职工编号"), max_length=24, unique=True)
    status = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    # 困难类别, computed (tiers.compute) from the figures below on every write and re-verification.
    tier = models.CharField(gettext_lazy("困难类别"), max_length=16, choices=c.Tier.choices, blank=True)
    per_capita = fields.money(gettext_lazy("家庭月人均可支配收入（扣除刚性支出）"), default=ZERO)
    line = fields.money(gettext_lazy("适用低保标准"), default=ZERO)
    line_division = models.CharField(gettext_lazy("低保标准所属区划"), max_length=6, blank=True)
    line_year = models.PositiveSmallIntegerField(gettext_lazy("低保标准年度"), null=True, blank=True)
    # The worker (§2a).
    name = models.CharField(gettext_lazy("姓名"), max_length=50)
    ethnicity = models.CharField(gettext_lazy("民族"), max_length=20, default="汉族")
    political_status = models.CharField(gettext_lazy("政治面貌"), max_length=8, choices=c.Political.choices)
    health = models.CharField(gettext_lazy("健康状况"), max_length=16, choices=c.Health.choices)
    disability = models.CharField(
        gettext_lazy("残疾类别"), max_length=8, choices=c.Disability.choices, blank=True
    )
    work_status = models.CharField(gettext_lazy("工作状态"), max_length=8, choices=c.WorkStatus.choices)
    model_worker = models.CharField(
        gettext_lazy("劳模类型"), max_length=8, choices=c.ModelWorker.choices, default="无"
    )
    housing = models.CharField(gettext_lazy("住房类型"), max_length=8, choices=c.Housing.choices)
    housing_area = models.DecimalField(
        gettext_lazy("建筑面积（㎡）"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    phone = EncryptedTextField(gettext_lazy("手机号码"))
    other_contact = models.CharField(gettext_lazy("其他联系方式"), max_length=50, blank=True)
    postcode = models.CharField(gettext_lazy("邮政编码"), max_length=6, blank=True)
    work_since = models.DateField(gettext_lazy("工作时间"), null=True, blank=True)
    industry = models.CharField(gettext_lazy("所属行业"), max_length=30, blank=True)
    marital = models.CharField(gettext_lazy("婚姻状况"), max_length=4, choices=c.Marital.choices)
    hukou_type = models.CharField(gettext_lazy("户口类型"), max_length=4, choices=c.Hukou.choices)
    hukou_division = models.CharField(gettext_lazy("户口所在地行政区划"), max_length=6)
    address = models.CharField(gettext_lazy("家庭住址"), max_length=200)
    employer = models.CharField(gettext_lazy("工作单位"), max_length=100, blank=True)
    employer_nature = models.CharField(gettext_lazy("单位性质"), max_length=30, blank=True)
    employer_state = models.CharField(gettext_lazy("企业状况"), max_length=30, blank=True)
    single_parent = models.BooleanField(gettext_lazy("是否单亲"), default=False)
    # Income and costs (§2a, §2d), 元.
    monthly_income = fields.money(gettext_lazy("本人月平均收入"))
    other_income = fields.money(gettext_lazy("家庭其他非薪资年收入"), default=ZERO)
    rigid_expenses = fields.money(gettext_lazy("年度刚性支出"), default=ZERO)
    hardship_costs = fields.money(gettext_lazy("年度内致困费用（损失）"), default=ZERO)
    major_event = models.BooleanField(gettext_lazy("因重大突发事件伤残或死亡"), default=False)
    self_help = models.BooleanField(gettext_lazy("是否有一定自救能力"), default=False)
    zero_employment = models.BooleanField(gettext_lazy("是否为零就业家庭"), default=False)
    main_cause = models.CharField(gettext_lazy("主要致困原因"), max_length=2, choices=c.Cause.choices)
    secondary_causes = models.JSONField(gettext_lazy("次要致困原因"), default=list, blank=True)
    cause_note = models.CharField(gettext_lazy("其他（文字描述）"), max_length=200, blank=True)
    # Bank (§2a); the account only ever in full in a payment file.
    bank_name = models.CharField(gettext_lazy("开户银行"), max_length=50, blank=True)
    bank_branch = models.CharField(gettext_lazy("支行名称"), max_length=100, blank=True)
    bank_account = EncryptedTextField(gettext_lazy("银行卡号"), blank=True)
    note = models.CharField(gettext_lazy("备注"), max_length=500, blank=True)
    member = fields.loose("members.Member", gettext_lazy("会员"))
    filed_by = fields.person(verbose_name=gettext_lazy("建档人"))
    reviewed_by = fields.person(verbose_name=gettext_lazy("审核人"))
    reviewed_at = models.DateTimeField(gettext_lazy("审核时间"), null=True, blank=True)
    verified_on = models.DateField(gettext_lazy("最近核查日期"))
    exited_on = models.DateField(gettext_lazy("脱困日期"), null=True, blank=True)
    exit_reason = models.CharField(gettext_lazy("脱困原因"), max_length=200, blank=True)
    merged_into = fields.optional("self", gettext_lazy("并入档案"))
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["org", "status"], name="household_org_status"),
            models.Index(fields=["status", "updated_at"], name="household_status_updated"),
        ]
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "困难职工档案"

    def __str__(self) -> str:
        return f"{self.file_no} {self.name}"

    @property
    def closed_label(self) -> str:
        """「已脱困」「已合并」for a file no longer on record; "" for one on record."""
        return "" if self.status == self.Status.ACTIVE else self.get_status_display()

    @property
    def size(self) -> int:
        """家庭共同生活人口: the worker and the family members on the file."""
        return 1 + self.family.count()

    @property
    def bank_account_masked(self) -> str:
        return mask_bank_account(self.bank_account) if self.bank_account else ""

    def secondary_labels(self) -> list[str]:
        labels = dict(c.Cause.choices)
        return [labels.get(x, x) for x in self.secondary_causes]


class FamilyMember(MasksIdNumber, OnFile):
    """家庭主要成员 (§2b)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="family")
    name = models.CharField(gettext_lazy("姓名"), max_length=50)
    relation = models.CharField(gettext_lazy("关系"), max_length=8, choices=c.Relation.choices)
    political_status = models.CharField(
        gettext_lazy("政治面貌"), max_length=8, choices=c.Political.choices, default="群众"
    )
    health = models.CharField(
        gettext_lazy("健康状况"), max_length=16, choices=c.Health.choices, default="良好"
    )
    monthly_income = fields.money(gettext_lazy("月收入"), default=ZERO)
    identity = models.CharField(gettext_lazy("身份"), max_length=8, choices=c.Identity.choices)
    school_or_employer = models.CharField(gettext_lazy("单位或学校"), max_length=100, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "家庭成员"

    def __str__(self) -> str:
        return f"{self.name}（{self.relation}）"


def attachment_path(instance: Attachment, filename: str) -> str:
    ext = {"application/pdf": "pdf", "image/png": "png"}.get(instance.content_type, "jpg")
    return f"assistance/{instance.household_id}/{timezone.now():%Y%m%d%H%M%S%f}.{ext}"


class Attachment(Named):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(gettext_lazy("附件类型"), max_length=8, choices=c.AttachmentKind.choices)
    name = models.CharField(gettext_lazy("附件名称"), max_length=100)
    file = models.FileField(gettext_lazy("文件"), upload_to=attachment_path, max_length=200)
    content_type = models.CharField(max_length=40)
    uploaded_by = fields.person()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "档案附件"
