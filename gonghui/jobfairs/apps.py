from django.apps import AppConfig


class JobfairsConfig(AppConfig):
    name = "gonghui.jobfairs"
    label = "jobfairs"
    verbose_name = "招聘会（春风行动）"
