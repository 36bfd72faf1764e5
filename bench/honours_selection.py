"""Benchmark a province-wide selection round (评选) with places at every level, on PostgreSQL.

    .venv/bin/python bench/honours_selection.py [--nodes 200000] [--runs 5] [--no-record]

Data: the Guangdong-shaped tree of bench/tree.py, loaded with its own loader. The province opens
a 省劳动模范 round (the real `round_open`); places are allotted at every level below it — two to
every town, to every county the sum of its towns', to every city the sum of its counties' and
towns' — and every town's grassroots unions put three candidates forward, so that every town
has one more than it may pass up. The nominations stand where a selection half-way through
leaves them: some still at their town, some passed to their county, to their city, some
already chosen by the province.

Measured in the same run, on the same round:
- ours: the round's ledger of places as the province's officer opens it (`selectors.quotas_of`:
  every union holding places, with how many it has passed up), one pass over the nominations;
- the peer: the same ledger counted per union (`rules.passed(round, org).count()` for each holder,
  how the pages counted before);
- a review step: the real `nomination_recommend` of a nomination waiting at a town (lock the
  round, check the town's places and the round's conditions, the review row, the step and its
  audit row), beside the floor of the same nomination's row update alone in its own transaction.

Without DATABASE_URL a throwaway PostgreSQL 15 cluster is used (fsync off).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tree as tree_bench  # bench/tree.py: the tree, the database, the machine

YEAR = 2026


def load_round(tree: tree_bench.Tree, seed: int) -> tuple[Any, Any, list[int], dict[str, int]]:
    """The round, the province's officer, the nominations waiting at a town, and the sizes."""
    from django.db import transaction

    from gonghui.accounts.actions import role_grant, user_create
    from gonghui.honours import actions
    from gonghui.honours.kinds import catalogue_ensure
    from gonghui.honours.models import HonourKind, Nomination, Quota, Round
    from gonghui.kernel import cleaning
    from gonghui.orgs.models import Org

    rng = random.Random(seed)
    catalogue_ensure()
    province = Org.objects.get(parent__isnull=True)
    officer = user_create(actor=None, username="province-officer", password="bench-password-2026")
    role_grant(actor=None, user=officer, org=province, kind="admin")
    children: dict[int, list[tree_bench.Node]] = defaultdict(list)
    for n in tree.nodes:
        if n.parent is not None:
            children[n.parent.id].append(n)
    places: dict[int, int] = {}
    for town in tree.towns:
        places[town.id] = 2
    for county in tree.counties.values():
        places[county.id] = sum(places.get(c.id, 0) for c in children[county.id])
    for city in tree.cities.values():
        places[city.id] = sum(places.get(c.id, 0) for c in children[city.id])
    total = sum(places[c.id] for c in tree.cities.values())
    round = actions.round_open(
        actor=officer, org=province, kind=HonourKind.objects.get(org=None, name="省劳动模范"),
        title=f"广东省{YEAR}年劳动模范评选", year=YEAR, places=total,
        nominate_until=cleaning.today() + dt.timedelta(days=30), frontline_min_pct=70, leaders_max=total // 10,
    )  # fmt: skip
    Quota.objects.bulk_create(
        [Quota(round=round, org_id=pk, places=n) for pk, n in places.items() if n], batch_size=5000
    )

    def holder_above(node: tree_bench.Node) -> tree_bench.Node:
        up = node.parent
        while up is not None and up.parent is not None and places.get(up.id, 0) == 0:
            up = up.parent
        assert up is not None
        return up

    rows: list[Nomination] = []
    for town in tree.towns:
        grassroots = [c for c in children[town.id] if c.level == "grassroots"][:3]
        for i, g in enumerate(grassroots):
            # Where a half-way selection leaves it: the first candidate of most towns has moved on.
            at, state = town, "reviewing"
            if i == 0:
                luck = rng.random()
                county_or_city = holder_above(town)
                city = holder_above(county_or_city) if county_or_city.parent is not None else county_or_city
                if luck < 0.5:
                    at = county_or_city
                elif luck < 0.75:
                    at = city if city.parent is not None else county_or_city
                elif luck < 0.8:
                    at, state = tree.nodes[0], "selected"
            rows.append(
                Nomination(
                    round=round, org_id=g.id, at_id=at.id, state=state, name=f"候选人{g.id}", sex=rng.choice("男女"),
                    unit=g.name.removesuffix("工会"), job="一线职工", frontline=rng.random() < 0.85,
                    deeds="扎根生产一线，牵头技术攻关，带徒传技。",
                )
            )  # fmt: skip
    with transaction.atomic():
        Nomination.objects.bulk_create(rows, batch_size=5000)
    waiting = list(
        Nomination.objects.filter(round=round, state="reviewing", at__level="town").values_list(
            "pk", flat=True
        )
    )
    round = Round.objects.get(pk=round.pk)
    sizes = {"quotas": len([n for n in places.values() if n]), "nominations": len(rows), "places": total}
    return round, officer, waiting, sizes


def timed(fn: Any, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, round(0.95 * len(xs)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reviews", type=int, default=40, help="review steps timed")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()
    load_at_start = tree_bench.load_average()
    with tree_bench.tree_loaded(args.nodes, min(10_000, args.nodes // 4), args.seed) as tree:
        round, officer, waiting, sizes = load_round(tree, args.seed)
        from django.db import connection, transaction

        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE")
        loaded = time.monotonic() - started
        from gonghui.honours import actions, rules, selectors
        from gonghui.honours.models import Nomination, Quota

        print(f"machine: {tree_bench.machine()}", flush=True)
        print(
            f"data: {args.nodes:,} unions, {sizes['quotas']:,} unions holding places ({sizes['places']:,} in all), "
            f"{sizes['nominations']:,} nominations; loaded in {loaded:.0f} s",
            flush=True,
        )

        ledger: list[dict[str, Any]] = []

        def ours() -> None:
            ledger[:] = selectors.quotas_of(round, actor=officer)

        ours_ms = timed(ours, args.runs)
        quotas = list(Quota.objects.filter(round=round).select_related("org").order_by("org__path"))
        peer_counts: dict[int, int] = {}

        def peer() -> None:
            for q in quotas:
                peer_counts[q.org_id] = rules.passed(round, q.org).count()

        peer_ms = timed(peer, max(1, args.runs // 2))
        assert {r["org"].pk: r["used"] for r in ledger} == peer_counts, "the ledger disagrees with the peer"
        print(f"ledger of places ({len(ledger):,} unions): ours median {statistics.median(ours_ms):.1f} ms, "
              f"peer median {statistics.median(peer_ms):.1f} ms", flush=True)  # fmt: skip

        sample = random.Random(args.seed).sample(waiting, min(args.reviews, len(waiting)))
        review_ms: list[float] = []
        floor_ms: list[float] = []
        for pk in sample:
            nomination = Nomination.objects.select_related("round", "at").get(pk=pk)
            t0 = time.perf_counter()
            try:
                actions.nomination_recommend(actor=officer, nomination=nomination)
            except Exception as exc:  # a town over its places refuses: that is a review too
                print(f"  refused: {exc}")
            review_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            with transaction.atomic():
                Nomination.objects.filter(pk=pk).update(at_id=nomination.at_id)
            floor_ms.append((time.perf_counter() - t0) * 1000)
        print(f"review step: ours median {statistics.median(review_ms):.1f} ms, p95 {p95(review_ms):.1f} ms; "
              f"floor median {statistics.median(floor_ms):.2f} ms", flush=True)  # fmt: skip
        load_at_end = tree_bench.load_average()
        print(f"load average: {load_at_start} at the start, {load_at_end} at the end (2 cores, shared)")
        if args.no_record:
            return
        lines = [
            tree_bench.machine_and_server(),
            f"- data: {args.nodes:,} unions (bench/tree.py); a province round of 省劳动模范 with places at every "
            f"level: {sizes['quotas']:,} unions holding places ({sizes['places']:,} places), "
            f"{sizes['nominations']:,} nominations (three per town, half-way through the reviews); seed {args.seed}",
            f"- load average {load_at_start} at the start, {load_at_end} at the end (other work on the machine "
            "inflates every figure)\n",
            "| measure | ours median / p95 ms | runs | peer or floor | median / p95 ms |",
            "| --- | ---: | ---: | --- | ---: |",
            f"| the round's ledger of places, as the province opens it ({len(ledger):,} unions) | "
            f"{statistics.median(ours_ms):.1f} / {p95(ours_ms):.1f} | {len(ours_ms)} | peer: counted per union "
            f"(`rules.passed().count()` each) | {statistics.median(peer_ms):.1f} / {p95(peer_ms):.1f} |",
            f"| a town's review step (`nomination_recommend`, whole transaction) | {statistics.median(review_ms):.1f} "
            f"/ {p95(review_ms):.1f} | {len(review_ms)} | floor: the row's update alone | "
            f"{statistics.median(floor_ms):.2f} / {p95(floor_ms):.2f} |",
            "",
        ]
        tree_bench.record_results("honours_selection.py", lines)


if __name__ == "__main__":
    main()
