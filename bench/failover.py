"""Failover drill: the primary dies under a steady write load; how long until writes succeed again,
and is every acknowledged write on the new primary?

    .venv/bin/python bench/failover.py [--writers 6] [--before 10] [--after 15]     (make drill-failover)

On this machine, with the Debian packages `postgresql-15-auto-failover` and `pg-auto-failover-cli`:
a pg_auto_failover monitor and two PostgreSQL 15 nodes (synchronous replication, as the
formation sets it up), gonghui migrated onto them and served by gunicorn with the production
settings and a multi-host DATABASE_URL (`target_session_attrs=read-write`, config/database.py).
Writers sign in as a street union's clerk and register members through the API, each retrying
after a refusal as a person would. After `--before` seconds the primary's machine is "lost": its
pg_auto_failover keeper and PostgreSQL are killed (SIGKILL). The drill goes on until writes have
succeeded for `--after` seconds on the new primary, then checks:

- recovery: seconds from the kill to the first acknowledged write after it (ours), beside the
  seconds until the monitor reports the standby as the new primary (the cluster's own floor:
  the application cannot write before there is a primary);
- zero lost: every member the API answered 201 for is on the new primary;
- no server error: every refused request was a 503 saying "请稍后重试", never a 500.

The last line printed is JSON; a section is appended to bench/RESULTS.md (--no-record: not).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import datetime as dt
import functools
import http.client
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from serving import free_port, gunicorn  # noqa: E402  (bench/serving.py)
from tree import machine  # noqa: E402  (bench/tree.py)

from testing.pgcluster import find_bindir  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
PASSWORD = "failover-drill-9"
CLERK = "drill_clerk"
TRY_AGAIN = "请稍后重试"


class Formation:
    """A pg_auto_failover monitor and two nodes under one directory, run as `postgres` when root."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.bindir = find_bindir()
        self.as_root = os.geteuid() == 0
        self.ports = {"monitor": free_port(), "node1": free_port(), "node2": free_port()}
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        if self.as_root:
            pw = pwd.getpwnam("postgres")
            os.chown(base, pw.pw_uid, pw.pw_gid)

    def command(self, *args: str) -> list[str]:
        env = [
            "env", f"PATH={self.bindir}:/usr/bin:/bin",
            f"XDG_CONFIG_HOME={self.base / 'config'}", f"XDG_DATA_HOME={self.base / 'data'}",
        ]  # fmt: skip
        return (["runuser", "-u", "postgres", "--"] if self.as_root else []) + env + ["pg_autoctl", *args]

    @property
    def monitor_url(self) -> str:
        return f"postgres://autoctl_node@127.0.0.1:{self.ports['monitor']}/pg_auto_failover?sslmode=disable"

    def start(self, name: str, *args: str) -> None:
        log = (self.base / f"{name}.log").open("ab")
        self.procs[name] = subprocess.Popen(
            self.command(*args), stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=self.base
        )

    def up(self) -> None:
        common = ["--hostname", "127.0.0.1", "--auth", "trust", "--no-ssl"]
        pgdata = str(self.base / "monitor")
        subprocess.run(
            self.command("create", "monitor", "--pgdata", pgdata, "--pgport", str(self.ports["monitor"]), *common),
            check=True, capture_output=True, cwd=self.base,
        )  # fmt: skip
        self.start("monitor", "run", "--pgdata", pgdata)
        self.wait(self.monitor_ready, "the monitor", 120)
        for name in ("node1", "node2"):
            self.start(
                name, "create", "postgres", "--pgdata", str(self.base / name), "--pgport", str(self.ports[name]),
                "--name", name, "--dbname", "gonghui", "--monitor", self.monitor_url, "--run", *common,
            )  # fmt: skip
            want = {"node1": {"single"}, "node2": {"primary", "secondary"}}[name]
            self.wait(
                functools.partial(self.reached, name, want),
                f"{name} to reach {'/'.join(want)}",
                600,
            )

    def monitor_ready(self) -> bool:
        return subprocess.run(self.command("show", "state", "--pgdata", str(self.base / "monitor")),
                              capture_output=True, cwd=self.base).returncode == 0  # fmt: skip

    def state(self) -> dict[str, str]:
        out = subprocess.run(
            self.command("show", "state", "--pgdata", str(self.base / "monitor"), "--json"),
            capture_output=True, cwd=self.base,
        )  # fmt: skip
        try:
            nodes = json.loads(out.stdout or b"[]")
        except json.JSONDecodeError:
            return {}
        return {
            n["nodename"]: n["current_group_state"]
            for n in nodes
            if n["current_group_state"] == n["assigned_group_state"]
        }

    def reached(self, name: str, states: set[str]) -> bool:
        if name == "node2" and self.state().get("node1") != "primary":
            # The standby's base backup waits for a checkpoint on the primary: ask for it now.
            self.sql("node1", "CHECKPOINT")
        return self.state().get(name) in states and (
            name != "node2" or self.state().get("node1") == "primary"
        )

    def sql(self, name: str, query: str) -> str:
        out = subprocess.run(
            [str(self.bindir / "psql"), "-h", "127.0.0.1", "-p", str(self.ports[name]), "-U", "postgres",
             "-d", "gonghui", "-Atc", query],
            capture_output=True, text=True,
        )  # fmt: skip
        return out.stdout.strip()

    @staticmethod
    def wait(ready: Callable[[], bool], what: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not ready():
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out waiting for {what}")
            time.sleep(1)

    def kill(self, name: str) -> None:
        """The machine is lost: the keeper and its PostgreSQL die at once, nothing is flushed."""
        os.killpg(self.procs[name].pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.CalledProcessError):
            subprocess.run(["pkill", "-9", "-f", "--", f"-D {self.base / name}"], check=False)

    def down(self) -> None:
        for proc in self.procs.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        subprocess.run(["pkill", "-9", "-f", "--", str(self.base)], check=False)

    @property
    def database_url(self) -> str:
        hosts = ",".join(f"127.0.0.1:{self.ports[n]}" for n in ("node1", "node2"))
        return f"postgres://postgres@{hosts}/gonghui?target_session_attrs=read-write&connect_timeout=10"


@dataclass
class Outcome:
    at: float
    status: int
    member_id: int | None = None
    text: str = ""
    sent: float = 0.0  # when the request left (`at` is when its answer came)


@dataclass
class Load:
    host: str
    port: int
    org_id: int
    outcomes: list[Outcome] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)
    serial: int = 0
    crashed: list[str] = field(default_factory=list)

    def next_serial(self) -> int:
        with self.lock:
            self.serial += 1
            return self.serial

    def request(self, method: str, path: str, body: str = "", headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            base = {"Host": "gonghui.test", "X-Forwarded-Proto": "https", "Referer": "https://gonghui.test/"}
            conn.request(method, path, body=body.encode(), headers={**base, **(headers or {})})
            response = conn.getresponse()
            return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def sign_in(self) -> dict[str, str]:
        """Sign in as the clerk; a refusal to try again shortly is tried again, as a person would."""
        deadline = time.monotonic() + 120
        while True:
            try:
                return self.sign_in_once()
            except SignInRefused:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)

    def sign_in_once(self) -> dict[str, str]:
        jar: dict[str, str] = {}

        def keep(headers: list[tuple[str, str]]) -> None:
            for name, value in headers:
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    jar[key] = rest.split(";", 1)[0]

        status, headers, text = self.request("GET", "/accounts/login/")
        if status == 503:
            raise SignInRefused(text)
        keep(headers)
        form = urllib.parse.urlencode(
            {"username": CLERK, "password": PASSWORD, "csrfmiddlewaretoken": jar["csrftoken"]}
        )
        status, headers, text = self.request(
            "POST", "/accounts/login/", form,
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookies(jar)},
        )  # fmt: skip
        keep(headers)
        if status == 503:
            raise SignInRefused(text)
        if status != 302 or "sessionid" not in jar:
            raise SystemExit(f"the drill's clerk could not sign in: {status} {text[:300]}")
        return jar

    def writer(self, began: float) -> None:
        try:
            self.write(began)
        except BaseException as exc:
            with self.lock:
                self.crashed.append(repr(exc))
            raise

    def write(self, began: float) -> None:
        from gonghui.kernel.codes import id_number_make
        from gonghui.members.testing import GIVEN, SURNAMES

        jar = self.sign_in()
        while not self.stop.is_set():
            n = self.next_serial()
            born = dt.date(1970, 1, 1) + dt.timedelta(days=n // 999)
            id_number = id_number_make("440105", born, n % 999 + 1)
            name = SURNAMES[n % len(SURNAMES)] + GIVEN[n // len(SURNAMES) % len(GIVEN)]
            body = json.dumps({"org_id": self.org_id, "name": name, "id_number": id_number})
            sent = time.monotonic() - began
            try:
                status, _, text = self.request(
                    "POST", "/api/members/join", body,
                    {"Content-Type": "application/json", "Cookie": cookies(jar), "X-CSRFToken": jar["csrftoken"]},
                )  # fmt: skip
            except OSError as exc:
                status, text = 0, f"no answer: {exc}"
            member_id = json.loads(text)["id"] if status == 201 else None
            with self.lock:
                self.outcomes.append(Outcome(time.monotonic() - began, status, member_id, text[:300], sent))
            if status != 201:
                time.sleep(0.5)  # a person, told to try again shortly, tries again


def readable(text: str) -> str:
    """An API answer's detail (JSON escapes Chinese), or the page as it is."""
    try:
        return str(json.loads(text).get("detail", text))
    except (ValueError, AttributeError):
        return text


class SignInRefused(Exception):
    """The server answered 503: try again shortly."""


def cookies(jar: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


SETUP = f"""
import datetime as dt
import functools
from gonghui.accounts.actions import role_grant, user_create
from gonghui.kernel.codes import credit_code_make
from gonghui.orgs.actions import org_create
def org(parent, name, level, division, n, **extra):
    return org_create(actor=None, parent=parent, level=level, name=name, division=division,
                      credit_code=credit_code_make("81", division, 70000000 + n), on=dt.date(2000, 1, 1), **extra)
p = org(None, "广东省总工会", "province", "440000", 1)
c = org(p, "广州市总工会", "city", "440100", 2)
d = org(c, "广州市海珠区总工会", "county", "440105", 3)
s = org(d, "赤岗街道总工会", "town", "440105", 4)
g = org(s, "赤岗街道联合工会", "grassroots", "440105", 5, kind="joint")
u = user_create(actor=None, username="{CLERK}", password="{PASSWORD}", full_name="演练管理员")
role_grant(actor=None, user=u, org=s, kind="admin")
print("ORG", g.pk)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=6)
    parser.add_argument("--before", type=float, default=10.0, help="seconds of load before the kill")
    parser.add_argument(
        "--after", type=float, default=15.0, help="seconds of successful writes after recovery"
    )
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    if not shutil.which("pg_autoctl"):
        raise SystemExit(
            "pg_autoctl is missing: apt-get install postgresql-15-auto-failover pg-auto-failover-cli"
        )
    started = time.monotonic()
    base = Path(tempfile.mkdtemp(prefix="gonghui-failover-"))
    formation = Formation(base)
    try:
        formation.up()
        sync = formation.sql("node1", "show synchronous_standby_names")
        env = {
            k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GONGHUI_", "DATABASE_URL"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            DATABASE_URL=formation.database_url,
            DJANGO_SECRET_KEY="failover-drill-" + "x" * 40,
            DJANGO_ALLOWED_HOSTS="gonghui.test",
            DJANGO_SECURE_SSL_REDIRECT="false",
            GONGHUI_DATA_KEY=base64.urlsafe_b64encode(os.urandom(32)).decode(),
            GONGHUI_VAR_DIR=str(base / "var"),
            DJANGO_STATIC_ROOT=str(base / "static"),
        )
        env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [*manage, "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True
        )
        setup = subprocess.run(
            [*manage, "shell", "-c", SETUP], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if setup.returncode:
            raise SystemExit(f"the drill's union and clerk could not be made:\n{setup.stderr[-3000:]}")
        org_id = int(re.search(r"ORG (\d+)", setup.stdout)[1])  # type: ignore[index]
        with gunicorn(env, base) as port:
            load = Load("127.0.0.1", port, org_id)
            began = time.monotonic()
            threads = [threading.Thread(target=load.writer, args=(began,)) for _ in range(args.writers)]
            for t in threads:
                t.start()
            time.sleep(args.before)
            killed_at = time.monotonic() - began
            formation.kill("node1")
            promoted_at = None
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline:
                now = time.monotonic() - began
                if promoted_at is None and formation.state().get("node2") in {"wait_primary", "primary"}:
                    promoted_at = now
                with load.lock:
                    after = [o for o in load.outcomes if o.sent > killed_at and o.status == 201]
                if after and now - after[0].at >= args.after and promoted_at is not None:
                    break
                time.sleep(0.5)
            load.stop.set()
            for t in threads:
                t.join(timeout=120)
        outcomes = load.outcomes
        if load.crashed:
            raise SystemExit(f"writers stopped: {load.crashed[:3]}")
        acked = [o.member_id for o in outcomes if o.status == 201]
        present = formation.sql("node2", "select id from members_member")
        found = {int(x) for x in present.split()} if present else set()
        lost = [m for m in acked if m not in found]
        first_after = min((o.at for o in outcomes if o.sent > killed_at and o.status == 201), default=None)
        refused = [o for o in outcomes if o.status != 201]
        errors_500 = [o for o in refused if o.status >= 500 and o.status != 503]
        unclear = [o for o in refused if o.status == 503 and TRY_AGAIN not in readable(o.text)]
        no_answer = [o for o in refused if o.status == 0]
        summary = {
            "stamp": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "machine": machine(),
            "load_average": os.getloadavg(),
            "writers": args.writers,
            "requests": len(outcomes),
            "acknowledged": len(acked),
            "lost": len(lost),
            "http_500": len(errors_500),
            "http_503_try_again": len([o for o in refused if o.status == 503]) - len(unclear),
            "http_503_unclear": len(unclear),
            "other_refusals": sorted({o.status for o in refused if o.status not in (0, 503)}),
            "other_refusal_texts": sorted(
                {readable(o.text)[:200] for o in refused if o.status not in (0, 503)}
            )[:5],
            "no_answer": len(no_answer),
            "kill_at_s": round(killed_at, 2),
            "longest_answer_s": round(max((o.at - o.sent for o in outcomes), default=0), 2),
            "waiting_through_kill": len([o for o in outcomes if o.sent < killed_at < o.at]),
            "recovery_s": None if first_after is None else round(first_after - killed_at, 2),
            "promotion_s": None if promoted_at is None else round(promoted_at - killed_at, 2),
            "synchronous_standby_names": sync,
            "elapsed_s": round(time.monotonic() - started, 1),
        }
    finally:
        formation.down()
        shutil.rmtree(base, ignore_errors=True)
    ok = summary["lost"] == 0 and summary["http_500"] == 0 and summary["recovery_s"] is not None
    print(
        f"machine: {summary['machine']} (load average {', '.join(f'{x:.1f}' for x in summary['load_average'])})"
    )
    print(
        f"data: {summary['requests']} member registrations by {args.writers} writers, primary killed at {killed_at:.1f} s"
    )
    print(f"recovery (kill → first acknowledged write): {summary['recovery_s']} s; "
          f"the cluster's floor (kill → standby promoted): {summary['promotion_s']} s")  # fmt: skip
    print(f"acknowledged {summary['acknowledged']}, lost {summary['lost']}, 500s {summary['http_500']}, "
          f"503 '请稍后重试' {summary['http_503_try_again']}, no answer {summary['no_answer']}")  # fmt: skip
    if not args.no_record:
        record(summary, ok)
        print(f"appended to {RESULTS.relative_to(ROOT)}")
    print(json.dumps(summary, ensure_ascii=False))
    sys.exit(0 if ok else 1)


def record(summary: dict[str, object], ok: bool) -> None:
    lines = [
        f"\n## {summary['stamp']} — bench/failover.py\n",
        f"- machine: {summary['machine']}; load average {summary['load_average']}",
        f"- pg_auto_failover: monitor + 2 PostgreSQL 15 nodes on this machine, synchronous_standby_names "
        f"`{summary['synchronous_standby_names']}`; gunicorn (2 workers) with the production settings and a "
        f"multi-host DATABASE_URL (target_session_attrs=read-write)",
        f"- load: {summary['writers']} writers registering members through the API (a refused one retries after "
        f"0.5 s); {summary['requests']} requests; primary killed (SIGKILL, keeper and PostgreSQL) at "
        f"{summary['kill_at_s']} s\n",
        "| measure | ours | floor / goal |",
        "| --- | ---: | --- |",
        f"| kill → first acknowledged write | {summary['recovery_s']} s | kill → standby promoted by the monitor: "
        f"{summary['promotion_s']} s |",
        f"| acknowledged writes missing on the new primary | {summary['lost']} of {summary['acknowledged']} | 0 |",
        f"| answers 500 | {summary['http_500']} | 0 (503 '请稍后重试': {summary['http_503_try_again']}; no answer: "
        f"{summary['no_answer']}) |",
        f"\nverdict: {'passed' if ok else 'FAILED'}\n",
    ]
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
