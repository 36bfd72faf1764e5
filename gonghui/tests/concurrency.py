"""Races on PostgreSQL: many threads, each with its own connection, released at once.

    outcomes = race([lambda a=a: actions.application_approve(actor=clerk, application=a) for a in waiting])
    assert outcomes.count("ok") == 150

Each job's outcome is "ok", or the Chinese message of the ValidationError it was refused with
(several messages joined by "；"); any other exception fails the test. Tests that race must commit
for real (`CONCURRENT` below: PostgreSQL only, a transactional database).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

T = TypeVar("T")

CONCURRENT = [
    pytest.mark.postgresql,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency is proved on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def concurrent(test: T) -> T:
    """The marks of `CONCURRENT` on one test, in a module whose other tests need none."""
    for mark in reversed(CONCURRENT):
        test = mark(test)
    return test


# Starting a few hundred threads on a loaded two-core machine can take a while; the barrier only
# gives up when something is truly stuck.
START_TIMEOUT = 300


def race(jobs: Sequence[Callable[[], Any]]) -> list[str]:
    """Run every job in its own thread, all released together; their outcomes in job order."""
    barrier = threading.Barrier(len(jobs), timeout=START_TIMEOUT)

    def run(job: Callable[[], Any]) -> str:
        try:
            barrier.wait()
            job()
            return "ok"
        except ValidationError as exc:
            return "；".join(exc.messages)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))
