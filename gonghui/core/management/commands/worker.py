"""`manage.py worker`: runs queued jobs and periodic work (gonghui/core/jobs.py).

Any number of workers on any number of machines, against the one database. SIGTERM (systemd's
stop, a deploy) or SIGINT lets the running job finish for `GONGHUI_WORKER_GRACE` seconds; after
that, or at a second signal, the job is interrupted, nothing of it kept, and put back in the queue
for the next worker.
"""

from __future__ import annotations

import logging
import signal
import sys
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django_tasks_db.management.commands.db_worker import Worker as TaskWorker

from gonghui.core.jobs import Beat, WorkerStopping, job_run_pending, run_housekeeping, worker_name

log = logging.getLogger("gonghui.core.jobs")


class Worker(TaskWorker):
    """The library's worker loop with our stop: finish the job, or put it back."""

    def __init__(self, *, grace: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.grace = grace

    def configure_signals(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self.shutdown)
        signal.signal(signal.SIGALRM, self.interrupt)

    def shutdown(self, signum: int, frame: FrameType | None) -> None:
        if not self.running:
            self.interrupt(signum, frame)
        self.running = False
        if not self.running_task:
            log.warning("%s: stopping", signal.strsignal(signum))
            sys.exit(0)
        log.warning(
            "%s: stopping after the running job (at most %.0f s)", signal.strsignal(signum), self.grace
        )
        signal.setitimer(signal.ITIMER_REAL, max(self.grace, 0.01))

    def interrupt(self, signum: int, frame: FrameType | None) -> None:
        if self.running_task:
            raise WorkerStopping(signal.strsignal(signum))


class Command(BaseCommand):
    help = "运行后台任务（导入、导出、批量发放、定时工作）。"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--once", action="store_true", help="运行完当前排队的任务和到期的定时工作后退出")
        parser.add_argument("--interval", type=float, default=1.0, help="队列为空时每隔几秒查看一次")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if options["once"]:
            run_housekeeping(force=True)
            self.stdout.write(f"已运行 {job_run_pending()} 个任务。")
            return
        grace = float(getattr(settings, "GONGHUI_WORKER_GRACE", 50))
        worker = Worker(
            grace=grace, queue_names=["*"], interval=options["interval"], batch=False, backend_name="default",
            startup_delay=True, max_tasks=None, worker_id=worker_name(), excluded_queue_names=[],
        )  # fmt: skip
        beat = Beat().start()
        self.stdout.write(f"后台任务进程 {worker_name()} 已启动（SIGTERM 或 Ctrl-C 退出）。")
        self.stdout.flush()
        worker.configure_signals()
        try:
            worker.run()
        finally:
            beat.stop.set()
            signal.setitimer(signal.ITIMER_REAL, 0)
