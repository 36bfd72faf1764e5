"""A throwaway PostgreSQL cluster for tests and benchmarks.

`python -m testing.pgcluster -- CMD ...` starts a cluster in a temporary folder on a free
port, runs CMD with DATABASE_URL pointing at it, then stops the cluster and removes the folder.
PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

INSTALL_HINT = (
    "PostgreSQL 15 server binaries not found. Install them with:\n"
    "    sudo apt-get install -y postgresql-15\n"
    "or point PG_BIN at the folder that holds initdb and pg_ctl."
)


class NoPostgres(RuntimeError):
    pass


def find_bindir() -> Path:
    candidates = [os.environ.get("PG_BIN", ""), "/usr/lib/postgresql/15/bin"]
    if pg_config := shutil.which("pg_config"):
        with contextlib.suppress(subprocess.CalledProcessError, OSError):
            candidates.append(subprocess.check_output([pg_config, "--bindir"], text=True).strip())
    candidates += sorted(str(p) for p in Path("/usr/lib/postgresql").glob("*/bin"))
    for c in candidates:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    raise NoPostgres(INSTALL_HINT)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def throwaway_cluster(max_connections: int = 300) -> Iterator[str]:
    """Yield a DATABASE_URL for a fresh database; everything is removed on exit."""
    bindir = find_bindir()
    as_root = os.geteuid() == 0
    prefix: list[str] = ["runuser", "-u", "postgres", "--"] if as_root else []
    workdir = Path(tempfile.mkdtemp(prefix="gonghui-pg-"))
    data, sock = workdir / "data", workdir / "sock"
    sock.mkdir()
    if as_root:
        pw = pwd.getpwnam("postgres")
        for p in (workdir, sock):
            os.chown(p, pw.pw_uid, pw.pw_gid)
    port = _free_port()
    log = workdir / "server.log"

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    try:
        run(
            str(bindir / "initdb"), "-D", str(data), "-U", "gonghui", "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        opts = (
            f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off "
            f"-c synchronous_commit=off -c full_page_writes=off -c max_connections={max_connections} "
            "-c shared_buffers=256MB"
        )
        run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", opts, "-w", "start")
        try:
            run(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "gonghui", "gonghui")
            yield f"postgres://gonghui@127.0.0.1:{port}/gonghui"
        finally:
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        time.sleep(0)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--check":
        try:
            print(find_bindir())
            return 0
        except NoPostgres as exc:
            print(exc, file=sys.stderr)
            return 1
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv:
        print("usage: python -m testing.pgcluster [--check | -- CMD ...]", file=sys.stderr)
        return 2
    with throwaway_cluster() as url:
        env = dict(os.environ, DATABASE_URL=url)
        return subprocess.call(argv, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
