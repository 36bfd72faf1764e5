"""The devices a worker has signed in from with a code sent to their mobile. On a device not seen
before the password alone does not sign a worker in: the code does, and the device is then
remembered (a row here, named by a signed, HttpOnly cookie in that browser)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.accounts.models import Role, User
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import NotFound, Refused
from gonghui.members import fields as member_fields
from gonghui.members.fields import FieldError
from gonghui.members.models import MemberLogin

from ..models import Device
from .signin import WRONG, signin_code_check, signin_code_send

KEPT = 5  # devices one browser remembers (a phone shared in a family)


def device_phone(user: User) -> str | None:
    """The mobile that a code for a new device goes to, or None when the password alone is enough.

    Asked of a worker's own login: no officer role at any union (a member's role is not one) and
    a mobile on record (their membership's, else the number they signed up with). Officers sign
    in at their desks, are locked out after failed tries and, at the province and the cities,
    use an authenticator; their accounts carry no mobile to send a code to."""
    if user.is_staff or user.is_superuser:
        return None
    if Role.objects.filter(user=user).exclude(kind=Role.Kind.MEMBER).exists():
        return None
    login = MemberLogin.objects.select_related("member").filter(user=user).first()
    if login is not None and login.member.phone:
        return str(login.member.phone)
    try:
        return member_fields.parse_phone(user.username) or None
    except FieldError:
        return None


def device_code_send(*, user: User) -> None:
    """Send the code for a new device to the worker's mobile on record (rate-limited like the
    code sign-in)."""
    phone = device_phone(user)
    if phone is None:
        raise Refused({"code": gettext(WRONG)})
    signin_code_send(phone=phone, user=user)


def device_code_check(*, user: User, code: str) -> None:
    """The code sent for the new device: right, current and this worker's, else refused (each
    wrong try counts, as for the code sign-in)."""
    phone = device_phone(user)
    if phone is None or signin_code_check(phone=phone, code=code) != user:
        raise Refused({"code": gettext(WRONG)})


def device_label(user_agent: str) -> str:
    """A short name for the device a browser runs on (shown to the worker in their list)."""
    ua = user_agent.lower()
    kinds = (("iphone", "iPhone"), ("ipad", "iPad"), ("harmonyos", gettext("鸿蒙手机")),
             ("android", gettext("安卓手机")), ("windows", gettext("Windows 电脑")),
             ("macintosh", gettext("Mac 电脑")), ("linux", gettext("Linux 电脑")))  # fmt: skip
    kind = next((name for mark, name in kinds if mark in ua), gettext("未知设备"))
    browsers = (("micromessenger", gettext("微信")), ("edg", "Edge"), ("firefox", "Firefox"),
                ("fxios", "Firefox"), ("crios", "Chrome"), ("chrome", "Chrome"), ("safari", "Safari"))  # fmt: skip
    browser = next((name for mark, name in browsers if mark in ua), "")
    return f"{kind} · {browser}" if browser else kind


def device_known(*, user: User, keys: Iterable[str], user_agent: str = "") -> Device | None:
    """The user's remembered device among those this browser names (a key of another user's
    device, or of a forgotten one, does not count); seen now."""
    device = Device.objects.filter(user=user, key__in=[k for k in keys if k][:KEPT]).first()
    if device is not None:
        device.last_seen = timezone.now()
        if user_agent:
            device.user_agent, device.label = user_agent[:300], device_label(user_agent)
        device.save(update_fields=["last_seen", "user_agent", "label"])
    return device


def device_remember(*, user: User, keys: Iterable[str], user_agent: str) -> Device:
    """After the code: this browser's device for the user, made (and audited) if it is new."""
    known = device_known(user=user, keys=keys, user_agent=user_agent)
    if known is not None:
        return known
    label = device_label(user_agent)
    with transaction.atomic():
        device = Device.objects.create(user=user, key=secrets.token_hex(16), label=label,
                                       user_agent=user_agent[:300])  # fmt: skip
        audit(actor=user, action="portal.device.remember", obj=device, detail={"device": label})
    return device


def device_forget(*, actor: User, device: Device) -> None:
    """The worker forgets one of their devices: the password alone no longer signs in there."""
    if device.user_id != actor.pk:
        raise NotFound
    with transaction.atomic():
        audit(actor=actor, action="portal.device.forget", obj=device, detail={"device": device.label})
        device.delete()
