"""Long work in a worker, with progress in the database.

A module names its job handlers in its `module.py` (`jobs={kind: handler}`) and its periodic work
(`periodic=(Periodic(...),)`); a page or command enqueues a job; the worker (`manage.py worker`,
or a thread inside the demo server) claims queued jobs one at a time and runs them, and between
jobs does each module's periodic work when it is due. A handler reports progress with `report(done, total, message)`; those updates commit
at once, so call it outside the handler's own final transaction. A handler that raises `JobError`
(or a `ValidationError`) fails the job with that message, in Chinese, and must leave nothing
behind: do the write in one transaction at the end.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from gonghui.kernel.audit import audit
from gonghui.kernel.registry import registry

from .models import Job

log = logging.getLogger(__name__)


class JobError(Exception):
    """A failure to show to the user as it is."""


class Report(Protocol):
    def __call__(self, done: int, total: int | None = None, message: str = "") -> None: ...


Handler = Callable[[Job, Report], dict[str, Any]]
_last_run: dict[str, float] = {}


def run_housekeeping(*, force: bool = False) -> None:
    """Each module's periodic work that is due (all of it with `force`)."""
    now = time.monotonic()
    for p in registry.periodic():
        if not force and now - _last_run.get(p.name, -1e18) < p.every:
            continue
        _last_run[p.name] = now
        try:
            p.run()
        except Exception:  # one broken check must not stop the others or the worker
            log.exception("periodic work %s", p.name)


@transaction.atomic
def job_enqueue(*, actor: Any, kind: str, org: Any = None, params: dict[str, Any], title: str = "") -> Job:
    if kind not in registry.job_kinds():
        raise ValueError(f"no handler for job kind {kind!r}")
    job = Job.objects.create(kind=kind, title=title, org=org, created_by=actor, params=params)
    audit(actor=actor, action="job.enqueue", obj=job, org=org, detail={"kind": kind, "title": title})
    return job


def _reporter(job: Job) -> Report:
    last = [0.0]

    def report(done: int, total: int | None = None, message: str = "") -> None:
        # At most a few writes a second, whatever the handler's loop does.
        now = time.monotonic()
        if now - last[0] < 0.25 and (total is None or done < total):
            return
        last[0] = now
        fields: dict[str, Any] = {"done": done, "message": message[:200]}
        if total is not None:
            fields["total"] = total
        Job.objects.filter(pk=job.pk).update(**fields)

    return report


def job_run(job: Job) -> Job:
    """Run one claimed job to the end; never raises for a handler failure."""
    handler = registry.job_handler(job.kind)
    try:
        result = handler(job, _reporter(job))
    except (JobError, ValidationError) as exc:
        message = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, error=message, finished_at=timezone.now()
        )
    except Exception:
        # The traceback (file paths, code) goes to the log; the person gets a message and the
        # job's number, which the log line carries too.
        log.exception("job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED,
            error=f"任务执行出错（任务编号 {job.pk}），没有保存任何数据。错误已记入系统日志，请联系系统管理员。",
            finished_at=timezone.now(),
        )
    else:
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.DONE, result=result or {}, finished_at=timezone.now(), message=""
        )
    job.refresh_from_db()
    return job


def job_claim_next() -> Job | None:
    """Take the oldest queued job; two workers never take the same one."""
    with transaction.atomic():
        qs = Job.objects.filter(status=Job.Status.QUEUED).order_by("id")
        if connection.vendor == "postgresql":
            qs = qs.select_for_update(skip_locked=True)
        job = qs.first()
        if job is None:
            return None
        claimed = Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
            status=Job.Status.RUNNING, started_at=timezone.now()
        )
        if not claimed:
            return None
    job.refresh_from_db()
    return job


def job_run_now(job: Job) -> Job:
    """Run this queued job in the caller's thread (a small import answered in the request);
    if the worker already took it, leave it there."""
    claimed = Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=timezone.now()
    )
    if claimed:
        return job_run(job)
    job.refresh_from_db()
    return job


def job_run_pending(limit: int | None = None) -> int:
    """Run queued jobs in this thread (the worker loop, the tests, the CLI)."""
    ran = 0
    while limit is None or ran < limit:
        job = job_claim_next()
        if job is None:
            break
        job_run(job)
        ran += 1
    return ran


def worker_loop(*, stop: threading.Event, poll: float = 1.0, delay: float = 0.0) -> None:
    # The demo's thread starts inside AppConfig.ready(): wait until the server is up before
    # touching the database.
    stop.wait(delay)
    while not stop.is_set():
        close_old_connections()
        try:
            run_housekeeping()
            if not job_run_pending(limit=1):
                stop.wait(poll)
        except Exception:  # the loop must survive a broken database connection
            log.exception("worker loop")
            stop.wait(poll)


def start_inprocess_worker() -> threading.Event:
    """The demo's worker: a daemon thread in the server process, no extra service."""
    stop = threading.Event()
    threading.Thread(
        target=worker_loop, kwargs={"stop": stop, "delay": 3.0}, name="gonghui-worker", daemon=True
    ).start()
    return stop
