import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gonghui.members.actions import (
    transfer_approve,
    transfer_cancel,
    transfer_reject,
    transfer_request,
    transfers_auto_approve,
)
from gonghui.members.models import Member, MemberEvent, Transfer
from gonghui.members.workflow import InvalidTransition

from ..conftest import make_member


def test_both_unions_approve_then_the_member_moves(tree, personas):
    m = make_member(tree.grassroots)
    t = transfer_request(actor=personas.street, member=m, to_org=tree.sibling_grassroots, reason="工作调动")
    t = transfer_approve(actor=personas.sibling, transfer=t, side="in")  # the receiving side may go first
    assert t.state == "in_approved" and Member.objects.get(pk=m.pk).org_id == tree.grassroots.pk
    t = transfer_approve(actor=personas.grassroots, transfer=t, side="out")
    assert t.state == "done" and t.closed_at is not None
    assert Member.objects.get(pk=m.pk).org_id == tree.sibling_grassroots.pk
    kinds = list(MemberEvent.objects.filter(member=m).order_by("id").values_list("kind", flat=True))
    assert kinds[-4:] == [
        "transfer_requested",
        "transfer_in_approved",
        "transfer_out_approved",
        "transferred",
    ]


def test_each_side_approves_only_for_itself(tree, personas):
    m = make_member(tree.grassroots)
    t = transfer_request(actor=personas.street, member=m, to_org=tree.sibling_grassroots)
    with pytest.raises(PermissionDenied):
        transfer_approve(actor=personas.street, transfer=t, side="in")
    with pytest.raises(PermissionDenied):
        transfer_approve(actor=personas.sibling, transfer=t, side="out")
    transfer_approve(actor=personas.street, transfer=t, side="out")
    with pytest.raises(InvalidTransition):
        transfer_approve(actor=personas.street, transfer=t, side="out")


def test_reject_and_cancel(tree, personas):
    m = make_member(tree.grassroots)
    t = transfer_request(actor=personas.street, member=m, to_org=tree.sibling_grassroots)
    with pytest.raises(ValidationError):
        transfer_request(
            actor=personas.street, member=m, to_org=tree.sibling_grassroots
        )  # one open at a time
    t = transfer_reject(actor=personas.sibling, transfer=t, side="in", reason="不是本单位职工")
    assert t.state == "rejected" and Member.objects.get(pk=m.pk).org_id == tree.grassroots.pk
    t2 = transfer_request(actor=personas.street, member=m, to_org=tree.sibling_grassroots)
    assert transfer_cancel(actor=personas.street, transfer=t2).state == "cancelled"


def test_only_members_in_good_standing_transfer(tree, personas):
    from gonghui.members.actions import member_apply

    from ..conftest import new_id

    pending = member_apply(actor=None, org=tree.grassroots, name="待批", id_number=new_id())
    with pytest.raises(InvalidTransition):
        transfer_request(actor=personas.street, member=pending, to_org=tree.sibling_grassroots)


def test_unanswered_requests_are_approved_after_30_days(tree, personas, settings):
    settings.GONGHUI_TRANSFER_AUTO_APPROVE_DAYS = 30
    asked = timezone.now() - dt.timedelta(days=40)
    old, new = make_member(tree.grassroots, name="老申请"), make_member(tree.grassroots, name="新申请")
    t_old = transfer_request(actor=personas.street, member=old, to_org=tree.sibling_grassroots)
    t_new = transfer_request(actor=personas.street, member=new, to_org=tree.sibling_grassroots)
    Transfer.objects.filter(pk=t_old.pk).update(requested_at=asked)
    transfer_approve(actor=personas.street, transfer=t_old, side="out")  # the receiving side never answers
    now = asked + dt.timedelta(days=29, hours=23)
    assert transfers_auto_approve(now=now) == []
    done = transfers_auto_approve(now=asked + dt.timedelta(days=30, minutes=1))
    assert [t.pk for t in done] == [t_old.pk]
    assert Transfer.objects.get(pk=t_old.pk).state == "done"
    assert Transfer.objects.get(pk=t_new.pk).state == "requested"
    assert Member.objects.get(pk=old.pk).org_id == tree.sibling_grassroots.pk
    note = MemberEvent.objects.get(member=old, kind="transfer_auto_approved").note
    assert "转入工会" in note and "转出工会" not in note and "30日" in note


def test_the_rule_is_a_setting(tree, personas, settings):
    settings.GONGHUI_TRANSFER_AUTO_APPROVE_DAYS = 7
    m = make_member(tree.grassroots)
    t = transfer_request(actor=personas.street, member=m, to_org=tree.sibling_grassroots)
    assert transfers_auto_approve(now=timezone.now() + dt.timedelta(days=8))[0].pk == t.pk


def test_a_request_that_cannot_complete_is_closed(tree, personas):
    m = make_member(tree.grassroots)
    t = transfer_request(actor=personas.street, member=m, to_org=tree.sibling_grassroots)
    Member.objects.filter(pk=m.pk).update(org=tree.sibling_grassroots)  # moved by other means
    transfers_auto_approve(now=timezone.now() + dt.timedelta(days=31))
    assert Transfer.objects.get(pk=t.pk).state == "rejected"
