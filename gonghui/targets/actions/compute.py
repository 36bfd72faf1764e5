"""A month's computed values for a whole province, set-based on PostgreSQL.

The sources give one value per union (one grouped pass each); everything per target — the
month's report rows, the latest value, the completion against the month's milestone, the flag,
and which targets turned worse — is then one statement each over the target table, with the
values passed as arrays. No target becomes a Python object: at 200,000 unions and four
indicators that alone took longer than the whole run is allowed.

The completion and flag follow progress.py exactly: the milestone share of the month is worked
out in Python (the same `share()`) for each distinct milestone list, and the rounding is the
same (half away from zero, to the cent).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import connection

from gonghui.orgs.models import Org

from ..models import DEFAULT_MILESTONES, Flag, Indicator, Origin, Report, Target, Warning
from ..progress import share
from ..sources import BATCH_FROM, compute, grouped_run

WORSE: dict[str, int] = {Flag.NONE: 0, Flag.GREEN: 0, Flag.YELLOW: 1, Flag.RED: 2}


@contextmanager
def _cursor() -> Iterator[Any]:
    """A cursor that sends the arrays as bound parameters (Django's quotes them into the text:
    seconds for a province's values)."""
    import psycopg

    connection.ensure_connection()
    with psycopg.Cursor(connection.connection) as cur:
        yield cur


class Node(NamedTuple):
    """A union as the sources need it for a grouped pass: its id and its path."""

    pk: int
    path: str


def _where(
    *, year: int, key: str, month: int, within: Org | None, only_missing: bool
) -> tuple[str, list[Any]]:
    """The targets of one computed indicator source (aliases t, i, o)."""
    sql = "t.year = %s AND i.source = %s"
    params: list[Any] = [year, key]
    if within is not None:
        sql += " AND o.path LIKE %s"
        params.append(within.path + "%")
    if only_missing:
        sql += f" AND NOT EXISTS (SELECT 1 FROM {Report._meta.db_table} r WHERE r.target_id = t.id AND r.month = %s)"
        params.append(month)
    return sql, params


def _from() -> str:
    return (
        f"{Target._meta.db_table} t JOIN {Indicator._meta.db_table} i ON i.id = t.indicator_id "
        f"JOIN {Org._meta.db_table} o ON o.id = t.org_id"
    )


def _values(key: str, nodes: Sequence[Node], year: int, month: int) -> dict[int, Decimal | None]:
    if len(nodes) >= BATCH_FROM:
        return compute(key, nodes, year, month)  # type: ignore[arg-type]  # a grouped pass reads pk and path only
    return compute(key, list(Org.objects.filter(pk__in=[n.pk for n in nodes])), year, month)


def _shares(year: int, month: int) -> tuple[list[str], list[Decimal]]:
    """Each distinct milestone list of the year's targets (as the database prints it) and the
    share of the way due by the end of `month` under it."""
    with _cursor() as cur:
        cur.execute(f"SELECT DISTINCT milestones::text FROM {Target._meta.db_table} WHERE year = %s", [year])
        texts = [row[0] for row in cur.fetchall()]
    return texts, [share(month, json.loads(text) or DEFAULT_MILESTONES) for text in texts]


def compute_set_based(
    *, year: int, month: int, within: Org | None, only_missing: bool, today: dt.date
) -> tuple[int, list[int]]:
    """Fill the month's values of every computed target (under `within`); the number filled and
    the ids of the targets that turned yellow or red (worse than before)."""
    with grouped_run():
        return _compute(year=year, month=month, within=within, only_missing=only_missing, today=today)


def _compute(
    *, year: int, month: int, within: Org | None, only_missing: bool, today: dt.date
) -> tuple[int, list[int]]:
    with _cursor() as cur:
        cur.execute(
            f"SELECT DISTINCT i.source FROM {_from()} WHERE t.year = %s AND i.source <> 'reported'"
            + (" AND o.path LIKE %s" if within is not None else ""),
            [year] + ([within.path + "%"] if within is not None else []),
        )
        keys = sorted(row[0] for row in cur.fetchall())
    texts, shares = _shares(year, month)
    filled = 0
    worse: list[int] = []
    for key in keys:
        where, params = _where(year=year, key=key, month=month, within=within, only_missing=only_missing)
        with _cursor() as cur:
            cur.execute(f"SELECT DISTINCT o.id, o.path FROM {_from()} WHERE {where}", params)
            nodes = [Node(pk, path) for pk, path in cur.fetchall()]
        if not nodes:
            continue
        values = {pk: v for pk, v in _values(key, nodes, year, month).items() if v is not None}
        if not values:
            continue
        arrays = [list(values), list(values.values())]
        given = "JOIN unnest(%s::bigint[], %s::numeric[]) AS v(org_id, value) ON v.org_id = t.org_id"
        with _cursor() as cur:
            cur.execute(
                f"INSERT INTO {Report._meta.db_table} "
                "(target_id, month, value, origin, evidence, reported_on, reported_by_id, late, corrections_count) "
                f"SELECT t.id, %s, v.value, %s, '', %s, NULL, false, 0 FROM {_from()} {given} WHERE {where} "
                "ON CONFLICT (target_id, month) DO UPDATE SET value = EXCLUDED.value, origin = EXCLUDED.origin, "
                "reported_on = EXCLUDED.reported_on, late = EXCLUDED.late",
                [month, Origin.COMPUTED, today, *arrays, *params],
            )
            filled += cur.rowcount
            # A later month's value stands: only targets whose latest month is not after this one.
            cur.execute(
                f"""
                WITH s AS (SELECT * FROM unnest(%s::text[], %s::numeric[]) AS s(milestones, share)),
                e AS (
                    SELECT t.id, t.flag AS before, v.value AS actual, t.baseline, t.yellow_margin, t.red_margin,
                           round(t.baseline + (t.value - t.baseline) * s.share / 100, 2) AS due
                    FROM {_from()} {given} JOIN s ON s.milestones = t.milestones::text
                    WHERE {where} AND (t.actual_month IS NULL OR t.actual_month <= %s)
                ),
                c AS (
                    SELECT id, before, actual,
                           CASE WHEN due = baseline THEN 100
                                ELSE greatest(-99999.99, least(99999.99,
                                     round((actual - baseline) * 100 / (due - baseline), 2))) END AS done,
                           yellow_margin, red_margin
                    FROM e
                )
                UPDATE {Target._meta.db_table} AS u
                SET actual = c.actual, actual_month = %s, completion = c.done,
                    flag = CASE WHEN 100 - c.done > c.red_margin THEN 'red'
                                WHEN 100 - c.done > c.yellow_margin THEN 'yellow' ELSE 'green' END
                FROM c WHERE u.id = c.id
                RETURNING u.id, c.before, u.flag
                """,
                [texts, shares, *arrays, *params, month, month],
            )
            worse += [
                pk
                for pk, before, flag in cur.fetchall()
                if flag in (Flag.YELLOW, Flag.RED) and WORSE[flag] > WORSE[before]
            ]
    return filled, worse


class _Lit(NamedTuple):
    pk: int
    owner_name: str
    owner_id: int | None
    parent_owner_name: str | None
    parent_owner_id: int | None
    parent_id: int | None
    org_name: str
    org_parent_id: int | None
    indicator: str
    flag: str
    completion: Decimal
    month: int


def warn_set_based(target_ids: Sequence[int]) -> int:
    """The warnings of a monthly run (as `_warn_many`): a row per target turned yellow or red,
    and one notice per person listing what of theirs did, read and written as plain rows."""
    from gonghui.accounts.models import Role
    from gonghui.services.notify import Notice, send

    if not target_ids:
        return 0
    with _cursor() as cur:
        cur.execute(
            f"""
            SELECT t.id, t.owner_name, t.owner_id, p.owner_name, p.owner_id, t.parent_id, o.name, o.parent_id,
                   i.name, t.flag, t.completion, t.actual_month
            FROM unnest(%s::bigint[]) AS w(id) JOIN {_from()} ON t.id = w.id
            LEFT JOIN {Target._meta.db_table} p ON p.id = t.parent_id
            ORDER BY i.code, i.id, o.path
            """,
            [list(target_ids)],
        )
        lit = [_Lit(*row) for row in cur.fetchall()]
    above = {x.org_parent_id for x in lit if x.parent_id is None and x.org_parent_id}
    officers: dict[int, list[tuple[str, int]]] = {}
    for role in Role.objects.filter(org_id__in=above, kind__in=("admin", "clerk")).select_related("user"):
        officers.setdefault(role.org_id, []).append((role.user.display_name, role.user.pk))
    inbox: dict[tuple[str, int | None], list[_Lit]] = {}
    told: list[str] = []
    for x in lit:
        people: list[tuple[str, int | None]] = [(x.owner_name, x.owner_id)]
        if x.parent_id is not None:
            people.append((x.parent_owner_name or "", x.parent_owner_id))
        else:
            people += officers.get(x.org_parent_id or 0, [])[:3]
        for person in people:
            inbox.setdefault(person, []).append(x)
        told.append("、".join(dict.fromkeys(name for name, _u in people))[:200])
    with _cursor() as cur:
        cur.execute(
            f"INSERT INTO {Warning._meta.db_table} (target_id, month, level, completion, told, at) "
            "SELECT * , now() FROM unnest(%s::bigint[], %s::smallint[], %s::text[], %s::numeric[], %s::text[])",
            [
                [x.pk for x in lit], [x.month for x in lit], [x.flag for x in lit],
                [x.completion for x in lit], told,
            ],
        )  # fmt: skip
    for (name, user_id), xs in inbox.items():
        lines = [f"{x.org_name}「{x.indicator}」{Flag(x.flag).label}（{x.completion}%）" for x in xs[:3]]
        more = f"等{len(xs)}项" if len(xs) > 3 else ""
        text = f"{'；'.join(lines)}{more}落后序时进度，已亮灯预警，请及时推进。"
        send(Notice(kind="target_warning", to_name=name, to_phone="", text=text, user_id=user_id))
    return len(lit)
