"""The union type-ahead: prefix matches within the actor's scope, a page at a time by name."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.conftest import make_org
from gonghui.core.selectors import union_pick_for_actor

pytestmark = pytest.mark.django_db


def test_a_street_officer_finds_unions_of_their_street_by_the_start_of_the_name(tree, personas):
    found, cursor = union_pick_for_actor(actor=personas.street, q="赤岗")
    assert [u.name for u in found] == ["赤岗街道总工会", "赤岗街道联合工会"]
    assert cursor is None


def test_a_sibling_streets_unions_are_not_offered(tree, personas):
    found, _ = union_pick_for_actor(actor=personas.street, q="新港")
    assert found == []
    found, _ = union_pick_for_actor(actor=personas.sibling, q="新港")
    assert {u.name for u in found} == {"新港街道总工会", "新港社区工会"}


def test_only_the_start_of_the_name_matches(tree, personas):
    found, _ = union_pick_for_actor(actor=personas.street, q="联合工会")
    assert found == []


def test_a_credit_code_prefix_finds_the_union(tree, personas):
    code = tree.grassroots.credit_code
    found, _ = union_pick_for_actor(actor=personas.street, q=code[:12])
    assert tree.grassroots in found and tree.sibling_grassroots not in found


def test_pages_follow_on_from_the_last_name_without_gaps_or_repeats(tree, personas):
    made = [make_org(tree.street, f"赤岗第{n:02d}工会", "grassroots", kind="enterprise") for n in range(7)]
    seen = []
    cursor = None
    while True:
        page, cursor = union_pick_for_actor(actor=personas.street, q="赤岗第", after=cursor, limit=3)
        seen += page
        if cursor is None:
            break
    assert seen == sorted(made, key=lambda u: (u.name, u.pk))


def test_the_pick_page_links_back_to_the_form_with_the_chosen_union(tree, personas, login):
    client = login(personas.street)
    page = client.get(
        "/unions/pick/", {"q": "赤岗街道联", "go": "/assistance/households/new/", "perm": "edit"}
    )
    assert f'href="/assistance/households/new/?org={tree.grassroots.pk}"' in page.content.decode()


def test_the_pick_page_does_not_send_people_elsewhere(tree, personas, login):
    client = login(personas.street)
    page = client.get("/unions/pick/", {"q": "赤岗街道联", "go": "https://evil.example/"})
    assert f'href="/?org={tree.grassroots.pk}"' in page.content.decode()


def test_the_household_form_offers_the_union_picker_and_files_under_the_chosen_union(tree, personas, login):
    client = login(personas.street)
    page = client.get("/assistance/households/new/", {"org": tree.grassroots.pk}).content.decode()
    assert 'id="union-pick-q"' in page and "赤岗街道联合工会" in page


def test_a_clerk_never_sees_a_sibling_branchs_unions_on_any_page(tree, personas):
    for n in range(5):
        make_org(tree.sibling_street, f"新港第{n}工会", "grassroots", kind="enterprise")
        make_org(tree.street, f"赤岗新{n}工会", "grassroots", kind="enterprise")
    seen, cursor = [], None
    for q in ("新", "赤", "8"):
        while True:
            page, cursor = union_pick_for_actor(
                actor=personas.street, q=q, perm="view", after=cursor, limit=2
            )
            seen += page
            if cursor is None:
                break
    assert seen and all(u.path.startswith(tree.street.path) for u in seen)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan of PostgreSQL")
def test_the_type_ahead_is_answered_from_an_index_on_postgresql(tree, personas):
    """The picker's own query, planned with sequential scans priced out: a plan that still scans
    the whole table has no index able to answer `name LIKE 'q%'` under this collation."""
    for who, q in ((personas.province, "赤岗"), (personas.street, "赤岗"), (personas.province, "8144")):
        with CaptureQueriesContext(connection) as queries:
            union_pick_for_actor(actor=who, q=q, perm="view")
        sql = next(
            x["sql"] for x in queries.captured_queries if 'FROM "orgs_org"' in x["sql"] and "LIKE" in x["sql"]
        )
        with connection.cursor() as cur:
            cur.execute("SET LOCAL enable_seqscan = off")
            cur.execute(f"EXPLAIN {sql}")
            plan = "\n".join(row[0] for row in cur.fetchall())
        assert "Seq Scan on orgs_org" not in plan, plan
        assert "Index" in plan, plan
