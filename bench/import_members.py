"""Benchmark the member import on PostgreSQL: the real import path against its floor and its peer.

    .venv/bin/python bench/import_members.py [--rows 1000000] [--unions 500] [--json] [--no-record]

1. Generates an N-row member ledger xlsx of Guangdong shape (a title row above the header, 13
   columns, shared strings, date cells; some IDs with a lowercase x or trailing spaces, phones
   stored as numbers, dates typed as text), spread over grassroots unions of one county.
2. Imports it through the real path (`gonghui.members.importing.run_import`: read, validate every
   cell, blind-index and seal ID and phone, dedupe in the file and against the register, COPY into
   a staging table, INSERT … SELECT into the register with a history row per member, audit) into
   the county union, as its administrator would.
3. Measures the floor in the same run: parse the same file with python-calamine and COPY the same
   rows, as raw text, into an unindexed table.
4. Measures django-import-export (a dev dependency) on min(N, 20,000) rows in its fastest
   configuration (use_bulk, skip_diff, force_init_instance, batch_size 1000) with a resource that
   does the same work (ID check, blind indexes, coded fields; the fields encrypt on save).

Without DATABASE_URL it starts a throwaway PostgreSQL 15 cluster (fsync and synchronous_commit
off). Prints the figures, appends them to bench/RESULTS.md; with --json the last line is one JSON
object with at least rows, seconds, floor_seconds and peer_seconds_per_row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
RESULTS = ROOT / "bench" / "RESULTS.md"
PEER_MAX_ROWS = 20_000

from tree import database, haizhu, load_average, machine  # noqa: E402  (bench/tree.py: the database, the machine)


def setup_tree(n_unions: int) -> tuple[Any, Any, list[str]]:
    """Province → 广州市 → 海珠区 → a street → n grassroots unions; the district's administrator."""
    from django.core.management import call_command
    from django.db import connection

    from gonghui.orgs.models import Org

    if connection.vendor != "postgresql":
        raise SystemExit(f"this benchmark needs PostgreSQL, DATABASE_URL points at {connection.vendor}")
    call_command("migrate", verbosity=0)
    if Org.objects.exists():
        raise SystemExit("the database already holds orgs: point DATABASE_URL at an empty database")
    district = haizhu(n_unions, password="bench-password-12345", serial=20_000_001)
    return district.county, district.admin, [g.name for g in district.grassroots]


def floor(path: Path) -> tuple[float, float, int]:
    """Parse the same file, and COPY the same rows as raw text into an unindexed table."""
    from django.db import connection
    from python_calamine import CalamineWorkbook

    t = time.perf_counter()
    # The fastest way calamine hands rows to Python (iter_rows, as the importer reads them).
    rows = list(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows())
    parse = time.perf_counter() - t
    data = rows[2:]
    width = len(rows[1])
    with connection.cursor() as cur:
        cur.execute(f"CREATE UNLOGGED TABLE bench_floor ({', '.join(f'c{i} text' for i in range(width))})")
        t = time.perf_counter()
        with cur.copy("COPY bench_floor FROM STDIN") as copy:
            for row in data:
                copy.write_row(row)
        copy_s = time.perf_counter() - t
        cur.execute("DROP TABLE bench_floor")
    return parse, copy_s, len(data)


def peer(path: Path, county: Any, n: int) -> tuple[float, int]:
    """django-import-export, fastest configuration, doing the same work per row."""
    import tablib
    from django.db import transaction
    from import_export import fields, resources
    from python_calamine import CalamineWorkbook

    from gonghui.kernel.codes import id_number_check
    from gonghui.members import fields as mf
    from gonghui.members import keys
    from gonghui.members.models import Member
    from gonghui.orgs.models import Org

    unions = dict(Org.objects.filter(parent__parent=county).values_list("name", "pk"))
    # The fastest way calamine hands rows to Python (iter_rows, as the importer reads them).
    rows = list(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows())
    headers = [str(h) for h in rows[1]]
    data = tablib.Dataset(*[tuple(r) for r in rows[2 : 2 + n]], headers=headers)

    class MemberResource(resources.ModelResource):
        name = fields.Field(attribute="name", column_name="姓名")
        id_number = fields.Field(attribute="id_number", column_name="身份证号码")
        phone = fields.Field(attribute="phone", column_name="手机号码")
        ethnicity = fields.Field(attribute="ethnicity", column_name="民族")
        education = fields.Field(attribute="education", column_name="学历")
        political_status = fields.Field(attribute="political_status", column_name="政治面貌")
        employment_status = fields.Field(attribute="employment_status", column_name="就业状态")
        hukou_type = fields.Field(attribute="hukou_type", column_name="户口类型")
        migrant_worker = fields.Field(attribute="migrant_worker", column_name="是否农民工")
        employer_name = fields.Field(attribute="employer_name", column_name="工作单位")
        org_id = fields.Field(attribute="org_id", column_name="所属基层工会")
        card_no = fields.Field(attribute="card_no", column_name="会员证号")
        join_date = fields.Field(attribute="join_date", column_name="入会日期")

        class Meta:
            model = Member
            use_bulk = True
            skip_diff = True
            force_init_instance = True
            batch_size = 1000
            fields = ("name", "id_number", "phone", "ethnicity", "education", "political_status",
                      "employment_status", "hukou_type", "migrant_worker", "employer_name", "org_id", "card_no",
                      "join_date")  # fmt: skip

        def before_import_row(self, row: Any, **kwargs: Any) -> None:
            info = id_number_check(str(row["身份证号码"]))
            row["身份证号码"] = info.number
            row["手机号码"] = mf.parse_phone(row["手机号码"])
            for col, parser in (("民族", mf.parse_ethnicity), ("学历", mf.parse_education),
                                ("政治面貌", mf.parse_political_status), ("就业状态", mf.parse_employment_status),
                                ("户口类型", mf.parse_hukou_type)):  # fmt: skip
                row[col] = parser(row[col])
            row["是否农民工"] = bool(mf.parse_yes_no(row["是否农民工"]))
            row["所属基层工会"] = unions[row["所属基层工会"]]
            row["入会日期"] = mf.parse_date(row["入会日期"])

        def before_save_instance(self, instance: Any, row: Any, **kwargs: Any) -> None:
            info = id_number_check(instance.id_number)
            instance.birth_date, instance.sex, instance.status = info.birth_date, info.sex, "active"
            instance.id_number_bidx = keys.id_bidx(info.number)
            instance.phone_bidx = keys.phone_bidx(instance.phone)

    resource = MemberResource()
    t = time.perf_counter()
    with transaction.atomic():
        result = resource.import_data(data, dry_run=False, use_transactions=False, raise_errors=True)
        imported = Member.objects.count()
        transaction.set_rollback(True)  # leave the register as it was
    seconds = time.perf_counter() - t
    if result.has_errors() or result.has_validation_errors():
        raise SystemExit("django-import-export reported errors")
    return seconds, imported


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--unions", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    parser.add_argument("--no-peer", action="store_true", help="skip django-import-export")
    args = parser.parse_args(argv)
    load_at_start = load_average()
    with database(), tempfile.TemporaryDirectory(prefix="gonghui-bench-") as tmp:
        from django.db import connection

        from gonghui.members.importing import run_import
        from gonghui.members.models import Member, MemberEvent
        from gonghui.members.testing import ledger_rows, write_xlsx

        county, admin, unions = setup_tree(args.unions)
        path = Path(tmp) / "海珠区总工会会员花名册.xlsx"
        t = time.perf_counter()
        write_xlsx(
            path, ledger_rows(args.rows, unions=unions, seed=args.seed), title="广州市海珠区总工会会员花名册"
        )
        gen_s = time.perf_counter() - t
        size_mb = path.stat().st_size / 1e6
        print(f"ledger: {args.rows:,} rows, {size_mb:.1f} MB, generated in {gen_s:.1f} s", file=sys.stderr)

        # The floor first: it also warms the page cache for the file, for both.
        parse_s, copy_s, floor_rows = floor(path)
        floor_s = parse_s + copy_s
        print(f"floor: parse {parse_s:.2f} s + COPY {copy_s:.2f} s = {floor_s:.2f} s", file=sys.stderr)

        # The peer next, in a transaction it rolls back: the register is empty again for ours.
        peer_rows = min(args.rows, PEER_MAX_ROWS)
        peer_s, peer_n = (float("nan"), 0) if args.no_peer else peer(path, county, peer_rows)
        if not args.no_peer:
            assert peer_n == peer_rows, peer_n
            assert not Member.objects.exists()
            print(f"peer: django-import-export {peer_rows:,} rows in {peer_s:.2f} s", file=sys.stderr)

        last = [0.0]

        def progress(done: int, total: int | None = None, message: str = "") -> None:
            now = time.perf_counter()
            if now - last[0] > 1:
                last[0] = now
                print(f"\r  {message} {done:,}/{total or 0:,}", end="", file=sys.stderr)

        t = time.perf_counter()
        result = run_import(actor=admin, org=county, path=path, original_name=path.name, progress=progress)
        seconds = time.perf_counter() - t
        print(file=sys.stderr)
        if not result.committed or result.imported != args.rows:
            print(json.dumps(result.as_dict(), ensure_ascii=False)[:2000], file=sys.stderr)
            raise SystemExit(f"the import did not take every row: {result.summary()}")
        counts = (Member.objects.count(), MemberEvent.objects.count())
        assert counts == (args.rows, args.rows), counts
        print(f"import: {seconds:.2f} s ({result.timings})", file=sys.stderr)
        with connection.cursor() as cur:
            cur.execute("SHOW server_version")
            server = cur.fetchone()[0]

    per_row = seconds / args.rows
    peer_per_row = peer_s / peer_rows if peer_rows and not args.no_peer else float("nan")
    figures = {
        "benchmark": "import_members",
        "machine": machine(),
        "postgresql": server,
        "rows": args.rows,
        "columns": 13,
        "unions": args.unions,
        "file_mb": round(size_mb, 1),
        "seconds": round(seconds, 2),
        "us_per_row": round(per_row * 1e6, 2),
        "phases": {k: round(v, 2) for k, v in result.timings.items()},
        "floor_seconds": round(floor_s, 2),
        "floor_parse_seconds": round(parse_s, 2),
        "floor_copy_seconds": round(copy_s, 2),
        "ratio_to_floor": round(seconds / floor_s, 2),
        "peer": "django-import-export (use_bulk, skip_diff, force_init_instance, batch_size=1000)",
        "peer_rows": peer_rows if not args.no_peer else 0,
        "peer_seconds": round(peer_s, 2) if not args.no_peer else None,
        "peer_seconds_per_row": round(peer_per_row, 7) if not args.no_peer else None,
        "peer_us_per_row": round(peer_per_row * 1e6, 1) if not args.no_peer else None,
        "speedup_vs_peer": round(peer_per_row / per_row, 1) if not args.no_peer else None,
        "goals": {"seconds_for_1m_rows": 40, "ratio_to_floor": 2.0, "speedup_vs_peer": 15},
    }
    lines = [
        f"## {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC — bench/import_members.py",
        "",
        f"- machine: {figures['machine']}; PostgreSQL {server} (throwaway cluster unless DATABASE_URL was set)",
        f"- data: {args.rows:,} rows × 13 columns, {size_mb:.1f} MB xlsx (title row, shared strings, date cells, "
        f"some messy cells), {args.unions} grassroots unions under one county union; seed {args.seed}",
        "",
        "| | seconds | µs/row | note |",
        "| --- | ---: | ---: | --- |",
        f"| our import (real path) | {seconds:.2f} | {per_row * 1e6:.1f} | phases: "
        + ", ".join(f"{k} {v:.2f} s" for k, v in result.timings.items())
        + f"; {seconds / floor_s:.2f}× the floor |",
        f"| floor: calamine parse + raw COPY | {floor_s:.2f} | {floor_s / floor_rows * 1e6:.1f} | parse {parse_s:.2f} s, COPY {copy_s:.2f} s |",
    ]
    if not args.no_peer:
        lines.append(
            f"| django-import-export, fastest config ({peer_rows:,} rows) | {peer_s:.2f} | {peer_per_row * 1e6:.1f} "
            f"| we are {peer_per_row / per_row:.1f}× faster per row |"
        )
    goals = {
        "1M rows ≤ 40 s": (seconds * 1_000_000 / args.rows) <= 40,
        "≤ 2× the floor": seconds <= 2 * floor_s,
    }
    if not args.no_peer:
        goals["≥ 15× faster per row than the peer"] = peer_per_row / per_row >= 15
    figures["goals_met"] = goals
    lines.append("")
    lines.append(
        "- goals: "
        + "; ".join(f"{k}: {'met' if v else 'not met'}" for k, v in goals.items())
        + (" (1M figure extrapolated from this run)" if args.rows != 1_000_000 else "")
    )
    lines.append(
        f"- load average when the run started: {load_at_start} (other work on the machine inflates every figure)"
    )
    lines.append("")
    text = "\n".join(lines)
    print(text)
    if not args.no_record:
        with RESULTS.open("a", encoding="utf-8") as f:
            f.write("\n" + text)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
