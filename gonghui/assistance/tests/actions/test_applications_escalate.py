import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from gonghui.assistance import actions
from gonghui.assistance.models import Application
from gonghui.core.models import AuditEntry

from ..factories import make_household


@pytest.fixture
def waiting(rules):
    household = make_household(rules.grassroots)
    return actions.application_submit(
        actor=None, household=household, kind="living", amount="800", reason="失业"
    )


def test_an_application_waiting_longer_than_the_rule_allows_goes_up_one_level(rules, waiting):
    now = waiting.waiting_since + dt.timedelta(days=10, seconds=1)
    assert actions.applications_escalate(now=now - dt.timedelta(seconds=2)) == []
    moved = actions.applications_escalate(now=now)
    assert [a.pk for a in moved] == [waiting.pk]
    waiting.refresh_from_db()
    assert waiting.approver == rules.haizhu and waiting.escalations == 1 and waiting.waiting_since == now
    entry = AuditEntry.objects.get(action="assistance.application.escalate")
    assert entry.detail["from_org"] == "赤岗街道总工会" and entry.detail["to_org"] == "广州市海珠区总工会"
    # Then again from the district to the city, ten more days later; the city is the top.
    actions.applications_escalate(now=now + dt.timedelta(days=11))
    waiting.refresh_from_db()
    assert waiting.approver == rules.guangzhou
    assert actions.applications_escalate(now=now + dt.timedelta(days=100)) == []


def test_decided_applications_do_not_escalate(rules, waiting, personas):
    actions.application_reject(actor=personas.street, application=waiting, reason="不符合条件")
    assert actions.applications_escalate(now=timezone.now() + dt.timedelta(days=30)) == []


def test_the_command_escalates_and_reports(rules, waiting):
    Application.objects.filter(pk=waiting.pk).update(waiting_since=timezone.now() - dt.timedelta(days=11))
    out = StringIO()
    call_command("assistance_escalate", stdout=out)
    assert "上报 1 件" in out.getvalue()
    waiting.refresh_from_db()
    assert waiting.approver == rules.haizhu
