import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonghui.accounts.actions import user_create
from gonghui.accounts.models import Session, User
from gonghui.conftest import PASSWORD
from gonghui.core.models import AuditEntry


def post_login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_street_officer_signs_in_and_lands_on_home(client, personas):
    r = post_login(client, "street_user", PASSWORD)
    assert r.status_code == 302 and r.url == "/"
    assert "赤岗街道总工会" in client.get("/").content.decode()


def post_login_from(client, username, password, address):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def _minutes_pass(minutes):
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=minutes))


def test_five_failures_lock_the_account_at_that_address_for_fifteen_minutes(client, personas):
    for _ in range(4):
        r = post_login(client, "street_user", "wrong-password-123")
        assert r.status_code == 200 and "用户名或密码错误" in r.content.decode()
    r = post_login(client, "street_user", "wrong-password-123")
    assert r.status_code == 429 and "登录失败次数过多，请 15 分钟后再试" in r.content.decode()
    # The right password is refused while locked.
    r = post_login(client, "street_user", PASSWORD)
    assert r.status_code == 429 and "_auth_user_id" not in client.session
    user = User.objects.get(username="street_user")
    assert AuditEntry.objects.filter(action="auth.login_failed", object_id=str(user.pk)).count() >= 5
    # Fourteen minutes later it is still locked; fifteen minutes later it opens again.
    _minutes_pass(14)
    assert post_login(client, "street_user", PASSWORD).status_code == 429
    _minutes_pass(16)
    r = post_login(client, "street_user", PASSWORD)
    assert r.status_code == 302
    assert AuditEntry.objects.filter(action="auth.login", object_id=str(user.pk)).exists()


def test_nobody_locks_an_administrator_out_from_another_address(client, personas):
    for _ in range(6):
        post_login_from(client, "street_user", "wrong-password-123", "203.0.113.7")
    assert post_login_from(client, "street_user", PASSWORD, "203.0.113.7").status_code == 429
    # The officer at their own desk still signs in.
    assert post_login_from(client, "street_user", PASSWORD, "10.1.2.3").status_code == 302


def test_the_lockout_does_not_tell_whether_the_account_exists(client, personas):
    pages = {}
    for username in ("street_user", "no_such_user"):
        for _ in range(5):
            post_login(client, username, "wrong-password-123")
        r = post_login(client, username, "wrong-password-123")
        errors = re.findall(r'<ul class="errorlist[^"]*">(.*?)</ul>', r.content.decode(), re.S)
        pages[username] = (r.status_code, errors)
    assert pages["street_user"] == pages["no_such_user"]
    assert pages["street_user"][0] == 429 and "登录失败次数过多" in pages["street_user"][1][0]


def test_the_admin_sign_in_page_counts_and_audits_failures_too(client, personas):
    from gonghui.conftest import make_user

    root = make_user("root_user", None, is_superuser=True, is_staff=True)
    client.force_login(personas.street)  # a signed-in officer tries the administrator's password
    for _ in range(5):
        r = client.post("/admin/login/", {"username": "root_user", "password": "guess-guess-123"})
    assert r.status_code == 429
    assert AuditEntry.objects.filter(action="auth.login_failed", object_id=str(root.pk)).count() >= 5
    # …and the lockout holds on our own sign-in page as well.
    client.logout()
    assert post_login(client, "root_user", PASSWORD).status_code == 429


def test_a_success_resets_the_failure_count(client, personas):
    for _ in range(4):
        post_login(client, "street_user", "wrong-password-123")
    assert post_login(client, "street_user", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        post_login(client, "street_user", "wrong-password-123")
    assert post_login(client, "street_user", PASSWORD).status_code == 302


def test_idle_session_ends_after_thirty_minutes(client, personas, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    post_login(client, "street_user", PASSWORD)
    assert client.get("/").status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    assert session.expire_date - timezone.now() <= dt.timedelta(minutes=30)
    # Thirty idle minutes later the session has expired: back to the login page.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    r = client.get("/")
    assert r.status_code == 302 and r.url.startswith("/accounts/login/")


def test_a_session_in_use_is_renewed_once_a_minute_not_written_on_every_page(client, personas, settings):
    post_login(client, "street_user", PASSWORD)
    assert client.get("/").status_code == 200
    key = client.session.session_key
    soon = timezone.now() + dt.timedelta(minutes=5)
    Session.objects.filter(pk=key).update(expire_date=soon)
    assert client.get("/").status_code == 200
    # Renewed at sign-in less than a minute ago: the page reads the session, it does not write it.
    assert Session.objects.get(pk=key).expire_date == soon
    settings.GONGHUI_SESSION_RENEW_SECONDS = 0
    assert client.get("/").status_code == 200
    # Due for renewal: the idle half hour starts again from this page.
    assert Session.objects.get(pk=key).expire_date - timezone.now() > dt.timedelta(minutes=29)


def test_password_shorter_than_twelve_is_refused(db):
    with pytest.raises(ValidationError) as exc:
        user_create(actor=None, username="shorty", password="Abc123!xyz9")
    assert any("12" in m for m in exc.value.messages)
    assert not User.objects.filter(username="shorty").exists()


def test_province_admin_must_pass_totp(client, personas):
    post_login(client, "province_user", PASSWORD)
    r = client.get("/orgs/")
    assert r.status_code == 302 and r.url == "/accounts/otp/"
    assert client.get("/api/orgs/").status_code == 401
    # First time: enrol an authenticator from the QR code.
    page = client.get("/accounts/otp/").content.decode()
    assert "<svg" in page and "启用双因素认证" in page
    device = TOTPDevice.objects.get(user=personas.province, confirmed=False)
    assert client.post("/accounts/otp/", {"token": "abc"}).status_code == 200
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    device.refresh_from_db()
    device.throttle_reset()  # a failure throttles the next try by a second
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    r = client.post("/accounts/otp/", {"token": f"{token:06d}"})
    assert r.status_code == 302
    assert client.get("/orgs/").status_code == 200
    assert TOTPDevice.objects.get(pk=device.pk).confirmed


def test_city_admin_with_device_is_asked_for_a_code_and_wrong_code_is_refused(client, personas):
    device = TOTPDevice.objects.create(user=personas.city, name="phone", confirmed=True)
    post_login(client, "city_user", PASSWORD)
    assert client.get("/").url == "/accounts/otp/"
    page = client.post("/accounts/otp/", {"token": "123"}).content.decode()
    assert "动态验证码不正确" in page
    device.refresh_from_db()
    device.throttle_reset()
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    assert client.post("/accounts/otp/", {"token": f"{token:06d}"}).status_code == 302
    assert client.get("/").status_code == 200


def test_street_officer_needs_no_second_factor(client, personas):
    post_login(client, "street_user", PASSWORD)
    assert client.get("/orgs/").status_code == 200


def test_security_headers(client, personas):
    post_login(client, "street_user", PASSWORD)
    r = client.get("/")
    assert "script-src 'self'" in r["Content-Security-Policy"]
    assert r["X-Frame-Options"] == "DENY"
    assert r["X-Content-Type-Options"] == "nosniff"
