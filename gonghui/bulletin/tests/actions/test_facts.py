"""Accepting and dismissing fact suggestions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.bulletin import actions
from gonghui.bulletin.models import FactSuggestion
from gonghui.core.models import AuditEntry


@pytest.fixture
def issue(tree, personas, bulletin, seed_bytes):
    return actions.issue_import(
        actor=personas.province, bulletin=bulletin, number=3, date=dt.date(2013, 3, 31), data=seed_bytes
    )


def test_an_editor_accepts_and_dismisses_with_an_audit_row(personas, issue):
    meeting = FactSuggestion.objects.filter(article__issue=issue, kind="meeting").first()
    actions.fact_decide(actor=personas.province, fact=meeting, decision="accept")
    meeting.refresh_from_db()
    assert (meeting.status, meeting.decided_by) == ("accepted", personas.province)
    entry = AuditEntry.objects.get(action="bulletin.fact.accept")
    assert entry.detail["value"]["term"] == meeting.value["term"]
    actions.fact_decide(actor=personas.province, fact=meeting, decision="dismiss")
    assert FactSuggestion.objects.get(pk=meeting.pk).status == "dismissed"


def test_only_editors_of_the_bulletin_decide(personas, issue):
    fact = FactSuggestion.objects.filter(article__issue=issue).first()
    with pytest.raises(PermissionDenied):
        actions.fact_decide(actor=personas.city, fact=fact, decision="accept")
    with pytest.raises(ValidationError):
        actions.fact_decide(actor=personas.province, fact=fact, decision="publish")
    assert FactSuggestion.objects.get(pk=fact.pk).status == "suggested"


def test_each_fact_reads_as_a_short_summary(issue):
    facts = FactSuggestion.objects.filter(article__issue=issue)
    summaries = {f.kind: set() for f in facts}
    for f in facts:
        summaries[f.kind].add(f.summary)
    assert "省总工会 第12届第6次全委会" in summaries["meeting"]
    assert "惠州市总工会 第13届第8次全委会（扩大）" in summaries["meeting"]
    assert "2013年3月21日" in summaries["date"]
    assert "18000 元" in summaries["money"] and "600 户" in summaries["count"]
    assert any(s.startswith("叶俊杰、卢英") and "当选" in s for s in summaries["election"])
    assert any(s.startswith("黄业斌 · ") for s in summaries["person"])
