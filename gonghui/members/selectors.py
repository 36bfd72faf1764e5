"""Reads of the member register, always through the scope module."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.http import Http404
from django.utils import timezone

from gonghui.core.models import Job
from gonghui.core.selectors import job_get_for_actor
from gonghui.kernel import scope
from gonghui.kernel.codes import CodeError, id_number_check, id_number_normalize
from gonghui.kernel.context import current_request
from gonghui.kernel.paging import keyset_page
from gonghui.orgs.models import Level, Org

from . import keys
from .choices import COUNTED, HOLDING, Status
from .fields import FieldError, parse_phone
from .models import Member, MemberEvent, MemberLogin, Transfer


def _own(actor: Any, member: Member) -> bool:
    user_id: int | None = getattr(actor, "pk", None)
    return user_id is not None and MemberLogin.objects.filter(member=member, user_id=user_id).exists()


def member_visible(actor: Any, member: Member) -> bool:
    """May the actor open this member's page: an officer over the union, or the member's own login."""
    return scope.can(actor, "view", member.org) or _own(actor, member)


def member_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Member:
    """The member, or PermissionDenied outside the actor's scope (404 when it does not exist).
    A member's own login (perm `self`) gets their own record only."""
    member = Member.objects.select_related("org").filter(pk=pk).first()
    if member is None:
        raise Http404("记录不存在")
    if perm == "view" and member_visible(actor, member):
        return member
    scope.require(actor, perm, member.org)
    return member


def member_seen_as_own(*, actor: Any, member: Member) -> bool:
    """Is the actor looking at their own membership as a member (not as an officer over it)?"""
    return not scope.can(actor, "view", member.org) and _own(actor, member)


# Where member_for_user keeps its answer on the user of a request (see there).
MEMBER_OF_USER = "_gonghui_member_of_user"


def member_for_user(*, user: Any, with_related: tuple[str, ...] = ()) -> Member | None:
    """The record linked to a worker's login (their latest membership), with its union and,
    when the answer is read now, the member's one-to-one relations named in `with_related` (a
    module's own record of the member, such as its card: one query instead of two).

    Within a request the answer is kept on the request's user object, which lives as long as
    the request: the portal's home and the workbench ask it once per module's panel or count.
    `member_link_user` forgets it. Outside a request (jobs, commands) it is read every time."""
    if not getattr(user, "is_authenticated", False):
        return None
    kept = getattr(user, MEMBER_OF_USER, None)
    if kept is not None:
        return kept[0]
    related = ["member__org", *(f"member__{name}" for name in with_related)]
    login = MemberLogin.objects.select_related(*related).filter(user=user).first()
    member = login.member if login is not None else None
    if current_request.get().via != "system":
        setattr(user, MEMBER_OF_USER, (member,))
    return member


def id_number_lookup_key(raw: str) -> str | None:
    """Blind index of a typed ID number (normalised; legacy 15 digits converted), or None."""
    try:
        return keys.id_bidx(id_number_check(raw).number)
    except CodeError:
        n = id_number_normalize(raw)
        return keys.id_bidx(n) if n else None


def phone_lookup_key(raw: str) -> str | None:
    """Blind index of a typed mobile number ("138 1234 5678", "+86 13812345678"), or None."""
    try:
        number = parse_phone(raw)
    except FieldError:
        return None
    return keys.phone_bidx(number)


def member_list_for_actor(
    *,
    actor: Any,
    within: Org | None = None,
    status: str = "",
    name: str = "",
    id_number: str = "",
    phone: str = "",
    after: int | None = None,
    limit: int = 50,
    perm: str = "view",
) -> tuple[list[Member], int | None]:
    """A page of members in register order, keyset-paginated on id (no COUNT of the table).
    Filters: subtree, status, name prefix, exact ID number and exact mobile number (each through
    its blind index); `perm`: only where the actor holds it (approve: the joins they decide)."""
    qs = member_queryset_for_actor(
        actor=actor, within=within, status=status, name=name, id_number=id_number, phone=phone, perm=perm
    )
    return keyset_page(qs.select_related("org"), key="id", after=after, limit=limit)


def member_queryset_for_actor(
    *,
    actor: Any,
    within: Org | None = None,
    status: str = "",
    name: str = "",
    id_number: str = "",
    phone: str = "",
    perm: str = "view",
) -> QuerySet[Member]:
    qs = scope.restrict(Member.objects.all(), actor, perm)
    if within is not None:
        scope.require(actor, "view", within)  # the rows are narrowed to `perm` above
        qs = (
            qs.filter(org__path__startswith=within.path)
            if within.level != "grassroots"
            else qs.filter(org=within)
        )
    if status:
        qs = qs.filter(status=status)
    if name.strip():
        qs = qs.filter(name__startswith=name.strip())
    if id_number.strip():
        key = id_number_lookup_key(id_number)
        # Written as two arms so that each can use its partial index (holders / past members).
        holding = [s.value for s in HOLDING]
        qs = (
            qs.filter(
                Q(id_number_bidx=key, status__in=holding) | Q(id_number_bidx=key) & ~Q(status__in=holding)
            )
            if key
            else qs.none()
        )
    if phone.strip():
        key = phone_lookup_key(phone)
        qs = qs.filter(phone_bidx=key) if key else qs.none()
    return qs


def member_iter_for_export(qs: QuerySet[Member], *, chunk: int = 2000) -> Iterator[Member]:
    """Every row of a (scoped) queryset in id order, fetched by keyset in chunks: a million-row
    export never holds more than one chunk and never uses OFFSET."""
    last = 0
    base = qs.select_related("org").order_by("id")
    while True:
        rows = list(base.filter(id__gt=last)[:chunk])
        if not rows:
            return
        yield from rows
        last = rows[-1].pk


def member_events(member: Member) -> QuerySet[MemberEvent]:
    return member.events.select_related("actor", "org", "other_org").order_by("-on", "-id")


# A worker's own history as their home page tells it: joining, the moves between unions and the
# changes of standing; not the edits of their details, nor the steps of a transfer under way.
HISTORY = (
    MemberEvent.Kind.JOINED,
    MemberEvent.Kind.IMPORTED,
    MemberEvent.Kind.REJECTED,
    MemberEvent.Kind.TRANSFERRED,
    MemberEvent.Kind.MERGED,
    MemberEvent.Kind.RETAINED,
    MemberEvent.Kind.RESTORED,
    MemberEvent.Kind.LEFT,
)


def member_history(member: Member, *, limit: int = 5) -> list[MemberEvent]:
    """The membership's latest changes (HISTORY), newest first, with their unions: one query."""
    qs = member.events.filter(kind__in=HISTORY).select_related("org", "other_org")
    return list(qs.order_by("-on", "-id")[:limit])


def member_counts_by_org(*, org_ids: Iterable[int], on: dt.date | None = None) -> dict[int, int]:
    """Members in the whole subtree of each given org on date `on` (today when None), by org id:
    the register's figure for "两个普遍" (入会率) and ledgers. Unscoped: callers pass orgs they have
    checked. A member counts from the join date (or, without one, the registration date) until
    the day they left; 保留会籍 counts. Members are placed in their union as it is now (a transfer
    moves the whole history)."""
    on = on or timezone.localdate()
    paths = dict(Org.objects.filter(pk__in=list(org_ids)).values_list("pk", "path"))
    member_on = _member_on(on)
    by_length: dict[int, dict[str, int]] = defaultdict(dict)
    for pk, path in paths.items():
        by_length[len(path)][path] = pk
    counts = dict.fromkeys(paths, 0)
    for length, wanted in by_length.items():
        prefix = Substr("org__path", 1, length)
        rows = (
            Member.objects.filter(member_on)
            .annotate(prefix=prefix)
            .filter(prefix__in=list(wanted))
            .values("prefix")
            .annotate(n=Count("id"))
            .values_list("prefix", "n")
        )
        for p, n in rows:
            counts[wanted[p]] = n
    return counts


def _member_on(on: dt.date) -> Q:
    """A member on date `on`: counted from the join date (or, without one, the registration
    date) until the day they left; 保留会籍 counts."""
    return (Q(status__in=list(COUNTED)) | Q(status=Status.LEFT, status_since__gt=on)) & (
        Q(join_date__lte=on) | Q(join_date__isnull=True, created_at__date__lte=on)
    )


def member_counts_direct(*, org_ids: Iterable[int] | None, on: dt.date) -> dict[int, int]:
    """Members on date `on` registered directly in each union (all unions when `org_ids` is
    None), by org id; unions without members are left out. Unscoped: the per-union tallies of
    the "两个普遍" report are built from it."""
    qs = Member.objects.filter(_member_on(on))
    if org_ids is not None:
        qs = qs.filter(org_id__in=list(org_ids))
    return dict(qs.values("org_id").annotate(n=Count("id")).values_list("org_id", "n").order_by())


def member_counts_by_union(*, org_ids: Iterable[int], statuses: Iterable[str] = COUNTED) -> dict[int, int]:
    """Members (now) registered directly in each given union. Unscoped, like the above."""
    rows = (
        Member.objects.filter(org_id__in=list(org_ids), status__in=list(statuses))
        .values("org_id")
        .annotate(n=Count("id"))
        .values_list("org_id", "n")
    )
    return dict(rows)


def member_count_in_subtree(*, org: Org, statuses: Iterable[str] = COUNTED) -> int:
    """Members anywhere under `org` (itself included), now. Unscoped."""
    return Member.objects.filter(org__path__startswith=org.path, status__in=list(statuses)).count()


# ------------------------------------------------------------------------------- transfers


def transfer_get_for_actor(*, actor: Any, pk: int) -> Transfer:
    """Seen by whoever may view either union of the transfer."""
    transfer = Transfer.objects.select_related("member", "from_org", "to_org").filter(pk=pk).first()
    if transfer is None:
        raise Http404("记录不存在")
    if not (scope.can(actor, "view", transfer.from_org) or scope.can(actor, "view", transfer.to_org)):
        raise PermissionDenied("无权查看该转会申请（超出您的管辖范围）")
    return transfer


def transfer_list_for_actor(
    *, actor: Any, open_only: bool = True, todo: bool = False, limit: int = 200
) -> list[Transfer]:
    """Transfers from or to a union the actor sees (open ones only by default); `todo`: only those
    waiting for an answer the actor may give."""
    s = scope.scope_of(actor)
    qs = Transfer.objects.select_related("member", "from_org", "to_org")
    if todo:
        qs = _waiting_for(qs, actor)
    elif not s.superuser:
        q = scope.subtree_q(s.paths("view"), org_field="from_org") | scope.subtree_q(
            s.paths("view"), org_field="to_org"
        )
        qs = qs.filter(q)
    if open_only or todo:
        qs = qs.filter(state__in=Transfer.OPEN)
    return list(qs.order_by("-requested_at", "-id")[:limit])


def _waiting_for(qs: QuerySet[Transfer], actor: Any) -> QuerySet[Transfer]:
    """Open transfers with a side the actor answers for (approve there) that has not answered."""
    qs = qs.filter(state__in=Transfer.OPEN)
    s = scope.scope_of(actor)
    if s.superuser:
        return qs.filter(Q(out_decided_at__isnull=True) | Q(in_decided_at__isnull=True))
    paths = s.paths("approve")
    out = Q(out_decided_at__isnull=True) & scope.subtree_q(paths, org_field="from_org")
    into = Q(in_decided_at__isnull=True) & scope.subtree_q(paths, org_field="to_org")
    return qs.filter(out | into)


# ---------------------------------------------------------------------------- the workbench


def joins_to_decide_count(actor: Any) -> int:
    """待审批入会申请: applications to join a union where the actor decides them (`approve`)."""
    if not scope.scope_of(actor).holds_any("approve"):
        return 0
    return scope.restrict(Member.objects.filter(status=Status.PENDING), actor, "approve").count()


def transfers_to_answer_count(actor: Any) -> int:
    """待办转会申请: open transfers waiting for the answer of a union the actor answers for."""
    if not scope.scope_of(actor).holds_any("approve"):
        return 0
    return _waiting_for(Transfer.objects.all(), actor).count()


def transfer_target_lookup(*, code_or_name: str) -> Org | None:
    """The receiving union of a transfer, found by its exact 统一社会信用代码 or exact full name
    (a clerk must know the union; there is no browsing outside one's scope)."""
    s = code_or_name.strip()
    if not s:
        return None
    qs = Org.objects.filter(level="grassroots", status="active")
    return qs.filter(Q(credit_code=s.upper()) | Q(name=s)).order_by("id").first()


def register_place_for_actor(*, actor: Any, within: Org | None) -> Org | None:
    """The union the register page works on: the one asked for, else the actor's only top
    union (None when the actor sees several)."""
    if within is not None:
        return within
    roots = scope.root_orgs(actor)
    return roots[0] if len(roots) == 1 else None


def import_targets_for_actor(*, actor: Any) -> list[tuple[int, str]]:
    """The unions the actor may import into: the tops of its scope, then its grassroots unions."""
    seen: dict[int, str] = {}
    for org in scope.root_orgs(actor, "edit"):
        seen[org.pk] = (
            f"{org.name}（{org.get_level_display()}，按“所属基层工会”列分配）"
            if org.level != Level.GRASSROOTS
            else org.name
        )
    for org in grassroots_for_actor(actor=actor, limit=300):
        seen.setdefault(org.pk, org.name)
    return list(seen.items())


def import_template_for_actor(*, actor: Any, org: Org) -> bytes:
    """The ledger template of `org` (the importer's columns, with drop-down lists; a union above
    grassroots lists its grassroots unions in the "所属基层工会" column)."""
    from .template import template_xlsx

    scope.require(actor, "edit", org)
    unions = (
        []
        if org.level == Level.GRASSROOTS
        else [o.name for o in grassroots_for_actor(actor=actor, limit=2000) if o.path.startswith(org.path)]
    )
    return template_xlsx(org=org, unions=unions)


def import_job_get_for_actor(*, actor: Any, pk: int) -> Job:
    """A ledger import's job, as `job_get_for_actor` shows jobs; 404 for any other kind."""
    from .jobs import IMPORT_KIND

    job = job_get_for_actor(actor=actor, pk=pk)
    if job.kind != IMPORT_KIND:
        raise Http404("导入任务不存在")
    return job


def grassroots_for_actor(
    *,
    actor: Any,
    perm: str = "edit",
    q: str = "",
    limit: int = 50,
    within: Org | None = None,
    after: str = "",
) -> list[Org]:
    """Grassroots unions the actor may work on (pickers of the join and import pages), in tree
    order: within a union when given, from after a path (the next page)."""
    qs = scope.restrict(Org.objects.filter(level="grassroots", status="active"), actor, perm, org_field="")
    if within is not None:
        qs = qs.filter(path__startswith=within.path)
    if after:
        qs = qs.filter(path__gt=after)
    if q.strip():
        qs = qs.filter(Q(name__contains=q.strip()) | Q(credit_code=q.strip().upper()))
    return list(qs.select_related("parent").order_by("path")[:limit])
