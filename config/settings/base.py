"""Settings shared by every environment; values come from the environment (12-factor)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .. import database

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("GONGHUI_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me-0123456789abcdefghij")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

# A urlsafe-base64 32-byte key: encrypts personal data and keys the blind indexes.
# The development key below is public; production refuses to start without its own.
GONGHUI_DATA_KEY = os.environ.get("GONGHUI_DATA_KEY", "ZGV2LW9ubHktZGF0YS1rZXktMzItYnl0ZXMtbG9uZyE=")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "django_prometheus",
    "gonghui.core",
    "gonghui.accounts",
    "gonghui.orgs",
    "gonghui.members",
    "gonghui.units",
    "gonghui.assistance",
    "gonghui.services",
    "gonghui.meetings",
    "gonghui.bulletin",
    "gonghui.honours",
    "gonghui.targets",
    "gonghui.mutualaid",
    "gonghui.activities",
    "gonghui.training",
    "gonghui.jobfairs",
    "gonghui.portal",
    "gonghui.demo",
]

# Background work: Django's task framework (the django-tasks backport; `django.tasks` from
# Django 6.0) on its database backend, behind gonghui/core/jobs.py.
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]

MIDDLEWARE = [
    # First: every later line of the log, and the answer, carry the request's id.
    "config.observability.RequestIdMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "gonghui.kernel.middleware.RequestSizeMiddleware",
    "gonghui.kernel.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gonghui.kernel.middleware.SessionIdleMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "gonghui.accounts.middleware.SecondFactorMiddleware",
    # After the person is known: reads of reports and exports from the replica, pin after a write.
    "gonghui.kernel.replica.ReplicaMiddleware",
    "gonghui.kernel.middleware.RequestContextMiddleware",
    "gonghui.kernel.middleware.RequestGuardMiddleware",
    "gonghui.kernel.middleware.NotFoundMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last, so that a sign-in refused for too many failures is answered the same on every path.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gonghui" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "gonghui.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": database.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gonghui.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Reports and exports may read from a replica (docs/operations.md, "Read replicas"): the
# `replica` alias exists only when DATABASE_REPLICA_URL is set; without it there is one database.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES[database.REPLICA_ALIAS] = database.replica(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60"))
    )
GONGHUI_READ_REPLICA = database.REPLICA_ALIAS if database.REPLICA_ALIAS in DATABASES else None
# The first notes every write (the pages kept for a moment, gonghui/core/generation.py); the
# second chooses the database.
DATABASE_ROUTERS = ["gonghui.core.generation.WriteRouter", "gonghui.kernel.replica.Router"]
# After a write the person reads the primary for this long (a cookie): they see what they saved
# even while the replica is behind. Longer than the replica's lag at its worst.
GONGHUI_PIN_AFTER_WRITE_SECONDS = int(os.environ.get("GONGHUI_PIN_AFTER_WRITE_SECONDS", "15"))
# The pages and downloads whose GETs may read from the replica: reports and exports.
GONGHUI_REPLICA_VIEWS = [
    "units:report", "units:report_export", "units:export", "units:contract_export",
    "members:export",
    "assistance:report", "assistance:report_export",
    "targets:circular", "targets:circular_export", "targets:circular_docx",
    "mutualaid:report",
    "bulletin:stats", "bulletin:stats_xlsx",
    "training:statistics", "training:statistics_export", "training:roster_export",
    "services:case_stats", "services:case_stats_export",
    "portal:request_stats", "portal:request_export",
    "honours:register_export", "honours:round_export",
    "meetings:passon_report", "meetings:passon_export", "meetings:roster_export",
    "activities:export", "activities:roster_export", "activities:volunteers_export",
    "jobfairs:export",
]  # fmt: skip

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# No request body above this is read (a million-row ledger in xlsx is about 80 MB).
GONGHUI_MAX_REQUEST_BYTES = int(os.environ.get("GONGHUI_MAX_REQUEST_MB", "100")) * 1024 * 1024
# The most cells one uploaded sheet may span (gonghui.kernel.sheetguard).
GONGHUI_SHEET_MAX_CELLS = 30_000_000
# The most memory (address space) the child process that reads an uploaded spreadsheet may use;
# a smaller file gets less (gonghui.kernel.sheetguard.child_memory).
GONGHUI_SHEET_CHILD_MEMORY = int(os.environ.get("GONGHUI_SHEET_CHILD_MEMORY_MB", "4096")) * 1024 * 1024
# Uploads (ledgers, attachments, meeting documents) hold personal data: readable by the
# service's own user only. Media are served through the application, never by the web server.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# The organisation tree the scope rule walks (gonghui.kernel.scope).
GONGHUI_ORG_MODEL = "orgs.Org"
# Refuse audit rows whose action or detail keys no module.py declares (on in tests and the demo).
GONGHUI_AUDIT_STRICT = env_bool("GONGHUI_AUDIT_STRICT", False)
# django-axes first: every sign-in path (our page, the admin's) counts failures and locks the same way.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "gonghui.accounts.sessions.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login lockout (SPEC: reliability and security targets): five failures for one account from one
# address lock that account at that address for fifteen minutes, whatever the sign-in page, so
# nobody can lock an administrator out from elsewhere; the refusal reads the same whether the
# account exists or not.
GONGHUI_LOCKOUT_FAILURES = 5
GONGHUI_LOCKOUT_MINUTES = 15
AXES_FAILURE_LIMIT = GONGHUI_LOCKOUT_FAILURES
AXES_COOLOFF_TIME = dt.timedelta(minutes=GONGHUI_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gonghui.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "gonghui.kernel.middleware.client_ip"
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are in our audit log
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "gonghui 工会工作平台"

# Idle sessions end after 30 minutes: a session in use is renewed once a minute
# (gonghui.kernel.middleware.SessionIdleMiddleware), not written on every request.
# Sessions that name their person: one query reads both (gonghui/accounts/sessions.py).
SESSION_ENGINE = "gonghui.accounts.sessions"
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
GONGHUI_SESSION_RENEW_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "gonghui" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT") or None  # production collects into it
STATICFILES_DIRS = [BASE_DIR / "gonghui" / "static"]
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = True
# As served in production and the demo (collected, compressed, named by content): uploads are the
# service's own (0600); static files are for everyone, nginx included.
SERVED_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
}


# Log lines on standard error: JSON objects in production and the demo (GONGHUI_LOG_FORMAT=json),
# text otherwise; each carries the request id (config.observability). `gonghui.request` logs each
# request once, at INFO, when GONGHUI_REQUEST_LOG_LEVEL is INFO (production and the demo).
def logging_config(log_format: str = "text", request_level: str = "WARNING") -> dict[str, object]:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "config.observability.RequestIdFilter"},
            "refusal": {"()": "config.observability.RefusalWithoutTraceback"},
        },
        "formatters": {
            "json": {"()": "config.observability.JsonLogFormatter"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "config.observability.StderrHandler",
                "filters": ["request_id"],
                "formatter": os.environ.get("GONGHUI_LOG_FORMAT", log_format),
            }
        },
        "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
        "loggers": {
            "gonghui.request": {"level": os.environ.get("GONGHUI_REQUEST_LOG_LEVEL", request_level)},
            "django.request": {"filters": ["refusal"]},
        },
    }


LOGGING = logging_config()

# Notifications to workers (gonghui/services/notify.py): the console by default; text messages
# through the federation's SMS gateway with "gonghui.services.notify.SmsGatewayBackend"
# (docs/deploy.md, "Text messages"). The secret is a credential in production (production.py).
GONGHUI_NOTIFY_BACKEND = (
    os.environ.get("GONGHUI_NOTIFY_BACKEND", "") or "gonghui.services.notify.ConsoleBackend"
)
GONGHUI_SMS_URL = os.environ.get("GONGHUI_SMS_URL", "")
GONGHUI_SMS_APP_ID = os.environ.get("GONGHUI_SMS_APP_ID", "")
GONGHUI_SMS_SECRET = os.environ.get("GONGHUI_SMS_SECRET", "")
GONGHUI_SMS_SIGN_NAME = os.environ.get("GONGHUI_SMS_SIGN_NAME", "")
# The gateway's template for each kind of notice: "signin=SMS_0001,reminder=SMS_0002".
GONGHUI_SMS_TEMPLATES = {
    kind.strip(): template.strip()
    for kind, _, template in (
        p.partition("=") for p in os.environ.get("GONGHUI_SMS_TEMPLATES", "").split(",")
    )
    if kind.strip() and template.strip()
}
GONGHUI_SMS_OK_CODE = os.environ.get("GONGHUI_SMS_OK_CODE", "0")
# Seconds to wait for the gateway: the person asking for a sign-in code waits as long.
GONGHUI_SMS_TIMEOUT = float(os.environ.get("GONGHUI_SMS_TIMEOUT", "5"))

# Metrics (django-prometheus): no query at start-up (the migrations gauge would read the database
# in every management command).
PROMETHEUS_EXPORT_MIGRATIONS = False
# /health/ fails when a queued job has waited longer than this: no worker is taking jobs.
GONGHUI_HEALTH_QUEUE_MAX_WAIT = int(os.environ.get("GONGHUI_HEALTH_QUEUE_MAX_WAIT", str(15 * 60)))

# The task queue (gonghui/core/jobs.py, docs/operations.md): the database backend of Django's
# task framework. A running job's worker writes a heartbeat; a job whose heartbeat is older than
# the lease is taken as lost (the worker was killed) and run again, up to the attempts below.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
GONGHUI_JOB_LEASE = float(os.environ.get("GONGHUI_JOB_LEASE", "60"))
GONGHUI_JOB_MAX_ATTEMPTS = int(os.environ.get("GONGHUI_JOB_MAX_ATTEMPTS", "3"))
# A passing failure (the database restarting, a deadlock) is retried after 30 s, 60 s, 120 s …
GONGHUI_JOB_RETRY_DELAY = float(os.environ.get("GONGHUI_JOB_RETRY_DELAY", "30"))
# On SIGTERM a worker lets its running job finish for this long, then puts it back in the queue.
GONGHUI_WORKER_GRACE = float(os.environ.get("GONGHUI_WORKER_GRACE", "50"))
