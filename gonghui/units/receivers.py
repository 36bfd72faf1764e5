"""Units follow the structural changes of the org tree (inside the change's transaction)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from gonghui.orgs.signals import org_merged

from .actions import units_follow_merge


@receiver(org_merged, dispatch_uid="units_follow_merge")
def _follow_merge(sender: Any, *, source: Any, target: Any, actor: Any, on: Any, **kwargs: Any) -> None:
    # A split needs nothing: the moved sub-unions keep their ids, their units go with them.
    units_follow_merge(actor=actor, source=source, target=target, on=on)
