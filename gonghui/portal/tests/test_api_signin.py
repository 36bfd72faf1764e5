"""Signing in through the API: the sign-in page's steps (a code sent to the mobile, a password, the
code for a device not seen before) on the same actions, limits and lockout, ending in the same
session; refusals in Chinese, and the CSRF token checked as on every other write of the API."""

from __future__ import annotations

import datetime as dt
import json

from django.test import Client
from django.urls import reverse

from gonghui.conftest import PASSWORD
from gonghui.core.models import AuditEntry
from gonghui.portal.models import Device, JoinApplication, SignInCode
from gonghui.portal.views import DEVICE_COOKIE
from gonghui.services.tests.gateway import sms_gateway

from .conftest import last_code, new_id, new_phone, rider_with_password

PHONE_UA = "Mozilla/5.0 (Linux; Android 14; HarmonyOS) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"


class Api:
    """A client as an app would be: it takes the CSRF token first and sends it with each write."""

    def __init__(self) -> None:
        self.client = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=PHONE_UA)
        r = self.client.get("/api/portal/signin/csrf")
        assert r.status_code == 200, r.content
        self.token = r.json()["csrftoken"]

    def post(self, path: str, body: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        r = self.client.post(f"/api/portal/{path}", json.dumps(body or {}), content_type="application/json",
                             HTTP_X_CSRFTOKEN=self.token)  # fmt: skip
        if r.status_code == 200 and "csrftoken" in r.json():
            self.token = r.json()["csrftoken"]  # signing in changes it
        return r

    def me(self) -> int:
        return self.client.get("/api/portal/me").status_code


def _wrong(code: str) -> str:
    return "000000" if code != "000000" else "111111"


def test_a_worker_gets_a_code_and_signs_in_with_it(tree, outbox):
    member, user = rider_with_password(tree)
    api = Api()
    sent = api.post("signin/code", {"phone": member.phone})
    assert (
        sent.status_code == 200
        and sent.json()["resend_after"] == 60
        and "验证码已发送" in sent.json()["detail"]
    )
    assert len(outbox) == 1 and outbox[0].to_phone == member.phone
    assert api.me() == 401

    r = api.post("signin", {"phone": member.phone, "code": last_code(outbox)})
    assert r.status_code == 200 and r.json()["name"] == user.display_name
    assert api.me() == 200  # the session the page makes
    assert AuditEntry.objects.filter(action="portal.signin.verified", actor=user).exists()
    # The device is remembered, as after the page's code: the password alone signs in here now.
    device = Device.objects.get(user=user)
    assert (
        r.cookies[DEVICE_COOKIE].value.startswith(device.key + ":") and r.cookies[DEVICE_COOKIE]["httponly"]
    )
    # A write with the token the sign-in gave.
    asked = api.post("requests", {"category": "wages", "text": "欠薪两个月"})
    assert asked.status_code == 201, asked.content


def test_without_the_csrf_token_nothing_is_sent_and_nobody_is_signed_in(tree, outbox):
    member, _ = rider_with_password(tree)
    client = Client(enforce_csrf_checks=True)
    r = client.post("/api/portal/signin/code", {"phone": member.phone}, content_type="application/json")
    assert r.status_code == 403 and "CSRF" in r.json()["detail"] and "请带上" in r.json()["detail"]
    assert not outbox and not SignInCode.objects.exists()
    api = Api()
    api.post("signin/code", {"phone": member.phone})
    r = client.post("/api/portal/signin", {"phone": member.phone, "code": last_code(outbox)},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 403 and client.get("/api/portal/me").status_code == 401
    assert SignInCode.objects.get().used_at is None  # still good for the worker who asked


def test_a_wrong_code_is_refused_in_chinese_and_counted(tree, outbox):
    member, _ = rider_with_password(tree)
    api = Api()
    api.post("signin/code", {"phone": member.phone})
    code = last_code(outbox)
    r = api.post("signin", {"phone": member.phone, "code": _wrong(code)})
    assert r.status_code == 422 and r.json()["errors"]["code"] == ["验证码错误或已过期，请重新获取。"]
    assert SignInCode.objects.get().attempts == 1 and api.me() == 401
    for _ in range(4):
        assert api.post("signin", {"phone": member.phone, "code": _wrong(code)}).status_code == 422
    # Five wrong tries: the right code no longer signs in either.
    r = api.post("signin", {"phone": member.phone, "code": code})
    assert r.status_code == 422 and api.me() == 401


def test_asking_for_codes_is_limited_as_on_the_page(client, tree, outbox):
    member, _ = rider_with_password(tree)
    client.post(reverse("portal:sign_in"), {"phone": member.phone, "send": "1"})  # asked on the page
    assert len(outbox) == 1
    api = Api()
    r = api.post("signin/code", {"phone": member.phone})  # the same number's minute
    assert r.status_code == 422 and "60秒后再获取" in r.json()["errors"]["phone"][0] and len(outbox) == 1
    for _ in range(4):  # a minute later each time, up to five in the hour
        SignInCode.objects.update(created_at=SignInCode.objects.get(pk=SignInCode.objects.latest("created_at").pk)
                                  .created_at - dt.timedelta(seconds=61))  # fmt: skip
        assert api.post("signin/code", {"phone": member.phone}).status_code == 200
    SignInCode.objects.update(
        created_at=SignInCode.objects.latest("created_at").created_at - dt.timedelta(seconds=61)
    )
    r = api.post("signin/code", {"phone": member.phone})
    assert r.status_code == 422 and "一小时后再试" in r.json()["detail"] and len(outbox) == 5
    r = api.post("signin/code", {"phone": "12345"})
    assert r.status_code == 422 and r.json()["errors"]["phone"]


def test_a_password_on_a_new_device_needs_the_code(tree, outbox):
    member, user = rider_with_password(tree)
    api = Api()
    r = api.post("signin/password", {"username": user.username, "password": PASSWORD})
    assert r.status_code == 202, r.content
    assert (
        r.json()["phone"] == f"{member.phone[:3]}****{member.phone[-4:]}"
        and member.phone not in r.content.decode()
    )
    assert api.me() == 401 and len(outbox) == 1 and outbox[0].to_phone == member.phone
    wrong = api.post("signin/device", {"code": _wrong(last_code(outbox))})
    assert wrong.status_code == 422 and "验证码错误" in wrong.json()["detail"] and api.me() == 401
    again = api.post("signin/device/code")  # within the minute: refused as on the page
    assert again.status_code == 422 and "60秒" in again.json()["detail"]
    r = api.post("signin/device", {"code": last_code(outbox)})
    assert r.status_code == 200 and api.me() == 200
    assert Device.objects.filter(user=user).count() == 1

    # The same device later: the password alone; another device: the code again.
    api.client.post("/accounts/logout/", HTTP_X_CSRFTOKEN=api.token)
    api.token = api.client.get("/api/portal/signin/csrf").json()["csrftoken"]
    assert api.me() == 401
    r = api.post("signin/password", {"username": user.username, "password": PASSWORD})
    assert r.status_code == 200 and api.me() == 200 and len(outbox) == 1
    other = Api()
    assert other.post("signin/password", {"username": user.username, "password": PASSWORD}).status_code == 202
    assert other.me() == 401


def test_the_device_code_needs_the_password_first(tree, outbox):
    api = Api()
    r = api.post("signin/device", {"code": "123456"})
    assert r.status_code == 422 and r.json()["errors"]["code"] == ["登录已超时，请重新登录。"]
    assert api.post("signin/device/code").status_code == 422 and not outbox


def test_officers_sign_in_with_the_password_alone(personas, outbox):
    api = Api()
    r = api.post("signin/password", {"username": personas.street.username, "password": PASSWORD})
    assert r.status_code == 200 and api.me() == 200 and not outbox


def test_wrong_passwords_lock_the_account_as_on_the_page(tree, outbox):
    _, user = rider_with_password(tree)
    api = Api()
    for _ in range(4):
        r = api.post("signin/password", {"username": user.username, "password": "not-the-password"})
        assert r.status_code == 422 and r.json()["errors"]["password"] == ["用户名或密码错误。"]
    r = api.post("signin/password", {"username": user.username, "password": "not-the-password"})
    assert r.status_code == 429 and "15 分钟后再试" in r.json()["detail"]
    r = api.post("signin/password", {"username": user.username, "password": PASSWORD})
    assert r.status_code == 429 and api.me() == 401 and not outbox
    assert AuditEntry.objects.filter(action="auth.login_failed", object_id=str(user.pk)).count() >= 5


def test_a_code_the_gateway_refused_is_said_and_not_counted(tree, settings):
    member, _ = rider_with_password(tree)
    with sms_gateway(settings) as gateway:
        gateway.status, gateway.answer = 502, {"code": "503", "message": "服务不可用"}
        api = Api()
        r = api.post("signin/code", {"phone": member.phone})
        assert r.status_code == 422 and r.json()["errors"]["phone"] == ["验证码发送失败，请稍后重试。"]
        assert not SignInCode.objects.exists()
        gateway.status, gateway.answer = 200, {"code": "0", "message": "OK"}
        assert api.post("signin/code", {"phone": member.phone}).status_code == 200
        code = gateway.received[-1].json["params"]["code"]
        assert api.post("signin", {"phone": member.phone, "code": code}).status_code == 200
        assert api.me() == 200


def test_a_rider_joins_through_the_api_without_an_account_and_is_signed_in(tree):
    api = Api()
    body = {"name": "黎骑手", "id_number": new_id(), "phone": new_phone(), "password": PASSWORD,
            "work": "new_form", "occupation": "rider", "platform": "美团", "home_id": tree.street.pk}  # fmt: skip
    no_token = Client(enforce_csrf_checks=True).post(
        "/api/portal/join", body, content_type="application/json"
    )
    assert no_token.status_code == 403 and not JoinApplication.objects.filter(name="黎骑手").exists()
    short = api.post("join", {**body, "password": "123"})
    assert short.status_code == 422 and not JoinApplication.objects.filter(name="黎骑手").exists()
    assert api.me() in (401, 403)  # not signed in by a refused application
    r = api.post("join", body)
    assert r.status_code == 201 and r.json()["route"] == "floating" and r.json()["state"] == "submitted"
    assert r.json()["csrftoken"] and "withdraw" in r.json()["abilities"]
    assert api.me() == 200  # signed in as the new account
    mine = api.client.get("/api/portal/joins").json()
    assert [a["id"] for a in mine] == [r.json()["id"]]
    again = Api().post("join", {**body, "phone": new_phone()})  # the same ID number again
    assert again.status_code == 422
