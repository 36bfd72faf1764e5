from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gonghui.portal"
    label = "portal"
    verbose_name = "会员服务"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from gonghui.accounts.signals import password_accepted

        from .views import new_device_step

        # A worker's password on a device not seen before asks for the code sent to their mobile.
        password_accepted.connect(new_device_step, dispatch_uid="portal.new_device")
