"""Units follow the structural changes of the org tree, and the per-union tallies follow every
change of members (inside the change's transaction)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from gonghui.members.signals import members_changed
from gonghui.orgs.signals import org_dissolved, org_merged, org_relocated

from .actions import units_follow_merge
from .tally import tally_follow_relocation, tally_refresh


@receiver(org_merged, dispatch_uid="units_follow_merge")
def _follow_merge(sender: Any, *, source: Any, target: Any, actor: Any, on: Any, **kwargs: Any) -> None:
    # A split needs nothing: the moved sub-unions keep their ids, their units go with them.
    units_follow_merge(actor=actor, source=source, target=target, on=on)
    tally_refresh(org_ids=[source.pk, target.pk])


@receiver(org_dissolved, dispatch_uid="units_tally_dissolved")
def _recount_dissolved(sender: Any, *, org: Any, **kwargs: Any) -> None:
    # Units hanging from a dissolved union are no longer covered by one.
    tally_refresh(org_ids=[org.pk])


@receiver(members_changed, dispatch_uid="units_tally_members")
def _recount_members(sender: Any, *, org_ids: Any, **kwargs: Any) -> None:
    tally_refresh(org_ids=org_ids)


@receiver(org_relocated, dispatch_uid="units_tally_relocated")
def _carry_subtree(sender: Any, *, org: Any, old_path: str, new_path: str, **kwargs: Any) -> None:
    tally_follow_relocation(org_id=org.pk, old_path=old_path, new_path=new_path)
