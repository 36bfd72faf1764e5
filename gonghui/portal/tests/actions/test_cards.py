from __future__ import annotations

import json

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied

from gonghui.core.models import AuditEntry
from gonghui.kernel.errors import Refused
from gonghui.members.actions import member_leave
from gonghui.portal import actions
from gonghui.portal.actions.cards import PREFIX
from gonghui.portal.models import Card

from ..factories import member_with_login


@pytest.fixture
def card(tree):
    member = member_with_login(tree.grassroots, name="陈卡主")
    return actions.card_issue(actor=member.login.user, member=member)


def test_the_code_holds_no_personal_data_and_an_officer_scan_shows_who_it_is(card, personas):
    token = actions.card_token(card)
    assert card.member.name not in token and card.number not in token
    found = actions.card_scan(actor=personas.district, code=token, place="赤岗职工服务中心")
    assert found.member.name == "陈卡主"
    entry = AuditEntry.objects.get(action="portal.card.scan", object_id=str(card.pk))
    assert entry.actor == personas.district and entry.detail["place"] == "赤岗职工服务中心"


def test_a_tampered_code_is_refused_in_chinese(card, personas):
    token = actions.card_token(card)
    payload, _, signature = token[len(PREFIX) :].partition(":")
    other = signing.b64_encode(
        json.dumps({"c": card.pk + 1, "v": 1}, separators=(",", ":")).encode()
    ).decode()
    forged = f"{PREFIX}{other}:{signature}"
    assert payload != other
    flipped = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    for code in (forged, flipped, "GHK1:garbage"):
        with pytest.raises(Refused) as exc:
            actions.card_scan(actor=personas.district, code=code)
        assert "签名校验失败" in str(exc.value)
    with pytest.raises(Refused) as exc:
        actions.card_scan(actor=personas.district, code="https://example.com/")
    assert "不是本系统" in str(exc.value)


def test_an_expired_code_is_refused(card, personas, settings):
    token = actions.card_token(card)
    settings.GONGHUI_CARD_TOKEN_SECONDS = -1
    with pytest.raises(Refused) as exc:
        actions.card_scan(actor=personas.district, code=token)
    assert "已过期" in str(exc.value)


def test_reissue_voids_the_codes_shown_before(card, personas):
    old = actions.card_token(card)
    actions.card_issue(actor=card.member.login.user, member=card.member)
    with pytest.raises(Refused) as exc:
        actions.card_scan(actor=personas.district, code=old)
    assert "已作废" in str(exc.value)


def test_a_card_is_suspended_when_membership_ends(card, personas):
    member_leave(actor=personas.grassroots, member=card.member, reason="离职")
    token = actions.card_token(card)
    with pytest.raises(Refused):
        actions.card_scan(actor=personas.district, code=token)
    assert actions.cards_suspend_ended() == 1
    card.refresh_from_db()
    assert card.state == Card.State.SUSPENDED and "退会" in card.suspended_reason
    assert actions.cards_suspend_ended() == 0


def test_a_worker_cannot_scan_and_cannot_issue_someone_elses_card(card, personas, tree):
    other = member_with_login(tree.sibling_grassroots)
    with pytest.raises(PermissionDenied):
        actions.card_scan(actor=other.login.user, code=actions.card_token(card))
    with pytest.raises(PermissionDenied):
        actions.card_issue(actor=other.login.user, member=card.member)
