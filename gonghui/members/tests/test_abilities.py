"""The member pages offer a doing exactly when its action succeeds, for every persona; a form
page for a doing the person may not do is refused before it is shown."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gonghui.conftest import make_org
from gonghui.kernel.errors import Refused
from gonghui.members import actions, exporting, selectors
from gonghui.members.abilities import (
    member_abilities,
    members_abilities,
    transfer_abilities,
)
from gonghui.members.importing import FileRefused, run_import
from gonghui.members.models import Member, Transfer
from gonghui.orgs.actions import org_dissolve
from gonghui.tests.contract import assert_abilities_agree, assert_page_offers, assert_pages_offer

from .conftest import ledger_row, make_member, new_id

# ---- a membership ------------------------------------------------------------------------


def _elsewhere(member: Member, tree: Any) -> Any:
    return tree.sibling_grassroots if member.org_id == tree.grassroots.pk else tree.grassroots


def member_attempts(tree: Any) -> dict[str, Any]:
    return {
        "approve": lambda a, m: actions.member_approve(actor=a, member=m),
        "reject": lambda a, m: actions.member_reject(actor=a, member=m, reason="非本单位职工"),
        "retain": lambda a, m: actions.member_retain(actor=a, member=m, note="退休"),
        "restore": lambda a, m: actions.member_restore(actor=a, member=m, note="返聘"),
        "leave": lambda a, m: actions.member_leave(actor=a, member=m, reason="调离"),
        "edit": lambda a, m: actions.member_update(actor=a, member=m, card_no="GH0001"),
        "transfer": lambda a, m: actions.transfer_request(actor=a, member=m, to_org=_elsewhere(m, tree)),
        "reveal": lambda a, m: actions.member_reveal(actor=a, member=m),
    }


@pytest.fixture
def memberships(tree: Any) -> dict[str, Member]:
    """Memberships in every state, in our grassroots union and the sibling street's."""
    pending = actions.member_apply(actor=None, org=tree.grassroots, name="待批", id_number=new_id())
    active = make_member(tree.grassroots, name="在册")
    retained = actions.member_retain(actor=None, member=make_member(tree.grassroots, name="保留"))
    left = actions.member_leave(actor=None, member=make_member(tree.grassroots, name="退会"), reason="调离")
    rejected = actions.member_reject(
        actor=None,
        member=actions.member_apply(actor=None, org=tree.grassroots, name="未批", id_number=new_id()),
        reason="非本单位职工",
    )
    moving = make_member(tree.grassroots, name="转会中")
    actions.transfer_request(actor=None, member=moving, to_org=tree.sibling_grassroots)
    sibling = make_member(tree.sibling_grassroots, name="新港")
    return {
        "pending": pending, "active": active, "retained": retained, "left": left, "rejected": rejected,
        "moving": moving, "sibling": sibling,
    }  # fmt: skip


def test_member_abilities_agree_with_the_actions(tree, officers, memberships):
    assert_abilities_agree(
        actors=officers,
        records=memberships.values(),
        abilities=member_abilities,
        attempts=member_attempts(tree),
    )


MEMBER_BUTTONS = {
    "edit": "/members/{pk}/edit/",
    "approve": "/members/{pk}/approve/",
    "reject": "/members/{pk}/reject/",
    "retain": "/members/{pk}/retain/",
    "restore": "/members/{pk}/restore/",
    "leave": "/members/{pk}/leave/",
    "transfer": "/members/{pk}/transfer/",
    "reveal": "/members/{pk}/reveal/",
}


def test_the_member_page_shows_exactly_the_offered_buttons(tree, officers, memberships, login):
    shown = assert_pages_offer(
        login=login, actors=officers, records=memberships.values(), url="/members/{pk}/",
        abilities=member_abilities, buttons=MEMBER_BUTTONS,
    )  # fmt: skip
    assert shown > 20


def test_a_member_sees_their_own_record_without_an_officers_buttons(tree, personas, login):
    mine = make_member(tree.grassroots, name="本人")
    actions.member_link_user(actor=None, member=mine, user=personas.member)
    page = login(personas.member).get(f"/members/{mine.pk}/").content.decode()
    assert "本人" in page
    assert_page_offers(
        page,
        {doing: False for doing in MEMBER_BUTTONS},
        {doing: url.format(pk=mine.pk) for doing, url in MEMBER_BUTTONS.items()},
    )


@pytest.mark.parametrize(
    ("who", "state", "doing"),
    [
        ("approver", "active", "edit"),  # decides joins, keeps no records
        ("district", "pending", "approve"),  # a clerk keeps records, decides nothing
        ("viewer", "active", "leave"),
        ("street", "left", "restore"),  # the state does not allow it
        ("street", "moving", "retain"),  # nor does a transfer under way
    ],
)
def test_a_form_for_a_doing_the_person_may_not_do_is_refused(who, state, doing, officers, memberships, login):
    user = dict(officers)[who]
    member = memberships[state]
    r = login(user).get(MEMBER_BUTTONS[doing].format(pk=member.pk))
    assert r.status_code == 403


# ---- a transfer --------------------------------------------------------------------------


@pytest.fixture
def transfers(tree: Any) -> list[Transfer]:
    """Transfers from our grassroots union to the sibling street's, in every state, and one
    the other way."""

    def asked() -> Transfer:
        return actions.transfer_request(
            actor=None, member=make_member(tree.grassroots), to_org=tree.sibling_grassroots
        )

    requested = asked()
    out_approved = actions.transfer_approve(actor=None, transfer=asked(), side="out")
    in_approved = actions.transfer_approve(actor=None, transfer=asked(), side="in")
    done = actions.transfer_approve(actor=None, transfer=asked(), side="in")
    done = actions.transfer_approve(actor=None, transfer=done, side="out")
    rejected = actions.transfer_reject(actor=None, transfer=asked(), side="in", reason="不是本单位职工")
    cancelled = actions.transfer_cancel(actor=None, transfer=asked())
    back = actions.transfer_request(
        actor=None, member=make_member(tree.sibling_grassroots), to_org=tree.grassroots
    )
    return [requested, out_approved, in_approved, done, rejected, cancelled, back]


TRANSFER_ATTEMPTS = {
    "approve_out": lambda a, t: actions.transfer_approve(actor=a, transfer=t, side="out"),
    "approve_in": lambda a, t: actions.transfer_approve(actor=a, transfer=t, side="in"),
    "reject_out": lambda a, t: actions.transfer_reject(actor=a, transfer=t, side="out", reason="工作需要"),
    "reject_in": lambda a, t: actions.transfer_reject(
        actor=a, transfer=t, side="in", reason="不是本单位职工"
    ),
    "cancel": lambda a, t: actions.transfer_cancel(actor=a, transfer=t),
    "view_member": lambda a, t: selectors.member_get_for_actor(actor=a, pk=t.member_id),
}


def test_transfer_abilities_agree_with_the_actions(officers, transfers):
    assert_abilities_agree(
        actors=officers, records=transfers, abilities=transfer_abilities, attempts=TRANSFER_ATTEMPTS
    )


def test_each_side_answers_only_for_itself_and_only_once(tree, personas, transfers):
    requested, out_approved = transfers[0], transfers[1]
    assert transfer_abilities(personas.street, requested).names() == [
        "approve_out", "cancel", "reject_out", "view_member",
    ]  # fmt: skip
    assert transfer_abilities(personas.sibling, requested).names() == ["approve_in", "reject_in"]
    # The sending side agreed: it neither agrees again nor refuses now; the district answers
    # nothing (a clerk) but may withdraw the request of a union it keeps records for.
    assert "reject_out" not in transfer_abilities(personas.street, out_approved)
    assert transfer_abilities(personas.district, out_approved).names() == ["cancel", "view_member"]


def test_a_consent_that_cannot_move_the_member_is_not_offered(tree, personas):
    member = make_member(tree.grassroots)
    t = actions.transfer_request(actor=personas.street, member=member, to_org=tree.sibling_grassroots)
    Member.objects.filter(pk=member.pk).update(org=tree.street)  # moved by other means
    t = Transfer.objects.get(pk=t.pk)
    assert "approve_out" not in transfer_abilities(personas.street, t)
    with pytest.raises(Refused, match="已不在转出工会"):
        actions.transfer_approve(actor=personas.street, transfer=t, side="out")


def test_the_transfer_page_shows_exactly_the_offered_buttons(officers, transfers, login):
    shown = assert_pages_offer(
        login=login,
        actors=officers,
        records=transfers,
        url=lambda t: f"/members/transfers/{t.pk}/",
        abilities=transfer_abilities,
        buttons=lambda t: {
            "approve_out": 'id="approve_out"',
            "approve_in": 'id="approve_in"',
            "reject_out": 'id="reject_out"',
            "reject_in": 'id="reject_in"',
            "cancel": 'id="cancel"',
            "view_member": f'href="/members/{t.member_id}/"',
        },
    )
    assert shown > 20


# ---- a union's register ------------------------------------------------------------------


@pytest.fixture
def unions(tree: Any) -> list[Any]:
    closed = make_org(tree.street, "赤岗某厂工会", "grassroots", kind="enterprise")
    org_dissolve(actor=None, org=closed, reason="企业关闭", on=dt.date(2024, 1, 1))
    return [tree.grassroots, tree.sibling_grassroots, tree.street, closed]


def _import(path: Any) -> Any:
    def attempt(actor: Any, org: Any) -> Any:
        try:
            return run_import(actor=actor, org=org, path=path)
        except FileRefused as exc:
            raise Refused(str(exc)) from None

    return attempt


def _export(reveal: bool) -> Any:
    def attempt(actor: Any, org: Any) -> Any:
        qs = selectors.member_queryset_for_actor(actor=actor, within=org)
        return exporting.export_begin(actor=actor, within=org, qs=qs, fmt="csv", reveal=reveal, filters={})

    return attempt


def test_register_abilities_agree_with_the_actions(officers, unions, ledger):
    path = ledger([ledger_row("李雷")])
    assert_abilities_agree(
        actors=officers,
        records=unions,
        abilities=members_abilities,
        attempts={
            "join": lambda a, org: actions.member_apply(actor=a, org=org, name="韩梅梅", id_number=new_id()),
            "import_members": _import(path),
            "template": lambda a, org: selectors.import_template_for_actor(actor=a, org=org),
            "export": _export(reveal=False),
            "export_reveal": _export(reveal=True),
        },
    )


def test_the_list_page_shows_exactly_the_offered_buttons(officers, unions, login):
    shown = assert_pages_offer(
        login=login, actors=officers, records=unions, url=lambda org: f"/members/?within={org.pk}",
        abilities=members_abilities,
        buttons=lambda org: {
            "import_members": 'href="/members/import/',
            "template": f"/members/org/{org.pk}/template.xlsx",
            "join": f"/members/org/{org.pk}/join/",
            "export": "format=csv",
            "export_reveal": "reveal=1",
        },
    )  # fmt: skip
    assert shown > 10


@pytest.mark.parametrize(
    ("who", "offered"),
    [("street", True), ("district", True), ("approver", False), ("viewer", False), ("member", False)],
)
def test_only_those_who_may_import_see_the_import_button_and_page(who, offered, officers, login):
    client = login(dict(officers)[who])
    page = client.get("/members/").content.decode()
    assert ('href="/members/import/' in page) is offered
    assert client.get("/members/import/").status_code == (200 if offered else 403)
