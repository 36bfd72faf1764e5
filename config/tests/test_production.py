"""Production settings take their secrets from files too (systemd credentials), trust the proxy's
client address, and still pass `check --deploy` with no warning."""

from __future__ import annotations

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SHOW = (
    "from django.conf import settings; "
    "print(settings.GONGHUI_DATA_KEY, settings.SECRET_KEY[:8], settings.USE_X_FORWARDED_FOR, "
    "settings.LOGGING['handlers']['console']['formatter'], settings.DATABASES['default']['CONN_HEALTH_CHECKS'])"
)


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "GONGHUI_"))}
    base.pop("CREDENTIALS_DIRECTORY", None)
    base["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


PLAIN = {
    "DJANGO_ALLOWED_HOSTS": "gonghui.example.org",
    "DATABASE_URL": "postgres://gonghui@127.0.0.1:5432/gonghui",
}


def test_secrets_from_named_files(tmp_path: Path):
    data_key, secret = key(), secrets.token_urlsafe(50)
    (tmp_path / "data-key").write_text(data_key + "\n")
    (tmp_path / "secret").write_text(secret)
    result = run(
        ["shell", "-c", SHOW],
        **PLAIN,
        GONGHUI_DATA_KEY_FILE=str(tmp_path / "data-key"),
        DJANGO_SECRET_KEY_FILE=str(tmp_path / "secret"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [data_key, secret[:8], "True", "json", "True"]


def test_secrets_from_systemd_credentials(tmp_path: Path):
    data_key, secret = key(), secrets.token_urlsafe(50)
    (tmp_path / "gonghui-data-key").write_text(data_key)
    (tmp_path / "django-secret-key").write_text(secret)
    result = run(
        ["check", "--deploy", "--fail-level", "WARNING"], **PLAIN, CREDENTIALS_DIRECTORY=str(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_an_unreadable_secret_file_refuses_to_start(tmp_path: Path):
    result = run(
        ["check"],
        **PLAIN,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        GONGHUI_DATA_KEY_FILE=str(tmp_path / "missing"),
    )
    assert result.returncode != 0
    assert "GONGHUI_DATA_KEY_FILE" in result.stderr


def test_a_bad_key_in_a_file_is_refused_like_one_in_the_environment(tmp_path: Path):
    (tmp_path / "data-key").write_text("c2hvcnQ=")
    result = run(
        ["check"],
        **PLAIN,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        GONGHUI_DATA_KEY_FILE=str(tmp_path / "data-key"),
    )
    assert result.returncode != 0 and "32 bytes" in result.stderr


SMS = {
    "GONGHUI_NOTIFY_BACKEND": "gonghui.services.notify.SmsGatewayBackend",
    "GONGHUI_SMS_URL": "https://sms.gov.example.cn/api/v1/send",
    "GONGHUI_SMS_APP_ID": "gh-app",
    "GONGHUI_SMS_TEMPLATES": "signin=SMS_0001, reminder = SMS_0003",
}
SHOW_SMS = (
    "from django.conf import settings; "
    "print(settings.GONGHUI_SMS_SECRET, sorted(settings.GONGHUI_SMS_TEMPLATES.items()))"
)


def test_the_sms_gateway_secret_is_a_credential_and_an_incomplete_gateway_refuses_to_start(tmp_path: Path):
    (tmp_path / "gonghui-data-key").write_text(key())
    (tmp_path / "django-secret-key").write_text(secrets.token_urlsafe(50))
    (tmp_path / "gonghui-sms-secret").write_text("gateway-secret\n")
    result = run(["shell", "-c", SHOW_SMS], **PLAIN, **SMS, CREDENTIALS_DIRECTORY=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.splitlines()[-1] == "gateway-secret [('reminder', 'SMS_0003'), ('signin', 'SMS_0001')]"
    )
    (tmp_path / "gonghui-sms-secret").unlink()
    result = run(["check"], **PLAIN, **SMS, CREDENTIALS_DIRECTORY=str(tmp_path))
    assert result.returncode != 0 and "GONGHUI_SMS_SECRET" in result.stderr


PROBE = """
from django.test import Client
from gonghui.kernel.middleware import client_ip
from django.test import RequestFactory
c = Client(HTTP_HOST="gonghui.example.org")
print(c.get("/health/live").status_code, c.get("/api/openapi.json").status_code,
      c.get("/api/openapi.json", HTTP_X_FORWARDED_PROTO="https").status_code)
r = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="127.0.0.1")
print(client_ip(r))
"""


def test_behind_the_proxy_probes_skip_the_https_redirect_and_the_client_address_is_the_forwarded_one():
    result = run(
        ["shell", "-c", PROBE],
        **PLAIN,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        GONGHUI_DATA_KEY=key(),
    )
    assert result.returncode == 0, result.stderr
    *_, statuses, address = result.stdout.splitlines()
    # Plain HTTP from the machine itself: the probe answers, a page goes to HTTPS; through nginx
    # (X-Forwarded-Proto: https) the page is served.
    assert statuses.split() == ["200", "301", "200"]
    assert address == "203.0.113.7"
