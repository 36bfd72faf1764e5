"""Who reads what: published issues go down the tree, drafts stay with their union."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gonghui.bulletin import actions, selectors
from gonghui.bulletin.models import Article
from gonghui.bulletin.tests.factories import make_bulletin, make_issue, make_submission


@pytest.fixture
def published(tree, personas, bulletin):
    issue = make_issue(bulletin, number=5)
    actions.article_create(actor=None, issue=issue, section="各地动态", title="广州春风行动招聘会",
                           body="102家企业提供岗位3600多个。", source="广州市总工会  林小元")  # fmt: skip
    actions.article_create(actor=None, issue=issue, section="短讯速递", title="茂名女工帮扶",
                           body="累计发放18000元。", source="茂名市总工会权益保障部  柯周梅")  # fmt: skip
    return actions.issue_publish(actor=None, issue=issue)


def test_a_published_issue_is_read_by_every_union_below(personas, published):
    for who in ("province", "city", "district", "street", "grassroots", "sibling"):
        user = getattr(personas, who)
        assert selectors.issue_get_for_actor(actor=user, pk=published.pk) == published
        assert published in selectors.issues_for_actor(actor=user)
    with pytest.raises(PermissionDenied):
        selectors.issue_get_for_actor(actor=personas.member, pk=published.pk)


def test_a_city_bulletin_is_not_read_by_another_city(tree, personas):
    city = make_bulletin(tree.guangzhou, "广州工会信息")
    issue = make_issue(city)
    actions.article_create(actor=None, issue=issue, section="各地动态", title="甲", body="正文。")
    actions.issue_publish(actor=None, issue=issue)
    assert selectors.issue_get_for_actor(actor=personas.street, pk=issue.pk) == issue
    from gonghui.conftest import make_user

    luohu = make_user("luohu_admin", tree.luohu)
    with pytest.raises(PermissionDenied):
        selectors.issue_get_for_actor(actor=luohu, pk=issue.pk)
    assert city not in selectors.bulletins_for_actor(actor=luohu)
    assert city in selectors.bulletins_for_actor(actor=personas.street)


def test_a_draft_stays_with_the_bulletins_union_and_those_above(tree, personas, bulletin):
    draft = make_issue(bulletin)
    assert selectors.issue_get_for_actor(actor=personas.province, pk=draft.pk) == draft
    for who in ("city", "street"):
        with pytest.raises(PermissionDenied):
            selectors.issue_get_for_actor(actor=getattr(personas, who), pk=draft.pk)
        assert draft not in selectors.issues_for_actor(actor=getattr(personas, who))


def test_the_archive_is_searched_by_title_text_unit_and_date(personas, published):
    def search(**kw):
        rows, _next = selectors.article_search_for_actor(actor=personas.street, **kw)
        return [a.title for a in rows]

    assert search(q="春风") == ["广州春风行动招聘会"]
    assert search(q="18000元") == ["茂名女工帮扶"]
    assert search(q="招聘会 3600") == ["广州春风行动招聘会"]
    assert search(unit="茂名市总工会") == ["茂名女工帮扶"]
    assert len(search(since=dt.date(2013, 3, 1), until=dt.date(2013, 3, 31))) == 2
    assert search(since=dt.date(2013, 4, 1)) == []
    rows, _ = selectors.article_search_for_actor(actor=personas.member)
    assert rows == []


def test_the_archive_holds_no_drafts(tree, personas, bulletin):
    draft = make_issue(bulletin)
    actions.article_create(actor=None, issue=draft, section="各地动态", title="未发布", body="正文。")
    rows, _ = selectors.article_search_for_actor(actor=personas.province)
    assert rows == [] and Article.objects.count() == 1


def test_submissions_are_seen_by_their_union_and_those_above_only(tree, personas, bulletin):
    sub = make_submission(tree.street, bulletin)
    for who in ("street", "district", "city", "province"):
        assert selectors.submission_get_for_actor(actor=getattr(personas, who), pk=sub.pk) == sub
    for who in ("sibling", "grassroots", "member"):
        with pytest.raises(PermissionDenied):
            selectors.submission_get_for_actor(actor=getattr(personas, who), pk=sub.pk)


def test_the_review_box_holds_items_from_below_waiting_for_review(tree, personas, bulletin):
    own = make_submission(tree.street, bulletin, title="街道稿")
    below = make_submission(tree.grassroots, bulletin, title="基层稿")
    make_submission(tree.grassroots, bulletin, title="草稿", submit=False)

    def box(user, name):
        return {s.title for s in selectors.submissions_for_actor(actor=user, box=name)[0]}

    assert box(personas.street, "review") == {"基层稿"}
    assert box(personas.street, "mine") == {"街道稿", "基层稿", "草稿"}
    assert box(personas.city, "review") == {"街道稿", "基层稿"}
    assert box(personas.sibling, "all") == set()
    assert selectors.review_count_for_actor(actor=personas.city) == 2
    assert own.pk and below.pk


def test_bulletins_to_submit_to_are_those_above_nearest_first(tree, bulletin):
    city = make_bulletin(tree.guangzhou, "广州工会信息")
    assert selectors.bulletins_to_submit_to(tree.street) == [city, bulletin]
    assert selectors.bulletins_to_submit_to(tree.province) == []
    assert selectors.bulletins_to_submit_to(tree.luohu) == [bulletin]


def test_the_review_list_follows_the_review_steps_rule(tree, personas, bulletin):
    """`reviewable_q` is the rule of adopt/return/decline (`workflow.REVIEW`) as a query."""
    from gonghui.bulletin.models import Submission
    from gonghui.bulletin.workflow import REVIEW
    from gonghui.conftest import make_user

    for org in (tree.guangzhou, tree.haizhu, tree.street, tree.grassroots, tree.sibling_street, tree.luohu):
        make_submission(org, bulletin, title=org.name)
    actors = [*personas.items(), ("approver", make_user("gz_approver", tree.guangzhou, "approver"))]
    for name, actor in actors:
        listed = set(Submission.objects.filter(selectors.reviewable_q(actor)).values_list("pk", flat=True))
        allowed = {s.pk for s in Submission.objects.select_related("org") if REVIEW.allows(actor, s)}
        assert listed == allowed, name


def test_the_workbench_counts_items_to_review_and_items_returned(tree, personas, bulletin):
    from gonghui.kernel.registry import registry

    todos = {t.key: t for t in registry.get("bulletin").todos}
    waiting = [make_submission(org, bulletin) for org in (tree.street, tree.grassroots, tree.luohu)]
    returned = make_submission(tree.grassroots, bulletin, title="退回")
    actions.submission_transition(actor=None, submission=returned, action="return", comment="请补充")
    make_submission(tree.street, bulletin, title="草稿", submit=False)

    def count(key, who):
        return todos[key].count(getattr(personas, who))

    # The city reviews the street's and the grassroots' items, the street only its grassroots'.
    assert [count("bulletin.to_review", w) for w in ("province", "city", "street", "grassroots", "sibling")] == [
        3, 2, 1, 0, 0,
    ]  # fmt: skip
    # A returned item waits for whoever writes for its union (and the unions above it).
    assert [count("bulletin.returned", w) for w in ("grassroots", "street", "sibling", "member")] == [
        1,
        1,
        0,
        0,
    ]
    assert waiting and todos["bulletin.to_review"].url == "/bulletin/submissions/?box=review"
