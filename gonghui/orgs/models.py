from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.crypto import EncryptedTextField
from gonghui.kernel.errors import Refused
from gonghui.kernel.modelparts import Named, Stamped

# Materialised path: each node adds SEGMENT characters (base 36) to its parent's path, so a
# subtree is one index range scan (`path LIKE 'prefix%'`) on SQLite and PostgreSQL alike.
SEGMENT = 4
SEGMENT_MAX = 36**SEGMENT - 1


class Level(models.TextChoices):
    PROVINCE = "province", gettext_lazy("省总工会")
    CITY = "city", gettext_lazy("市总工会")
    INDUSTRY = "industry", gettext_lazy("省产业工会")
    COUNTY = "county", gettext_lazy("县(市、区)总工会")
    TOWN = "town", gettext_lazy("镇(街道)总工会")
    GRASSROOTS = "grassroots", gettext_lazy("基层工会")
    GROUP = "group", gettext_lazy("工会小组")


class Kind(models.TextChoices):
    FEDERATION = "federation", gettext_lazy("地方总工会")
    INDUSTRY = "industry", gettext_lazy("产业工会")
    ENTERPRISE = "enterprise", gettext_lazy("企业工会")
    JOINT = "joint", gettext_lazy("联合基层工会")
    COMMUNITY = "community", gettext_lazy("社区工会")
    INSTITUTION = "institution", gettext_lazy("机关事业单位工会")
    GROUP = "group", gettext_lazy("工会小组")


class Status(models.TextChoices):
    ACTIVE = "active", gettext_lazy("正常")
    MERGED = "merged", gettext_lazy("已合并")
    DISSOLVED = "dissolved", gettext_lazy("已撤销")


class Org(Named, Stamped):
    # org_parent_name (parent, name) serves lookups by parent: no index of its own.
    parent = fields.optional("self", gettext_lazy("上级工会"), related_name="children", db_index=False)
    path = models.CharField(max_length=128, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    child_seq = models.PositiveIntegerField(editable=False, default=0)
    child_count = models.PositiveIntegerField(editable=False, default=0)

    name = models.CharField(gettext_lazy("工会名称"), max_length=100)
    short_name = models.CharField(gettext_lazy("简称"), max_length=50, blank=True)
    level = models.CharField(gettext_lazy("层级"), max_length=16, choices=Level.choices)
    kind = models.CharField(gettext_lazy("类型"), max_length=16, choices=Kind.choices)
    division = models.CharField(gettext_lazy("行政区划代码"), max_length=6, blank=True)
    credit_code = models.CharField(gettext_lazy("统一社会信用代码"), max_length=18, null=True, blank=True)  # noqa: DJ001 (unique when present)
    legal_person = models.BooleanField(gettext_lazy("具备法人资格"), default=False)
    legal_cert_no = models.CharField(gettext_lazy("法人资格证书编号"), max_length=40, blank=True)
    legal_cert_date = models.DateField(gettext_lazy("法人资格证书发证日期"), null=True, blank=True)
    bank_name = models.CharField(gettext_lazy("开户银行"), max_length=100, blank=True)
    bank_account = EncryptedTextField(gettext_lazy("银行账号"), blank=True)
    address = models.CharField(gettext_lazy("地址"), max_length=200, blank=True)
    founded_on = models.DateField(gettext_lazy("成立日期"), null=True, blank=True)
    status = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    status_since = models.DateField(gettext_lazy("状态日期"), null=True, blank=True)
    merged_into = fields.optional("self", gettext_lazy("并入"), related_name="merged_from")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["path"]
        constraints = [
            # A constraint, not unique=True: on PostgreSQL that would add a LIKE index nobody uses.
            models.UniqueConstraint(fields=["credit_code"], name="org_credit_code_unique"),
        ]
        indexes = [
            # Subtree queries are `path LIKE 'prefix%'`. On PostgreSQL, unique=True on path gives a
            # varchar_pattern_ops index for all rows; this partial one answers the counts of
            # active unions (the common question) from the index alone. SQLite ignores opclasses.
            models.Index(
                fields=["path"],
                name="org_path_active",
                opclasses=["varchar_pattern_ops"],
                condition=models.Q(status="active"),
            ),
            models.Index(fields=["parent", "name"], name="org_parent_name"),
            models.Index(fields=["name"], name="org_name"),
            # The union type-ahead is `name LIKE 'q%'` (or the credit code's) among active unions.
            # Under a non-C collation a plain btree cannot answer LIKE on PostgreSQL; these can,
            # at 200,000 unions. SQLite ignores opclasses (and they are plain indexes there).
            models.Index(
                fields=["name"],
                name="org_name_prefix",
                opclasses=["varchar_pattern_ops"],
                condition=models.Q(status="active"),
            ),
            models.Index(
                fields=["credit_code"],
                name="org_credit_code_prefix",
                opclasses=["varchar_pattern_ops"],
                condition=models.Q(status="active"),
            ),
        ]
        verbose_name = "工会组织"
        verbose_name_plural = "工会组织"

    @property
    def is_active(self) -> bool:
        return self.status == Status.ACTIVE

    def refuse_unless_active(self, message: str, *, field: str | None = None) -> None:
        """Nothing is done for a union merged, dissolved or split: Refused with `message`
        (translated; %(name)s is the union, %(value)s its status), kept under `field` if given."""
        if not self.is_active:
            said = message % {"name": self.name, "value": self.get_status_display()}
            raise Refused({field: said} if field else said)

    def is_descendant_of(self, other: Org) -> bool:
        return self.path.startswith(other.path) and self.path != other.path


class OrgVersion(models.Model):
    """The tree as it was: one row per period in which a node had a given parent, name and
    status. A report for a past date reads the rows valid on that date."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="versions")
    parent = fields.optional(Org)
    name = models.CharField(max_length=100)
    level = models.CharField(max_length=16, choices=Level.choices)
    status = models.CharField(max_length=16, choices=Status.choices)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["org", "valid_from", "id"]
        indexes = [models.Index(fields=["valid_from", "valid_to"], name="orgversion_period")]

    def __str__(self) -> str:
        return f"{self.name} {self.valid_from}–{self.valid_to or ''}"


class OrgEvent(models.Model):
    class Kind(models.TextChoices):
        CREATED = "created", gettext_lazy("成立")
        EDITED = "edited", gettext_lazy("修改信息")
        MOVED = "moved", gettext_lazy("调整隶属关系")
        MERGED = "merged", gettext_lazy("合并")
        MERGED_IN = "merged_in", gettext_lazy("接收合并")
        SPLIT = "split", gettext_lazy("分立")
        DISSOLVED = "dissolved", gettext_lazy("撤销")

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(gettext_lazy("事项"), max_length=16, choices=Kind.choices)
    on = models.DateField(gettext_lazy("生效日期"))
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(gettext_lazy("说明"), max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = "组织沿革"
        verbose_name_plural = "组织沿革"
        indexes = [
            # "Has the tree changed since D?" is asked by every dated report: a handful of rows
            # among one creation event per union.
            models.Index(
                fields=["on"],
                name="orgevent_structural_on",
                condition=models.Q(kind__in=["moved", "merged", "split"]),
            )
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"
