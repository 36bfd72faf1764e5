from django.core.management.base import BaseCommand

from gonghui.services.actions import bookings_remind


class Command(BaseCommand):
    help = "提醒会员24小时内开始的咨询预约（每个预约只提醒一次；可由定时任务每小时运行）。"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--hours", type=int, default=24, help="提前多少小时提醒（默认24）")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        import datetime as dt

        sent = bookings_remind(ahead=dt.timedelta(hours=options["hours"]))
        self.stdout.write(f"已发送 {sent} 条预约提醒。")
