"""Indicators, yearly targets cascaded down the tree, monthly reports and early warnings.

An `Indicator` is kept in a union's catalogue (揭阳市总工会's 101 indicators) and may be used for
targets of that union and of every union below it. Its actual value is either reported by the
target's owner (看管人) every month, or computed from the register by one of the sources in
`sources.py` (建会率 from the units ledger, relief money from assistance …).

A `Target` is one indicator's goal for one union and year, with quarterly milestones (cumulative
percentages of the way from the baseline to the goal) and an owner. A union splits its target
among the unions directly below it (`parent`): a cumulative indicator's target is then the sum of
its children's actual values (汇总), never reported by hand.

A `Report` is the value of one month (cumulative from January for cumulative indicators, the value
at the month's end for level ones). Once submitted it changes only by a `Correction` with a reason.
The latest month's completion against the milestone of that month (序时进度) gives the target's flag;
a `Warning` records each time a target turned yellow or red, and whom it told.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.modelparts import Named, Stamped, Titled

DEFAULT_MILESTONES = [25, 50, 75, 100]


class Direction(models.TextChoices):
    HIGHER = "higher", gettext_lazy("越高越好")
    LOWER = "lower", gettext_lazy("越低越好")


class Measure(models.TextChoices):
    CUMULATIVE = "cumulative", gettext_lazy("累计值（自1月起累加）")
    LEVEL = "level", gettext_lazy("时点值（月末数，如比率）")


class Flag(models.TextChoices):
    NONE = "none", gettext_lazy("未报送")
    GREEN = "green", gettext_lazy("正常")
    YELLOW = "yellow", gettext_lazy("黄色预警")
    RED = "red", gettext_lazy("红色预警")


class Origin(models.TextChoices):
    REPORTED = "reported", gettext_lazy("报送")
    COMPUTED = "computed", gettext_lazy("系统计算")
    ROLLED = "rolled", gettext_lazy("下级汇总")


class Indicator(Stamped):
    org = fields.union(gettext_lazy("所属工会"))
    code = models.CharField(gettext_lazy("编号"), max_length=20, blank=True)
    name = models.CharField(gettext_lazy("指标名称"), max_length=100)
    unit = models.CharField(gettext_lazy("计量单位"), max_length=20)
    direction = models.CharField(
        gettext_lazy("方向"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    measure = models.CharField(
        gettext_lazy("取值方式"), max_length=12, choices=Measure.choices, default=Measure.CUMULATIVE
    )
    # "reported", or the key of a source in sources.SOURCES.
    source = models.CharField(gettext_lazy("数据来源"), max_length=40, default="reported")
    category = models.CharField(gettext_lazy("类别"), max_length=40, blank=True)
    note = models.CharField(gettext_lazy("说明"), max_length=300, blank=True)
    active = models.BooleanField(gettext_lazy("启用"), default=True)

    class Meta:
        ordering = ["code", "id"]
        verbose_name = "考核指标"
        verbose_name_plural = "考核指标"

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    @property
    def reported(self) -> bool:
        return self.source == "reported"


class Target(Stamped):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="targets", verbose_name=gettext_lazy("指标")
    )
    org = fields.union(gettext_lazy("责任单位"))
    year = models.PositiveSmallIntegerField(gettext_lazy("年度"))
    parent = fields.optional("self", gettext_lazy("分解自"), related_name="children")
    value = models.DecimalField(gettext_lazy("年度目标值"), max_digits=16, decimal_places=2)
    baseline = models.DecimalField(
        gettext_lazy("年初基数"), max_digits=16, decimal_places=2, default=Decimal("0.00")
    )
    milestones = models.JSONField(gettext_lazy("季度节点（累计完成%）"), default=list)
    owner = fields.loose(settings.AUTH_USER_MODEL, gettext_lazy("看管人账号"))
    owner_name = models.CharField(gettext_lazy("看管人"), max_length=50)
    yellow_margin = models.DecimalField(
        gettext_lazy("黄色预警（落后序时进度%）"), max_digits=5, decimal_places=2, default=10
    )
    red_margin = models.DecimalField(
        gettext_lazy("红色预警（落后序时进度%）"), max_digits=5, decimal_places=2, default=20
    )
    # Kept by the actions from the latest month's value.
    actual = models.DecimalField(
        gettext_lazy("最新完成值"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    actual_month = models.PositiveSmallIntegerField(gettext_lazy("最新月份"), null=True, blank=True)
    completion = models.DecimalField(
        gettext_lazy("序时完成率%"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    flag = models.CharField(gettext_lazy("预警"), max_length=8, choices=Flag.choices, default=Flag.NONE)
    # 民生实事 and other key projects a union promises in public: their progress may be published.
    public = models.BooleanField(gettext_lazy("向社会公开进度"), default=False)

    class Meta:
        ordering = ["year", "indicator__code", "indicator_id", "org__path"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "org", "year"], name="target_indicator_org_year"),
            models.CheckConstraint(
                condition=Q(red_margin__gte=models.F("yellow_margin")), name="target_margins"
            ),
        ]
        # No index holds the figures a monthly run rewrites (actual, completion, flag), and the
        # table's pages keep room for a new version of each row (fillfactor, migration 0006): the
        # run's update of every target then stays on the row's own page and touches no index.
        verbose_name = "年度目标"
        verbose_name_plural = "年度目标"

    def __str__(self) -> str:
        return f"{self.year}年 {self.indicator.name}（{self.org.name}）"

    @property
    def quarter_milestones(self) -> list[int]:
        return list(self.milestones or DEFAULT_MILESTONES)


class Report(models.Model):
    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="reports", verbose_name=gettext_lazy("目标")
    )
    month = models.PositiveSmallIntegerField(gettext_lazy("月份"))
    value = models.DecimalField(gettext_lazy("完成值"), max_digits=16, decimal_places=2)
    origin = models.CharField(
        gettext_lazy("来源"), max_length=10, choices=Origin.choices, default=Origin.REPORTED
    )
    evidence = models.TextField(gettext_lazy("佐证材料说明"), blank=True)
    reported_on = models.DateField(gettext_lazy("报送日期"))
    reported_by = fields.loose(settings.AUTH_USER_MODEL)
    late = models.BooleanField(gettext_lazy("逾期报送"), default=False)
    corrections_count = models.PositiveSmallIntegerField(gettext_lazy("更正次数"), default=0)

    class Meta:
        ordering = ["target_id", "month"]
        constraints = [
            models.UniqueConstraint(fields=["target", "month"], name="report_target_month"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="report_month_range"),
        ]
        verbose_name = "月度报送"
        verbose_name_plural = "月度报送"

    def __str__(self) -> str:
        return f"{self.target} {self.month}月"

    @property
    def org(self):  # type: ignore[no-untyped-def]
        return self.target.org


class Correction(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="corrections")
    before = models.DecimalField(gettext_lazy("更正前"), max_digits=16, decimal_places=2)
    after = models.DecimalField(gettext_lazy("更正后"), max_digits=16, decimal_places=2)
    reason = models.CharField(gettext_lazy("更正理由"), max_length=200)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.report} {self.before} → {self.after}"


class Warning(models.Model):
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="warnings")
    month = models.PositiveSmallIntegerField(gettext_lazy("月份"))
    level = models.CharField(gettext_lazy("预警等级"), max_length=8, choices=Flag.choices)
    completion = models.DecimalField(gettext_lazy("序时完成率%"), max_digits=9, decimal_places=2)
    told = models.CharField(gettext_lazy("已通知"), max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.target} {self.month}月 {self.get_level_display()}"


class Publication(Titled, Stamped):
    """A union's public page of the progress of the targets it chose to publish (民生实事)."""

    org = models.OneToOneField(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("工会")
    )
    token = models.CharField(gettext_lazy("公开地址"), max_length=32, unique=True)
    active = models.BooleanField(gettext_lazy("公开"), default=False)
    title = models.CharField(gettext_lazy("标题"), max_length=100)

    class Meta:
        verbose_name = "进度公开页"
        verbose_name_plural = "进度公开页"


class CompetitionKind(models.TextChoices):
    LABOUR = "labour", gettext_lazy("劳动竞赛")
    SKILLS = "skills", gettext_lazy("技能竞赛")


class Competition(Named, Stamped):
    """A labour or skills competition a union organises: scoring items with weights, entrants
    (people or teams of the participating units), their scores, the ranking and the awards."""

    class State(models.TextChoices):
        DRAFT = "draft", gettext_lazy("筹备中")
        SCORING = "scoring", gettext_lazy("评分中")
        CLOSED = "closed", gettext_lazy("已公布结果")

    org = fields.union(gettext_lazy("主办工会"))
    name = models.CharField(gettext_lazy("竞赛名称"), max_length=100)
    kind = models.CharField(gettext_lazy("类别"), max_length=10, choices=CompetitionKind.choices)
    year = models.PositiveSmallIntegerField(gettext_lazy("年度"))
    starts_on = models.DateField(gettext_lazy("开始日期"))
    ends_on = models.DateField(gettext_lazy("结束日期"))
    note = models.CharField(gettext_lazy("说明"), max_length=300, blank=True)
    state = models.CharField(gettext_lazy("状态"), max_length=10, choices=State.choices, default=State.DRAFT)

    class Meta:
        ordering = ["-year", "-starts_on", "-id"]
        verbose_name = "劳动和技能竞赛"
        verbose_name_plural = "劳动和技能竞赛"


class ScoringItem(models.Model):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="items")
    name = models.CharField(gettext_lazy("评分项目"), max_length=60)
    weight = models.DecimalField(gettext_lazy("权重%"), max_digits=5, decimal_places=2)
    max_score = models.DecimalField(gettext_lazy("满分"), max_digits=7, decimal_places=2, default=100)

    class Meta:
        ordering = ["competition_id", "id"]
        constraints = [models.UniqueConstraint(fields=["competition", "name"], name="scoring_item_name")]

    def __str__(self) -> str:
        return f"{self.name}（{self.weight}%）"


class Entrant(models.Model):
    class Award(models.TextChoices):
        FIRST = "first", gettext_lazy("一等奖")
        SECOND = "second", gettext_lazy("二等奖")
        THIRD = "third", gettext_lazy("三等奖")

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="entrants")
    org = fields.union(gettext_lazy("参赛单位"))
    name = models.CharField(gettext_lazy("参赛选手（队）"), max_length=60)
    work_unit = models.CharField(gettext_lazy("工作单位"), max_length=100, blank=True)
    total = models.DecimalField(gettext_lazy("总分"), max_digits=7, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(gettext_lazy("名次"), null=True, blank=True)
    award = models.CharField(gettext_lazy("奖项"), max_length=8, choices=Award.choices, blank=True)
    # The honour a winner was given in the honour register (劳模档案), once recorded there.
    honour = fields.loose("honours.Honour", gettext_lazy("荣誉"))

    class Meta:
        ordering = ["competition_id", "rank", "id"]
        constraints = [models.UniqueConstraint(fields=["competition", "org", "name"], name="entrant_unique")]

    def __str__(self) -> str:
        return f"{self.name}（{self.work_unit or self.org.name}）"


class Score(models.Model):
    entrant = models.ForeignKey(Entrant, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(ScoringItem, on_delete=models.CASCADE, related_name="scores")
    score = models.DecimalField(gettext_lazy("得分"), max_digits=7, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entrant", "item"], name="score_entrant_item")]

    def __str__(self) -> str:
        return f"{self.entrant} {self.item.name} {self.score}"


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"targets/evidence/{instance.report.target_id}/{filename}"


class Evidence(models.Model):
    """A file the owner attaches to a month's report (台账, 批复, 照片)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence_files")
    file = models.FileField(gettext_lazy("文件"), upload_to=evidence_path, max_length=200)
    filename = models.CharField(gettext_lazy("文件名"), max_length=100)
    content_type = models.CharField(gettext_lazy("类型"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report_id", "id"]

    def __str__(self) -> str:
        return self.filename
