"""The org page offers a doing exactly when its action succeeds, for every persona."""

from __future__ import annotations

from gonghui.conftest import union_code
from gonghui.orgs import actions
from gonghui.orgs.abilities import org_abilities
from gonghui.orgs.models import Kind, Level
from gonghui.orgs.rules import KINDS_BY_LEVEL, parent_allowed
from gonghui.tests.contract import assert_abilities_agree, assert_page_offers


def _create_child(actor, org):
    level = next(lv for lv in Level.values if parent_allowed(child_level=lv, parent_level=org.level))
    kind = sorted(KINDS_BY_LEVEL[level])[0] if level != Level.GRASSROOTS else Kind.ENTERPRISE
    return actions.org_create(
        actor=actor, parent=org, level=level, kind=kind, name=f"{org.name}下属新组织",
        division="440105", credit_code=union_code(),
    )  # fmt: skip


ATTEMPTS = {
    "edit": lambda actor, org: actions.org_update(actor=actor, org=org, short_name="改名"),
    "create_child": _create_child,
    "dissolve": lambda actor, org: actions.org_dissolve(actor=actor, org=org, reason="区划调整"),
    "reveal": lambda actor, org: actions.org_reveal_bank_account(actor=actor, org=org),
}


def test_org_abilities_agree_with_the_actions(tree, personas):
    records = [tree.province, tree.haizhu, tree.street, tree.grassroots, tree.sibling_grassroots, tree.luohu]
    assert_abilities_agree(
        actors=personas.items(), records=records, abilities=org_abilities, attempts=ATTEMPTS
    )


def test_the_org_page_shows_exactly_the_offered_buttons(tree, personas, login):
    actions.org_update(
        actor=None, org=tree.grassroots, bank_name="工商银行", bank_account="6222020200001234567"
    )
    tree.grassroots.refresh_from_db()
    for name, user in personas.items():
        if name == "member":
            continue
        client = login(user)
        r = client.get(f"/orgs/{tree.grassroots.pk}/")
        if r.status_code == 403:
            continue
        offered = org_abilities(user, tree.grassroots)
        pk = tree.grassroots.pk
        assert_page_offers(
            r.content.decode(),
            offered,
            {
                "edit": f"/orgs/{pk}/edit/",
                "create_child": f"/orgs/{pk}/new/",
                "move": f"/orgs/{pk}/move/",
                "merge": f"/orgs/{pk}/merge/",
                "split": f"/orgs/{pk}/split/",
                "dissolve": f"/orgs/{pk}/dissolve/",
                "reveal": f"/orgs/{pk}/reveal/bank-account/",
                "audit": f"/audit/?org={pk}",
            },
        )


def test_a_form_for_a_doing_the_person_may_not_do_is_refused(tree, personas, login):
    client = login(personas.district)  # a clerk: records, not structure
    assert client.get(f"/orgs/{tree.street.pk}/merge/").status_code == 403
    assert client.get(f"/orgs/{tree.street.pk}/edit/").status_code == 200


def test_a_union_a_module_refuses_to_see_dissolved_is_not_offered_dissolution(tree, personas):
    from gonghui.members.tests.factories import member_in

    member_in(tree.sibling_grassroots)
    assert not org_abilities(personas.sibling, tree.sibling_grassroots).dissolve
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="还有 1 名会员"):
        actions.org_dissolve(actor=personas.sibling, org=tree.sibling_grassroots, reason="企业注销")
