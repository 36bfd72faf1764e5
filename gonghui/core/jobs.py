"""Long work in a worker, with progress in the database, on Django's task framework.

A module names its job handlers in its `module.py` (`jobs={kind: handler}`) and its periodic work
(`periodic=(Periodic(...),)`). A page or command enqueues a job (`job_enqueue`): a `Job` row, the
person's view of the work (progress, result, error), and, in the same transaction, a task of
Django's task framework (the django-tasks backport on its database backend, `django_tasks_db`)
that runs it. Workers (`manage.py worker`, any number on any number of machines) take tasks
from the database without taking one twice (PostgreSQL's `SKIP LOCKED`).

A handler is `handler(job, report) -> dict` (the result shown on the job's page). It reports
progress with `report(done, total, message)`. A handler that raises `JobError` (or a
`ValidationError`) fails the job with that message, in Chinese, and must leave nothing behind:
do the write in one transaction at the end.

What the queue guarantees around that:

- **Done once.** On PostgreSQL the handler runs inside one transaction that also marks the job
  done: a job killed half-way (the worker killed, the machine lost) leaves nothing, and a job
  whose work committed is marked done in that same commit, so it is never run again (a refusal,
  `JobError`, commits with what the handler wrote on purpose before refusing). Progress
  and the heartbeat are written meanwhile by a side thread on its own connection, so the page
  still shows them. (On SQLite, the demo's database, one writer at a time: the handler's own
  final transaction is the unit, as it always was.)
- **Run again.** A passing failure (the database unreachable or restarting, a deadlock, a
  handler's `JobRetry`) is tried again after `GONGHUI_JOB_RETRY_DELAY` seconds, doubling each
  time, up to `GONGHUI_JOB_MAX_ATTEMPTS` attempts. A worker that disappears stops its heartbeat;
  after `GONGHUI_JOB_LEASE` seconds another worker puts the job back in the queue
  (`jobs_recover`). Any other exception is a fault in the code: the job fails at once with a
  message for the person and the traceback in the log.
- **Periodic work once per period.** Each worker queues every module's periodic work when its
  period begins; a `PeriodicSlot` row per (work, period) lets only the first worker do so.
- **Stopping.** SIGTERM lets the running job finish for `GONGHUI_WORKER_GRACE` seconds, then
  interrupts it (nothing of it is kept) and puts it back in the queue (`WorkerStopping`).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    connections,
    transaction,
)
from django.db.models import F, Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_noop
from django_tasks import TaskContext, task
from django_tasks_db.management.commands.db_worker import Worker as TaskWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from gonghui.kernel.audit import audit
from gonghui.kernel.registry import registry

from .models import Job, PeriodicSlot

log = logging.getLogger(__name__)


class JobError(Exception):
    """A failure to show to the user as it is."""


class JobRetry(Exception):
    """A passing failure a handler knows of (a service not answering yet): try again later.
    The message is shown to the person while the job waits."""


class WorkerStopping(BaseException):
    """The worker was told to stop while the job ran: the job goes back in the queue."""


# Failures that say nothing about the job itself: the same job may well succeed later.
PASSING = (OperationalError, InterfaceError, JobRetry)


class Report(Protocol):
    def __call__(self, done: int, total: int | None = None, message: str = "") -> None: ...


Handler = Callable[[Job, Report], dict[str, Any]]

# Progress words stored on the job and translated when the page shows them.
RESTARTED = gettext_noop("后台服务重启，任务已放回队列，将自动重新执行。")
REQUEUED = gettext_noop("后台进程在执行中中断，任务已重新排队。")

CRASHED = "任务执行出错（任务编号 {pk}），没有保存任何数据。错误已记入系统日志，请联系系统管理员。"

_name: tuple[int, str] | None = None


def worker_name() -> str:
    """This process's name in the queue: the machine, the process, a random tail (a restarted
    process may get the same number)."""
    global _name
    if _name is None or _name[0] != os.getpid():
        _name = (os.getpid(), f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(6)}")
    return _name[1]


def _setting(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


def retry_delay(attempt: int) -> float:
    """Seconds before attempt `attempt + 1`: the base delay, doubled after each attempt."""
    return _setting("GONGHUI_JOB_RETRY_DELAY", 30) * 2 ** max(0, attempt - 1)


# -- enqueueing -------------------------------------------------------------------------------


@transaction.atomic
def job_enqueue(*, actor: Any, kind: str, org: Any = None, params: dict[str, Any], title: str = "") -> Job:
    if kind not in registry.job_kinds():
        raise ValueError(f"no handler for job kind {kind!r}")
    job = Job.objects.create(kind=kind, title=title, org=org, created_by=actor, params=params)
    _queue(job)
    audit(actor=actor, action="job.enqueue", obj=job, org=org, detail={"kind": kind, "title": title})
    return job


def _queue(job: Job, *, delay: float = 0) -> None:
    """A task for the job's next attempt, in the caller's transaction: the job and its task are
    committed together or not at all."""
    runner = run_job.using(run_after=timezone.now() + dt.timedelta(seconds=delay)) if delay else run_job
    job.task_id = str(runner.enqueue(job.pk).id)
    Job.objects.filter(pk=job.pk).update(task_id=job.task_id)


# -- running one job ----------------------------------------------------------------------------


@task(takes_context=True)
def run_job(context: TaskContext, job_id: int) -> dict[str, Any]:
    """The task behind every job: claim the job for this attempt, run its handler."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED, task_id=str(context.task_result.id)).update(
        status=Job.Status.RUNNING, attempts=F("attempts") + 1, started_at=now, heartbeat_at=now,
        worker=worker_name(), message="",
    )  # fmt: skip
    if not claimed:  # cancelled, or an older attempt's task: this one is not the job's now
        return {"job": job_id, "skipped": True}
    job = Job.objects.get(pk=job_id)
    return {"job": job_id, "status": _run(job)}


class _Progress:
    """The running job's progress and heartbeat, written by a side thread on its own database
    connection: visible to the person while the handler's transaction is still open, and a sign
    of life for the other workers. The handler's `report` only keeps the latest figures."""

    every = 0.5

    def __init__(self, job: Job) -> None:
        self.job_id, self.worker = job.pk, job.worker
        self.done, self.total, self.message = job.done, job.total, job.message
        self.changed = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=f"gonghui-job-{job.pk}", daemon=True)

    def report(self, done: int, total: int | None = None, message: str = "") -> None:
        self.done, self.message = done, message[:200]
        if total is not None:
            self.total = total
        self.changed = True

    def fields(self) -> dict[str, Any]:
        return {"done": self.done, "total": self.total, "message": self.message}

    def __enter__(self) -> _Progress:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=1)

    def _loop(self) -> None:
        beat = _setting("GONGHUI_JOB_LEASE", 60) / 4
        last_beat = time.monotonic()
        try:
            while not self._stop.wait(self.every):
                if not self.changed and time.monotonic() - last_beat < beat:
                    continue
                self.changed = False
                last_beat = time.monotonic()
                try:
                    Job.objects.filter(pk=self.job_id, status=Job.Status.RUNNING, worker=self.worker).update(
                        heartbeat_at=timezone.now(), **self.fields()
                    )
                except Exception:  # a busy SQLite, a lost connection: the next beat tries again
                    log.debug("job %s: progress not written", self.job_id, exc_info=True)
        finally:
            connections.close_all()  # this thread's own connections


def _whole() -> bool:
    """Whether the handler's work and the job's "done" commit together (PostgreSQL), or the
    handler's own final transaction is the unit (SQLite: one writer at a time, and the progress
    thread must be able to write while the handler reads)."""
    return connection.vendor == "postgresql"


def _run(job: Job) -> str:
    """Run one claimed job to the end; never raises for a handler failure."""
    handler: Handler = registry.job_handler(job.kind)
    try:
        with _Progress(job) as progress:
            if not _whole():
                _finish(job, progress, handler(job, progress.report))
                return Job.Status.DONE
            with transaction.atomic():
                try:
                    result = handler(job, progress.report)
                except (JobError, ValidationError) as exc:
                    if connection.needs_rollback:
                        raise
                    # A refusal is the handler's own answer: what it wrote on purpose before
                    # refusing (a batch put back to draft) commits with the job's failure.
                    _end(job, error=_refusal(exc))
                    return Job.Status.FAILED
                _finish(job, progress, result)
        return Job.Status.DONE
    except (JobError, ValidationError) as exc:
        _end(job, error=_refusal(exc))
    except PASSING as exc:
        _connection_check()
        if job.attempts < _setting("GONGHUI_JOB_MAX_ATTEMPTS", 3):
            reason = str(exc) if isinstance(exc, JobRetry) else "数据库暂时不可用"
            delay = retry_delay(job.attempts)
            log.warning(
                "job %s (%s) attempt %s: %r, again in %.0f s", job.pk, job.kind, job.attempts, exc, delay
            )
            _requeue(
                job,
                delay=delay,
                message=f"第 {job.attempts} 次执行未成功（{reason}），{delay:.0f} 秒后自动重试。",
            )
            return Job.Status.QUEUED
        log.exception("job %s (%s) failed after %s attempts", job.pk, job.kind, job.attempts)
        _end(job, error=CRASHED.format(pk=job.pk))
    except (WorkerStopping, SystemExit, KeyboardInterrupt):
        log.warning("job %s (%s) interrupted by the worker stopping: back in the queue", job.pk, job.kind)
        _connection_check()
        _requeue(job, delay=0, message=RESTARTED, attempt_counts=False)
        raise
    except Exception:
        # The traceback (file paths, code) goes to the log; the person gets a message and the
        # job's number, which the log line carries too.
        log.exception("job %s (%s) failed", job.pk, job.kind)
        _end(job, error=CRASHED.format(pk=job.pk))
    return Job.Status.FAILED


def _refusal(exc: JobError | ValidationError) -> str:
    return "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _finish(job: Job, progress: _Progress, result: dict[str, Any] | None) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE, result=result or {}, finished_at=timezone.now(), heartbeat_at=None,
        **{**progress.fields(), "message": ""},
    )  # fmt: skip


def _end(job: Job, *, error: str) -> None:
    Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
        status=Job.Status.FAILED, error=error, finished_at=timezone.now(), heartbeat_at=None
    )


def _requeue(job: Job, *, delay: float, message: str, attempt_counts: bool = True) -> None:
    with transaction.atomic():
        back = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, worker=job.worker).update(
            status=Job.Status.QUEUED, message=message, heartbeat_at=None, worker="",
            **({} if attempt_counts else {"attempts": F("attempts") - 1}),
        )  # fmt: skip
        if back:
            _queue(job, delay=delay)


def _connection_check() -> None:
    """After a database error outside any transaction, drop a connection that no longer works
    (Django opens a new one on the next query)."""
    if not connection.in_atomic_block:
        connection.close_if_unusable_or_obsolete()


# -- taking tasks -----------------------------------------------------------------------------


def _ready() -> Any:
    return DBTaskResult.objects.ready().filter(backend_name="default")


def _claim(tasks: Any) -> DBTaskResult | None:
    """Take the first of `tasks`; two workers never take the same one."""
    with exclusive_transaction(tasks.db):
        found: DBTaskResult | None = tasks.get_locked()
        if found is not None:
            found.claim(worker_name())
    return found


def _executor() -> TaskWorker:
    """The library's worker, used here for running one task (its status, result and signals)."""
    return TaskWorker(
        queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id=worker_name(), excluded_queue_names=[],
    )  # fmt: skip


def job_claim_next() -> Job | None:
    """Take the next job's task without running it (tools and tests)."""
    found = _claim(_ready().filter(task_path=run_job.module_path))
    if found is None:
        return None
    job_id = found.args_kwargs["args"][0]
    now = timezone.now()
    Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        worker=worker_name(),
    )
    return Job.objects.get(pk=job_id)


def job_run_now(job: Job) -> Job:
    """Run this queued job in the caller's thread (a small import answered in the request);
    if a worker already took it, leave it there."""
    found = _claim(DBTaskResult.objects.filter(pk=job.task_id, status="READY")) if job.task_id else None
    if found is not None:
        _executor().run_task(found)
    job.refresh_from_db()
    return job


def job_run_pending(limit: int | None = None) -> int:
    """Run ready tasks (jobs and periodic work) in this thread (the tests, `worker --once`)."""
    ran, executor = 0, _executor()
    while limit is None or ran < limit:
        found = _claim(_ready())
        if found is None:
            break
        executor.run_task(found)
        ran += 1
    return ran


def jobs_recover(*, lease: float | None = None) -> int:
    """Put back in the queue the jobs whose worker stopped answering (killed, machine lost);
    a job that has used its attempts fails. Any worker may call it: each stale job is taken by
    one of them (row locks), and never one this process is running."""
    lease = _setting("GONGHUI_JOB_LEASE", 60) if lease is None else lease
    now = timezone.now()
    cutoff = now - dt.timedelta(seconds=lease)
    stale = (
        Job.objects.filter(status=Job.Status.RUNNING)
        .filter(Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff))
        .exclude(worker=worker_name())
    )
    recovered = 0
    for job_id in list(stale.values_list("pk", flat=True)[:100]):
        with transaction.atomic():
            job = stale.filter(pk=job_id).select_for_update(skip_locked=True).first()
            if job is None:
                continue
            if job.task_id:
                DBTaskResult.objects.filter(pk=job.task_id, status="RUNNING").update(
                    status="FAILED", finished_at=now, exception_class_path=f"{__name__}.WorkerLost",
                    traceback=f"worker {job.worker} stopped answering for {lease:.0f} s",
                )  # fmt: skip
            log.warning("job %s (%s): worker %s lost, attempt %s", job.pk, job.kind, job.worker, job.attempts)
            if job.attempts >= _setting("GONGHUI_JOB_MAX_ATTEMPTS", 3):
                Job.objects.filter(pk=job.pk).update(
                    status=Job.Status.FAILED, finished_at=now, heartbeat_at=None,
                    error=f"后台进程在执行任务时中断，已尝试 {job.attempts} 次（任务编号 {job.pk}），没有保存任何数据。请联系系统管理员。",
                )  # fmt: skip
            else:
                Job.objects.filter(pk=job.pk).update(
                    status=Job.Status.QUEUED, heartbeat_at=None, worker="",
                    message=REQUEUED,
                )  # fmt: skip
                _queue(job)
            recovered += 1
    return recovered


# -- periodic work ----------------------------------------------------------------------------


@task()
def run_periodic(name: str) -> dict[str, Any]:
    """One period's run of a module's periodic work (declared as `Periodic` in its module.py)."""
    for p in registry.periodic():
        if p.name == name:
            p.run()
            return {"periodic": name}
    log.warning("periodic work %s is no longer declared", name)
    return {"periodic": name, "skipped": True}


class Periods:
    """Queues each module's periodic work when its period begins. Every worker has one; the
    `PeriodicSlot` row of a (work, period) lets only the first of them queue it."""

    def __init__(self) -> None:
        self.taken: dict[str, int] = {}

    def tick(self, now: float | None = None) -> int:
        now = time.time() if now is None else now
        queued = 0
        for p in registry.periodic():
            slot = int(now // p.every)
            if self.taken.get(p.name) == slot:
                continue
            try:
                with transaction.atomic():
                    PeriodicSlot.objects.create(name=p.name, slot=slot)
                    run_periodic.enqueue(p.name)
                queued += 1
            except IntegrityError:  # another worker queued this period
                pass
            self.taken[p.name] = slot
        return queued


def prune(*, keep_days: float = 7) -> None:
    """Forget finished tasks and past periods (the jobs themselves stay: they are history)."""
    cutoff = timezone.now() - dt.timedelta(days=keep_days)
    DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    PeriodicSlot.objects.filter(queued_at__lt=cutoff).delete()


_last_run: dict[str, float] = {}


def run_housekeeping(*, force: bool = False) -> None:
    """Each module's periodic work that is due, in this thread (all of it with `force`): the
    tests, `worker --once`, and the development server's thread."""
    now = time.monotonic()
    for p in registry.periodic():
        if not force and now - _last_run.get(p.name, -1e18) < p.every:
            continue
        _last_run[p.name] = now
        try:
            p.run()
        except Exception:  # one broken check must not stop the others or the worker
            log.exception("periodic work %s", p.name)


# -- the worker's side duties -----------------------------------------------------------------


class Beat:
    """A worker's side thread: queues periodic work when its period begins, puts back the jobs
    of lost workers, forgets old task rows. It never runs a job itself."""

    def __init__(self, *, every: float = 5.0) -> None:
        self.every = every
        self.periods = Periods()
        self.stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="gonghui-beat", daemon=True)
        self._pruned = 0.0

    def start(self) -> Beat:
        self._thread.start()
        return self

    def once(self) -> None:
        self.periods.tick()
        jobs_recover()
        if time.monotonic() - self._pruned > 3600:
            self._pruned = time.monotonic()
            prune()

    def _loop(self) -> None:
        try:
            while not self.stop.is_set():
                close_old_connections()
                try:
                    self.once()
                except Exception:  # the database restarting: try again at the next beat
                    log.exception("worker beat")
                self.stop.wait(self.every)
        finally:
            connections.close_all()


def worker_loop(*, stop: threading.Event, poll: float = 1.0, delay: float = 0.0) -> None:
    """A worker in a thread (the development server's): jobs one at a time, periodic work and
    lost jobs between them. `manage.py worker` is the real one."""
    stop.wait(delay)
    beat = Beat()
    while not stop.is_set():
        close_old_connections()
        try:
            beat.once()
            if not job_run_pending(limit=1):
                stop.wait(poll)
        except Exception:  # the loop must survive a broken database connection
            log.exception("worker loop")
            stop.wait(poll)


def start_inprocess_worker() -> threading.Event:
    """The development server's worker: a daemon thread in the server process."""
    stop = threading.Event()
    threading.Thread(
        target=worker_loop, kwargs={"stop": stop, "delay": 3.0}, name="gonghui-worker", daemon=True
    ).start()
    return stop
