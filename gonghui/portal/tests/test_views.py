from __future__ import annotations

import datetime as dt
import io
import re
import time

from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from gonghui.conftest import PASSWORD
from gonghui.core.models import AuditEntry
from gonghui.portal import actions
from gonghui.portal.models import HelpRequest, JoinApplication

from .conftest import apply_values, new_id, new_phone
from .factories import member_with_login


def test_a_new_worker_joins_online_without_an_account_and_is_signed_in(client, tree):
    r = client.get(reverse("portal:join"))
    assert r.status_code == 200 and "网上入会" in r.content.decode()
    phone = new_phone()
    r = client.post(reverse("portal:join"), {
        "name": "马骑手", "id_number": new_id(), "phone": phone, "password": PASSWORD, "work": "new_form",
        "occupation": "rider", "platform": "美团", "home": "海珠区赤岗街道",
    })  # fmt: skip
    a = JoinApplication.objects.get(phone_bidx__isnull=False, name="马骑手")
    assert r.status_code == 302 and r.url == reverse("portal:join_detail", args=[a.pk])
    page = client.get(r.url).content.decode()
    assert "待工会审批" in page and tree.street.name in page and a.phone not in page


def test_a_refused_application_answers_422_in_chinese(client, tree):
    r = client.post(reverse("portal:join"), {"name": "马", "id_number": "123", "phone": "1", "work": "new_form",
                                             "occupation": "rider", "home": "赤岗街道", "password": PASSWORD})  # fmt: skip
    assert r.status_code == 422 and "手机号码" in r.content.decode()
    assert not JoinApplication.objects.exists()


def test_the_street_approves_from_its_page_and_the_worker_sees_the_card(client, tree, personas, login):
    a = actions.join_submit(actor=None, name="马骑手", id_number=new_id(), phone=new_phone(), password=PASSWORD,
                            work="new_form", occupation="rider", home=tree.street)  # fmt: skip
    officer = login(personas.street)
    page = officer.get(reverse("portal:join_detail", args=[a.pk])).content.decode()
    assert "批准入会" in page and tree.grassroots.name in page
    r = officer.post(reverse("portal:join_approve", args=[a.pk]), {"place_in": tree.grassroots.pk})
    assert r.status_code == 302
    client.force_login(a.user)
    card = client.get(reverse("portal:card")).content.decode()
    assert "马骑手" in card and "<svg" in card
    code = client.get(reverse("portal:card_code"))
    assert code.status_code == 200 and "<svg" in code.content.decode()


def test_an_officer_of_another_street_gets_no_buttons(client, tree, personas, login):
    a = actions.join_submit(actor=None, name="马骑手", id_number=new_id(), phone=new_phone(), password=PASSWORD,
                            work="new_form", occupation="rider", home=tree.street)  # fmt: skip
    r = login(personas.sibling).get(reverse("portal:join_detail", args=[a.pk]))
    assert r.status_code == 403


def test_the_scan_page_shows_who_it_is_and_refuses_a_forged_code(client, tree, personas, login):
    member = member_with_login(tree.grassroots, name="黄持卡")
    card = actions.card_issue(actor=None, member=member)
    officer = login(personas.district)
    assert 'id="id_code"' in officer.get(reverse("portal:scan")).content.decode()
    r = officer.post(reverse("portal:scan"), {"code": actions.card_token(card)})
    assert r.status_code == 200 and "黄持卡" in r.content.decode()
    r = officer.post(reverse("portal:scan"), {"code": actions.card_token(card) + "x"})
    assert (
        r.status_code == 422 and "签名校验失败" in r.content.decode() and "黄持卡" not in r.content.decode()
    )


def test_an_anonymous_request_never_names_the_worker_to_officers(client, tree, personas, login):
    member = member_with_login(tree.grassroots, name="欧阳匿名")
    r = actions.request_submit(actor=member.login.user, category="wages", text="欠薪三个月", anonymous=True)
    named = actions.request_submit(actor=member_with_login(tree.grassroots, name="司徒实名").login.user,
                                   category="other", text="咨询")  # fmt: skip
    officer = login(personas.street)
    pages = [
        officer.get(reverse("portal:requests")),
        officer.get(reverse("portal:requests"), {"within": tree.street.pk}),
        officer.get(reverse("portal:request_detail", args=[r.pk])),
        officer.get(reverse("portal:request_stats")),
        officer.get(reverse("portal:request_export"), {"format": "csv"}),
        officer.get(reverse("portal:request_export"), {"format": "xlsx"}),
        officer.get(f"/api/portal/requests/{r.pk}"),
    ]
    bodies = []
    for page in pages:
        assert page.status_code == 200
        bodies.append(b"".join(page.streaming_content) if page.streaming else page.content)
        assert "欧阳匿名" not in bodies[-1].decode("utf-8", errors="ignore"), page.request["PATH_INFO"]
    csv = bodies[4].decode()
    assert "匿名职工" in csv and "司徒实名" in csv and "欠薪三个月" in csv
    book = CalamineWorkbook.from_filelike(io.BytesIO(bodies[5]))  # the xlsx too
    cells = {
        str(c) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python() for c in row
    }
    assert "匿名职工（对用人单位保密）" in cells and "欧阳匿名" not in "".join(cells)
    assert AuditEntry.objects.filter(action="portal.request.export").count() == 2
    # The worker sees their own name on their own page.
    client.force_login(member.login.user)
    assert "欧阳匿名" in client.get(reverse("portal:request_detail", args=[r.pk])).content.decode()
    assert named.member.name == "司徒实名"


def test_the_audit_log_does_not_name_a_worker_for_their_own_steps_on_an_anonymous_request(
    tree, personas, login
):
    worker = member_with_login(tree.grassroots, name="欧阳匿名").login.user
    worker.full_name = "欧阳匿名"
    worker.save()
    r = actions.request_submit(actor=worker, category="wages", text="欠薪三个月", anonymous=True)
    HelpRequest.objects.filter(pk=r.pk).update(answer_by=timezone.now() - dt.timedelta(hours=1))
    r = actions.request_escalate(actor=worker, request=HelpRequest.objects.get(pk=r.pk))
    actions.request_answer(actor=personas.street, request=r, text="已约谈企业负责人，本周内补发。")
    actions.request_rate(actor=worker, request=HelpRequest.objects.get(pk=r.pk), rating=4)
    other = member_with_login(tree.grassroots, name="司徒实名").login.user
    other.full_name = "司徒实名"
    other.save()
    actions.request_submit(actor=other, category="other", text="咨询", anonymous=False)
    hidden = AuditEntry.objects.filter(actor=worker)
    assert hidden.count() == 3 and all(e.actor_hidden and e.ip is None for e in hidden)
    officer = login(personas.street)
    page = officer.get(reverse("audit")).content.decode()
    assert "欧阳匿名" not in page and worker.username not in page
    assert page.count("匿名职工") == 3 and "司徒实名" in page and personas.street.display_name in page
    assert "欧阳匿名" not in officer.get(reverse("audit"), {"who": worker.username}).content.decode()
    assert "匿名职工" not in officer.get(reverse("audit"), {"who": "欧阳匿名"}).content.decode()
    items = officer.get("/api/audit/").json()["items"]
    assert worker.pk not in {i["actor_id"] for i in items} and other.pk in {i["actor_id"] for i in items}


def test_the_worker_escalates_an_overdue_request_from_its_page(client, tree):
    member = member_with_login(tree.grassroots)
    r = actions.request_submit(actor=member.login.user, category="wages", text="欠薪")
    client.force_login(member.login.user)
    assert "上报" not in client.get(reverse("portal:request_detail", args=[r.pk])).content.decode()
    HelpRequest.objects.filter(pk=r.pk).update(answer_by=timezone.now() - dt.timedelta(hours=1))
    page = client.get(reverse("portal:request_detail", args=[r.pk])).content.decode()
    assert f"逾期未答复，上报{tree.street.name}" in page
    assert client.post(reverse("portal:request_escalate", args=[r.pk])).status_code == 302
    assert HelpRequest.objects.get(pk=r.pk).org == tree.street


def test_the_home_page_shows_card_things_and_places(client, tree):
    member = member_with_login(tree.grassroots, name="钟工友")
    actions.card_issue(actor=None, member=member)
    actions.place_register(actor=None, org=tree.street, kind="outdoor", name="赤岗户外劳动者服务站",
                           address="赤岗路1号", lng="113.335", lat="23.096", hours="全天")  # fmt: skip
    client.force_login(member.login.user)
    home = client.get(reverse("portal:home")).content.decode()
    assert "钟工友" in home and "我要求助" in home and "服务阵地" in home and "我的会籍" in home
    places = client.get(reverse("portal:places"), {"lat": "23.1", "lng": "113.33"}).content.decode()
    assert "赤岗户外劳动者服务站" in places and "公里" in places
    api = client.get("/api/portal/me").json()
    assert api["card"]["token"].startswith("GHK1:") and "钟工友" not in api["card"]["token"]


def test_the_card_page_shows_the_same_code_for_a_while_and_a_new_one_once_the_card_is_reissued(
    client, tree, personas, monkeypatch
):
    member = member_with_login(tree.grassroots, name="陈卡主")
    actions.card_issue(actor=member.login.user, member=member)
    client.force_login(member.login.user)
    first = client.get(reverse("portal:card")).context["token"]
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 5)  # a code signed now would read differently
    again = client.get(reverse("portal:card_code"))
    assert again.context["token"] == first and again.context["refresh"] <= 300 - 60
    assert actions.card_scan(actor=personas.district, code=first).member == member
    actions.card_issue(actor=member.login.user, member=member)
    fresh = client.get(reverse("portal:card")).context["token"]
    assert fresh != first and actions.card_scan(actor=personas.district, code=fresh).member == member


def _todo(page: str, key: str) -> int | None:
    m = re.search(rf'data-todo="{re.escape(key)}">\s*<span class="n">(\d+)</span>', page)
    return int(m[1]) if m else None


def test_the_workbench_counts_the_joins_and_requests_waiting_for_the_union(tree, personas, login):
    actions.join_submit(actor=None, **apply_values(work="new_form", occupation="courier", home=tree.street))
    worker = member_with_login(tree.grassroots, name="农师傅").login.user
    actions.request_submit(actor=worker, category="contract", text="没有签劳动合同")
    street = login(personas.street).get("/").content.decode()
    assert _todo(street, "portal.joins") == 1 and "/portal/joins/?todo=1" in street
    grassroots = login(personas.grassroots).get("/").content.decode()
    assert _todo(grassroots, "portal.requests") == 1 and _todo(grassroots, "portal.joins") is None
    sibling = login(personas.sibling).get("/").content.decode()
    assert _todo(sibling, "portal.joins") is None and _todo(sibling, "portal.requests") is None
