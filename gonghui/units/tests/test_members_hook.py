"""The member register feeds 入会率 through `member_counts_by_org(*, org_ids, on)`.

Skipped until `gonghui.members.selectors` provides that contract: members in the whole subtree
of each given union on a date. Until then the report counts no members and shows 入会率 as "—".
"""

import datetime as dt

import pytest

from gonghui.units import selectors
from gonghui.units.report import two_universal_report

provider = selectors.member_counts_provider()
pytestmark = pytest.mark.skipif(
    provider is None,
    reason="gonghui.members.selectors.member_counts_by_org(*, org_ids, on) is not provided yet",
)


def test_member_counts_are_subtree_totals_by_date(tree, personas):
    ids = [o.pk for o in tree.all()]
    counts = selectors.member_counts_by_org(ids, on=dt.date(2013, 6, 30))
    assert all(isinstance(counts.get(i, 0), int) for i in ids)
    # A subtree holds at least what its children hold.
    assert counts.get(tree.street.pk, 0) >= counts.get(tree.grassroots.pk, 0)
    assert counts.get(tree.haizhu.pk, 0) >= counts.get(tree.street.pk, 0) + counts.get(
        tree.sibling_street.pk, 0
    )


def test_the_report_counts_members(tree, personas):
    report = two_universal_report(actor=personas.district, org=tree.haizhu, on=dt.date(2013, 6, 30))
    assert report.members_counted and report.total.members is not None
