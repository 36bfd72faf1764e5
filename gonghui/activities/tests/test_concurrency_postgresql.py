"""200 concurrent sign-ups on PostgreSQL, each on its own connection: never more on the list
than the places, the waiting list in the order numbers were given, and cancellations promote
the next in line. Concurrent claims of a campaign's benefit never give more than its total, nor
one worker more than their share."""

from __future__ import annotations

import datetime as dt

from gonghui.accounts.actions import role_grant, user_create
from gonghui.activities import actions
from gonghui.activities.models import SignUp, Voucher
from gonghui.conftest import PASSWORD
from gonghui.kernel.codes import id_number_make
from gonghui.members import keys
from gonghui.members.actions import member_link_user
from gonghui.members.models import Member
from gonghui.tests.concurrency import CONCURRENT, race

from .factories import make_activity, make_benefit, make_campaign

pytestmark = CONCURRENT
ATTEMPTS = 200
PLACES = 50


def workers_of(org, n):
    """`n` members of `org`, each with their own login (plain rows: the race is the point)."""
    users = []
    for i in range(n):
        number = id_number_make("440105", dt.date(1980, 1, 1) + dt.timedelta(days=i), i % 1000)
        member = Member.objects.create(
            org=org, name="并发职工", id_number=number, id_number_bidx=keys.id_bidx(number),
            birth_date=dt.date(1980, 1, 1), sex="男", status="active", join_date=dt.date(2000, 1, 1),
        )  # fmt: skip
        user = user_create(actor=None, username=f"race{i}", password=PASSWORD, full_name=f"race{i}")
        role_grant(actor=None, user=user, org=org, kind="member")
        member_link_user(actor=None, member=member, user=user)
        users.append(user)
    return users


def test_two_hundred_sign_ups_at_once_never_exceed_the_places_and_keep_the_line(tree):
    activity = make_activity(tree.street, capacity=PLACES)
    users = workers_of(tree.grassroots, ATTEMPTS)
    outcomes = race([lambda u=u: actions.signup_create(actor=u, activity=activity) for u in users])
    assert outcomes.count("ok") == ATTEMPTS, set(outcomes)
    rows = list(SignUp.objects.filter(activity=activity).order_by("seq"))
    assert [r.seq for r in rows] == list(range(1, ATTEMPTS + 1))
    assert [r.state for r in rows] == ["confirmed"] * PLACES + ["waiting"] * (ATTEMPTS - PLACES)
    activity.refresh_from_db()
    assert activity.signup_seq == ATTEMPTS

    # Twenty on the list cancel at once: the freed places go to the first twenty in line, in
    # their order, and the list stays at its places.
    leaving = rows[:20]
    line = [r.pk for r in rows[PLACES:]]
    outcomes = race([lambda s=s: actions.signup_cancel(actor=s.user, signup=s) for s in leaving])
    assert outcomes.count("ok") == 20, set(outcomes)
    confirmed = SignUp.objects.filter(activity=activity, state="confirmed")
    assert confirmed.count() == PLACES
    promoted = set(confirmed.filter(pk__in=line).values_list("pk", flat=True))
    assert promoted == set(line[:20])
    waiting = list(
        SignUp.objects.filter(activity=activity, state="waiting").order_by("seq").values_list("pk", flat=True)
    )
    assert waiting == line[20:]


def test_the_same_worker_signing_up_twice_at_once_gets_one_place(tree):
    activity = make_activity(tree.street, capacity=5)
    (user,) = workers_of(tree.grassroots, 1)
    outcomes = race([lambda: actions.signup_create(actor=user, activity=activity) for _ in range(10)])
    assert outcomes.count("ok") == 1
    assert all("您已报名该活动" in o for o in outcomes if o != "ok"), set(outcomes)
    assert SignUp.objects.filter(activity=activity).count() == 1


def test_two_workers_claiming_the_last_voucher_at_once_one_gets_it(tree):
    """The benefit's row lock: of two claims of the last one, one gets it and the other is told
    it is all claimed; the count never passes the total."""
    benefit = make_benefit(make_campaign(tree.street), total=1)
    first, second = workers_of(tree.grassroots, 2)
    outcomes = race([lambda u=u: actions.voucher_claim(actor=u, benefit=benefit) for u in (first, second)])
    assert sorted(outcomes) == sorted(["ok", "「防暑降温慰问品券」已领完。"]), outcomes
    assert Voucher.objects.filter(benefit=benefit).count() == 1
    benefit.refresh_from_db()
    assert benefit.issued == 1


def test_fifty_claims_at_once_give_the_stock_and_one_each(tree):
    benefit = make_benefit(make_campaign(tree.street), total=30)
    users = workers_of(tree.grassroots, 40)
    jobs = [lambda u=u: actions.voucher_claim(actor=u, benefit=benefit) for u in users]
    jobs += [lambda u=u: actions.voucher_claim(actor=u, benefit=benefit) for u in users[:10]]  # twice at once
    outcomes = race(jobs)
    assert outcomes.count("ok") == 30, set(outcomes)
    vouchers = list(Voucher.objects.filter(benefit=benefit).order_by("seq"))
    assert [v.seq for v in vouchers] == list(range(1, 31))
    assert len({v.member_id for v in vouchers}) == 30
