from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gonghui.portal"
    label = "portal"
    verbose_name = "会员服务"
    default_auto_field = "django.db.models.BigAutoField"
