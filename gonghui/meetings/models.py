"""Committees by term with their seats over time, meetings, elections, and passing meetings on.

A committee (第十二届委员会, its 经费审查委员会, 女职工委员会, 常委会) belongs to one union and one term.
A `Seat` is one person holding one post on one committee for a period: joining, changing post and
leaving each close or open a seat, so the roster on any past date is the seats open that day
(`joined_on <= d < left_on`). A 替补 ends the replaced seat on the day the replacement joins.

A meeting's name is formed from its union, term and sequence (names.py), never typed. Elections
are held at a meeting; a confirmed election opens seats for those elected. A meeting of a higher
union marked "to be passed on" gives each union below a `PassOn` task to record when and how.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.modelparts import Attached, Named, Stamped, Titled


class CommitteeKind(models.TextChoices):
    COMMITTEE = "committee", gettext_lazy("委员会")
    STANDING = "standing", gettext_lazy("常务委员会")
    AUDIT = "audit", gettext_lazy("经费审查委员会")
    WOMEN = "women", gettext_lazy("女职工委员会")


class Post(models.TextChoices):
    CHAIR = "chair", gettext_lazy("主席")
    EXEC_VICE_CHAIR = "exec_vice_chair", gettext_lazy("常务副主席")
    VICE_CHAIR = "vice_chair", gettext_lazy("副主席")
    STANDING = "standing", gettext_lazy("常委")
    MEMBER = "member", gettext_lazy("委员")
    AUDIT_HEAD = "audit_head", gettext_lazy("经审委主任")
    AUDIT_VICE = "audit_vice", gettext_lazy("经审委副主任")
    AUDIT_MEMBER = "audit_member", gettext_lazy("经审委员")
    WOMEN_HEAD = "women_head", gettext_lazy("女职委主任")
    WOMEN_VICE = "women_vice", gettext_lazy("女职委副主任")
    WOMEN_MEMBER = "women_member", gettext_lazy("女职委委员")


# The posts each committee has; the first of each list is held by one person at a time.
POSTS_BY_KIND: dict[str, tuple[str, ...]] = {
    CommitteeKind.COMMITTEE: (Post.CHAIR, Post.EXEC_VICE_CHAIR, Post.VICE_CHAIR, Post.MEMBER),
    CommitteeKind.STANDING: (Post.CHAIR, Post.EXEC_VICE_CHAIR, Post.VICE_CHAIR, Post.STANDING),
    CommitteeKind.AUDIT: (Post.AUDIT_HEAD, Post.AUDIT_VICE, Post.AUDIT_MEMBER),
    CommitteeKind.WOMEN: (Post.WOMEN_HEAD, Post.WOMEN_VICE, Post.WOMEN_MEMBER),
}
SINGLE_HOLDER_POSTS = frozenset({Post.CHAIR, Post.EXEC_VICE_CHAIR, Post.AUDIT_HEAD, Post.WOMEN_HEAD})
POST_RANK = {p: i for i, p in enumerate(Post.values)}


class MajorityBasis(models.TextChoices):
    EXPECTED = "expected", gettext_lazy("应到会人数")
    PRESENT = "present", gettext_lazy("实到会人数")


class VotingRules(models.Model):
    """A union's quorum and majority rules; unions below without their own inherit them.
    Defaults (no rules anywhere above): attendance of at least 2/3 of the committee, and more
    than half of the committee's members (应到会人数) voting for a candidate."""

    org = models.OneToOneField("orgs.Org", on_delete=models.PROTECT, related_name="voting_rules")
    quorum_num = models.PositiveSmallIntegerField(gettext_lazy("法定人数（分子）"), default=2)
    quorum_den = models.PositiveSmallIntegerField(gettext_lazy("法定人数（分母）"), default=3)
    majority_basis = models.CharField(
        gettext_lazy("过半数的基数"),
        max_length=16,
        choices=MajorityBasis.choices,
        default=MajorityBasis.EXPECTED,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "选举规则"

    def __str__(self) -> str:
        return f"{self.org} {self.quorum_num}/{self.quorum_den} {self.majority_basis}"


class MergedIn(models.Model):
    """A committee or a meeting of a union that merged into `org`, moved with that union's records:
    its name keeps saying whose it was, and it does not count as `org`'s own (terms, sequences)."""

    merged_from = fields.union(gettext_lazy("原属工会（已并入）"), null=True, blank=True)

    org: Any

    class Meta:
        abstract = True

    @property
    def union(self) -> Any:
        """The union whose it is: the merged one, for one that came with it."""
        return self.merged_from if self.merged_from_id is not None else self.org


class Committee(MergedIn, Stamped):
    org = fields.union(gettext_lazy("工会"), related_name="committees")
    kind = models.CharField(gettext_lazy("委员会类别"), max_length=16, choices=CommitteeKind.choices)
    term = models.PositiveSmallIntegerField(gettext_lazy("届次"))
    starts_on = models.DateField(gettext_lazy("本届起始日期"))
    ends_on = models.DateField(gettext_lazy("本届届满日期"), null=True, blank=True)
    seats_planned = models.PositiveSmallIntegerField(gettext_lazy("委员名额"), null=True, blank=True)

    class Meta:
        ordering = ["org", "-term", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "kind", "term"],
                condition=Q(merged_from__isnull=True),
                name="committee_org_kind_term",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="committee_term_positive",
            ),
        ]
        verbose_name = verbose_name_plural = "委员会"

    def __str__(self) -> str:
        from .names import committee_name

        return committee_name(self)


class JoinedHow(models.TextChoices):
    ELECTED = "elected", gettext_lazy("选举产生")
    ADDED = "added", gettext_lazy("增补")
    REPLACING = "replacing", gettext_lazy("替补")
    BY_ELECTION = "by_election", gettext_lazy("补选")
    POST_CHANGE = "post_change", gettext_lazy("职务变动")
    REGISTERED = "registered", gettext_lazy("登记")


class LeftWhy(models.TextChoices):
    TERM_ENDED = "term_ended", gettext_lazy("届满")
    TRANSFERRED = "transferred", gettext_lazy("调离")
    RESIGNED = "resigned", gettext_lazy("辞职")
    REPLACED = "replaced", gettext_lazy("被替补")
    POST_CHANGE = "post_change", gettext_lazy("职务变动")
    RETIRED = "retired", gettext_lazy("退休")
    DECEASED = "deceased", gettext_lazy("去世")
    REMOVED = "removed", gettext_lazy("罢免")
    OTHER = "other", gettext_lazy("其他")
    MERGED = "merged", gettext_lazy("组织合并")
    DISSOLVED = "dissolved", gettext_lazy("组织撤销")


class Seat(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="seats")
    name = models.CharField(gettext_lazy("姓名"), max_length=50)
    member = fields.loose("members.Member", gettext_lazy("会员档案"))
    title = models.CharField(gettext_lazy("工作单位及职务"), max_length=100, blank=True)
    post = models.CharField(gettext_lazy("职务"), max_length=20, choices=Post.choices)
    joined_on = models.DateField(gettext_lazy("任职日期"))
    joined_how = models.CharField(gettext_lazy("产生方式"), max_length=16, choices=JoinedHow.choices)
    election = fields.optional("Election", related_name="seated")
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by",
        verbose_name=gettext_lazy("替补"),
    )  # fmt: skip
    left_on = models.DateField(gettext_lazy("离任日期"), null=True, blank=True)
    left_why = models.CharField(gettext_lazy("离任原因"), max_length=16, choices=LeftWhy.choices, blank=True)
    left_note = models.CharField(gettext_lazy("离任说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["committee", "joined_on", "id"]
        indexes = [
            models.Index(fields=["committee", "joined_on"], name="seat_committee_joined"),
            models.Index(fields=["committee", "name"], name="seat_committee_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")), name="seat_period_ordered"
            )
        ]
        verbose_name = verbose_name_plural = "委员任职"

    def __str__(self) -> str:
        return f"{self.name}（{self.get_post_display()}）"

    @property
    def is_open(self) -> bool:
        return self.left_on is None


class MeetingKind(models.TextChoices):
    PLENARY = "plenary", gettext_lazy("全体委员会议")
    STANDING = "standing", gettext_lazy("常委会会议")
    AUDIT = "audit", gettext_lazy("经审委会议")
    WOMEN = "women", gettext_lazy("女职委会议")
    CONGRESS = "congress", gettext_lazy("职工代表大会")
    WORK = "work", gettext_lazy("工作会议")
    STUDY = "study", gettext_lazy("学习会")
    OTHER = "other", gettext_lazy("其他会议")


# Which committee holds (and votes at) each kind of committee meeting.
COMMITTEE_OF_MEETING: dict[str, str] = {
    MeetingKind.PLENARY: CommitteeKind.COMMITTEE,
    MeetingKind.STANDING: CommitteeKind.STANDING,
    MeetingKind.AUDIT: CommitteeKind.AUDIT,
    MeetingKind.WOMEN: CommitteeKind.WOMEN,
}


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("草稿")
    RECORDED = "recorded", gettext_lazy("已记录")
    CANCELLED = "cancelled", gettext_lazy("已作废")


class Meeting(MergedIn, Stamped):
    org = fields.union(gettext_lazy("工会"), related_name="meetings")
    kind = models.CharField(gettext_lazy("会议类别"), max_length=16, choices=MeetingKind.choices)
    committee = fields.optional(Committee, related_name="meetings")
    term = models.PositiveSmallIntegerField(gettext_lazy("届次"), null=True, blank=True)
    sequence = models.PositiveSmallIntegerField(gettext_lazy("次序"), null=True, blank=True)
    enlarged = models.BooleanField(gettext_lazy("扩大会议"), default=False)
    subject = models.CharField(
        gettext_lazy("会议名称"), max_length=100, blank=True, help_text=gettext_lazy("非届次会议的名称")
    )
    name = models.CharField(gettext_lazy("会议全称"), max_length=200, editable=False)
    held_on = models.DateField(gettext_lazy("会议日期"))
    place = models.CharField(gettext_lazy("会议地点"), max_length=100, blank=True)
    presided_by = models.CharField(gettext_lazy("主持人"), max_length=100, blank=True)
    summary = models.TextField(gettext_lazy("会议纪要"), blank=True)
    guests = models.TextField(gettext_lazy("列席及特邀人员"), blank=True)
    status = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    to_pass_on = models.BooleanField(gettext_lazy("需传达贯彻"), default=False)
    pass_on_due = models.DateField(gettext_lazy("传达期限"), null=True, blank=True)
    pass_on_depth = models.PositiveSmallIntegerField(gettext_lazy("传达到下几级"), default=0)
    source_fact = models.OneToOneField(
        "bulletin.FactSuggestion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_text = models.CharField(gettext_lazy("简报原文"), max_length=300, blank=True)
    created_by = fields.person()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["org", "held_on"], name="meeting_org_held")]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "kind", "term", "sequence"],
                condition=~Q(status="cancelled") & Q(sequence__isnull=False) & Q(merged_from__isnull=True),
                name="meeting_sequence_unique",
            )
        ]
        verbose_name = verbose_name_plural = "会议"

    def __str__(self) -> str:
        return self.name


class Attendance(Named):
    class Role(models.TextChoices):
        MEMBER = "member", gettext_lazy("委员")
        GUEST = "guest", gettext_lazy("列席")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    seat = fields.optional(Seat)
    name = models.CharField(gettext_lazy("姓名"), max_length=50)
    title = models.CharField(gettext_lazy("职务"), max_length=100, blank=True)
    role = models.CharField(gettext_lazy("身份"), max_length=16, choices=Role.choices)
    present = models.BooleanField(gettext_lazy("出席"), default=True)
    absence_note = models.CharField(gettext_lazy("缺席原因"), max_length=100, blank=True)

    class Meta:
        ordering = ["meeting", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "seat"], condition=Q(seat__isnull=False), name="attendance_one_per_seat"
            )
        ]


class AgendaKind(models.TextChoices):
    WORK_REPORT = "work_report", gettext_lazy("工作报告")
    AUDIT_REPORT = "audit_report", gettext_lazy("经审工作报告")
    BUDGET = "budget", gettext_lazy("经费预算")
    SPEECH = "speech", gettext_lazy("讲话")
    PASS_ON = "pass_on", gettext_lazy("传达学习")
    ELECTION = "election", gettext_lazy("选举")
    COMMENDATION = "commendation", gettext_lazy("表彰")
    OTHER = "other", gettext_lazy("其他议程")


class AgendaOutcome(models.TextChoices):
    HEARD = "heard", gettext_lazy("听取")
    ADOPTED = "adopted", gettext_lazy("审议通过")
    NONE = "", "—"


class AgendaItem(Titled):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(gettext_lazy("顺序"), default=0)
    kind = models.CharField(gettext_lazy("议程类别"), max_length=16, choices=AgendaKind.choices)
    title = models.CharField(gettext_lazy("议题"), max_length=200)
    speaker = models.CharField(gettext_lazy("报告人/讲话人"), max_length=50, blank=True)
    speaker_post = models.CharField(gettext_lazy("职务"), max_length=100, blank=True)
    outcome = models.CharField(gettext_lazy("结果"), max_length=16, choices=AgendaOutcome.choices, blank=True)

    class Meta:
        ordering = ["meeting", "order", "id"]


def document_path(instance: MeetingDocument, filename: str) -> str:
    import uuid
    from pathlib import PurePath

    return f"meetings/{instance.meeting_id}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:10]}"


class MeetingDocument(Attached):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(gettext_lazy("文件名称"), max_length=200)
    file = models.FileField(gettext_lazy("文件"), upload_to=document_path, max_length=200)
    uploaded_by = fields.person()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "id"]


class ElectionKind(models.TextChoices):
    ELECT = "elect", gettext_lazy("选举")
    ADD = "add", gettext_lazy("增补")
    REPLACE = "replace", gettext_lazy("替补")
    BY_ELECTION = "by_election", gettext_lazy("补选")


JOINED_BY_ELECTION = {
    ElectionKind.ELECT: JoinedHow.ELECTED,
    ElectionKind.ADD: JoinedHow.ADDED,
    ElectionKind.REPLACE: JoinedHow.REPLACING,
    ElectionKind.BY_ELECTION: JoinedHow.BY_ELECTION,
}


class ElectionStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("待确认")
    CONFIRMED = "confirmed", gettext_lazy("已确认")
    CANCELLED = "cancelled", gettext_lazy("已作废")


class Election(Stamped):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="elections")
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="elections", verbose_name=gettext_lazy("选入委员会")
    )
    kind = models.CharField(gettext_lazy("选举方式"), max_length=16, choices=ElectionKind.choices)
    post = models.CharField(gettext_lazy("选举职务"), max_length=20, choices=Post.choices)
    seats = models.PositiveSmallIntegerField(gettext_lazy("应选人数"))
    ballots_issued = models.PositiveIntegerField(gettext_lazy("发出选票"), null=True, blank=True)
    ballots_returned = models.PositiveIntegerField(gettext_lazy("收回选票"), null=True, blank=True)
    ballots_valid = models.PositiveIntegerField(gettext_lazy("有效选票"), null=True, blank=True)
    quorum_num = models.PositiveSmallIntegerField(gettext_lazy("法定人数（分子）"), null=True, blank=True)
    quorum_den = models.PositiveSmallIntegerField(gettext_lazy("法定人数（分母）"), null=True, blank=True)
    majority_basis = models.CharField(
        gettext_lazy("过半数的基数"), max_length=16, choices=MajorityBasis.choices, blank=True
    )
    status = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=ElectionStatus.choices, default=ElectionStatus.DRAFT
    )
    result = models.JSONField(gettext_lazy("计票结果"), default=dict, blank=True)
    confirmed_by = fields.person()
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = verbose_name_plural = "选举"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}{self.committee}{self.get_post_display()}"


class Candidate(Named):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    name = models.CharField(gettext_lazy("姓名"), max_length=50)
    member = fields.loose("members.Member")
    title = models.CharField(gettext_lazy("工作单位及职务"), max_length=100, blank=True)
    votes = models.PositiveIntegerField(gettext_lazy("赞成票"), null=True, blank=True)
    replaces = fields.optional(Seat, gettext_lazy("替补谁"))
    elected = models.BooleanField(gettext_lazy("当选"), default=False)

    class Meta:
        ordering = ["election", "id"]


class PassOnHow(models.TextChoices):
    MEETING = "meeting", gettext_lazy("召开会议传达")
    STUDY = "study", gettext_lazy("组织专题学习")
    PARTY_GROUP = "party_group", gettext_lazy("党组（中心组）学习")
    DOCUMENT = "document", gettext_lazy("印发文件")
    OTHER = "other", gettext_lazy("其他方式")


class PassOnStatus(models.TextChoices):
    PENDING = "pending", gettext_lazy("未传达")
    DONE = "done", gettext_lazy("已传达")


class PassOn(models.Model):
    """One union's task to pass on a higher union's meeting (传达贯彻), and how it did."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pass_ons")
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="pass_ons")
    status = models.CharField(max_length=16, choices=PassOnStatus.choices, default=PassOnStatus.PENDING)
    on = models.DateField(gettext_lazy("传达日期"), null=True, blank=True)
    how = models.CharField(gettext_lazy("传达方式"), max_length=16, choices=PassOnHow.choices, blank=True)
    note = models.CharField(gettext_lazy("情况说明"), max_length=300, blank=True)
    via = fields.loose(Meeting, gettext_lazy("传达会议"), related_name="passed_on")
    recorded_by = fields.person()
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "org__path"]
        constraints = [models.UniqueConstraint(fields=["meeting", "org"], name="passon_meeting_org")]
        indexes = [models.Index(fields=["org", "status"], name="passon_org_status")]
        verbose_name = verbose_name_plural = "传达贯彻"

    def __str__(self) -> str:
        return f"{self.org} · {self.meeting}"
