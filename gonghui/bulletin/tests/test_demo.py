"""The bulletin's demo data, on the demo federation."""

from __future__ import annotations

from gonghui.bulletin.demo import bulletin_demo_load
from gonghui.bulletin.models import Bulletin, Issue, Submission


def test_demo_bulletin_has_the_seed_issue_and_submissions_in_every_state(demo_federation):
    bulletin = Bulletin.objects.get()
    assert str(bulletin) == "广东省总工会《工作简报》"
    seed = Issue.objects.get(bulletin=bulletin, year=2013, number=3)
    assert seed.is_published and seed.articles.count() == 29
    assert seed.articles.filter(facts__matched_org__name="茂名市总工会").exists()
    states = set(Submission.objects.values_list("status", flat=True))
    assert states == {"draft", "submitted", "adopted", "returned", "declined"}
    draft = Issue.objects.get(bulletin=bulletin, status="draft")
    assert draft.articles.count() == Submission.objects.filter(status="adopted").count() == 3
    adopted = Submission.objects.get(title="赤岗街道举办“春风行动”专场招聘会")
    assert adopted.reviewed_by.username == "city_admin" and adopted.created_by.username == "street_officer"
    assert bulletin_demo_load(progress=lambda _m: None) is None  # once only
    assert Bulletin.objects.count() == 1
