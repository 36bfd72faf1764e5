from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy

from gonghui.core import generation
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

    def scope_grants(self) -> tuple[tuple[int, str, str, str], ...]:
        """The roles this user holds at active unions, for the scope rule (gonghui.kernel.scope).
        Every signed-in page asks (the menu): kept in the process until a role or the tree
        changes (`core.generation.grants_kept`)."""
        return generation.grants_kept(self.pk, self._read_grants)

    def _read_grants(self) -> tuple[tuple[int, str, str, str], ...]:
        rows = Role.objects.filter(user=self, org__status="active")
        return tuple(rows.values_list("org_id", "org__path", "org__level", "kind"))


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


class Session(AbstractBaseSession):
    """A browser's session, with the person signed in on it: a request reads both in one query
    (`gonghui.accounts.sessions`), and a person's sessions end with them."""

    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "会话"

    @classmethod
    def get_session_store_class(cls) -> type[SessionBase]:
        from .sessions import SessionStore

        return SessionStore
