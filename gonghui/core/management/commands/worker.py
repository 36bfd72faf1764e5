import threading

from django.core.management.base import BaseCommand

from gonghui.core.jobs import job_run_pending, run_housekeeping, worker_loop


class Command(BaseCommand):
    help = "运行后台任务（导入、导出、批量发放……）。"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--once", action="store_true", help="运行完当前排队的任务后退出")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if options["once"]:
            run_housekeeping(force=True)
            self.stdout.write(f"已运行 {job_run_pending()} 个任务。")
            return
        self.stdout.write("后台任务进程已启动（Ctrl-C 退出）。")
        stop = threading.Event()
        try:
            worker_loop(stop=stop)
        except KeyboardInterrupt:
            stop.set()
