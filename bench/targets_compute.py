"""Benchmark a month's computed indicators for every union of a province, on PostgreSQL.

    .venv/bin/python bench/targets_compute.py [--nodes 200000] [--sample 300]

Data: the Guangdong-shaped tree of bench/tree.py and the units register of bench/units_report.py
(about two units per grassroots union, contracts), plus one closed rights case for every tenth
grassroots union. Every union holds one target for each of four computed indicators (建会率,
集体合同单位覆盖率, 维权案件结案数, 挽回经济损失).

Measured in the same run:
- ours: `targets_compute` for June 2013 over every target (one grouped pass per source, the
  values and flags written in bulk);
- the per-union loop: each source asked per union (the module's own report for that union),
  timed on a random sample of unions and scaled to all of them (the whole loop takes hours).

Without DATABASE_URL a throwaway PostgreSQL 15 cluster is used (fsync off).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tree as tree_bench  # bench/tree.py: the tree, the database, the timer
import units_report  # bench/units_report.py: the units register

YEAR, MONTH = 2013, 6
KEYS = ("units.union_rate", "units.contract_unit_rate", "services.cases_closed", "services.recovered")


def load_targets(seed: int) -> int:
    from gonghui.orgs.models import Level, Org
    from gonghui.services.models import RightsCase
    from gonghui.targets.models import Indicator, Target

    rng = random.Random(seed)
    province = Org.objects.get(parent__isnull=True)
    grassroots = list(Org.objects.filter(level=Level.GRASSROOTS).values_list("pk", flat=True))
    RightsCase.objects.bulk_create(
        [
            RightsCase(
                org_id=pk, number=f"B{pk}", category="wages", intake_on=dt.date(YEAR, 3, 1), summary="欠薪",
                parties=rng.randint(1, 30), stage="closed", outcome="resolved", closed_on=dt.date(YEAR, 5, 1),
                amount_recovered=Decimal(rng.randint(1000, 90000)),
            )
            for pk in grassroots[::10]
        ],
        batch_size=5000,
    )  # fmt: skip
    org_ids = list(Org.objects.values_list("pk", flat=True))
    made = 0
    for key in KEYS:
        indicator = Indicator.objects.create(org=province, name=key, unit="%", source=key)
        Target.objects.bulk_create(
            [
                Target(indicator=indicator, org_id=pk, year=YEAR, value=90, owner_name="看管人")
                for pk in org_ids
            ],
            batch_size=10000,
        )
        made += len(org_ids)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=300, help="unions timed in the per-union loop")
    parser.add_argument("--profile", action="store_true", help="print where the time of ours goes")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    args = parser.parse_args()
    started = time.monotonic()
    load_at_start = tree_bench.load_average()
    with tree_bench.tree_loaded(args.nodes, min(10_000, args.nodes // 4), args.seed) as tree:
        sizes = units_report.load_units(tree, args.seed)
        targets = load_targets(args.seed)
        from django.db import connection

        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE")
        loaded = time.monotonic() - started
        from gonghui.orgs.models import Org
        from gonghui.targets import sources
        from gonghui.targets.actions import targets_compute

        print(f"machine: {tree_bench.machine()}", flush=True)
        print(
            f"data: {args.nodes:,} unions, {sizes['units']:,} units, {targets:,} targets; loaded in {loaded:.0f} s"
        )
        t0 = time.perf_counter()
        if args.profile:
            import cProfile
            import logging

            logging.basicConfig(format="%(message)s")
            logging.getLogger("gonghui.targets.actions.compute").setLevel(logging.DEBUG)
            import pstats

            profiler = cProfile.Profile()
            n = profiler.runcall(targets_compute, actor=None, year=YEAR, month=MONTH)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        else:
            n = targets_compute(actor=None, year=YEAR, month=MONTH)
        ours = time.perf_counter() - t0
        print(
            f"ours: targets_compute for {n:,} targets (every union, {len(KEYS)} indicators): {ours:.1f} s",
            flush=True,
        )

        orgs = list(Org.objects.all())
        sample = random.Random(args.seed).sample(orgs, min(args.sample, len(orgs)))
        sources.BATCH_FROM = 10**9  # the per-union path for every union
        t0 = time.perf_counter()
        for key in KEYS:
            for org in sample:
                sources.compute(key, [org], YEAR, MONTH)
        loop = time.perf_counter() - t0
        scaled = loop / len(sample) * len(orgs)
        print(
            f"per-union loop: {loop:.1f} s for {len(sample)} unions × {len(KEYS)} indicators "
            f"→ {scaled:,.0f} s for all {len(orgs):,} unions (values only, nothing written)",
            flush=True,
        )
        print(f"verdict: ours {ours:.1f} s (target ≤ 60 s), {scaled / ours:,.0f}× faster than the loop")
        load_at_end = tree_bench.load_average()
        print(f"load average: {load_at_start} at the start, {load_at_end} at the end (2 cores, shared)")
        if not args.no_record and not args.profile:
            lines = [
                tree_bench.machine_and_server(),
                f"- data: {args.nodes:,} unions (bench/tree.py), {sizes['units']:,} units (bench/units_report.py), "
                f"one closed rights case per tenth grassroots union, {targets:,} targets "
                f"({len(KEYS)} computed indicators × every union); seed {args.seed}",
                f"- load average {load_at_start} at the start, {load_at_end} at the end (other work on the "
                "machine inflates every figure)\n",
                "| | seconds | note |",
                "| --- | ---: | --- |",
                f"| ours: `targets_compute` for June 2013 | {ours:.1f} | {n:,} targets filled, flags and warnings "
                "written (set-based on PostgreSQL) |",
                f"| peer: each source asked per union | {scaled:,.0f} | {loop:.1f} s for a random {len(sample)} "
                f"unions × {len(KEYS)} indicators, scaled to {len(orgs):,} (values only, nothing written) |",
                "",
                f"- goal ≤ 60 s at 200,000 unions: {'met' if ours <= 60 and args.nodes >= 200_000 else 'not met' if args.nodes >= 200_000 else f'measured at {args.nodes:,} unions only'}; "
                f"{scaled / ours:,.0f}× faster than the per-union loop",
                "",
            ]
            tree_bench.record_results("targets_compute.py", lines)


if __name__ == "__main__":
    main()
