"""`make demo`'s server for real: gunicorn with config/gunicorn.py and the demo's settings, debug
off, static files collected and served by whitenoise, our 404, JSON logs with the request id, the
job worker started and stopped with the server, and a readiness probe that fails while the
database has no tables."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):  # type: ignore[no-untyped-def]
    var = tmp_path_factory.mktemp("demo-var")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "GONGHUI_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.demo",
        GONGHUI_VAR_DIR=str(var),
        GONGHUI_BIND="127.0.0.1:0",
        GONGHUI_DEMO_WORKER="1",
        WEB_CONCURRENCY="1",
    )
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT, env=env, check=True, timeout=300,
    )  # fmt: skip
    log = var / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(GUNICORN), "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT,
            env=env,
            stderr=out,
            stdout=out,
        )
    try:
        deadline = time.monotonic() + 120
        while not (found := re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", log.read_text())):
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        yield found[1], log, var
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    worker = re.search(r"job worker started \(pid (\d+)\)", log.read_text())
    assert worker, log.read_text()
    with pytest.raises(ProcessLookupError):
        os.kill(int(worker[1]), 0)  # stopped with the server


def test_a_wrong_address_shows_our_404_not_a_debug_page(demo_server):
    url, _, _ = demo_server
    status, headers, body = fetch(url + "/no/such/page/")
    text = body.decode()
    assert status == 404 and "页面不存在" in text
    assert "Using the URLconf" not in text and "DEBUG = True" not in text
    assert headers["X-Request-ID"] in text


def test_static_files_are_served_compressed_and_cached_for_good(demo_server):
    url, _, var = demo_server
    _, _, page = fetch(url + "/no/such/page/")
    css = re.search(r'href="(/static/css/gonghui\.[0-9a-f]{12}\.css)"', page.decode())
    assert css, "the stylesheet's name is not hashed: is the manifest storage on?"
    status, headers, _ = fetch(url + css[1], **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    # Uploads are the service's own; collected static files are readable by nginx too.
    collected = var / "static" / css[1].removeprefix("/static/")
    assert collected.stat().st_mode & 0o777 == 0o644
    assert (var / "static" / "css").stat().st_mode & 0o777 == 0o755


def test_probes_answer_and_readiness_fails_without_the_tables(demo_server):
    url, _, _ = demo_server
    assert fetch(url + "/health/live")[0] == 200
    status, _, body = fetch(url + "/health/ready")
    assert status == 503
    assert json.loads(body) == {
        "status": "unavailable",
        "checks": {"database": "ok", "migrations": "unavailable", "job_queue": "unavailable"},
    }


def test_log_lines_are_json_with_the_request_id(demo_server):
    url, log, _ = demo_server
    _, headers, _ = fetch(url + "/accounts/login/?next=/members/%3Fq%3D440106198803121234")
    time.sleep(0.5)
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert any(e["logger"] == "gunicorn.error" and "Listening at" in e["message"] for e in lines)
    request = next(e for e in lines if e.get("request_id") == headers["X-Request-ID"])
    assert request["logger"] == "gonghui.request" and request["path"] == "/accounts/login/"
    assert "440106198803121234" not in log.read_text()


def test_metrics_are_read_from_the_worker_processes_files(demo_server):
    url, _, _ = demo_server
    fetch(url + "/health/live")
    status, _, body = fetch(url + "/metrics")
    assert status == 200
    assert 'view="health-live"' in body.decode()
