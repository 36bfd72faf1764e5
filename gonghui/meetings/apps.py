from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "gonghui.meetings"
    label = "meetings"
    verbose_name = "委员会、会议与选举"
