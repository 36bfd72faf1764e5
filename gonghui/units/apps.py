from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "gonghui.units"
    label = "units"
    verbose_name = "单位与“两个普遍”"

    def ready(self) -> None:
        # The tallies follow every change of members.
        from . import receivers  # noqa: F401
