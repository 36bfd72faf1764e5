"""Every page of the bulletin offers a doing exactly when its action succeeds, for every persona:
the shared ones, an approver and a viewer of the city, and an approver of the province."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from gonghui.bulletin import actions, stats
from gonghui.bulletin.abilities import (
    bulletin_abilities,
    desk_abilities,
    fact_abilities,
    issue_abilities,
    submission_abilities,
    union_abilities,
)
from gonghui.bulletin.models import FactSuggestion, Issue
from gonghui.bulletin.tests.conftest import SEED
from gonghui.bulletin.tests.factories import make_bulletin, make_issue, make_submission
from gonghui.conftest import make_user
from gonghui.tests.contract import assert_abilities_agree, assert_page_offers, assert_pages_offer, fresh


@pytest.fixture
def actors(tree, personas):
    """The shared personas, and roles that review or read without writing."""
    return [
        *personas.items(),
        ("city_approver", make_user("city_approver", tree.guangzhou, "approver")),
        ("city_viewer", make_user("city_viewer", tree.guangzhou, "viewer")),
        ("province_approver", make_user("province_approver", tree.province, "approver")),
        ("province_clerk", make_user("province_clerk", tree.province, "clerk")),
    ]


def step(name, **extra):
    return lambda actor, sub: actions.submission_transition(actor=actor, submission=sub, action=name, **extra)


# --- submissions -------------------------------------------------------------------------


@pytest.fixture
def draft_issue(bulletin):
    return make_issue(bulletin, include_adopted=False)


@pytest.fixture
def submissions(tree, bulletin):
    """Items of the street and of the unions around it, in every state."""
    draft = make_submission(tree.street, bulletin, title="草稿", submit=False)
    waiting = make_submission(tree.street, bulletin, title="待审")
    from_below = make_submission(tree.grassroots, bulletin, title="基层待审")
    from_haizhu = make_submission(tree.haizhu, bulletin, title="区总待审")
    returned = make_submission(tree.street, bulletin, title="退回")
    step("return", comment="请补充时间")(None, returned)
    adopted = make_submission(tree.street, bulletin, title="已采用")
    step("adopt", section="各地动态")(None, adopted)
    declined = make_submission(tree.sibling_street, bulletin, title="未采用")
    step("decline")(None, declined)
    return [draft, waiting, from_below, from_haizhu, returned, adopted, declined]


def submission_attempts(issue: Issue) -> dict:
    return {
        "submit": step("submit"),
        "withdraw": step("withdraw"),
        "adopt": step("adopt", section="各地动态"),
        "return": step("return", comment="请补充活动时间"),
        "decline": step("decline"),
        "review": step("decline", comment="信息量不足"),
        "place": step("adopt", section="各地动态", issue=issue),
        "edit": lambda actor, sub: actions.submission_update(
            actor=actor, submission=sub, title="改过的标题", body="改过的正文。"
        ),
    }


def test_submission_abilities_agree_with_the_actions(actors, submissions, draft_issue):
    assert_abilities_agree(
        actors=actors,
        records=submissions,
        abilities=submission_abilities,
        attempts=submission_attempts(draft_issue),
    )


SUBMISSION_BUTTONS = {
    "submit": 'value="submit"',
    "withdraw": 'value="withdraw"',
    "adopt": 'value="adopt"',
    "return": 'value="return"',
    "decline": 'value="decline"',
    "review": "<h2>审稿</h2>",
    "place": 'name="issue"',
}


def test_the_submission_page_shows_exactly_the_offered_buttons(actors, submissions, draft_issue, login):
    assert_pages_offer(
        login=login, actors=actors, records=submissions, url=lambda sub: f"/bulletin/submissions/{sub.pk}/",
        abilities=submission_abilities,
        buttons=lambda sub: {**SUBMISSION_BUTTONS, "edit": f"/bulletin/submissions/{sub.pk}/edit/"},
    )  # fmt: skip


def test_an_approver_above_reviews_but_is_not_offered_the_writers_withdraw(tree, actors, bulletin, login):
    approver = dict(actors)["city_approver"]
    sub = make_submission(tree.street, bulletin)
    page = login(approver).get(f"/bulletin/submissions/{sub.pk}/").content.decode()
    assert "采用" in page and 'value="withdraw"' not in page and "撤回" not in page
    assert sorted(submission_abilities(approver, sub)) == ["adopt", "decline", "return", "review"]


def test_a_form_for_an_item_that_may_not_change_is_refused_before_it_is_shown(
    tree, personas, bulletin, login
):
    sub = make_submission(tree.street, bulletin)  # submitted: the text is fixed while it is reviewed
    client = login(personas.street)
    assert client.get(f"/bulletin/submissions/{sub.pk}/edit/").status_code == 403
    actions.submission_transition(actor=personas.street, submission=sub, action="withdraw")
    assert client.get(f"/bulletin/submissions/{sub.pk}/edit/").status_code == 200


# --- issues ------------------------------------------------------------------------------

TEXT = "3月21日，广东省总工会召开十二届六次全委会，选举黄业斌为省总工会主席。"


@pytest.fixture
def issues(bulletin):
    empty = make_issue(bulletin, number=1)
    compiled = make_issue(bulletin, number=2)
    actions.article_create(actor=None, issue=compiled, section="各地动态", title="全委会", body=TEXT)
    published = make_issue(bulletin, number=3)
    actions.article_create(actor=None, issue=published, section="各地动态", title="全委会", body=TEXT)
    actions.issue_publish(actor=None, issue=published)
    return [empty, compiled, published]


def _decide_a_fact(actor, issue):
    # A draft has no facts yet: DoesNotExist, which the kit counts as refused.
    fact = FactSuggestion.objects.filter(article__issue=issue, status="suggested").earliest("pk")
    return actions.fact_decide(actor=actor, fact=fact, decision="accept")


ISSUE_ATTEMPTS = {
    "publish": lambda actor, issue: actions.issue_publish(actor=actor, issue=issue),
    "edit": lambda actor, issue: actions.article_create(
        actor=actor, issue=issue, section="各地动态", title="新文章", body="正文。"
    ),
    "add_adopted": lambda actor, issue: actions.issue_add_adopted(actor=actor, issue=issue),
    "delete": lambda actor, issue: actions.issue_delete(actor=actor, issue=issue),
    "facts": _decide_a_fact,
}


def test_issue_abilities_agree_with_the_actions(actors, issues):
    assert_abilities_agree(actors=actors, records=issues, abilities=issue_abilities, attempts=ISSUE_ATTEMPTS)


def test_the_issue_page_shows_exactly_the_offered_buttons(tree, actors, bulletin, issues, login):
    sub = make_submission(tree.street, bulletin)
    actions.submission_transition(actor=None, submission=sub, action="adopt", section="各地动态")
    assert_pages_offer(
        login=login, actors=actors, records=issues, url=lambda issue: f"/bulletin/issues/{issue.pk}/",
        abilities=issue_abilities,
        buttons=lambda issue: {
            doing: f"/bulletin/issues/{issue.pk}/{path}/"
            for doing, path in (("edit", "edit"), ("add_adopted", "adopted"), ("publish", "publish"),
                                ("delete", "delete"), ("facts", "facts"))
        },
    )  # fmt: skip


def test_an_issue_without_articles_is_not_offered_for_sign_off(personas, issues, login):
    empty, compiled, _published = map(fresh, issues)
    assert "publish" not in issue_abilities(personas.province, empty)
    assert "publish" in issue_abilities(personas.province, compiled)
    r = login(personas.province).post(f"/bulletin/issues/{empty.pk}/publish/")
    assert r.status_code == 422 and "本期还没有文章" in r.content.decode()
    assert Issue.objects.get(pk=empty.pk).is_draft


# --- facts -------------------------------------------------------------------------------


@pytest.fixture
def facts(issues):
    published = issues[2]
    suggested, accepted, dismissed = FactSuggestion.objects.filter(article__issue=published).order_by("pk")[
        :3
    ]
    actions.fact_decide(actor=None, fact=accepted, decision="accept")
    actions.fact_decide(actor=None, fact=dismissed, decision="dismiss")
    return [suggested, accepted, dismissed]


FACT_ATTEMPTS = {
    "accept": lambda actor, f: actions.fact_decide(actor=actor, fact=f, decision="accept"),
    "dismiss": lambda actor, f: actions.fact_decide(actor=actor, fact=f, decision="dismiss"),
}


def test_fact_abilities_agree_with_the_actions(actors, facts):
    assert_abilities_agree(actors=actors, records=facts, abilities=fact_abilities, attempts=FACT_ATTEMPTS)


def test_each_fact_row_shows_exactly_the_offered_buttons(actors, facts, login):
    issue_id = facts[0].article.issue_id
    for name, user in actors:
        r = login(user).get(f"/bulletin/issues/{issue_id}/facts/?status=all")
        if r.status_code == 403:
            continue
        assert r.status_code == 200, name
        page = r.content.decode()
        for fact in map(fresh, facts):
            row = re.search(rf'<tr id="fact-{fact.pk}">.*?</tr>', page, re.S)
            assert row is not None, (name, fact)
            assert_page_offers(
                row[0], fact_abilities(user, fact), {"accept": 'value="accept"', "dismiss": 'value="dismiss"'}
            )


# --- publications and unions -------------------------------------------------------------


@pytest.fixture
def bulletins(tree, bulletin):
    return [bulletin, make_bulletin(tree.guangzhou, "广州工会信息"), make_bulletin(tree.street, "赤岗简报")]


BULLETIN_ATTEMPTS = {
    "create_issue": lambda actor, b: actions.issue_create(
        actor=actor, bulletin=b, number=9, date=dt.date(2026, 1, 5)
    ),
    "import_issue": lambda actor, b: actions.issue_import(
        actor=actor, bulletin=b, number=9, date=dt.date(2026, 1, 5), data=SEED.read_bytes()
    ),
}


def test_bulletin_abilities_agree_with_the_actions(actors, bulletins):
    assert_abilities_agree(
        actors=actors, records=bulletins, abilities=bulletin_abilities, attempts=BULLETIN_ATTEMPTS
    )


def test_the_editorial_page_is_offered_exactly_to_those_who_may_open_it(actors, bulletins, login):
    for name, user in actors:
        client = login(user)
        index = client.get("/bulletin/").content.decode()
        for b in bulletins:
            ab = bulletin_abilities(user, b)
            r = client.get(f"/bulletin/{b.pk}/")
            assert (r.status_code == 200) == ab.editorial, (name, b)
            if f"《{b.name}》" in index:  # the publications the person reads are listed
                assert_page_offers(index, ab, {"editorial": f'href="/bulletin/{b.pk}/"'})
            if r.status_code == 200:
                assert_page_offers(
                    r.content.decode(),
                    ab,
                    {
                        "create_issue": f"/bulletin/{b.pk}/issues/new/",
                        "import_issue": f"/bulletin/{b.pk}/import/",
                    },
                )


def _submit_for(actor, org):
    from gonghui.bulletin import selectors

    above = selectors.bulletins_to_submit_to(org)
    if not above:
        from gonghui.kernel.errors import Refused

        raise Refused("上级工会没有刊物")
    return actions.submission_create(actor=actor, org=org, bulletin=above[0], title="标题", body="正文。")


UNION_ATTEMPTS = {
    "submit": _submit_for,
    "create_bulletin": lambda actor, org: actions.bulletin_create(actor=actor, org=org, name="新刊物"),
    "export_stats": lambda actor, org: actions.adoption_report_export(
        actor=actor, report=stats.adoption_report(actor=actor, org=org, year=2026)
    ),
}


def test_union_abilities_agree_with_the_actions(tree, actors, bulletin):
    from gonghui.orgs.actions import org_dissolve

    org_dissolve(actor=None, org=tree.sibling_grassroots, reason="企业关闭")
    tree.sibling_grassroots.refresh_from_db()
    records = [
        tree.province,
        tree.guangzhou,
        tree.street,
        tree.grassroots,
        tree.sibling_grassroots,
        tree.luohu,
    ]
    assert_abilities_agree(actors=actors, records=records, abilities=union_abilities, attempts=UNION_ATTEMPTS)


def test_the_lists_offer_submitting_exactly_to_those_who_write_for_a_union(actors, bulletin, login):
    for name, user in actors:
        client = login(user)
        offered = desk_abilities(user)
        for url in ("/bulletin/", "/bulletin/submissions/"):
            r = client.get(url)
            assert r.status_code == 200, (name, url)
            assert_page_offers(r.content.decode(), offered, {"submit": 'href="/bulletin/submit/"'})
        assert (client.get("/bulletin/submit/").status_code != 403) == offered.submit, name


def test_the_statistics_page_offers_the_export(tree, actors, bulletin, login):
    for _name, user in actors:
        r = login(user).get("/bulletin/stats/")
        if r.status_code == 403:
            continue
        report_org = r.context["report"].org
        assert_page_offers(r.content.decode(), union_abilities(user, report_org), {"export_stats": "/xlsx/"})
