from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "gonghui.assistance"
    label = "assistance"
    verbose_name = "困难职工帮扶"

    def ready(self) -> None:
        from . import housekeeping  # noqa: F401  (escalation and 公示 in the worker)
        from .actions import batches  # noqa: F401  (registers the batch approval job)
