"""The member of a login: asked by every panel of a page, read once per request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.accounts.models import User
from gonghui.kernel.context import RequestInfo, current_request
from gonghui.members.actions import member_link_user
from gonghui.members.selectors import member_for_user
from gonghui.members.tests.factories import member_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_a_request():
    token = current_request.set(RequestInfo(via="web"))
    yield
    current_request.reset(token)


def test_within_a_request_the_member_is_read_once(tree, personas, django_assert_num_queries, in_a_request):
    member = member_in(tree.grassroots)
    user = User.objects.get(pk=personas.member.pk)
    member_link_user(actor=None, member=member, user=user)
    with django_assert_num_queries(1):
        assert member_for_user(user=user) == member
        assert member_for_user(user=user) == member


def test_a_link_made_within_the_request_is_seen(tree, personas, in_a_request):
    user = User.objects.get(pk=personas.member.pk)
    assert member_for_user(user=user) is None
    member = member_in(tree.grassroots)
    member_link_user(actor=None, member=member, user=user)
    assert member_for_user(user=user) == member


def test_outside_a_request_it_is_read_every_time(tree, personas, django_assert_num_queries):
    member = member_in(tree.grassroots)
    user = User.objects.get(pk=personas.member.pk)
    member_link_user(actor=None, member=member, user=user)
    with django_assert_num_queries(2):
        member_for_user(user=user)
        member_for_user(user=user)


def test_the_portal_home_reads_the_member_once(client, tree, personas):
    member = member_in(tree.grassroots)
    user = User.objects.get(pk=personas.member.pk)
    member_link_user(actor=None, member=member, user=user)
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/portal/").status_code == 200
    logins = [q for q in queries.captured_queries if 'FROM "members_memberlogin"' in q["sql"]]
    assert len(logins) == 1
