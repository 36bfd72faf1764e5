"""Worker services follow the tree (`module.py`'s `Structure`), inside the transaction of the
change: a handler that raises undoes the merge or the dissolution."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.kernel.audit import audit
from gonghui.orgs.models import Org

from ..models import Booking, Centre, RightsCase
from .bookings import booking_cancel
from .cases import next_case_number

NAME_MAX = Centre._meta.get_field("name").max_length or 100


def services_follow_merge(*, source: Org, target: Org, actor: User | None, on: dt.date, **_: Any) -> int:
    """The merged union's service work goes on at the union that absorbed it.

    - Its centres move to the target with everything that hangs on them: rooms, services,
      counsellors and lawyers with their weekly hours and changed hours, closing days, bookings,
      consultation threads (their supervisor too) and knowledge articles. A centre keeps its name;
      only where the target already has a centre of that name does the moved one take the source's
      name after it (「心灵驿站（原赤岗街道总工会）」), and the audit row says so. A centre serves its
      union's subtree, which now holds the source's sub-unions and members: open bookings stay
      valid as they are, and nobody is told anything changed.
    - Its rights cases move to the target with their history and figures (the target's statistics
      count them from now on). A case keeps its number; where the target has already given that
      number, the case takes the target's next one for its intake year, and the audit row lists
      each old → new number.

    One audit row (`services.follow_merge`) says how many moved; nothing is written when the
    source held nothing of this module.
    """
    centres, renamed = _centres_follow(source, target)
    cases, renumbered = _cases_follow(source, target)
    if centres or cases:
        audit(
            actor=actor,
            action="services.follow_merge",
            org=target,
            detail={
                "source": source.name, "source_id": source.pk, "target": target.name, "centres": centres,
                "cases": cases, "renamed": renamed, "renumbered": renumbered,
            },
        )  # fmt: skip
    return centres + cases


def _centres_follow(source: Org, target: Org) -> tuple[int, list[str]]:
    taken = set(Centre.objects.filter(org=target).values_list("name", flat=True))
    centres = list(Centre.objects.select_for_update().filter(org=source).order_by("pk"))
    renamed = []
    for centre in centres:
        if centre.name in taken:
            suffix = f"（原{source.short_name or source.name}）"
            name = centre.name[: NAME_MAX - len(suffix)] + suffix
            if name in taken:
                name = f"{centre.name[: NAME_MAX - len(suffix) - 8]}{suffix}#{centre.pk}"
            renamed.append(f"{centre.name} → {name}")
            centre.name = name
        taken.add(centre.name)
        centre.org = target
        centre.save(update_fields=["org", "name"])
    return len(centres), renamed


def _cases_follow(source: Org, target: Org) -> tuple[int, list[str]]:
    cases = list(RightsCase.objects.select_for_update().filter(org=source).order_by("intake_on", "pk"))
    taken = set(RightsCase.objects.filter(org=target).values_list("number", flat=True))
    clashing = [c for c in cases if c.number in taken]
    RightsCase.objects.filter(pk__in=[c.pk for c in cases if c.number not in taken]).update(org=target)
    renumbered = []
    for case in clashing:
        before = case.number
        case.org, case.number = target, next_case_number(target, case.intake_on.year)
        case.save(update_fields=["org", "number"])
        renumbered.append(f"{before} → {case.number}")
    return len(cases), renumbered


def services_follow_dissolve(*, org: Org, actor: User | None, on: dt.date, **_: Any) -> int:
    """A dissolved union's centres stop serving: each is closed to new bookings, and every
    session still booked there that has not begun is cancelled through the booking workflow
    (each member is told, as with any cancellation). What happened there stays: past sessions,
    consultation threads, articles. Its rights cases stay with it as history (a case still open is
    carried on by the unions above, who hold its union in their scope). One audit row
    (`services.follow_dissolve`) says how many; nothing is written when the union ran no centre."""
    centres = list(Centre.objects.select_for_update().filter(org=org, active=True))
    if not centres:
        return 0
    Centre.objects.filter(pk__in=[c.pk for c in centres]).update(active=False)
    coming = Booking.objects.filter(
        centre__in=centres, status=Booking.Status.BOOKED, starts_at__gt=timezone.now()
    ).order_by("starts_at", "pk")
    cancelled = 0
    for booking in coming:
        booking_cancel(actor=actor, booking=booking, reason=f"「{org.name}」已撤销，服务中心停止服务")
        cancelled += 1
    audit(
        actor=actor,
        action="services.follow_dissolve",
        org=org,
        detail={"centres": len(centres), "bookings": cancelled, "on": on.isoformat()},
    )
    return len(centres)
