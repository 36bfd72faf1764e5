from django.apps import AppConfig


class MutualaidConfig(AppConfig):
    name = "gonghui.mutualaid"
    label = "mutualaid"
    verbose_name = "职工医疗互助保障"
