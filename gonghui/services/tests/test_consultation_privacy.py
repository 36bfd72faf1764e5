"""Consultation threads are for the member, the provider and the centre's supervisor: every
other read is refused, province admins included, in pages and in the API; supervisor reads are
audited."""

from __future__ import annotations

import pytest

from gonghui.core.models import AuditEntry
from gonghui.services import actions
from gonghui.services.models import Message

from . import factories as f

SECRET = "最近失眠，和班组长关系紧张"


@pytest.fixture
def thread(svc):  # type: ignore[no-untyped-def]
    t = actions.thread_start(actor=svc.worker_user, provider=svc.counsellor, subject="睡眠问题", body=SECRET)
    actions.thread_post(actor=svc.counsellor_user, thread=t, body="可以先记录一周的作息。")
    return t


def test_content_is_encrypted_at_rest(thread):
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT body FROM services_message WHERE thread_id = %s", [thread.pk])
        stored = [r[0] for r in cur.fetchall()]
    assert stored and all(s.startswith("v1:") and SECRET not in s for s in stored)
    assert Message.objects.filter(thread=thread).first().body == SECRET


@pytest.mark.parametrize("who", ["worker_user", "counsellor_user", "supervisor"])
def test_the_three_people_read_the_thread(svc, thread, login, who):
    client = login(getattr(svc, who))
    r = client.get(f"/services/threads/{thread.pk}/")
    assert r.status_code == 200
    assert SECRET in r.content.decode()
    api = client.get(f"/api/services/threads/{thread.pk}")
    assert api.status_code == 200 and api.json()["messages"][0]["body"] == SECRET


@pytest.mark.parametrize(
    "persona", ["province", "city", "district", "street", "grassroots", "member", "sibling"]
)
def test_everyone_else_is_refused_even_province_admins(thread, personas, login, persona):
    client = login(getattr(personas, persona))
    for url in (f"/services/threads/{thread.pk}/", f"/api/services/threads/{thread.pk}"):
        r = client.get(url)
        assert r.status_code in (403, 404), url
        assert SECRET not in r.content.decode()
    r = client.post(f"/services/threads/{thread.pk}/", {"body": "越权留言"})
    assert r.status_code in (403, 404)
    r = client.post(
        f"/api/services/threads/{thread.pk}/messages", {"body": "越权留言"}, content_type="application/json"
    )
    assert r.status_code in (403, 404)
    assert thread.messages.count() == 2
    assert not any(t["id"] == thread.pk for t in client.get("/api/services/threads").json())


def test_another_member_of_the_same_union_is_refused(svc, thread, tree, login):
    neighbour = f.make_worker(tree.grassroots, "邻居")
    client = login(neighbour.login.user)
    assert client.get(f"/services/threads/{thread.pk}/").status_code == 404
    assert client.get(f"/api/services/threads/{thread.pk}").status_code == 404


def test_supervisor_reads_are_audited_and_the_parties_reads_are_not(svc, thread, login):
    reads = AuditEntry.objects.filter(action="consultation.supervisor_read", object_id=str(thread.pk))
    login(svc.worker_user).get(f"/services/threads/{thread.pk}/")
    login(svc.counsellor_user).get(f"/services/threads/{thread.pk}/")
    assert reads.count() == 0
    client = login(svc.supervisor)
    client.get(f"/services/threads/{thread.pk}/")
    client.get(f"/api/services/threads/{thread.pk}")
    assert reads.count() == 2
    entry = reads.latest("id")
    assert entry.actor == svc.supervisor and entry.org == svc.centre.org
    assert SECRET not in str(entry.detail) and SECRET not in entry.object_repr


def test_supervisor_reads_but_does_not_write(svc, thread, login):
    client = login(svc.supervisor)
    r = client.post(f"/services/threads/{thread.pk}/", {"body": "督导插话"})
    assert r.status_code == 403
    assert thread.messages.count() == 2


def test_member_and_provider_converse_until_closed(svc, thread, login):
    client = login(svc.worker_user)
    r = client.post(f"/services/threads/{thread.pk}/", {"body": "好的，谢谢"})
    assert r.status_code == 302
    client.post(f"/services/threads/{thread.pk}/close/")
    r = login(svc.counsellor_user).post(f"/services/threads/{thread.pk}/", {"body": "还在吗"})
    assert r.status_code == 422 and "该咨询已结束" in r.content.decode()
    assert thread.messages.count() == 3


def test_a_member_cannot_write_to_a_provider_of_a_centre_that_does_not_serve_them(svc, tree, login):
    centre = f.make_centre(tree.sibling_street, "新港街道服务站")
    provider = f.make_provider(centre, "新港咨询师")
    client = login(svc.worker_user)
    r = client.post("/services/threads/new/", {"provider": provider.pk, "subject": "你好", "body": "想咨询"})
    assert r.status_code == 422
    r = client.post(
        "/api/services/threads", {"provider_id": provider.pk, "subject": "你好", "body": "想咨询"},
        content_type="application/json",
    )  # fmt: skip
    assert r.status_code == 404
    assert not provider.threads.exists()


def test_an_officers_thread_list_shows_nothing_of_the_members_threads(thread, personas, login):
    r = login(personas.province).get("/services/threads/")
    assert r.status_code == 200
    page = r.content.decode()
    assert "睡眠问题" not in page and "工会工作人员不能查阅会员的咨询内容" in page


def test_the_supervisors_list_does_not_show_the_subject_until_a_thread_is_opened(svc, thread, login):
    page = login(svc.supervisor).get("/services/threads/").content.decode()
    assert f"#{thread.pk}" in page and "睡眠问题" not in page
