from __future__ import annotations

import re

import pytest
from django.urls import reverse

from gonghui.core.models import AuditEntry
from gonghui.kernel.errors import Refused
from gonghui.portal.actions.signin import signin_code_check, signin_code_send
from gonghui.portal.models import SignInCode
from gonghui.services.tests.gateway import sms_gateway

from ..conftest import last_code
from ..factories import member_with_login


def test_a_worker_signs_in_with_the_code_sent_to_their_mobile(client, tree, outbox):
    member = member_with_login(tree.grassroots)
    r = client.post(reverse("portal:sign_in"), {"phone": member.phone, "send": "1"})
    assert r.status_code == 200 and len(outbox) == 1 and outbox[0].to_phone == member.phone
    r = client.post(reverse("portal:sign_in"), {"phone": member.phone, "code": last_code(outbox)})
    assert r.status_code == 302 and r.url == reverse("portal:home")
    assert client.get(reverse("portal:home")).status_code == 200
    assert AuditEntry.objects.filter(action="portal.signin.verified", actor=member.login.user).exists()


def test_a_code_is_good_once_and_wrong_tries_run_out(tree, outbox):
    member = member_with_login(tree.grassroots)
    signin_code_send(phone=member.phone)
    code = last_code(outbox)
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
    used = signin_code_check(phone=member.phone, code=last_code(outbox))
    assert used == member.login.user
    with pytest.raises(Refused):
        signin_code_check(phone=member.phone, code=last_code(outbox))


@pytest.fixture
def gateway(settings):
    with sms_gateway(settings) as g:
        yield g


def test_a_code_the_gateway_refused_is_not_kept_and_does_not_count(client, tree, gateway):
    member = member_with_login(tree.grassroots)
    gateway.status, gateway.answer = 200, {"code": "E1021", "message": "超出发送限额"}
    r = client.post(reverse("portal:sign_in"), {"phone": member.phone, "send": "1"})
    assert r.status_code == 422 and "验证码发送失败，请稍后重试" in r.content.decode()
    assert len(gateway.received) == 1 and gateway.received[0].json["phone"] == member.phone
    assert not SignInCode.objects.exists()
    assert not AuditEntry.objects.filter(action="portal.signin.code").exists()
    # Asked again at once (no minute's wait: nothing was sent), and the code signs in.
    gateway.answer = {"code": "0", "message": "OK"}
    r = client.post(reverse("portal:sign_in"), {"phone": member.phone, "send": "1"})
    assert r.status_code == 200 and "验证码发送失败" not in r.content.decode()
    code = gateway.received[-1].json["params"]["code"]
    assert re.fullmatch(r"\d{6}", code) and gateway.received[-1].json["templateId"] == "SMS_900001"
    r = client.post(reverse("portal:sign_in"), {"phone": member.phone, "code": code})
    assert r.status_code == 302 and r.url == reverse("portal:home")


def test_an_unreachable_gateway_is_said_on_the_sign_in_page(client, tree, gateway, settings):
    member = member_with_login(tree.grassroots)
    settings.GONGHUI_SMS_URL = "http://127.0.0.1:9/sms/send"  # nothing listens
    r = client.post(reverse("portal:sign_in"), {"phone": member.phone, "send": "1"})
    assert r.status_code == 422 and "验证码发送失败，请稍后重试" in r.content.decode()
    assert not SignInCode.objects.exists()


def test_a_code_the_gateway_took_without_answering_is_kept_and_counted(tree, gateway, settings):
    member = member_with_login(tree.grassroots)
    settings.GONGHUI_SMS_TIMEOUT, gateway.delay = 0.2, 0.6
    with pytest.raises(Refused) as exc:
        signin_code_send(phone=member.phone)
    assert "验证码发送失败" in str(exc.value) and "仍可使用" in str(exc.value)
    with pytest.raises(Refused) as exc:  # it may have arrived: the number waits its minute
        signin_code_send(phone=member.phone)
    assert "60秒" in str(exc.value) and len(gateway.received) == 1
    code = gateway.received[0].json["params"]["code"]
    assert signin_code_check(phone=member.phone, code=code) == member.login.user
