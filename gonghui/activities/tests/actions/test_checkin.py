"""Check-in by the signed, expiring code on the worker's phone, or by name; twice counts once."""

from __future__ import annotations

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.activities import actions, rules
from gonghui.activities.models import SignUp
from gonghui.core.models import AuditEntry

from ..factories import later_today, make_activity, make_worker, soon, worker_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_the_day(tree):
    start = later_today()
    activity = make_activity(tree.street, starts_at=start, signup_until=start, capacity=1)
    worker = make_worker(tree.grassroots)
    signup = actions.signup_create(actor=worker_user(worker), activity=activity)
    return activity, signup


def test_the_code_checks_the_worker_in_once(on_the_day, personas):
    activity, signup = on_the_day
    code = rules.token_for(signup)
    first, new = actions.checkin_by_code(actor=personas.street, activity=activity, code=code)
    assert new and first.checked_in_at is not None and first.checked_in_by == personas.street
    again, new_again = actions.checkin_by_code(actor=personas.street, activity=activity, code=code)
    assert not new_again and again.checked_in_at == first.checked_in_at
    assert SignUp.objects.filter(activity=activity, checked_in_at__isnull=False).count() == 1
    assert AuditEntry.objects.filter(action="activities.signup.checkin").count() == 1


def test_a_tampered_code_is_refused_in_chinese(on_the_day, personas):
    activity, signup = on_the_day
    code = rules.token_for(signup)
    forged = code[:-3] + ("aaa" if not code.endswith("aaa") else "bbb")
    with pytest.raises(ValidationError, match="签到码无效"):
        actions.checkin_by_code(actor=personas.street, activity=activity, code=forged)
    other_salt = signing.dumps({"s": signup.pk, "a": activity.pk}, salt="gonghui.members.card")
    with pytest.raises(ValidationError, match="签到码无效"):
        actions.checkin_by_code(actor=personas.street, activity=activity, code=other_salt)
    assert SignUp.objects.get(pk=signup.pk).checked_in_at is None


def test_an_expired_code_is_refused(on_the_day, personas, monkeypatch):
    activity, signup = on_the_day
    code = rules.token_for(signup)
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + rules.TOKEN_MAX_AGE + 5)
    with pytest.raises(ValidationError, match="签到码已过期"):
        actions.checkin_by_code(actor=personas.street, activity=activity, code=code)


def test_a_code_of_another_activity_is_refused(on_the_day, tree, personas):
    activity, signup = on_the_day
    other = make_activity(tree.street, title="另一场活动", starts_at=activity.starts_at)
    with pytest.raises(ValidationError, match="不是本活动的报名凭证"):
        actions.checkin_by_code(actor=personas.street, activity=other, code=rules.token_for(signup))


def test_the_waiting_list_cannot_check_in(on_the_day, tree, personas):
    activity, _signup = on_the_day
    waiting = actions.signup_create(
        actor=worker_user(make_worker(tree.grassroots, "李候补")), activity=activity
    )
    with pytest.raises(ValidationError, match="候补"):
        actions.checkin(actor=personas.street, signup=waiting)


def test_only_the_organisers_officers_check_in(on_the_day, personas):
    activity, signup = on_the_day
    with pytest.raises(PermissionDenied):
        actions.checkin_by_code(actor=personas.sibling, activity=activity, code=rules.token_for(signup))
    with pytest.raises(PermissionDenied):
        actions.checkin(actor=signup.user, signup=signup)


def test_no_check_in_before_the_day(tree, personas):
    activity = make_activity(tree.street, starts_at=soon(5))
    s = actions.signup_create(actor=worker_user(make_worker(tree.grassroots)), activity=activity)
    with pytest.raises(ValidationError, match="起才能签到"):
        actions.checkin(actor=personas.street, signup=s)
