"""Run the whole suite on SQLite, then on a throwaway PostgreSQL 15 cluster; say which ran."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from testing.pgcluster import NoPostgres, find_bindir, throwaway_cluster  # noqa: E402

PYTEST = [sys.executable, "-m", "pytest", *sys.argv[1:]]


def run(label: str, env: dict[str, str]) -> int:
    print(f"\n===== tests on {label} =====", flush=True)
    return subprocess.call(PYTEST, env=env, cwd=ROOT)


def main() -> int:
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    base["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    tested, failed = [], []
    (failed if run("sqlite", base) else tested).append("sqlite")
    try:
        find_bindir()
    except NoPostgres as exc:
        bar = "!" * 72
        print(f"\n{bar}\n!! PostgreSQL NOT TESTED\n!! {exc}\n{bar}", file=sys.stderr)
        print(f"databases tested: {', '.join(tested) or 'none'}")
        return 1
    with throwaway_cluster() as url:
        (failed if run("postgresql", {**base, "DATABASE_URL": url}) else tested).append("postgresql")
    print(f"\ndatabases tested: {', '.join(tested + failed)}")
    if failed:
        print(f"FAILED on: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
