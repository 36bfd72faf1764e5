"""A fair's result is counted from its records, and a 主会场's adds its 分会场."""

from __future__ import annotations

from gonghui.jobfairs import actions
from gonghui.jobfairs.models import Employer, Interview, Outcome, Position, ReviewState, Seeker
from gonghui.jobfairs.selectors import fair_result, result_chart

from .factories import make_employer, make_fair, make_position, make_seeker


def recount(fair_ids: list[int]) -> dict[str, int]:
    """The figures, counted one record at a time in Python."""
    employers = [e for e in Employer.objects.filter(fair_id__in=fair_ids) if e.state == ReviewState.APPROVED]
    ok = {e.pk for e in employers}
    positions = [p for p in Position.objects.filter(fair_id__in=fair_ids)
                 if p.state == ReviewState.APPROVED and p.employer_id in ok]  # fmt: skip
    seekers = list(Seeker.objects.filter(fair_id__in=fair_ids))
    interviews = list(Interview.objects.filter(fair_id__in=fair_ids))
    return {
        "employers": len(employers),
        "positions": len(positions),
        "openings": sum(p.openings for p in positions),
        "seekers": len(seekers),
        "checked_in": sum(1 for s in seekers if s.checked_in_at),
        "interviews": len(interviews),
        "offers": sum(1 for i in interviews if i.outcome == Outcome.OFFERED),
    }


def figures(result) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {k: getattr(result, k) for k in ("employers", "positions", "openings", "seekers", "checked_in",
                                             "interviews", "offers")}  # fmt: skip


def test_the_result_equals_a_recount_of_the_records(tree, fair):
    venue = make_fair(tree.haizhu, parent=fair, title="海珠分会场")
    for where, n in ((fair, 3), (venue, 2)):
        for i in range(n):
            employer = make_employer(where, approve=i != 0, industry=["03", "09", "08"][i % 3])
            for j in range(i + 1):
                make_position(employer, approve=i != 0 and j != 1, openings=5 * (j + 1), title=f"岗位{j}")
    make_employer(fair, approve=False)  # waiting: not counted
    rejected = make_employer(venue)
    make_position(rejected)
    actions.employer_reject(actor=None, employer=rejected, reason="资料不全")  # its position drops out too
    seekers = [make_seeker(where) for where in (fair, fair, fair, venue, venue)]
    for s in seekers[:3]:
        actions.seeker_checkin(actor=None, fair=s.fair, seeker=s)
    actions.seeker_checkin(actor=None, fair=fair, seeker=seekers[0])  # twice: counts once
    position = Position.objects.filter(
        fair=fair, state=ReviewState.APPROVED, employer__state="approved"
    ).first()
    assert position is not None
    actions.interview_record(actor=None, position=position, seeker=seekers[0], outcome=Outcome.OFFERED)
    actions.interview_record(actor=None, position=position, seeker=seekers[1], outcome=Outcome.DECLINED)

    main = fair_result(fair)
    assert figures(main) == recount([fair.pk, venue.pk])
    assert [figures(v) for v in main.venues] == [recount([venue.pk])]
    assert figures(fair_result(venue)) == recount([venue.pk])
    assert main.offers == 1 and main.checked_in == 3 and main.employers == 3
    assert sum(n for _, n, _ in main.by_industry) == main.positions
    chart = result_chart(main)
    assert sum(chart["series"][1]["data"]) == main.openings
