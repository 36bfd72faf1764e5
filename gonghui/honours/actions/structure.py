"""What the honours records do when the tree changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gonghui.kernel.audit import audit
from gonghui.orgs.models import Org

from ..models import (
    Care,
    Honour,
    HonourKind,
    Nomination,
    Quota,
    Round,
    Studio,
)

# ---- the tree changes ----------------------------------------------------------------------------


def honours_follow_merge(*, source: Org, target: Org, actor: Any, on: dt.date, **_: Any) -> None:
    """The merged union's rounds, places, nominations, honours, care records and studios go to
    the union that absorbed it; places both held in one round are added together."""
    moved = 0
    for quota in Quota.objects.filter(org=source):
        other = Quota.objects.filter(round=quota.round, org=target).first()
        if other is not None:
            other.places += quota.places
            other.save(update_fields=["places"])
            quota.delete()
        elif quota.round.org_id == target.pk:
            quota.delete()  # the survivor opened the round: its places are the round's
        else:
            quota.org = target
            quota.save(update_fields=["org"])
        moved += 1
    moved += Round.objects.filter(org=source).update(org=target)
    moved += Nomination.objects.filter(org=source).update(org=target)
    Nomination.objects.filter(at=source).update(at=target)
    moved += Honour.objects.filter(org=source).update(org=target)
    moved += Care.objects.filter(org=source).update(org=target)
    moved += Studio.objects.filter(org=source).update(org=target)
    for kind in HonourKind.objects.filter(org=source):
        if not HonourKind.objects.filter(org=target, name=kind.name).exists():
            kind.org = target
            kind.save(update_fields=["org"])
    if moved:
        audit(actor=actor, action="honours.follow_merge", org=target,
              detail={"source": source.name, "target": target.name, "moved": moved})  # fmt: skip
