from django.apps import AppConfig


class BulletinConfig(AppConfig):
    name = "gonghui.bulletin"
    label = "bulletin"
    verbose_name = "工作简报"
