from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "gonghui.services"
    label = "services"
    verbose_name = "职工服务与法律援助"
