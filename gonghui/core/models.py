from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from gonghui.kernel import fields
from gonghui.kernel.modelparts import Created


class AuditEntry(models.Model):
    """One row per write, made in the same transaction as the write. Append-only: the model
    refuses updates and deletes, and on PostgreSQL a trigger refuses them too."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = fields.person()
    # Kept from readers of the log (`actor_shown`): a worker's own steps on a request for help
    # filed anonymously towards their employer, whose union's officers read this log.
    actor_hidden = models.BooleanField(default=False)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    org = fields.optional("orgs.Org", related_name="audit_entries")
    ip = models.GenericIPAddressField(null=True, blank=True)
    via = models.CharField(max_length=16, default="web")
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["org", "-at"], name="audit_org_at")]
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise RuntimeError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("audit entries are append-only")

    @property
    def actor_shown(self) -> str:
        """Who acted, as the log's readers see it."""
        if self.actor_hidden:
            return str(gettext_lazy("匿名职工"))
        if self.actor is None:
            return str(gettext_lazy("系统"))
        return str(self.actor.display_name)


class Job(Created):
    """A long piece of work (import, export, batch payment, report rebuild) run by the worker,
    with its progress stored here so that a page or the CLI can show it."""

    class Status(models.TextChoices):
        QUEUED = "queued", gettext_lazy("排队中")
        RUNNING = "running", gettext_lazy("进行中")
        DONE = "done", gettext_lazy("已完成")
        FAILED = "failed", gettext_lazy("失败")

    kind = models.CharField(gettext_lazy("任务类型"), max_length=64)
    title = models.CharField(gettext_lazy("任务"), max_length=200, blank=True)
    status = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    org = fields.optional("orgs.Org")
    created_by = fields.person()
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    message = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The queue's side (gonghui/core/jobs.py): the task that runs the current attempt, how many
    # attempts have started, and the running worker's name and last sign of life.
    task_id = models.CharField(max_length=36, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=64, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "id"], name="job_status_id")]
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"

    def __str__(self) -> str:
        return self.title or self.kind

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def succeeded(self) -> bool:
        return self.status == self.Status.DONE


class PeriodicSlot(models.Model):
    """One period of one module's periodic work, taken by the first worker that reaches it: the
    work is queued once per period however many workers run."""

    name = models.CharField(max_length=100)
    slot = models.BigIntegerField()  # seconds since the epoch // the period
    queued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "slot"], name="periodic_slot_once")]
        verbose_name = "定时任务时段"
        verbose_name_plural = "定时任务时段"

    def __str__(self) -> str:
        return f"{self.name}@{self.slot}"


class MonthFigure(models.Model):
    """A key figure of a union's whole subtree as it stood at the end of a month (the current
    month's row is kept up to date until the month ends): what the home compares today's
    figure with ("+1,204 较上月"). History, like the audit log: it stays on the union it was
    counted for."""

    org = models.ForeignKey("orgs.Org", on_delete=models.CASCADE, related_name="+", db_index=False)
    month = models.DateField()  # the first day of the month
    key = models.CharField(max_length=32)
    value = models.DecimalField(max_digits=16, decimal_places=2)
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "month", "key"], name="monthfigure_once")]
        verbose_name = "月末关键数据"
        verbose_name_plural = "月末关键数据"

    def __str__(self) -> str:
        return f"{self.org_id} {self.month:%Y-%m} {self.key}={self.value}"


class Generation(models.Model):
    """One row: a number that every committed write moves on (`gonghui.core.generation`), so
    that pages kept for a moment in each server process know when what they show has changed."""

    n = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "数据版本"

    def __str__(self) -> str:
        return str(self.n)
