from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy

from gonghui.kernel.modelparts import Stamped


class User(AbstractUser):
    full_name = models.CharField(gettext_lazy("姓名"), max_length=50, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def scope_grants(self) -> list[tuple[int, str, str, str]]:
        """The roles this user holds at active unions, for the scope rule (gonghui.kernel.scope)."""
        return [
            (r.org_id, r.org.path, r.org.level, r.kind)
            for r in Role.objects.filter(user=self, org__status="active").select_related("org")
        ]


class Role(Stamped):
    class Kind(models.TextChoices):
        ADMIN = "admin", gettext_lazy("管理员")
        CLERK = "clerk", gettext_lazy("经办人")
        APPROVER = "approver", gettext_lazy("审核人")
        VIEWER = "viewer", gettext_lazy("只读")
        MEMBER = "member", gettext_lazy("会员")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="roles")
    kind = models.CharField(gettext_lazy("角色"), max_length=16, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "org", "kind"], name="role_unique_user_org_kind")
        ]
        verbose_name = verbose_name_plural = "角色"

    def __str__(self) -> str:
        return f"{self.user} · {self.org} · {self.get_kind_display()}"
