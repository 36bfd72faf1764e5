"""200 members try for one slot at the same moment, each on its own connection: exactly one
booking is made; the other 199 are told, in Chinese, that the slot is taken."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from gonghui.members.testing import GIVEN, SURNAMES
from gonghui.services import actions
from gonghui.services.models import Booking
from gonghui.tests.concurrency import race

from .. import factories as f

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint is PostgreSQL's"),
]
ATTEMPTS = 200


def chinese_name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[i // len(SURNAMES) % len(GIVEN)] + GIVEN[i % len(GIVEN)]


@pytest.mark.django_db(transaction=True)
def test_two_hundred_concurrent_attempts_at_one_slot_make_exactly_one_booking(svc, tree):
    workers = [f.make_worker(tree.grassroots, chinese_name(i), username=f"rush{i}") for i in range(ATTEMPTS)]
    slot = f.at(f.next_weekday(0), 10)
    outcomes = race(
        [
            lambda m=m: actions.booking_create(
                actor=m.login.user, member=m, provider=svc.counsellor, service=svc.counselling, starts_at=slot
            )
            for m in workers
        ]
    )

    assert outcomes.count("ok") == 1
    losers = [o for o in outcomes if o != "ok"]
    assert len(losers) == ATTEMPTS - 1
    assert set(losers) == {actions.TAKEN}  # "该时段已被预约，请选择其他时段。"
    assert Booking.objects.filter(provider=svc.counsellor, starts_at=slot).count() == 1


@pytest.fixture
def booked(svc, tree) -> tuple[Booking, Any]:
    """The counsellor's Monday 9:00 session booked by the worker, and another member."""
    return f.book(svc.worker, svc.counsellor, f.at(f.next_weekday(0), 9)), f.make_worker(
        tree.grassroots, "周二"
    )


def refused_by(constraint: str, first: Booking, **changes: Any) -> None:
    """A booking written straight to the table, past the action: `first`'s centre, provider,
    service and time but for `changes`; the named constraint refuses it."""
    values = {
        "centre": first.centre, "provider": first.provider, "service": first.service,
        "starts_at": first.starts_at, "ends_at": first.ends_at, "channel": "officer", **changes,
    }  # fmt: skip
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Booking.objects.create(**values)


@pytest.mark.django_db(transaction=True)
def test_the_exclusion_constraint_refuses_an_overlap_that_skips_the_action(svc, booked):
    first, other = booked
    refused_by(
        "booking_provider_no_overlap", first, member=other,
        starts_at=first.starts_at.replace(minute=30), ends_at=first.ends_at.replace(minute=30),
    )  # fmt: skip
    # A cancelled booking holds no time: the slot can be taken again.
    actions.booking_cancel(actor=svc.worker_user, booking=first)
    again = f.book(other, svc.counsellor, first.starts_at)
    assert again.status == "booked"


@pytest.mark.django_db(transaction=True)
def test_the_room_exclusion_constraint_refuses_two_sessions_in_one_room(svc, booked):
    first, other = booked
    refused_by(
        "booking_room_no_overlap", first, member=other,
        provider=svc.lawyer, service=svc.lawyer.services.first(), room=first.room,
    )  # fmt: skip
