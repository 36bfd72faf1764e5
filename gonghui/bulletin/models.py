"""The work bulletin: publications, issues with sections and articles, submissions from units,
and the facts suggested from published articles."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.modelparts import Created, Named, Titled

from .parser import DEFAULT_SECTION_NAMES


def default_sections() -> list[str]:
    return list(DEFAULT_SECTION_NAMES)


class Bulletin(Created):
    """A publication run by one union (the province's 《工作简报》; any union may run its own)."""

    org = fields.union(gettext_lazy("主办工会"), related_name="bulletins")
    name = models.CharField(gettext_lazy("刊名"), max_length=40, default="工作简报")
    office = models.CharField(gettext_lazy("编印单位"), max_length=60, blank=True)
    sections = models.JSONField(gettext_lazy("默认栏目"), default=default_sections)

    class Meta:
        ordering = ["org__path", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="bulletin_unique_org_name")]
        verbose_name = verbose_name_plural = "简报"

    def __str__(self) -> str:
        return f"{self.org.name}《{self.name}》"


class IssueStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("编辑中")
    PUBLISHED = "published", gettext_lazy("已发布")


class Issue(Created):
    bulletin = models.ForeignKey(
        Bulletin, on_delete=models.PROTECT, related_name="issues", verbose_name=gettext_lazy("简报")
    )
    year = models.PositiveSmallIntegerField(gettext_lazy("年度"), editable=False)
    number = models.PositiveIntegerField(gettext_lazy("期号"))
    date = models.DateField(gettext_lazy("日期"))
    masthead = models.CharField(gettext_lazy("刊头"), max_length=40)
    office = models.CharField(gettext_lazy("编印单位"), max_length=60, blank=True)
    status = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    imported = models.BooleanField(gettext_lazy("由旧简报导入"), default=False)
    published_at = models.DateTimeField(gettext_lazy("发布时间"), null=True, blank=True)
    published_by = fields.person()
    created_by = fields.person()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "year", "number"], name="issue_unique_number_per_year"
            )
        ]
        indexes = [models.Index(fields=["bulletin", "status", "-date"], name="issue_bulletin_status_date")]
        verbose_name = verbose_name_plural = "期"

    def __str__(self) -> str:
        return f"{self.masthead} {self.label}"

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.number}期"

    @property
    def file_stem(self) -> str:
        """The name its DOCX and PDF are saved under: 工作简报2013年第5期."""
        return f"{self.masthead}{self.year}年第{self.number}期"

    @property
    def is_draft(self) -> bool:
        return self.status == IssueStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == IssueStatus.PUBLISHED


class Section(Named):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="sections")
    name = models.CharField(gettext_lazy("栏目"), max_length=20)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["issue", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["issue", "name"], name="section_unique_name")]
        verbose_name = verbose_name_plural = "栏目"


class Article(Created):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="articles")
    section = fields.optional(Section, gettext_lazy("栏目"), related_name="articles")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(gettext_lazy("标题"), max_length=200, blank=True)
    body = models.TextField(gettext_lazy("正文"))
    source = models.CharField(
        gettext_lazy("署名"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy("如：茂名市总工会办公室  梁冲"),
    )
    units = models.JSONField(gettext_lazy("供稿单位"), default=list, blank=True)
    authors = models.JSONField(gettext_lazy("作者"), default=list, blank=True)
    from_submission = models.OneToOneField(
        "Submission", null=True, blank=True, on_delete=models.SET_NULL, related_name="article"
    )

    class Meta:
        ordering = ["issue", "section__order", "order", "id"]
        verbose_name = verbose_name_plural = "文章"

    def __str__(self) -> str:
        return self.title or self.body[:30]

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n") if p.strip()]

    @property
    def attribution(self) -> str:
        """The line printed after the article: （茂名市总工会办公室  梁冲）."""
        return f"（{self.source}）" if self.source else ""


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("草稿")
    SUBMITTED = "submitted", gettext_lazy("待审")
    ADOPTED = "adopted", gettext_lazy("已采用")
    RETURNED = "returned", gettext_lazy("已退回")
    DECLINED = "declined", gettext_lazy("未采用")


class Submission(Titled, Created):
    """An item a union sends to a bulletin of a union above it (信息报送)."""

    org = fields.union(gettext_lazy("报送单位"), related_name="bulletin_submissions")
    bulletin = models.ForeignKey(
        Bulletin, on_delete=models.PROTECT, related_name="submissions", verbose_name=gettext_lazy("报送刊物")
    )
    title = models.CharField(gettext_lazy("标题"), max_length=200)
    body = models.TextField(gettext_lazy("正文"))
    unit = models.CharField(
        gettext_lazy("供稿单位"),
        max_length=100,
        blank=True,
        help_text=gettext_lazy("署名中的单位，如：茂名市总工会办公室"),
    )
    authors = models.CharField(
        gettext_lazy("作者"), max_length=100, blank=True, help_text=gettext_lazy("多位作者用空格或顿号分隔")
    )
    status = models.CharField(
        gettext_lazy("状态"),
        max_length=16,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
        db_index=True,
    )
    section = models.CharField(gettext_lazy("采用栏目"), max_length=20, blank=True)
    created_by = fields.person()
    submitted_at = models.DateTimeField(gettext_lazy("首次报送时间"), null=True, blank=True)
    reviewed_by = fields.person()
    reviewed_at = models.DateTimeField(gettext_lazy("审稿时间"), null=True, blank=True)
    review_comment = models.TextField(gettext_lazy("审稿意见"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["bulletin", "status"], name="submission_bulletin_status"),
            models.Index(fields=["submitted_at"], name="submission_submitted_at"),
        ]
        verbose_name = verbose_name_plural = "报送稿件"

    @property
    def source(self) -> str:
        """The attribution as a bulletin prints it: unit and authors two spaces apart."""
        parts = [self.unit or self.org.name, *self.author_list]
        return "  ".join(p for p in parts if p)

    @property
    def awaits_changes(self) -> bool:
        """Returned by the editors: the union changes it and sends it again (修改后重新报送)."""
        return self.status == SubmissionStatus.RETURNED

    @property
    def author_list(self) -> list[str]:
        return [a for a in self.authors.replace("、", " ").replace("，", " ").replace(",", " ").split() if a]


def photo_path(instance: SubmissionPhoto, filename: str) -> str:
    # The uploader's file name is not kept in the path: it may hold anything.
    ext = "png" if instance.content_type == "image/png" else "jpg"
    return f"bulletin/photos/{timezone.now():%Y/%m}/{instance.submission_id}-{uuid.uuid4().hex}.{ext}"


class SubmissionPhoto(Created):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(gettext_lazy("图片"), upload_to=photo_path, max_length=200)
    caption = models.CharField(gettext_lazy("图片说明"), max_length=100, blank=True)
    content_type = models.CharField(max_length=40, default="image/jpeg")

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "稿件图片"

    def __str__(self) -> str:
        return self.caption or self.image.name or ""


class SubmissionEvent(models.Model):
    """The history of one submission, shown to the submitting unit and the editors."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = fields.person()
    action = models.CharField(gettext_lazy("操作"), max_length=16)
    from_status = models.CharField(max_length=16, choices=SubmissionStatus.choices)
    to_status = models.CharField(max_length=16, choices=SubmissionStatus.choices)
    comment = models.TextField(gettext_lazy("意见"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = verbose_name_plural = "稿件记录"

    def __str__(self) -> str:
        return f"{self.submission} {self.from_status}→{self.to_status}"


class FactKind(models.TextChoices):
    DATE = "date", gettext_lazy("日期")
    ORG = "org", gettext_lazy("工会组织")
    MEETING = "meeting", gettext_lazy("会议")
    PERSON = "person", gettext_lazy("人物职务")
    ELECTION = "election", gettext_lazy("选举")
    MONEY = "money", gettext_lazy("金额")
    COUNT = "count", gettext_lazy("数量")


class FactStatus(models.TextChoices):
    SUGGESTED = "suggested", gettext_lazy("待确认")
    ACCEPTED = "accepted", gettext_lazy("已采纳")
    DISMISSED = "dismissed", gettext_lazy("已忽略")


class FactSuggestion(models.Model):
    """A fact found in a published article, for an editor to accept into the meetings and
    honours records (those modules consume accepted suggestions)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(gettext_lazy("类别"), max_length=16, choices=FactKind.choices)
    text = models.CharField(gettext_lazy("原文"), max_length=300)
    value = models.JSONField(gettext_lazy("内容"), default=dict)
    start = models.PositiveIntegerField(default=0)
    end = models.PositiveIntegerField(default=0)
    occurrences = models.PositiveSmallIntegerField(gettext_lazy("出现次数"), default=1)
    matched_org = fields.loose("orgs.Org", gettext_lazy("对应组织"))
    status = models.CharField(
        gettext_lazy("状态"),
        max_length=16,
        choices=FactStatus.choices,
        default=FactStatus.SUGGESTED,
        db_index=True,
    )
    decided_by = fields.person()
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["article", "start", "id"]
        indexes = [models.Index(fields=["kind", "status"], name="fact_kind_status")]
        verbose_name = verbose_name_plural = "事实建议"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.text}"

    @property
    def summary(self) -> str:
        """The fact in a few words, for the editor's page: 第12届第6次全委会, 600 户家庭 …"""
        v = self.value
        approx = "约" if v.get("approx") else ""
        if self.kind == FactKind.DATE:
            when = f"{v['year']}年" if v.get("year") else ""
            when += f"{v['month']}月" + (f"{v['day']}日" if v.get("day") else "")
            if v.get("end_day"):
                end_month = v.get("end_month")
                when += (
                    "至"
                    + (f"{end_month}月" if end_month and end_month != v["month"] else "")
                    + f"{v['end_day']}日"
                )
            return when
        if self.kind == FactKind.MEETING:
            enlarged = "（扩大）" if v.get("enlarged") else ""
            where = f"{v['org']} " if v.get("org") else ""
            return f"{where}第{v.get('term')}届第{v.get('session')}次{v.get('kind', '')}{enlarged}"
        if self.kind == FactKind.PERSON:
            return f"{v.get('name', '')} · {v.get('post', '')}"
        if self.kind == FactKind.ELECTION:
            names = "、".join(v.get("names") or [])
            count = v.get("count") or 0
            many = f"等 {count} 人" if count > len(v.get("names") or []) else ""
            unanimous = "（全票）" if v.get("unanimous") else ""
            return f"{names}{many} {v.get('action', '')}{unanimous} {v.get('post', '')}"
        if self.kind == FactKind.MONEY:
            return f"{approx}{v.get('amount_yuan')} 元"
        if self.kind == FactKind.COUNT:
            return f"{approx}{v.get('n')} {v.get('unit', '')}{v.get('noun', '')}"
        return str(v.get("name") or self.text)
