from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.jobfairs import actions
from gonghui.jobfairs.models import Interview, Outcome

from ..factories import make_employer, make_fair, make_position, make_seeker


def test_the_organiser_records_an_interview_and_then_an_offer(fair, personas):
    position = make_position(make_employer(fair))
    seeker = make_seeker(fair)
    actions.interview_record(
        actor=personas.city, position=position, seeker=seeker, outcome=Outcome.INTERVIEWED
    )
    row = actions.interview_record(
        actor=personas.city, position=position, seeker=seeker, outcome=Outcome.OFFERED
    )
    assert Interview.objects.filter(position=position, seeker=seeker).count() == 1
    assert row.outcome == Outcome.OFFERED


def test_interviews_need_an_approved_position_and_a_seeker_of_the_fair(tree, fair, personas):
    waiting = make_position(make_employer(fair), approve=False)
    seeker = make_seeker(fair)
    with pytest.raises(ValidationError, match="未通过审核"):
        actions.interview_record(actor=None, position=waiting, seeker=seeker, outcome=Outcome.INTERVIEWED)
    other = make_seeker(make_fair(tree.guangzhou, title="另一场"))
    position = make_position(make_employer(fair))
    with pytest.raises(ValidationError, match="未报名"):
        actions.interview_record(actor=None, position=position, seeker=other, outcome=Outcome.INTERVIEWED)
    with pytest.raises(PermissionDenied):
        actions.interview_record(actor=personas.district, position=position, seeker=seeker, outcome="offered")
