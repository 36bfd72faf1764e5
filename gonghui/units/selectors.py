"""Reads of units and contracts, always through the scope module."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet, Sum

from gonghui.kernel import cleaning, scope
from gonghui.kernel.codes import CodeError, credit_code_check
from gonghui.kernel.paging import keyset_page
from gonghui.orgs.models import Level, Org, Status

# The org lookups live once, in orgs.selectors; other modules (services) still import them from
# here.
from .models import CollectiveContract, ContractKind, UnionTally, Unit, UnitStatus, UnitVersion
from .tally import tally_state


@dataclass(frozen=True)
class UnitFilter:
    """What a list, an export and the API filter units by."""

    within: Org | None = None
    q: str = ""
    industry: str = ""
    unit_type: str = ""
    has_union: bool | None = None
    status: str = UnitStatus.ACTIVE
    # 应建未建: at least this many employees and no active union covering them (0: no such filter).
    to_organise: int = 0


def unit_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Unit:
    """The unit, or PermissionDenied outside the actor's scope (404 when it does not exist)."""
    qs = Unit.objects.select_related("org", "registered_org", "covering_org")
    return scope.get_for(qs, actor, perm, org_field="org", pk=pk)


def units_for_actor(*, actor: Any, f: UnitFilter, perm: str = "view") -> QuerySet[Unit]:
    qs = scope.restrict(Unit.objects.all(), actor, perm, org_field="org")
    if f.within is not None:
        scope.require(actor, perm, f.within)
        qs = qs.filter(org__path__startswith=f.within.path)
    q = f.q.strip()
    if q:
        try:
            qs = qs.filter(credit_code=credit_code_check(q))
        except CodeError:
            qs = qs.filter(name__contains=q)
    if f.industry:
        qs = qs.filter(industry=f.industry)
    if f.unit_type:
        qs = qs.filter(unit_type=f.unit_type)
    if f.has_union is not None:
        qs = qs.filter(covering_org__isnull=not f.has_union)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.to_organise:
        qs = qs.filter(employees__gte=f.to_organise).filter(
            Q(covering_org__isnull=True) | ~Q(covering_org__status=Status.ACTIVE)
        )
    return qs


def unit_list_for_actor(
    *, actor: Any, f: UnitFilter, after: str = "", limit: int = 50
) -> tuple[list[Unit], str | None]:
    """A page of units by credit code, keyset-paginated (no COUNT over the table)."""
    qs = units_for_actor(actor=actor, f=f)
    return keyset_page(
        qs.select_related("org", "covering_org", "registered_org"),
        key="credit_code",
        after=after,
        limit=limit,
    )


def unit_export_iter(*, actor: Any, f: UnitFilter, chunk: int = 2000) -> Iterator[Unit]:
    """Every unit of a scoped list, streamed in credit-code order with bounded memory."""
    qs = units_for_actor(actor=actor, f=f).select_related("covering_org", "registered_org")
    after = ""
    while True:
        rows = list(qs.filter(credit_code__gt=after).order_by("credit_code")[:chunk])
        yield from rows
        if len(rows) < chunk:
            return
        after = rows[-1].credit_code


def unit_versions(unit: Unit) -> QuerySet[UnitVersion]:
    return unit.versions.select_related("org", "covering_org", "registered_org").order_by(
        "-valid_from", "-id"
    )


def unit_contracts(unit: Unit) -> QuerySet[CollectiveContract]:
    return unit.contracts.select_related("org").order_by("-signed_on")


def units_by_codes_for_actor(
    *, actor: Any, codes: Sequence[str], perm: str = "edit"
) -> tuple[list[Unit], list[str]]:
    """Units named by credit code (as typed in a contract form): (found in scope, messages)."""
    found: list[Unit] = []
    problems: list[str] = []
    wanted: list[str] = []
    for raw in codes:
        raw = raw.strip()
        if not raw:
            continue
        try:
            wanted.append(credit_code_check(raw))
        except CodeError as exc:
            problems.append(f"「{raw}」：{exc}")
    qs = scope.restrict(Unit.objects.select_related("org"), actor, perm, org_field="org")
    by_code = {u.credit_code: u for u in qs.filter(credit_code__in=wanted)}
    for code in dict.fromkeys(wanted):
        if code in by_code:
            found.append(by_code[code])
        else:
            problems.append(f"在您的管辖范围内找不到统一社会信用代码为 {code} 的单位。")
    return found, problems


# ------------------------------------------------------------------------------ contracts


def contract_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> CollectiveContract:
    return scope.get_for(
        CollectiveContract.objects.select_related("org"), actor, perm, org_field="org", pk=pk
    )


def contract_in_force_q(on: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}signed_on__lte": on, f"{prefix}expires_on__gte": on}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": on})
    )


def contracts_for_actor(
    *,
    actor: Any,
    within: Org | None = None,
    kind: str = "",
    in_force_on: dt.date | None = None,
    expires_by: dt.date | None = None,
    perm: str = "view",
) -> QuerySet[CollectiveContract]:
    """Contracts concluded by unions in the actor's scope (and under `within`); `expires_by`:
    only those expiring on or before that date."""
    qs = scope.restrict(CollectiveContract.objects.all(), actor, perm, org_field="org")
    if within is not None:
        scope.require(actor, perm, within)
        qs = qs.filter(org__path__startswith=within.path)
    if kind in ContractKind.values:
        qs = qs.filter(kind=kind)
    if in_force_on is not None:
        qs = qs.filter(contract_in_force_q(in_force_on))
    if expires_by is not None:
        qs = qs.filter(expires_on__lte=expires_by)
    return qs


def contract_list_for_actor(
    *,
    actor: Any,
    within: Org | None = None,
    kind: str = "",
    in_force_on: dt.date | None = None,
    expires_by: dt.date | None = None,
    before_id: int | None = None,
    limit: int = 50,
) -> tuple[list[CollectiveContract], int | None]:
    """A page of contracts, newest first, keyset on id."""
    qs = contracts_for_actor(
        actor=actor, within=within, kind=kind, in_force_on=in_force_on, expires_by=expires_by
    )
    return keyset_page(qs.select_related("org"), key="-id", after=before_id, limit=limit)


def contract_export_iter(*, actor: Any, chunk: int = 1000, **filters: Any) -> Iterator[CollectiveContract]:
    """Every contract of a scoped list, newest first, in chunks (with their units)."""
    qs = contracts_for_actor(actor=actor, **filters).select_related("org").prefetch_related("units")
    before: int | None = None
    while True:
        page = qs.filter(id__lt=before) if before else qs
        rows = list(page.order_by("-id")[:chunk])
        yield from rows
        if len(rows) < chunk:
            return
        before = rows[-1].pk


# ------------------------------------------------------------------------ the workbench's to-dos

EXPIRING_DAYS = 90  # a contract is renegotiated in the months before it expires


def expiring_window(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """(today, the last day of the window): contracts in force today that expire by then."""
    today = today or cleaning.today()
    return today, today + dt.timedelta(days=EXPIRING_DAYS)


def contracts_expiring_count(actor: Any) -> int:
    """Contracts in force today that expire within 90 days, concluded by unions where the
    actor may register the next one."""
    today, by = expiring_window()
    return contracts_for_actor(actor=actor, in_force_on=today, expires_by=by, perm="edit").count()


def units_to_organise_count(actor: Any) -> int:
    """Units that should have a union (enough employees) and have none (应建未建), in the
    ledgers the actor keeps: one tally row per top union of the actor's scope (the province
    holds 400,000 units); counted from the register only before the first tally rebuild."""
    from .report import default_threshold

    threshold = default_threshold()
    state = tally_state()
    if state is None or state.threshold != threshold:
        f = UnitFilter(to_organise=threshold)
        return units_for_actor(actor=actor, f=f, perm="edit").count()
    roots = scope.root_orgs(actor, "edit")
    got = UnionTally.objects.filter(org__in=roots).aggregate(should=Sum("sub_should"), built=Sum("sub_built"))
    return int(got["should"] or 0) - int(got["built"] or 0)


# ----------------------------------------------------------------------------------- orgs


def grassroots_names_for_actor(*, actor: Any, org: Org, limit: int = 5000) -> list[str]:
    """The active grassroots unions under `org` (for the template's drop-down list)."""
    scope.require(actor, "view", org)
    qs = Org.objects.filter(path__startswith=org.path, level=Level.GRASSROOTS, status=Status.ACTIVE)
    return list(qs.order_by("path").values_list("name", flat=True)[:limit])


# -------------------------------------------------------------------------------- members

MemberCounts = Callable[..., dict[int, int]]


def member_counts_provider() -> MemberCounts | None:
    """The member register's counter, once `gonghui.members` provides one with the contract
    below (`org_ids` and a date `on`); None until then."""
    import inspect

    try:
        from gonghui.members.selectors import member_counts_by_org as counts
    except ImportError:
        return None
    try:
        params = inspect.signature(counts).parameters
    except (TypeError, ValueError):
        return None
    if "org_ids" not in params or "on" not in params:
        return None  # an earlier shape (per union, undated): not the figure the report needs
    return counts


def member_counts_by_org(org_ids: Sequence[int], *, on: dt.date) -> dict[int, int]:
    """Members in the whole subtree of each given union on date `on`, by org id: the
    numerator of 入会率.

    Expected from the member register as
    `gonghui.members.selectors.member_counts_by_org(*, org_ids, on) -> dict[int, int]`
    (unscoped: the report has checked the subtree). Until it exists, nothing is counted and
    the report shows 入会率 as "—"."""
    counts = member_counts_provider()
    if counts is None:
        return {}
    return counts(org_ids=list(org_ids), on=on)
