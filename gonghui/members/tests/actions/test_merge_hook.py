"""Members follow the tree: a merge moves them to the survivor, a split and a move carry them with
their union; the history, the audit log and the "两个普遍" tallies say so."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gonghui.conftest import make_org, union_code
from gonghui.core.models import AuditEntry
from gonghui.members.actions import (
    member_apply,
    member_leave,
    transfer_approve,
    transfer_request,
)
from gonghui.members.models import Member, MemberEvent, Transfer
from gonghui.orgs.actions import org_merge, org_split
from gonghui.orgs.models import Org
from gonghui.units.tally import tally_rebuild

from ..conftest import kept_counts, make_member, new_id, recounted


def test_members_follow_a_merge_of_their_union(tree, personas):
    tally_rebuild(on=timezone.localdate())
    other = make_org(tree.street, "赤岗某厂工会", "grassroots", kind="enterprise")
    movers = [make_member(other, name="会员" + "甲乙丙"[i]) for i in range(3)]
    applying = member_apply(actor=None, org=other, name="申请人", id_number=new_id())
    gone = member_leave(actor=None, member=make_member(other, name="已退会"), reason="调离")
    stayers = [make_member(tree.grassroots, name="本会" + "甲乙"[i]) for i in range(2)]
    moot = transfer_request(actor=None, member=movers[0], to_org=tree.grassroots)
    onward = transfer_request(actor=None, member=movers[1], to_org=tree.sibling_grassroots)
    inward = transfer_request(actor=None, member=make_member(tree.sibling_grassroots), to_org=other)
    assert kept_counts()[tree.street.pk] == (0, 5)
    events_before = set(MemberEvent.objects.values_list("pk", flat=True))

    org_merge(actor=personas.street, source=other, target=tree.grassroots, note="两厂合并")

    # Every record of the merged union hangs on the survivor, the past ones too.
    moved = {m.pk for m in [*movers, applying, gone]}
    assert set(Member.objects.filter(org=tree.grassroots).values_list("pk", flat=True)) == moved | {
        m.pk for m in stayers
    }
    assert not Member.objects.filter(org=other).exists()
    # Each membership that stands (and the application) has its history row saying so.
    merged = MemberEvent.objects.filter(kind="merged").exclude(pk__in=events_before)
    assert set(merged.values_list("member_id", flat=True)) == {m.pk for m in [*movers, applying]}
    assert {(e.org_id, e.other_org_id, e.actor_id) for e in merged} == {
        (tree.grassroots.pk, other.pk, personas.street.pk)
    }
    # One audit row says how many records moved, by whom, from where.
    entry = AuditEntry.objects.get(action="member.merge_move")
    assert (entry.org_id, entry.actor_id) == (tree.grassroots.pk, personas.street.pk)
    assert entry.detail["moved"] == 5 and entry.detail["source"] == "赤岗某厂工会"
    # Open transfers: the survivor sends and receives now; one to itself is withdrawn, and says why.
    assert Transfer.objects.get(pk=moot.pk).state == "cancelled"
    assert MemberEvent.objects.filter(member=movers[0], kind="transfer_cancelled").exists()
    assert Transfer.objects.get(pk=onward.pk).from_org_id == tree.grassroots.pk
    assert Transfer.objects.get(pk=inward.pk).to_org_id == tree.grassroots.pk
    # The tallies equal a recount: 3 members moved in, the one who left and the applicant do not count.
    assert kept_counts() == recounted()
    assert kept_counts()[tree.grassroots.pk] == (5, 5)
    assert other.pk not in kept_counts()
    # The work goes on at the survivor: the transfer that came in completes there.
    transfer_approve(actor=personas.sibling, transfer=inward, side="out")
    transfer_approve(actor=personas.grassroots, transfer=inward, side="in")
    assert Member.objects.get(pk=inward.member_id).org_id == tree.grassroots.pk
    assert kept_counts() == recounted()


def test_a_merge_of_unions_above_grassroots_leaves_members_on_their_unions(tree, personas):
    """Merging 新港街道 into 赤岗街道: its union moves under the survivor with its members."""
    tally_rebuild(on=timezone.localdate())
    theirs = make_member(tree.sibling_grassroots)
    before = Member.objects.get(pk=theirs.pk).updated_at
    org_merge(actor=personas.city, source=tree.sibling_street, target=tree.street)
    member = Member.objects.get(pk=theirs.pk)
    assert (member.org_id, member.updated_at) == (tree.sibling_grassroots.pk, before)
    assert not AuditEntry.objects.filter(action="member.merge_move").exists()
    assert kept_counts() == recounted()
    assert kept_counts()[tree.street.pk] == (0, 1)


def test_members_stay_on_their_union_through_a_split(tree, personas):
    tally_rebuild(on=timezone.localdate())
    ours = [make_member(tree.grassroots, name=n) for n in ("张甲", "张乙")]
    events = MemberEvent.objects.count()
    new_street = org_split(
        actor=personas.city, org=tree.street, new_name="赤岗二街道总工会", children=[tree.grassroots],
        credit_code=union_code(), on=dt.date(2024, 1, 1),
    )  # fmt: skip
    # The union keeps its id and goes with its members; nothing of theirs is rewritten.
    assert {m.org_id for m in Member.objects.filter(pk__in=[m.pk for m in ours])} == {tree.grassroots.pk}
    assert Org.objects.get(pk=tree.grassroots.pk).parent_id == new_street.pk
    assert MemberEvent.objects.count() == events
    assert kept_counts() == recounted()
    assert kept_counts()[new_street.pk] == (0, 2) and tree.street.pk not in kept_counts()


def test_a_split_grassroots_union_keeps_its_members(tree, personas):
    tally_rebuild(on=timezone.localdate())
    make_member(tree.grassroots)
    new_union = org_split(
        actor=personas.street, org=tree.grassroots, new_name="赤岗街道第二联合工会", children=[],
        credit_code=union_code(), kind="joint",
    )  # fmt: skip
    assert Member.objects.filter(org=tree.grassroots).count() == 1
    assert not Member.objects.filter(org=new_union).exists()
    assert kept_counts() == recounted()
