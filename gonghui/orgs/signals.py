"""The hooks through which later modules follow structural changes.

Receivers run inside the transaction of the change: if one raises, nothing is changed.
- org_merged(source, target, actor, on): move members and records of `source` to `target`.
- org_split(source, new_org, moved_children, actor, on): records of the moved children follow.
- org_dissolved(org, actor, on): the union no longer exists (what it covered is uncovered).
"""

from django.dispatch import Signal

org_merged = Signal()
org_split = Signal()
org_dissolved = Signal()
