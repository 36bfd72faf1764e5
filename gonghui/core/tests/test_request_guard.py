"""Requests no browser sends are refused in Chinese, on every page and on addresses that are none."""

from __future__ import annotations

import pytest
from django.test import Client

from gonghui.orgs.models import Org

# Each page searches text with what the address gives it; PostgreSQL cannot compare text with NUL.
SEARCHES = [
    "/orgs/?q=%00",
    "/members/?name=a%00b",
    "/units/?q=%00",
    "/bulletin/archive/?q=%00",
    "/assistance/?q=%00",
]


@pytest.mark.parametrize("url", SEARCHES)
def test_a_nul_character_in_the_address_is_refused_in_chinese(tree, personas, login, url):
    r = login(personas.province).get(url)
    assert r.status_code == 400
    assert "U+0000" in r.content.decode()


def test_the_same_searches_without_it_answer(tree, personas, login):
    client = login(personas.province)
    for url in SEARCHES:
        assert client.get(url.replace("%00", "")).status_code == 200, url


@pytest.mark.parametrize("url", ["/nowhere/", "/orgs/{street}/new/", "/accounts/login/"])
def test_a_form_that_cannot_be_read_is_refused_and_changes_nothing(tree, personas, url):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(personas.street)
    client.cookies["csrftoken"] = "a" * 32
    before = Org.objects.count()
    r = client.post(
        url.format(street=tree.street.pk), b"--x\r\n\r\nname=x", content_type="multipart/form-data"
    )
    assert r.status_code == 400, r.content
    assert "无法读取" in r.content.decode()
    assert Org.objects.count() == before


def test_an_address_under_the_api_that_is_no_operation_answers_in_the_apis_shape(db):
    r = Client().get("/api/nowhere")
    assert r.status_code == 404
    assert r.json()["detail"].startswith("没有这个接口")
    r = Client().post("/api/nowhere/", b"--x", content_type="multipart/form-data")
    assert r.status_code == 404
