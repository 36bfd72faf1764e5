"""Property tests: a claim never pays more than the plan allows; the group rule."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.kernel import cleaning
from gonghui.kernel.errors import Refused
from gonghui.mutualaid import actions, rules
from gonghui.mutualaid.models import Claim
from gonghui.mutualaid.tests.factories import PDF, covered, line_of

money = st.decimals(min_value=0, max_value=200_000, places=2, allow_nan=False, allow_infinity=False)
schedules = st.builds(
    rules.Schedule,
    basis=st.sampled_from(["ratio", "daily", "fixed"]),
    deductible=st.decimals(min_value=0, max_value=5000, places=2),
    rate=st.decimals(min_value=0, max_value=1, places=3),
    amount=st.decimals(min_value=0, max_value=50_000, places=2),
    event_cap=st.decimals(min_value=0, max_value=50_000, places=2),
)


@given(schedule=schedules, expense=money, days=st.integers(0, 366), cap=money, paid=money)
def test_an_award_never_exceeds_the_schedule_the_event_cap_or_what_is_left_of_the_period_cap(
    schedule, expense, days, cap, paid
):
    got = rules.award(schedule, expense=expense, days=days, period_cap=cap, already_paid=paid)
    assert Decimal("0") <= got.payable <= got.computed
    assert got.payable <= schedule.event_cap
    assert got.payable <= max(cap - paid, Decimal("0"))
    assert got.payable == got.payable.quantize(Decimal("0.01"))
    assert got.note or got.payable == got.computed  # a cap that applied is said


@given(schedule=schedules, cap=money, claims=st.lists(st.tuples(money, st.integers(0, 60)), max_size=12))
def test_successive_awards_on_one_share_never_add_up_to_more_than_the_period_cap(schedule, cap, claims):
    paid = Decimal("0.00")
    for expense, days in claims:
        paid += rules.award(schedule, expense=expense, days=days, period_cap=cap, already_paid=paid).payable
    assert paid <= cap


@given(in_service=st.integers(0, 500), enrolled=st.integers(0, 500))
def test_the_group_rule(in_service, enrolled):
    enrolled = min(enrolled, in_service)
    ok = not rules.group_refusal(
        enrolled=enrolled, in_service=in_service, min_ratio=Decimal("0.60"), min_people=10
    )
    if ok:
        assert enrolled * 100 >= 60 * in_service
        assert enrolled >= 10 or enrolled == in_service > 0
    if enrolled == in_service > 0:
        assert ok  # everyone may always join
    if ok and enrolled < in_service:
        assert not rules.group_refusal(
            enrolled=enrolled + 1, in_service=in_service, min_ratio=Decimal("0.60"), min_people=10
        )


@given(start=st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)), term=st.sampled_from([1, 2, 3]))
def test_cover_starts_after_payment_on_a_first_of_month_and_lasts_its_term(start, term):
    begins = rules.cover_start_after(start)
    assert begins > start and begins.day == 1 and (begins - start).days <= 31
    ends = rules.cover_end(begins, term)
    assert 365 * term - 1 <= (ends - begins).days <= 366 * term


class _Undo(Exception):
    pass


@pytest.mark.django_db
def test_claims_decided_in_any_order_never_pay_a_share_more_than_its_cap(tree):
    share = line_of(covered(tree.grassroots))
    benefits = list(share.plan.benefits.all())
    cap = share.plan.period_cap

    @settings(max_examples=25, deadline=None)
    @given(
        st.lists(st.tuples(st.integers(0, len(benefits) - 1), money, st.booleans()), min_size=1, max_size=8)
    )
    def run(claims):
        try:
            with transaction.atomic():
                made = []
                for which, expense, approve in claims:
                    c = actions.claim_submit(
                        actor=None, line=share, benefit=benefits[which], event_date=cleaning.today(),
                        expense=max(expense, Decimal("1")),
                    )  # fmt: skip
                    for m in benefits[which].material_list:
                        actions.claim_attach(
                            actor=None, claim=c, material=m, upload=SimpleUploadedFile("a.pdf", PDF)
                        )
                    made.append((c, approve))
                for c, approve in made:
                    with contextlib.suppress(Refused):
                        actions.claim_approve(actor=None, claim=c) if approve else None
                granted = sum(c.payable for c in Claim.objects.filter(line=share, state__in=Claim.SPENT))
                assert granted <= cap
                raise _Undo
        except _Undo:
            pass

    run()
