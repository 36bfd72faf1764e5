"""Production settings read their secrets from the environment and pass `check --deploy`."""

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_check(**env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "GONGHUI_"))}
    base["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def good_env() -> dict[str, str]:
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "gonghui.example.org",
        "DATABASE_URL": "postgres://gonghui@127.0.0.1:5432/gonghui",
        "GONGHUI_DATA_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
    }


def test_check_deploy_passes_with_no_warning():
    result = run_check(**good_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_or_bad_data_key_refuses_to_start():
    env = good_env()
    del env["GONGHUI_DATA_KEY"]
    result = run_check(**env)
    assert result.returncode != 0 and "GONGHUI_DATA_KEY" in result.stderr
    result = run_check(**{**good_env(), "GONGHUI_DATA_KEY": "c2hvcnQ="})
    assert result.returncode != 0 and "32 bytes" in result.stderr
