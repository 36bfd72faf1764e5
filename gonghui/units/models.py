"""Employer units (单位), their dated history, and collective contracts (集体合同).

A unit hangs from the org tree at exactly one node, `org`: the union that covers it (its own
enterprise union or a joint union) or, while it has none, the union whose ledger lists it
(`registered_org`, typically the street/town or county federation responsible for organising it).
The actions keep `org` equal to `covering_org or registered_org`; scope and the "两个普遍" report
use it, so every unit counts in one subtree only. `UnitVersion` keeps what the report needs by
date (where it hangs, its union, its head counts, its status), like `orgs.OrgVersion`.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.codes import INDUSTRIES, UNIT_TYPES
from gonghui.kernel.modelparts import Named, Stamped, Titled

# The code and its name in the reader's language (the names are the catalogue's messages).
INDUSTRY_CHOICES = [
    (code, format_lazy("{} {}", code, gettext_lazy(name))) for code, name in INDUSTRIES.items()
]
UNIT_TYPE_CHOICES = [
    (code, format_lazy("{} {}", code, gettext_lazy(name))) for code, name in UNIT_TYPES.items()
]


class UnitStatus(models.TextChoices):
    ACTIVE = "active", gettext_lazy("存续")
    CLOSED = "closed", gettext_lazy("已注销")


class Unit(Named, Stamped):
    credit_code = models.CharField(gettext_lazy("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(gettext_lazy("单位名称"), max_length=200)
    industry = models.CharField(gettext_lazy("国民经济行业"), max_length=2, choices=INDUSTRY_CHOICES)
    unit_type = models.CharField(gettext_lazy("单位类别"), max_length=3, choices=UNIT_TYPE_CHOICES)
    address = models.CharField(gettext_lazy("单位地址"), max_length=200, blank=True)
    division = models.CharField(gettext_lazy("行政区划代码"), max_length=6, blank=True)
    founded_on = models.DateField(gettext_lazy("成立日期"), null=True, blank=True)
    employees = models.PositiveIntegerField(gettext_lazy("职工人数"))
    women = models.PositiveIntegerField(gettext_lazy("女职工人数"), default=0)
    migrants = models.PositiveIntegerField(gettext_lazy("农民工人数"), default=0)
    registered_org = fields.union(gettext_lazy("登记工会"), related_name="registered_units")
    covering_org = fields.union(gettext_lazy("所属工会"), null=True, blank=True, related_name="covered_units")
    org = fields.union(gettext_lazy("归属"), related_name="units", editable=False)
    status = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=UnitStatus.choices, default=UnitStatus.ACTIVE
    )
    status_since = models.DateField(gettext_lazy("状态日期"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["credit_code"]
        indexes = [
            models.Index(fields=["org", "credit_code"], name="unit_org_code"),
            models.Index(fields=["name"], name="unit_name"),
        ]
        verbose_name = verbose_name_plural = "单位"

    @property
    def is_active(self) -> bool:
        return self.status == UnitStatus.ACTIVE

    @property
    def has_union(self) -> bool:
        return self.covering_org_id is not None


class UnitVersion(models.Model):
    """One row per period in which a unit had the same place in the tree, union, head counts
    and status. The report for a date reads the rows valid on that date."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="versions")
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    registered_org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    covering_org = models.ForeignKey("orgs.Org", null=True, on_delete=models.PROTECT, related_name="+")
    employees = models.PositiveIntegerField()
    women = models.PositiveIntegerField(default=0)
    migrants = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=16, choices=UnitStatus.choices)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["unit", "valid_from", "id"]
        indexes = [
            models.Index(fields=["org", "valid_from"], name="unitversion_org_from"),
            models.Index(fields=["unit"], condition=Q(valid_to__isnull=True), name="unitversion_open"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="unitversion_period_positive",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.valid_from}–{self.valid_to or ''}"


class ContractKind(models.TextChoices):
    SINGLE = "single", gettext_lazy("单位集体合同")
    INDUSTRY = "industry", gettext_lazy("行业性集体合同")
    REGIONAL = "regional", gettext_lazy("区域性集体合同")


class CollectiveContract(Titled, Stamped):
    """A collective contract (工资集体协商的成果): one unit's, or an industry-wide or regional one
    concluded by an industry union or a town/street union for many units."""

    kind = models.CharField(gettext_lazy("类型"), max_length=16, choices=ContractKind.choices)
    title = models.CharField(gettext_lazy("合同名称"), max_length=200)
    org = fields.union(gettext_lazy("签订工会"), related_name="collective_contracts")
    industry = models.CharField(gettext_lazy("行业"), max_length=2, choices=INDUSTRY_CHOICES, blank=True)
    signed_on = models.DateField(gettext_lazy("签订日期"))
    expires_on = models.DateField(gettext_lazy("期满日期"))
    ended_on = models.DateField(gettext_lazy("提前终止日期"), null=True, blank=True)
    workers_covered = models.PositiveIntegerField(gettext_lazy("覆盖职工数"))
    units = models.ManyToManyField(Unit, related_name="contracts", verbose_name=gettext_lazy("覆盖单位"))
    note = models.CharField(gettext_lazy("备注"), max_length=200, blank=True)
    created_by = fields.person()

    class Meta:
        ordering = ["-signed_on", "-id"]
        indexes = [
            models.Index(fields=["signed_on", "expires_on"], name="contract_period"),
            # The workbench counts the contracts expiring in the next 90 days.
            models.Index(fields=["expires_on"], name="contract_expires"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=F("signed_on")), name="contract_period_positive"
            )
        ]
        verbose_name = verbose_name_plural = "集体合同"

    def in_force_on(self, on: dt.date) -> bool:
        return self.signed_on <= on <= self.expires_on and (self.ended_on is None or self.ended_on > on)

    @property
    def in_force(self) -> bool:
        """In force today (the page's badge)."""
        return self.in_force_on(timezone.localdate())


class UnionTally(models.Model):
    """Today's "两个普遍" figures of one union: of its own ledger (its units and its members) and
    of its whole subtree (`sub_*`, itself included). A report reads one row per child instead of
    scanning units and members.

    Kept exact by the actions: every change of a unit, a contract or a member recounts the
    unions it touched from the register and carries the difference up to their ancestors,
    inside the change's transaction; a move of a sub-union carries its subtree's figures from
    the old ancestors to the new ones (`units.tally`). The figures are those of
    `TallyState.as_of` at `TallyState.threshold`; a new day or a new threshold rebuilds them."""

    org = models.OneToOneField("orgs.Org", primary_key=True, on_delete=models.CASCADE, related_name="+")
    units = models.BigIntegerField(default=0)
    should = models.BigIntegerField(default=0)
    built = models.BigIntegerField(default=0)
    covered_units = models.BigIntegerField(default=0)
    employees = models.BigIntegerField(default=0)
    women = models.BigIntegerField(default=0)
    migrants = models.BigIntegerField(default=0)
    covered_employees = models.BigIntegerField(default=0)
    contract_units = models.BigIntegerField(default=0)
    contract_employees = models.BigIntegerField(default=0)
    members = models.BigIntegerField(default=0)
    sub_units = models.BigIntegerField(default=0)
    sub_should = models.BigIntegerField(default=0)
    sub_built = models.BigIntegerField(default=0)
    sub_covered_units = models.BigIntegerField(default=0)
    sub_employees = models.BigIntegerField(default=0)
    sub_women = models.BigIntegerField(default=0)
    sub_migrants = models.BigIntegerField(default=0)
    sub_covered_employees = models.BigIntegerField(default=0)
    sub_contract_units = models.BigIntegerField(default=0)
    sub_contract_employees = models.BigIntegerField(default=0)
    sub_members = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "工会统计汇总"

    def __str__(self) -> str:
        return f"{self.org_id}: {self.sub_units} 单位, {self.sub_members} 会员"


class TallyState(models.Model):
    """One row: the date and threshold the tallies hold, and when they were last rebuilt."""

    as_of = models.DateField()
    threshold = models.PositiveIntegerField()
    rebuilt_at = models.DateTimeField()
    seconds = models.FloatField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "统计汇总状态"

    def __str__(self) -> str:
        return f"{self.as_of}（{self.threshold}人）"
