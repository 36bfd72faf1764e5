"""`make demo`: the embedded demo served as production is (gunicorn, debug off, static files
collected and served by whitenoise, JSON logs, our own error pages), on SQLite under var/ and
over plain HTTP on 127.0.0.1, with the demo's public keys."""

from .base import SERVED_STORAGES, VAR_DIR, env_bool, logging_config
from .dev import *  # noqa: F403

DEBUG = env_bool("DJANGO_DEBUG", False)

STATIC_ROOT = str(VAR_DIR / "static")
STORAGES = SERVED_STORAGES
WHITENOISE_USE_FINDERS = False

# The job worker is a process of its own that config/gunicorn.py starts beside the web workers
# (GONGHUI_DEMO_WORKER=1); no thread inside a web worker.
GONGHUI_INPROCESS_WORKER = False

LOGGING = logging_config("json", "INFO")
