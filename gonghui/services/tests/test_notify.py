"""The notification backends: the console, the memory outbox, and the SMS gateway (tried against a
gateway on the loopback, gateway.py)."""

from __future__ import annotations

import hashlib
import hmac
import logging
import time

import pytest

from gonghui.services import notify

from .gateway import APP_ID, SECRET, sms_gateway


@pytest.fixture
def gateway(settings):
    with sms_gateway(settings) as g:
        yield g


def test_console_backend_is_the_default_and_masks_the_phone(capsys, settings):
    del settings.GONGHUI_NOTIFY_BACKEND  # not set in the project settings: the console backend
    notify.send(notify.Notice(kind="reminder", to_name="林小青", to_phone="13800138001", text="明天9:00咨询"))
    out = capsys.readouterr().out
    assert "[通知·reminder] 致 林小青（138****8001）：明天9:00咨询" in out
    assert "13800138001" not in out


def test_the_backend_setting_chooses_the_adapter(settings):
    settings.GONGHUI_NOTIFY_BACKEND = "gonghui.services.notify.MemoryBackend"
    notify.MemoryBackend.outbox = []
    notify.send(notify.Notice(kind="confirmed", to_name="林小青", to_phone="", text="已预约"))
    assert [n.text for n in notify.MemoryBackend.outbox] == ["已预约"]


def _sign(*, app_id: str, timestamp: str, nonce: str, body: bytes) -> str:
    """The signature as the gateway computes it (docs/deploy.md, "Text messages")."""
    text = f"{app_id}\n{timestamp}\n{nonce}\n{hashlib.sha256(body).hexdigest()}"
    return hmac.new(SECRET.encode(), text.encode(), hashlib.sha256).hexdigest()


def test_the_sms_backend_sends_the_number_and_the_template_signed(gateway):
    notice = notify.Notice(kind="signin", to_name="林小青", to_phone="13800138001", text="您的登录验证码为042917",
                           params={"code": "042917", "minutes": "5"})  # fmt: skip
    before = int(time.time())
    notify.deliver(notice)
    [got] = gateway.received
    body = got.json
    assert got.path == "/sms/send" and got.headers["Content-Type"].startswith("application/json")
    assert body["phone"] == "13800138001" and body["params"] == {"code": "042917", "minutes": "5"}
    assert (body["templateId"], body["signName"], body["appId"]) == ("SMS_900001", "广州市总工会", APP_ID)
    stamp, nonce = got.headers["X-Sms-Timestamp"], got.headers["X-Sms-Nonce"]
    assert (body["timestamp"], body["nonce"], got.headers["X-Sms-App-Id"]) == (stamp, nonce, APP_ID)
    assert before <= int(stamp) <= time.time() and len(nonce) >= 16
    assert got.headers["X-Sms-Signature"] == _sign(app_id=APP_ID, timestamp=stamp, nonce=nonce, body=got.body)
    # Each request is signed anew: a replayed nonce or a changed body would not match.
    notify.deliver(notice)
    assert gateway.received[1].headers["X-Sms-Nonce"] != nonce
    tampered = got.body.replace(b"13800138001", b"13800138002")
    assert got.headers["X-Sms-Signature"] != _sign(app_id=APP_ID, timestamp=stamp, nonce=nonce, body=tampered)


def test_a_notice_without_template_variables_sends_its_text(gateway):
    notify.send(notify.Notice(kind="reminder", to_name="林小青", to_phone="13800138001", text="明天9:00咨询"))
    assert gateway.received[0].json["params"] == {"content": "明天9:00咨询"}
    assert gateway.received[0].json["templateId"] == "SMS_900002"


@pytest.mark.parametrize(
    ("status", "answer"),
    [
        (200, {"code": "E1021", "message": "号码13800138001当日发送超限"}),
        (403, {"code": "401", "message": "签名错误"}),
    ],
)
def test_a_gateway_refusal_is_not_sent_and_logged_without_the_number_or_the_code(
    gateway, caplog, status, answer
):
    gateway.status, gateway.answer = status, answer
    notice = notify.Notice(kind="signin", to_name="林小青", to_phone="13800138001", text="您的登录验证码为042917",
                           params={"code": "042917", "minutes": "5"})  # fmt: skip
    with caplog.at_level(logging.WARNING, logger="gonghui.notify"), pytest.raises(notify.NotSent) as exc:
        notify.deliver(notice)
    assert not exc.value.maybe_sent and answer["code"] in str(exc.value)
    notify.send(notice)  # a notice the work does not depend on: logged, not raised
    assert len(gateway.received) == 2 and len(caplog.records) == 2
    logged = caplog.text
    assert "138****8001" in logged and "13800138001" not in logged and "042917" not in logged


def test_an_unreachable_gateway_or_one_left_unconfigured_is_not_sent(gateway, settings):
    settings.GONGHUI_SMS_URL = "http://127.0.0.1:9/sms/send"  # discard: nothing listens
    notice = notify.Notice(kind="signin", to_name="林小青", to_phone="13800138001", text="x")
    with pytest.raises(notify.NotSent) as exc:
        notify.deliver(notice)
    assert not exc.value.maybe_sent
    settings.GONGHUI_SMS_URL = gateway.url
    with pytest.raises(notify.NotSent):
        notify.deliver(notify.Notice(kind="invite", to_name="林小青", to_phone="13800138001", text="x"))
    settings.GONGHUI_SMS_SECRET = ""
    with pytest.raises(notify.NotSent):
        notify.deliver(notice)
    assert gateway.received == []


def test_a_gateway_that_takes_the_request_and_does_not_answer_in_time_may_have_sent_it(gateway, settings):
    settings.GONGHUI_SMS_TIMEOUT = 0.2
    gateway.delay = 1.0
    started = time.monotonic()
    with pytest.raises(notify.NotSent) as exc:
        notify.deliver(notify.Notice(kind="signin", to_name="林小青", to_phone="13800138001", text="x"))
    assert exc.value.maybe_sent and time.monotonic() - started < 0.9
    assert len(gateway.received) == 1
