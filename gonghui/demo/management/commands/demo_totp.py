from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonghui.demo.loader import TOTP_KEYS


class Command(BaseCommand):
    help = "打印演示管理员当前的动态验证码（仅限演示账号）。"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("username")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        username = options["username"]
        if username not in TOTP_KEYS:
            raise CommandError("只能查询演示管理员账号。")
        device = TOTPDevice.objects.filter(user__username=username, key=TOTP_KEYS[username]).first()
        if device is None:
            raise CommandError("未找到该演示账号的验证器。")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
