import os

from django.core.management.base import BaseCommand

from gonghui.demo.data import DEMO_PASSWORD
from gonghui.demo.loader import TOTP_KEYS, demo_users


class Command(BaseCommand):
    help = "打印演示账号。"

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        port = os.environ.get("PORT", "8000")
        self.stdout.write("")
        self.stdout.write(
            f"gonghui 演示站点：http://127.0.0.1:{port}/   演示密码（所有账号）：{DEMO_PASSWORD}"
        )
        self.stdout.write(f"{'用户名':<20}{'角色':<8}组织")
        for user, role, org in demo_users():
            note = (
                "  (需双因素认证：python manage.py demo_totp " + user.username + ")"
                if user.username in TOTP_KEYS
                else ""
            )
            self.stdout.write(f"{user.username:<22}{role:<6}{org}{note}")
        self.stdout.write("")
