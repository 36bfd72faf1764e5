from __future__ import annotations

import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.core.models import AuditEntry
from gonghui.jobfairs import actions

from ..factories import make_fair, make_seeker


def test_a_ticket_checks_in_once(fair, personas):
    seeker = make_seeker(fair)
    code = actions.ticket(seeker)
    first = actions.seeker_checkin(actor=personas.city, fair=fair, code=code)
    again = actions.seeker_checkin(actor=personas.city, fair=fair, code=code)
    assert first.checked_in_at is not None and again.checked_in_at == first.checked_in_at
    assert AuditEntry.objects.filter(action="jobfairs.seeker.checkin", object_id=str(seeker.pk)).count() == 1


def test_a_ticket_of_another_fair_or_a_forged_one_is_refused(tree, fair, personas):
    other = make_fair(tree.guangzhou, title="另一场")
    code = actions.ticket(make_seeker(other))
    with pytest.raises(ValidationError, match="其他招聘会"):
        actions.seeker_checkin(actor=personas.city, fair=fair, code=code)
    with pytest.raises(ValidationError, match="无效"):
        actions.seeker_checkin(actor=personas.city, fair=fair, code=code[:-2] + "xx")


def test_an_old_ticket_has_expired(fair, personas, monkeypatch):
    seeker = make_seeker(fair)
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() - actions.TICKET_AGE - 60)
    code = actions.ticket(seeker)
    monkeypatch.setattr(time, "time", real)
    with pytest.raises(ValidationError, match="过期"):
        actions.seeker_checkin(actor=personas.city, fair=fair, code=code)


def test_only_the_organiser_checks_people_in_and_only_on_the_day(tree, fair, personas):
    seeker = make_seeker(fair)
    with pytest.raises(PermissionDenied):
        actions.seeker_checkin(actor=personas.district, fair=fair, seeker=seeker)
    later = make_fair(
        tree.guangzhou, title="下月招聘会", held_on=fair.held_on.replace(year=fair.held_on.year + 1)
    )
    with pytest.raises(ValidationError, match="举办当日"):
        actions.seeker_checkin(actor=personas.city, fair=later, seeker=make_seeker(later))
