"""The hooks through which later modules follow structural changes.

Receivers run inside the transaction of the change: if one raises, nothing is changed.
- org_merged(source, target, actor, on): move members and records of `source` to `target`.
- org_split(source, new_org, moved_children, actor, on): records of the moved children follow.
- org_dissolved(org, actor, on): the union no longer exists (what it covered is uncovered).
- org_relocated(org, old_path, new_path): a node and its subtree hang somewhere else now (a
  move, or sub-unions following a merge or a split); sent once for the subtree's root.
"""

from django.dispatch import Signal

org_merged = Signal()
org_split = Signal()
org_dissolved = Signal()
org_relocated = Signal()
