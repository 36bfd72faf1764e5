"""Load: signed-in officers and workers on the production server, beside the floor of a bare view.

    .venv/bin/python bench/load.py [--unions 200000] [--members 2000000] [--users 16]
        [--warmup 20] [--duration 60] [--keep DIR | --reuse DIR] [--no-record]      (make bench-load)

Data on PostgreSQL, loaded by the project's own loaders: the Guangdong-shaped tree of
bench/tree.py, the units and contracts of bench/units_report.py and the members of
bench/ledger_scale.py (93 % active, 4 % 保留会籍, 3 % left), then the day's tallies rebuilt as
the periodic job does. On top of it, through the real actions: officers at five levels
(province and 广州 administrators with their second factor, the 海珠 district clerk, a street's
and a grassroots union's administrators), a hardship household, a published city bulletin with
its archive, a service centre with a booking, and 16 workers with logins and membership cards.

Served as production serves: gunicorn with config/gunicorn.py (2 workers × 4 threads), the
production settings (debug off, collected static files through whitenoise, JSON request logs),
against that database. Loaded with locust (headless, FastHttpUser, no think time):

1. warm-up (not counted): the mix and the floor, `--warmup` seconds;
2. the mix, `--users` users for `--duration` seconds: officers (each signed in at their level)
   on the workbench, the member list, member searches, the 两个普遍 report, a household, the
   bulletin archive, a booking and the API; workers on the portal's home and card pages and
   its API;
3. the portal alone: `--users` workers signed in, home and card pages;
4. the floor, `--users` users for `--duration` seconds: /bench/floor on the same server and
   settings (GONGHUI_BENCH_FLOOR=1), one keyset query of 50 members and a plain template.

Goals: every page p95 ≤ 150 ms; the mix's requests/s ≥ 70 % of the floor's; no errors (any
answer but 200 counts, a redirect to the sign-in page included).

The heavy load is done once: `--keep DIR` leaves the cluster (and the facts the measure needs)
in DIR; `--reuse DIR` starts that cluster again and measures only. Without either, a throwaway
cluster is used. The cluster runs as testing.pgcluster's (fsync and synchronous_commit off).
Prints the machine, the data, per page p50/p95, requests/s and errors; appends a section to
bench/RESULTS.md (--no-record: not); the last line printed is JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from serving import free_port, gunicorn  # noqa: E402  (bench/serving.py)

RESULTS = ROOT / "bench" / "RESULTS.md"
FACTS = "facts.json"
SECRET = "load-bench-secret-key-" + "k" * 40  # signs the sessions made here and read by the server
GOAL_P95_MS = 150.0
GOAL_SHARE_OF_FLOOR = 0.70
PLAN_ENV = "GONGHUI_LOAD_PLAN"
PASSWORD = "load-bench-password-2026"
# Encrypts the register's ID numbers and phones when loading and decrypts them when serving (a
# public key of 32 bytes, as production requires; the benchmark's data are made up).
DATA_KEY = "bG9hZC1iZW5jaC1wdWJsaWMtZGF0YS1rZXktMzJieSE="


# --------------------------------------------------------------------------- the cluster


class Cluster:
    """A PostgreSQL 15 cluster under `base` (data/, sock/, server.log) that outlives the script
    when asked to; started with testing.pgcluster's settings, as `postgres` when run as root."""

    def __init__(self, base: Path) -> None:
        from testing.pgcluster import find_bindir

        self.base, self.bindir = base, find_bindir()
        self.data, self.sock, self.log = base / "data", base / "sock", base / "server.log"
        self.prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.port = 0

    def run(self, *args: str) -> None:
        subprocess.run([*self.prefix, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def own(self, *paths: Path) -> None:
        if self.prefix:
            import pwd

            pw = pwd.getpwnam("postgres")
            for p in paths:
                os.chown(p, pw.pw_uid, pw.pw_gid)

    def init(self) -> None:
        self.base.mkdir(parents=True, exist_ok=True)
        self.sock.mkdir(exist_ok=True)
        self.own(self.base, self.sock)
        self.run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", "gonghui", "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8",
        )  # fmt: skip

    def start(self) -> str:
        self.port = free_port()
        opts = (
            f"-p {self.port} -k {self.sock} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300 "
            "-c shared_buffers=256MB"
        )
        self.run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", opts, "-w", "start"
        )
        return f"postgres://gonghui@127.0.0.1:{self.port}/gonghui"

    def create_database(self) -> None:
        self.run(
            str(self.bindir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "gonghui", "gonghui"
        )

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")


# --------------------------------------------------------------------------- the data


def load_data(args: argparse.Namespace, progress: Any = print) -> dict[str, Any]:
    """The register at scale through the benchmarks' loaders, then what the pages need through
    the real actions. Returns the facts the measure needs (ids, names, timings)."""
    import ledger_scale
    import tree as tree_bench
    import units_report

    timings: dict[str, float] = {}
    t = time.monotonic()
    tree = tree_bench.build_tree(args.unions, min(10_000, args.unions // 20), args.seed)
    tree_bench.load_tree(tree)
    timings["tree_s"] = time.monotonic() - t
    progress(f"  tree: {len(tree.nodes):,} unions in {timings['tree_s']:.0f} s")
    t = time.monotonic()
    sizes = units_report.load_units(tree, args.seed)
    timings["units_s"] = time.monotonic() - t
    progress(f"  units: {sizes['units']:,} in {timings['units_s']:.0f} s")
    member_timings = ledger_scale.load_members(args.members, args.seed, progress=progress)
    timings.update({f"members_{k}": v for k, v in member_timings.items()})
    facts = {
        "unions": args.unions,
        "members_loaded": args.members,
        "seed": args.seed,
        "units": sizes["units"],
    }
    t = time.monotonic()
    facts.update(page_data())
    timings["pages_s"] = time.monotonic() - t
    facts["timings"] = {k: round(v, 2) for k, v in timings.items()}
    return facts


def page_data() -> dict[str, Any]:
    """Officers at five levels, a household, a published bulletin, a booking, 16 workers with cards."""
    from django.db.models import Count
    from django.utils import timezone

    from gonghui.accounts.actions import role_grant, user_create
    from gonghui.assistance.tests.factories import make_household, setup_lines_and_rules
    from gonghui.bulletin import actions as bulletin
    from gonghui.members.models import Member
    from gonghui.members.testing import GIVEN, SURNAMES
    from gonghui.orgs.models import Level, Org
    from gonghui.portal.actions.cards import card_issue
    from gonghui.services.tests.factories import (
        at,
        book,
        make_centre,
        make_provider,
        make_worker,
        next_weekday,
        weekly,
    )

    province = Org.objects.get(parent__isnull=True)
    city = Org.objects.get(level=Level.CITY, division="440100")
    district = Org.objects.get(level=Level.COUNTY, division="440105")
    street = (
        Org.objects.filter(level=Level.TOWN, parent=district)
        .annotate(n=Count("children"))
        .order_by("-n", "pk")
        .first()
    )
    assert street is not None
    grassroots = Org.objects.filter(level=Level.GRASSROOTS, parent=street).order_by("pk").first()
    assert grassroots is not None
    officers = {}
    for name, org, kind in (
        ("province", province, "admin"),
        ("city", city, "admin"),
        ("district", district, "clerk"),
        ("street", street, "admin"),
        ("grassroots", grassroots, "admin"),
    ):
        user = user_create(
            actor=None, username=f"load_{name}", password=PASSWORD, full_name=f"压测{org.name}"
        )
        role_grant(actor=None, user=user, org=org, kind=kind)
        officers[name] = {"user": user.pk, "org": org.pk, "org_name": org.name}

    setup_lines_and_rules(province)
    household = make_household(grassroots)

    paper = bulletin.bulletin_create(actor=None, org=city, name="工作简报", office=f"{city.name}办公室")
    year = timezone.localdate().year - 1
    articles = 0
    for number in range(1, 25):
        issue = bulletin.issue_create(
            actor=None,
            bulletin=paper,
            number=number,
            date=dt.date(year, 1, 1) + dt.timedelta(days=15 * number),
        )
        for k in range(8):
            bulletin.article_create(
                actor=None, issue=issue, section="各地动态", title=f"{city.name[:-3]}第{number}期动态之{k + 1}：工会开展送清凉活动",
                body="高温期间，各级工会深入一线慰问户外劳动者，发放防暑降温用品。" * 5,
            )  # fmt: skip
            articles += 1
        bulletin.issue_publish(actor=None, issue=issue)

    centre = make_centre(district, "海珠区职工服务中心")
    provider = make_provider(centre, "李心怡")
    day = next_weekday(2)
    weekly(provider, day.weekday(), "09:00", "17:00", 60)
    workers = []
    for i in range(16):
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]
        member = make_worker(grassroots, name, username=f"load_worker_{i + 1:02d}", phone=f"1390000{i:04d}")
        card_issue(actor=None, member=member)
        workers.append({"user": member.login.user.pk, "member": member.pk})
    booker = Member.objects.get(pk=workers[0]["member"])
    booking = book(booker, provider, at(day, 10))
    return {
        "officers": officers,
        "workers": workers,
        "household": household.pk,
        "bulletin": paper.pk,
        "bulletin_articles": articles,
        "booking": booking.pk,
        "booker_id_number": booker.id_number,
    }


# --------------------------------------------------------------------------- sessions and the plan


def sign_in(user_id: int) -> str:
    """A session as the sign-in page leaves it (second factor passed where it is needed)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from gonghui.accounts.actions import requires_second_factor
    from gonghui.accounts.models import User
    from gonghui.accounts.sessions import BACKEND, SessionStore

    user = User.objects.get(pk=user_id)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if requires_second_factor(user):
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="load", defaults={"confirmed": True})
        session["otp_device_id"] = device.persistent_id
    session.create()
    return str(session.session_key)


def plan(facts: dict[str, Any]) -> dict[str, Any]:
    """What each signed-in user asks for: (page label, address) pairs, repeated for weight."""
    from django.urls import reverse

    from gonghui.members.models import Member

    o = facts["officers"]
    home, members = reverse("home"), reverse("members:list")
    report, archive = reverse("units:report"), reverse("bulletin:archive")
    household = reverse("assistance:household_detail", args=[facts["household"]])
    booking = reverse("services:booking", args=[facts["booking"]])
    search_name = f"{members}?name=王伟"
    search_id = f"{members}?id_number={facts['booker_id_number']}"
    api_members, api_report = "/api/members/", "/api/units/report"
    pages = {
        "province": [("home", home), ("member list", members), ("两个普遍 report", report),
                     ("两个普遍 report", report), ("bulletin archive", archive), ("api: members", api_members),
                     ("api: 两个普遍 report", api_report)],
        "city": [("home", home), ("member list", members), ("member search", search_name),
                 ("两个普遍 report", report), ("bulletin archive", archive), ("booking", booking),
                 ("api: 两个普遍 report", api_report)],
        "district": [("home", home), ("member list", members), ("member search", search_name),
                     ("member search", search_id), ("household", household), ("booking", booking),
                     ("bulletin archive", archive), ("api: members", api_members)],
        "street": [("home", home), ("member list", members), ("member search", search_id),
                   ("household", household), ("两个普遍 report", report), ("bulletin archive", archive)],
        "grassroots": [("home", home), ("member list", members), ("household", household),
                       ("两个普遍 report", report), ("api: members", api_members)],
    }  # fmt: skip
    portal = [("portal home", reverse("portal:home")), ("portal card", reverse("portal:card")),
              ("api: portal me", "/api/portal/me")]  # fmt: skip
    ids = Member.objects.order_by("pk").values_list("pk", flat=True)
    low, high = ids.first() or 0, Member.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return {
        "officers": [{"name": n, "session": sign_in(o[n]["user"]), "pages": pages[n]} for n in pages],
        "workers": [{"session": sign_in(w["user"]), "pages": portal} for w in facts["workers"]],
        "floor": {"path": "/bench/floor", "low": int(low), "high": max(int(low), int(high) - 60)},
    }


# --------------------------------------------------------------------------- the server


def server_env(url: str, base: Path, data_key: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GONGHUI_", "DATABASE_URL"))}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=url,
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",  # nginx ends TLS in production; here the client is local
        GONGHUI_BEHIND_PROXY="false",
        GONGHUI_DATA_KEY=data_key,
        GONGHUI_VAR_DIR=str(base / "var"),
        DJANGO_STATIC_ROOT=str(base / "static"),
        GONGHUI_BENCH_FLOOR="1",
        WEB_CONCURRENCY="2",
    )
    return env


# --------------------------------------------------------------------------- locust


def locust(
    host: str, plan_path: Path, classes: list[str], users: int, seconds: int, out: Path
) -> dict[str, dict[str, Any]]:
    """One headless locust run; its statistics per page (and 'Aggregated') from its CSV."""
    prefix = out / "_".join(c.lower() for c in classes)
    cmd = [
        str(Path(sys.executable).parent / "locust"), "-f", str(Path(__file__).resolve()), "--headless",
        "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s", "--host", host,
        "--csv", str(prefix), "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING", *classes,
    ]  # fmt: skip
    done = subprocess.run(
        cmd, cwd=ROOT, env={**os.environ, PLAN_ENV: str(plan_path)}, capture_output=True, text=True
    )
    stats_file = Path(f"{prefix}_stats.csv")
    if not stats_file.exists():
        raise SystemExit(f"locust failed ({done.returncode}):\n{done.stderr[-3000:]}")
    rows: dict[str, dict[str, Any]] = {}
    with stats_file.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "p50_ms": float(row["50%"] if row["50%"] != "N/A" else "nan"),
                "p95_ms": float(row["95%"] if row["95%"] != "N/A" else "nan"),
                "rps": float(row["Requests/s"]),
            }
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        with failures.open(encoding="utf-8") as f:
            rows.setdefault("Aggregated", {})["failures"] = [
                f"{r['Name']}: {r['Error'][:160]} ×{r['Occurrences']}" for r in csv.DictReader(f)
            ]
    return rows


if os.environ.get(PLAN_ENV):  # imported by locust: the users
    from locust import FastHttpUser, constant, task

    _PLAN = json.loads(Path(os.environ[PLAN_ENV]).read_text(encoding="utf-8"))
    _seq: dict[str, int] = {}

    def _next(kind: str) -> int:
        _seq[kind] = _seq.get(kind, -1) + 1
        return _seq[kind]

    class _Signed(FastHttpUser):
        abstract = True
        wait_time = constant(0)
        kind = ""

        def on_start(self) -> None:
            people = _PLAN[self.kind]
            self.person = people[_next(self.kind) % len(people)]
            self.cookie = f"sessionid={self.person['session']}"

        @task
        def page(self) -> None:
            label, path = random.choice(self.person["pages"])
            with self.client.get(
                path, name=label, headers={"Cookie": self.cookie}, allow_redirects=False, catch_response=True
            ) as r:
                if r.status_code != 200:
                    r.failure(f"{r.status_code} {r.headers.get('Location', '')}")

    class Officer(_Signed):
        kind = "officers"

    class Worker(_Signed):
        kind = "workers"

    class Floor(FastHttpUser):
        wait_time = constant(0)

        @task
        def page(self) -> None:
            f = _PLAN["floor"]
            after = random.randint(f["low"] - 1, f["high"])
            with self.client.get(f"{f['path']}?after={after}", name="floor", catch_response=True) as r:
                if r.status_code != 200:
                    r.failure(str(r.status_code))


# --------------------------------------------------------------------------- the run


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--unions", type=int, default=200_000)
    parser.add_argument("--members", type=int, default=2_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=20, help="seconds of warm-up, not counted")
    parser.add_argument("--duration", type=int, default=60, help="seconds of each measured phase")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--keep", type=Path, help="load into a new cluster in DIR and leave it there")
    where.add_argument("--reuse", type=Path, help="measure on the cluster a --keep run left in DIR")
    parser.add_argument("--load-only", action="store_true", help="with --keep: load the data, do not measure")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()
    base = (args.keep or args.reuse or Path(tempfile.mkdtemp(prefix="gonghui-load-"))).resolve()
    if args.keep and (base / "data").exists():
        raise SystemExit(f"{base} already holds a cluster: measure it with --reuse {base}, or remove it")
    if args.reuse and not (base / FACTS).exists():
        raise SystemExit(f"{base} holds no loaded cluster ({FACTS} missing): load one with --keep {base}")
    cluster = Cluster(base)
    if not args.reuse:
        cluster.init()
    url = cluster.start()
    try:
        if not args.reuse:
            cluster.create_database()
        summary = run(args, base, url, started)
    finally:
        cluster.stop()
        if not (args.keep or args.reuse):
            shutil.rmtree(base, ignore_errors=True)
    if summary is None:
        return
    print_summary(summary)
    if not args.no_record:
        record(summary)
        print(f"appended to {RESULTS.relative_to(ROOT)}")
    print(json.dumps(summary["json"], ensure_ascii=False))


def run(args: argparse.Namespace, base: Path, url: str, started: float) -> dict[str, Any] | None:
    import tree as tree_bench

    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SECRET_KEY"] = SECRET
    with tree_bench.database():
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        from gonghui.units.tally import tally_fresh, tally_rebuild

        settings.GONGHUI_DATA_KEY = DATA_KEY
        call_command("migrate", verbosity=0)
        if args.reuse:
            facts = json.loads((base / FACTS).read_text(encoding="utf-8"))
            print(f"reusing the cluster in {base}", flush=True)
        else:
            print(f"loading {args.unions:,} unions and {args.members:,} members into {base}", flush=True)
            facts = load_data(args, progress=lambda s: print(s, flush=True))
            (base / FACTS).write_text(json.dumps(facts, ensure_ascii=False, indent=1), encoding="utf-8")
        # The tallies hold today's figures, as the periodic job leaves them when the day turns.
        rebuild_s = None
        from gonghui.units.report import default_threshold

        if not tally_fresh(on=dt.date.today(), threshold=default_threshold()):
            t = time.perf_counter()
            tally_rebuild()
            rebuild_s = round(time.perf_counter() - t, 1)
            print(f"tallies rebuilt for today in {rebuild_s} s", flush=True)
        with connection.cursor() as cur:
            cur.execute("SELECT (SELECT count(*) FROM orgs_org), (SELECT count(*) FROM members_member), "
                        "(SELECT pg_size_pretty(pg_database_size(current_database())))")  # fmt: skip
            unions, members, size = cur.fetchone()
        if args.load_only:
            print(f"loaded: {unions:,} unions, {members:,} members, database {size}; "
                  f"measure with: bench/load.py --reuse {base}")  # fmt: skip
            return None
        the_plan = plan(facts)
        server_info = tree_bench.server_info()
    out = Path(tempfile.mkdtemp(prefix="gonghui-locust-"))
    plan_path = out / "plan.json"
    plan_path.write_text(json.dumps(the_plan, ensure_ascii=False), encoding="utf-8")
    env = server_env(url, base, DATA_KEY)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    load_before = os.getloadavg()
    try:
        with gunicorn(env, base) as port:
            host = f"http://127.0.0.1:{port}"
            print(f"server: gunicorn at {host}, 2 workers × {env.get('GONGHUI_THREADS', '4')} threads, "
                  f"config.settings.production; warm-up {args.warmup} s", flush=True)  # fmt: skip
            locust(host, plan_path, ["Officer", "Worker", "Floor"], args.users, args.warmup, out)
            mix = locust(host, plan_path, ["Officer", "Worker"], args.users, args.duration, out)
            print(f"mix: {mix['Aggregated']['requests']:,} requests", flush=True)
            portal = locust(host, plan_path, ["Worker"], args.users, args.duration, out)
            print(f"portal: {portal['Aggregated']['requests']:,} requests", flush=True)
            floor = locust(host, plan_path, ["Floor"], args.users, args.duration, out)
            print(f"floor: {floor['Aggregated']['requests']:,} requests", flush=True)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return summarise(args, facts, mix, portal, floor, unions, members, size, rebuild_s, server_info,
                     load_before, time.monotonic() - started)  # fmt: skip


def summarise(
    args: argparse.Namespace, facts: dict[str, Any], mix: dict[str, Any], portal: dict[str, Any],
    floor: dict[str, Any], unions: int, members: int, size: str, rebuild_s: float | None,
    server_info: dict[str, str], load_before: tuple[float, float, float], elapsed: float,
) -> dict[str, Any]:  # fmt: skip
    import tree as tree_bench

    pages = {k: v for k, v in mix.items() if k != "Aggregated"}
    portal_pages = {f"{k} (16 workers)" if args.users == 16 else f"{k} ({args.users} workers)": v
                    for k, v in portal.items() if k != "Aggregated"}  # fmt: skip
    agg, fagg, pagg = mix["Aggregated"], floor["Aggregated"], portal["Aggregated"]
    errors = agg["errors"] + pagg["errors"] + fagg["errors"]
    slow = sorted(k for k, v in {**pages, **portal_pages}.items() if not v["p95_ms"] <= GOAL_P95_MS)
    share = agg["rps"] / fagg["rps"] if fagg["rps"] else 0.0
    goals = {
        "every page p95 ≤ 150 ms": not slow,
        "mix rps ≥ 70% of floor": share >= GOAL_SHARE_OF_FLOOR,
        "no errors": errors == 0,
    }
    return {
        "machine": tree_bench.machine(),
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "server": server_info,
        "unions": unions,
        "members": members,
        "size": size,
        "facts": facts,
        "rebuild_s": rebuild_s,
        "pages": pages,
        "portal": portal_pages,
        "mix": agg,
        "portal_total": pagg,
        "floor": fagg,
        "share": share,
        "goals": goals,
        "slow": slow,
        "args": vars(args),
        "elapsed": elapsed,
        "json": {
            "users": args.users,
            "duration_s": args.duration,
            "unions": unions,
            "members": members,
            "requests": agg["requests"],
            "errors": errors,
            "mix_errors": agg["errors"],
            "p50_ms": {k: v["p50_ms"] for k, v in pages.items()},
            "p95_ms": {k: v["p95_ms"] for k, v in {**pages, **portal_pages}.items()},
            "rps": round(agg["rps"], 1),
            "portal_requests": pagg["requests"],
            "portal_errors": pagg["errors"],
            "portal_rps": round(pagg["rps"], 1),
            "floor_requests": fagg["requests"],
            "floor_errors": fagg["errors"],
            "floor_p50_ms": fagg["p50_ms"],
            "floor_p95_ms": fagg["p95_ms"],
            "floor_rps": round(fagg["rps"], 1),
            "share_of_floor": round(share, 3),
            "goals_met": goals,
        },
    }


def table(s: dict[str, Any]) -> list[str]:
    lines = ["| page | requests | errors | p50 ms | p95 ms | req/s | p95 ≤ 150 ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]  # fmt: skip
    for label, v in [*sorted(s["pages"].items()), *sorted(s["portal"].items())]:
        ok = "met" if v["p95_ms"] <= GOAL_P95_MS else "NOT MET"
        lines.append(f"| {label} | {v['requests']:,} | {v['errors']} | {v['p50_ms']:.0f} | {v['p95_ms']:.0f} | "
                     f"{v['rps']:.1f} | {ok} |")  # fmt: skip
    for label, v in (("**the mix**", s["mix"]), ("**the portal alone**", s["portal_total"]),
                     ("**the floor** (bare view, keyset 50 rows)", s["floor"])):  # fmt: skip
        lines.append(f"| {label} | {v['requests']:,} | {v['errors']} | {v['p50_ms']:.0f} | {v['p95_ms']:.0f} | "
                     f"{v['rps']:.1f} | |")  # fmt: skip
    return lines


def describe(s: dict[str, Any]) -> list[str]:
    f, a = s["facts"], s["args"]
    return [
        f"- machine: {s['machine']}; load average {', '.join(f'{x:.1f}' for x in s['load_before'])} before, "
        f"{', '.join(f'{x:.1f}' for x in s['load_after'])} after (other work on the machine inflates every figure)",
        f"- PostgreSQL {s['server'].get('server_version')}, shared_buffers {s['server'].get('shared_buffers')}, "
        f"fsync {s['server'].get('fsync')}, synchronous_commit {s['server'].get('synchronous_commit')}",
        f"- data: {s['unions']:,} unions, {s['members']:,} members ({f['units']:,} units), database {s['size']}; "
        f"officers at 5 levels, 1 household, {f['bulletin_articles']} bulletin articles in 24 published issues, "
        f"1 booking, 16 workers with cards; load timings {f['timings']}"
        + (f"; tallies rebuilt for today in {s['rebuild_s']} s" if s["rebuild_s"] else ""),
        "- server: gunicorn, config/gunicorn.py (2 workers × 4 threads, gthread), config.settings.production "
        "(debug off, whitenoise, JSON request logs) on the same machine as PostgreSQL and locust",
        f"- load: locust {locust_version()} headless, FastHttpUser, no think time; {a['users']} users; warm-up "
        f"{a['warmup']} s not counted; then the mix ({a['duration']} s: officers and workers, half each), the "
        f"portal alone ({a['users']} workers, {a['duration']} s) and the floor ({a['users']} users, "
        f"{a['duration']} s), one after the other on the same server",
    ]


def locust_version() -> str:
    from importlib.metadata import version

    return version("locust")


def print_summary(s: dict[str, Any]) -> None:
    for line in describe(s):
        print(line.removeprefix("- "))
    print("\n".join(table(s)))
    for failure in (s["mix"].get("failures") or []) + (s["portal_total"].get("failures") or []):
        print(f"  failure: {failure}")
    print(
        f"mix {s['mix']['rps']:.1f} req/s = {100 * s['share']:.0f}% of the floor's {s['floor']['rps']:.1f} req/s"
    )
    for goal, met in s["goals"].items():
        print(f"goal: {goal}: {'met' if met else 'NOT MET'}")
    print(f"whole script {s['elapsed']:.0f} s")


def record(s: dict[str, Any]) -> None:
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = [f"\n## {stamp} — bench/load.py\n", *describe(s), "", *table(s), ""]
    lines.append(
        f"- the mix: {s['mix']['rps']:.1f} req/s = {100 * s['share']:.0f}% of the floor's {s['floor']['rps']:.1f}; "
        + "; ".join(f"{goal}: {'met' if met else 'NOT MET'}" for goal, met in s["goals"].items())
    )
    failures = (s["mix"].get("failures") or []) + (s["portal_total"].get("failures") or [])
    if failures:
        lines.append(f"- errors: {'; '.join(failures[:5])}")
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
