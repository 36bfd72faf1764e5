from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from gonghui.assistance.tests.factories import make_household, setup_lines_and_rules
from gonghui.core.models import AuditEntry
from gonghui.kernel.errors import Refused
from gonghui.portal import actions, selectors
from gonghui.portal.abilities import request_abilities
from gonghui.portal.models import HelpRequest
from gonghui.services.models import RightsCase
from gonghui.tests.contract import assert_abilities_agree

from ..factories import member_with_login, request_in


@pytest.fixture
def worker(tree):
    return member_with_login(tree.grassroots, name="刘师傅").login.user


def test_a_request_goes_to_the_workers_grassroots_union(worker, tree):
    r = actions.request_submit(actor=worker, category="wages", text="老板拖欠三个月工资", anonymous=True)
    assert (r.org, r.origin, r.state) == (tree.grassroots, tree.grassroots, "waiting")
    assert r.answer_by > timezone.now()
    with pytest.raises(Refused) as exc:
        actions.request_submit(actor=worker, category="nonsense", text="")
    assert {"category", "text"} <= set(exc.value.message_dict)


def test_someone_who_is_not_a_member_cannot_file(personas):
    with pytest.raises(PermissionDenied):
        actions.request_submit(actor=personas.member, category="wages", text="x")


def test_the_union_answers_with_a_due_date_and_the_worker_rates(worker, personas):
    r = actions.request_submit(actor=worker, category="contract", text="公司不签劳动合同")
    due = timezone.localdate() + dt.timedelta(days=10)
    actions.request_answer(actor=personas.grassroots, request=r, text="已约谈企业", due_on=due)
    r.refresh_from_db()
    assert r.state == "answered" and r.first_answered_at is not None
    with pytest.raises(PermissionDenied):
        actions.request_rate(actor=personas.grassroots, request=r, rating=5)
    r = actions.request_rate(actor=worker, request=r, rating=4, note="处理及时")
    assert (r.state, r.rating) == ("closed", 4)


def test_the_worker_escalates_only_when_overdue_and_it_is_audited(tree, personas):
    r = request_in(tree.grassroots)
    with pytest.raises(Refused) as exc:
        actions.request_escalate(actor=r.user, request=r)
    assert "逾期未答复才能上报" in str(exc.value)
    late = request_in(tree.grassroots, overdue=True)
    assert request_abilities(late.user, late).escalate
    late = actions.request_escalate(actor=late.user, request=late)
    assert late.org == tree.street and late.escalations == 1 and not late.overdue
    entry = AuditEntry.objects.get(action="portal.request.escalate", object_id=str(late.pk))
    assert entry.actor == late.user and entry.detail["to_org"] == tree.street.name
    # The street answers now; the grassroots union still sees it, but may no longer answer.
    assert request_abilities(personas.street, late).answer
    assert not request_abilities(personas.grassroots, late).answer
    assert selectors.request_get_for_actor(actor=personas.grassroots, pk=late.pk) == late


def test_the_worker_process_escalates_every_overdue_request(tree):
    late = request_in(tree.street, overdue=True)
    waiting = request_in(tree.grassroots)
    assert actions.requests_escalate_overdue() == 1
    late.refresh_from_db()
    waiting.refresh_from_db()
    assert late.org == tree.haizhu and waiting.org == tree.grassroots


def test_turned_into_a_rights_case_that_keeps_the_worker_anonymous(worker, personas):
    r = actions.request_submit(
        actor=worker, category="injury", text="工作中受伤，企业不认工伤", anonymous=True
    )
    r = actions.request_to_case(actor=personas.grassroots, request=r)
    case = RightsCase.objects.get(pk=r.case_id)
    assert r.state == "case" and case.category == "work_injury" and case.party_names == ""
    assert "刘师傅" not in case.summary


def test_hardship_needs_a_file_first(worker, personas):
    r = actions.request_submit(actor=worker, category="hardship", text="家人重病，生活困难")
    with pytest.raises(Refused) as exc:
        actions.request_to_hardship(actor=personas.grassroots, request=r, kind="living", amount="2000")
    assert "尚无困难职工档案" in str(exc.value)


def test_turned_into_a_hardship_application_on_the_workers_file(worker, personas, tree):
    setup_lines_and_rules(tree.province)  # 广州's 低保 line and the approval rules
    member = worker.member_login.member
    household = make_household(tree.grassroots, name="刘师傅", id_number=member.id_number)
    r = actions.request_submit(actor=worker, category="hardship", text="家人重病，生活困难")
    r = actions.request_to_hardship(actor=personas.grassroots, request=r, kind="living", amount="2000")
    assert r.state == "hardship"
    application = r.application
    assert (application.household, application.kind, str(application.amount)) == (
        household,
        "living",
        "2000.00",
    )
    assert application.reason == "家人重病，生活困难"
    entry = AuditEntry.objects.filter(action="portal.request.to_hardship").get()
    assert entry.detail["kind"] == "生活救助"
    with pytest.raises(Refused):  # once only
        actions.request_to_hardship(actor=personas.grassroots, request=r, kind="medical", amount="100")


def test_statistics_by_category_union_and_time_to_first_answer(worker, personas):
    a = actions.request_submit(actor=worker, category="wages", text="欠薪")
    actions.request_submit(actor=worker, category="wages", text="又欠薪")
    actions.request_submit(actor=worker, category="other", text="其他")
    actions.request_answer(actor=personas.grassroots, request=a, text="已受理")
    stats = selectors.request_stats(actor=personas.street)
    wages = next(row for row in stats["category"] if row.label == "欠薪")
    assert (wages.count, wages.answered) == (2, 1) and wages.mean_hours is not None
    assert [(row.label, row.count) for row in stats["org"]] == [("赤岗街道联合工会", 3)]
    assert selectors.request_stats(actor=personas.sibling)["category"] == []


def test_request_abilities_agree_with_the_actions(tree, personas, worker):
    waiting = actions.request_submit(actor=worker, category="wages", text="欠薪")
    answered = actions.request_submit(actor=worker, category="other", text="咨询")
    actions.request_answer(actor=personas.grassroots, request=answered, text="已答复")
    late = request_in(tree.street, overdue=True)
    assert_abilities_agree(
        actors=[*personas.items(), ("worker", worker), ("late worker", late.user)],
        records=[waiting, HelpRequest.objects.get(pk=answered.pk), late],
        abilities=request_abilities,
        attempts={
            "answer": lambda actor, r: actions.request_answer(actor=actor, request=r, text="答复"),
            "to_case": lambda actor, r: actions.request_to_case(actor=actor, request=r),
            "escalate": lambda actor, r: actions.request_escalate(actor=actor, request=r),
            "rate": lambda actor, r: actions.request_rate(actor=actor, request=r, rating=5),
        },
    )
