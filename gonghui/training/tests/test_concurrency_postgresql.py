"""Concurrent enrolments on PostgreSQL, each on its own connection: the course row lock keeps
the capacity; one person is enrolled once however many times they are sent at once."""

from __future__ import annotations

from gonghui.tests.concurrency import CONCURRENT, race
from gonghui.training import actions
from gonghui.training.models import Enrolment

from .factories import make_course, member_at

pytestmark = CONCURRENT
ATTEMPTS = 50


def test_fifty_enrolments_for_ten_places_fill_exactly_ten(tree, personas):
    course = make_course(tree.street, capacity=10)
    people = [member_at(tree.grassroots) for _ in range(ATTEMPTS)]
    outcomes = race(
        [lambda m=m: actions.enrol_members(actor=personas.street, course=course, members=[m]) for m in people]
    )
    assert outcomes.count("ok") == 10
    assert all("名额不足" in o for o in outcomes if o != "ok")
    assert Enrolment.objects.filter(course=course, state="enrolled").count() == 10


def test_one_person_sent_fifty_times_at_once_is_enrolled_once(tree, personas):
    course = make_course(tree.street, capacity=100)
    person = member_at(tree.grassroots)
    outcomes = race(
        [lambda: actions.enrol_members(actor=personas.street, course=course, members=[person])] * ATTEMPTS
    )
    assert outcomes.count("ok") == 1
    assert Enrolment.objects.filter(course=course).count() == 1
