"""A union that still holds members is not dissolved; when it holds none, what cannot continue
there ends: applications to join it are refused, transfers into it are closed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gonghui.conftest import make_org
from gonghui.core.models import AuditEntry
from gonghui.members.actions import (
    member_apply,
    member_leave,
    member_retain,
    transfer_request,
)
from gonghui.members.models import Member, MemberEvent, Transfer
from gonghui.orgs.actions import org_dissolve
from gonghui.orgs.models import Org
from gonghui.units.tally import tally_rebuild

from ..conftest import kept_counts, make_member, new_id, recounted


@pytest.fixture
def factory_union(tree):  # type: ignore[no-untyped-def]
    return make_org(tree.street, "赤岗某厂工会", "grassroots", kind="enterprise")


def test_a_union_with_members_is_not_dissolved(tree, personas, factory_union):
    make_member(factory_union, name="在册")
    member_retain(actor=None, member=make_member(factory_union, name="退休"))
    with pytest.raises(ValidationError, match="还有 2 名会员") as exc:
        org_dissolve(actor=personas.street, org=factory_union, reason="企业关闭")
    assert "并入" in exc.value.messages[0]  # says how the members can go all at once
    assert Org.objects.get(pk=factory_union.pk).is_active
    assert set(Member.objects.filter(org=factory_union).values_list("status", flat=True)) == {
        "active",
        "retained",
    }
    assert not AuditEntry.objects.filter(action__in=["org.dissolve", "member.follow_dissolve"]).exists()


def test_the_union_page_says_why_it_cannot_be_dissolved_and_offers_no_dissolution(
    tree, personas, login, factory_union
):
    make_member(factory_union)
    client = login(personas.street)
    page = client.get(f"/orgs/{factory_union.pk}/").content.decode()
    assert "还有 1 名会员" in page and f"/orgs/{factory_union.pk}/dissolve/" not in page
    r = client.post(f"/orgs/{factory_union.pk}/dissolve/", {"reason": "企业关闭"})
    assert r.status_code == 403
    assert Org.objects.get(pk=factory_union.pk).is_active


def test_applications_and_transfers_into_a_dissolved_union_end(tree, personas, factory_union):
    tally_rebuild(on=timezone.localdate())
    number = new_id()
    applying = member_apply(actor=None, org=factory_union, name="申请人", id_number=number)
    gone = member_leave(actor=None, member=make_member(factory_union, name="已退会"), reason="调离")
    coming = transfer_request(actor=None, member=make_member(tree.grassroots), to_org=factory_union)

    org_dissolve(actor=personas.street, org=factory_union, reason="企业关闭")

    applying = Member.objects.get(pk=applying.pk)
    assert applying.status == "rejected"
    event = MemberEvent.objects.filter(member=applying).latest("id")
    assert (event.kind, event.actor_id) == ("rejected", personas.street.pk) and "已撤销" in event.note
    assert Member.objects.get(pk=gone.pk).status == "left"  # the past stays as it was
    coming = Transfer.objects.get(pk=coming.pk)
    assert coming.state == "rejected" and "已撤销" in coming.reject_reason
    assert MemberEvent.objects.filter(member=coming.member, kind="transfer_closed").exists()
    assert Member.objects.get(pk=coming.member_id).org_id == tree.grassroots.pk
    entry = AuditEntry.objects.get(action="member.follow_dissolve")
    assert (entry.org_id, entry.detail) == (factory_union.pk, {"refused": 1, "closed": 1})
    assert AuditEntry.objects.filter(action="member.reject", object_id=str(applying.pk)).exists()
    assert AuditEntry.objects.filter(action="transfer.close", object_id=str(coming.pk)).exists()
    # The applicant is free to join elsewhere; the counts never included the dissolved union.
    member_apply(actor=None, org=tree.sibling_grassroots, name="申请人", id_number=number)
    assert kept_counts() == recounted()


def test_an_empty_union_is_dissolved_without_a_word_from_the_register(tree, personas, factory_union):
    org_dissolve(actor=personas.street, org=factory_union, reason="企业关闭")
    assert not AuditEntry.objects.filter(action="member.follow_dissolve").exists()
