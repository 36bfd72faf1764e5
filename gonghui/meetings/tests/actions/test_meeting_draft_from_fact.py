"""The seed bulletin imported into the province's 《工作简报》: accepted facts become draft records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.bulletin import actions as bulletin_actions
from gonghui.bulletin.models import FactSuggestion
from gonghui.bulletin.tests.factories import make_bulletin
from gonghui.meetings import actions
from gonghui.meetings.models import Meeting
from gonghui.meetings.selectors import meeting_fact_get_for_actor, meeting_facts_for_actor

from ..factories import make_committee

SEED = Path(__file__).resolve().parents[3] / "bulletin" / "data" / "seed_2013_03.txt"


@pytest.fixture
def facts(tree, personas):
    bulletin = make_bulletin(tree.province)
    bulletin_actions.issue_import(actor=None, bulletin=bulletin, number=3, date=dt.date(2013, 3, 31),
                                  data=SEED.read_text(encoding="utf-8"))  # fmt: skip
    province = FactSuggestion.objects.filter(kind="meeting", matched_org=tree.province).order_by(
        "article", "start"
    )
    meeting = province.first()
    election = FactSuggestion.objects.filter(article=meeting.article, kind="election").first()
    guangzhou = FactSuggestion.objects.get(kind="meeting", matched_org=tree.guangzhou)
    return meeting, election, guangzhou


def accept(actor, *facts):
    for f in facts:
        bulletin_actions.fact_decide(actor=actor, fact=f, decision="accept")


def test_an_accepted_plenary_becomes_a_draft_with_its_election(tree, personas, facts):
    meeting_fact, election_fact, _ = facts
    make_committee(tree.province, term=12, starts_on=dt.date(2008, 5, 22), members=5, chair="邓维龙")
    accept(personas.province, meeting_fact, election_fact)
    draft = actions.meeting_draft_from_fact(actor=personas.province, fact=meeting_fact)
    m = draft.meeting
    assert m.name == "广东省总工会十二届六次全委会议"
    assert (m.held_on, m.status, m.source_fact) == (dt.date(2013, 3, 21), "draft", meeting_fact)
    assert m.attendance.count() == 5
    [election] = m.elections.all()
    assert (election.post, election.kind, election.committee.term) == ("chair", "elect", 12)
    assert [c.name for c in election.candidates.all()] == ["黄业斌"]
    with pytest.raises(ValidationError, match="已据此建立会议记录"):
        actions.meeting_draft_from_fact(actor=personas.province, fact=meeting_fact)
    assert Meeting.objects.count() == 1


def test_a_fact_not_yet_accepted_is_not_drafted(tree, personas, facts):
    make_committee(tree.province, term=12, starts_on=dt.date(2008, 5, 22), members=5)
    with pytest.raises(ValidationError, match="只有已采纳的建议"):
        actions.meeting_draft_from_fact(actor=personas.province, fact=facts[0])
    assert not Meeting.objects.exists()


def test_the_committee_of_that_term_must_exist(tree, personas, facts):
    _, _, gz = facts
    accept(personas.province, gz)
    with pytest.raises(ValidationError, match="尚未登记第十七届常务委员会"):
        actions.meeting_draft_from_fact(actor=personas.city, fact=gz)
    make_committee(tree.guangzhou, kind="standing", term=17, starts_on=dt.date(2012, 11, 28), members=6)
    draft = actions.meeting_draft_from_fact(actor=personas.city, fact=gz)
    assert draft.meeting.name == "广州市总工会十七届二次常委（扩大）会议"
    assert draft.meeting.held_on == dt.date(2013, 3, 25)


def test_an_officer_sees_and_drafts_only_facts_of_unions_in_scope(tree, personas, facts):
    meeting_fact, _, gz = facts
    accept(personas.province, meeting_fact, gz)
    assert {f.matched_org for f in meeting_facts_for_actor(actor=personas.city) if f.kind == "meeting"} == {
        tree.guangzhou
    }
    with pytest.raises(PermissionDenied):
        meeting_fact_get_for_actor(actor=personas.city, pk=meeting_fact.pk)
    with pytest.raises(PermissionDenied):
        actions.meeting_draft_from_fact(actor=personas.street, fact=gz)


@pytest.mark.parametrize(
    ("words", "kind", "post"),
    [("市总工会第七届经审委员", "audit", "audit_member"), ("市总工会副主席", "committee", "vice_chair"),
     ("市总工会第十四届委员会常委", "standing", "standing"), ("市总工会第十四届经审委员会副主任", "audit", "audit_vice"),
     ("省总工会新一任主席", "committee", "chair"), ("市总工会第七届委员会委员", "committee", "member")],
)  # fmt: skip
def test_the_articles_words_name_the_committee_and_post(words, kind, post):
    assert actions.election_target(words) == (kind, post)


@pytest.mark.parametrize(
    ("verb", "kind"), [("增（替）补", "add"), ("替补", "replace"), ("当选", "elect"), ("补选", "by_election")]
)
def test_the_articles_verb_names_the_kind_of_election(verb, kind):
    assert actions.election_kind(verb) == kind
