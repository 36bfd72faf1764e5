"""The ledgers at provincial scale on PostgreSQL: 200,000 unions and millions of members.

    .venv/bin/python bench/ledger_scale.py [--nodes 200000] [--members 22000000] [--runs 20] [--record] [--json]

Data: the Guangdong-shaped tree of bench/tree.py, the units and contracts of
bench/units_report.py, then `--members` members spread over the grassroots unions (93 % active,
4 % 保留会籍, 3 % left). Members are written with SQL on the server (10,000 real encrypted ID
numbers and phones reused, a unique blind index per row), with the register's indexes built
after the load, as a bulk load would; then the per-union tallies are rebuilt once (timed).

Measured, each beside a peer in the same run (median / p95 ms):
- "两个普遍" for the whole province by city: ours (`two_universal_report`, from the tallies);
  the same report computed from the register (what it does on a day without fresh tallies);
  a naive join of members and unions grouped by city (members only).
- a subtree (the biggest city, a county, a town): ours (the report from the tallies, and the
  subtree's member count from its tally row) beside the report from the register and a naive
  COUNT of the subtree's members.
- the member list of the province officer, first and 1,000th page (50 rows): ours (keyset on
  id, `member_list_for_actor`) beside Django's Paginator on the same queryset (COUNT + OFFSET,
  what the admin changelist and ListView do).

Without DATABASE_URL a throwaway PostgreSQL 15 cluster is used (fsync off). Prints the figures;
with --record also appends them to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tree as tree_bench  # bench/tree.py: the tree, the database, the timer
import units_report  # bench/units_report.py: the units and contracts

ROOT = tree_bench.ROOT
ON = units_report.ON
DISTINCT_SECRETS = 10_000
CHUNK = 2_000_000


def _secrets(seed: int) -> tuple[list[str], list[str]]:
    """Real ciphertexts (the list page decrypts and masks them), reused across rows."""
    from gonghui.kernel.codes import id_number_make
    from gonghui.kernel.crypto import encrypt

    ids, phones = [], []
    for i in range(DISTINCT_SECRETS):
        born = dt.date(1965, 1, 1) + dt.timedelta(days=(i * 37 + seed) % 12_000)
        ids.append(encrypt(id_number_make("440105", born, i % 1000)))
        phones.append(encrypt(f"138{i:08d}"))
    return ids, phones


def load_members(n: int, seed: int, progress: Any = print) -> dict[str, float]:
    """`n` members written on the server in chunks, indexes dropped during the load."""
    from django.db import connection

    from gonghui.members.models import Member

    table = Member._meta.db_table
    ids, phones = _secrets(seed)
    timings: dict[str, float] = {}
    with connection.cursor() as cur:
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE '%%_pkey'",
            [table],
        )
        indexes = cur.fetchall()
        for name, _definition in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        cur.execute("CREATE TEMP TABLE bench_unions AS SELECT row_number() OVER (ORDER BY path) AS k, id "
                    "FROM orgs_org WHERE level = 'grassroots'")  # fmt: skip
        cur.execute("CREATE UNIQUE INDEX ON bench_unions (k)")
        # Ciphertexts by key: a join per row, not an array walked per row.
        cur.execute("CREATE TEMP TABLE bench_secrets (k integer PRIMARY KEY, id_number text, phone text)")
        with cur.cursor.copy("COPY bench_secrets (k, id_number, phone) FROM STDIN") as copy:
            for k, (a, b) in enumerate(zip(ids, phones, strict=True)):
                copy.write_row((k, a, b))
        cur.execute("ANALYZE bench_secrets")
        cur.execute("SELECT count(*) FROM bench_unions")
        unions = int(cur.fetchone()[0])
        # Foreign keys were checked when the unions were written; skip the per-row triggers.
        cur.execute("SET session_replication_role = replica")
        started = time.perf_counter()
        for first in range(1, n + 1, CHUNK):
            last = min(n, first + CHUNK - 1)
            cur.execute(
                f"""
                INSERT INTO {table} (org_id, name, sex, birth_date, id_number, id_number_bidx, phone,
                    phone_bidx, ethnicity, education, political_status, employment_status, hukou_type,
                    migrant_worker, employer_name, employer_credit_code, card_no, join_date, status,
                    status_since, created_at, updated_at)
                SELECT u.id,
                       (ARRAY['张','王','李','赵','陈','刘','黄','周','吴','林'])[1 + g %% 10]
                         || (ARRAY['伟','芳','娜','敏','静','强','磊','洋','艳','军'])[1 + (g / 10) %% 10],
                       CASE WHEN g %% 2 = 0 THEN '男' ELSE '女' END,
                       DATE '1965-01-01' + (g %% 12000)::int,
                       s.id_number,
                       md5('id' || g::text)::uuid,
                       s.phone,
                       md5('ph' || g::text)::uuid,
                       '01', '61', '群众', '在岗', '农业', g %% 3 = 0, '单位' || (g %% 100000)::text, '', '',
                       DATE '2005-01-01' + (g %% 2900)::int,
                       CASE WHEN g %% 100 < 93 THEN 'active' WHEN g %% 100 < 97 THEN 'retained' ELSE 'left' END,
                       DATE '2012-01-01' + (g %% 500)::int,
                       now(), now()
                FROM generate_series(%s::bigint, %s::bigint) AS g
                JOIN bench_unions u ON u.k = 1 + (g * 7919) %% {unions}
                JOIN bench_secrets s ON s.k = (g %% {DISTINCT_SECRETS})::int
                """,
                [first, last],
            )
            progress(f"  members: {last:,} / {n:,} ({time.perf_counter() - started:.0f} s)")
        cur.execute("SET session_replication_role = origin")
        timings["insert_s"] = time.perf_counter() - started
        started = time.perf_counter()
        cur.execute("SET maintenance_work_mem = '1GB'")
        cur.execute("SET max_parallel_maintenance_workers = 2")
        for name, definition in indexes:
            cur.execute(definition)
            progress(f"  index {name}: {time.perf_counter() - started:.0f} s")
        timings["indexes_s"] = time.perf_counter() - started
        started = time.perf_counter()
        cur.execute(f"VACUUM ANALYZE {table}")
        timings["vacuum_s"] = time.perf_counter() - started
        cur.execute(f"SELECT pg_total_relation_size('{table}')")
        timings["size_gib"] = int(cur.fetchone()[0]) / 2**30
    return timings


def naive_by_city() -> list[Any]:
    """The peer: members joined to their unions and grouped by city, straight from the register."""
    from django.db.models import Count
    from django.db.models.functions import Substr

    from gonghui.members.choices import COUNTED
    from gonghui.members.models import Member

    return list(
        Member.objects.filter(status__in=list(COUNTED))
        .annotate(city=Substr("org__path", 1, 8))
        .values("city")
        .annotate(n=Count("id"))
        .order_by()
    )


def naive_subtree_count(org: Any) -> int:
    from gonghui.members.choices import COUNTED
    from gonghui.members.models import Member

    return Member.objects.filter(status__in=list(COUNTED), org__path__startswith=org.path).count()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--members", type=int, default=22_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--peer-runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--record", action="store_true", help="append the figures to bench/RESULTS.md")
    args = parser.parse_args()
    started = time.monotonic()
    with tree_bench.tree_loaded(args.nodes, 10_000, args.seed) as tree:
        sizes: dict[str, Any] = units_report.load_units(tree, args.seed)
        print(f"tree and units loaded in {time.monotonic() - started:.0f} s", flush=True)
        sizes.update(load_members(args.members, args.seed, progress=lambda s: print(s, flush=True)))
        loaded = time.monotonic() - started

        from unittest import mock

        from django.core.paginator import Paginator

        from gonghui.accounts.actions import role_grant, user_create
        from gonghui.members.selectors import member_list_for_actor, member_queryset_for_actor
        from gonghui.orgs.models import Level, Org
        from gonghui.units.report import two_universal_report
        from gonghui.units.tally import tally_rebuild, tally_subtree_members

        t = time.perf_counter()
        state = tally_rebuild(on=ON)
        rebuild_s = time.perf_counter() - t
        province = Org.objects.get(parent__isnull=True)
        officer = user_create(
            actor=None, username="bench_province", password="bench-password-2026", full_name="省总"
        )
        role_grant(actor=None, user=officer, org=province, kind="admin")
        sizes_by_city = Counter(n.path[:8] for n in tree.nodes if len(n.path) > 8)
        biggest = Org.objects.get(pk=max(tree.cities.values(), key=lambda c: sizes_by_city[c.path]).id)
        county = (
            Org.objects.filter(level=Level.COUNTY, path__startswith=biggest.path)
            .order_by("-child_count")
            .first()
        )
        town = (
            Org.objects.filter(level=Level.TOWN, path__startswith=biggest.path)
            .order_by("-child_count")
            .first()
        )
        assert county is not None and town is not None

        def report(org: Any) -> Any:
            r = two_universal_report(actor=None, org=org, on=ON)
            assert not r.historical
            return r

        def from_register(org: Any) -> Any:
            with mock.patch("gonghui.units.report.tally_fresh", return_value=False):
                return two_universal_report(actor=None, org=org, on=ON)

        # The figures agree before anything is timed.
        ours_total, register_total = report(province).total, from_register(province).total
        assert ours_total == register_total, (ours_total, register_total)
        assert tally_subtree_members(biggest) == naive_subtree_count(biggest)
        members_total = ours_total.members

        print(f"machine: {tree_bench.machine()}", flush=True)
        print(f"server: {tree_bench.server_info()}", flush=True)
        print(f"data: {args.nodes:,} unions, {args.members:,} members ({members_total:,} counted on {ON}), "
              f"{sizes['units']:,} units; loaded in {loaded:.0f} s; tallies rebuilt in {rebuild_s:.1f} s",
              flush=True)  # fmt: skip
        rows: list[tuple[str, Any, str, Any]] = []

        def measure(label: str, ours: Any, peer_label: str, peer: Any) -> None:
            o = tree_bench.timed(lambda _i: ours(), args.runs, 2)
            p = tree_bench.timed(lambda _i: peer(), args.peer_runs, 0) if peer is not None else None
            rows.append((label, o, peer_label, p))
            print(f"  {label}: ours {o}; {peer_label} {p if p else '—'}", flush=True)

        measure("province 两个普遍 by city (21 cities)", lambda: report(province),
                "same report from the register", lambda: from_register(province))  # fmt: skip
        measure("province members by city", lambda: report(province),
                "naive join + GROUP BY city", naive_by_city)  # fmt: skip
        for label, org in (("biggest city", biggest), ("a county", county), ("a town", town)):
            measure(f"{label} 两个普遍 ({org.name}, {org.child_count:,} children)", lambda o=org: report(o),
                    "same report from the register", lambda o=org: from_register(o))  # fmt: skip
            measure(f"{label} member count", lambda o=org: tally_subtree_members(o),
                    "naive COUNT of the subtree", lambda o=org: naive_subtree_count(o))  # fmt: skip

        qs = member_queryset_for_actor(actor=officer).order_by("id")
        page_1000_after = qs.values_list("id", flat=True)[999 * 50 - 1]

        def paginator(number: int) -> list[Any]:
            return list(Paginator(member_queryset_for_actor(actor=officer).order_by("id"), 50).page(number))

        measure("member list, first page", lambda: member_list_for_actor(actor=officer),
                "Paginator (COUNT + OFFSET)", lambda: paginator(1))  # fmt: skip
        measure("member list, 1,000th page",
                lambda: member_list_for_actor(actor=officer, after=page_1000_after),
                "Paginator (COUNT + OFFSET)", lambda: paginator(1000))  # fmt: skip
        ours_page = member_list_for_actor(actor=officer, after=page_1000_after)[0]
        assert [m.pk for m in ours_page] == [m.pk for m in paginator(1000)]

        print("| measure | ours median / p95 ms | peer | peer median / p95 ms |")
        print("| --- | ---: | --- | ---: |")
        for label, o, peer_label, p in rows:
            print(f"| {label} | {o} | {peer_label} | {p if p else '—'} |")
        summary = {
            "unions": args.nodes, "members": args.members, "counted": members_total,
            "rebuild_seconds": round(rebuild_s, 2), "tally_state_seconds": round(state.seconds, 2),
            **{k: round(v, 2) if isinstance(v, float) else v for k, v in sizes.items()},
        }  # fmt: skip
        if args.record:
            with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as f:
                f.write(
                    f"\n## {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} — bench/ledger_scale.py\n\n"
                )
                f.write(f"- machine: {tree_bench.machine()}\n- data: {summary}\n\n")
                f.write("| measure | ours median / p95 ms | peer | peer median / p95 ms |\n")
                f.write("| --- | ---: | --- | ---: |\n")
                for label, o, peer_label, p in rows:
                    f.write(f"| {label} | {o} | {peer_label} | {p if p else '—'} |\n")
        if args.json:
            print(json.dumps({"summary": summary, "rows": [
                {"measure": label, "ours": o.as_dict(), "peer": peer_label, "peer_ms": p.as_dict() if p else None}
                for label, o, peer_label, p in rows]}, ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()
