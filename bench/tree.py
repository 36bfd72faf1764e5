"""Benchmark the organisation tree (materialised path) on PostgreSQL against a recursive CTE.

    .venv/bin/python bench/tree.py [--nodes 200000] [--move-size 10000] [--json] [--explain] [--no-record]

The issue's targets, on a Guangdong-shaped tree of 200,000 unions:

- insert one node ≤ 10 ms — the real `org_create` in its own transaction (parent row lock,
  child counters, the org row, its first OrgVersion, the OrgEvent and the audit row);
- count a city's subtree ≤ 20 ms — the path-prefix count `subtree_count` is built on, for the
  biggest city, beside the same count by a recursive CTE over `parent_id`;
- move a 10,000-node subtree ≤ 2 s — the real `org_move` (whole transaction), back and forth
  between two cities, beside the time a recursive CTE takes merely to list that subtree.

Two more figures, held to the count target: the real `subtree_count()` (it also filters on status,
so it cannot count from the index alone), and both counts again right after a move, before VACUUM
has marked the rewritten pages all-visible again.

Why: the materialised path was chosen so that a subtree is one index range scan; the figures
show what that buys (and costs on a move) against the adjacency-list alternative on the same data.

Without DATABASE_URL the script starts a throwaway PostgreSQL 15 cluster (testing.pgcluster,
which runs with fsync and synchronous_commit off: commit latency is not included). With
DATABASE_URL it needs an empty database: it refuses to load into one that already holds orgs.
The figures are printed and appended to bench/RESULTS.md; with --json the last line printed is one
JSON object with the same figures.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "RESULTS.md"

TARGET_INSERT_MS = 10.0
TARGET_COUNT_MS = 20.0
TARGET_MOVE_MS = 2000.0

CTE_COUNT = """
    WITH RECURSIVE sub AS (
        SELECT id FROM orgs_org WHERE id = %s
        UNION ALL
        SELECT o.id FROM orgs_org o JOIN sub ON o.parent_id = sub.id
    ) SELECT count(*) FROM sub
"""
CTE_LIST = """
    WITH RECURSIVE sub AS (
        SELECT id FROM orgs_org WHERE id = %s
        UNION ALL
        SELECT o.id FROM orgs_org o JOIN sub ON o.parent_id = sub.id
    ) SELECT id FROM sub
"""

# Relative weight of each city in grassroots unions (roughly its economy and workforce).
CITY_WEIGHTS = {
    "广州市": 20, "深圳市": 22, "东莞市": 10, "佛山市": 9, "惠州市": 4, "中山市": 4, "江门市": 3,
    "珠海市": 3, "汕头市": 3, "湛江市": 3, "茂名市": 2.5, "肇庆市": 2.5, "揭阳市": 2, "清远市": 2,
    "梅州市": 2, "韶关市": 2, "河源市": 1.5, "阳江市": 1.5, "汕尾市": 1.2, "潮州市": 1.3, "云浮市": 1,
}  # fmt: skip
TOWNS_TOTAL = 1600
TOWNS_UNDER_CITY = {"东莞市": 32, "中山市": 23}  # no county level: towns and streets under the city
MOVED_COUNTY = "440306"  # 深圳市宝安区: gets exactly --move-size nodes and moves to another city
CITY_DIRECT_SHARE = 0.03  # grassroots unions directly under a city federation
COUNTY_DIRECT_SHARE = 0.10  # ... directly under a county federation
BRANDS = "华粤南海珠江信达恒通兴泰鸿盛金瑞远东新宏源安康力嘉明利丰中联"
TRADES = ["电子", "五金", "塑胶", "纺织", "物流", "建材", "食品", "家具", "科技", "贸易", "印刷", "机械"]
SUFFIXES = ["有限公司工会", "股份有限公司工会", "实业有限公司工会", "集团工会", "厂工会"]


# --------------------------------------------------------------------------- environment


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def memory_gib() -> float:
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024**2
    return float("nan")


def machine() -> str:
    return (
        f"{platform.platform()}, {cpu_model()}, {os.cpu_count()} cores, {memory_gib():.0f} GiB, "
        f"Python {platform.python_version()}"
    )


@contextlib.contextmanager
def database() -> Iterator[str]:
    """DATABASE_URL if set, else a throwaway cluster; Django is set up against it."""
    url = os.environ.get("DATABASE_URL")
    with contextlib.ExitStack() as stack:
        if not url:
            from testing.pgcluster import throwaway_cluster

            url = stack.enter_context(throwaway_cluster())
            os.environ["DATABASE_URL"] = url
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        import django

        django.setup()
        from django.db import connections

        try:
            yield url
        finally:
            connections.close_all()  # before the throwaway cluster stops


def migrate() -> None:
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit(f"this benchmark needs PostgreSQL, DATABASE_URL points at {connection.vendor}")
    call_command("migrate", verbosity=0)
    from gonghui.orgs.models import Org

    if Org.objects.exists():
        raise SystemExit("the database already holds orgs: point DATABASE_URL at an empty database")


def scalar(sql: str, params: tuple[Any, ...] = ()) -> Any:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(sql, params)
        row = cur.fetchone()
    return row[0] if row else None


def server_info() -> dict[str, str]:
    keys = ("server_version", "shared_buffers", "fsync", "synchronous_commit", "work_mem")
    return {k: str(scalar(f"SHOW {k}")) for k in keys}


def load_average() -> str:
    """The machine's load averages (1, 5, 15 minutes), as the results print them."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def record_results(script: str, lines: list[str]) -> None:
    """Append a section to bench/RESULTS.md, headed by the time and `script` (its path under
    bench/); what is there is never rewritten."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    new = not RESULTS.exists()
    with RESULTS.open("a", encoding="utf-8") as f:
        if new:
            f.write("# Benchmark results\n")
        f.write("\n".join([f"\n## {stamp} — bench/{script}\n", *lines]))


def machine_and_server() -> str:
    """The results' line naming the machine and the PostgreSQL the figures come from."""
    srv = server_info()
    return (
        f"- machine: {machine()}; PostgreSQL {srv['server_version']} (throwaway cluster unless DATABASE_URL "
        f"was set: fsync {srv['fsync']}, synchronous_commit {srv['synchronous_commit']})"
    )


# --------------------------------------------------------------------------- the tree


@dataclass
class District:
    """A small tree made through the project's own actions, for the benchmarks that need real rows."""

    province: Any
    county: Any
    street: Any
    grassroots: list[Any]
    admin: Any


def haizhu(unions: int, *, password: str, serial: int) -> District:
    """Province → 广州市 → 海珠区 → a street → `unions` grassroots unions (`org_create`, credit codes
    numbered from `serial`), and the district's administrator haizhu_admin."""
    from gonghui.accounts.actions import role_grant, user_create
    from gonghui.kernel.codes import credit_code_make
    from gonghui.orgs.actions import org_create

    serials = iter(range(serial, 99_999_999))

    def make(parent: Any, name: str, level: str, division: str, kind: str) -> Any:
        return org_create(actor=None, parent=parent, level=level, name=name, kind=kind, division=division,
                          credit_code=credit_code_make("81", division, next(serials)), on=dt.date(2000, 1, 1))  # fmt: skip

    province = make(None, "广东省总工会", "province", "440000", "federation")
    city = make(province, "广州市总工会", "city", "440100", "federation")
    county = make(city, "广州市海珠区总工会", "county", "440105", "federation")
    street = make(county, "赤岗街道总工会", "town", "440105", "federation")
    grassroots = [
        make(street, f"广州海珠第{i + 1:04d}有限公司工会", "grassroots", "440105", "enterprise")
        for i in range(unions)
    ]
    admin = user_create(actor=None, username="haizhu_admin", password=password, full_name="海珠区管理员")
    role_grant(actor=None, user=admin, org=county, kind="admin")
    return District(province, county, street, grassroots, admin)


@dataclass(slots=True)
class Node:
    id: int
    parent: Node | None
    path: str
    depth: int
    name: str
    level: str
    kind: str
    division: str
    credit_code: str | None = None
    child_seq: int = 0
    child_count: int = 0


@dataclass
class Tree:
    nodes: list[Node] = field(default_factory=list)
    cities: dict[str, Node] = field(default_factory=dict)  # by division code
    counties: dict[str, Node] = field(default_factory=dict)
    towns: list[Node] = field(default_factory=list)
    serial: int = 10_000_000

    def add(self, parent: Node | None, name: str, level: str, kind: str, division: str) -> Node:
        """A node exactly as org_create would number it: the parent's next child_seq."""
        from gonghui.orgs.actions import _segment  # the real encoding, so paths match org_create
        from gonghui.orgs.models import SEGMENT

        if parent is None:
            path = _segment(1)
        else:
            parent.child_seq += 1
            parent.child_count += 1
            path = parent.path + _segment(parent.child_seq)
        self.serial += 1
        node = Node(
            id=len(self.nodes) + 1,
            parent=parent,
            path=path,
            depth=len(path) // SEGMENT - 1,
            name=name,
            level=level,
            kind=kind,
            division=division,
            credit_code=credit_code("81", division, self.serial),
        )
        self.nodes.append(node)
        return node


def credit_code(prefix: str, division: str, serial: int) -> str:
    from gonghui.kernel.codes import credit_code_make

    return credit_code_make(prefix, division, serial)


def apportion(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder), each part ≥ `minimum`."""
    if total < minimum * len(weights):
        raise ValueError(f"cannot give {len(weights)} parts at least {minimum} out of {total}")
    rest = total - minimum * len(weights)
    scale = rest / sum(weights)
    parts = [int(w * scale) for w in weights]
    order = sorted(range(len(weights)), key=lambda i: weights[i] * scale - parts[i], reverse=True)
    for i in order[: rest - sum(parts)]:
        parts[i] += 1
    return [p + minimum for p in parts]


def uneven(rng: random.Random, n: int) -> list[float]:
    """Log-normal weights: a few big units, many small ones."""
    return [rng.lognormvariate(0, 0.8) for _ in range(n)]


def build_tree(n_nodes: int, move_size: int, seed: int) -> Tree:
    """1 province, 21 cities, 122 counties, ~1,600 towns/streets, then grassroots unions created in
    random order (as registrations arrive over the years) under towns, counties and cities."""
    from gonghui.kernel.codes import divisions_under
    from gonghui.orgs.models import Kind, Level

    rng = random.Random(seed)
    tree = Tree()
    province = tree.add(None, "广东省总工会", Level.PROVINCE, Kind.FEDERATION, "440000")
    for code, name in divisions_under("440000"):
        tree.cities[code] = tree.add(province, f"{name}总工会", Level.CITY, Kind.FEDERATION, code)
    for city_code, city in tree.cities.items():
        for code, name in divisions_under(city_code):
            tree.counties[code] = tree.add(
                city, f"{city.name[:-3]}{name}总工会", Level.COUNTY, Kind.FEDERATION, code
            )
    if MOVED_COUNTY not in tree.counties:
        raise SystemExit(f"division {MOVED_COUNTY} (the subtree to move) is missing from divisions.csv")

    # Towns and streets: fixed numbers under 东莞 and 中山, the rest spread unevenly over counties.
    town_parents: list[Node] = []
    for city in tree.cities.values():
        town_parents += [city] * TOWNS_UNDER_CITY.get(city.name[:-3], 0)
    county_list = list(tree.counties.values())
    per_county = apportion(TOWNS_TOTAL - len(town_parents), uneven(rng, len(county_list)), minimum=3)
    for county, k in zip(county_list, per_county, strict=True):
        town_parents += [county] * k
    for parent in town_parents:
        word = "镇" if rng.random() < 0.45 else "街道"
        name = f"{parent.name[:-3]}第{parent.child_seq + 1}{word}总工会"
        tree.towns.append(tree.add(parent, name, Level.TOWN, Kind.FEDERATION, parent.division))

    # Grassroots unions: how many under each parent.
    structural = len(tree.nodes)
    grassroots = n_nodes - structural
    moved = tree.counties[MOVED_COUNTY]
    moved_towns = [t for t in tree.towns if t.parent is moved]
    moved_grassroots = move_size - 1 - len(moved_towns)
    if grassroots < moved_grassroots + 10 * len(tree.cities) or moved_grassroots < len(moved_towns):
        raise SystemExit(f"--nodes {n_nodes} is too small for a {move_size}-node subtree to move")
    quota: dict[int, int] = {}  # parent id -> grassroots unions to create under it
    for t, k in zip(moved_towns, apportion(moved_grassroots, uneven(rng, len(moved_towns))), strict=True):
        quota[t.id] = k
    cities = list(tree.cities.values())
    per_city = apportion(grassroots - moved_grassroots, [CITY_WEIGHTS[c.name[:-3]] for c in cities])
    for city, city_total in zip(cities, per_city, strict=True):
        direct = round(city_total * CITY_DIRECT_SHARE)
        quota[city.id] = direct
        units = [c for c in tree.counties.values() if c.parent is city and c is not moved] or [
            t for t in tree.towns if t.parent is city
        ]
        for unit, k in zip(units, apportion(city_total - direct, uneven(rng, len(units))), strict=True):
            if unit.level == Level.TOWN:
                quota[unit.id] = k
                continue
            quota[unit.id] = round(k * COUNTY_DIRECT_SHARE)
            towns = [t for t in tree.towns if t.parent is unit]
            for t, kt in zip(towns, apportion(k - quota[unit.id], uneven(rng, len(towns))), strict=True):
                quota[t.id] = kt
    by_id = {n.id: n for n in tree.nodes}
    order = [pid for pid, k in quota.items() for _ in range(k)]
    rng.shuffle(order)
    kinds = [Kind.ENTERPRISE] * 7 + [Kind.JOINT, Kind.COMMUNITY, Kind.INSTITUTION]
    for pid in order:
        parent = by_id[pid]
        name = f"{''.join(rng.choices(BRANDS, k=2))}{rng.choice(TRADES)}{rng.choice(SUFFIXES)}"
        tree.add(parent, name, Level.GRASSROOTS, rng.choice(kinds), parent.division)
    assert len(tree.nodes) == n_nodes, (len(tree.nodes), n_nodes)
    return tree


def load_tree(tree: Tree) -> None:
    """COPY the nodes, one open OrgVersion and one 'created' OrgEvent each, then VACUUM ANALYZE
    (the state autovacuum keeps a settled table in: statistics and visibility map up to date)."""
    from django.db import connection, transaction
    from django.utils import timezone

    now = timezone.now()
    founded = dt.date(2013, 3, 21)
    with transaction.atomic(), connection.cursor() as cur:
        raw = cur.cursor  # the psycopg cursor, for COPY
        org_columns = (
            "id, parent_id, path, depth, child_seq, child_count, name, short_name, level, kind, "
            "division, credit_code, legal_person, legal_cert_no, bank_name, bank_account, address, "
            "status, status_since, created_at, updated_at"
        )
        with raw.copy(f"COPY orgs_org ({org_columns}) FROM STDIN") as copy:
            for n in tree.nodes:
                copy.write_row(
                    (
                        n.id, n.parent.id if n.parent else None, n.path, n.depth, n.child_seq,
                        n.child_count, n.name, "", n.level, n.kind, n.division, n.credit_code, False,
                        "", "", "", "", "active", founded, now, now,
                    )
                )  # fmt: skip
        with raw.copy(
            "COPY orgs_orgversion (org_id, parent_id, name, level, status, valid_from) FROM STDIN"
        ) as copy:
            for n in tree.nodes:
                copy.write_row((n.id, n.parent.id if n.parent else None, n.name, n.level, "active", founded))
        with raw.copy('COPY orgs_orgevent (org_id, kind, "on", at, note, detail) FROM STDIN') as copy:
            for n in tree.nodes:
                copy.write_row((n.id, "created", founded, now, "", "{}"))
        cur.execute("SELECT setval(pg_get_serial_sequence('orgs_org', 'id'), (SELECT max(id) FROM orgs_org))")
    with connection.cursor() as cur:
        for table in ("orgs_org", "orgs_orgversion", "orgs_orgevent"):
            # A VACUUM that overlaps an autovacuum ANALYZE (whose snapshot predates our COPY)
            # leaves the pages not all-visible; repeat until the visibility map is set.
            for _ in range(10):
                cur.execute(f"VACUUM ANALYZE {table}")
                cur.execute("SELECT relpages, relallvisible FROM pg_class WHERE relname = %s", [table])
                pages, visible = cur.fetchone()
                if visible >= pages:
                    break
                time.sleep(0.5)


def check_tree() -> None:
    """Every node's path extends its parent's by one segment, depth matches, and the counters
    agree with the children actually there. Raises AssertionError otherwise."""
    bad_paths = scalar(
        """SELECT count(*) FROM orgs_org c JOIN orgs_org p ON p.id = c.parent_id
           WHERE left(c.path, length(p.path)) <> p.path OR length(c.path) <> length(p.path) + 4
              OR c.depth <> p.depth + 1 OR c.depth <> length(c.path) / 4 - 1"""
    )
    bad_counts = scalar(
        """SELECT count(*) FROM orgs_org p
           LEFT JOIN (SELECT parent_id, count(*) AS n FROM orgs_org GROUP BY parent_id) k
                  ON k.parent_id = p.id
           WHERE p.child_count <> coalesce(k.n, 0) OR p.child_seq < coalesce(k.n, 0)"""
    )
    roots = scalar("SELECT count(*) FROM orgs_org WHERE parent_id IS NULL")
    assert bad_paths == 0 and bad_counts == 0 and roots == 1, (bad_paths, bad_counts, roots)


@contextlib.contextmanager
def tree_loaded(n_nodes: int, move_size: int, seed: int) -> Iterator[Tree]:
    """A database (as `database`) migrated, with a tree of `n_nodes` unions loaded into it."""
    with database():
        migrate()
        tree = build_tree(n_nodes, move_size, seed)
        load_tree(tree)
        yield tree


# --------------------------------------------------------------------------- measuring


@dataclass
class Timing:
    runs: list[float]  # milliseconds

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def p95(self) -> float:
        if len(self.runs) < 2:
            return self.runs[0]
        return statistics.quantiles(self.runs, n=20, method="inclusive")[18]

    def __str__(self) -> str:
        return f"{self.median:8.2f} / {self.p95:8.2f} ms"

    def as_dict(self) -> dict[str, float]:
        return {"median": round(self.median, 3), "p95": round(self.p95, 3), "runs": len(self.runs)}


def timed(fn: Callable[[int], object], runs: int, warmup: int = 0) -> Timing:
    """Call fn(i) warmup + runs times; time the last `runs` calls."""
    for i in range(warmup):
        fn(-1 - i)
    out = []
    for i in range(runs):
        start = time.perf_counter_ns()
        fn(i)
        out.append((time.perf_counter_ns() - start) / 1e6)
    return Timing(out)


def explain(sql: str, params: tuple[Any, ...] | None, analyze: bool = False) -> list[str]:
    from django.db import connection

    opts = "ANALYZE, BUFFERS" if analyze else "COSTS OFF"
    with connection.cursor() as cur:
        cur.execute(f"EXPLAIN ({opts}) {sql}", params)
        return [r[0] for r in cur.fetchall()]


def measure_insert(towns: list[Node], runs: int, seed: int) -> Timing:
    """org_create of one grassroots union under a random town, each in its own transaction."""
    from gonghui.orgs.actions import org_create
    from gonghui.orgs.models import Org

    rng = random.Random(seed + 1)
    picks = [rng.choice(towns) for _ in range(runs + 3)]

    def insert(i: int) -> None:
        town = picks[i]
        org_create(
            actor=None, parent=Org(pk=town.id), level="grassroots", kind="enterprise",
            name=f"基准测试新建企业{i + 4}号工会", division=town.division,
        )  # fmt: skip

    return timed(insert, runs, warmup=3)


@dataclass
class Counts:
    """One city's subtree counted three ways, with the plan of the prefix count."""

    prefix: Timing  # Org.objects.filter(path__startswith=...).count()
    cte: Timing  # recursive CTE over parent_id
    active: Timing  # selectors.subtree_count(), which also filters on status
    nodes: int
    plan: str  # top node → scan node of the prefix count
    heap_fetches: int  # in the index-only scan: rows whose page was not all-visible
    active_plan: str


def plan_summary(lines: list[str]) -> tuple[str, int]:
    scan = next((ln.strip().removeprefix("->  ") for ln in lines if "Scan" in ln), lines[0])
    scan = scan.split("  (cost=")[0]
    fetches = sum(int(ln.split(":")[1]) for ln in lines if "Heap Fetches:" in ln)
    return f"{lines[0].split('  (cost=')[0]} → {scan}", fetches


def measure_count(city_id: int, runs: int) -> Counts:
    """The subtree of a city: the path-prefix count, the same count by recursive CTE (checked to
    agree), and the real subtree_count (active only)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gonghui.orgs.models import Org
    from gonghui.orgs.selectors import subtree_count

    city = Org.objects.get(pk=city_id)
    prefix = Org.objects.filter(path__startswith=city.path)
    ours_n, cte_n, active_n = prefix.count(), scalar(CTE_COUNT, (city.pk,)), subtree_count(city)
    assert ours_n == cte_n == active_n, (ours_n, cte_n, active_n)
    with CaptureQueriesContext(connection) as captured:  # the very SQL each one sends
        prefix.count()
        subtree_count(city)
    plan, fetches = plan_summary(explain(captured.captured_queries[0]["sql"], None, analyze=True))
    active_plan, _ = plan_summary(explain(captured.captured_queries[1]["sql"], None, analyze=True))

    def cte(_: int) -> None:
        with connection.cursor() as cur:
            cur.execute(CTE_COUNT, (city.pk,))
            cur.fetchone()

    return Counts(
        prefix=timed(lambda _: prefix.count(), runs, warmup=3),
        cte=timed(cte, runs, warmup=3),
        active=timed(lambda _: subtree_count(city), runs, warmup=3),
        nodes=ours_n,
        plan=plan,
        heap_fetches=fetches,
        active_plan=active_plan,
    )


@dataclass
class Moves:
    moves: Timing
    listing: Timing  # recursive CTE listing the subtree
    nodes: int
    receiver: str  # the city the subtree first moved to
    after_first: Counts  # the receiving city counted right after the first move


def measure_move(county_id: int, runs: int, count_runs: int) -> Moves:
    """org_move of the county back and forth between its city and the biggest other city, beside
    a recursive CTE listing the subtree. Right after the first move the receiving city is counted
    again: the move rewrote 10,000 rows spread over the heap, so until VACUUM those pages are no
    longer all-visible and the index-only count must visit the heap. At the end, every node of the
    subtree must be under the county's new path, and the number of orgs unchanged."""
    from django.db import connection

    from gonghui.orgs.actions import org_move
    from gonghui.orgs.models import Level, Org

    county = Org.objects.select_related("parent").get(pk=county_id)
    home = county.parent
    assert home is not None
    away = Org.objects.filter(level=Level.CITY).exclude(pk=home.pk).order_by("-child_count").first()
    assert away is not None
    with connection.cursor() as cur:
        cur.execute(CTE_LIST, (county.pk,))
        ids = {r[0] for r in cur.fetchall()}
    total = Org.objects.count()
    assert len(ids) == Org.objects.filter(path__startswith=county.path).count()

    def list_cte(_: int) -> None:
        with connection.cursor() as cur:
            cur.execute(CTE_LIST, (county.pk,))
            cur.fetchall()

    listing = timed(list_cte, count_runs, warmup=2)
    targets = [away if i % 2 == 0 else home for i in range(runs)]
    ms: list[float] = []
    after_first: Counts | None = None
    for target in targets:
        start = time.perf_counter_ns()
        org_move(actor=None, org=county, new_parent=target)
        ms.append((time.perf_counter_ns() - start) / 1e6)
        if after_first is None:
            after_first = measure_count(away.pk, count_runs)
    assert after_first is not None

    moved = Org.objects.get(pk=county.pk)
    last = targets[-1]
    assert moved.parent_id == last.pk and moved.path.startswith(last.path), "the county did not move"
    under = set(Org.objects.filter(path__startswith=moved.path).values_list("pk", flat=True))
    assert under == ids, f"{len(ids ^ under)} nodes of the moved subtree are not under its new path"
    assert Org.objects.count() == total, "the move changed the number of nodes"
    check_tree()
    return Moves(Timing(ms), listing, len(ids), away.name, after_first)


def explain_analyze(city_id: int, county_id: int) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of the count, the CTE and the move's UPDATE (rolled back)."""
    from django.db import connection, transaction

    from gonghui.orgs.models import Org

    city, county = Org.objects.get(pk=city_id), Org.objects.get(pk=county_id)
    print("\n-- path-prefix count")
    print(
        "\n".join(explain("SELECT count(*) FROM orgs_org WHERE path::text LIKE %s", (city.path + "%",), True))
    )
    print("\n-- recursive CTE count")
    print("\n".join(explain(CTE_COUNT, (city.pk,), True)))
    print("\n-- the move's UPDATE (rolled back)")
    new_prefix = "ZZZZZZZZ"
    sql = "UPDATE orgs_org SET path = %s || substring(path from %s), depth = depth WHERE path::text LIKE %s"
    with contextlib.suppress(RuntimeError), transaction.atomic():
        print("\n".join(explain(sql, (new_prefix, len(county.path) + 1, county.path + "%"), True)))
        raise RuntimeError("roll back")
    with connection.cursor() as cur:
        cur.execute(
            "SELECT indexrelname, pg_size_pretty(pg_relation_size(indexrelid)) FROM pg_stat_user_indexes "
            "WHERE relname = 'orgs_org' ORDER BY indexrelname"
        )
        print("\n-- indexes on orgs_org (each is rewritten for every moved row)")
        for name, size in cur.fetchall():
            print(f"   {name:40} {size}")


# --------------------------------------------------------------------------- reporting


@dataclass
class Measure:
    key: str
    label: str
    ours: Timing
    target_ms: float
    peer: Timing | None = None
    peer_label: str = ""

    @property
    def verdict(self) -> str:
        if self.ours.p95 <= self.target_ms:
            return "met"
        return "met at median, not p95" if self.ours.median <= self.target_ms else "MISSED"

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "ours_ms": self.ours.as_dict(),
            "peer": self.peer_label or None,
            "peer_ms": self.peer.as_dict() if self.peer else None,
            "target_ms": self.target_ms,
            "verdict": self.verdict,
        }


def measures(insert: Timing, counts: Counts, city: str, moves: Moves) -> list[Measure]:
    after = moves.after_first
    return [
        Measure("insert", "insert one node (org_create)", insert, TARGET_INSERT_MS),
        Measure(
            "count", f"count {city} ({counts.nodes:,} nodes), path prefix", counts.prefix,
            TARGET_COUNT_MS, counts.cte, "recursive CTE count",
        ),
        Measure("subtree_count", "… same via subtree_count() (active only)", counts.active, TARGET_COUNT_MS),
        Measure(
            "move", f"move a {moves.nodes:,}-node subtree (org_move)", moves.moves, TARGET_MOVE_MS,
            moves.listing, "recursive CTE listing the subtree",
        ),
        Measure(
            "count_after_move", f"count {moves.receiver} ({after.nodes:,} nodes) right after a move, no VACUUM yet",
            after.prefix, TARGET_COUNT_MS, after.cte, "recursive CTE count",
        ),
        Measure("subtree_count_after_move", "… same via subtree_count()", after.active, TARGET_COUNT_MS),
    ]  # fmt: skip


def print_table(rows: list[Measure]) -> None:
    print(f"\n{'measure':58} {'ours median / p95':>22} {'target':>9}   {'verdict':10} peer median / p95")
    for m in rows:
        peer = f"{m.peer} ({m.peer_label})" if m.peer else "—"
        print(f"{m.label:58} {m.ours!s:>22} {m.target_ms:>6,.0f} ms   {m.verdict:10} {peer}")


def record(summary: dict[str, Any], rows: list[Measure]) -> None:
    """Append a section to bench/RESULTS.md (never rewrites what is there)."""
    d, srv = summary["data"], summary["postgres"]
    lines = [
        f"\n## {summary['stamp']} — bench/tree.py\n",
        f"- machine: {summary['machine']}",
        f"- PostgreSQL {srv['server_version']}, throwaway cluster: shared_buffers {srv['shared_buffers']}, "
        f"fsync {srv['fsync']}, synchronous_commit {srv['synchronous_commit']} (commit latency not included)",
        f"- data: {d['nodes']:,} orgs (1 province, {d['cities']} cities, {d['counties']} counties, "
        f"{d['towns']:,} towns/streets, {d['grassroots']:,} grassroots in random registration order), "
        f"one OrgVersion and one OrgEvent each, seed {d['seed']}, VACUUM ANALYZE after loading; biggest "
        f"city {d['biggest_city']} {d['biggest_city_nodes']:,} nodes; moved subtree (a county) "
        f"{d['moved_nodes']:,} nodes, moved {summary['moves']} times between two cities",
        f"- whole script {summary['elapsed_s']:.0f} s (load {d['load_s']:.0f} s); figures are "
        "median / p95 in ms; verdict on p95\n",
        "| measure | ours median / p95 ms | runs | target ms | verdict | peer | peer median / p95 ms |",
        "| --- | ---: | ---: | ---: | --- | --- | ---: |",
    ]
    for m in rows:
        peer = f"{m.peer.median:.2f} / {m.peer.p95:.2f}" if m.peer else "—"
        lines.append(
            f"| {m.label} | {m.ours.median:.2f} / {m.ours.p95:.2f} | {len(m.ours.runs)} | "
            f"≤ {m.target_ms:,.0f} | {m.verdict} | {m.peer_label or '—'} | {peer} |"
        )
    plans = summary["plans"]
    lines += [
        "",
        f"- prefix count plan: `{plans['count']}` (heap fetches {plans['count_heap_fetches']:,})",
        f"- subtree_count plan: `{plans['subtree_count']}`",
        f"- right after a move: `{plans['count_after_move']}` (heap fetches "
        f"{plans['count_after_move_heap_fetches']:,}); subtree_count `{plans['subtree_count_after_move']}`",
        "",
    ]
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--move-size", type=int, default=10_000, help="nodes in the subtree moved")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=50, help="runs of the insert and the counts")
    parser.add_argument("--moves", type=int, default=5, help="moves, alternating between two cities")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on the last line")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of the queries")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    args = parser.parse_args()
    started = time.perf_counter()

    with database():
        migrate()
        from gonghui.orgs.models import Level, Org

        srv = server_info()
        print(f"machine:    {machine()}")
        print(
            f"postgres:   {srv['server_version']}, shared_buffers {srv['shared_buffers']}, "
            f"fsync {srv['fsync']}, synchronous_commit {srv['synchronous_commit']}"
        )
        t0 = time.perf_counter()
        tree = build_tree(args.nodes, args.move_size, args.seed)
        built = time.perf_counter() - t0
        load_tree(tree)
        check_tree()
        load_s = time.perf_counter() - t0
        levels = {lv: sum(1 for n in tree.nodes if n.level == lv) for lv in Level.values}
        print(
            f"data:       {len(tree.nodes):,} orgs — {levels['city']} cities, {levels['county']} counties, "
            f"{levels['town']:,} towns/streets, {levels['grassroots']:,} grassroots "
            f"(built {built:.1f} s, loaded and checked {load_s - built:.1f} s)"
        )
        biggest = max(tree.cities.values(), key=lambda c: Org.objects.filter(path__startswith=c.path).count())
        moved_id = tree.counties[MOVED_COUNTY].id

        counts = measure_count(biggest.id, args.runs)
        print(f"biggest city {biggest.name}: {counts.nodes:,} nodes")
        print(f"plan:       {counts.plan} (heap fetches {counts.heap_fetches:,})")
        print(f"            subtree_count: {counts.active_plan}")
        if "Index" not in counts.plan:
            print("warning: the prefix count does not use an index")
        if args.explain:
            explain_analyze(biggest.id, moved_id)
        other_towns = [t for t in tree.towns if t.parent is None or t.parent.id != moved_id]
        insert = measure_insert(other_towns, args.runs, args.seed)
        moves = measure_move(moved_id, args.moves, count_runs=min(args.runs, 20))
        after = moves.after_first
        print(f"after a move: {after.plan} (heap fetches {after.heap_fetches:,})")

        rows = measures(insert, counts, biggest.name, moves)
        elapsed = time.perf_counter() - started
        print_table(rows)
        print(f"whole script: {elapsed:.1f} s")

        summary: dict[str, Any] = {
            "stamp": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine(),
            "postgres": srv,
            "data": {
                "nodes": len(tree.nodes),
                "cities": levels["city"],
                "counties": levels["county"],
                "towns": levels["town"],
                "grassroots": levels["grassroots"],
                "seed": args.seed,
                "biggest_city": biggest.name,
                "biggest_city_nodes": counts.nodes,
                "moved_nodes": moves.nodes,
                "load_s": round(load_s, 2),
            },
            "moves": args.moves,
            "measures": {m.key: m.as_dict() for m in rows},
            "plans": {
                "count": counts.plan,
                "count_heap_fetches": counts.heap_fetches,
                "subtree_count": counts.active_plan,
                "count_after_move": after.plan,
                "count_after_move_heap_fetches": after.heap_fetches,
                "subtree_count_after_move": after.active_plan,
            },
            "elapsed_s": round(elapsed, 1),
        }
        if not args.no_record:
            record(summary, rows)
            print(f"appended to {RESULTS.relative_to(ROOT)}")
        if args.json:
            print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
