"""What a person may do with an indicator catalogue, a target or a report now."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gonghui.kernel import cleaning, scope
from gonghui.kernel.abilities import Abilities
from gonghui.orgs.models import Org, Status

from .models import Measure, Origin, Publication, Report, Target
from .progress import month_open


def active_children(org: Org) -> Any:
    return Org.objects.filter(parent=org, status=Status.ACTIVE).order_by("path")


def rolled_up(target: Target) -> bool:
    """A cumulative reported target split among the unions below is their sum, never typed."""
    return (
        target.indicator.reported
        and target.indicator.measure == Measure.CUMULATIVE
        and target.children.exists()
    )


def months_to_report(target: Target, today: dt.date | None = None) -> list[int]:
    """The months of the target's year that have begun and have no report yet."""
    today = today or cleaning.today()
    done = set(target.reports.values_list("month", flat=True))
    return [m for m in range(1, 13) if month_open(target.year, m, today) and m not in done]


def why_not_reported(target: Target) -> str:
    """Why nobody reports this target by hand ("" when its owner does)."""
    if not target.indicator.reported:
        return "该指标由系统按月自动计算，无需报送。"
    if rolled_up(target):
        return "该目标已分解到下级工会，完成值由下级报送汇总。"
    return ""


def org_abilities(actor: Any, org: Any) -> Abilities:
    """What the person may do at a union: keep its catalogue, set its targets."""
    from gonghui.bulletin.selectors import bulletins_to_submit_to

    can_edit = scope.can(actor, "edit", org)
    published = Publication.objects.filter(org=org, active=True).exists()
    return Abilities(
        create_indicator=can_edit,
        set_target=can_edit,
        send_circular=can_edit and bool(bulletins_to_submit_to(org)),
        open_publication=can_edit and not published,
        close_publication=can_edit and published,
    )


def target_abilities(actor: Any, target: Target) -> Abilities:
    can_edit = scope.can(actor, "edit", target.org)
    return Abilities(
        report=can_edit and not why_not_reported(target) and bool(months_to_report(target)),
        cascade=can_edit and active_children(target.org).exists(),
        export=scope.can(actor, "view", target.org),
        publish=can_edit and not target.public,
        unpublish=can_edit and target.public,
    )


def report_abilities(actor: Any, report: Report) -> Abilities:
    return Abilities(
        correct=report.origin == Origin.REPORTED and scope.can(actor, "edit", report.target.org),
    )


def competition_abilities(actor: Any, competition: Any) -> Abilities:
    from .workflow import COMPETITION

    can_edit = scope.can(actor, "edit", competition.org)
    state = competition.state
    return Abilities(
        COMPETITION.offers(actor, competition),
        add_item=can_edit and state == "draft" and sum(i.weight for i in competition.items.all()) < 100,
        add_entrant=can_edit and state in ("draft", "scoring"),
        score=can_edit and state == "scoring" and competition.items.exists(),
        honour=can_edit
        and state == "closed"
        and competition.entrants.exclude(award="").filter(honour__isnull=True).exists(),
        export=scope.can(actor, "view", competition.org),
    )
