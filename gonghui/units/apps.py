from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "gonghui.units"
    label = "units"
    verbose_name = "单位与“两个普遍”"

    def ready(self) -> None:
        # Follow merges of unions, and register the import job with the worker.
        from . import importer, receivers  # noqa: F401
