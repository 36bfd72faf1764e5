"""What the drills and the load benchmark share: a free local port, and gunicorn serving the app."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def gunicorn(env: dict[str, str], base: Path) -> Iterator[int]:
    """gunicorn with config/gunicorn.py (2 workers) on a free port of 127.0.0.1, its log in
    base/gunicorn.log; yields the port once it answers, and stops it on the way out."""
    port = free_port()
    log_path = base / "gunicorn.log"
    with log_path.open("ab") as log:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT, env={**env, "GONGHUI_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2"},
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            while True:
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn did not start: {log_path.read_text()[-2000:]}")
                time.sleep(0.5)
            yield port
        finally:
            proc.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=30)
