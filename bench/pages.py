"""What one request of the busiest pages costs, in-process on the production settings: queries
(and their SQL) and milliseconds, per persona, with a profile of where the time goes.

    .venv/bin/python bench/pages.py --reuse /work/benchdata/load [--repeat 50] [--profile PAGE]
        [--sql PAGE]

Runs against the cluster a `bench/load.py --keep DIR` run left (started and stopped here; only
one process may use it at a time). The requests go through the WSGI application exactly as
gunicorn hands them over (every middleware, the session from the database, JSON request logs,
metrics in prometheus_client's multiprocess mode), one at a time: the figures are the cost of a
request without the queueing of a load test. Pages: the floor (/bench/floor), the workbench home
of the province's, a district's and a street's officers, the portal's home and card of a worker.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import load  # noqa: E402  (bench/load.py: the cluster, the sessions, the server's environment)


def setup(url: str, base: Path, var: Path) -> None:
    os.environ.update(load.server_env(url, base, load.DATA_KEY))
    os.environ["GONGHUI_VAR_DIR"] = str(var)
    os.environ["DJANGO_STATIC_ROOT"] = str(var / "static")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(var / "prometheus")
    (var / "prometheus").mkdir(parents=True, exist_ok=True)
    # Errors to standard error; the request lines (INFO) are formatted and written, as in
    # production, to a file so that the output stays readable.
    sys.stderr = (var / "requests.log").open("a", encoding="utf-8")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)


def environ(path: str, session: str | None) -> dict[str, Any]:
    from django.test.client import RequestFactory

    query = ""
    if "?" in path:
        path, query = path.split("?", 1)
    env = RequestFactory()._base_environ(PATH_INFO=path, QUERY_STRING=query, REQUEST_METHOD="GET")
    env.update(SERVER_NAME="127.0.0.1", HTTP_HOST="127.0.0.1", REMOTE_ADDR="127.0.0.1")
    if session:
        env["HTTP_COOKIE"] = f"sessionid={session}"
    return env


def call(app: Any, path: str, session: str | None) -> tuple[int, bytes]:
    status: list[str] = []

    def start_response(s: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        status.append(s)

    body = app(environ(path, session), start_response)
    try:
        content = b"".join(body)
    finally:
        getattr(body, "close", lambda: None)()
    return int(status[0].split()[0]), content


@contextlib.contextmanager
def counting() -> Any:
    from django.db import connections

    seen: list[tuple[float, str]] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            seen.append(((time.perf_counter() - t) * 1000, sql))

    with contextlib.ExitStack() as stack:
        for conn in connections.all():
            stack.enter_context(conn.execute_wrapper(wrapper))
        yield seen


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reuse", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--profile", action="append", default=[], help="page label to profile")
    parser.add_argument("--sql", action="append", default=[], help="page label whose SQL to print")
    parser.add_argument("--only", action="append", default=[], help="measure only these pages")
    args = parser.parse_args()
    base = args.reuse.resolve()
    cluster = load.Cluster(base)
    url = cluster.start()
    var = Path(tempfile.mkdtemp(prefix="gonghui-pages-"))
    try:
        setup(url, base, var)
        measure(args, base)
    finally:
        from django.db import connections

        connections.close_all()
        cluster.stop()


def measure(args: argparse.Namespace, base: Path) -> None:
    import json

    from config.wsgi import application

    facts = json.loads((base / load.FACTS).read_text(encoding="utf-8"))
    o = facts["officers"]
    worker = facts["workers"][0]["user"]
    sessions = {
        name: load.sign_in(uid)
        for name, uid in (("province", o["province"]["user"]), ("district", o["district"]["user"]),
                          ("street", o["street"]["user"]), ("worker", worker))
    }  # fmt: skip
    from gonghui.members.models import Member

    low = Member.objects.order_by("pk").values_list("pk", flat=True).first() or 0
    pages = [
        ("floor", f"/bench/floor?after={low + 1000}", None),
        ("home (province)", "/", sessions["province"]),
        ("home (district)", "/", sessions["district"]),
        ("home (street)", "/", sessions["street"]),
        ("portal home (worker)", "/portal/", sessions["worker"]),
        ("portal card (worker)", "/portal/card/", sessions["worker"]),
        ("api: portal me (worker)", "/api/portal/me", sessions["worker"]),
    ]
    if args.only:
        pages = [p for p in pages if p[0] in args.only]
    from gonghui.core import generation

    print(f"{'page':24} {'status':>6} {'queries':>7} {'p50 ms':>8} {'mean ms':>8} {'min ms':>8} "
          f"{'cold q':>7} {'cold ms':>8}")  # fmt: skip
    for label, path, session in pages:
        for _ in range(3):
            call(application, path, session)
        # Cold: what the first visit after a write costs (the kept pages dropped each time).
        cold_times = []
        for _ in range(max(3, args.repeat // 10)):
            generation.forget()
            with counting() as cold:
                t = time.perf_counter()
                call(application, path, session)
                cold_times.append((time.perf_counter() - t) * 1000)
        with counting() as seen:
            status, _body = call(application, path, session)
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            call(application, path, session)
            times.append((time.perf_counter() - t) * 1000)
        print(f"{label:24} {status:>6} {len(seen):>7} {statistics.median(times):>8.1f} "
              f"{statistics.mean(times):>8.1f} {min(times):>8.1f} {len(cold):>7} "
              f"{statistics.median(cold_times):>8.1f}", flush=True)  # fmt: skip
        if label in args.sql:
            for ms, sql in sorted(seen, reverse=True):
                print(f"   {ms:7.1f} ms  {sql[:260]}")
        if label in args.profile:
            prof = cProfile.Profile()
            prof.enable()
            for _ in range(args.repeat):
                call(application, path, session)
            prof.disable()
            out = io.StringIO()
            stats = pstats.Stats(prof, stream=out).sort_stats("cumulative")
            stats.print_stats(45)
            print(out.getvalue())
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(25)
            print(out.getvalue())


if __name__ == "__main__":
    main()
