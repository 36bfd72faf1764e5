"""What the member register tells other modules.

- members_changed(org_ids): the members of these unions changed (a join, a status change, a
  transfer, a merge, an import). Sent inside the change's transaction, after the change, so a
  receiver that recounts sees it; if a receiver raises, the change is undone.
"""

from django.dispatch import Signal

members_changed = Signal()
