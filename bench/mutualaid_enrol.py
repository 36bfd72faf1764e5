"""Benchmark a county's year-start mutual aid round on PostgreSQL: many units enrolled at once.

    .venv/bin/python bench/mutualaid_enrol.py [--members 100000] [--unions 2000] [--sample 20]

1. Builds the tree and the register with the project's own loaders: province → 广州市 → 海珠区 →
   a street → N grassroots unions (`bench/import_members.py`), and an M-row member ledger of
   Guangdong shape imported through the real member import (`gonghui.members.importing`).
   The plans are installed as the demo installs them (`gonghui.mutualaid.plans`).
2. Ours: `enrolment_units` enrols every qualifying in-service member of every union in the
   medical plan for the year, as the county's administrator: the group rule (60% / 10 people /
   everyone in a small unit), age on the cover date, one share per person, plan and year across
   the province (the blind index's unique index), each enrolment handed in with its audit row.
3. Measured in the same run, beside it:
   - the per-member loop: the same writes one member at a time through the module's own actions
     (`enrolment_create`, `enrolment_add` with one member, `enrolment_submit`), on a sample of
     unions, rolled back, scaled to all the members;
   - the floor: read the same members' columns from the register and COPY the same lines (and
     enrolments) as they were written into unindexed tables: what no enrolment can beat.

Without DATABASE_URL a throwaway PostgreSQL 15 cluster is used (fsync off). Prints the figures,
appends them to bench/RESULTS.md (unless --no-record).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import import_members as im  # bench/import_members.py: the database, the tree, the machine

GOAL_SECONDS = 30.0


def load(args: argparse.Namespace, tmp: str) -> tuple[Any, Any, list[Any], Any]:
    from gonghui.members.importing import run_import
    from gonghui.members.testing import ledger_rows, write_xlsx
    from gonghui.mutualaid.plans import plans_install
    from gonghui.orgs.models import Org

    county, admin, names = im.setup_tree(args.unions)
    path = Path(tmp) / "海珠区总工会会员花名册.xlsx"
    write_xlsx(path, ledger_rows(args.members, unions=names, seed=args.seed), title="会员花名册")
    result = run_import(actor=admin, org=county, path=path, original_name=path.name)
    if not result.committed or result.imported != args.members:
        raise SystemExit(f"the member import did not take every row: {result.summary()}")
    province = Org.objects.get(parent__isnull=True)
    plan = next(p for p in plans_install(actor=None, org=province) if p.code == "gd-medical")
    unions = list(Org.objects.filter(level="grassroots").order_by("path"))
    return county, admin, unions, plan


def per_member_loop(admin: Any, plan: Any, year: int, unions: list[Any]) -> tuple[float, int]:
    """The same round one member at a time through the module's actions; rolled back."""
    from django.db import transaction

    from gonghui.kernel.errors import Refused
    from gonghui.mutualaid import actions
    from gonghui.mutualaid.models import Line
    from gonghui.mutualaid.selectors import in_service_members

    people = 0
    t = time.perf_counter()
    with transaction.atomic():
        for org in unions:
            e = actions.enrolment_create(actor=admin, org=org, plan=plan, year=year)
            for m in in_service_members(org).order_by("id"):
                people += 1
                with contextlib.suppress(Refused):  # too old, or taken: left out, as the round does
                    actions.enrolment_add(actor=admin, enrolment=e, members=[m], healthy_confirmed=True)
            try:
                actions.enrolment_submit(actor=admin, enrolment=e)
            except Refused:
                actions.enrolment_cancel(actor=admin, enrolment=e)
        assert Line.objects.filter(enrolment__org__in=unions, live=True).exists()
        transaction.set_rollback(True)
    seconds = time.perf_counter() - t
    assert people, "the sample holds no members"
    return seconds, people


def floor(unions: list[Any], plan: Any, year: int) -> tuple[float, float, int]:
    """Read the same members from the register, then COPY the lines and enrolments ours wrote."""
    from django.db import connection

    from gonghui.mutualaid.models import Enrolment, Line

    ids = [o.pk for o in unions]
    with connection.cursor() as cur:
        t = time.perf_counter()
        cur.execute(
            "SELECT id, org_id, sex, birth_date, id_number_bidx FROM members_member "
            "WHERE org_id = ANY(%s) AND status = 'active'",
            [ids],
        )
        members = cur.fetchall()
        read_s = time.perf_counter() - t
        lines = list(
            Line.objects.filter(plan=plan, year=year).values_list(
                "enrolment_id", "member_id", "plan_id", "year", "person_bidx", "live", "added_at"
            )
        )
        enrolments = list(
            Enrolment.objects.filter(plan=plan, year=year).values_list(
                "org_id", "plan_id", "year", "state", "in_service", "shares", "amount_due", "submitted_at"
            )
        )
        cur.execute(
            "CREATE UNLOGGED TABLE bench_line (enrolment_id bigint, member_id bigint, plan_id bigint, "
            "year smallint, person_bidx text, live boolean, added_at timestamptz)"
        )
        cur.execute(
            "CREATE UNLOGGED TABLE bench_enrolment (org_id bigint, plan_id bigint, year smallint, state text, "
            "in_service int, shares int, amount_due numeric(12,2), submitted_at timestamptz)"
        )
        t = time.perf_counter()
        with cur.copy("COPY bench_enrolment FROM STDIN") as copy:
            for row in enrolments:
                copy.write_row(row)
        with cur.copy("COPY bench_line FROM STDIN") as copy:
            for row in lines:
                copy.write_row(row)
        copy_s = time.perf_counter() - t
        cur.execute("DROP TABLE bench_line")
        cur.execute("DROP TABLE bench_enrolment")
    assert len(members) >= len(lines)
    return read_s, copy_s, len(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--unions", type=int, default=2_000)
    parser.add_argument("--sample", type=int, default=20, help="unions enrolled by the per-member loop")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--label", default="", help="what code this is (a commit, a branch)")
    parser.add_argument("--profile", action="store_true", help="print where the time of ours goes")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    args = parser.parse_args(argv)
    with im.database(), tempfile.TemporaryDirectory(prefix="gonghui-bench-") as tmp:
        from django.db import connection, transaction

        from gonghui.kernel import cleaning
        from gonghui.mutualaid import actions
        from gonghui.mutualaid.models import Enrolment, Line

        started = time.monotonic()
        _county, admin, unions, plan = load(args, tmp)
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE")
            cur.execute("SHOW server_version")
            server = cur.fetchone()[0]
        print(f"loaded {args.members:,} members of {len(unions):,} unions in {time.monotonic() - started:.0f} s",
              file=sys.stderr)  # fmt: skip
        year = cleaning.today().year

        sample = random.Random(args.seed).sample(unions, min(args.sample, len(unions)))
        load_loop = im.load_average()
        loop_s, loop_people = per_member_loop(admin, plan, year, sample)
        assert not Enrolment.objects.exists()
        print(f"per-member loop: {loop_people:,} members in {loop_s:.2f} s", file=sys.stderr)

        load_ours = im.load_average()
        t = time.perf_counter()
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            done = profiler.runcall(
                actions.enrolment_units,
                actor=admin,
                plan=plan,
                year=year,
                unions=unions,
                healthy_confirmed=True,
            )
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        else:
            with transaction.atomic():
                done = actions.enrolment_units(
                    actor=admin, plan=plan, year=year, unions=unions, healthy_confirmed=True
                )
        ours = time.perf_counter() - t
        lines = Line.objects.filter(plan=plan, year=year, live=True).count()
        shares = sum(e.shares for e in done.enrolments)
        assert lines == shares, (lines, shares)
        assert Enrolment.objects.filter(state=Enrolment.State.DUE).count() == len(done.enrolments)
        print(
            f"ours: {lines:,} shares in {len(done.enrolments):,} enrolments in {ours:.2f} s", file=sys.stderr
        )

        load_floor = im.load_average()
        read_s, copy_s, floor_rows = floor(unions, plan, year)
        floor_s = read_s + copy_s

    loop_per_member = loop_s / loop_people
    loop_scaled = loop_per_member * args.members
    people = args.members
    lines_out = [
        f"## {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC — bench/mutualaid_enrol.py",
        "",
        f"- machine: {im.machine()}; PostgreSQL {server} (throwaway cluster unless DATABASE_URL was set)",
        f"- data: {args.members:,} members (the member import's Guangdong-shaped ledger, seed {args.seed}) "
        f"of {len(unions):,} grassroots unions under one street; plan 广东省在职职工医疗互助保障计划 "
        f"(16–60, ≥ 60% and ≥ 10 people), cover year {year}",
        f"- code: {args.label or 'this branch'}",
        "",
        "| | seconds | µs/member | note |",
        "| --- | ---: | ---: | --- |",
        f"| ours: `enrolment_units`, every union at once | {ours:.2f} | {ours / people * 1e6:.1f} "
        f"| {lines:,} shares in {len(done.enrolments):,} enrolments handed in, {len(done.refused):,} unions refused, "
        f"{done.left_out:,} people left out; {ours / floor_s:.1f}× the floor; load {load_ours} |",
        f"| per-member loop through the actions ({len(sample)} unions, {loop_people:,} members, rolled back) "
        f"| {loop_s:.2f} | {loop_per_member * 1e6:.1f} | → {loop_scaled:,.0f} s for {people:,} members; "
        f"ours is {loop_scaled / ours:.0f}× faster; load {load_loop} |",
        f"| floor: read the members + COPY the same {floor_rows:,} lines and enrolments into bare tables "
        f"| {floor_s:.2f} | {floor_s / people * 1e6:.1f} | read {read_s:.2f} s, COPY {copy_s:.2f} s; load {load_floor} |",
        "",
        f"- goal: {people:,} members of {len(unions):,} units ≤ {GOAL_SECONDS:.0f} s: "
        + ("met" if ours <= GOAL_SECONDS else "not met")
        + " (2 cores shared with other work: the load averages above inflate every figure)",
        "",
    ]
    text = "\n".join(lines_out)
    print(text)
    if not args.no_record:
        with im.RESULTS.open("a", encoding="utf-8") as f:
            f.write("\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
