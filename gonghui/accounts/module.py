"""Accounts and roles: sign-in pages; roles follow a merge (a member's role moves to the union
that now holds the member; officers' roles at the merged union lapse with it)."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Module, Structure, unchanged

from .actions import roles_follow_merge

AUDIT = {
    "auth.login": ("登录", "Signed in"),
    "auth.login_failed": ("登录失败", "Sign-in failed"),
    "auth.totp_enrolled": ("启用双因素认证", "Second factor enrolled"),
    "user.create": ("新建用户", "User created"),
    "role.grant": ("授予角色", "Role granted"),
    "role.follow_merge": ("会员角色随工会合并", "Member roles followed a merge"),
}
DETAILS = {
    "locked": ("已锁定", "Locked"),
    "user": ("用户", "User"),
}

MODULE = Module(
    name="accounts",
    title=_("账号与角色"),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure(merged=roles_follow_merge, split=unchanged, relocated=unchanged, dissolved=unchanged),
)
