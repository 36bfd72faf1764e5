"""Bookings, consultation threads (content encrypted) and knowledge articles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.crypto import EncryptedTextField
from gonghui.kernel.modelparts import Stamped, Titled

from .centres import Centre, Provider, Room, Service


class Booking(Stamped):
    class Status(models.TextChoices):
        BOOKED = "booked", gettext_lazy("已预约")
        CANCELLED = "cancelled", gettext_lazy("已取消")
        ATTENDED = "attended", gettext_lazy("已到访")
        NO_SHOW = "no_show", gettext_lazy("爽约")

    class Channel(models.TextChoices):
        ONLINE = "online", gettext_lazy("会员网上预约")
        OFFICER = "officer", gettext_lazy("工会代为预约")

    # Every state but a cancellation holds the provider's (and the room's) time.
    HOLDING = ("booked", "attended", "no_show")

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="bookings")
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="bookings", verbose_name=gettext_lazy("咨询师/律师")
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="bookings", verbose_name=gettext_lazy("服务")
    )
    room = fields.optional(Room, gettext_lazy("功能室"), related_name="bookings")
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="service_bookings",
        verbose_name=gettext_lazy("会员"),
    )
    starts_at = models.DateTimeField(gettext_lazy("开始时间"))
    ends_at = models.DateTimeField(gettext_lazy("结束时间"))
    status = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=Status.choices, default=Status.BOOKED
    )
    channel = models.CharField(gettext_lazy("预约方式"), max_length=16, choices=Channel.choices)
    note = EncryptedTextField(gettext_lazy("预约说明"), blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    cancelled_at = models.DateTimeField(gettext_lazy("取消时间"), null=True, blank=True)
    cancel_reason = models.CharField(gettext_lazy("取消原因"), max_length=200, blank=True)
    reminded_at = models.DateTimeField(gettext_lazy("提醒时间"), null=True, blank=True)
    marked_at = models.DateTimeField(gettext_lazy("登记到访时间"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(gettext_lazy("满意度"), null=True, blank=True)
    feedback = models.CharField(gettext_lazy("评价"), max_length=500, blank=True)
    feedback_at = models.DateTimeField(gettext_lazy("评价时间"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="booking_end_after_start"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="booking_rating_1_5"
            ),
            # No double booking on PostgreSQL: the exclusion constraints on (provider, time range)
            # and (room, time range) are created by migration 0001 (RunSQL, PostgreSQL only).
        ]
        indexes = [
            models.Index(fields=["provider", "starts_at"], name="booking_provider_start"),
            models.Index(fields=["member", "starts_at"], name="booking_member_start"),
            models.Index(fields=["centre", "starts_at"], name="booking_centre_start"),
            models.Index(fields=["status", "starts_at"], name="booking_status_start"),
        ]
        verbose_name = verbose_name_plural = "预约"

    def __str__(self) -> str:
        return f"{self.provider} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def awaits_feedback(self) -> bool:
        """An attended session the member has not rated yet (each is rated once)."""
        return self.status == self.Status.ATTENDED and self.rating is None


class Thread(Stamped):
    class Status(models.TextChoices):
        OPEN = "open", gettext_lazy("咨询中")
        CLOSED = "closed", gettext_lazy("已结束")

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="threads")
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="threads", verbose_name=gettext_lazy("咨询师/律师")
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="service_threads",
        verbose_name=gettext_lazy("会员"),
    )
    subject = EncryptedTextField(gettext_lazy("主题"))
    status = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    last_at = models.DateTimeField(gettext_lazy("最近留言时间"))

    class Meta:
        ordering = ["-last_at", "-id"]
        indexes = [
            models.Index(fields=["member", "last_at"], name="thread_member_last"),
            models.Index(fields=["provider", "last_at"], name="thread_provider_last"),
        ]
        verbose_name = verbose_name_plural = "在线咨询"

    def __str__(self) -> str:
        return f"在线咨询 #{self.pk}"

    @property
    def ended(self) -> bool:
        """Closed: no more messages (a new question is a new consultation)."""
        return self.status == self.Status.CLOSED


class Message(Stamped):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_provider = models.BooleanField(default=False)
    body = EncryptedTextField(gettext_lazy("内容"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = verbose_name_plural = "咨询留言"

    def __str__(self) -> str:
        return f"留言 #{self.pk}"


class Article(Titled, Stamped):
    class Category(models.TextChoices):
        MENTAL = "mental", gettext_lazy("心理健康")
        LEGAL = "legal", gettext_lazy("法律知识")
        NOTICE = "notice", gettext_lazy("中心动态")

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="articles")
    category = models.CharField(gettext_lazy("栏目"), max_length=16, choices=Category.choices)
    title = models.CharField(gettext_lazy("标题"), max_length=100)
    body = models.TextField(gettext_lazy("正文"))
    published = models.BooleanField(gettext_lazy("已发布"), default=False)
    published_at = models.DateTimeField(gettext_lazy("发布时间"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = verbose_name_plural = "知识文章"
