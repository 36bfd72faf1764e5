"""What becomes of committees, meetings and passing-on tasks when the tree changes (module.py's
`Structure`). Each handler runs inside the transaction of the change; one that raises undoes it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils.translation import gettext

from gonghui.kernel.audit import audit
from gonghui.kernel.cleaning import iso
from gonghui.orgs.models import Org

from ..models import Committee, LeftWhy, Meeting, PassOn, PassOnStatus, Seat


def _end_terms(org: Org, *, on: dt.date, why: str, note: str) -> tuple[int, int]:
    """The union's committees still serving on `on` end that day, and everyone on them leaves
    (`why`): the union they served is gone. Returns (terms ended, seats closed)."""
    serving = (
        Committee.objects.select_for_update()
        .filter(org=org)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on))
    )
    late = serving.filter(starts_on__gte=on).first()
    if late is not None:
        raise ValidationError(
            {
                "on": gettext("%(late)s始于%(starts_on)s，不早于%(on)s，请核对日期。")
                % {
                    "late": late,
                    "starts_on": format(late.starts_on, "%Y-%m-%d"),
                    "on": format(on, "%Y-%m-%d"),
                }
            }
        )
    ids = list(serving.values_list("pk", flat=True))
    if not ids:
        return 0, 0
    sitting = Seat.objects.filter(committee_id__in=ids).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
    closed = sitting.filter(joined_on__lte=on).update(left_on=on, left_why=why, left_note=note)
    # Seated after the day (the change is dated back): their seat closes the day it opened.
    closed += sitting.filter(joined_on__gt=on).update(left_on=F("joined_on"), left_why=why, left_note=note)
    Committee.objects.filter(pk__in=ids).update(ends_on=on)
    return len(ids), closed


def meetings_follow_merge(*, source: Org, target: Org, actor: Any, on: dt.date, **_: Any) -> dict[str, int]:
    """`source` merged into `target` on `on`: its committees, meetings and passing-on tasks
    move to the target, whose officers keep its records from now on.

    - Committees go with their seats, meetings with their attendance, agenda, documents and
      elections. They keep saying whose they were (`merged_from`): 「甲工会第七届委员会」 and
      「甲工会七届二次全委会议」 stay so named at the survivor, and they do not count as the
      survivor's own terms and sequences (its next 全委会 is numbered from its own).
    - A committee of the merged union that still serves ends on the merge date, and everyone on
      it leaves that day as 组织合并: a union officer expects the merged union's committee to
      cease with it, not to sit beside the survivor's own committee (whose members are elected
      by its own congress; people from the merged union join it by 增补 or 补选). Its roster on
      any earlier day reads as before.
    - A passing-on task moves to the survivor, unless the survivor has its own for the same
      meeting: then the survivor's task stands as it is (the survivor answers for the meeting
      from now on, and is not marked as having passed it on by what the merged union did) and
      the merged union's is removed; what it had recorded stays in the audit log, and this
      handler's audit row names it.
    - The merged union's voting rules stay with it, unread: the survivor's own (or inherited)
      rules govern its elections.
    """
    note = f"「{source.name}」并入「{target.name}」"
    terms, seats = _end_terms(source, on=on, why=LeftWhy.MERGED, note=note)
    Committee.objects.filter(org=source, merged_from__isnull=True).update(merged_from=source)
    committees = Committee.objects.filter(org=source).update(org=target)
    Meeting.objects.filter(org=source, merged_from__isnull=True).update(merged_from=source)
    meetings = Meeting.objects.filter(org=source).update(org=target)
    tasks = PassOn.objects.filter(org=source)
    twice = tasks.filter(meeting_id__in=PassOn.objects.filter(org=target).values("meeting_id"))
    dropped = [
        f"{t.meeting.name}（{t.get_status_display()}{'，' + iso(t.on) if t.on else ''}）"
        for t in twice.select_related("meeting").order_by("meeting_id")
    ]
    twice.delete()
    passons = tasks.update(org=target)
    figures = {"committees": committees, "meetings": meetings, "passons": passons, "terms_ended": terms,
               "seats_ended": seats, "dropped": len(dropped)}  # fmt: skip
    if any(figures.values()):
        audit(
            actor=actor, action="meetings.follow_merge", org=target,
            detail={"source": source.name, "source_id": source.pk, "on": iso(on), **figures,
                    **({"dropped_tasks": dropped} if dropped else {})},
        )  # fmt: skip
    return figures


def meetings_follow_dissolution(*, org: Org, actor: Any, on: dt.date, **_: Any) -> dict[str, int]:
    """`org` is dissolved on `on` and nobody takes its work: its committees still serving end
    that day (everyone on them leaves as 组织撤销), and the passing-on tasks it had not yet
    recorded are withdrawn (the higher union's report counts the unions that can still pass a
    meeting on). Its records stay with it, as its history; what it did record stays too."""
    terms, seats = _end_terms(org, on=on, why=LeftWhy.DISSOLVED, note=f"「{org.name}」撤销")
    withdrawn, _ = PassOn.objects.filter(org=org, status=PassOnStatus.PENDING).delete()
    figures = {"terms_ended": terms, "seats_ended": seats, "withdrawn": withdrawn}
    if any(figures.values()):
        audit(actor=actor, action="meetings.follow_dissolution", org=org, detail={"on": iso(on), **figures})
    return figures
