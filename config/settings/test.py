"""Tests: fast hashing; DATABASE_URL selects PostgreSQL (the harness sets it), else SQLite."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if "DATABASE_URL" not in os.environ:
    # In-memory SQLite (pytest-django shares it with the live server thread).
    DATABASES["default"]["OPTIONS"].pop("init_command", None)
GONGHUI_DATA_KEY = "dGVzdC1vbmx5LWRhdGEta2V5LTMyLWJ5dGVzLWxvbmchIQ=="
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Live-server threads must not keep connections open past a test: PostgreSQL refuses to drop the
# test database while "other users" are connected.
DATABASES["default"]["CONN_MAX_AGE"] = 0

# Every audit row names an action and detail keys some module.py declares.
GONGHUI_AUDIT_STRICT = True

# Uploads and generated files of one test process stay its own (the suite runs in parallel).
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="gonghui-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, True)
