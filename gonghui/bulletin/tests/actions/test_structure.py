"""The bulletin follows the tree: a merged union's items and publications go to the survivor, a
split keeps them with the sub-unions that move, and the adoption figures stay a recount."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.bulletin import actions, stats
from gonghui.bulletin.models import Article, Bulletin, Issue, Submission, SubmissionEvent, SubmissionPhoto
from gonghui.bulletin.tests.factories import make_bulletin, make_issue, make_submission, png
from gonghui.core.models import AuditEntry
from gonghui.orgs.actions import org_merge, org_split

YEAR = timezone.localdate().year


def figures(actor, org):
    """Each unit's (submitted, adopted) in the report, and the report's totals."""
    report = stats.adoption_report(actor=actor, org=org, year=YEAR)
    return {r.name: (r.submitted, r.adopted) for r in report.rows}, (report.submitted, report.adopted)


@pytest.fixture
def two_streets(tree, bulletin):
    """Both streets write for the province's bulletin and run a 《工作简报》 of their own, which
    their grassroots unions write for."""
    street_items = [
        make_submission(tree.street, bulletin, title="赤岗稿件"),
        make_submission(tree.street, bulletin, title="赤岗草稿", submit=False),
    ]
    actions.submission_transition(actor=None, submission=street_items[0], action="adopt", section="各地动态")
    sibling_items = [
        make_submission(tree.sibling_street, bulletin, title="新港稿件", photos=[png()]),
        make_submission(tree.sibling_street, bulletin, title="新港署名稿件", unit="新港街道总工会宣传部"),
        make_submission(tree.sibling_street, bulletin, title="新港退回稿件"),
    ]
    actions.submission_transition(actor=None, submission=sibling_items[0], action="adopt", section="工作交流")
    actions.submission_transition(actor=None, submission=sibling_items[2], action="return", comment="请补充")
    street_paper = make_bulletin(tree.street)
    sibling_paper = make_bulletin(tree.sibling_street)
    sibling_issue = make_issue(sibling_paper)
    from_below = make_submission(tree.sibling_grassroots, sibling_paper, title="社区来稿")
    return street_items, sibling_items, street_paper, sibling_paper, sibling_issue, from_below


def test_a_merged_unions_items_and_publications_hang_on_the_survivor(tree, personas, bulletin, two_streets):
    street_items, sibling_items, street_paper, sibling_paper, sibling_issue, from_below = two_streets
    before_units, before_totals = figures(personas.city, tree.haizhu)
    events = SubmissionEvent.objects.filter(submission__in=sibling_items).count()

    org_merge(actor=personas.city, source=tree.sibling_street, target=tree.street, on=dt.date.today())

    assert not Submission.objects.filter(org=tree.sibling_street).exists()
    assert Submission.objects.filter(org=tree.street).count() == len(street_items) + len(sibling_items)
    # Their history and photos go with them; the attribution stays the writer's.
    assert SubmissionEvent.objects.filter(submission__in=sibling_items).count() == events
    assert SubmissionPhoto.objects.get().submission_id == sibling_items[0].pk
    signed = {s.title: s.source for s in Submission.objects.filter(pk__in=[s.pk for s in sibling_items])}
    assert signed["新港稿件"].startswith("新港街道总工会") and signed["新港署名稿件"].startswith(
        "新港街道总工会宣传部"
    )
    # The publication moves with its issues; its name was taken at the survivor, so it is renamed.
    sibling_paper.refresh_from_db()
    assert (sibling_paper.org, sibling_paper.name) == (tree.street, "工作简报（原新港街道总工会）")
    assert Issue.objects.get(pk=sibling_issue.pk).bulletin.org == tree.street
    assert set(Bulletin.objects.filter(org=tree.street)) == {street_paper, sibling_paper}
    # The community union now under the survivor still writes for the moved publication.
    assert Submission.objects.get(pk=from_below.pk).bulletin == sibling_paper
    entry = AuditEntry.objects.get(action="bulletin.follow_merge")
    assert (entry.org_id, entry.detail["submissions"], entry.detail["bulletins"]) == (tree.street.pk, 3, 1)
    assert entry.detail["renamed"] == ["《工作简报》→《工作简报（原新港街道总工会）》"]
    # The figures are a recount: the district's totals do not change, the survivor's row holds both.
    after_units, after_totals = figures(personas.city, tree.haizhu)
    assert after_totals == before_totals
    assert after_units["赤岗街道总工会"] == tuple(
        map(sum, zip(before_units["赤岗街道总工会"], before_units["新港街道总工会"], strict=True))
    )
    assert "新港街道总工会" not in after_units
    assert tree.sibling_street.pk not in {
        o.pk for o in stats.adoption_report(actor=None, org=tree.haizhu, year=YEAR).silent
    }


def test_the_survivors_officers_take_over_the_merged_unions_items(tree, personas, bulletin, two_streets):
    _street, sibling_items, *_ = two_streets
    returned = sibling_items[2]
    org_merge(actor=None, source=tree.sibling_street, target=tree.street, on=dt.date.today())
    # The street's writers change and resend the returned item; the city reviews it.
    actions.submission_update(
        actor=personas.street, submission=returned, title="新港退回稿件", body="补充。", submit=True
    )
    actions.submission_transition(
        actor=personas.city, submission=returned, action="adopt", section="各地动态"
    )
    assert Submission.objects.get(pk=returned.pk).status == "adopted"


def test_a_merge_with_nothing_to_move_leaves_no_bulletin_row(tree):
    org_merge(actor=None, source=tree.luohu, target=tree.haizhu, on=dt.date.today())
    assert not AuditEntry.objects.filter(action="bulletin.follow_merge").exists()


def test_a_split_keeps_items_and_publications_with_the_sub_unions_that_move(
    tree, personas, bulletin, two_streets
):
    _street, sibling_items, _street_paper, sibling_paper, sibling_issue, from_below = two_streets
    before_units, before_totals = figures(personas.province, tree.guangzhou)
    new_district = org_split(
        actor=None,
        org=tree.haizhu,
        new_name="广州市新港区总工会",
        children=[tree.sibling_street],
        on=dt.date.today(),
    )
    # Nothing moved between unions: the sub-union kept its id and everything that hangs on it.
    assert set(Submission.objects.filter(org=tree.sibling_street)) == set(sibling_items)
    assert Bulletin.objects.get(pk=sibling_paper.pk).org == tree.sibling_street
    assert Submission.objects.get(pk=from_below.pk).org == tree.sibling_grassroots
    assert not AuditEntry.objects.filter(action="bulletin.follow_merge").exists()
    # The city's figures are a recount: the new district's row holds what the street wrote.
    after_units, after_totals = figures(personas.province, tree.guangzhou)
    assert after_totals == before_totals
    assert before_units["广州市海珠区总工会"] == (5, 2)  # 赤岗 1 of 1, 新港 1 of 3, 新港社区 0 of 1
    assert (after_units["广州市海珠区总工会"], after_units[new_district.name]) == ((1, 1), (4, 1))
    # The city still reviews the street's items under their new district.
    waiting = make_submission(tree.sibling_street, bulletin, title="分立后来稿")
    actions.submission_transition(actor=personas.city, submission=waiting, action="decline")
    assert Article.objects.count() == 0 and sibling_issue.pk
