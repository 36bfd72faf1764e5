"""The submission workflow: who may take which step, and what each step leaves behind."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.bulletin import actions, workflow
from gonghui.bulletin.models import Article, Submission, SubmissionEvent
from gonghui.bulletin.tests.factories import make_issue, make_submission
from gonghui.core.models import AuditEntry


def step(actor, sub, action, **kw):
    return actions.submission_transition(actor=actor, submission=sub, action=action, **kw)


def test_the_workflow_is_data_every_state_reachable():
    steps = workflow.SUBMISSION.steps.values()
    targets = {target for step in steps for target in step.moves.values()}
    sources = {source for step in steps for source in step.moves}
    assert targets | {"draft"} == {"draft", "submitted", "adopted", "returned", "declined"}
    assert {"adopted", "declined"}.isdisjoint(sources)  # final states
    assert {"draft", "returned"} == workflow.EDITABLE
    assert {"adopt", "return", "decline"} == workflow.REVIEW_STEPS


def test_street_submits_and_the_city_editor_adopts_into_a_section(tree, personas, bulletin):
    sub = actions.submission_create(
        actor=personas.street, org=tree.street, bulletin=bulletin, title="赤岗街道开展春风行动",
        body="3月19日，街道总工会举办专场招聘会。", authors="林小元", submit=True,
    )  # fmt: skip
    assert sub.status == "submitted" and sub.submitted_at is not None
    step(personas.city, sub, "adopt", section="各地动态")
    sub.refresh_from_db()
    assert (sub.status, sub.section, sub.reviewed_by) == ("adopted", "各地动态", personas.city)
    assert list(SubmissionEvent.objects.filter(submission=sub).values_list("action", flat=True)) == [
        "submit",
        "adopt",
    ]
    rows = AuditEntry.objects.filter(object_id=str(sub.pk), action__startswith="bulletin.submission.")
    assert {r.action for r in rows} == {
        "bulletin.submission.create",
        "bulletin.submission.submit",
        "bulletin.submission.adopt",
    }
    assert actions.pending_adopted(bulletin).get() == sub


def test_a_union_does_not_review_its_own_item(tree, personas, bulletin):
    sub = make_submission(tree.street, bulletin)
    with pytest.raises(PermissionDenied, match="本单位不能审核自己报送的稿件"):
        step(personas.street, sub, "adopt", section="各地动态")
    assert Submission.objects.get(pk=sub.pk).status == "submitted"
    # ...but the street union reviews what its grassroots union sends up.
    below = make_submission(tree.grassroots, bulletin)
    step(personas.street, below, "adopt", section="各地动态")
    assert Submission.objects.get(pk=below.pk).status == "adopted"


def test_a_sibling_street_cannot_review(tree, personas, bulletin):
    sub = make_submission(tree.street, bulletin)
    with pytest.raises(PermissionDenied):
        step(personas.sibling, sub, "decline")
    assert not workflow.REVIEW.allows(personas.sibling, sub)
    assert not workflow.REVIEW.allows(personas.member, make_submission(tree.grassroots, bulletin))


def test_a_district_clerk_with_edit_reviews_items_from_below(tree, personas, bulletin):
    assert workflow.REVIEW.allows(personas.district, make_submission(tree.street, bulletin))
    assert not workflow.REVIEW.allows(personas.district, make_submission(tree.haizhu, bulletin))


def test_returning_needs_a_comment_and_resubmission_goes_back_to_review(tree, personas, bulletin):
    sub = make_submission(tree.street, bulletin)
    first_submitted = Submission.objects.get(pk=sub.pk).submitted_at
    with pytest.raises(ValidationError) as refused:
        step(personas.city, sub, "return")
    assert "comment" in refused.value.error_dict
    assert Submission.objects.get(pk=sub.pk).status == "submitted"
    step(personas.city, sub, "return", comment="请补充活动时间")
    sub.refresh_from_db()
    assert (sub.status, sub.review_comment) == ("returned", "请补充活动时间")
    actions.submission_update(
        actor=personas.street, submission=sub, title=sub.title, body=sub.body + "\n活动于3月19日举行。"
    )
    step(personas.street, sub, "submit")
    sub.refresh_from_db()
    assert sub.status == "submitted"
    assert sub.submitted_at == first_submitted  # the statistics count the first submission


def test_a_declined_item_is_final(tree, personas, bulletin):
    sub = make_submission(tree.street, bulletin)
    step(personas.city, sub, "decline", comment="信息量不足")
    with pytest.raises(workflow.InvalidTransition, match="当前状态为「未采用」，不能采用"):
        step(personas.province, sub, "adopt", section="各地动态")
    with pytest.raises(workflow.InvalidTransition):
        actions.submission_update(actor=personas.street, submission=sub, title="改", body="改")


def test_withdraw_only_before_review_and_only_by_the_submitter(tree, personas, bulletin):
    sub = make_submission(tree.street, bulletin)
    with pytest.raises(PermissionDenied):
        step(personas.sibling, sub, "withdraw")
    step(personas.street, sub, "withdraw")
    assert Submission.objects.get(pk=sub.pk).status == "draft"
    sub.refresh_from_db()
    assert workflow.SUBMISSION.offers(personas.street, sub) == ["submit"]
    assert workflow.SUBMISSION.offers(personas.sibling, sub) == []


def test_unknown_step_is_refused(tree, personas, bulletin):
    sub = make_submission(tree.street, bulletin)
    with pytest.raises(workflow.InvalidTransition):
        step(personas.city, sub, "publish")


def test_adopting_into_a_draft_issue_places_the_article(tree, personas, bulletin):
    issue = make_issue(bulletin)
    first = make_submission(tree.street, bulletin, title="第一篇")
    second = make_submission(
        tree.grassroots, bulletin, title="第二篇", unit="赤岗街道联合工会办公室", authors="王芳、李明"
    )
    step(personas.province, first, "adopt", section="工作交流", issue=issue)
    step(personas.province, second, "adopt", section="工作交流", issue=issue)
    articles = list(Article.objects.filter(issue=issue).order_by("order"))
    assert [a.title for a in articles] == ["第一篇", "第二篇"]
    assert articles[0].section.name == "工作交流"
    assert articles[1].source == "赤岗街道联合工会办公室  王芳  李明"
    assert articles[1].attribution == "（赤岗街道联合工会办公室  王芳  李明）"
    assert not actions.pending_adopted(bulletin).exists()


def test_placing_in_an_issue_needs_editor_rights_at_the_bulletin(tree, personas, bulletin):
    issue = make_issue(bulletin)
    sub = make_submission(tree.street, bulletin)
    with pytest.raises(PermissionDenied, match="可只选栏目采用"):
        step(personas.city, sub, "adopt", section="各地动态", issue=issue)
    assert Submission.objects.get(pk=sub.pk).status == "submitted"
    assert not Article.objects.exists()


def test_adopting_into_an_unknown_section_changes_nothing(tree, personas, bulletin):
    sub = make_submission(tree.street, bulletin)
    with pytest.raises(ValidationError) as refused:
        step(personas.city, sub, "adopt", section="不存在的栏目")
    assert "section" in refused.value.error_dict
    with pytest.raises(ValidationError):
        step(personas.city, sub, "adopt", section="")
    assert Submission.objects.get(pk=sub.pk).status == "submitted"
    assert not SubmissionEvent.objects.filter(action="adopt").exists()
