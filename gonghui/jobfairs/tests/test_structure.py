"""When unions merge, the merged union's fairs and what hangs on them go to the survivor."""

from __future__ import annotations

from gonghui.conftest import make_org
from gonghui.core.models import AuditEntry
from gonghui.jobfairs.models import Employer, Fair, Position, Seeker
from gonghui.jobfairs.selectors import fair_result
from gonghui.orgs.actions import org_merge
from gonghui.orgs.tests.factories import street_split_off

from .factories import make_employer, make_fair, make_position, make_seeker


def test_a_merged_unions_fairs_follow_it_to_the_survivor(tree):
    target = make_org(tree.haizhu, "南洲街道总工会", "town")
    theirs = make_fair(tree.sibling_street, title="新港街道招聘会")
    position = make_position(make_employer(theirs))
    make_seeker(theirs)
    ours = make_fair(target, title="南洲街道招聘会")
    before = fair_result(theirs)

    org_merge(actor=None, source=tree.sibling_street, target=target)

    for model in (Fair, Employer, Position, Seeker):
        assert not model.objects.filter(org=tree.sibling_street).exists()
    assert Fair.objects.get(pk=theirs.pk).org == target and Fair.objects.get(pk=ours.pk).org == target
    assert Position.objects.get(pk=position.pk).org == target
    entry = AuditEntry.objects.get(action="jobfairs.follow_merge", org=target)
    assert entry.detail["moved"] == 4  # the fair, its employer, its position, its seeker
    after = fair_result(Fair.objects.get(pk=theirs.pk))
    assert (after.employers, after.positions, after.seekers) == (
        before.employers,
        before.positions,
        before.seekers,
    )


def test_a_split_moves_nothing(tree):
    fair = make_fair(tree.street)
    street_split_off(tree)
    assert Fair.objects.get(pk=fair.pk).org_id == tree.street.pk
