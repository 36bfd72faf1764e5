"""Pages that many read and few change, kept for a moment and dropped as soon as data change.

The workbench home and the portal's home each ask every module what waits, what the person has
and what the unions count: some fifty queries. They are kept in each server process, under

- the data generation: a number in the database (`core.Generation`, one row) that moves on
  after every transaction that wrote through the ORM commits (`WriteRouter` sees every save,
  update, delete and bulk write; raw SQL writes happen inside actions that write through the
  ORM too). A process serving the page reads it first (one query); a write committed by any
  process on any machine changes it, and the page is made again;
- this process's own count of writes, moved on before the write: the process that writes
  never serves its own stale copy, even before the commit (and in tests, whose transactions
  never commit);
- the person, the language and the day; and for at most `TTL` seconds, so that what time alone
  changes (a booking that has begun, a deadline passed) is at most that late.

Writes that change nothing a page shows do not move the generation: sessions, sign-in lockouts
and second factors, the task queue and the progress of jobs (`QUIET`).

A second number, the grants generation, moves on only with writes to the rows a person's
grants are made of (`GRANTS`: roles, and the unions they sit on): who may see what is kept in
each process under it (`grants_kept`), and made again at once when a role or the tree changes.

A request reads both numbers once: with its session when it has one (`SessionStore`, one
query for the session, the person and both numbers), else the first time it needs them.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import F, Subquery
from django.utils import timezone
from django.utils.translation import get_language

T = TypeVar("T")

TTL = 60.0
MOST = 4000  # kept pages per process
QUIET = frozenset(
    {
        "sessions", "accounts.session", "axes", "otp_totp", "otp_static", "admin", "contenttypes",
        "django_tasks_database", "django_tasks_db",
        "core.generation", "core.job", "core.periodicslot",
    }
)  # fmt: skip

# The rows of core.Generation: the data's, and the grants' (moved on by writes to `GRANTS` too).
DATA, GRANTS_ROW = 1, 2
# What `accounts.User.scope_grants` reads: a person's roles and the unions they sit on (their
# path in the tree, level and status).
GRANTS = frozenset({"accounts.role", "orgs.org"})
GRANTS_MOST = 20_000  # people whose grants are kept per process

_local = itertools.count(1)
_local_now = 0
_local_grants_now = 0
_pending: ContextVar[frozenset[int]] = ContextVar("gonghui_generation_pending", default=frozenset())
# This request's reading of (data, grants), taken once; None outside a request and before it.
_seen: ContextVar[tuple[int, int] | None] = ContextVar("gonghui_generation_seen", default=None)
_in_request: ContextVar[bool] = ContextVar("gonghui_generation_in_request", default=False)
_lock = threading.Lock()
_kept: dict[tuple[Hashable, ...], tuple[float, Any]] = {}
_grants: dict[tuple[int, int, Hashable], Any] = {}
log = logging.getLogger(__name__)


def _quiet(model: type) -> bool:
    meta = model._meta  # type: ignore[attr-defined]
    return meta.app_label in QUIET or meta.label_lower in QUIET


def _read() -> tuple[int, int]:
    from .models import Generation

    rows = dict(Generation.objects.filter(pk__in=(DATA, GRANTS_ROW)).values_list("pk", "n"))
    return rows.get(DATA) or 0, rows.get(GRANTS_ROW) or 0


def _both() -> tuple[int, int]:
    seen = _seen.get()
    if seen is None:
        seen = _read()
        if _in_request.get():
            _seen.set(seen)
    return seen


def current() -> int:
    """The data generation as committed when this request first asked (outside a request: now)."""
    return _both()[0]


def current_grants() -> int:
    """The grants generation, read as `current` is."""
    return _both()[1]


def columns() -> dict[str, Any]:
    """Both numbers as columns of another query (the session's): `seen` takes them from its row."""
    from .models import Generation

    return {
        f"generation_{pk}": Subquery(Generation.objects.filter(pk=pk).values("n")[:1])
        for pk in (DATA, GRANTS_ROW)
    }


def seen(row: Any) -> None:
    """This request's reading, from a row made with `columns()`."""
    if _in_request.get():
        _seen.set((getattr(row, f"generation_{DATA}") or 0, getattr(row, f"generation_{GRANTS_ROW}") or 0))


def bump(*rows: int) -> None:
    """Move the generation on (after a commit; or by hand after writing in raw SQL alone); the
    grants' too when named."""
    from .models import Generation

    try:
        for pk in rows or (DATA,):
            if not Generation.objects.filter(pk=pk).update(n=F("n") + 1):
                Generation.objects.get_or_create(pk=pk, defaults={"n": 1})
    except DatabaseError as exc:  # the table not migrated yet (a data migration before ours)
        log.info("data generation not moved on: %s", exc)


def _bump_after_commit() -> None:
    bump()


def _bump_grants_after_commit() -> None:
    bump(GRANTS_ROW)


def written(using: str = DEFAULT_DB_ALIAS, *, grants: bool = False) -> None:
    """A write is about to happen: this process's copies are stale now, every process's once it
    commits. `grants`: the write changes who may see what."""
    global _local_now, _local_grants_now
    _local_now = next(_local)
    after = [_bump_after_commit]
    if grants:
        _local_grants_now = _local_now
        after.append(_bump_grants_after_commit)
    conn = connections[using]
    if conn.in_atomic_block:
        for hook in after:
            if not any(entry[1] is hook for entry in conn.run_on_commit):
                transaction.on_commit(hook, using=using, robust=True)
    else:
        # Autocommit: the write commits as it runs, after this. Now, and again when the
        # request ends (outside a request, the TTL bounds the moment in between).
        rows = (DATA, GRANTS_ROW) if grants else (DATA,)
        bump(*rows)
        _pending.set(_pending.get() | frozenset(rows))


def _before_request(**kwargs: Any) -> None:
    # A write made outside a request (a command, a test) is not this request's to count again.
    _pending.set(frozenset())
    _seen.set(None)
    _in_request.set(True)


def _after_request(**kwargs: Any) -> None:
    _seen.set(None)
    _in_request.set(False)
    if _pending.get():
        rows = sorted(_pending.get())
        _pending.set(frozenset())
        bump(*rows)


request_started.connect(_before_request, dispatch_uid="gonghui-generation-before-request")
request_finished.connect(_after_request, dispatch_uid="gonghui-generation-after-request")


class WriteRouter:
    """First in DATABASE_ROUTERS: notes every write and leaves the choice of database to the
    routers after it."""

    def db_for_write(self, model: type, **hints: Any) -> None:
        if not _quiet(model):
            instance = hints.get("instance")
            using = getattr(getattr(instance, "_state", None), "db", None) or DEFAULT_DB_ALIAS
            grants = model._meta.label_lower in GRANTS  # type: ignore[attr-defined]
            written(using if using in connections else DEFAULT_DB_ALIAS, grants=grants)
        return None


def kept(kind: str, key: tuple[Hashable, ...], make: Callable[[], T]) -> T:
    """`make()`, or its result kept from an earlier call with the same kind and key, under the
    same generation, language and day, and not older than TTL seconds."""
    full = (kind, current(), _local_now, get_language(), timezone.localdate(), *key)
    now = time.monotonic()
    hit = _kept.get(full)
    if hit is not None and now - hit[0] < TTL:
        return hit[1]  # type: ignore[no-any-return]
    value = make()
    with _lock:
        if len(_kept) >= MOST:
            for k in [k for k, (at, _v) in _kept.items() if now - at >= TTL or k[1:3] != full[1:3]]:
                del _kept[k]
            if len(_kept) >= MOST:
                _kept.clear()
        _kept[full] = (now, value)
    return value


def _grants_pending(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Has the transaction in hand written roles or unions? Until it commits or rolls back,
    what it reads is its own: neither taken from the kept grants nor kept."""
    conn = connections[using]
    return conn.in_atomic_block and any(entry[1] is _bump_grants_after_commit for entry in conn.run_on_commit)


def grants_kept(key: Hashable, make: Callable[[], T]) -> T:
    """`make()` (a person's grants, immutable), or its result kept under the same grants
    generation: no time limit, for only a write to `GRANTS` changes it."""
    if _grants_pending():
        return make()
    full = (current_grants(), _local_grants_now, key)
    hit = _grants.get(full, _grants)
    if hit is not _grants:
        return hit  # type: ignore[no-any-return]
    value = make()
    with _lock:
        if len(_grants) >= GRANTS_MOST:
            _grants.clear()
        _grants[full] = value
    return value


def forget() -> None:
    """Drop every kept page and grant of this process."""
    with _lock:
        _kept.clear()
        _grants.clear()
