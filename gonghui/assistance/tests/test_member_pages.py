"""A worker sees their own file's applications and applies on their own pages, nothing else."""

import pytest
from django.urls import reverse

from gonghui.assistance.models import Application
from gonghui.members.actions import member_link_user
from gonghui.members.tests.conftest import make_member

from .factories import make_household, new_id


@pytest.fixture
def worker(rules, personas):
    member = make_member(rules.grassroots, name="陈建华", id_number=new_id())
    member_link_user(actor=None, member=member, user=personas.member)
    return make_household(rules.grassroots, id_number=member.id_number)


def test_the_worker_applies_from_their_own_page(worker, personas, login, rules):
    client = login(personas.member)
    page = client.get(reverse("assistance:me")).content.decode()
    assert worker.file_no in page and "申请帮扶" in page
    r = client.post(
        reverse("assistance:me_apply"),
        {"kind": "schooling", "amount": "1500", "reason": "孩子考上大学，学费无着"},
    )
    assert r.status_code == 302
    application = Application.objects.get()
    assert application.by_member and application.household == worker and application.approver == rules.street
    assert "子女助学" in client.get(reverse("assistance:me")).content.decode()
    assert client.get(reverse("assistance:application_detail", args=[application.pk])).status_code == 200


def test_a_bad_amount_from_the_worker_answers_422(worker, personas, login):
    r = login(personas.member).post(
        reverse("assistance:me_apply"), {"kind": "living", "amount": "-1", "reason": "困难"}
    )
    assert r.status_code == 422
    assert not Application.objects.exists()


def test_the_worker_cannot_see_another_households_application(worker, personas, login, rules):
    from gonghui.assistance import actions

    other = make_household(rules.grassroots, family=[])
    application = actions.application_submit(
        actor=None, household=other, kind="living", amount="500", reason="困难"
    )
    client = login(personas.member)
    assert client.get(reverse("assistance:application_detail", args=[application.pk])).status_code == 403
    assert client.get(reverse("assistance:household_detail", args=[other.pk])).status_code == 403
    assert client.get(reverse("assistance:household_detail", args=[worker.pk])).status_code == 403


def test_a_worker_without_a_file_is_told_whom_to_ask(personas, login, rules):
    client = login(personas.member)
    assert "请联系所在基层工会" in client.get(reverse("assistance:me")).content.decode()
    assert client.get(reverse("assistance:me_apply")).status_code == 403
