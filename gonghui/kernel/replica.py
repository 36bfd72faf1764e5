"""Reads of reports and exports from a read replica; everything else, and every write, on the primary.

A replica is configured by `DATABASE_REPLICA_URL` (config/database.py): the settings then hold a
second alias, named by `GONGHUI_READ_REPLICA`. Without it this module changes nothing.

Which reads may go to the replica is decided per piece of work, never per query:

- a GET of a page or download named in `GONGHUI_REPLICA_VIEWS` ("units:report", "members:export"
  …): the middleware marks the request before the view runs (and keeps the mark while a streamed
  download is being written, after the view has returned);
- a view may opt in itself with the decorator `@replica_reads` (its GETs only);
- code outside a request (a job building an export) opts in with `with reading_from_replica():`.

A marked piece of work still reads the primary when
- the person is pinned: they wrote something in the last `GONGHUI_PIN_AFTER_WRITE_SECONDS`
  (a cookie the middleware sets after every POST, PUT, PATCH or DELETE and after any other request
  that wrote), so that whoever has just saved a record sees it in the report they open next, even
  while the replica is a few seconds behind;
- the read is inside a transaction (it belongs with the writes around it);
- the model is one the request itself depends on (`PRIMARY_ONLY_APPS`: sessions, accounts and
  roles, lockouts, second factors, the task queue), which must never be seen stale.

Why marked work and not "every read of a GET": most pages are read just before a person edits
what they show, or are the page a form redirects to; a stale copy there would make a saved record
appear lost. Reports and exports are read-only summaries over many rows, where a few seconds of lag
is harmless and their cost is what a replica should carry.

A write inside marked work (an export's audit row) goes to the primary as always; it neither pins
the person nor moves the rest of the work to the primary: it is the record of the read, not the
person's own work they will look for.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

PIN_COOKIE = "gonghui_primary"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Read on the primary whatever the work: what every request depends on, and the queue.
PRIMARY_ONLY_APPS = frozenset(
    {
        "sessions", "auth", "accounts", "contenttypes", "admin", "axes", "otp_totp", "otp_static",
        "django_tasks_database", "django_tasks_db",
    }
)  # fmt: skip


@dataclass
class Reads:
    replica: bool = False  # this work may read from the replica
    pinned: bool = False  # the person wrote recently: read the primary
    wrote: bool = False  # something outside marked work was written (pins the person)


_reads: ContextVar[Reads | None] = ContextVar("gonghui_reads", default=None)


def replica_alias() -> str | None:
    """The replica's database alias, or None when no replica is configured."""
    return getattr(settings, "GONGHUI_READ_REPLICA", None) or None


def pin_seconds() -> int:
    return int(getattr(settings, "GONGHUI_PIN_AFTER_WRITE_SECONDS", 15))


@contextlib.contextmanager
def reading_from_replica() -> Iterator[None]:
    """Reads inside may be served by the replica (unless pinned, or inside a transaction)."""
    state = _reads.get()
    if state is None:
        token = _reads.set(Reads(replica=True))
        try:
            yield
        finally:
            _reads.reset(token)
        return
    before, state.replica = state.replica, True
    try:
        yield
    finally:
        state.replica = before


def replica_reads(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A view whose GET reads (and streamed answer) may be served by the replica."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        with reading_from_replica():
            state = _reads.get()
            response = view(request, *args, **kwargs)
        return _streamed_from_replica(response, state)

    wrapped.__name__ = getattr(view, "__name__", "view")
    wrapped.__doc__ = view.__doc__
    wrapped.__wrapped__ = view  # type: ignore[attr-defined]
    return wrapped


def _streamed_from_replica(response: HttpResponseBase, state: Reads | None) -> HttpResponseBase:
    """A streamed answer is written after the view returns: its chunks are made under the same
    marks (replica, pinned) as the view."""
    if response.streaming and not isinstance(response, FileResponse):
        chunks = iter(response.streaming_content)  # type: ignore[attr-defined]
        marks = Reads(replica=True, pinned=state.pinned if state else False)

        def within() -> Iterator[bytes]:
            while True:
                token = _reads.set(marks)
                try:
                    chunk = next(chunks)
                except StopIteration:
                    return
                finally:
                    _reads.reset(token)
                yield chunk

        response.streaming_content = within()  # type: ignore[attr-defined]
    return response


class Router:
    """DATABASE_ROUTERS entry: reads of marked work to the replica, every write to the primary."""

    def db_for_read(self, model: type, **hints: Any) -> str | None:
        alias = replica_alias()
        if alias is None:
            return None
        state = _reads.get()
        if (
            state is None
            or not state.replica
            or state.pinned
            or model._meta.app_label in PRIMARY_ONLY_APPS  # type: ignore[attr-defined]
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return alias

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        state = _reads.get()
        if state is not None and not state.replica:
            state.wrote = True
        return None if replica_alias() is None else DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == replica_alias() else None


class ReplicaMiddleware:
    """Reads the pin cookie, marks the GETs of GONGHUI_REPLICA_VIEWS, pins after a write.

    Goes after the authentication middleware: the person and their session are read (on the
    primary) before a marked view runs. Without a replica configured it does nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if replica_alias() is None:
            return self.get_response(request)
        state = Reads(pinned=_pinned(request))
        token = _reads.set(state)
        try:
            response = self.get_response(request)
        finally:
            _reads.reset(token)
        if request.method in UNSAFE or state.wrote:
            seconds = pin_seconds()
            if seconds > 0:
                response.set_cookie(
                    PIN_COOKIE, str(int(time.time()) + seconds), max_age=seconds, httponly=True,
                    samesite="Lax", secure=bool(getattr(settings, "SESSION_COOKIE_SECURE", False)),
                )  # fmt: skip
        if state.replica:
            return _streamed_from_replica(response, state)  # type: ignore[return-value]
        return response

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> None:
        state = _reads.get()
        match = request.resolver_match
        if state is None or request.method not in ("GET", "HEAD") or match is None:
            return None
        if match.view_name in set(getattr(settings, "GONGHUI_REPLICA_VIEWS", ())):
            user = getattr(request, "user", None)
            if user is not None:
                user.is_authenticated  # noqa: B018 (loads the person from the primary now)
            state.replica = True
        return None


def _pinned(request: HttpRequest) -> bool:
    """The pin cookie holds when it ends (Unix seconds); a forged one only costs its bearer the
    replica."""
    try:
        until = int(request.COOKIES.get(PIN_COOKIE, "0"))
    except ValueError:
        return False
    return until > time.time()
