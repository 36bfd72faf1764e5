"""Run the whole suite on SQLite and on a throwaway PostgreSQL 15 cluster at the same time, each
spread over the machine's cores (pytest-xdist); say which databases ran. Every test that touches
the database runs on both; the others (codes, parsers, renderers) run once, in the SQLite run.

Each database's run writes to its own log, shown whole when both are done, so a failure reads as
one piece. GONGHUI_TEST_WORKERS_SQLITE and GONGHUI_TEST_WORKERS_POSTGRESQL set the workers.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from testing.pgcluster import NoPostgres, find_bindir, throwaway_cluster  # noqa: E402


def workers(label: str) -> str:
    """Workers per database: the two runs share the cores half and half."""
    cores = os.cpu_count() or 2
    default = max(1, cores // 2)
    return os.environ.get(f"GONGHUI_TEST_WORKERS_{label.upper()}") or str(default)


def start(label: str, env: dict[str, str], log: Path, *extra: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "pytest", "-n", workers(label), *extra, *sys.argv[1:]]
    print(f"started: tests on {label} ({' '.join(command[1:])})", flush=True)
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def finish(label: str, proc: subprocess.Popen[bytes], log: Path, began: float) -> bool:
    code = proc.wait()
    print(f"\n===== tests on {label} ({time.monotonic() - began:.0f} s) =====", flush=True)
    sys.stdout.buffer.write(log.read_bytes())
    sys.stdout.flush()
    return code == 0


def main() -> int:
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    base["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    logs = Path(tempfile.mkdtemp(prefix="gonghui-tests-"))
    began = time.monotonic()
    try:
        find_bindir()
    except NoPostgres as exc:
        ok = finish("sqlite", start("sqlite", base, logs / "sqlite.log"), logs / "sqlite.log", began)
        bar = "!" * 72
        print(f"\n{bar}\n!! PostgreSQL NOT TESTED\n!! {exc}\n{bar}", file=sys.stderr)
        print(f"databases tested: {'sqlite' if ok else 'none'}")
        return 1
    with throwaway_cluster() as url:
        # Tests that do not depend on the database run once: most in the SQLite run, those marked
        # second_database_only (to share the work) in the PostgreSQL run, with the tests that do.
        sqlite = start("sqlite", base, logs / "sqlite.log", "--second-follows")
        postgresql = start("postgresql", {**base, "DATABASE_URL": url}, logs / "postgresql.log", "--db-only")
        results = {
            "sqlite": finish("sqlite", sqlite, logs / "sqlite.log", began),
            "postgresql": finish("postgresql", postgresql, logs / "postgresql.log", began),
        }
    print(f"\ndatabases tested: {', '.join(results)} in {time.monotonic() - began:.0f} s")
    failed = [name for name, ok in results.items() if not ok]
    if failed:
        print(f"FAILED on: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
