"""Production: everything secret comes from the environment; refuses to start without it."""

import base64
import binascii
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .. import database
from .base import *  # noqa: F403
from .base import (
    GONGHUI_NOTIFY_BACKEND,
    GONGHUI_SMS_APP_ID,
    GONGHUI_SMS_TEMPLATES,
    GONGHUI_SMS_URL,
    SERVED_STORAGES,
    env_bool,
    logging_config,
)


def required(name: str) -> str:
    """A setting from the environment, or from a file: NAME_FILE names it, or systemd's
    LoadCredential= puts it in $CREDENTIALS_DIRECTORY under the lower-case name with dashes
    (gonghui-data-key), so that a secret need not stand in an environment file."""
    value = optional(name)
    if not value:
        raise ImproperlyConfigured(f"环境变量 {name} 未设置 (required in production)")
    return value


def optional(name: str) -> str:
    """As `required`, but an unset setting is the empty string."""
    value = os.environ.get(name, "").strip()
    path = os.environ.get(f"{name}_FILE", "").strip()
    credentials = os.environ.get("CREDENTIALS_DIRECTORY", "").strip()
    if not value and not path and credentials:
        candidate = Path(credentials) / name.lower().replace("_", "-")
        path = str(candidate) if candidate.is_file() else ""
    if not value and path:
        try:
            value = Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"{name}_FILE={path} 无法读取 (cannot be read): {exc.strerror}"
            ) from exc
    return value


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in required("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
# Each gunicorn thread keeps its connection for a minute; one that the database closed meanwhile
# (a restart, a failover) is noticed and replaced before the request uses it, not after.
DATABASES = {"default": database.parse(required("DATABASE_URL"), conn_max_age=60, conn_health_checks=True)}
# A read replica for reports and exports (docs/operations.md, "Read replicas"): optional.
if replica_url := optional("DATABASE_REPLICA_URL"):
    DATABASES[database.REPLICA_ALIAS] = database.replica(
        replica_url, conn_max_age=60, conn_health_checks=True
    )
GONGHUI_READ_REPLICA = database.REPLICA_ALIAS if database.REPLICA_ALIAS in DATABASES else None
GONGHUI_DATA_KEY = required("GONGHUI_DATA_KEY")
try:
    if len(base64.urlsafe_b64decode(GONGHUI_DATA_KEY)) != 32:
        raise ValueError
except (binascii.Error, ValueError) as exc:
    raise ImproperlyConfigured("GONGHUI_DATA_KEY must be urlsafe base64 of exactly 32 bytes") from exc

# The SMS gateway's secret (docs/deploy.md, "Text messages"): a credential, like the keys above.
GONGHUI_SMS_SECRET = optional("GONGHUI_SMS_SECRET")
if GONGHUI_NOTIFY_BACKEND.endswith(".SmsGatewayBackend"):
    sms = {"GONGHUI_SMS_URL": GONGHUI_SMS_URL, "GONGHUI_SMS_APP_ID": GONGHUI_SMS_APP_ID,
           "GONGHUI_SMS_SECRET": GONGHUI_SMS_SECRET, "GONGHUI_SMS_TEMPLATES": GONGHUI_SMS_TEMPLATES}  # fmt: skip
    if missing := [name for name, value in sms.items() if not value]:
        raise ImproperlyConfigured(f"短信网关未配置完整 (SmsGatewayBackend needs): {', '.join(missing)}")

STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", str(VAR_DIR / "static"))  # noqa: F405
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS if not h.startswith(".")]
STORAGES = SERVED_STORAGES
WHITENOISE_USE_FINDERS = False
# Probes from the machine itself may come over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/", r"^metrics$"]
# Behind the proxy of deploy/nginx/gonghui.conf, which replaces X-Forwarded-For with the
# client's address: sign-in lockouts and the audit log see the person's address, not the proxy's.
# Set GONGHUI_BEHIND_PROXY=false only when gunicorn faces clients itself.
USE_X_FORWARDED_FOR = env_bool("GONGHUI_BEHIND_PROXY", True)

# One JSON object per log line on standard error (journald keeps it), one line per request.
LOGGING = logging_config("json", "INFO")
