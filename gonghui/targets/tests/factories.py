"""Indicators, targets and reports made through the real actions (also used by the scope walk)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gonghui.orgs.models import Org
from gonghui.targets import actions
from gonghui.targets.models import Indicator, Measure, Publication, Report, Target

YEAR = 2025


def indicator_in(org: Org, name: str = "新建工会组织数", unit: str = "家", **extra: Any) -> Indicator:
    found = Indicator.objects.filter(org=org, name=name).first()
    return found or actions.indicator_create(actor=None, org=org, name=name, unit=unit, **extra)


def target_in(
    org: Org, *, value: str = "120", year: int = YEAR, indicator: Indicator | None = None, **extra: Any
) -> Target:
    indicator = indicator or indicator_in(org)
    found = Target.objects.filter(org=org, indicator=indicator, year=year).first()
    return found or actions.target_set(
        actor=None, org=org, indicator=indicator, year=year, value=value, owner_name="陈志强", **extra
    )


def level_indicator_in(org: Org) -> Indicator:
    return indicator_in(org, name="职工满意率", unit="%", measure=Measure.LEVEL)


def report_in(org: Org, *, month: int = 1, value: str = "10") -> Report:
    target = target_in(org)
    found = target.reports.filter(month=month).first()
    return found or actions.report_submit(
        actor=None, target=target, month=month, value=value, on=dt.date(YEAR, month + 1, 3)
    )


def _walk_target(org: Org) -> Target:
    """Rows made without an audit row: the walk counts the audit rows the personas leave."""
    indicator, _ = Indicator.objects.get_or_create(org=org, name="走查指标", defaults={"unit": "家"})
    target, _ = Target.objects.get_or_create(
        org=org, indicator=indicator, year=YEAR, defaults={"value": 100, "owner_name": "走查"}
    )
    return target


def _walk_report(org: Org) -> Report:
    target = _walk_target(org)
    report, _ = Report.objects.get_or_create(
        target=target, month=1, defaults={"value": 10, "reported_on": dt.date(YEAR, 2, 3)}
    )
    return report


# The scope walk's URL arguments (gonghui/core/tests/test_scope_walk.py): a maker of each, in an org.
WALK = {
    "target_id": _walk_target,
    "report_id": _walk_report,
    # A page its union has not opened: nobody sees it, signed in or not.
    "token": lambda org: (
        Publication.objects.get_or_create(org=org, defaults={"token": f"walk{org.pk}", "title": "走查"})[
            0
        ].token
    ),
}


def competition_in(org: Org) -> Any:
    from gonghui.targets.models import Competition

    return Competition.objects.get_or_create(
        org=org, name=f"{org.name}走查竞赛",
        defaults={"kind": "skills", "year": YEAR, "starts_on": dt.date(YEAR, 4, 1), "ends_on": dt.date(YEAR, 5, 1)},
    )[0]  # fmt: skip


def entrant_in(org: Org) -> Any:
    from gonghui.targets.models import Entrant

    return Entrant.objects.get_or_create(competition=competition_in(org), org=org, name="走查选手")[0]


def _walk_evidence(org: Org) -> Any:
    from gonghui.targets.models import Evidence

    report = _walk_report(org)
    return Evidence.objects.get_or_create(
        report=report,
        defaults={"file": f"targets/evidence/{report.target_id}/walk.pdf", "filename": "台账.pdf",
                  "content_type": "application/pdf"},
    )[0]  # fmt: skip


WALK.update(
    {
        "competition_id": competition_in,
        "entrant_id": entrant_in,
        "evidence_id": _walk_evidence,
    }
)


# ---- what the computed indicators count ----------------------------------------------------


def units_of_two_streets(tree: Any) -> None:
    """Three units under the two streets: 赤岗电子厂 (120 workers, its own union), 赤岗五金厂 (80, no
    union) and 新港物流公司 (60, its own union, under a collective contract to the end of 2027)."""
    from gonghui.units.tests.factories import make_contract, make_unit

    make_unit(tree.grassroots, "广州赤岗电子厂", 120, covering=tree.grassroots)
    make_unit(tree.street, "广州赤岗五金厂", 80)
    covered = make_unit(tree.sibling_grassroots, "新港物流公司", 60, covering=tree.sibling_grassroots)
    make_contract(
        tree.sibling_grassroots, [covered], signed_on=dt.date(2025, 1, 1), expires_on=dt.date(2027, 12, 31)
    )


def relief_approved(tree: Any, *, street_fund: str, last: str) -> None:
    """Relief approved from funded unions: 1800 (medical) and 6000 (living) to a household of the
    grassroots union, `last` (living) to one of the sibling grassroots union."""
    from gonghui.assistance import actions as assistance
    from gonghui.assistance.tests.factories import fund_with, make_household

    household = make_household(tree.grassroots)
    other = make_household(tree.sibling_grassroots, family=[], monthly_income="800", main_cause="3")
    fund_with(tree.street, street_fund)
    fund_with(tree.haizhu, "50000")
    fund_with(tree.sibling_street, "5000")
    for h, kind, amount in (
        (household, "medical", "1800"),
        (household, "living", "6000"),
        (other, "living", last),
    ):
        application = assistance.application_submit(
            actor=None, household=h, kind=kind, amount=amount, reason="困难"
        )
        assistance.application_approve(actor=None, application=application)


def rights_cases_of_2025(tree: Any) -> None:
    """Three rights cases opened in February 2025 and closed in March (12000, 3500.50 and nothing
    recovered), and one opened in April and still open."""
    from gonghui.services import actions as services
    from gonghui.services.tests.factories import make_case

    for org, amount in ((tree.grassroots, "12000"), (tree.sibling_grassroots, "3500.50"), (tree.street, "0")):
        case = make_case(org, intake_on=dt.date(2025, 2, 1))
        services.case_close(
            actor=None, case=case, outcome="resolved", amount_recovered=amount, on=dt.date(2025, 3, 1)
        )
    make_case(tree.street, intake_on=dt.date(2025, 4, 1))  # still open
