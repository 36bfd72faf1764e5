"""登记入会 from the top of 会员 and from a union's page: a grassroots union registers there, a
union above picks one of its grassroots unions."""

from __future__ import annotations

import pytest

from gonghui.members.abilities import members_abilities


def test_a_district_clerk_finds_the_join_button_at_the_top_of_the_register(tree, personas, login):
    page = login(personas.district).get("/members/").content.decode()
    top = page.split('<form class="inline"', 1)[0]
    assert f'href="/members/join/?within={tree.haizhu.pk}">登记入会</a>' in top


def test_a_grassroots_officer_registers_straight_at_their_union(tree, personas, login):
    page = login(personas.grassroots).get("/members/").content.decode()
    assert f'href="/members/org/{tree.grassroots.pk}/join/">登记入会</a>' in page


def test_the_picker_lists_the_grassroots_unions_of_the_persons_scope_only(tree, personas, login):
    page = login(personas.district).get("/members/join/").content.decode()
    assert f"/members/org/{tree.grassroots.pk}/join/" in page
    assert f"/members/org/{tree.sibling_grassroots.pk}/join/" in page
    page = login(personas.street).get("/members/join/").content.decode()
    assert f"/members/org/{tree.grassroots.pk}/join/" in page
    assert f"/members/org/{tree.sibling_grassroots.pk}/join/" not in page


def test_the_picker_finds_a_union_by_name_within_a_union(tree, personas, login):
    client = login(personas.district)
    page = client.get("/members/join/", {"q": "新港", "within": tree.haizhu.pk}).content.decode()
    assert f"/members/org/{tree.sibling_grassroots.pk}/join/" in page
    assert f"/members/org/{tree.grassroots.pk}/join/" not in page
    page = client.get("/members/join/", {"within": tree.street.pk}).content.decode()
    assert f"/members/org/{tree.sibling_grassroots.pk}/join/" not in page


def test_the_picker_pages_through_many_unions(tree, personas, login, monkeypatch):
    from gonghui.members import views

    monkeypatch.setattr(views, "JOIN_PICK_PAGE", 1)
    client = login(personas.district)
    first = client.get("/members/join/").content.decode()
    assert "下一页" in first and "每页显示 1 个" in first
    assert f"/members/org/{tree.grassroots.pk}/join/" in first
    after = first.split('class="btn" href="?', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    second = client.get(f"/members/join/?{after}").content.decode()
    assert f"/members/org/{tree.sibling_grassroots.pk}/join/" in second
    assert f"/members/org/{tree.grassroots.pk}/join/" not in second


@pytest.mark.parametrize("who", ["member", "approver", "viewer"])
def test_those_who_may_not_register_see_no_button_and_no_picker(who, officers, login):
    client = login(dict(officers)[who])
    assert "登记入会" not in client.get("/members/").content.decode()
    assert client.get("/members/join/").status_code == 403


def test_the_picker_refuses_a_union_outside_the_scope(tree, personas, login):
    assert login(personas.sibling).get("/members/join/", {"within": tree.street.pk}).status_code == 403


def test_a_unions_page_shows_its_member_count_and_join(tree, personas, login):
    from gonghui.services.tests.factories import make_worker

    make_worker(tree.grassroots, "林小青")
    client = login(personas.street)
    page = client.get(f"/orgs/{tree.grassroots.pk}/").content.decode()
    assert (
        f'<a class="stat" href="/members/?within={tree.grassroots.pk}"><span class="n">1</span><span class="l">会员人数</span>'
        in page
    )
    assert f'href="/members/org/{tree.grassroots.pk}/join/">登记入会</a>' in page
    page = client.get(f"/orgs/{tree.street.pk}/").content.decode()
    assert f'href="/members/join/?within={tree.street.pk}">登记入会</a>' in page


def test_choose_join_is_offered_above_the_grassroots_only(tree, personas):
    assert members_abilities(personas.district, tree.haizhu).choose_join
    assert not members_abilities(personas.district, tree.grassroots).choose_join
    assert members_abilities(personas.district, tree.grassroots).join
    assert not members_abilities(personas.sibling, tree.street).choose_join
