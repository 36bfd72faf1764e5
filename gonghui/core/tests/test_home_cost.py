"""What the workbench home and the portal's pages cost in queries, per persona, and that a page
kept for a moment (core.generation) is made again as soon as a write changes what it shows."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.conftest import make_user
from gonghui.core import generation
from gonghui.core.models import Generation
from gonghui.kernel.codes import id_number_make
from gonghui.members.actions import member_apply
from gonghui.portal.actions.cards import card_issue
from gonghui.services.tests import factories as f

# The first visit after a write asks every module (one or two queries each); a visit after that
# reads the session with the person and the generations (one query), their roles and the second
# factor's device (the `login` fixture passes one for everybody). The roles are read on every visit here: the
# test's transaction wrote them and never commits (`test_grants` shows them kept once committed).
HOME_COLD = 75
HOME_WARM = 3
# 40 measured, with membership history, mutual-aid cover and claims, vouchers, activities attended.
PORTAL_COLD = 42
PORTAL_WARM = 3
CARD = 4  # and the membership with its card, in one query


def _apply(org, n: int, name: str = "王小明"):  # type: ignore[no-untyped-def]
    number = id_number_make("440105", dt.date(1991, 1, 1) + dt.timedelta(days=n), n)
    return member_apply(actor=None, org=org, name=name, id_number=number, on=dt.date(2026, 1, 5))


def _count(client, path: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def _todo(page: str, key: str) -> int | None:
    m = re.search(rf'data-todo="{re.escape(key)}">\s*<span class="n">(\d+)</span>', page)
    return int(m[1]) if m else None


@pytest.mark.parametrize("who", ["province", "district", "street", "grassroots"])
def test_an_officers_home_costs_a_bounded_number_of_queries_whatever_the_records(
    tree, personas, login, who, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    client = login(getattr(personas, who))
    generation.forget()
    with django_assert_max_num_queries(HOME_COLD):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(HOME_WARM):
        assert client.get("/").status_code == 200
    generation.forget()
    few = _count(client, "/")
    for n, given in enumerate("一二三四五六七八九十"):
        _apply(tree.grassroots, n + 1, f"王小{given}")
    for n, given in enumerate("甲乙丙"):
        f.make_worker(tree.grassroots, f"林小{given}", username=f"lin{n}", phone=f"1380013{n:04d}")
    generation.forget()
    assert _count(client, "/") <= few  # more records, no more queries


def test_a_workers_portal_home_and_card_cost_a_bounded_number_of_queries(
    tree, login, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    worker = f.make_worker(tree.grassroots, "林小青", username="lin")
    card_issue(actor=None, member=worker)
    centre = f.make_centre(tree.haizhu)
    provider = f.make_provider(centre, "李心怡")
    day = f.next_weekday(2)
    f.weekly(provider, day.weekday())
    client = login(worker.login.user)
    generation.forget()
    few = _count(client, "/portal/")
    assert few <= PORTAL_COLD
    with django_assert_max_num_queries(PORTAL_WARM):
        assert client.get("/portal/").status_code == 200
    with django_assert_max_num_queries(CARD):
        assert client.get("/portal/card/").status_code == 200
    for hour in (9, 10, 11):
        f.book(worker, provider, f.at(day, hour))
    generation.forget()
    assert _count(client, "/portal/") <= few
    with django_assert_max_num_queries(CARD):
        assert client.get("/portal/card/").status_code == 200


def test_a_write_shows_on_the_home_at_once(tree, personas, login):  # type: ignore[no-untyped-def]
    client = login(personas.grassroots)
    assert _todo(client.get("/").content.decode(), "members.joins_to_decide") is None
    assert _todo(client.get("/").content.decode(), "members.joins_to_decide") is None  # kept
    _apply(tree.grassroots, 1)
    assert _todo(client.get("/").content.decode(), "members.joins_to_decide") == 1


def test_a_booking_shows_on_the_portal_home_at_once(tree, login):  # type: ignore[no-untyped-def]
    worker = f.make_worker(tree.grassroots, "林小青", username="lin")
    centre = f.make_centre(tree.haizhu)
    provider = f.make_provider(centre, "李心怡")
    day = f.next_weekday(2)
    f.weekly(provider, day.weekday())
    client = login(worker.login.user)
    assert "李心怡" not in client.get("/portal/").content.decode()
    f.book(worker, provider, f.at(day, 9))
    assert "李心怡" in client.get("/portal/").content.decode()


def test_a_write_committed_elsewhere_makes_the_page_again(db):  # type: ignore[no-untyped-def]
    made: list[int] = []

    def make() -> int:
        made.append(1)
        return len(made)

    generation.forget()
    assert generation.kept("t", (1,), make) == 1
    assert generation.kept("t", (1,), make) == 1  # kept
    assert generation.kept("t", (2,), make) == 2  # another person
    # Another process committed a write: only the number in the database moved on.
    generation.bump()
    assert generation.kept("t", (1,), make) == 3


def test_a_committed_write_moves_the_generation_on_once(tree, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    before = generation.current()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _apply(tree.grassroots, 1)
        _apply(tree.grassroots, 2, "李小红")
    assert len([c for c in callbacks if c is generation._bump_after_commit]) == 1
    assert generation.current() == before + 1
    assert Generation.objects.filter(pk=generation.DATA).count() == 1


def test_a_session_or_a_lockout_does_not_move_it(db, client, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    user = make_user("quiet", None)
    mark = generation._local_now
    with django_capture_on_commit_callbacks() as callbacks:
        session = client.session
        session["x"] = 1
        session.save()
    assert generation._local_now == mark
    assert generation._bump_after_commit not in callbacks
    user.full_name = "改名"
    user.save()
    assert generation._local_now > mark


def test_a_write_outside_a_request_is_not_counted_again_by_the_next_request(transactional_db, client):  # type: ignore[no-untyped-def]
    user = make_user("outside", None)
    # A write in autocommit, outside any request: the generation moved on, now.
    type(user).objects.filter(pk=user.pk).update(full_name="改名")
    before = generation.current()
    assert client.get("/health/live").status_code == 200  # a request that writes nothing
    assert generation.current() == before
