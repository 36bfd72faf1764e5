"""The bulletin follows the tree: what a merged union wrote and ran goes to the union that
absorbed it (inside the merge's transaction: if this raises, the merge is undone)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from gonghui.kernel.audit import audit
from gonghui.orgs.models import Org

from ..models import Bulletin, Submission

NAME_MAX = 40


def bulletin_follow_merge(*, source: Org, target: Org, actor: Any, **_: Any) -> int:
    """The merged union's items (with their history and photos, which hang on the item) and its
    publications (with their issues) now belong to `target`; one audit row says how many.

    - An item that named no unit of its own is signed with the merged union's name, as it was
      written and would have been printed, not with the name of the union that now holds it.
    - A union runs each publication name once: a publication whose name the target already uses
      is renamed 《name（原 merged union）》.
    - Adoption statistics count an item for the union that holds it. After the merge the target's
      row holds the merged union's items in every period, past ones included (the totals above
      do not change), and the merged union is listed no more, not even among the units that
      submitted nothing.
    """
    now = timezone.now()
    Submission.objects.filter(org=source, unit="").update(unit=source.name[:100])
    items = Submission.objects.filter(org=source).update(org=target, updated_at=now)
    taken = set(Bulletin.objects.filter(org=target).values_list("name", flat=True))
    moved: list[str] = []
    renamed: list[str] = []
    for bulletin in Bulletin.objects.select_for_update().filter(org=source).order_by("pk"):
        if bulletin.name in taken:
            new_name = _free_name(bulletin.name, source, taken)
            renamed.append(f"《{bulletin.name}》→《{new_name}》")
            bulletin.name = new_name
        bulletin.org = target
        bulletin.save(update_fields=["org", "name"])
        taken.add(bulletin.name)
        moved.append(bulletin.name)
    if items or moved:
        audit(
            actor=actor, action="bulletin.follow_merge", org=target,
            detail={
                "source": source.name, "source_id": source.pk, "target": target.name, "target_id": target.pk,
                "submissions": items, "bulletins": len(moved), "renamed": renamed,
            },
        )  # fmt: skip
    return items + len(moved)


def _free_name(name: str, source: Org, taken: set[str]) -> str:
    mark = f"（原{(source.short_name or source.name)[:20]}）"
    candidate = name[: NAME_MAX - len(mark)] + mark
    n = 2
    while candidate in taken:
        suffix = f"{mark[:-1]}{n}）"
        candidate = name[: NAME_MAX - len(suffix)] + suffix
        n += 1
    return candidate[:NAME_MAX]
