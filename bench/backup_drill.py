"""Backup and point-in-time restore drill (pgBackRest), and a read replica served for real.

    .venv/bin/python bench/backup_drill.py [--members 20000] [--no-replica] [--no-record]   (make drill-backup)

Needs PostgreSQL 15's server binaries and pgBackRest (`apt-get install pgbackrest`; as root the
drill installs it with apt-get when it is missing). Everything runs on this machine, under one
temporary folder that is removed at the end.

Backup and restore:
1. A PostgreSQL 15 cluster archives its WAL to a pgBackRest repository (`archive_command =
   pgbackrest … archive-push %p`); `stanza-create`, then `check` (a WAL segment must arrive).
2. gonghui's schema is migrated and loaded with the project's own code: a union tree, a member
   ledger through the member import (members, their history, the import's audit row), assistance
   households filed through `household_create`, applications to join approved one by one.
3. A full backup (`pgbackrest backup --type=full`), timed, its size read from `pgbackrest info`.
4. More writes (members who join after the backup: only WAL has them), then the restore target:
   the counts and checksums of the member register and the audit log are recorded, the server's
   clock is read as the target time, and a named restore point is made beside it (its LSN noted).
5. Still more writes after the target: members whose rows must not come back.
6. `pgbackrest restore --type=time --target=… --target-action=promote` into a fresh data
   directory; it is started on its own port and replays WAL until the target, then promotes.
   Timed from the restore command to the promoted server.
7. Checks on the restored cluster: the counts and checksums of the register and the audit log equal
   those recorded at the target; the members written after the backup and before the target are
   there; those written after the target are not; the households are all there.

Read replica (unless --no-replica): a streaming standby of the same cluster (`pg_basebackup -R`),
gonghui under gunicorn with the production settings, DATABASE_URL the primary and
DATABASE_REPLICA_URL the standby. Every statement is logged with the connection's application
name, so the drill sees which server answered:
- a report page (units:report) and a member export (members:export) read the register on the
  standby, not the primary;
- with the standby's replay paused, a clerk registers a member (POST): the export they open next
  is read on the primary (they are pinned) and lists the new member; the same export without the
  pin cookie is read on the standby and does not list them yet; once replay resumes the standby
  lists them too.

Prints the machine, the data size, backup seconds and size, restore seconds and every check;
appends a section to bench/RESULTS.md (--no-record: not); the last line is JSON. Exits non-zero
when a check fails.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import datetime as dt
import http.client
import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from serving import free_port, gunicorn  # noqa: E402  (bench/serving.py)
from tree import haizhu, machine  # noqa: E402  (bench/tree.py)

from testing.pgcluster import find_bindir  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
STANZA = "gonghui"
CLERK, PASSWORD = "drill_clerk", "backup-drill-pass-9"
# The drill's rows are sealed with this key, and the served app opens them with it.
DATA_KEY = base64.urlsafe_b64encode(b"backup-drill-data-key-32-bytes!!").decode()
REGISTER_SQL = (
    "SELECT count(*), md5(string_agg(id::text || ':' || status || ':' || id_number_bidx::text || ':' || name, ','"
    " ORDER BY id)) FROM members_member"
)
AUDIT_SQL = (
    "SELECT count(*), max(id), md5(string_agg(id::text || ':' || action || ':' || object_id || ':' || at::text, ','"
    " ORDER BY id)) FROM core_auditentry"
)
HOUSEHOLD_SQL = (
    "SELECT count(*), md5(string_agg(id::text || ':' || file_no, ',' ORDER BY id)) FROM assistance_household"
)


def ensure_pgbackrest() -> str:
    """pgBackRest's path; installed with apt-get when missing and we are root (as .ci/run does)."""
    found = shutil.which("pgbackrest")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing pgbackrest with apt-get …", file=sys.stderr)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "pgbackrest"],
            check=True, env=env, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        found = shutil.which("pgbackrest")
    if not found:
        raise SystemExit("pgBackRest is missing: apt-get install pgbackrest")
    return found


class Cluster:
    """One PostgreSQL data directory under the drill's folder, run as `postgres` when root."""

    def __init__(self, base: Path, name: str, opts: str = "") -> None:
        self.base, self.name, self.opts = base, name, opts
        self.bindir = find_bindir()
        self.data = base / name
        self.port = free_port()
        self.log = base / f"{name}.log"

    def run(self, *args: str, capture: bool = False) -> str:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        out = subprocess.run([*prefix, *args], check=False, capture_output=True, text=True, cwd=self.base)
        if out.returncode:
            raise SystemExit(
                f"{' '.join(args[:3])} … failed ({out.returncode}):\n{out.stderr[-3000:]}{out.stdout[-2000:]}"
            )
        return out.stdout if capture else ""

    def initdb(self) -> None:
        self.run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "gonghui", "--auth=trust",
                 "--encoding=UTF8", "--locale=C.UTF-8")  # fmt: skip

    def start(self) -> None:
        opts = (
            f"-p {self.port} -k {self.base / 'sock'} -c listen_addresses=127.0.0.1 -c fsync=off "
            f"-c shared_buffers=128MB -c max_connections=100 {self.opts}"
        )
        self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", opts, "-w",
                 "-t", "600", "start")  # fmt: skip

    def stop(self) -> None:
        with contextlib.suppress(SystemExit):
            self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def sql(self, query: str, db: str = "gonghui") -> str:
        out = subprocess.run(
            [str(self.bindir / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "gonghui", "-d", db,
             "-v", "ON_ERROR_STOP=1", "-AXqtc", query],
            capture_output=True, text=True,
        )  # fmt: skip
        if out.returncode:
            raise SystemExit(f"psql on {self.name}: {out.stderr.strip()[:1000]}")
        return out.stdout.strip()

    @property
    def url(self) -> str:
        return f"postgres://gonghui@127.0.0.1:{self.port}/gonghui"


class Repository:
    """A pgBackRest repository and its configuration, in the drill's folder."""

    def __init__(self, base: Path, source: Cluster) -> None:
        self.base = base
        self.conf = base / "pgbackrest.conf"
        for d in ("repo", "log", "lock", "spool"):
            (base / d).mkdir()
        self.conf.write_text(
            "[global]\n"
            f"repo1-path={base / 'repo'}\n"
            "repo1-retention-full=2\n"
            f"log-path={base / 'log'}\nlock-path={base / 'lock'}\nspool-path={base / 'spool'}\n"
            "log-level-console=warn\nlog-level-file=info\n"
            "compress-type=zst\nprocess-max=2\nstart-fast=y\n\n"
            f"[{STANZA}]\n"
            f"pg1-path={source.data}\npg1-port={source.port}\npg1-socket-path={base / 'sock'}\npg1-user=gonghui\n",
            encoding="utf-8",
        )
        if os.geteuid() == 0:
            chown_tree(base)
        self.source = source

    @property
    def archive_command(self) -> str:
        return f"pgbackrest --config={self.conf} --stanza={STANZA} archive-push %p"

    def command(self, *args: str) -> str:
        return self.source.run(
            "pgbackrest", f"--config={self.conf}", f"--stanza={STANZA}", *args, capture=True
        )


def chown_tree(path: Path) -> None:
    pw = pwd.getpwnam("postgres")
    for p in [path, *path.rglob("*")]:
        os.chown(p, pw.pw_uid, pw.pw_gid)


# ---- the data, written with the project's own code -------------------------------------------


def django_setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.conf import settings

    settings.GONGHUI_DATA_KEY = DATA_KEY


def load(members: int, unions: int, tmp: Path) -> dict[str, Any]:
    """The tree, the member ledger through the import, households, approvals: what a county has."""
    from django.core.management import call_command

    from gonghui.assistance.tests.factories import make_household, setup_lines_and_rules
    from gonghui.members.importing import run_import
    from gonghui.members.testing import ledger_rows, write_xlsx

    call_command("migrate", verbosity=0)
    d = haizhu(unions, password="drill-password-12345", serial=30_000_001)
    path = tmp / "海珠区会员花名册.xlsx"
    write_xlsx(path, ledger_rows(members, unions=[g.name for g in d.grassroots], seed=1, messy=False),
               title="广州市海珠区总工会会员花名册")  # fmt: skip
    result = run_import(actor=d.admin, org=d.county, path=path, original_name=path.name)
    if not result.committed:
        raise SystemExit(f"the member import did not commit: {result.summary()}")
    setup_lines_and_rules(d.province)
    households = [make_household(d.grassroots[i % len(d.grassroots)], actor=d.admin) for i in range(40)]
    return {"admin": d.admin, "street": d.street, "grassroots": d.grassroots, "imported": result.imported,
            "households": len(households)}  # fmt: skip


def join(admin: Any, org: Any, n: int, serial: int, label: str) -> list[int]:
    """n applications to join, each approved: a member row, two history rows, two audit rows."""
    from gonghui.kernel.codes import id_number_make
    from gonghui.members.actions import member_apply, member_approve

    surnames, given = "陈李黄张梁何林郭罗", "嘉伟敏婷志强丽华俊杰秀英"
    ids = []
    for i in range(n):
        k = serial + i
        number = id_number_make("445381", dt.date(1960, 1, 1) + dt.timedelta(days=k), k % 900 + 1)
        name = surnames[k % len(surnames)] + label + given[k % len(given)]
        member = member_apply(actor=admin, org=org, name=name, id_number=number)
        ids.append(member_approve(actor=admin, member=member).pk)
    return ids


# ---- the drill ---------------------------------------------------------------------------------


def figures(cluster: Cluster) -> dict[str, Any]:
    members, register = cluster.sql(REGISTER_SQL).split("|")
    rows, last_id, audit = cluster.sql(AUDIT_SQL).split("|")
    households, files = cluster.sql(HOUSEHOLD_SQL).split("|")
    return {
        "members": int(members), "register_md5": register, "audit_rows": int(rows), "audit_last_id": int(last_id),
        "audit_md5": audit, "households": int(households), "households_md5": files,
    }  # fmt: skip


def count_of(cluster: Cluster, ids: list[int]) -> int:
    return int(cluster.sql(f"SELECT count(*) FROM members_member WHERE id IN ({','.join(map(str, ids))})"))


def backup_drill(base: Path, args: argparse.Namespace) -> tuple[dict[str, Any], Cluster]:
    source = Cluster(base, "primary")
    repo = Repository(base, source)
    source.initdb()
    with (source.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write(
            "\n# the backup drill: WAL archived to the pgBackRest repository\n"
            f"wal_level = replica\narchive_mode = on\narchive_command = '{repo.archive_command}'\n"
            "archive_timeout = 60\nmax_wal_senders = 10\nwal_keep_size = 256MB\n"
        )
    source.start()
    source.sql("CREATE DATABASE gonghui", db="postgres")
    repo.command("stanza-create")
    repo.command("check")
    django_setup(source.url)
    t = time.perf_counter()
    loaded = load(args.members, args.unions, base)
    from django.db import connections

    admin, grassroots = loaded["admin"], loaded["grassroots"]
    load_s = time.perf_counter() - t
    data_bytes = int(source.sql("SELECT pg_database_size('gonghui')"))
    print(f"loaded {loaded['imported']:,} members (import) and {loaded['households']} households in {load_s:.1f} s; "
          f"database {data_bytes / 2**20:.0f} MiB", file=sys.stderr)  # fmt: skip

    t = time.perf_counter()
    repo.command("--type=full", "backup")
    backup_s = time.perf_counter() - t
    info = json.loads(repo.command("info", "--output=json"))[0]["backup"][-1]
    print(f"full backup {info['label']} in {backup_s:.1f} s", file=sys.stderr)

    after_backup = join(admin, grassroots[0], args.more, 1, "备")
    connections.close_all()
    at_target = figures(source)
    time.sleep(1.0)
    target = source.sql(
        "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'"
    )
    point_lsn = source.sql("SELECT pg_create_restore_point('drill-target')")
    time.sleep(1.0)
    after_target = join(admin, grassroots[1], args.more, 5_000, "后")
    connections.close_all()
    after = figures(source)
    repo.command("check")  # switches the WAL segment and waits until it is archived

    restored = Cluster(base, "restored", "-c archive_mode=off")
    restored.data.mkdir()
    if os.geteuid() == 0:
        chown_tree(restored.data)
    restored.data.chmod(0o700)
    t = time.perf_counter()
    repo.command(f"--pg1-path={restored.data}", "--type=time", f"--target={target}", "--target-action=promote",
                 "--archive-mode=off", "restore")  # fmt: skip
    restore_files_s = time.perf_counter() - t
    restored.start()
    deadline = time.monotonic() + 600
    while restored.sql("SELECT pg_is_in_recovery()") != "f":
        if time.monotonic() > deadline:
            raise SystemExit("the restored cluster did not finish recovery")
        time.sleep(0.2)
    restore_s = time.perf_counter() - t
    got = figures(restored)
    restored_bytes = int(restored.sql("SELECT pg_database_size('gonghui')"))
    checks = {
        "register_count_equal": got["members"] == at_target["members"],
        "register_md5_equal": got["register_md5"] == at_target["register_md5"],
        "audit_count_equal": got["audit_rows"] == at_target["audit_rows"],
        "audit_md5_equal": got["audit_md5"] == at_target["audit_md5"],
        "audit_last_id_equal": got["audit_last_id"] == at_target["audit_last_id"],
        "households_equal": (got["households"], got["households_md5"])
        == (at_target["households"], at_target["households_md5"]),
        "written_after_backup_present": count_of(restored, after_backup) == len(after_backup),
        "written_after_target_absent": count_of(restored, after_target) == 0,
        "source_moved_on": after["members"] == at_target["members"] + len(after_target),
    }
    restored.stop()
    summary = {
        "members_imported": loaded["imported"],
        "members_at_target": at_target["members"],
        "audit_rows_at_target": at_target["audit_rows"],
        "households": at_target["households"],
        "written_after_backup": len(after_backup),
        "written_after_target": len(after_target),
        "load_s": round(load_s, 1),
        "data_mib": round(data_bytes / 2**20, 1),
        "backup_s": round(backup_s, 2),
        "backup_label": info["label"],
        "backup_size_mib": round(info["info"]["size"] / 2**20, 1),
        "backup_repo_mib": round(info["info"]["repository"]["delta"] / 2**20, 1),
        "target_time": target,
        "restore_point_lsn": point_lsn,
        "restore_files_s": round(restore_files_s, 2),
        "restore_s": round(restore_s, 2),
        "restored_mib": round(restored_bytes / 2**20, 1),
        "register_md5": at_target["register_md5"],
        "audit_md5": at_target["audit_md5"],
        "checks": checks,
    }
    return summary, source


# ---- the replica -------------------------------------------------------------------------------


class Browser:
    """A clerk's cookies against the served app."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.jar: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: str = "", headers: dict[str, str] | None = None
    ) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            base = {"Host": "gonghui.test", "X-Forwarded-Proto": "https", "Referer": "https://gonghui.test/"}
            if self.jar:
                base["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
            conn.request(method, path, body=body.encode(), headers={**base, **(headers or {})})
            response = conn.getresponse()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.jar[key] = rest.split(";", 1)[0]
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def sign_in(self) -> None:
        self.request("GET", "/accounts/login/")
        form = urllib.parse.urlencode(
            {"username": CLERK, "password": PASSWORD, "csrfmiddlewaretoken": self.jar["csrftoken"]}
        )
        status, text = self.request("POST", "/accounts/login/", form,
                                    {"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
        if status != 302 or "sessionid" not in self.jar:
            raise SystemExit(f"the drill's clerk could not sign in: {status} {text[:300]}")


class Statements:
    """The app's statements each server logged since the last look (log_statement=all)."""

    def __init__(self, *clusters: Cluster) -> None:
        self.clusters = clusters
        self.at = {c.name: c.log.stat().st_size for c in clusters}

    def since(self) -> dict[str, list[str]]:
        seen = {}
        for c in self.clusters:
            with c.log.open("rb") as f:
                f.seek(self.at[c.name])
                text = f.read().decode("utf-8", "replace")
                self.at[c.name] = f.tell()
            seen[c.name] = [line for line in text.splitlines() if line.startswith("gonghui-app ")]
        return seen


def reads(lines: list[str], *tables: str) -> bool:
    """Did any of these statements read one of these registers (its tables start with the name)?"""
    pattern = re.compile(rf'\b(FROM|JOIN)\s+"?({"|".join(tables)})_', re.IGNORECASE)
    return any("SELECT" in line and pattern.search(line) for line in lines)


def reads_register(lines: list[str]) -> bool:
    return reads(lines, "members")


def registers_read(lines: list[str]) -> list[str]:
    """Statements reading the registers themselves (not the person's roles, which join orgs)."""
    pattern = re.compile(r'\bFROM\s+"?(units|members|orgs)_', re.IGNORECASE)
    return [
        line.split("statement: ", 1)[-1][:120] for line in lines if "SELECT" in line and pattern.search(line)
    ]


def replica_drill(base: Path, primary: Cluster, grassroots_id: int, street_id: int) -> dict[str, Any]:
    primary.sql("ALTER SYSTEM SET log_statement = 'all'")
    primary.sql("ALTER SYSTEM SET log_line_prefix = '%a '")
    primary.sql("SELECT pg_reload_conf()")
    standby = Cluster(base, "standby", "-c archive_mode=off -c hot_standby=on")
    primary.run(str(primary.bindir / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port), "-U", "gonghui",
                "-D", str(standby.data), "-R", "-X", "stream", "-c", "fast")  # fmt: skip
    standby.start()
    try:
        deadline = time.monotonic() + 120
        while primary.sql("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'") != "1":
            if time.monotonic() > deadline:
                raise SystemExit("the standby did not start streaming")
            time.sleep(0.5)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GONGHUI_", "DATABASE_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            DATABASE_URL=f"{primary.url}?application_name=gonghui-app",
            DATABASE_REPLICA_URL=f"{standby.url}?application_name=gonghui-app&target_session_attrs=standby",
            DJANGO_SECRET_KEY="backup-drill-" + "x" * 40, DJANGO_ALLOWED_HOSTS="gonghui.test",
            DJANGO_SECURE_SSL_REDIRECT="false", GONGHUI_DATA_KEY=DATA_KEY, GONGHUI_VAR_DIR=str(base / "var"),
            DJANGO_STATIC_ROOT=str(base / "static"), GONGHUI_PIN_AFTER_WRITE_SECONDS="15",
        )  # fmt: skip
        env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        manage = [sys.executable, "manage.py"]
        subprocess.run(
            [*manage, "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True
        )
        make_clerk = (
            "from gonghui.accounts.actions import role_grant, user_create; from gonghui.orgs.models import Org; "
            f"u = user_create(actor=None, username='{CLERK}', password='{PASSWORD}', full_name='演练办事员'); "
            f"role_grant(actor=None, user=u, org=Org.objects.get(pk={street_id}), kind='admin')"
        )
        subprocess.run([*manage, "shell", "-c", make_clerk], cwd=ROOT, env=env, check=True)
        with gunicorn(env, base) as port:
            clerk = Browser(port)
            clerk.sign_in()
            clerk.jar.pop("gonghui_primary", None)  # signed in a while ago: not pinned
            export = f"/members/export/?within={grassroots_id}&format=csv"
            log = Statements(primary, standby)
            status, _ = clerk.request("GET", "/units/report/")
            report = log.since()
            status_export, _ = clerk.request("GET", export)
            exported = log.since()
            # The standby falls behind: replay paused. A clerk registers a member.
            standby.sql("SELECT pg_wal_replay_pause()")
            name = "欧阳回读"
            from gonghui.kernel.codes import id_number_make

            body = json.dumps({"org_id": grassroots_id, "name": name,
                               "id_number": id_number_make("445381", dt.date(1988, 8, 8), 777)})  # fmt: skip
            status_join, text = clerk.request("POST", "/api/members/join", body,
                                              {"Content-Type": "application/json", "X-CSRFToken": clerk.jar["csrftoken"]})  # fmt: skip
            pinned = "gonghui_primary" in clerk.jar
            log.since()
            _, pinned_text = clerk.request("GET", export)
            pinned_reads = log.since()
            cookie = clerk.jar.pop("gonghui_primary", "")
            _, unpinned_text = clerk.request("GET", export)
            unpinned_reads = log.since()
            standby.sql("SELECT pg_wal_replay_resume()")
            deadline = time.monotonic() + 60
            target_lsn = primary.sql("SELECT pg_current_wal_lsn()")
            while standby.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target_lsn}'") != "t":
                if time.monotonic() > deadline:
                    raise SystemExit("the standby did not catch up")
                time.sleep(0.2)
            _, caught_up_text = clerk.request("GET", export)
            caught_up_reads = log.since()
        checks = {
            "report_page_read_on_standby": status == 200
            and reads(report["standby"], "units") and reads(report["standby"], "members"),
            "export_read_on_standby": status_export == 200
            and reads_register(exported["standby"]) and not reads_register(exported["primary"]),
            "post_pins_to_primary": status_join == 201 and pinned and bool(cookie),
            "read_your_write_on_primary": name in pinned_text
            and reads_register(pinned_reads["primary"]) and not reads_register(pinned_reads["standby"]),
            "unpinned_read_on_lagging_standby_lacks_it": name not in unpinned_text
            and reads_register(unpinned_reads["standby"]) and not reads_register(unpinned_reads["primary"]),
            "standby_has_it_after_replay": name in caught_up_text and reads_register(caught_up_reads["standby"]),
        }  # fmt: skip
        if not all(checks.values()):
            print(f"join answer: {status_join} {text[:300]}", file=sys.stderr)
            for what, seen in (("report", report), ("export", exported), ("pinned", pinned_reads),
                               ("unpinned", unpinned_reads)):  # fmt: skip
                for server, lines in seen.items():
                    print(
                        f"{what} on {server}: {[line[:160] for line in lines if 'SELECT' in line][:8]}",
                        file=sys.stderr,
                    )
        return {
            "checks": checks,
            "standby_in_recovery": standby.sql("SELECT pg_is_in_recovery()") == "t",
            "report_register_reads": {"standby": len(registers_read(report["standby"])),
                                      "primary": len(registers_read(report["primary"]))},
            "report_register_reads_on_primary": registers_read(report["primary"]),
            "export_register_reads": {"standby": len(registers_read(exported["standby"])),
                                      "primary": len(registers_read(exported["primary"]))},
        }  # fmt: skip
    finally:
        standby.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=20_000, help="members in the imported ledger")
    parser.add_argument("--unions", type=int, default=50, help="grassroots unions they belong to")
    parser.add_argument(
        "--more", type=int, default=100, help="members who join after the backup, and after the target"
    )
    parser.add_argument("--no-replica", action="store_true", help="skip the read replica part")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    pgbackrest = ensure_pgbackrest()
    version = subprocess.run([pgbackrest, "version"], capture_output=True, text=True).stdout.strip()
    started = time.monotonic()
    load_at_start = os.getloadavg()
    base = Path(tempfile.mkdtemp(prefix="gonghui-backup-"))
    (base / "sock").mkdir()
    if os.geteuid() == 0:
        chown_tree(base)
    primary: Cluster | None = None
    try:
        summary, primary = backup_drill(base, args)
        server = primary.sql("SHOW server_version")
        if not args.no_replica:
            from gonghui.orgs.models import Org

            street = Org.objects.get(name="赤岗街道总工会")
            first = Org.objects.filter(parent=street).order_by("pk").first()
            assert first is not None
            summary["replica"] = replica_drill(base, primary, first.pk, street.pk)
    finally:
        if primary is not None:
            primary.stop()
        shutil.rmtree(base, ignore_errors=True)
    checks = dict(summary["checks"])
    if "replica" in summary:
        checks.update(summary["replica"]["checks"])
    ok = all(checks.values())
    summary = {
        "stamp": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "postgresql": server,
        "pgbackrest": version,
        "load_average": [round(x, 2) for x in load_at_start],
        **summary,
        "passed": ok,
        "elapsed_s": round(time.monotonic() - started, 1),
    }
    print(f"machine: {summary['machine']}; {server}; {version}; load average {summary['load_average']}")
    print(f"data: {summary['members_at_target']:,} members ({summary['members_imported']:,} imported), "
          f"{summary['audit_rows_at_target']:,} audit rows, {summary['households']} households; "
          f"database {summary['data_mib']} MiB")  # fmt: skip
    print(f"full backup: {summary['backup_s']} s, {summary['backup_size_mib']} MiB of data, "
          f"{summary['backup_repo_mib']} MiB in the repository (zstd)")  # fmt: skip
    print(f"restore to {summary['target_time']} (restore point at {summary['restore_point_lsn']}): "
          f"{summary['restore_s']} s to a promoted server ({summary['restore_files_s']} s of it copying files)")  # fmt: skip
    if "replica" in summary:
        rep = summary["replica"]
        print(f"replica: report page's register statements {rep['report_register_reads']}, "
              f"member export's {rep['export_register_reads']}; on the primary: {rep['report_register_reads_on_primary']}")  # fmt: skip
    for name, passed in checks.items():
        print(f"  {'ok  ' if passed else 'FAIL'} {name}")
    if not args.no_record:
        record(summary, checks, ok)
        print(f"appended to {RESULTS.relative_to(ROOT)}")
    print(json.dumps(summary, ensure_ascii=False))
    sys.exit(0 if ok else 1)


def record(summary: dict[str, Any], checks: dict[str, bool], ok: bool) -> None:
    lines = [
        f"\n## {summary['stamp']} — bench/backup_drill.py\n",
        f"- machine: {summary['machine']}; PostgreSQL {summary['postgresql']}; {summary['pgbackrest']}; "
        f"load average {summary['load_average']} at the start",
        f"- data (the project's own code): {summary['members_imported']:,} members through the member import, "
        f"{summary['households']} assistance households, {summary['written_after_backup']} applications approved "
        f"after the backup and {summary['written_after_target']} after the target; "
        f"{summary['audit_rows_at_target']:,} audit rows at the target; database {summary['data_mib']} MiB "
        "(fsync off; WAL archived by pgbackrest archive-push)\n",
        "| measure | value |",
        "| --- | ---: |",
        f"| full backup (`--type=full`, zstd, 2 processes) | {summary['backup_s']} s |",
        f"| backup: data / in the repository | {summary['backup_size_mib']} MiB / {summary['backup_repo_mib']} MiB |",
        f"| restore to a time (`--type=time --target-action=promote`) into a fresh directory → promoted server | "
        f"{summary['restore_s']} s (files {summary['restore_files_s']} s) |",
        "",
        *(
            [
                f"- read replica: a streaming standby (pg_basebackup -R), gunicorn (2 workers) with the production "
                f"settings, DATABASE_URL the primary and DATABASE_REPLICA_URL the standby; statements that read the "
                f"registers (units, members, orgs): report page {summary['replica']['report_register_reads']}, "
                f"member export {summary['replica']['export_register_reads']}\n"
            ]
            if "replica" in summary
            else []
        ),
        "| check | result |",
        "| --- | --- |",
        *[
            f"| {name.replace('_', ' ')} | {'passed' if passed else 'FAILED'} |"
            for name, passed in checks.items()
        ],
        f"\nverdict: {'passed' if ok else 'FAILED'}\n",
    ]
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
