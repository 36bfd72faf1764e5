"""Per-union tallies: today's "两个普遍" figures of each union's own ledger and of its whole
subtree, kept exact.

The report for today reads one `UnionTally` row per child (its subtree's figures) and the
subject's own row, instead of scanning every unit version and every member. Exactness comes
from two rules:
- whatever changes a unit, a contract or a member recounts the unions it touched from the
  register (`tally_refresh`), with the same query a full rebuild uses, and adds the difference
  to the subtree figures of each of them and of all their ancestors;
- a sub-union that moves (`org_move`, a merge, a split) takes its subtree's figures from its old
  ancestors to its new ones (`tally_follow_relocation`).
Both run inside the change's transaction.

Concurrency (PostgreSQL, READ COMMITTED): a refresh first locks the tally rows of the touched
unions and of all their ancestors, in path order (so two changes never wait on each other in
a circle), then counts. A second transaction touching the same rows waits for the lock and,
once the first has committed, reads the rows and counts again with a fresh snapshot that
includes the first one's change: no difference is ever lost. The province's row is shared by
every change, so changes queue there for the moment between their recount and their commit.
If a union moved while a refresh waited, the refresh sees the new path and locks again. A
rebuild takes the table in EXCLUSIVE mode (readers go on; refreshes wait and then apply their
difference on top of it).

The figures are those of one date (`TallyState.as_of`) and one threshold. Dates matter by
themselves (a contract expires, a member's join date arrives), so a new day makes the tallies
stale: the report then answers from the register, and the worker's housekeeping rebuilds them
(or `manage.py tally_rebuild`).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from gonghui.core.jobs import job_enqueue
from gonghui.core.models import Job
from gonghui.orgs.models import SEGMENT, Org

from .models import TallyState, UnionTally

REBUILD_JOB = "units.tally_rebuild"
OWN = (
    "units", "should", "built", "covered_units", "employees", "women", "migrants", "covered_employees",
    "contract_units", "contract_employees", "members",
)  # fmt: skip
SUB = tuple(f"sub_{name}" for name in OWN)
FIGURES = OWN  # the names shared with `report.Figures`


def _figures_cls() -> Any:
    from .report import Figures

    return Figures


def tally_compute(*, on: dt.date, threshold: int, org_ids: Iterable[int] | None) -> dict[int, Any]:
    """Each union's own figures on `on`, from the register (every union when `org_ids` is None;
    unions with nothing are left out). The one computation behind rebuilds and refreshes."""
    from .report import _fold, _run, union_figures_query
    from .selectors import member_counts_provider

    Figures = _figures_cls()
    ids = None if org_ids is None else sorted(set(org_ids))
    out: dict[int, Any] = {}
    for row in _run(union_figures_query(on=on, threshold=threshold, org_ids=ids)):
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


def _prefixes(path: str) -> list[str]:
    """The paths of a node's ancestors, root first, and its own."""
    return [path[:i] for i in range(SEGMENT, len(path) + 1, SEGMENT)]


def _vector(f: Any) -> list[int]:
    return [int(getattr(f, name) or 0) for name in OWN]


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
    own = {pk: _vector(f) for pk, f in tally_compute(on=on, threshold=threshold, org_ids=None).items()}
    paths = dict(Org.objects.filter(pk__in=list(own)).values_list("pk", "path"))
    wanted = {p for path in paths.values() for p in _prefixes(path)}
    by_path = dict(Org.objects.filter(path__in=wanted).values_list("path", "pk"))
    width = len(OWN)
    sub: dict[int, list[int]] = {}
    for pk, figures in own.items():
        for prefix in _prefixes(paths[pk]):
            node = by_path.get(prefix)
            if node is not None:
                total = sub.setdefault(node, [0] * width)
                for k in range(width):
                    total[k] += figures[k]
    zero = [0] * width
    UnionTally.objects.all().delete()
    UnionTally.objects.bulk_create(
        [
            UnionTally(org_id=pk, **dict(zip(OWN, own.get(pk, zero), strict=True)),
                       **dict(zip(SUB, sub.get(pk, zero), strict=True)))
            for pk in sorted(set(own) | set(sub))
        ],
        batch_size=5000,
    )  # fmt: skip
    if state is None:
        state = TallyState(as_of=on, threshold=threshold, rebuilt_at=timezone.now())
    state.as_of, state.threshold, state.rebuilt_at = on, threshold, timezone.now()
    state.seconds = time.perf_counter() - started
    state.save()
    return state


def _chains(org_ids: Iterable[int]) -> dict[int, list[int]]:
    """Each union's own id and its ancestors' ids, root first, from today's paths."""
    paths = dict(Org.objects.filter(pk__in=list(org_ids)).values_list("pk", "path"))
    wanted = {p for path in paths.values() for p in _prefixes(path)}
    by_path = dict(Org.objects.filter(path__in=wanted).values_list("path", "pk"))
    return {pk: [by_path[p] for p in _prefixes(path) if p in by_path] for pk, path in paths.items()}


def _lock(org_ids: set[int]) -> dict[int, UnionTally]:
    """The tally rows of these unions, created when missing and locked in path order."""
    ordered = list(Org.objects.filter(pk__in=org_ids).order_by("path").values_list("pk", flat=True))
    UnionTally.objects.bulk_create([UnionTally(org_id=i) for i in ordered], ignore_conflicts=True)
    rows = UnionTally.objects.select_for_update(of=("self",)).filter(org_id__in=ordered).order_by("org__path")
    return {row.org_id: row for row in rows}


def tally_refresh(*, org_ids: Iterable[int]) -> None:
    """Recount these unions' own figures and carry the difference up to their ancestors (call
    it inside the change's transaction, after the change). Nothing to do before the first
    rebuild."""
    ids = sorted({int(i) for i in org_ids if i is not None})
    if not ids or tally_state() is None:
        return
    with transaction.atomic():
        rows: dict[int, UnionTally] = {}
        for _attempt in range(5):
            chains = _chains(ids)
            need = {a for chain in chains.values() for a in chain}
            if need <= set(rows):
                break
            rows = _lock(need)  # a union may have moved while we waited: look at the paths again
        else:
            raise RuntimeError("组织树在统计时反复调整，请稍后重试。")
        state = tally_state()  # read again under the locks: a rebuild may have just finished
        assert state is not None
        counted = tally_compute(on=state.as_of, threshold=state.threshold, org_ids=ids)
        empty = _figures_cls()(members=0)
        changed: set[int] = set()
        for i in ids:
            row, new = rows[i], _vector(counted.get(i, empty))
            delta = [n - int(getattr(row, name)) for name, n in zip(OWN, new, strict=True)]
            if not any(delta):
                continue
            for name, n in zip(OWN, new, strict=True):
                setattr(row, name, n)
            for a in chains[i]:
                for name, d in zip(SUB, delta, strict=True):
                    setattr(rows[a], name, getattr(rows[a], name) + d)
                changed.add(a)
        if changed:
            UnionTally.objects.bulk_update([rows[a] for a in sorted(changed)], OWN + SUB, batch_size=1000)


def tally_follow_relocation(*, org_id: int, old_path: str, new_path: str) -> None:
    """A sub-union moved from `old_path` to `new_path` (its subtree with it): its subtree's
    figures leave its old ancestors and join the new ones. Inside the move's transaction."""
    if tally_state() is None or not UnionTally.objects.filter(org_id=org_id).exists():
        return
    old_chain = dict(Org.objects.filter(path__in=_prefixes(old_path)[:-1]).values_list("path", "pk"))
    new_chain = dict(Org.objects.filter(path__in=_prefixes(new_path)[:-1]).values_list("path", "pk"))
    rows = _lock({org_id, *old_chain.values(), *new_chain.values()})
    moved = [int(getattr(rows[org_id], name)) for name in SUB]
    if not any(moved):
        return
    for sign, chain in ((-1, old_chain), (1, new_chain)):
        for a in chain.values():
            for name, n in zip(SUB, moved, strict=True):
                setattr(rows[a], name, getattr(rows[a], name) + sign * n)
    touched = sorted(set(old_chain.values()) | set(new_chain.values()))
    UnionTally.objects.bulk_update([rows[a] for a in touched], SUB, batch_size=1000)


def tally_figures(subject: Org, child_ids: Sequence[int]) -> tuple[Any, dict[int, Any]]:
    """The subject's own figures, and each child's subtree figures by child id, read from their
    rows. A child without a row yet is left out."""
    Figures = _figures_cls()
    own = UnionTally.objects.filter(org_id=subject.pk).values_list(*OWN).first()
    if connection.vendor == "postgresql":
        # One array of ids, one primary-key probe per child, whatever the planner would guess
        # about a parent's fan-out (joined by parent, a town with 3,000 children gets a hashed or
        # parallel scan of every union's row); and no thousand placeholders to build.
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT org_id, {', '.join(SUB)} FROM {UnionTally._meta.db_table} WHERE org_id = ANY(%s)",
                [list(child_ids)],
            )
            subs = cur.fetchall()
    else:
        subs = list(UnionTally.objects.filter(org_id__in=child_ids).values_list("org_id", *SUB))
    return (Figures(*own) if own else Figures(members=0)), {row[0]: Figures(*row[1:]) for row in subs}


def tally_subtree_members(org: Org) -> int:
    """Members in the union's whole subtree today (0 before the first rebuild)."""
    row = UnionTally.objects.filter(org=org).values_list("sub_members", flat=True).first()
    return int(row or 0)


def tally_rebuild_enqueue() -> Job | None:
    """Ask the worker for a rebuild, once: None when one is already waiting or running."""
    with transaction.atomic():
        if Job.objects.filter(kind=REBUILD_JOB, status__in=(Job.Status.QUEUED, Job.Status.RUNNING)).exists():
            return None
        return job_enqueue(actor=None, kind=REBUILD_JOB, title="重算“两个普遍”统计汇总", params={})


def tally_rebuild_job(job: Job, report: Any) -> dict[str, Any]:
    report(0, None, gettext_noop("正在重算统计汇总"))
    state = tally_rebuild()
    return {"as_of": state.as_of.isoformat(), "seconds": round(state.seconds, 2)}


def tally_keep_fresh() -> None:
    """The worker's check: today's tallies at today's threshold, rebuilt when the day turns."""
    from .report import default_threshold

    if not tally_fresh(on=timezone.localdate(), threshold=default_threshold()):
        tally_rebuild_enqueue()
