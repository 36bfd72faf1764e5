"""The union type-ahead: prefix matches within the actor's scope, a page at a time by name."""

from __future__ import annotations

import pytest

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
