"""Units, contracts and the tallies follow the tree (inside the transaction of the change)."""

from __future__ import annotations

from typing import Any

from .actions import units_follow_merge
from .tally import tally_follow_relocation, tally_refresh


def on_merged(*, source: Any, target: Any, actor: Any, on: Any, **_: Any) -> None:
    """The merged union's units and contracts go to the survivor; both unions are recounted."""
    units_follow_merge(actor=actor, source=source, target=target, on=on)


def on_split(**_: Any) -> None:
    """The moved sub-unions keep their ids and their units go with them; the tallies follow the
    relocation of each moved subtree."""


def on_relocated(*, org: Any, old_path: str, new_path: str, **_: Any) -> None:
    tally_follow_relocation(org_id=org.pk, old_path=old_path, new_path=new_path)


def on_dissolved(*, org: Any, **_: Any) -> None:
    # Units hanging from a dissolved union are no longer covered by one.
    tally_refresh(org_ids=[org.pk])
