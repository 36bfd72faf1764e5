"""The per-union tallies follow every change of members (inside the change's transaction)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from gonghui.members.signals import members_changed

from .tally import tally_refresh


@receiver(members_changed, dispatch_uid="units_tally_members")
def _recount_members(sender: Any, *, org_ids: Any, **kwargs: Any) -> None:
    tally_refresh(org_ids=org_ids)
