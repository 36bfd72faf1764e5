"""Reads of the assistance module, always through the scope module."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import scope
from gonghui.kernel.codes import CodeError, id_number_check
from gonghui.kernel.paging import keyset_page
from gonghui.members.keys import id_bidx
from gonghui.orgs.models import Org

from .models import (
    Application,
    ApprovalRule,
    Attachment,
    Batch,
    FamilyMember,
    Fund,
    FundEntry,
    Household,
    Payment,
    SubsistenceLine,
)

STALE_DAYS = 365


# ------------------------------------------------------------------------ members (read-only)


def member_for_id_bidx(key: str) -> Any:
    """The member register's current membership of this person, if any (read-only use)."""
    from gonghui.members.choices import HOLDING
    from gonghui.members.models import Member

    return Member.objects.filter(id_number_bidx=key, status__in=[s.value for s in HOLDING]).first()


def _member_of(user: Any) -> Any:
    from gonghui.members.selectors import member_for_user

    return member_for_user(user=user)


def own_household_for_user(*, user: Any) -> Household | None:
    """A worker's own file: the one whose worker has the ID of the worker's membership."""
    member = _member_of(user)
    if member is None:
        return None
    return (
        Household.objects.select_related("org")
        .filter(id_bidx=member.id_number_bidx)
        .exclude(status=Household.Status.MERGED)
        .order_by("-id")
        .first()
    )


def is_own_household(*, user: Any, household: Household) -> bool:
    member = _member_of(user)
    return member is not None and member.id_number_bidx == household.id_bidx


# ----------------------------------------------------------------------------- households


def household_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Household:
    qs = Household.objects.select_related("org", "filed_by", "reviewed_by", "member", "merged_into")
    return scope.get_for(qs, actor, perm, org_field="org", pk=pk)


@dataclass(frozen=True)
class HouseholdFilter:
    within: Org | None = None
    q: str = ""
    tier: str = ""
    cause: str = ""
    status: str = Household.Status.ACTIVE
    stale: bool = False  # 一年以上未更新
    never_assisted: bool = False  # 从未获得帮扶
    due: bool = False  # 待年度复核


def households_for_actor(*, actor: Any, f: HouseholdFilter, perm: str = "view") -> QuerySet[Household]:
    qs = scope.restrict(Household.objects.all(), actor, perm)
    if f.within is not None:
        scope.require(actor, perm, f.within)
        qs = qs.filter(org__path__startswith=f.within.path)
    q = f.q.strip()
    if q:
        try:
            qs = qs.filter(
                Q(id_bidx=id_bidx(id_number_check(q).number))
                | Q(family__id_bidx=id_bidx(id_number_check(q).number))
            ).distinct()
        except CodeError:
            qs = qs.filter(Q(name__startswith=q) | Q(file_no=q))
    if f.tier:
        qs = qs.filter(tier=f.tier)
    if f.cause:
        qs = qs.filter(main_cause=f.cause)
    if f.status:
        qs = qs.filter(status=f.status)
    year_ago = timezone.now() - dt.timedelta(days=STALE_DAYS)
    if f.stale:
        qs = qs.filter(updated_at__lt=year_ago)
    if f.due:
        qs = qs.filter(verified_on__lt=timezone.localdate() - dt.timedelta(days=STALE_DAYS))
    if f.never_assisted:
        helped = Payment.objects.filter(household=OuterRef("pk")).exclude(status=Payment.Status.PLANNED)
        qs = qs.filter(~Exists(helped))
    return qs


def households_due_count(actor: Any) -> int:
    """待复核档案: files on record not re-verified for a year, where the actor may re-verify."""
    return households_for_actor(actor=actor, f=HouseholdFilter(due=True), perm="edit").count()


def household_list_for_actor(
    *, actor: Any, f: HouseholdFilter, before: int | None = None, limit: int = 50
) -> tuple[list[Household], int | None]:
    """A page of files, newest first, keyset-paginated on id."""
    qs = households_for_actor(actor=actor, f=f)
    return keyset_page(qs.select_related("org"), key="-id", after=before, limit=limit)


def household_family(household: Household) -> list[FamilyMember]:
    return list(household.family.all())


def household_duplicates(household: Household) -> list[Household]:
    """Other files (not merged away) in the province that share an ID with this one: flagged on
    the page, with a merge action when the officer may edit both."""
    from .actions.households import duplicates_of

    keys = [household.id_bidx, *household.family.values_list("id_bidx", flat=True)]
    return duplicates_of(bidxs=keys, org=household.org, exclude=household)


def duplicate_files_for_actor(*, actor: Any, within: Org | None = None, limit: int = 100) -> list[Household]:
    """Files in the actor's scope that share a person with another file anywhere in the province."""
    base = households_for_actor(actor=actor, f=HouseholdFilter(within=within, status=""))
    base = base.exclude(status=Household.Status.MERGED)
    live = Household.objects.exclude(status=Household.Status.MERGED)
    worker_twice = live.filter(id_bidx=OuterRef("id_bidx")).exclude(pk=OuterRef("pk"))
    worker_in_family = (
        FamilyMember.objects.filter(id_bidx=OuterRef("id_bidx"))
        .exclude(household=OuterRef("pk"))
        .exclude(household__status=Household.Status.MERGED)
    )
    family_elsewhere = FamilyMember.objects.filter(household=OuterRef("pk")).filter(
        Q(id_bidx__in=live.values("id_bidx"))
    )
    qs = base.filter(Exists(worker_twice) | Exists(worker_in_family) | Exists(family_elsewhere))
    found = []
    for h in qs.select_related("org").order_by("id")[: limit * 2]:
        if household_duplicates(h):
            found.append(h)
        if len(found) >= limit:
            break
    return found


def attachment_get_for_actor(*, actor: Any, pk: int) -> Attachment:
    return scope.get_for(
        Attachment.objects.select_related("household__org"), actor, "view", org_field="household__org", pk=pk
    )


# --------------------------------------------------------------------------- applications


def application_get_for_actor(*, actor: Any, pk: int) -> Application:
    """Seen by the applying union's scope, by the approving union's (the approver is above the
    applying union, unless the tree changed under an approved application) and by the worker
    whose household it is. What each may do with it is `application_abilities`."""
    application = (
        Application.objects.select_related("household__org", "org", "approver", "submitted_by", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404("记录不存在")
    if scope.can(actor, "view", application.approver) or is_own_household(
        user=actor, household=application.household
    ):
        return application
    scope.require(actor, "view", application.org)
    return application


TODO_DECIDE = "1"  # waiting for a decision where the actor approves
TODO_PAY = "pay"  # approved, to be paid where the actor keeps the records


def _waiting_for(actor: Any, perm: str) -> QuerySet[Application]:
    """Applications whose approving union lies where the actor holds `perm`."""
    s = scope.scope_of(actor)
    qs = Application.objects.all()
    return qs if s.superuser else qs.filter(scope.subtree_q(s.paths(perm), org_field="approver"))


def application_list_for_actor(
    *, actor: Any, state: str = "", todo: str = "", within: Org | None = None,
    before: int | None = None, limit: int = 50,
) -> tuple[list[Application], int | None]:  # fmt: skip
    """Applications in the actor's scope, newest first; `todo` narrows them to those waiting for
    the actor: a decision (TODO_DECIDE) or the payment record (TODO_PAY)."""
    if todo == TODO_DECIDE:
        qs = _waiting_for(actor, "approve").filter(state__in=Application.OPEN)
    elif todo == TODO_PAY:
        qs = _waiting_for(actor, "edit").filter(state=Application.State.APPROVED)
    else:
        qs = scope.restrict(Application.objects.all(), actor, "view")
    if state:
        qs = qs.filter(state=state)
    if within is not None:
        scope.require(actor, "view", within)
        qs = qs.filter(org__path__startswith=within.path)
    return keyset_page(
        qs.select_related("household", "org", "approver"), key="-id", after=before, limit=limit
    )


def applications_to_decide_count(actor: Any) -> int:
    """待审批帮扶申请: waiting for a decision at a union where the actor approves."""
    return _waiting_for(actor, "approve").filter(state=Application.State.SUBMITTED).count()


def applications_to_pay_count(actor: Any) -> int:
    """待发放: approved, not yet recorded as paid, where the actor keeps the approving union's records."""
    return _waiting_for(actor, "edit").filter(state=Application.State.APPROVED).count()


def applications_of_household(household: Household) -> list[Application]:
    return list(household.applications.select_related("approver").order_by("-id")[:100])


def payments_of_household(household: Household) -> list[Payment]:
    return list(
        household.payments.exclude(status=Payment.Status.PLANNED)
        .select_related("org", "batch")
        .order_by("-id")[:100]
    )


# ---------------------------------------------------------------------------------- funds


def fund_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Fund:
    return scope.get_for(Fund.objects.select_related("org"), actor, perm, org_field="org", pk=pk)


def funds_for_actor(*, actor: Any, year: int, within: Org | None = None) -> list[Fund]:
    """Funds of the year in the actor's scope (under `within`), in tree order."""
    qs = scope.restrict(Fund.objects.filter(year=year), actor, "view")
    if within is not None:
        scope.require(actor, "view", within)
        qs = qs.filter(org__path__startswith=within.path)
    return list(qs.select_related("org").order_by("org__path"))


def fund_entries(fund: Fund, *, limit: int = 200) -> list[FundEntry]:
    return list(fund.entries.select_related("actor", "other_fund__org").order_by("-id")[:limit])


def fund_subtree_total(*, org: Org, year: int) -> dict[str, Any]:
    """Balances of a union's fund and of every fund below it (unscoped: the caller checked org)."""
    qs = Fund.objects.filter(year=year, org__path__startswith=org.path)
    agg = qs.aggregate(total=Sum("balance"), n=Count("id"))
    own = qs.filter(org=org).values_list("balance", flat=True).first()
    total = agg["total"]
    return {
        "own": own,
        "total": Decimal(total).quantize(Decimal("0.01")) if total is not None else None,
        "funds": agg["n"],
    }


# -------------------------------------------------------------------------------- batches


def batch_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Batch:
    return scope.get_for(Batch.objects.select_related("org", "fund"), actor, perm, org_field="org", pk=pk)


def batch_list_for_actor(*, actor: Any, limit: int = 100) -> list[Batch]:
    qs = scope.restrict(Batch.objects.all(), actor, "view")
    return list(qs.select_related("org").annotate(n=Count("lines")).order_by("-id")[:limit])


def batch_lines(batch: Batch, *, limit: int = 1000) -> list[Payment]:
    return list(batch.lines.select_related("household__org").order_by("id")[:limit])


# ------------------------------------------------------------------------- configuration


def subsistence_lines_for_actor(*, actor: Any, year: int | None = None) -> list[SubsistenceLine]:
    """The 低保 lines: public figures, for every officer (not for members)."""
    if not scope.scope_of(actor).holds_any("view"):
        raise PermissionDenied("无权查看低保标准。")
    qs = SubsistenceLine.objects.all()
    if year:
        qs = qs.filter(year=year)
    return list(qs.order_by("division", "-year")[:1000])


def approval_rules_of(org: Org) -> list[ApprovalRule]:
    return list(ApprovalRule.objects.filter(owner=org).order_by("limit", "level"))


def rules_owner_for(*, actor: Any, org: Org) -> Org:
    """The union whose rules apply to `org` (itself or its nearest ancestor with rules)."""
    from .routing import rules_for

    scope.require(actor, "view", org)
    owner, _rules = rules_for(org)
    return owner or org


def require_member_household(*, user: Any) -> Household:
    household = own_household_for_user(user=user)
    if household is None:
        raise PermissionDenied("您还没有困难职工档案。如有困难，请联系所在基层工会建档。")
    return household


def household_by_file_no_for_actor(*, actor: Any, file_no: str, perm: str = "edit") -> Household:
    from django.core.exceptions import ValidationError

    found = scope.restrict(Household.objects.filter(file_no=file_no.strip()), actor, perm).first()
    if found is None:
        raise ValidationError(
            {
                "other": gettext("在您的管辖范围内找不到职工编号为「%(value)s」的档案。")
                % {"value": file_no.strip()}
            }
        )
    return found


def approval_rule_of_owner(*, owner: Org, pk: int | None) -> ApprovalRule | None:
    """One of the rules a union set for the unions below it, or None."""
    if pk is None:
        return None
    return ApprovalRule.objects.filter(pk=pk, owner=owner).first()


def batch_latest_job(batch: Batch) -> Any:
    """The background job that approved (or is approving) the batch, for its progress."""
    from gonghui.core.models import Job

    from .actions.batches import JOB_KIND

    return Job.objects.filter(kind=JOB_KIND, params__batch_id=batch.pk).order_by("-id").first()
