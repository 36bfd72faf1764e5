from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "gonghui.targets"
    label = "targets"
    verbose_name = "目标管理、民生实事与劳动竞赛"
