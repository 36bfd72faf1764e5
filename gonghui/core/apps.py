import os

from django.apps import AppConfig, apps
from django.conf import settings


class CoreConfig(AppConfig):
    """The audit log, jobs and the shared pages, on the kernel; it loads every module.py."""

    name = "gonghui.core"
    label = "core"
    verbose_name = "公共"

    def ready(self) -> None:
        from gonghui.kernel import audit
        from gonghui.kernel.registry import registry

        from .audit import write_entry

        audit.install(write_entry)
        registry.load([c.name for c in apps.get_app_configs() if c.name.startswith("gonghui.")])
        # The demo runs long jobs without an extra service: a worker thread inside the
        # development server's serving process (RUN_MAIN marks it under the autoreloader).
        if getattr(settings, "GONGHUI_INPROCESS_WORKER", False) and os.environ.get("RUN_MAIN") == "true":
            from .jobs import start_inprocess_worker

            start_inprocess_worker()
