"""A month's computed values for a whole province, set-based on PostgreSQL.

Nothing per union or per target passes through Python. For each source, each union's own figure
is one grouped statement over the module's register (the "两个普遍" figures are the units
module's own per-union tallies, copied in once per date), added up the tree in SQL along the
path prefixes (a union's path holds each of its ancestors' paths), and turned into each target's
value in a temporary table. From there one INSERT … SELECT writes every report row, one
UPDATE … FROM every target's latest value, completion and flag, and one INSERT … SELECT every
warning; the notices are one row per person to tell.

The completion and flag follow progress.py exactly: the milestone share of the month is worked
out in Python (the same `share()`) for each distinct milestone list, and the rounding is the
same (half away from zero, to the cent).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

from gonghui.accounts.models import Role, User
from gonghui.kernel.cleaning import today as today_
from gonghui.orgs.models import SEGMENT, Org

from ..models import DEFAULT_MILESTONES, Flag, Indicator, Origin, Report, Target, Warning
from ..progress import month_end, share
from ..sources import _PARTS, SOURCES

TARGET, INDICATOR, ORG, REPORT = (m._meta.db_table for m in (Target, Indicator, Org, Report))
# The per-union figures of the "两个普遍" report a source may read (units.tally.OWN, members).
UNIT_FIGURES = ("units", "should", "built", "covered_employees", "contract_units", "members")
RANK = "CASE {0} WHEN 'red' THEN 2 WHEN 'yellow' THEN 1 ELSE 0 END"


log = logging.getLogger(__name__)


class _Timed:
    """The psycopg cursor under Django's connection (for COPY), each statement's time logged."""

    def __init__(self, cur: Any) -> None:
        self._cur = cur

    def execute(self, sql: str, params: Any = None) -> None:
        started = time.perf_counter()
        self._cur.execute(sql, params)
        log.debug("%7.2f s  %s", time.perf_counter() - started, " ".join(sql.split())[:100])

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cur, name)


@contextmanager
def _cursor() -> Iterator[Any]:
    connection.ensure_connection()
    with connection.cursor() as cur:
        yield _Timed(cur.cursor)


def _temp(cur: Any, name: str, columns: str, select: str = "", params: Any = ()) -> None:
    """A temporary table for this transaction (made afresh if a run before in it left one)."""
    cur.execute(f"DROP TABLE IF EXISTS {name}")
    if select:
        cur.execute(f"CREATE TEMP TABLE {name} ON COMMIT DROP AS {select}", params)
    else:
        cur.execute(f"CREATE TEMP TABLE {name} ({columns}) ON COMMIT DROP")


def _sql(qs: Any) -> tuple[str, tuple[Any, ...]]:
    sql, params = qs.query.sql_with_params()
    return sql, tuple(params)


def _scope(*, year: int, month: int, within: Org | None, only_missing: bool) -> tuple[str, list[Any]]:
    """The computed targets of the run (aliases t, i, o)."""
    sql = "t.year = %s AND i.source <> 'reported'"
    params: list[Any] = [year]
    if within is not None:
        sql += " AND o.path LIKE %s"
        params.append(within.path + "%")
    if only_missing:
        sql += f" AND NOT EXISTS (SELECT 1 FROM {REPORT} r WHERE r.target_id = t.id AND r.month = %s)"
        params.append(month)
    return sql, params


def _unit_figures(cur: Any, on: dt.date) -> None:
    """Each union's own "两个普遍" figures on `on`, counted as the units module counts them (its
    own grouped query of the register, folded here in SQL), and its members copied in."""
    from gonghui.units.report import union_figures_query
    from gonghui.units.selectors import member_counts_provider

    sql, params = _sql(union_figures_query(on=on))
    _temp(
        cur, "gh_targets_unit_own", "",
        f"""
        SELECT org_id, sum(n)::bigint AS units,
               coalesce(sum(n) FILTER (WHERE big), 0)::bigint AS should,
               coalesce(sum(n) FILTER (WHERE big AND cov), 0)::bigint AS built,
               coalesce(sum(e) FILTER (WHERE cov), 0)::bigint AS covered_employees,
               coalesce(sum(n) FILTER (WHERE con), 0)::bigint AS contract_units,
               0::bigint AS members
        FROM ({sql}) AS q GROUP BY org_id
        """,
        params,
    )  # fmt: skip
    if member_counts_provider() is not None:
        from gonghui.members.selectors import member_counts_direct

        zeros = ", ".join("0" for _f in UNIT_FIGURES[:-1])
        members = member_counts_direct(org_ids=None, on=on)  # read before the COPY holds the line
        _temp(cur, "gh_targets_member_own", "org_id bigint, members bigint")
        with cur.copy("COPY gh_targets_member_own (org_id, members) FROM STDIN") as copy:
            for row in members.items():
                copy.write_row(row)
        cur.execute(
            f"INSERT INTO gh_targets_unit_own (org_id, {', '.join(UNIT_FIGURES)}) "
            f"SELECT org_id, {zeros}, members FROM gh_targets_member_own"
        )
    cur.execute("ANALYZE gh_targets_unit_own")


def _own(cur: Any, key: str, year: int, month: int) -> tuple[str, tuple[Any, ...], bool]:
    """The statement giving each union's own (part, whole) of a source, and whether it is a rate."""
    source = SOURCES[key]
    if source.own is not None:
        sql, params = _sql(source.own(year, month))
        return f"SELECT q.org_id, q.part, 0 AS whole FROM ({sql}) AS q(org_id, part)", params, False
    part, whole = _PARTS[key.removeprefix("units.")]
    return (
        f"SELECT org_id, {part} AS part, {whole or 0} AS whole FROM gh_targets_unit_own",
        (),
        whole is not None,
    )


def _value_of(key: str, rate: bool) -> str:
    """A target's value from its union's subtree totals (s): a percentage to the cent, half up,
    none when there is nothing to divide by; or the total itself (0 when nothing was found)."""
    if rate:
        return "CASE WHEN coalesce(s.whole, 0) = 0 THEN NULL ELSE round(s.part * 100.0 / s.whole, 2) END"
    return "round(coalesce(s.part, 0), 2)"


def compute_set_based(
    *, year: int, month: int, within: Org | None, only_missing: bool, today: dt.date
) -> tuple[int, int]:
    """Fill the month's values of every computed target (under `within`) and warn of those that
    turned yellow or red: the number filled and the number of warnings."""
    where, params = _scope(year=year, month=month, within=within, only_missing=only_missing)
    joined = f"{TARGET} t JOIN {INDICATOR} i ON i.id = t.indicator_id JOIN {ORG} o ON o.id = t.org_id"
    with _cursor() as cur:
        cur.execute("SET LOCAL jit = off")
        cur.execute("SET LOCAL work_mem = '64MB'")
        cur.execute(f"SELECT DISTINCT i.source FROM {joined} WHERE {where}", params)
        keys = sorted(row[0] for row in cur.fetchall() if row[0] in SOURCES)
        _temp(cur, "gh_targets_value", "target_id bigint PRIMARY KEY, value numeric(16, 2)")
        if any(SOURCES[k].own is None for k in keys):
            _unit_figures(cur, min(month_end(year, month), today_()))
        for key in keys:
            own, own_params, rate = _own(cur, key, year, month)
            # Each union's figure added into itself and every union above it: the prefixes of its path.
            _temp(
                cur, "gh_targets_sub", "",
                f"""
                SELECT a.id AS org_id, sum(v.part) AS part, sum(v.whole) AS whole
                FROM ({own}) AS v JOIN {ORG} d ON d.id = v.org_id
                CROSS JOIN LATERAL generate_series({SEGMENT}, length(d.path), {SEGMENT}) AS g(n)
                JOIN {ORG} a ON a.path = substr(d.path, 1, g.n)
                GROUP BY a.id
                """,
                own_params,
            )  # fmt: skip
            cur.execute("ANALYZE gh_targets_sub")
            cur.execute(
                f"""
                INSERT INTO gh_targets_value (target_id, value)
                SELECT t.id, {_value_of(key, rate)} AS value
                FROM {joined} LEFT JOIN gh_targets_sub s ON s.org_id = t.org_id
                WHERE {where} AND i.source = %s
                """,
                [*params, key],
            )
        cur.execute("DELETE FROM gh_targets_value WHERE value IS NULL")
        cur.execute("ANALYZE gh_targets_value")
        cur.execute(
            f"INSERT INTO {REPORT} "
            "(target_id, month, value, origin, evidence, reported_on, reported_by_id, late, corrections_count) "
            "SELECT target_id, %s, value, %s, '', %s, NULL, false, 0 FROM gh_targets_value "
            "ON CONFLICT (target_id, month) DO UPDATE SET value = EXCLUDED.value, origin = EXCLUDED.origin, "
            "reported_on = EXCLUDED.reported_on, late = EXCLUDED.late",
            [month, Origin.COMPUTED, today],
        )
        filled = cur.rowcount
        # The share of the way due by the month's end, for each distinct milestone list.
        cur.execute(
            f"SELECT DISTINCT t.milestones::text FROM gh_targets_value v JOIN {TARGET} t ON t.id = v.target_id"
        )
        texts = [row[0] for row in cur.fetchall()]
        shares = [share(month, json.loads(text) or DEFAULT_MILESTONES) for text in texts]
        _temp(cur, "gh_targets_worse", "target_id bigint")
        # A later month's value stands: only targets whose latest month is not after this one.
        cur.execute(
            f"""
            WITH s AS (SELECT * FROM unnest(%s::text[], %s::numeric[]) AS s(milestones, share)),
            e AS (
                SELECT t.id, t.flag AS before, v.value AS actual, t.baseline, t.yellow_margin, t.red_margin,
                       round(t.baseline + (t.value - t.baseline) * s.share / 100, 2) AS due
                FROM gh_targets_value v JOIN {TARGET} t ON t.id = v.target_id JOIN s ON s.milestones = t.milestones::text
                WHERE t.actual_month IS NULL OR t.actual_month <= %s
            ),
            c AS (
                SELECT id, before, actual,
                       CASE WHEN due = baseline THEN 100
                            ELSE greatest(-99999.99, least(99999.99,
                                 round((actual - baseline) * 100 / (due - baseline), 2))) END AS done,
                       yellow_margin, red_margin
                FROM e
            ),
            u AS (
                UPDATE {TARGET} AS u
                SET actual = c.actual, actual_month = %s, completion = c.done,
                    flag = CASE WHEN 100 - c.done > c.red_margin THEN 'red'
                                WHEN 100 - c.done > c.yellow_margin THEN 'yellow' ELSE 'green' END
                FROM c WHERE u.id = c.id
                RETURNING u.id, c.before, u.flag
            )
            INSERT INTO gh_targets_worse (target_id)
            SELECT id FROM u WHERE flag IN ('yellow', 'red') AND {RANK.format("flag")} > {RANK.format("before")}
            """,
            [texts, shares, month, month],
        )
        warned = _warn(cur)
    return filled, warned


def _warn(cur: Any) -> int:
    """The warnings of a monthly run (as `_warn_many`): a row per target turned yellow or red,
    telling its owner and the owner of the target it was split from (or up to three officers of
    the union above); and one notice per person listing what of theirs did."""
    from gonghui.services.notify import Notice, send

    cur.execute("ANALYZE gh_targets_worse")
    role, user = Role._meta.db_table, User._meta.db_table
    _temp(
        cur, "gh_targets_told", "",
        f"""
        SELECT w.target_id, 0 AS rank, t.owner_name AS name, t.owner_id AS user_id
        FROM gh_targets_worse w JOIN {TARGET} t ON t.id = w.target_id
        UNION ALL
        SELECT w.target_id, 1, p.owner_name, p.owner_id
        FROM gh_targets_worse w JOIN {TARGET} t ON t.id = w.target_id JOIN {TARGET} p ON p.id = t.parent_id
        UNION ALL
        SELECT w.target_id, r.n, r.name, r.user_id
        FROM gh_targets_worse w JOIN {TARGET} t ON t.id = w.target_id AND t.parent_id IS NULL
        JOIN {ORG} o ON o.id = t.org_id
        JOIN (
            SELECT r.org_id, r.user_id, coalesce(nullif(u.full_name, ''), u.username) AS name,
                   row_number() OVER (PARTITION BY r.org_id ORDER BY r.id) AS n
            FROM {role} r JOIN {user} u ON u.id = r.user_id WHERE r.kind IN ('admin', 'clerk')
        ) r ON r.org_id = o.parent_id AND r.n <= 3
        """,
    )  # fmt: skip
    cur.execute(
        f"""
        INSERT INTO {Warning._meta.db_table} (target_id, month, level, completion, told, at)
        SELECT t.id, t.actual_month, t.flag, t.completion, left(k.told, 200), now()
        FROM gh_targets_worse w JOIN {TARGET} t ON t.id = w.target_id
        JOIN (
            SELECT target_id, string_agg(name, '、' ORDER BY rank) AS told
            FROM (SELECT target_id, name, min(rank) AS rank FROM gh_targets_told GROUP BY target_id, name) x
            GROUP BY target_id
        ) k ON k.target_id = w.target_id
        """
    )
    warned = cur.rowcount
    labels = {Flag.YELLOW: str(Flag.YELLOW.label), Flag.RED: str(Flag.RED.label)}
    cur.execute(
        f"""
        SELECT k.name, k.user_id, count(*),
               (array_agg(o.name || '「' || i.name || '」' ||
                          CASE t.flag WHEN 'red' THEN %s ELSE %s END || '（' || t.completion || '%%）'
                          ORDER BY i.code, i.id, o.path))[1:3]
        FROM gh_targets_told k JOIN {TARGET} t ON t.id = k.target_id
        JOIN {INDICATOR} i ON i.id = t.indicator_id JOIN {ORG} o ON o.id = t.org_id
        GROUP BY k.name, k.user_id
        ORDER BY k.name, k.user_id
        """,
        [labels[Flag.RED], labels[Flag.YELLOW]],
    )
    for name, user_id, count, lines in cur.fetchall():
        more = f"等{count}项" if count > 3 else ""
        text = f"{'；'.join(lines)}{more}落后序时进度，已亮灯预警，请及时推进。"
        send(Notice(kind="target_warning", to_name=name, to_phone="", text=text, user_id=user_id))
    return warned
