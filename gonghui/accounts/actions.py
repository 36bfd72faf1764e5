"""Sign-in with lockout, second factor enrolment, and role grants."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonghui.kernel import scope
from gonghui.kernel.audit import audit
from gonghui.orgs.models import Org

from .models import Role, User

SECOND_FACTOR_LEVELS = {"province", "city"}
LOGIN_REFUSED = "用户名或密码错误。"


def requires_second_factor(user: User) -> bool:
    """Administrators of the province and of city federations, and superusers."""
    if user.is_superuser:
        return True
    return Role.objects.filter(user=user, kind=Role.Kind.ADMIN, org__level__in=SECOND_FACTOR_LEVELS).exists()


def login_attempt(*, request: HttpRequest, username: str, password: str) -> User | None:
    """Check the password. Failures are counted per account and address by django-axes on every
    sign-in path (this page, the admin's); the audit rows come from Django's sign-in signals
    (`signals.py`), so they are written whichever page was used."""
    user = authenticate(request, username=username, password=password)
    return user if isinstance(user, User) else None


def login_further_step(*, request: HttpRequest, user: User, next_url: str) -> HttpResponse | None:
    """The page that takes the place of signing in when a module asks for one more step after the
    password (`signals.password_accepted`), or None to sign in now."""
    from .signals import password_accepted

    for _receiver, answer in password_accepted.send(
        sender=User, request=request, user=user, next_url=next_url
    ):
        if isinstance(answer, HttpResponse):
            return answer
    return None


def login_recorded(*, user: User) -> None:
    """Django's `user_logged_in`: a sign-in on any page, audited."""
    with transaction.atomic():
        audit(actor=user, action="auth.login", obj=user)


def login_failure_recorded(*, username: str, locked: bool) -> None:
    """Django's `user_login_failed`: a refused sign-in on any page, audited against the account
    when there is one (the person trying is told the same either way). What was typed for an
    account that does not exist is not kept: it is often a password typed in the wrong box."""
    user = User.objects.filter(username=username).first() if username else None
    detail: dict[str, Any] = {"locked": True} if locked else {}
    with transaction.atomic():
        audit(actor=None, action="auth.login_failed", obj=user, detail=detail)


def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator for the user to scan; replaces any earlier unconfirmed one."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=False)


def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> None:
    if device.user_id != user.pk:
        raise PermissionDenied
    throttled = not device.verify_is_allowed()[0]
    if not device.verify_token(token.strip()):
        if throttled:
            raise ValidationError(gettext("验证失败次数过多，请稍候几秒再试。"))
        raise ValidationError(gettext("动态验证码不正确，请核对手机上的 6 位数字。"))
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit(actor=user, action="auth.totp_enrolled", obj=user)


def user_create(
    *, actor: User | None, username: str, password: str, full_name: str = "", email: str = ""
) -> User:
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": gettext("该用户名已存在。")})
    user = User(username=username, full_name=full_name, email=email)
    validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save()
        audit(actor=actor, action="user.create", obj=user)
    return user


def role_grant(*, actor: User | None, user: User, org: Org, kind: str) -> Role:
    if kind not in Role.Kind.values:
        raise ValidationError({"kind": gettext("未知角色。")})
    if actor is not None:
        scope.require(actor, "manage", org)
    with transaction.atomic():
        role, created = Role.objects.get_or_create(user=user, org=org, kind=kind)
        if created:
            audit(
                actor=actor,
                action="role.grant",
                obj=role,
                org=org,
                detail={"user": user.username, "kind": kind},
            )
    scope.forget(user)
    return role


def roles_follow_merge(*, source: Org, target: Org, actor: User | None, on: object, **_: object) -> int:
    """`source` merged into `target`: a member's role moves with the member to the target; roles
    of officers at the source lapse with it (the scope reads only active unions), and the target's
    administrators grant roles anew. Inside the merge's transaction."""
    already = set(Role.objects.filter(org=target, kind=Role.Kind.MEMBER).values_list("user_id", flat=True))
    roles = Role.objects.filter(org=source, kind=Role.Kind.MEMBER)
    moved = roles.exclude(user_id__in=already).update(org=target)
    roles.filter(user_id__in=already).delete()  # they hold the same role at the target already
    if moved:
        audit(actor=actor, action="role.follow_merge", org=target,
              detail={"source": source.name, "source_id": source.pk, "moved": moved})  # fmt: skip
    return moved
