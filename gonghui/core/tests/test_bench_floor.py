"""The floor page of bench/load.py exists only when the benchmark turns it on."""

from __future__ import annotations

import pytest
from django.test import override_settings

from gonghui.members.tests.factories import member_in

pytestmark = pytest.mark.django_db


def test_the_floor_is_a_page_that_does_not_exist_by_default(client, tree, monkeypatch):
    monkeypatch.delenv("GONGHUI_BENCH_FLOOR", raising=False)
    member_in(tree.grassroots)
    assert client.get("/bench/floor").status_code == 404


@override_settings(GONGHUI_BENCH_FLOOR=False)
def test_the_setting_off_wins_over_the_environment(client, tree, monkeypatch):
    monkeypatch.setenv("GONGHUI_BENCH_FLOOR", "1")
    assert client.get("/bench/floor").status_code == 404


def test_turned_on_it_lists_members_in_registration_order_after_the_cursor(client, tree, monkeypatch):
    monkeypatch.setenv("GONGHUI_BENCH_FLOOR", "1")
    first = member_in(tree.grassroots)
    second = member_in(tree.street)
    page = client.get("/bench/floor")
    assert page.status_code == 200
    assert page.content.decode().index(first.name) < page.content.decode().index(second.name)
    after = client.get(f"/bench/floor?after={first.pk}").content.decode()
    assert f"<td>{second.pk}</td>" in after and f"<td>{first.pk}</td>" not in after
