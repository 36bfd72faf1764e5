from __future__ import annotations

import re

import pytest
from django.urls import reverse

from gonghui.core.models import AuditEntry
from gonghui.kernel.errors import Refused
from gonghui.portal.actions.signin import signin_code_check, signin_code_send
from gonghui.services.notify import MemoryBackend

from ..factories import member_with_login


@pytest.fixture
def outbox(settings):
    settings.GONGHUI_NOTIFY_BACKEND = "gonghui.services.notify.MemoryBackend"
    MemoryBackend.outbox = []
    return MemoryBackend.outbox


def _code(outbox) -> str:
    return re.search(r"\d{6}", outbox[-1].text).group(0)


def test_a_worker_signs_in_with_the_code_sent_to_their_mobile(client, tree, outbox):
    member = member_with_login(tree.grassroots)
    r = client.post(reverse("portal:sign_in"), {"phone": member.phone, "send": "1"})
    assert r.status_code == 200 and len(outbox) == 1 and outbox[0].to_phone == member.phone
    r = client.post(reverse("portal:sign_in"), {"phone": member.phone, "code": _code(outbox)})
    assert r.status_code == 302 and r.url == reverse("portal:home")
    assert client.get(reverse("portal:home")).status_code == 200
    assert AuditEntry.objects.filter(action="portal.signin.verified", actor=member.login.user).exists()


def test_a_code_is_good_once_and_wrong_tries_run_out(tree, outbox):
    member = member_with_login(tree.grassroots)
    signin_code_send(phone=member.phone)
    code = _code(outbox)
    for _ in range(5):
        with pytest.raises(Refused):
            signin_code_check(phone=member.phone, code="000000" if code != "000000" else "111111")
    with pytest.raises(Refused):  # five wrong tries: even the right code no longer works
        signin_code_check(phone=member.phone, code=code)


def test_sending_is_rate_limited_and_says_nothing_about_unknown_numbers(tree, outbox):
    member = member_with_login(tree.grassroots)
    signin_code_send(phone=member.phone)
    with pytest.raises(Refused) as exc:
        signin_code_send(phone=member.phone)
    assert "60秒" in str(exc.value)
    signin_code_send(phone="13999999999")  # nobody's: no error, nothing sent
    assert len(outbox) == 1
    used = signin_code_check(phone=member.phone, code=_code(outbox))
    assert used == member.login.user
    with pytest.raises(Refused):
        signin_code_check(phone=member.phone, code=_code(outbox))
