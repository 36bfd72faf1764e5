"""A worker's password on a device not seen before asks for the code sent to their mobile; after
the code the device is remembered, and the worker can see and forget their devices."""

from __future__ import annotations

from django.urls import reverse

from gonghui.conftest import PASSWORD
from gonghui.core.models import AuditEntry
from gonghui.portal.models import Device
from gonghui.portal.views import DEVICE_COOKIE, device_cookie

from .conftest import last_code, rider_with_password

PHONE_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile Safari/604.1"


def _password(client, username):
    return client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD},
                       HTTP_USER_AGENT=PHONE_UA)  # fmt: skip


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_new_device_asks_for_the_code_and_is_then_remembered(client, tree, outbox):
    member, user = rider_with_password(tree)
    r = _password(client, user.username)
    assert r.status_code == 302 and r.url == reverse("portal:device_check")
    assert not _signed_in(client)
    assert len(outbox) == 1 and outbox[0].to_phone == member.phone and outbox[0].user_id == user.pk
    page = client.get(r.url)
    assert page.status_code == 200 and member.phone[-4:] in page.content.decode()
    assert member.phone not in page.content.decode()  # masked

    r = client.post(reverse("portal:device_check"), {"code": last_code(outbox)}, HTTP_USER_AGENT=PHONE_UA)
    assert r.status_code == 302 and r.url == "/" and _signed_in(client)
    device = Device.objects.get(user=user)
    assert device.label == "iPhone · Safari" and device.first_seen and device.last_seen
    cookie = r.cookies[DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["max-age"] >= 300 * 86400
    assert cookie.value.startswith(device.key + ":")  # the key, then its date and signature
    entry = AuditEntry.objects.get(action="portal.device.remember", actor=user)
    assert entry.detail == {"device": "iPhone · Safari"}

    # The same browser, later: the password alone signs in; nothing is sent.
    client.post(reverse("accounts:logout"))
    r = _password(client, user.username)
    assert r.status_code == 302 and r.url == "/" and _signed_in(client) and len(outbox) == 1
    assert Device.objects.filter(user=user).count() == 1


def test_a_tampered_cookie_or_another_workers_device_counts_as_new(client, tree, outbox):
    _, user = rider_with_password(tree)
    _, other = rider_with_password(tree)
    mine = Device.objects.create(user=user, key="a" * 32, label="x")
    theirs = Device.objects.create(user=other, key="b" * 32, label="y")
    good = device_cookie([mine.key])
    client.cookies[DEVICE_COOKIE] = good[:-2] + ("AA" if not good.endswith("AA") else "BB")
    assert _password(client, user.username).url == reverse("portal:device_check")
    assert not _signed_in(client)

    client.cookies[DEVICE_COOKIE] = device_cookie([theirs.key])
    r = _password(client, user.username)
    assert r.url == reverse("portal:device_check") and not _signed_in(client)

    # The worker's own, properly signed: known.
    client.cookies[DEVICE_COOKIE] = good
    r = _password(client, user.username)
    assert r.status_code == 302 and r.url == "/" and _signed_in(client)


def test_a_wrong_code_is_refused_in_chinese_and_makes_no_session(client, tree, outbox):
    _, user = rider_with_password(tree)
    _password(client, user.username)
    code = last_code(outbox)
    wrong = "000000" if code != "000000" else "111111"
    r = client.post(reverse("portal:device_check"), {"code": wrong})
    assert r.status_code == 422 and "验证码错误或已过期" in r.content.decode()
    assert not _signed_in(client) and not Device.objects.filter(user=user).exists()
    # Asking again within the minute is refused like the code sign-in; the code sent still works.
    again = client.post(reverse("portal:device_check"), {"send": "1"})
    assert again.status_code == 422 and "60秒" in again.content.decode() and len(outbox) == 1
    assert client.post(reverse("portal:device_check"), {"code": code}).status_code == 302
    assert _signed_in(client)


def test_the_code_page_needs_the_password_first_and_an_empty_code_is_refused(client, tree, outbox):
    _, user = rider_with_password(tree)
    without = client.get(reverse("portal:device_check"))  # no password given: back to the sign-in page
    assert without.status_code == 302 and without.url == reverse("accounts:login")
    _password(client, user.username)
    r = client.post(reverse("portal:device_check"), {"code": ""})
    assert r.status_code == 422 and not _signed_in(client)


def test_officers_sign_in_with_the_password_alone(client, personas, outbox):
    r = client.post(reverse("accounts:login"), {"username": personas.street.username, "password": PASSWORD})
    assert r.status_code == 302 and r.url == "/" and not outbox


def test_signing_in_with_the_code_remembers_the_device(client, tree, outbox):
    member, user = rider_with_password(tree)
    client.post(reverse("portal:sign_in"), {"phone": member.phone, "send": "1"})
    r = client.post(
        reverse("portal:sign_in"),
        {"phone": member.phone, "code": last_code(outbox)},
        HTTP_USER_AGENT=PHONE_UA,
    )
    assert r.status_code == 302 and DEVICE_COOKIE in r.cookies
    client.post(reverse("accounts:logout"))
    assert _password(client, user.username).url == "/"


def test_the_worker_sees_and_forgets_their_devices(client, tree, outbox):
    _, user = rider_with_password(tree)
    _, other = rider_with_password(tree)
    _password(client, user.username)
    client.post(reverse("portal:device_check"), {"code": last_code(outbox)}, HTTP_USER_AGENT=PHONE_UA)
    theirs = Device.objects.create(user=other, key="c" * 32, label="安卓手机 · 微信")
    page = client.get(reverse("portal:devices")).content.decode()
    assert "iPhone · Safari" in page and "本机" in page and "安卓手机" not in page
    assert client.post(reverse("portal:device_forget", args=[theirs.pk])).status_code == 404
    device = Device.objects.get(user=user)
    r = client.post(reverse("portal:device_forget", args=[device.pk]))
    assert r.status_code == 302 and not Device.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(action="portal.device.forget", actor=user).exists()
    # Forgotten: the cookie this browser still carries no longer counts.
    client.post(reverse("accounts:logout"))
    assert _password(client, user.username).url == reverse("portal:device_check")


def test_a_code_posted_without_a_password_first_is_refused(client, tree, outbox):
    r = client.post(reverse("portal:device_check"), {"code": "123456"})
    assert r.status_code == 422 and "登录已超时" in r.content.decode() and not _signed_in(client)
