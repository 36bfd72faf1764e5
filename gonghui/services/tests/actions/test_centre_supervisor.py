"""A centre's supervisor reads its confidential consultations, so only a counsellor of the
centre's own union may be one, nobody appoints themselves, and the member sees who it is."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from gonghui.core.models import AuditEntry
from gonghui.services import actions
from gonghui.services.models import Centre

from .. import factories as f

SECRET = "和班组长关系紧张，想换岗位"


@pytest.fixture
def thread(svc):  # type: ignore[no-untyped-def]
    return actions.thread_start(
        actor=svc.worker_user, provider=svc.counsellor, subject="人际关系", body=SECRET
    )


def _refused(actor, centre, supervisor) -> str:  # type: ignore[no-untyped-def]
    before = Centre.objects.get(pk=centre.pk).supervisor_id
    with pytest.raises(ValidationError) as exc:
        actions.centre_set_supervisor(actor=actor, centre=centre, supervisor=supervisor)
    assert Centre.objects.get(pk=centre.pk).supervisor_id == before
    return exc.value.message_dict["supervisor"][0]


def test_an_administrator_cannot_appoint_themselves_and_read_the_consultations(svc, thread, personas, login):
    assert "不能指定自己" in _refused(personas.city, svc.centre, personas.city)
    client = login(personas.city)
    assert client.get(f"/services/threads/{thread.pk}/").status_code == 404
    assert SECRET not in client.get(f"/services/threads/{thread.pk}/").content.decode()
    assert not AuditEntry.objects.filter(action="centre.supervisor", actor=personas.city).exists()


def test_not_even_a_counsellor_of_the_centre_appoints_themselves(svc, tree):
    from gonghui.accounts.actions import role_grant

    role_grant(actor=None, user=svc.counsellor_user, org=tree.haizhu, kind="admin")
    assert "不能指定自己" in _refused(svc.counsellor_user, svc.centre, svc.counsellor_user)


def test_only_a_counsellor_of_the_centres_own_union_may_supervise(svc, tree, personas):
    plain = f.make_user("zhang_plain")
    assert "不是「广州市海珠区总工会」的心理咨询师" in _refused(personas.city, svc.centre, plain)
    lawyer_user = f.make_user("lawyer_chen")
    f.make_provider(
        svc.centre,
        "陈律师二",
        kind="lawyer",
        user=lawyer_user,
        services=[f.make_service(svc.centre, "法援", "legal")],
    )
    assert "心理咨询师" in _refused(personas.city, svc.centre, lawyer_user)
    # A counsellor of a centre of another union (the street below) does not qualify here.
    below = f.make_centre(tree.street, "赤岗街道职工心理服务站")
    elsewhere = f.make_user("counsellor_street")
    f.make_provider(below, "街道咨询师", user=elsewhere)
    assert "心理咨询师" in _refused(personas.city, svc.centre, elsewhere)
    # A counsellor at the centre's own union does, and the appointment is audited.
    actions.centre_set_supervisor(actor=personas.city, centre=svc.centre, supervisor=svc.counsellor_user)
    assert Centre.objects.get(pk=svc.centre.pk).supervisor == svc.counsellor_user
    entry = AuditEntry.objects.filter(action="centre.supervisor").latest("id")
    assert entry.actor == personas.city and entry.detail["after"] == {"user": "counsellor_wang"}


def test_a_centre_is_not_set_up_with_a_supervisor_who_does_not_qualify(tree, personas):
    with pytest.raises(ValidationError) as exc:
        f.make_centre(tree.haizhu, "海珠区第二服务中心", supervisor=personas.district)
    assert "心理咨询师" in exc.value.message_dict["supervisor"][0]
    assert not Centre.objects.filter(name="海珠区第二服务中心").exists()


def test_a_supervisor_appointed_before_the_rule_reads_nothing(svc, thread, personas, login):
    """An appointment the rule now refuses (an administrator made supervisor): read access is
    decided on every read, so it gives none."""
    Centre.objects.filter(pk=svc.centre.pk).update(supervisor=personas.city)
    client = login(personas.city)
    assert client.get(f"/services/threads/{thread.pk}/").status_code == 404
    assert client.get(f"/api/services/threads/{thread.pk}").status_code == 404
    assert not any(t["id"] == thread.pk for t in client.get("/api/services/threads").json())
    assert SECRET not in client.get("/services/threads/").content.decode()
    assert not AuditEntry.objects.filter(action="consultation.supervisor_read").exists()
    page = client.get(f"/services/centres/{svc.centre.pk}/").content.decode()
    assert "不是本工会在岗的心理咨询师，不能查阅在线咨询" in page


def test_the_member_sees_who_supervises_their_thread(svc, thread, login):
    client = login(svc.worker_user)
    page = client.get(f"/services/threads/{thread.pk}/").content.decode()
    assert "督导" in page and svc.supervisor.display_name in page and "记入审计" in page
    assert (
        client.get(f"/api/services/threads/{thread.pk}").json()["supervisor"] == svc.supervisor.display_name
    )
    actions.centre_set_supervisor(actor=None, centre=svc.centre, supervisor=None)
    page = client.get(f"/services/threads/{thread.pk}/").content.decode()
    assert svc.supervisor.display_name not in page and "未设督导" in page
    assert client.get(f"/api/services/threads/{thread.pk}").json()["supervisor"] is None
