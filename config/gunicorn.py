"""gunicorn's settings, for production (deploy/systemd/gonghui-web.service) and `make demo`.

    gunicorn -c config/gunicorn.py config.wsgi

Every value can be changed from the environment; docs/deploy.md explains each choice.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


# A unix socket (unix:/run/gonghui/gunicorn.sock) behind nginx, or an address on this machine.
bind = [os.environ.get("GONGHUI_BIND", "127.0.0.1:8000")]
# Processes × threads: a request that waits on the database leaves the other threads working.
# Two processes per core is the starting point; measure before going higher.
workers = env_int("WEB_CONCURRENCY", 2)
worker_class = "gthread"
threads = env_int("GONGHUI_THREADS", 4)
# A worker whose main loop stops answering for this long is killed and replaced. In gthread
# workers that is the process hanging, not one slow request: a long export runs on in its thread.
timeout = env_int("GONGHUI_WORKER_TIMEOUT", 120)
# On SIGTERM (a deploy, `systemctl restart`) requests in progress get this long to finish.
graceful_timeout = env_int("GONGHUI_GRACEFUL_TIMEOUT", 60)
# Each request on a connection of its own (nginx on the same machine: a set-up costs next to
# nothing). A kept-open connection stays with the process that accepted it, and one process often
# accepts most of them: its requests then wait behind each other while the other process idles
# (bench/load.py saw one half of the users at p50 420 to 470 ms, the other at 22 to 58 ms).
keepalive = env_int("GONGHUI_KEEPALIVE", 0)
# A worker is replaced after about this many requests: memory that a big import or export
# took is given back to the machine. Not much more often: a new worker imports the application
# again and starts with cold caches, and while it boots the other worker serves alone (at the
# 64 to 138 requests/s bench/load.py measured with 2,000, each was replaced every 30 to 60 s).
max_requests = env_int("GONGHUI_MAX_REQUESTS", 20000)
max_requests_jitter = max_requests // 10
# The heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# X-Forwarded-Proto and friends are believed from nginx on this machine only.
forwarded_allow_ips = os.environ.get("GONGHUI_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Each request is logged once by the application (config.observability), with its id.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GONGHUI_GUNICORN_LOG_LEVEL", "info")
# No control socket: nothing here uses it, and several servers on one machine would share one.
control_socket_disable = True
proc_name = "gonghui"
chdir = str(ROOT)

# gunicorn's own lines in the same JSON as the application's.
logconfig_dict: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.observability.RequestIdFilter"}},
    "formatters": {"json": {"()": "config.observability.JsonLogFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"level": "WARNING", "handlers": ["console"]},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["console"], "propagate": False},
        "gunicorn.access": {"level": "WARNING", "handlers": ["console"], "propagate": False},
    },
}

# Metrics of every worker process in one /metrics answer: prometheus_client's multiprocess mode
# keeps each process's counters in files here (emptied at start; systemd's RuntimeDirectory
# gives /run/gonghui, the demo var/prometheus).
_metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or (
    str(Path(os.environ["RUNTIME_DIRECTORY"].split(":")[0]) / "prometheus")
    if os.environ.get("RUNTIME_DIRECTORY")
    else str(Path(os.environ.get("GONGHUI_VAR_DIR", ROOT / "var")) / "prometheus")
)
os.environ["PROMETHEUS_MULTIPROC_DIR"] = _metrics_dir

# `make demo` needs no extra service: with GONGHUI_DEMO_WORKER=1 the job worker
# (`manage.py worker`) runs as a child of the server, started and stopped with it.
_job_worker: subprocess.Popen[bytes] | None = None


def on_starting(server: Any) -> None:
    shutil.rmtree(_metrics_dir, ignore_errors=True)
    Path(_metrics_dir).mkdir(parents=True, exist_ok=True)


def when_ready(server: Any) -> None:
    global _job_worker
    if os.environ.get("GONGHUI_DEMO_WORKER") == "1":
        env = {k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
        _job_worker = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "worker"], cwd=ROOT, env=env)
        server.log.info("job worker started (pid %s)", _job_worker.pid)


def child_exit(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]


def on_exit(server: Any) -> None:
    # SIGTERM: the worker finishes its running job within its grace, or puts it back in the
    # queue (gonghui/core/jobs.py); only a worker that does neither in time is killed.
    if _job_worker is not None and _job_worker.poll() is None:
        _job_worker.send_signal(signal.SIGTERM)
        try:
            _job_worker.wait(timeout=float(os.environ.get("GONGHUI_WORKER_GRACE") or 50) + 10)
        except subprocess.TimeoutExpired:
            _job_worker.kill()
