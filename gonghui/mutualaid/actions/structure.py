"""Mutual aid follows the tree."""

from __future__ import annotations

from typing import Any

from gonghui.kernel import filetypes
from gonghui.kernel.audit import audit
from gonghui.orgs.models import Org

from ..models import Claim, Enrolment, Quota

MAX_FILE_BYTES = 10 * 1024 * 1024
FILE_TYPES = (filetypes.PDF, filetypes.JPEG, filetypes.PNG)


# --------------------------------------------------------------------------- the tree changes


def mutualaid_follow_merge(*, source: Org, target: Org, actor: Any, on: Any, **_: Any) -> None:
    """`source` merged into `target`: its enrolments (with their people and payments) and claims
    go to the target, claims it was to decide too; each year's quota is added to the target's."""
    moved = {
        "enrolments": Enrolment.objects.filter(org=source).update(org=target),
        "claims": Claim.objects.filter(org=source).update(org=target),
        "approving": Claim.objects.filter(approver=source).update(approver=target),
        "quotas": 0,
    }
    for quota in Quota.objects.select_for_update().filter(org=source):
        into, _created = Quota.objects.select_for_update().get_or_create(
            org=target, year=quota.year, defaults={"shares": 0}
        )
        into.shares += quota.shares
        into.save(update_fields=["shares"])
        quota.delete()
        moved["quotas"] += 1
    if any(moved.values()):
        audit(
            actor=actor, action="mutualaid.follow_merge", obj=None, org=target,
            detail={"source": source.name, **moved},
        )  # fmt: skip
