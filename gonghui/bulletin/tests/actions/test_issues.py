"""Compiling an issue: numbers, sections, order of articles, publishing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.bulletin import actions
from gonghui.bulletin.models import Article, FactSuggestion, Issue, Section
from gonghui.bulletin.tests.factories import make_issue, make_submission
from gonghui.conftest import make_user
from gonghui.core.models import AuditEntry
from gonghui.kernel import scope


def adopt(actor, sub, section):
    return actions.submission_transition(actor=actor, submission=sub, action="adopt", section=section)


def titles(issue):
    return [(a.section.name if a.section else None, a.title) for a in
            Article.objects.filter(issue=issue).order_by("section__order", "order")]  # fmt: skip


def test_issue_numbers_are_unique_per_bulletin_and_year(tree, personas, bulletin):
    make_issue(bulletin, number=5, date=dt.date(2013, 3, 31))
    with pytest.raises(ValidationError, match="2013年第5期已存在"):
        make_issue(bulletin, number=5, date=dt.date(2013, 4, 10))
    assert make_issue(bulletin, number=5, date=dt.date(2014, 3, 31)).label == "2014年第5期"
    with pytest.raises(ValidationError) as refused:
        make_issue(bulletin, number=0)
    assert "number" in refused.value.error_dict
    assert actions.next_number(bulletin, 2013) == 6


def test_a_new_issue_takes_the_default_sections_and_the_adopted_items(tree, personas, bulletin):
    a = make_submission(tree.street, bulletin, title="街道招聘会")
    b = make_submission(tree.haizhu, bulletin, title="区总帮扶")
    c = make_submission(tree.luohu, bulletin, title="罗湖集体协商")
    adopt(personas.city, a, "各地动态")
    adopt(personas.province, c, "工作交流")
    adopt(personas.city, b, "各地动态")
    issue = actions.issue_create(
        actor=personas.province, bulletin=bulletin, number=1, date=dt.date(2026, 1, 5)
    )
    assert list(issue.sections.values_list("name", flat=True)) == ["各地动态", "工作交流", "短讯速递"]
    assert titles(issue) == [
        ("各地动态", "街道招聘会"),
        ("各地动态", "区总帮扶"),
        ("工作交流", "罗湖集体协商"),
    ]
    assert issue.masthead == "工作简报" and issue.office == "广东省总工会办公室"
    second = actions.issue_create(
        actor=personas.province, bulletin=bulletin, number=2, date=dt.date(2026, 1, 20)
    )
    assert titles(second) == []  # each item is printed once


def test_compiling_needs_edit_at_the_bulletins_union(tree, personas, bulletin):
    with pytest.raises(PermissionDenied):
        actions.issue_create(actor=personas.city, bulletin=bulletin, number=1, date=dt.date(2026, 1, 5))
    assert not Issue.objects.exists()


def test_sections_are_configurable_but_not_emptied_of_articles(tree, personas, bulletin):
    issue = actions.issue_create(
        actor=personas.province,
        bulletin=bulletin,
        number=1,
        date=dt.date(2026, 1, 5),
        sections=["要闻", "各地动态"],
    )
    actions.article_create(
        actor=personas.province, issue=issue, section="要闻", title="要闻一", body="正文。"
    )
    with pytest.raises(ValidationError, match="栏目「要闻」中还有文章"):
        actions.issue_update(actor=personas.province, issue=issue, number=1, date=issue.date, masthead="工作简报",
                             office="", sections=["各地动态"])  # fmt: skip
    actions.issue_update(actor=personas.province, issue=issue, number=2, date=issue.date, masthead="工作简报（增刊）",
                         office="广东省总工会宣教部", sections=["各地动态", "要闻", "短讯速递"])  # fmt: skip
    issue.refresh_from_db()
    assert list(issue.sections.order_by("order").values_list("name", flat=True)) == [
        "各地动态",
        "要闻",
        "短讯速递",
    ]
    assert (issue.number, issue.masthead, issue.office) == (2, "工作简报（增刊）", "广东省总工会宣教部")
    for bad in (["各地动态", "各地动态"], ["  "], ["一" * 21]):
        with pytest.raises(ValidationError):
            actions.issue_update(actor=personas.province, issue=issue, number=2, date=issue.date,
                                 masthead="工作简报", office="", sections=bad)  # fmt: skip


def test_articles_move_within_their_section_and_leave_with_their_item_waiting(tree, personas, bulletin):
    issue = make_issue(bulletin)
    for title in ("甲", "乙", "丙"):
        actions.article_create(
            actor=personas.province, issue=issue, section="各地动态", title=title, body="正文。"
        )
    c = Article.objects.get(title="丙")
    actions.article_move(actor=personas.province, article=c, direction="up")
    assert [t for _s, t in titles(issue)] == ["甲", "丙", "乙"]
    actions.article_move(actor=personas.province, article=Article.objects.get(title="甲"), direction="up")
    assert [t for _s, t in titles(issue)] == ["甲", "丙", "乙"]  # already first
    sub = make_submission(tree.street, bulletin, title="来稿")
    actions.submission_transition(
        actor=personas.province, submission=sub, action="adopt", section="短讯速递", issue=issue
    )
    assert not actions.pending_adopted(bulletin).exists()
    actions.article_remove(actor=personas.province, article=Article.objects.get(title="来稿"))
    assert actions.pending_adopted(bulletin).get() == sub


def test_article_source_is_written_as_printed(tree, personas, bulletin):
    issue = make_issue(bulletin)
    a = actions.article_create(actor=personas.province, issue=issue, section="工作交流", title="经验",
                               body="正文。", source="（茂名市总工会办公室 梁冲）")  # fmt: skip
    assert (a.source, a.units, a.authors) == ("茂名市总工会办公室  梁冲", ["茂名市总工会办公室"], ["梁冲"])
    assert a.attribution == "（茂名市总工会办公室  梁冲）"
    with pytest.raises(ValidationError, match="本期没有栏目"):
        actions.article_update(
            actor=personas.province, article=a, section="不存在", title="经验", body="正文。"
        )


def test_publishing_needs_approve_articles_and_then_freezes_the_issue(tree, personas, bulletin):
    issue = make_issue(bulletin)
    clerk = make_user("province_clerk", tree.province, "clerk")
    with pytest.raises(ValidationError, match="还没有文章"):
        actions.issue_publish(actor=personas.province, issue=issue)
    actions.article_create(actor=clerk, issue=issue, section="各地动态", title="省总工会召开全委会",
                           body="3月21日，广东省总工会召开十二届六次全委会，选举黄业斌为省总工会主席。")  # fmt: skip
    with pytest.raises(PermissionDenied):
        actions.issue_publish(actor=clerk, issue=issue)
    approver = make_user("province_approver", tree.province, "approver")
    scope.forget(approver)
    actions.issue_publish(actor=approver, issue=issue)
    issue.refresh_from_db()
    assert issue.is_published and issue.published_by == approver and issue.published_at
    with pytest.raises(ValidationError, match="已发布，不能再修改"):
        actions.article_create(
            actor=personas.province, issue=issue, section="各地动态", title="迟到", body="正文。"
        )
    with pytest.raises(ValidationError, match="已发布"):
        actions.issue_delete(actor=personas.province, issue=issue)
    kinds = set(FactSuggestion.objects.filter(article__issue=issue).values_list("kind", flat=True))
    assert {"date", "org", "meeting"} <= kinds
    assert AuditEntry.objects.filter(action="bulletin.issue.publish", actor=approver).count() == 1


def test_deleting_a_draft_issue_returns_its_adopted_items(tree, personas, bulletin):
    sub = make_submission(tree.street, bulletin)
    adopt(personas.city, sub, "各地动态")
    issue = make_issue(bulletin)
    assert issue.articles.count() == 1
    actions.issue_delete(actor=personas.province, issue=issue)
    assert not Issue.objects.exists() and not Section.objects.exists()
    assert actions.pending_adopted(bulletin).get() == sub


def test_creating_a_bulletin_needs_manage_and_a_free_name(tree, personas, bulletin):
    with pytest.raises(PermissionDenied):
        actions.bulletin_create(actor=personas.district, org=tree.haizhu, name="海珠工会信息")
    with pytest.raises(ValidationError, match="已有刊物《工作简报》"):
        actions.bulletin_create(actor=personas.province, org=tree.province, name="工作简报")
    city = actions.bulletin_create(
        actor=personas.city, org=tree.guangzhou, name="广州工会信息", sections=["工作动态", "基层风采"]
    )
    assert (city.office, city.sections) == ("广州市总工会办公室", ["工作动态", "基层风采"])
