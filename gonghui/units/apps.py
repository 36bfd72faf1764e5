from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "gonghui.units"
    label = "units"
    verbose_name = "单位与“两个普遍”"

    def ready(self) -> None:
        # Follow merges of unions and changes of members; register the jobs with the worker.
        from . import importer, receivers, tally  # noqa: F401
