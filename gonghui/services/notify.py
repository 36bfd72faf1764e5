"""Notifications to workers (booking confirmations, reminders, cancellations, sign-in codes).

One interface, a backend chosen by the setting GONGHUI_NOTIFY_BACKEND (a dotted path). The
console backend writes each notice to standard output; `SmsGatewayBackend` sends it as a text
message through the federation's SMS gateway (settings GONGHUI_SMS_*). Tests use the memory
backend and read its outbox.

`deliver()` is for a notice the work cannot do without (a sign-in code): it raises `NotSent`
when the backend could not send it. `send()` is for the rest (a confirmation, a reminder): the
work is done whether or not the message reaches the phone, so a failure is logged, not raised.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import re
import secrets
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from gonghui.kernel.masking import mask_phone

DEFAULT_BACKEND = "gonghui.services.notify.ConsoleBackend"

log = logging.getLogger("gonghui.notify")


@dataclass(frozen=True)
class Notice:
    kind: str  # confirmed, reminder, cancelled, signin, invite, activity_changed, target_warning
    to_name: str
    to_phone: str
    text: str
    user_id: int | None = None
    meta: dict[str, str] = field(default_factory=dict)
    # The variables of the kind's SMS template (a sign-in code: `code`, `minutes`); a notice
    # without them fills a template's single variable `content` with its text.
    params: dict[str, str] = field(default_factory=dict)


class NotSent(Exception):
    """The backend could not send the notice. `maybe_sent`: the gateway took the request but its
    answer never came (a timeout while reading it): the message may still reach the phone."""

    def __init__(self, reason: str, *, maybe_sent: bool = False) -> None:
        super().__init__(reason)
        self.maybe_sent = maybe_sent


class Backend(Protocol):
    def send(self, notice: Notice) -> None: ...


class ConsoleBackend:
    def send(self, notice: Notice) -> None:
        to = f"{notice.to_name}（{mask_phone(notice.to_phone)}）" if notice.to_phone else notice.to_name
        sys.stdout.write(f"[通知·{notice.kind}] 致 {to}：{notice.text}\n")
        sys.stdout.flush()


class MemoryBackend:
    outbox: list[Notice] = []

    def send(self, notice: Notice) -> None:
        MemoryBackend.outbox.append(notice)


class SmsGatewayBackend:
    """A text message through an HTTP SMS gateway of the kind government networks run: JSON over
    HTTPS, the request signed with the installation's secret (docs/deploy.md, "Text messages").

    POST GONGHUI_SMS_URL with the JSON body
        {"appId", "timestamp", "nonce", "signName", "templateId", "phone", "params"}
    and the headers X-Sms-App-Id, X-Sms-Timestamp (Unix seconds), X-Sms-Nonce and X-Sms-Signature:
    the lower-case hex HMAC-SHA256, keyed with GONGHUI_SMS_SECRET, of
        appId \\n timestamp \\n nonce \\n hex SHA-256 of the body
    The gateway answers {"code": …, "message": …}; `code` equal to GONGHUI_SMS_OK_CODE ("0") is
    accepted. The number and the message's variables (a sign-in code) are never logged.
    """

    def send(self, notice: Notice) -> None:
        url = getattr(settings, "GONGHUI_SMS_URL", "")
        app_id = getattr(settings, "GONGHUI_SMS_APP_ID", "")
        secret = getattr(settings, "GONGHUI_SMS_SECRET", "")
        if not (url and app_id and secret):
            raise NotSent("短信网关未配置（GONGHUI_SMS_URL、GONGHUI_SMS_APP_ID、GONGHUI_SMS_SECRET）")
        if not notice.to_phone:
            raise NotSent("没有手机号码")
        template = (getattr(settings, "GONGHUI_SMS_TEMPLATES", {}) or {}).get(notice.kind, "")
        if not template:
            raise NotSent(f"没有「{notice.kind}」类通知的短信模板（GONGHUI_SMS_TEMPLATES）")
        timestamp, nonce = str(int(time.time())), secrets.token_hex(16)
        body = json.dumps({
            "appId": app_id, "timestamp": timestamp, "nonce": nonce,
            "signName": getattr(settings, "GONGHUI_SMS_SIGN_NAME", ""), "templateId": template,
            "phone": notice.to_phone, "params": notice.params or {"content": notice.text},
        }, ensure_ascii=False).encode()  # fmt: skip
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8", "Accept": "application/json",
            "X-Sms-App-Id": app_id, "X-Sms-Timestamp": timestamp, "X-Sms-Nonce": nonce,
            "X-Sms-Signature": sign(secret, app_id=app_id, timestamp=timestamp, nonce=nonce, body=body),
        })  # fmt: skip
        timeout = float(getattr(settings, "GONGHUI_SMS_TIMEOUT", 5))
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                raw = response.read(64 * 1024)
        except urllib.error.HTTPError as exc:  # the gateway answered, and refused
            answer = _answer(exc.read(64 * 1024) if exc.fp is not None else b"")
            raise NotSent(f"短信网关拒绝（HTTP {exc.code}{_said(answer)}）") from None
        except urllib.error.URLError as exc:  # no connection: nothing was sent
            raise NotSent(f"短信网关无法连接（{type(exc.reason).__name__}）") from None
        except OSError as exc:  # connected and sent, then no answer in time: it may still arrive
            raise NotSent(f"短信网关未应答（{type(exc).__name__}）", maybe_sent=True) from None
        answer = _answer(raw)
        if answer is None:
            raise NotSent("短信网关的应答无法读取", maybe_sent=True)
        if str(answer.get("code")) != str(getattr(settings, "GONGHUI_SMS_OK_CODE", "0")):
            raise NotSent(f"短信网关拒绝（{_said(answer).lstrip('，')}）")


def sign(secret: str, *, app_id: str, timestamp: str, nonce: str, body: bytes) -> str:
    """The request's signature (SmsGatewayBackend): what the gateway computes to check it."""
    text = "\n".join((app_id, timestamp, nonce, hashlib.sha256(body).hexdigest()))
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def _answer(raw: bytes) -> dict[str, Any] | None:
    try:
        answer = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return answer if isinstance(answer, dict) else None


def _said(answer: dict[str, Any] | None) -> str:
    """The gateway's code and message for the log, without any number it may repeat."""
    if not answer:
        return ""
    message = re.sub(r"\d{4,}", "…", str(answer.get("message") or answer.get("msg") or ""))[:200]
    return f"，code={str(answer.get('code'))[:40]} {message}".rstrip()


def backend() -> Backend:
    path = getattr(settings, "GONGHUI_NOTIFY_BACKEND", DEFAULT_BACKEND)
    return import_string(path)()  # type: ignore[no-any-return]


def deliver(notice: Notice) -> None:
    """Send a notice the work depends on; `NotSent` when it could not be sent (logged here)."""
    try:
        backend().send(notice)
    except NotSent as exc:
        log.warning(
            "通知未发送：%s（类型 %s，致 %s%s）", exc, notice.kind, mask_phone(notice.to_phone) or "—",
            "，可能已送达" if exc.maybe_sent else "",
        )  # fmt: skip
        raise


def send(notice: Notice) -> None:
    """Send a notice the work does not depend on: a failure is logged, not raised."""
    with contextlib.suppress(NotSent):
        deliver(notice)
