"""Per-union tallies: today's "两个普遍" figures of each union's own ledger, kept exact.

The report for today sums `UnionTally` rows over a subtree (one narrow row per union) instead
of scanning every unit version and every member. Exactness comes from one rule: whatever
changes a unit, a contract or a member recounts the unions it touched from the register
(`tally_refresh`), inside the change's transaction, with the same query a full rebuild uses.

Concurrency (PostgreSQL, READ COMMITTED): a refresh first locks the unions' tally rows in id
order, then counts. A second transaction touching the same union waits for the lock and, once
the first has committed, counts again with a fresh snapshot that includes the first one's
change; no increment is ever lost. A rebuild takes the table in EXCLUSIVE mode (readers go on;
refreshes wait for it and then recount on top of it).

The figures are those of one date (`TallyState.as_of`) and one threshold. Dates matter by
themselves (a contract expires, a member's join date arrives), so a new day makes the tallies
stale: the report then answers from the register and asks the worker for a rebuild
(`manage.py tally_rebuild`, or the job it enqueues).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from django.db import connection, transaction
from django.db.models import Sum
from django.db.models.functions import Substr
from django.utils import timezone

from gonghui.common.jobs import housekeeping, job_enqueue, job_handler
from gonghui.common.models import Job
from gonghui.orgs.models import SEGMENT, Org

from .models import TallyState, UnionTally

REBUILD_JOB = "units.tally_rebuild"
FIGURES = tuple(f.name for f in UnionTally._meta.concrete_fields if f.name != "org")


def _figures_cls() -> Any:
    from .report import Figures

    return Figures


def tally_compute(*, on: dt.date, threshold: int, org_ids: Iterable[int] | None) -> dict[int, Any]:
    """Each union's own figures on `on`, from the register (every union when `org_ids` is None;
    unions with nothing are left out). The one computation behind rebuilds and refreshes."""
    from .report import _aggregate, _fold, _run, _versions_on
    from .selectors import member_counts_provider

    Figures = _figures_cls()
    ids = None if org_ids is None else sorted(set(org_ids))
    qs = _versions_on(on)
    if ids is not None:
        qs = qs.filter(org_id__in=ids)
    out: dict[int, Any] = {}
    for row in _run(_aggregate(qs, "org_id", on=on, threshold=threshold)):
        _fold(out.setdefault(row["org_id"], Figures(members=0)), row)
    if member_counts_provider() is not None:
        from gonghui.members.selectors import member_counts_direct

        for org_id, n in member_counts_direct(org_ids=ids, on=on).items():
            out.setdefault(org_id, Figures(members=0)).members = n
    return out


def tally_state() -> TallyState | None:
    return TallyState.objects.order_by("pk").first()


def tally_fresh(*, on: dt.date, threshold: int) -> bool:
    """Do the tallies hold the figures of `on` at `threshold`?"""
    state = tally_state()
    return state is not None and state.as_of == on and state.threshold == threshold


@transaction.atomic
def tally_rebuild(*, on: dt.date | None = None, threshold: int | None = None) -> TallyState:
    """Recount every union from the register (a new day, a new threshold, or the first time)."""
    from .report import default_threshold

    on = on or timezone.localdate()
    threshold = default_threshold() if threshold is None else threshold
    started = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(f"LOCK TABLE {UnionTally._meta.db_table} IN EXCLUSIVE MODE")
    state = TallyState.objects.select_for_update().order_by("pk").first()
    figures = tally_compute(on=on, threshold=threshold, org_ids=None)
    UnionTally.objects.all().delete()
    UnionTally.objects.bulk_create(
        [UnionTally(org_id=pk, **_values(f)) for pk, f in figures.items()], batch_size=5000
    )
    if state is None:
        state = TallyState(as_of=on, threshold=threshold, rebuilt_at=timezone.now())
    state.as_of, state.threshold, state.rebuilt_at = on, threshold, timezone.now()
    state.seconds = time.perf_counter() - started
    state.save()
    return state


def tally_refresh(*, org_ids: Iterable[int]) -> None:
    """Recount these unions' own figures (call it inside the change's transaction, after the
    change). Nothing to do until the first rebuild."""
    ids = sorted({int(i) for i in org_ids if i is not None})
    if not ids or tally_state() is None:
        return
    with transaction.atomic():
        # Rows first (in id order, like the locks), so that there is something to lock.
        UnionTally.objects.bulk_create([UnionTally(org_id=i) for i in ids], ignore_conflicts=True)
        list(
            UnionTally.objects.select_for_update().filter(org_id__in=ids).order_by("org_id").values("org_id")
        )
        state = tally_state()  # read again under the locks: a rebuild may have just finished
        assert state is not None
        figures = tally_compute(on=state.as_of, threshold=state.threshold, org_ids=ids)
        empty = _figures_cls()(members=0)
        rows = [UnionTally(org_id=i, **_values(figures.get(i, empty))) for i in ids]
        UnionTally.objects.bulk_update(rows, FIGURES, batch_size=1000)


def _values(f: Any) -> dict[str, int]:
    return {name: int(getattr(f, name) or 0) for name in FIGURES}


def tally_buckets(subject: Org) -> dict[str, Any]:
    """The tallies of `subject`'s subtree summed by the path of the subject's child (or the
    subject itself) they fall under: one grouped query over narrow rows."""
    Figures = _figures_cls()
    width = len(subject.path) + SEGMENT
    qs: Any = (
        UnionTally.objects.filter(org__path__startswith=subject.path)
        .annotate(bucket=Substr("org__path", 1, width))
        .values("bucket")
        .annotate(**{name: Sum(name) for name in FIGURES})
        .order_by()
    )
    out: dict[str, Any] = {}
    for row in qs:
        out[row["bucket"]] = Figures(**{f.name: int(row[f.name] or 0) for f in fields(Figures)})
    return out


def tally_rebuild_enqueue() -> Job | None:
    """Ask the worker for a rebuild, once: None when one is already waiting or running."""
    with transaction.atomic():
        if Job.objects.filter(kind=REBUILD_JOB, status__in=(Job.Status.QUEUED, Job.Status.RUNNING)).exists():
            return None
        return job_enqueue(actor=None, kind=REBUILD_JOB, title="重算“两个普遍”统计汇总", params={})


@job_handler(REBUILD_JOB)
def _rebuild_job(job: Job, report: Any) -> dict[str, Any]:
    report(0, None, "正在重算统计汇总")
    state = tally_rebuild()
    return {"as_of": state.as_of.isoformat(), "seconds": round(state.seconds, 2)}


@housekeeping
def tally_keep_fresh() -> None:
    """The worker's check: today's tallies at today's threshold, rebuilt when the day turns."""
    from .report import default_threshold

    if not tally_fresh(on=timezone.localdate(), threshold=default_threshold()):
        tally_rebuild_enqueue()
