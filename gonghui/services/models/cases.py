"""Legal-aid and rights cases and their history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.modelparts import Stamped

from .centres import Provider


class CaseCategory(models.TextChoices):
    WORK_INJURY = "work_injury", gettext_lazy("工伤事故")
    TRAFFIC = "traffic", gettext_lazy("交通事故")
    WAGES = "wages", gettext_lazy("欠薪/劳资纠纷")
    CONTRACT = "contract", gettext_lazy("劳动合同")
    INSURANCE = "insurance", gettext_lazy("社会保险")
    FAMILY = "family", gettext_lazy("家庭矛盾")
    OTHER = "other", gettext_lazy("其他")


# Labour disputes go to arbitration before a court (《劳动争议调解仲裁法》第五条，仲裁前置).
LABOUR_DISPUTES = frozenset({CaseCategory.WAGES, CaseCategory.CONTRACT, CaseCategory.INSURANCE})


class CaseStage(models.TextChoices):
    CONSULTATION = "consultation", gettext_lazy("咨询")
    MEDIATION = "mediation", gettext_lazy("调解")
    ARBITRATION = "arbitration", gettext_lazy("仲裁")
    LITIGATION = "litigation", gettext_lazy("诉讼")
    CLOSED = "closed", gettext_lazy("已结案")


class CaseOutcome(models.TextChoices):
    RESOLVED = "resolved", gettext_lazy("调解/协商解决")
    AWARD = "award", gettext_lazy("仲裁裁决支持")
    JUDGMENT = "judgment", gettext_lazy("法院判决支持")
    ADVISED = "advised", gettext_lazy("提供咨询意见")
    WITHDRAWN = "withdrawn", gettext_lazy("当事人撤回")
    LOST = "lost", gettext_lazy("未获支持")


class RightsCase(Stamped):
    """A legal-aid or rights case (维权案件) taken in by a union."""

    org = fields.union(gettext_lazy("受理工会"), related_name="rights_cases")
    number = models.CharField(gettext_lazy("案件编号"), max_length=40)
    category = models.CharField(gettext_lazy("类别"), max_length=16, choices=CaseCategory.choices)
    intake_on = models.DateField(gettext_lazy("受理日期"))
    summary = models.TextField(gettext_lazy("案情摘要"))
    parties = models.PositiveIntegerField(gettext_lazy("涉及职工人数"))
    migrants = models.PositiveIntegerField(gettext_lazy("其中农民工人数"), default=0)
    party_names = models.CharField(gettext_lazy("当事职工姓名"), max_length=500, blank=True)
    employer_unit = fields.optional("units.Unit", gettext_lazy("用人单位"), related_name="rights_cases")
    employer_name = models.CharField(gettext_lazy("用人单位名称"), max_length=200, blank=True)
    lawyer = fields.optional(Provider, gettext_lazy("承办律师"), related_name="cases")
    stage = models.CharField(
        gettext_lazy("阶段"), max_length=16, choices=CaseStage.choices, default=CaseStage.CONSULTATION
    )
    outcome = models.CharField(gettext_lazy("结果"), max_length=16, choices=CaseOutcome.choices, blank=True)
    outcome_note = models.CharField(gettext_lazy("结案说明"), max_length=300, blank=True)
    amount_claimed = fields.money(gettext_lazy("诉求金额（元）"), null=True, blank=True)
    amount_recovered = fields.money(gettext_lazy("挽回经济损失（元）"), default=0)
    closed_on = models.DateField(gettext_lazy("结案日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-intake_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["org", "number"], name="case_org_number"),
            models.CheckConstraint(condition=Q(migrants__lte=F("parties")), name="case_migrants_le_parties"),
            models.CheckConstraint(condition=Q(amount_recovered__gte=0), name="case_amount_nonnegative"),
        ]
        indexes = [models.Index(fields=["org", "intake_on"], name="case_org_intake")]
        verbose_name = verbose_name_plural = "维权案件"

    def __str__(self) -> str:
        return f"{self.number} {self.get_category_display()}"

    @property
    def names(self) -> list[str]:
        return [n for n in self.party_names.split("、") if n]


class CaseStep(models.Model):
    """The case's history: one row per stage taken."""

    case = models.ForeignKey(RightsCase, on_delete=models.CASCADE, related_name="steps")
    from_stage = models.CharField(max_length=16, choices=CaseStage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=CaseStage.choices)
    on = models.DateField(gettext_lazy("日期"))
    note = models.CharField(gettext_lazy("说明"), max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_to_stage_display()}"
