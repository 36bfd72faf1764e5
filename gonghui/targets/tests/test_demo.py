from gonghui.targets.circular import monthly_circular
from gonghui.targets.demo import targets_demo_load
from gonghui.targets.models import Competition, Flag, Indicator, Publication, Report, Target
from gonghui.targets.selectors import late_list_for_actor, public_page


def test_demo_targets_follow_the_seed_and_load_once(demo_federation):
    assert Target.objects.count() > 111
    assert targets_demo_load(progress=lambda s: None) == 0  # once only

    jieyang = Target.objects.filter(org__name="揭阳市总工会", year=2013)
    assert Indicator.objects.filter(org__name="揭阳市总工会").count() == 101 == jieyang.count()
    assert all(t.owner_name for t in jieyang)
    assert Report.objects.filter(target__in=jieyang, month=2).exists()
    assert Report.objects.filter(target__org__parent__name="揭阳市总工会", late=True).exists()
    assert jieyang.filter(flag=Flag.RED).exists()
    city = jieyang.first().org  # type: ignore[union-attr]
    assert late_list_for_actor(actor=None, within=city, year=2013)
    members = jieyang.get(indicator__name="新发展工会会员")
    assert members.children.count() == 5 and sum(c.value for c in members.children.all()) == members.value
    assert members.reports.get(month=2).value == sum(
        r.value for r in Report.objects.filter(target__parent=members, month=2)
    )
    circular = monthly_circular(actor=None, org=city, year=2013, month=2)
    assert len(circular.sections) == 3 and len(circular.sections[0].rows) == 5

    maoming = Target.objects.filter(org__name="茂名市总工会", indicator__category="民生实事")
    assert maoming.count() == 10 and maoming.get(indicator__name="家政服务员免费培训").value == 1000
    assert all(t.public for t in maoming)
    page = Publication.objects.get(org__name="茂名市总工会")
    assert page.active and public_page(page.token)[2][0].target.indicator.name == "每季度帮扶困难职工家庭"
    contest = Competition.objects.get(org__name="佛山市总工会")
    assert contest.state == "closed" and contest.entrants.filter(award="first").count() >= 1
    assert contest.entrants.order_by("rank").first().total == max(e.total for e in contest.entrants.all())
    zhanjiang = Target.objects.filter(org__parent__name="湛江市总工会", indicator__source="units.union_rate")
    assert zhanjiang.exists() and all(t.reports.filter(origin="computed").exists() for t in zhanjiang)
