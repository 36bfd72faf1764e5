"""Yearly quotas in shares, set down the tree."""

from __future__ import annotations

from typing import Any

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import cleaning, filetypes, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.orgs.models import Org

from ..models import Quota

MAX_FILE_BYTES = 10 * 1024 * 1024
FILE_TYPES = (filetypes.PDF, filetypes.JPEG, filetypes.PNG)


# ----------------------------------------------------------------------------------- quotas


@action
def quota_set(*, actor: Any, org: Org, year: int, shares: Any) -> Quota:
    """Set a union's yearly target in shares. The union above it sets it (the top union sets its
    own); the targets of the unions below a union never add up to more than its own, and its own
    is never set below what it has already handed down. Taken under a lock on the parent's row,
    so concurrent settings cannot overrun it."""
    year = cleaning.year(year)
    shares = cleaning.whole(shares, field="shares", label="任务数（份）", minimum=0, maximum=10_000_000)
    parent = org.parent
    scope.require(actor, "manage", parent if parent is not None else org)
    if parent is not None:
        above = Quota.objects.select_for_update().filter(org=parent, year=year).first()
        if above is not None:
            given = (
                Quota.objects.filter(org__parent=parent, year=year)
                .exclude(org=org)
                .aggregate(s=Sum("shares"))["s"]
                or 0
            )
            if given + shares > above.shares:
                raise Refused(
                    {
                        "shares": gettext(
                            "「%(name)s」%(year)s年任务 %(shares)s 份，已分解 %(given)s 份，最多还能下达 %(value)s 份。"
                        )
                        % {
                            "name": parent.name,
                            "year": year,
                            "shares": above.shares,
                            "given": given,
                            "value": above.shares - given,
                        }
                    }
                )
    quota = Quota.objects.select_for_update().filter(org=org, year=year).first()
    below = Quota.objects.filter(org__parent=org, year=year).aggregate(s=Sum("shares"))["s"] or 0
    if shares < below:
        raise Refused(
            {
                "shares": gettext("已向下级分解 %(below)s 份，本级任务不能少于 %(below)s 份。")
                % {"below": below}
            }
        )
    before = quota.shares if quota else None
    if quota is None:
        quota = Quota(org=org, year=year)
    quota.shares, quota.set_at = shares, timezone.now()
    quota.set_by = actor if getattr(actor, "pk", None) else None
    quota.save()
    audit(
        actor=actor, action="mutualaid.quota.set", obj=quota, org=org,
        detail={"year": year, "before": before, "after": shares},
    )  # fmt: skip
    return quota
