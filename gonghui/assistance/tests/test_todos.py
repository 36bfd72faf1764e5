"""The workbench's counters: what waits for this person, counted within their scope, and the list
each counter leads to shows the same things."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.assistance import actions
from gonghui.assistance.models import Household
from gonghui.conftest import make_user
from gonghui.kernel.registry import registry

from .factories import fund_with, make_household


def counts(user) -> dict[str, int]:
    return {t.key: t.count(user) for t in registry.get("assistance").todos}


def submit(household, amount, kind="living"):
    return actions.application_submit(
        actor=None, household=household, kind=kind, amount=amount, reason="困难"
    )


@pytest.fixture
def work(rules):
    fund_with(rules.street, "10000")
    mine = make_household(rules.grassroots, family=[], name="王待办")
    other = make_household(rules.sibling_grassroots, family=[], name="李别处")
    submit(mine, "500")  # waits at the street
    submit(mine, "5000", "medical")  # waits at the district
    submit(other, "600")  # waits at the sibling street
    actions.application_approve(actor=None, application=submit(mine, "300", "visit"))  # to pay, at the street
    Household.objects.filter(pk=mine.pk).update(verified_on=timezone.localdate() - dt.timedelta(days=400))
    return mine


def test_each_person_counts_what_waits_for_them(rules, personas, work):
    approver = make_user("haizhu_approver", rules.haizhu, "approver")
    viewer = make_user("street_viewer", rules.street, "viewer")
    to_do = ("assistance.to_decide", "assistance.to_pay", "assistance.to_verify")
    expected = {
        "street": (1, 1, 1),  # decides and pays at the street, re-verifies its files
        "district": (0, 1, 1),  # a clerk: records payments and re-verifies, does not decide
        "approver": (3, 0, 0),  # decides at the district and below it, keeps no records
        "sibling": (1, 0, 0),
        "grassroots": (0, 0, 1),  # its file is due; it approves nothing
        "member": (0, 0, 0),
        "viewer": (0, 0, 0),
    }
    users = {**dict(personas.items()), "approver": approver, "viewer": viewer}
    for name, numbers in expected.items():
        found = counts(users[name])
        assert tuple(found[k] for k in to_do) == numbers, (name, found)


def test_each_counter_leads_to_the_list_of_those_things(rules, personas, work, login):
    client = login(personas.street)
    by_key = {t.key: t for t in registry.get("assistance").todos}
    for key in ("assistance.to_decide", "assistance.to_pay", "assistance.to_verify"):
        page = client.get(by_key[key].url).content.decode()
        assert "王待办" in page and "李别处" not in page, key
