"""Signing in with a one-time code sent to the worker's mobile (through the notification backend:
the console by default, an SMS adapter as a setting), rate-limited per number."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.accounts.models import User
from gonghui.kernel import crypto
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.members import fields as member_fields
from gonghui.members import keys
from gonghui.members.fields import FieldError
from gonghui.members.models import MemberLogin
from gonghui.services import notify

from ..models import SignInCode

CODE_MINUTES = 5
RESEND_SECONDS = 60
PER_HOUR = 5
TRIES = 5
WRONG = "验证码错误或已过期，请重新获取。"
NOT_SENT = "验证码发送失败，请稍后重试。"
UNANSWERED = (
    "验证码发送失败：短信平台未及时应答。如稍后收到短信，验证码仍可使用；未收到请%(seconds)s秒后重新获取。"
)


def _digest(phone_bidx: str, code: str) -> str:
    return crypto.blind_index(f"{phone_bidx}:{code}", purpose="signin_code")


def _phone(raw: str) -> str:
    try:
        phone = member_fields.parse_phone(raw)
    except FieldError as exc:
        raise Refused({"phone": exc.message}) from None
    if not phone:
        raise Refused({"phone": gettext("请填写手机号码。")})
    return phone


def _user_of(phone: str) -> User | None:
    """The worker's login: made with their online application (the number is its name), or
    linked to a membership registered with this number."""
    user = User.objects.filter(username=phone, is_active=True).first()
    if user is not None:
        return user
    login = (
        MemberLogin.objects.select_related("user").filter(member__phone_bidx=keys.phone_bidx(phone)).first()
    )
    return login.user if login is not None and login.user.is_active else None


def signin_code_send(*, phone: str, user: User | None = None) -> None:
    """Send a code. The answer is the same whether or not the number has a login (nobody learns
    who is registered); a number asks again after a minute, at most five times an hour. `user`:
    the login the code is for when it is already known (a password accepted on a new device),
    else the one the number belongs to.

    When the message could not be sent (the gateway refused it, or could not be reached) the
    code is not kept and does not count against the number's limits. When the gateway took the
    request but did not answer in time the message may still arrive: the code is kept (good if it
    comes, and counted, so that a slow gateway cannot be made to send without limit)."""
    phone = _phone(phone)
    bidx = keys.phone_bidx(phone) or ""
    with transaction.atomic():
        now = timezone.now()
        recent = SignInCode.objects.filter(phone_bidx=bidx, created_at__gte=now - dt.timedelta(hours=1))
        if recent.filter(created_at__gte=now - dt.timedelta(seconds=RESEND_SECONDS)).exists():
            raise Refused(
                {"phone": gettext("验证码已发送，请%(seconds)s秒后再获取。") % {"seconds": RESEND_SECONDS}}
            )
        if recent.count() >= PER_HOUR:
            raise Refused({"phone": gettext("获取验证码过于频繁，请一小时后再试。")})
        user = user or _user_of(phone)
        if user is None:
            return
        code = f"{secrets.randbelow(10**6):06d}"
        SignInCode.objects.create(phone_bidx=bidx, digest=_digest(bidx, code), user=user,
                                  expires_at=now + dt.timedelta(minutes=CODE_MINUTES))  # fmt: skip
        try:
            notify.deliver(notify.Notice(
                kind="signin", to_name=user.display_name, to_phone=phone, user_id=user.pk,
                text=f"您的登录验证码为{code}，{CODE_MINUTES}分钟内有效。请勿告诉他人。",
                params={"code": code, "minutes": str(CODE_MINUTES)},
            ))  # fmt: skip
        except notify.NotSent as exc:
            if not exc.maybe_sent:
                raise Refused({"phone": gettext(NOT_SENT)}) from None  # nothing kept
            unanswered = True
        else:
            unanswered = False
        audit(actor=user, action="portal.signin.code", obj=user)
    if unanswered:
        raise Refused({"phone": gettext(UNANSWERED) % {"seconds": RESEND_SECONDS}})


def signin_code_check(*, phone: str, code: str) -> User:
    """The user whose latest code this is; each wrong try counts (kept even though the answer
    is a refusal), and a code is good once."""
    phone = _phone(phone)
    bidx = keys.phone_bidx(phone) or ""
    code = "".join(str(code or "").split())
    with transaction.atomic():
        sent = (
            SignInCode.objects.select_for_update()
            .select_related("user")
            .filter(phone_bidx=bidx, used_at__isnull=True, expires_at__gt=timezone.now(), attempts__lt=TRIES)
            .order_by("-created_at")
            .first()
        )
        if sent is None:
            raise Refused({"code": gettext(WRONG)})
        if not hmac.compare_digest(sent.digest, _digest(bidx, code)):
            sent.attempts += 1
            sent.save(update_fields=["attempts"])
            ok = False
        else:
            sent.used_at = timezone.now()
            sent.save(update_fields=["used_at"])
            audit(actor=sent.user, action="portal.signin.verified", obj=sent.user)
            ok = True
    if not ok:
        raise Refused({"code": gettext(WRONG)})
    return sent.user
