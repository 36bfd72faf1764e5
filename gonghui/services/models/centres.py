"""Centres, their rooms and services, providers and their hours."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.modelparts import Named, Stamped


class ServiceKind(models.TextChoices):
    COUNSELLING = "counselling", gettext_lazy("心理咨询")
    ASSESSMENT = "assessment", gettext_lazy("心理测评")
    LEGAL = "legal", gettext_lazy("法律咨询")
    GROUP = "group", gettext_lazy("团体辅导")
    OTHER = "other", gettext_lazy("其他服务")


class ProviderKind(models.TextChoices):
    COUNSELLOR = "counsellor", gettext_lazy("心理咨询师")
    LAWYER = "lawyer", gettext_lazy("律师")


class Centre(Named, Stamped):
    org = fields.union(gettext_lazy("主办工会"), related_name="service_centres")
    name = models.CharField(gettext_lazy("中心名称"), max_length=100)
    address = models.CharField(gettext_lazy("地址"), max_length=200, blank=True)
    phone = models.CharField(gettext_lazy("服务电话"), max_length=40, blank=True)
    functions = models.CharField(
        gettext_lazy("功能设置"),
        max_length=300,
        blank=True,
        help_text=gettext_lazy("如 心理咨询室、心理测评区"),
    )
    intro = models.TextField(gettext_lazy("简介"), blank=True)
    supervisor = fields.person(related_name="supervised_centres", verbose_name=gettext_lazy("督导"))
    active = models.BooleanField(gettext_lazy("开放"), default=True)

    class Meta:
        ordering = ["org__path", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="centre_org_name")]
        verbose_name = verbose_name_plural = "服务中心"

    @property
    def function_list(self) -> list[str]:
        return [f for f in self.functions.replace("，", "、").replace(",", "、").split("、") if f.strip()]


class Room(Named):
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="rooms")
    name = models.CharField(gettext_lazy("房间名称"), max_length=50)
    purpose = models.CharField(gettext_lazy("用途"), max_length=100, blank=True)
    active = models.BooleanField(gettext_lazy("可用"), default=True)

    class Meta:
        ordering = ["centre", "name"]
        constraints = [models.UniqueConstraint(fields=["centre", "name"], name="room_centre_name")]
        verbose_name = verbose_name_plural = "功能室"


class Service(Named):
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="services")
    kind = models.CharField(gettext_lazy("类别"), max_length=16, choices=ServiceKind.choices)
    name = models.CharField(gettext_lazy("服务名称"), max_length=50)
    description = models.CharField(gettext_lazy("说明"), max_length=300, blank=True)
    active = models.BooleanField(gettext_lazy("开放"), default=True)

    class Meta:
        ordering = ["centre", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["centre", "name"], name="service_centre_name")]
        verbose_name = verbose_name_plural = "服务项目"


class Provider(Named):
    """A counsellor or a lawyer. With a user account they sign in and see their own bookings
    and consultation threads; lawyers are linked to enterprises (律师入企)."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="providers")
    kind = models.CharField(gettext_lazy("类型"), max_length=16, choices=ProviderKind.choices)
    name = models.CharField(gettext_lazy("姓名"), max_length=50)
    title = models.CharField(
        gettext_lazy("资质"),
        max_length=100,
        blank=True,
        help_text=gettext_lazy("如 国家二级心理咨询师、执业律师"),
    )
    bio = models.TextField(gettext_lazy("简介"), blank=True)
    user = fields.person(related_name="provider_profiles", verbose_name=gettext_lazy("登录账号"))
    services = models.ManyToManyField(
        Service, related_name="providers", verbose_name=gettext_lazy("提供的服务")
    )
    units = models.ManyToManyField(
        "units.Unit", related_name="lawyers", blank=True, verbose_name=gettext_lazy("挂钩企业")
    )
    active = models.BooleanField(gettext_lazy("在岗"), default=True)

    class Meta:
        ordering = ["centre", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "user"],
                condition=Q(user__isnull=False),
                name="provider_one_per_user_centre",
            )
        ]
        verbose_name = verbose_name_plural = "咨询师/律师"


WEEKDAYS = [
    (0, "星期一"),
    (1, "星期二"),
    (2, "星期三"),
    (3, "星期四"),
    (4, "星期五"),
    (5, "星期六"),
    (6, "星期日"),
]


class ProviderHours(models.Model):
    """A provider's time from `start` to `end`, cut into slots of `slot_minutes`, in a room or not."""

    start = models.TimeField(gettext_lazy("开始时间"))
    end = models.TimeField(gettext_lazy("结束时间"))
    slot_minutes = models.PositiveSmallIntegerField(gettext_lazy("每次时长（分钟）"), default=50)
    room = fields.optional(Room, gettext_lazy("功能室"))

    class Meta:
        abstract = True


class WeeklySchedule(ProviderHours):
    """Regular hours: every `weekday`, from `valid_from` (to `valid_to`, if it is set)."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="schedules")
    weekday = models.PositiveSmallIntegerField(gettext_lazy("星期"), choices=WEEKDAYS)
    valid_from = models.DateField(gettext_lazy("起始日期"))
    valid_to = models.DateField(gettext_lazy("截止日期"), null=True, blank=True)

    class Meta:
        ordering = ["provider", "weekday", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="schedule_end_after_start"),
            models.CheckConstraint(condition=Q(slot_minutes__gte=10), name="schedule_slot_min"),
        ]
        verbose_name = verbose_name_plural = "每周排班"

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class ScheduleException(ProviderHours):
    class Kind(models.TextChoices):
        EXTRA = "extra", gettext_lazy("加开时段")
        CANCELLED = "cancelled", gettext_lazy("停诊时段")

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="exceptions")
    on = models.DateField(gettext_lazy("日期"))
    kind = models.CharField(gettext_lazy("类型"), max_length=16, choices=Kind.choices)
    note = models.CharField(gettext_lazy("说明"), max_length=100, blank=True)

    class Meta:
        ordering = ["provider", "on", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="exception_end_after_start")
        ]
        verbose_name = verbose_name_plural = "排班调整"

    def __str__(self) -> str:
        return f"{self.on} {self.start:%H:%M}–{self.end:%H:%M} {self.get_kind_display()}"


class Holiday(models.Model):
    """A day the centre is closed: regular hours do not apply (added hours still do)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="holidays")
    on = models.DateField(gettext_lazy("日期"))
    name = models.CharField(gettext_lazy("名称"), max_length=50)

    class Meta:
        ordering = ["centre", "on"]
        constraints = [models.UniqueConstraint(fields=["centre", "on"], name="holiday_centre_on")]
        verbose_name = verbose_name_plural = "闭馆日"

    def __str__(self) -> str:
        return f"{self.on} {self.name}"
