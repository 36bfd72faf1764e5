import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.core.models import AuditEntry
from gonghui.members.actions import member_apply, member_approve, member_leave, member_reject
from gonghui.members.models import Member, MemberEvent
from gonghui.members.workflow import InvalidTransition

from ..conftest import make_member, new_id


def test_join_is_approved_by_the_grassroots_union(tree, personas):
    number = new_id()
    member = member_apply(actor=personas.street, org=tree.grassroots, name="王 五", id_number=number.lower(),
                          phone="138 0013 8000", political_status="党员")  # fmt: skip
    assert (member.status, member.name, member.political_status) == ("pending", "王五", "cpc")
    assert member.id_number == number and member.phone == "13800138000"
    assert member.birth_date == dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    member = member_approve(actor=personas.grassroots, member=member, on=dt.date(2024, 5, 1))
    assert (member.status, member.join_date) == ("active", dt.date(2024, 5, 1))
    kinds = list(MemberEvent.objects.filter(member=member).order_by("id").values_list("kind", flat=True))
    assert kinds == ["applied", "joined"]
    assert AuditEntry.objects.filter(action="member.approve", object_id=str(member.pk)).exists()
    # Stored encrypted, found by blind index only.
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT id_number, phone FROM members_member WHERE id = %s", [member.pk])
        stored = cur.fetchone()
    assert number not in str(stored) and "13800138000" not in str(stored) and stored[0].startswith("v1:")


def test_a_clerk_cannot_approve_and_a_sibling_cannot_apply(tree, personas):
    member = member_apply(actor=personas.district, org=tree.grassroots, name="赵六", id_number=new_id())
    with pytest.raises(PermissionDenied):
        member_approve(actor=personas.district, member=member)  # clerk: view and edit only
    with pytest.raises(PermissionDenied):
        member_apply(actor=personas.sibling, org=tree.grassroots, name="钱七", id_number=new_id())


def test_one_membership_in_the_whole_province(tree, personas):
    number = new_id()
    make_member(tree.sibling_grassroots, id_number=number)
    with pytest.raises(ValidationError) as exc:
        member_apply(actor=personas.street, org=tree.grassroots, name="孙八", id_number=number)
    message = exc.value.message_dict["id_number"][0]
    assert "其他工会" in message and "新港社区工会" not in message  # outside the street's scope
    with pytest.raises(ValidationError) as exc:
        member_apply(actor=personas.district, org=tree.grassroots, name="孙八", id_number=number)
    assert "新港社区工会" in exc.value.message_dict["id_number"][0]  # the district sees both


def test_after_leaving_the_person_may_join_again(tree, personas):
    number = new_id()
    first = make_member(tree.grassroots, id_number=number)
    member_leave(actor=personas.street, member=first, reason="调离本市")
    again = member_apply(actor=personas.sibling, org=tree.sibling_grassroots, name="张三", id_number=number)
    assert again.pk != first.pk and Member.objects.filter(id_number_bidx=again.id_number_bidx).count() == 2


def test_rejection_needs_a_reason_and_ends_the_application(tree, personas):
    member = member_apply(actor=personas.street, org=tree.grassroots, name="周九", id_number=new_id())
    with pytest.raises(ValidationError):
        member_reject(actor=personas.grassroots, member=member, reason=" ")
    member = member_reject(actor=personas.grassroots, member=member, reason="非本单位职工")
    assert member.status == "rejected"
    with pytest.raises(InvalidTransition):
        member_approve(actor=personas.grassroots, member=member)


@pytest.mark.parametrize("bad", ["440105198506010012", "4401051985060100", "4.40105E+17", ""])
def test_bad_id_numbers_are_refused_in_chinese(tree, personas, bad):
    with pytest.raises(ValidationError) as exc:
        member_apply(actor=personas.street, org=tree.grassroots, name="吴十", id_number=bad)
    assert exc.value.message_dict["id_number"]


def test_members_only_in_grassroots_unions(tree, personas):
    with pytest.raises(ValidationError, match="基层工会"):
        member_apply(actor=personas.street, org=tree.street, name="郑一", id_number=new_id())
