import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.core.models import AuditEntry
from gonghui.members.actions import member_leave, member_restore, member_retain, member_update
from gonghui.members.models import MemberEvent
from gonghui.members.workflow import MEMBERSHIP, InvalidTransition

from ..conftest import make_member


def test_retain_on_retirement_then_restore_then_leave(tree, personas):
    m = make_member(tree.grassroots)
    m = member_retain(actor=personas.street, member=m, on=dt.date(2024, 1, 1), note="退休")
    assert m.status == "retained" and m.is_holding
    m = member_restore(actor=personas.street, member=m, on=dt.date(2024, 6, 1), note="返聘")
    m = member_leave(actor=personas.street, member=m, reason="本人申请", on=dt.date(2024, 7, 1))
    assert m.status == "left" and not m.is_holding
    kinds = list(MemberEvent.objects.filter(member=m).order_by("id").values_list("kind", flat=True))
    assert kinds == ["applied", "joined", "retained", "restored", "left"]
    assert AuditEntry.objects.filter(action="member.leave", object_id=str(m.pk)).count() == 1


def test_transitions_are_data_and_wrong_ones_are_refused(tree, personas):
    assert MEMBERSHIP.allowed("active") == ["retain", "leave"]
    m = make_member(tree.grassroots)
    with pytest.raises(InvalidTransition, match="不能恢复正常会籍"):
        member_restore(actor=personas.street, member=m)
    member_leave(actor=personas.street, member=m, reason="调离")
    with pytest.raises(InvalidTransition):
        member_leave(actor=personas.street, member=m, reason="again")


def test_dates_cannot_go_backwards_or_into_the_future(tree, personas):
    m = make_member(tree.grassroots)
    with pytest.raises(ValidationError):
        member_retain(actor=personas.street, member=m, on=dt.date(2019, 1, 1))
    with pytest.raises(ValidationError):
        member_retain(actor=personas.street, member=m, on=dt.date.today() + dt.timedelta(days=2))


def test_update_keeps_history_without_the_phone_in_clear(tree, personas):
    m = make_member(tree.grassroots, phone="13800138000")
    m = member_update(actor=personas.street, member=m, phone="13900139000", education="大专")
    assert (m.phone, m.education) == ("13900139000", "30")
    event = MemberEvent.objects.filter(member=m, kind="updated").get()
    assert "13900139000" not in str(event.detail) and event.detail["after"]["education"] == "30"
