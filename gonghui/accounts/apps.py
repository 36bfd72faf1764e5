from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gonghui.accounts"
    label = "accounts"
    verbose_name = "账号与角色"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (sign-ins and refusals are audited on every path)
