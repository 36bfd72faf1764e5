"""Health, readiness and metrics: what a proxy, a load balancer and Prometheus ask, without a login.

- `/health/live`  the process answers (nothing else is asked: a restart would not fix the database).
- `/health/ready` the database answers, has every migration this code needs, and the job queue
                  can be read: send traffic.
- `/health/`      ready, and the queue is being worked off (no job has waited longer than
                  GONGHUI_HEALTH_QUEUE_MAX_WAIT) and the upload storage takes a file: for monitoring.
- `/metrics`      Prometheus text: requests by view, method and status, latencies, the job queue.

Answers name the checks and say "ok" or "unavailable", nothing more: why a check failed (a host
name, a database message) goes to the log, never to the caller.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import os
from typing import Any

import prometheus_client
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from health_check.base import HealthCheck
from health_check.checks import Database, Storage
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView
from prometheus_client import multiprocess
from prometheus_client.core import GaugeMetricFamily


def oldest_queued_job() -> dt.datetime | None:
    from gonghui.core.models import Job

    return (
        Job.objects.filter(status=Job.Status.QUEUED)
        .order_by("id")
        .values_list("created_at", flat=True)
        .first()
    )


@dataclasses.dataclass
class JobQueue(HealthCheck):
    """The job table answers; with `max_wait`, its oldest queued job has waited less than that,
    which means a worker is taking jobs (`manage.py worker`, or the demo's)."""

    max_wait: dt.timedelta | None = None

    async def run(self) -> None:
        # In the request's own thread: its database connection, closed as usual after the request.
        try:
            oldest = await sync_to_async(oldest_queued_job)()
        except DatabaseError as exc:
            raise ServiceUnavailable("job table unreachable") from exc
        if self.max_wait is not None and oldest is not None and timezone.now() - oldest > self.max_wait:
            raise ServiceUnavailable("queued jobs are not being taken")


_migrated = False


def unapplied_migrations() -> int:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


@dataclasses.dataclass
class Migrations(HealthCheck):
    """Every migration of this code is applied: a machine that runs a new version before
    `gonghui-release` migrated the database takes no traffic. Once true, it stays true for the
    process (migrations are not taken back under a running server), so only the first probe
    reads the migration files."""

    async def run(self) -> None:
        global _migrated
        if _migrated:
            return
        try:
            pending = await sync_to_async(unapplied_migrations)()
        except DatabaseError as exc:
            raise ServiceUnavailable("migration table unreachable") from exc
        if pending:
            raise ServiceUnavailable(f"{pending} migrations not applied")
        _migrated = True


def queue_max_wait() -> dt.timedelta:
    return dt.timedelta(seconds=int(getattr(settings, "GONGHUI_HEALTH_QUEUE_MAX_WAIT", 15 * 60)))


class Probe(HealthCheckView):
    """The library's checks, answered as JSON that names each check and nothing else
    (503 when one fails, so that a load balancer takes the machine out)."""

    names: dict[type[HealthCheck], str] = {
        Database: "database",
        Migrations: "migrations",
        JobQueue: "job_queue",
        Storage: "storage",
    }

    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with self.get_executor() as executor:
            self.results = await asyncio.gather(*(c.get_result(executor) for c in self.get_checks()))
        ok = not any(r.error for r in self.results)
        return JsonResponse(
            {
                "status": "ok" if ok else "unavailable",
                "checks": {
                    self.names.get(type(r.check), type(r.check).__name__): "unavailable" if r.error else "ok"
                    for r in self.results
                },
            },
            status=200 if ok else 503,
        )


class Ready(Probe):
    def get_checks(self):  # type: ignore[no-untyped-def]
        yield Database()
        yield Migrations()
        yield JobQueue()


class Health(Probe):
    def get_checks(self):  # type: ignore[no-untyped-def]
        yield Database()
        yield Migrations()
        yield JobQueue(max_wait=queue_max_wait())
        yield Storage()


@never_cache
def live(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


class JobQueueCollector:
    """The job queue as gauges, read from the database at each scrape."""

    def collect(self) -> Any:
        from django.db.models import Count

        from gonghui.core.models import Job

        jobs = GaugeMetricFamily("gonghui_jobs", "Background jobs waiting or running", labels=["status"])
        wait = GaugeMetricFamily(
            "gonghui_job_oldest_queued_seconds", "How long the oldest queued job has waited (0 when none)"
        )
        try:
            counts = dict(
                Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
                .values_list("status")
                .annotate(n=Count("id"))
                .values_list("status", "n")
            )
            oldest = oldest_queued_job()
        except DatabaseError:
            return  # the scrape still answers; /health/ready says what is wrong
        for status in (Job.Status.QUEUED, Job.Status.RUNNING):
            jobs.add_metric([status.value], counts.get(status.value, 0))
        wait.add_metric([], (timezone.now() - oldest).total_seconds() if oldest else 0.0)
        yield jobs
        yield wait


@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    """Every worker process's counters (prometheus_client's multiprocess mode under gunicorn,
    PROMETHEUS_MULTIPROC_DIR) or this process's, and the job queue."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = prometheus_client.CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = prometheus_client.REGISTRY
    queue = prometheus_client.CollectorRegistry(auto_describe=True)
    queue.register(JobQueueCollector())  # type: ignore[arg-type]
    body = prometheus_client.generate_latest(registry) + prometheus_client.generate_latest(queue)
    return HttpResponse(body, content_type=prometheus_client.CONTENT_TYPE_LATEST)
