"""Benchmark the "两个普遍" report on PostgreSQL: one grouped query over path prefixes, against a
query per child (the obvious way to write it).

    .venv/bin/python bench/units_report.py [--nodes 200000] [--runs 5] [--no-peer] [--explain] [--profile] [--record]

Data: the Guangdong-shaped tree of bench/tree.py (200,000 unions), then about two units per
grassroots union as the register would hold them: each enterprise union covers its employer,
joint and community unions cover 3–6 small firms, every town and county federation lists 5–30
firms without a union; a tenth of the units change head count on 2013-01-01 (two versions);
35 % of the enterprises have a single-unit contract and every town a regional one.

Measured (median / p95 ms): `two_universal_report` for the province, the biggest city, a county
and a town on 2013-06-30, each beside the same figures computed with one aggregate query per
child; and the province report for a date before a structural change (the tree of that date is
rebuilt from OrgVersion). There is no member register yet, so 入会率 is not part of the figure.

Without DATABASE_URL a throwaway PostgreSQL 15 cluster is used (fsync off). Prints the figures;
with --record also appends them to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tree as tree_bench  # bench/tree.py: the tree, the database, the timer

ROOT = tree_bench.ROOT
ON = dt.date(2013, 6, 30)
START = dt.date(2012, 1, 1)
CHANGE = dt.date(2013, 1, 1)


def load_units(tree: tree_bench.Tree, seed: int) -> dict[str, int]:
    from django.db import connection, transaction
    from django.utils import timezone

    from gonghui.kernel.codes import credit_code_make
    from gonghui.orgs.models import Kind, Level

    rng = random.Random(seed)
    now = timezone.now()
    units: list[tuple[Any, ...]] = []
    versions: list[tuple[Any, ...]] = []
    contracts: list[tuple[Any, ...]] = []
    links: list[tuple[int, int]] = []
    serial = 10_000_000
    by_town: dict[int, list[int]] = {}

    def add(registered: tree_bench.Node, covering: tree_bench.Node | None, employees: int) -> int:
        nonlocal serial
        serial += 1
        uid = len(units) + 1
        home = covering or registered
        code = credit_code_make("91", registered.division, serial)
        women, migrants = employees * 2 // 5, employees // 3
        units.append((uid, code, f"单位{uid}", rng.choice(["03", "08", "09", "06"]), "170", "", registered.division,
                      employees, women, migrants, registered.id, covering.id if covering else None, home.id,
                      "active", START, now, now))  # fmt: skip
        if rng.random() < 0.1:
            later = max(1, int(employees * rng.uniform(0.6, 1.6)))
            versions.append((uid, home.id, registered.id, covering.id if covering else None, employees, women,
                             migrants, "active", START, CHANGE))  # fmt: skip
            versions.append((uid, home.id, registered.id, covering.id if covering else None, later,
                             min(women, later), min(migrants, later), "active", CHANGE, None))  # fmt: skip
        else:
            versions.append((uid, home.id, registered.id, covering.id if covering else None, employees, women,
                             migrants, "active", START, None))  # fmt: skip
        town = registered if registered.level == Level.TOWN else None
        if town is not None:
            by_town.setdefault(town.id, []).append(uid)
        return uid

    for node in tree.nodes:
        if node.level == Level.GRASSROOTS:
            host = node.parent if node.parent is not None and node.parent.level != Level.PROVINCE else node
            assert host is not None
            if node.kind == Kind.ENTERPRISE:
                uid = add(host, node, int(rng.lognormvariate(4.3, 1.0)) + 5)
                if rng.random() < 0.35:
                    contracts.append((len(contracts) + 1, "single", f"合同{uid}", node.id, "", dt.date(2012, 7, 1),
                                      dt.date(2015, 6, 30), None, 0, "", None, now))  # fmt: skip
                    links.append((len(contracts), uid))
            else:
                for _ in range(rng.randint(3, 6)):
                    add(host, node, rng.randint(5, 60))
        elif node.level in (Level.TOWN, Level.COUNTY):
            for _ in range(rng.randint(5, 30)):
                add(node, None, rng.choice([6, 12, 20, 24, 26, 35, 50, 80, 150]))
    for town_id, uids in by_town.items():
        contracts.append((len(contracts) + 1, "regional", f"区域性合同{town_id}", town_id, "", dt.date(2013, 1, 1),
                          dt.date(2015, 12, 31), None, 0, "", None, now))  # fmt: skip
        links.extend((len(contracts), uid) for uid in uids[:10])

    with transaction.atomic(), connection.cursor() as cur:
        raw = cur.cursor
        with raw.copy(
            "COPY units_unit (id, credit_code, name, industry, unit_type, address, division, employees, women, "
            "migrants, registered_org_id, covering_org_id, org_id, status, status_since, created_at, updated_at) "
            "FROM STDIN"
        ) as copy:
            for row in units:
                copy.write_row(row)
        with raw.copy(
            "COPY units_unitversion (unit_id, org_id, registered_org_id, covering_org_id, employees, women, "
            "migrants, status, valid_from, valid_to) FROM STDIN"
        ) as copy:
            for row in versions:
                copy.write_row(row)
        with raw.copy(
            "COPY units_collectivecontract (id, kind, title, org_id, industry, signed_on, expires_on, ended_on, "
            "workers_covered, note, created_by_id, created_at) FROM STDIN"
        ) as copy:
            for row in contracts:
                copy.write_row(row)
        with raw.copy(
            "COPY units_collectivecontract_units (collectivecontract_id, unit_id) FROM STDIN"
        ) as copy:
            for row in links:
                copy.write_row(row)
        for table in ("units_unit", "units_unitversion", "units_collectivecontract"):
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    with connection.cursor() as cur:
        for table in (
            "units_unit",
            "units_unitversion",
            "units_collectivecontract",
            "units_collectivecontract_units",
        ):
            cur.execute(f"VACUUM ANALYZE {table}")
    return {"units": len(units), "versions": len(versions), "contracts": len(contracts), "links": len(links)}


def per_child(org: Any, on: dt.date, threshold: int = 25) -> list[Any]:
    """The peer: the same figures, one aggregate query per child (and one for the org itself)."""
    from gonghui.orgs.models import Org
    from gonghui.units.report import _aggregate, _versions_on

    out = []
    for child in list(Org.objects.filter(parent=org).order_by("path")):
        qs = _versions_on(on).filter(org__path__startswith=child.path)
        out.append(list(_aggregate(qs, on=on, threshold=threshold)))
    qs = _versions_on(on).filter(org_id=org.pk)
    out.append(list(_aggregate(qs, on=on, threshold=threshold)))
    return out


def explain_report(org: Any) -> None:
    """EXPLAIN ANALYZE of the report's grouped query for `org`."""
    from django.db.models.functions import Substr

    from gonghui.orgs.models import SEGMENT
    from gonghui.units.report import _aggregate, _versions_on

    qs = _versions_on(ON).filter(org__path__startswith=org.path)
    qs = qs.annotate(bucket=Substr("org__path", 1, len(org.path) + SEGMENT))
    sql, params = _aggregate(qs, "bucket", on=ON, threshold=25).query.sql_with_params()
    print(f"--- EXPLAIN ANALYZE, report of {org.name}")
    for line in tree_bench.explain(sql, params, analyze=True):
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--record", action="store_true", help="append the figures to bench/RESULTS.md")
    parser.add_argument("--no-peer", action="store_true", help="skip the query-per-child peer (slow)")
    parser.add_argument(
        "--peer-max-children",
        type=int,
        default=100,
        help="time the peer only where there are at most this many children",
    )
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of the report query")
    parser.add_argument("--profile", action="store_true", help="print where the time of a town's report goes")
    args = parser.parse_args()
    started = time.monotonic()
    with tree_bench.tree_loaded(args.nodes, 10_000, args.seed) as tree:
        sizes = load_units(tree, args.seed)
        loaded = time.monotonic() - started
        from gonghui.orgs.models import Level, Org, OrgEvent
        from gonghui.units.report import two_universal_report

        province = Org.objects.get(parent__isnull=True)
        sizes_by_city = Counter(n.path[:8] for n in tree.nodes if len(n.path) > 8)
        biggest = max(tree.cities.values(), key=lambda c: sizes_by_city[c.path])
        subjects = [
            ("province", province),
            ("biggest city", Org.objects.get(pk=biggest.id)),
            ("a county", Org.objects.filter(level=Level.COUNTY).order_by("-child_count").first()),
            ("a town", Org.objects.filter(level=Level.TOWN).order_by("-child_count").first()),
        ]
        print(f"machine: {tree_bench.machine()}", flush=True)
        print(f"data: {args.nodes:,} unions; {sizes['units']:,} units, {sizes['versions']:,} versions, "
              f"{sizes['contracts']:,} contracts ({sizes['links']:,} unit links); loaded in {loaded:.0f} s",
              flush=True)  # fmt: skip
        rows = []
        for label, org in subjects:
            assert org is not None
            ours = tree_bench.timed(
                lambda _i, o=org: two_universal_report(actor=None, org=o, on=ON), args.runs, 1
            )
            children = Org.objects.filter(parent=org).count()
            # A query per child takes minutes where there are a thousand children: skipped there.
            peer_runs = max(3, args.runs // 2)
            skip_peer = args.no_peer or children > args.peer_max_children
            peer = None if skip_peer else tree_bench.timed(lambda _i, o=org: per_child(o, ON), peer_runs, 0)
            report = two_universal_report(actor=None, org=org, on=ON)
            name = f"{label}: {org.name} ({children:,} children, {report.total.units:,} units)"
            rows.append((name, ours, peer))
            print(f"  {name}: ours {ours}, query per child {peer} ({peer_runs} runs)", flush=True)
        if args.explain:
            for _label, org in subjects:
                explain_report(org)
        if args.profile:
            import cProfile
            import pstats

            from django.db import connection, reset_queries
            from django.test.utils import CaptureQueriesContext

            town = subjects[-1][1]
            with CaptureQueriesContext(connection) as queries:
                cProfile.runctx(
                    "two_universal_report(actor=None, org=town, on=ON)", globals(), locals(), "/tmp/ur.prof"
                )
            for q in queries.captured_queries:
                print(f"{float(q['time']) * 1000:8.1f} ms  {q['sql'][:150]}")
            pstats.Stats("/tmp/ur.prof").sort_stats("cumulative").print_stats(25)
            reset_queries()
        # A union moved after D: the report rebuilds the tree of that date.
        event = OrgEvent.objects.create(org=province, kind="moved", on=dt.date.today())
        hist = tree_bench.timed(
            lambda _i: two_universal_report(actor=None, org=province, on=ON), max(3, args.runs // 2), 1
        )
        assert two_universal_report(actor=None, org=province, on=ON).historical
        event.delete()
        rows.append(("province, date before a structural change (tree of that date)", hist, None))
        total = two_universal_report(actor=None, org=province, on=ON).total
        print(f"server: {tree_bench.server_info()}")
        print(f"province on {ON}: 建会率 {total.union_rate}% ({total.built:,}/{total.should:,}), "
              f"单位覆盖率 {total.contract_unit_rate}%")  # fmt: skip
        print("| report | ours median / p95 ms | query per child median / p95 ms |")
        print("| --- | ---: | ---: |")
        for label, ours, peer in rows:
            print(f"| {label} | {ours} | {peer if peer else '—'} |")
        if args.record:
            with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as f:
                f.write(
                    f"\n## {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} — bench/units_report.py\n\n"
                )
                f.write(f"- machine: {tree_bench.machine()}\n- data: {args.nodes:,} unions, {sizes}\n\n")
                f.write(
                    "| report | ours median / p95 ms | query per child median / p95 ms |\n| --- | ---: | ---: |\n"
                )
                for label, ours, peer in rows:
                    f.write(f"| {label} | {ours} | {peer if peer else '—'} |\n")
        if args.json:
            print(json.dumps({label: {"ours": o.as_dict(), "peer": p.as_dict() if p else None} for label, o, p in rows},
                             ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()
