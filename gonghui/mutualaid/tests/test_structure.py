"""Mutual aid follows the tree: a merge carries enrolments, claims and quotas to the survivor."""

from __future__ import annotations

import pytest

from gonghui.conftest import union_code
from gonghui.core.models import AuditEntry
from gonghui.kernel import cleaning
from gonghui.mutualaid import actions
from gonghui.mutualaid.models import Claim, Enrolment, Quota
from gonghui.orgs.actions import org_merge
from gonghui.orgs.tests.factories import street_split_off

from .factories import claim, covered, line_of

pytestmark = pytest.mark.django_db
YEAR = cleaning.today().year


def test_a_merge_carries_enrolments_claims_and_quotas_to_the_survivor(tree):
    mine = covered(tree.grassroots)
    theirs = covered(tree.sibling_grassroots)
    c = claim(line_of(theirs))
    actions.quota_set(actor=None, org=tree.haizhu, year=YEAR, shares=100)
    actions.quota_set(actor=None, org=tree.street, year=YEAR, shares=30)
    actions.quota_set(actor=None, org=tree.sibling_street, year=YEAR, shares=20)
    org_merge(actor=None, source=tree.sibling_grassroots, target=tree.grassroots)
    assert set(Enrolment.objects.filter(org=tree.grassroots)) == {mine, theirs}
    assert Claim.objects.get(pk=c.pk).org == tree.grassroots
    org_merge(actor=None, source=tree.sibling_street, target=tree.street)
    assert Quota.objects.get(org=tree.street, year=YEAR).shares == 50
    assert not Quota.objects.filter(org=tree.sibling_street).exists()
    moved = AuditEntry.objects.filter(action="mutualaid.follow_merge").order_by("id")
    assert [e.detail["enrolments"] for e in moved] == [1, 0] and moved[1].detail["quotas"] == 1
    # The claim is still decided where it was routed, and can be.
    assert actions.claim_approve(actor=None, claim=c).state == "approved"


def test_a_split_leaves_records_on_their_unions(tree):
    e = covered(tree.grassroots)
    street_split_off(tree, credit_code=union_code())
    assert Enrolment.objects.get(pk=e.pk).org == tree.grassroots
