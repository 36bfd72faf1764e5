"""The member import: read → validate and seal → write, all writes in one transaction.

The sheet is read as the import goes: its cells become Python values a chunk at a time. On
PostgreSQL the rows are read and validated in a thread while the database takes the previous
chunk (COPY into a temporary staging table, then INSERT … SELECT into the register with a history
row per member, in one statement): Python and the server each keep a core busy. A chunk goes in
by plain INSERT under a savepoint until the register's unique index refuses one; from then on
ON CONFLICT decides row by row and the refused rows are reported. On SQLite (tests, the demo)
the same steps run one after the other.

Nothing is committed until the last row is in: an import killed at any point leaves nothing
behind, and running it again succeeds. In the default mode a file with any wrong row imports
nothing; with `good_rows=True` the wrong rows are left out and the rest is imported.
"""

from __future__ import annotations

import contextvars
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from gonghui.kernel import scope
from gonghui.kernel.audit import audit
from gonghui.kernel.crypto import blind_index_text
from gonghui.orgs.models import SEGMENT, Level, Org

from ..choices import HOLDING
from ..models import Member, MemberEvent
from ..signals import members_changed
from .encode import STAGE_COLUMNS, Part, Plan, RowError, encode_part
from .reader import HEADER_SEARCH_ROWS, FileRefused, Layout, Ledger, find_layout, open_ledger

MAX_ROWS = 2_000_000
CHUNK = 10_000  # rows per COPY; a chunk's staging rows fit PostgreSQL's default temp_buffers (8 MB)
REPORT_LIMIT = 1000  # row errors kept in a job's result (all are counted)
Progress = Callable[[int, int | None, str], None]


def _no_progress(done: int, total: int | None = None, message: str = "") -> None:
    pass


@dataclass
class ImportResult:
    rows: int = 0  # data rows read (blank rows not counted)
    imported: int = 0
    bad_rows: int = 0  # rows with at least one error (file checks, duplicates in file and in the register)
    duplicates_in_file: int = 0
    duplicates_in_register: int = 0
    blank_rows: int = 0
    footer_rows: list[int] = field(default_factory=list)  # 合计、填报人… lines, skipped
    already_here: list[int] = field(default_factory=list)  # rows of people already members of their union
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    good_rows: bool = False
    committed: bool = False
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok_rows(self) -> int:
        """Rows that would go in: neither wrong nor people already members of their union."""
        return self.rows - self.bad_rows - len(self.already_here)

    def summary(self) -> str:
        here = f"{len(self.already_here)} 人已是本会会员，未重复导入" if self.already_here else ""
        if self.committed:
            if here and not self.imported and not self.bad_rows:
                return f"文件中的 {len(self.already_here)} 人都已是本会会员，未重复导入，没有新会员。"
            text = f"已导入 {self.imported} 名会员"
            if self.bad_rows:
                text += f"，{self.bad_rows} 行有问题未导入"
            return text + (f"；{here}" if here else "") + "。"
        if self.rows == 0:
            return "文件中没有会员数据，未导入。"
        return f"共 {self.rows} 行，其中 {self.bad_rows} 行有问题；按“全部无误才导入”的规则，本次未导入任何数据。"

    def as_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "rows": self.rows,
            "imported": self.imported,
            "bad_rows": self.bad_rows,
            "ok_rows": self.ok_rows,
            "duplicates_in_file": self.duplicates_in_file,
            "duplicates_in_register": self.duplicates_in_register,
            "blank_rows": self.blank_rows,
            "footer_rows": len(self.footer_rows),
            "already_here": len(self.already_here),
            "error_count": len(self.errors),
            "errors": [e.as_dict() for e in self.errors[:REPORT_LIMIT]],
            "notes": self.notes,
            "good_rows": self.good_rows,
            "committed": self.committed,
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }


class _Rollback(Exception):
    pass


def _unions_under(org: Org) -> dict[str, int]:
    """Full name and credit code → id of each active grassroots union in `org`'s subtree."""
    table: dict[str, int] = {}
    qs = Org.objects.filter(path__startswith=org.path, level=Level.GRASSROOTS, status="active")
    for pk, name, code in qs.values_list("pk", "name", "credit_code"):
        table.setdefault(name, pk)
        if code:
            table[code] = pk
    return table


def plan_for(layout: Layout, *, org: Org, as_lines: bool) -> Plan:
    if org.level == Level.GRASSROOTS:
        unions = {org.name: org.pk, **({org.credit_code: org.pk} if org.credit_code else {})}
    elif "union" in layout.columns:
        unions = _unions_under(org)
    else:
        raise FileRefused(
            f"「{org.name}」是{org.get_level_display()}：导入到基层工会以外的组织时，文件须有「所属基层工会」列。"
        )
    return Plan(
        columns=layout.columns, headers=layout.headers, first_row=layout.header_row + 1,
        org_id=org.pk if org.level == Level.GRASSROOTS else None, org_name=org.name,
        unions=unions, today=timezone.localdate(), as_lines=as_lines,
    )  # fmt: skip


class _Deduper:
    """Second and later rows of the same person (or member card) in the file are wrong rows."""

    def __init__(self, plan: Plan, result: ImportResult) -> None:
        self.id_header = plan.headers["id_number"]
        self.card_header = plan.headers.get("card_no", "")
        self.seen: dict[str, int] = {}
        self.seen_cards: dict[str, int] = {}
        self.result = result

    def drops(self, part: Part) -> set[int]:
        drop: set[int] = set()
        setdefault = self.seen.setdefault
        errors = self.result.errors
        for k, (rowno, key) in enumerate(zip(part.rownos, part.bidx, strict=True)):
            first = setdefault(key, rowno)
            if first != rowno:
                errors.append(RowError(rowno, self.id_header, f"与第 {first} 行是同一个人（身份证号相同）"))
                self.result.duplicates_in_file += 1
                drop.add(k)
        if self.card_header:
            for k, (rowno, card) in enumerate(zip(part.rownos, part.cards, strict=True)):
                if card and k not in drop:
                    first = self.seen_cards.setdefault(card, rowno)
                    if first != rowno:
                        errors.append(RowError(rowno, self.card_header, f"会员证号与第 {first} 行重复"))
                        drop.add(k)
        self.result.bad_rows += len(drop)
        return drop

    def absorb(self, part: Part) -> list[Any]:
        """The part's records less its in-file duplicates; its errors and counts go to the result."""
        self.result.errors.extend(part.errors)
        self.result.bad_rows += part.bad_rows
        self.result.blank_rows += part.blank_rows
        self.result.footer_rows.extend(part.footer_rows)
        self.result.rows += part.bad_rows + len(part.rownos)
        drop = self.drops(part)
        return [r for k, r in enumerate(part.records) if k not in drop] if drop else part.records


def run_import(
    *,
    actor: Any,
    org: Org,
    path: Path,
    original_name: str = "",
    good_rows: bool = False,
    job_id: int | None = None,
    progress: Progress = _no_progress,
) -> ImportResult:
    """Import a member ledger into `org` (a grassroots union, or any union when the file names
    each row's grassroots union). Raises FileRefused when the file cannot be read at all and
    PermissionDenied outside the actor's scope."""
    if actor is not None:
        scope.require(actor, "edit", org)
    if not org.is_active:
        raise FileRefused(f"「{org.name}」{org.get_status_display()}，不能导入会员。")
    result = ImportResult(good_rows=good_rows)
    t0 = time.perf_counter()
    progress(0, None, gettext_noop("正在读取文件"))
    ledger = open_ledger(path, original_name=original_name)
    if ledger.height > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise FileRefused(TOO_MANY_ROWS)
    layout = find_layout(ledger.head)
    result.notes = list(layout.notes)
    if ledger.skipped:
        result.notes.insert(
            0,
            f"会员名册在工作表「{ledger.sheet}」（工作表{''.join(f'「{n}」' for n in ledger.skipped)}中没有会员表头，未读取）",
        )
    result.timings["read"] = time.perf_counter() - t0
    postgresql = connection.vendor == "postgresql"
    plan = plan_for(layout, org=org, as_lines=postgresql)
    context = {"actor": actor, "org": org, "job_id": job_id, "original_name": original_name or path.name}
    parts = _parts(ledger, plan)
    total = max(ledger.height - plan.first_row, 0)
    t1 = time.perf_counter()
    try:
        with transaction.atomic():
            if postgresql:
                result.imported = _import_postgresql(parts, total, plan, result, progress, **context)
            else:
                result.imported = _import_sqlite(parts, total, plan, result, progress, **context)
            result.committed = True
            t_commit = time.perf_counter()
        # The commit runs the deferred foreign-key checks of every inserted row.
        result.timings["commit"] = time.perf_counter() - t_commit
    except _Rollback:
        result.imported, result.committed = 0, False
    except IntegrityError:
        raise FileRefused(
            "导入期间会员名册被其他操作修改（有人同时登记了文件中的人员），请重新导入。"
        ) from None
    result.timings["validate_and_write"] = time.perf_counter() - t1
    result.errors.sort(key=lambda e: e.row)
    if result.footer_rows:
        result.notes.append(
            f"第 {_rows(result.footer_rows)} 行是表格下方的合计、签名或日期行（如“合计”“填报人”“审核人”），不是会员，已跳过"
        )
    if result.already_here:
        result.notes.append(
            f"第 {_rows(result.already_here)} 行的人已是本会会员（身份证号已在名册中），未重复导入，登记信息未更改"
        )
    return result


def _rows(numbers: list[int], limit: int = 20) -> str:
    """3、5、9 … (the first `limit` row numbers, then how many in all)."""
    shown = "、".join(str(n) for n in sorted(numbers)[:limit])
    return shown + (f" 等 {len(numbers)} " if len(numbers) > limit else "")


TOO_MANY_ROWS = f"文件超过 {MAX_ROWS:,} 行，请分成几个文件导入。"


def _parts(ledger: Ledger, plan: Plan) -> Iterator[tuple[int, Part]]:
    """The data rows below the header, read and encoded CHUNK rows at a time: (rows read so far,
    the part). The sheet's cells become Python values here, in step with the writing."""
    first = plan.first_row
    pending = ledger.head[first:]
    while True:
        if len(pending) < CHUNK:
            pending.extend(islice(ledger.rest, CHUNK - len(pending)))
        rows, pending = pending[:CHUNK], pending[CHUNK:]
        if not rows:
            return
        if first + len(rows) - plan.first_row > MAX_ROWS:
            raise FileRefused(TOO_MANY_ROWS)
        yield first + len(rows) - plan.first_row, encode_part(rows, first, plan)
        first += len(rows)


STAGE = "members_import_stage"
_STAGE_DDL = f"""
CREATE TEMP TABLE {STAGE} (
    rowno integer NOT NULL, org_id bigint NOT NULL, name varchar(50) NOT NULL, sex varchar(1) NOT NULL,
    birth_date date NOT NULL, id_number text NOT NULL, id_number_bidx {{bidx}} NOT NULL,
    phone text NOT NULL, phone_bidx {{bidx}}, ethnicity varchar(2) NOT NULL,
    education varchar(2) NOT NULL, political_status varchar(16) NOT NULL,
    employment_status varchar(16) NOT NULL, hukou_type varchar(16) NOT NULL, migrant_worker boolean NOT NULL,
    employer_name varchar(100) NOT NULL, employer_credit_code varchar(18) NOT NULL, card_no varchar(30) NOT NULL,
    join_date date, status varchar(16) NOT NULL, status_since date NOT NULL
)"""
_MEMBER_COLUMNS = ", ".join(c for c in STAGE_COLUMNS if c != "rowno")
_HOLDING = tuple(s.value for s in HOLDING)
_HOLDING_SQL = ", ".join(f"'{s}'" for s in _HOLDING)
_EVENT_COLUMNS = 'member_id, kind, "on", at, actor_id, org_id, other_org_id, note, detail'


def _note(original_name: str, job_id: int | None) -> str:
    return (f"名册导入：{original_name}"[:150] + (f"（任务 #{job_id}）" if job_id else ""))[:200]


def _actor_id(actor: Any) -> int | None:
    return actor.pk if actor is not None and actor.is_authenticated else None


def _import_postgresql(
    parts: Iterator[tuple[int, Part]], total: int, plan: Plan, result: ImportResult, progress: Progress, *,
    actor: Any, org: Org, job_id: int | None, original_name: str,
) -> int:  # fmt: skip
    member_table, event_table = Member._meta.db_table, MemberEvent._meta.db_table
    chunks: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=3)
    stop_event = threading.Event()
    dedupe = _Deduper(plan, result)

    def produce() -> None:
        # Runs in its own thread (and its own database connection, for progress only) while this
        # thread waits on the server: the two overlap because waiting releases the GIL.
        try:
            busy = time.perf_counter()
            for done, part in parts:
                lines = dedupe.absorb(part)
                data = "".join(lines).encode()
                timings["prepare"] += time.perf_counter() - busy
                while not stop_event.is_set():
                    try:
                        chunks.put(("chunk", (data, len(lines), part.orgs)), timeout=0.5)
                        break
                    except queue.Full:
                        continue
                if stop_event.is_set():
                    return
                progress(min(done, total), total, gettext_noop("正在校验并写入"))
                busy = time.perf_counter()
            chunks.put(("end", None))
        except BaseException as exc:  # handed to the writer, which raises it
            chunks.put(("error", exc))
        finally:
            connections.close_all()  # this thread's own connection

    producer = threading.Thread(
        target=contextvars.copy_context().run, args=(produce,), name="member-import", daemon=True
    )
    # Seconds the producer spent reading and encoding, and the writer copying, inserting, waiting.
    timings = {"prepare": 0.0, "copy": 0.0, "insert": 0.0, "wait": 0.0}
    now = timezone.now()
    params: list[Any] = [
        now,
        now,
        MemberEvent.Kind.IMPORTED.value,
        plan.today,
        now,
        _actor_id(actor),
        _note(original_name, job_id),
    ]
    history = f"""
        INSERT INTO {event_table} ({_EVENT_COLUMNS})
        SELECT id, %s, COALESCE(join_date, %s), %s, %s, org_id, NULL, %s, '{{}}'::jsonb FROM ins"""
    # Most ledgers bring people the register has never seen: a plain INSERT, which the register's
    # unique index (one person, one membership in the whole province) lets through.
    insert = f"""
        WITH ins AS (
            INSERT INTO {member_table} ({_MEMBER_COLUMNS}, created_at, updated_at)
            SELECT {_MEMBER_COLUMNS}, %s, %s FROM {STAGE}
            RETURNING id, org_id, join_date)
        {history}"""
    # Once a chunk has met someone who already holds a membership, the rest go in with the index
    # deciding row by row, and the rows it refused come back.
    insert_guarded = f"""
        WITH ins AS (
            INSERT INTO {member_table} ({_MEMBER_COLUMNS}, created_at, updated_at)
            SELECT {_MEMBER_COLUMNS}, %s, %s FROM {STAGE}
            ON CONFLICT (id_number_bidx) WHERE status IN ({_HOLDING_SQL}) DO NOTHING
            RETURNING id, org_id, join_date, id_number_bidx),
        ev AS ({history})
        SELECT s.rowno, s.id_number_bidx, s.org_id FROM {STAGE} s
        WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.id_number_bidx = s.id_number_bidx)"""
    imported = 0
    clashes: list[tuple[int, str, int]] = []
    touched: set[int] = set()
    guarded = False
    copy_sql = f"COPY {STAGE} ({', '.join(STAGE_COLUMNS)}) FROM STDIN"
    producer.start()
    try:
        with connection.cursor() as cur:
            # ON COMMIT DROP cleans up; the DROP covers an import run inside a caller's transaction.
            cur.execute(f"DROP TABLE IF EXISTS pg_temp.{STAGE}")
            cur.execute(_STAGE_DDL.format(bidx="uuid") + " ON COMMIT DROP")
            while True:
                t = time.perf_counter()
                kind, payload = chunks.get()
                timings["wait"] += time.perf_counter() - t
                if kind == "error":
                    raise payload
                if kind == "end":
                    break
                data, n, orgs = payload
                if not n:
                    continue
                t = time.perf_counter()
                with cur.copy(copy_sql) as copy:
                    copy.write(data)
                timings["copy"] += time.perf_counter() - t
                t = time.perf_counter()
                refused: list[tuple[int, str, int]] = []
                if not guarded:
                    try:
                        with transaction.atomic():  # a savepoint: a refused chunk leaves nothing
                            cur.execute(insert, params)
                    except IntegrityError as exc:
                        if _constraint(exc) != HOLDING_CONSTRAINT:
                            raise
                        guarded = True
                if guarded:
                    cur.execute(insert_guarded, params)
                    refused = cur.fetchall()
                cur.execute(f"TRUNCATE {STAGE}")
                timings["insert"] += time.perf_counter() - t
                touched |= orgs
                clashes.extend(refused)
                imported += n - len(refused)
    finally:
        stop_event.set()
        producer.join()
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE pg_temp.{STAGE}")
    result.timings.update({f"db_{k}": v for k, v in timings.items()})
    if clashes:
        _report_clashes(clashes, plan=plan, result=result, actor=actor)
    if result.bad_rows and not result.good_rows:
        raise _Rollback
    progress(total, total, gettext_noop("正在提交"))
    _audit(actor, org, job_id, original_name, imported, result, touched)
    return imported


HOLDING_CONSTRAINT = "member_one_holding_per_person"


def _constraint(exc: IntegrityError) -> str:
    """The name of the constraint a PostgreSQL integrity error is about."""
    diag = getattr(exc.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) or ""


def _import_sqlite(
    parts: Iterator[tuple[int, Part]], total: int, plan: Plan, result: ImportResult, progress: Progress, *,
    actor: Any, org: Org, job_id: int | None, original_name: str,
) -> int:  # fmt: skip
    member_table, event_table = Member._meta.db_table, MemberEvent._meta.db_table
    dedupe = _Deduper(plan, result)
    records: list[Any] = []
    for done, part in parts:
        records.extend(dedupe.absorb(part))
        progress(min(done, total), total, gettext_noop("正在校验"))
    progress(total, total, gettext_noop("正在写入"))
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS temp.{STAGE}")
        cur.execute(_STAGE_DDL.format(bidx="char(32)"))
        marks = ", ".join(["%s"] * len(STAGE_COLUMNS))
        cur.executemany(f"INSERT INTO {STAGE} ({', '.join(STAGE_COLUMNS)}) VALUES ({marks})", records)
        cur.execute(
            f"SELECT s.rowno, s.id_number_bidx, s.org_id FROM {STAGE} s JOIN {member_table} m "
            f"ON m.id_number_bidx = s.id_number_bidx WHERE m.status IN ({_HOLDING_SQL}) ORDER BY s.rowno"
        )
        clashes = cur.fetchall()
        if clashes:
            _report_clashes(clashes, plan=plan, result=result, actor=actor)
        if result.bad_rows and not result.good_rows:
            cur.execute(f"DROP TABLE temp.{STAGE}")
            raise _Rollback
        for i in range(0, len(clashes), 500):
            chunk = [r for r, _b, _o in clashes[i : i + 500]]
            cur.execute(f"DELETE FROM {STAGE} WHERE rowno IN ({', '.join(['%s'] * len(chunk))})", chunk)
        now = timezone.now()
        cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {member_table}")
        last = cur.fetchone()[0]
        cur.execute(
            f"INSERT INTO {member_table} ({_MEMBER_COLUMNS}, created_at, updated_at) "
            f"SELECT {_MEMBER_COLUMNS}, %s, %s FROM {STAGE} ORDER BY rowno",
            [now, now],
        )
        imported = cur.rowcount
        # SQLite ids only grow, and this transaction holds the write lock: the new rows are id > last.
        cur.execute(
            f"INSERT INTO {event_table} ({_EVENT_COLUMNS}) SELECT id, %s, COALESCE(join_date, %s), %s, %s, "
            f"org_id, NULL, %s, '{{}}' FROM {member_table} WHERE id > %s",
            [
                MemberEvent.Kind.IMPORTED.value,
                plan.today,
                now,
                _actor_id(actor),
                _note(original_name, job_id),
                last,
            ],
        )
        cur.execute(f"SELECT DISTINCT org_id FROM {STAGE}")
        touched = {r[0] for r in cur.fetchall()}
        cur.execute(f"DROP TABLE temp.{STAGE}")
    _audit(actor, org, job_id, original_name, imported, result, touched)
    return imported


def _audit(
    actor: Any, org: Org, job_id: int | None, original_name: str, imported: int, result: ImportResult,
    touched: set[int],
) -> None:  # fmt: skip
    """One audit row per import, with its counts (not one per member); the unions that received
    members are recounted in the same transaction."""
    if imported:
        members_changed.send(sender=Member, org_ids=sorted(touched))
    audit(
        actor=actor, action="member.import", org=org,
        detail={"file": original_name[:100], "job": job_id, "imported": imported, "rows": result.rows,
                "bad_rows": result.bad_rows, "good_rows_only": result.good_rows},
    )  # fmt: skip


def _report_clashes(
    clashes: list[tuple[int, str, int]], *, plan: Plan, result: ImportResult, actor: Any
) -> None:
    """Rows whose person already holds a membership. Already a member of the row's own union:
    nothing to do, said once. Elsewhere within the actor's sight: the union is named and, if the
    actor keeps its register, the report offers the transfer. Out of sight: the union is not
    named; the level both unions answer to is, as the one to ask."""
    keys = [blind_index_text(b) for _, b, _o in clashes]
    holders: dict[str, tuple[int, int]] = {}  # index → (member, union)
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        for bidx, member_id, org_id in Member.objects.filter(
            id_number_bidx__in=chunk, status__in=_HOLDING
        ).values_list("id_number_bidx", "pk", "org_id"):
            holders[bidx] = (member_id, org_id)
    wanted = {org_id for _m, org_id in holders.values()} | {o for _r, _b, o in clashes}
    orgs = {o.pk: o for o in Org.objects.filter(pk__in=wanted)}
    header = plan.headers["id_number"]
    errors = 0
    above_both: dict[tuple[int, int], Org | None] = {}
    for rowno, key, org_id in clashes:
        member_id, holder_id = holders.get(blind_index_text(key), (0, 0))
        holder, target = orgs.get(holder_id), orgs.get(org_id)
        if holder_id == org_id:
            result.already_here.append(rowno)
            continue
        errors += 1
        offer = None
        if holder is None:
            message = "此人已在其他工会登记为会员，一人只能有一个会籍"
        elif actor is None or scope.can(actor, "view", holder):
            if actor is not None and scope.can(actor, "edit", holder):
                offer = member_id
                into = f"（转入「{target.name}」）" if target is not None else ""
                message = (
                    f"此人已是「{holder.name}」的会员，一人只能有一个会籍；如已调到本会，请办理转会{into}"
                )
            else:
                message = f"此人已是「{holder.name}」的会员，一人只能有一个会籍；如已调到本会，请「{holder.name}」办理转会"
        else:
            if (org_id, holder_id) not in above_both:
                above_both[org_id, holder_id] = common_ancestor(target, holder) if target else None
            above = above_both[org_id, holder_id]
            ask = (
                f"请联系「{above.name}」（本会与其所在工会共同的上级工会）协调办理转会"
                if above
                else "请联系上级工会协调办理转会"
            )
            message = (
                f"此人已在其他工会登记为会员（不在您的管辖范围内），一人只能有一个会籍；如已调到本会，{ask}"
            )
        result.errors.append(RowError(rowno, header, message, member=offer))
    result.duplicates_in_register += errors
    result.bad_rows += errors


def common_ancestor(a: Org, b: Org) -> Org | None:
    """The nearest union both are under (either one itself, if one is under the other)."""
    n = 0
    while n < min(len(a.path), len(b.path)) and a.path[n] == b.path[n]:
        n += 1
    prefix = a.path[: n - n % SEGMENT]
    return Org.objects.filter(path=prefix).first() if prefix else None
