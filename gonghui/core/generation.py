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
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language

T = TypeVar("T")

TTL = 60.0
MOST = 4000  # kept pages per process
QUIET = frozenset(
    {
        "sessions", "axes", "otp_totp", "otp_static", "admin", "contenttypes",
        "django_tasks_database", "django_tasks_db",
        "core.generation", "core.job", "core.periodicslot",
    }
)  # fmt: skip

_local = itertools.count(1)
_local_now = 0
_pending: ContextVar[bool] = ContextVar("gonghui_generation_pending", default=False)
_lock = threading.Lock()
_kept: dict[tuple[Hashable, ...], tuple[float, Any]] = {}
log = logging.getLogger(__name__)


def _quiet(model: type) -> bool:
    meta = model._meta  # type: ignore[attr-defined]
    return meta.app_label in QUIET or meta.label_lower in QUIET


def current() -> int:
    """The data generation as committed now."""
    from .models import Generation

    return Generation.objects.filter(pk=1).values_list("n", flat=True).first() or 0


def bump() -> None:
    """Move the generation on (after a commit; or by hand after writing in raw SQL alone)."""
    from .models import Generation

    try:
        if not Generation.objects.filter(pk=1).update(n=F("n") + 1):
            Generation.objects.get_or_create(pk=1, defaults={"n": 1})
    except DatabaseError as exc:  # the table not migrated yet (a data migration before ours)
        log.info("data generation not moved on: %s", exc)


def _bump_after_commit() -> None:
    bump()


def written(using: str = DEFAULT_DB_ALIAS) -> None:
    """A write is about to happen: this process's copies are stale now, every process's once it
    commits."""
    global _local_now
    _local_now = next(_local)
    conn = connections[using]
    if conn.in_atomic_block:
        if not any(entry[1] is _bump_after_commit for entry in conn.run_on_commit):
            transaction.on_commit(_bump_after_commit, using=using, robust=True)
    else:
        # Autocommit: the write commits as it runs, after this. Now, and again when the
        # request ends (outside a request, the TTL bounds the moment in between).
        bump()
        _pending.set(True)


def _before_request(**kwargs: Any) -> None:
    # A write made outside a request (a command, a test) is not this request's to count again.
    _pending.set(False)


def _after_request(**kwargs: Any) -> None:
    if _pending.get():
        _pending.set(False)
        bump()


request_started.connect(_before_request, dispatch_uid="gonghui-generation-before-request")
request_finished.connect(_after_request, dispatch_uid="gonghui-generation-after-request")


class WriteRouter:
    """First in DATABASE_ROUTERS: notes every write and leaves the choice of database to the
    routers after it."""

    def db_for_write(self, model: type, **hints: Any) -> None:
        if not _quiet(model):
            instance = hints.get("instance")
            using = getattr(getattr(instance, "_state", None), "db", None) or DEFAULT_DB_ALIAS
            written(using if using in connections else DEFAULT_DB_ALIAS)
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


def forget() -> None:
    """Drop every kept page of this process."""
    with _lock:
        _kept.clear()
