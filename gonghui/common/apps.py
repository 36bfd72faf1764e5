import os

from django.apps import AppConfig
from django.conf import settings


class CommonConfig(AppConfig):
    name = "gonghui.common"
    label = "common"
    verbose_name = "公共"

    def ready(self) -> None:
        # The demo runs long jobs without an extra service: a worker thread inside the
        # development server's serving process (RUN_MAIN marks it under the autoreloader).
        if getattr(settings, "GONGHUI_INPROCESS_WORKER", False) and os.environ.get("RUN_MAIN") == "true":
            from .jobs import start_inprocess_worker

            start_inprocess_worker()
