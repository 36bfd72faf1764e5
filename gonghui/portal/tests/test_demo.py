from gonghui.members.models import Member
from gonghui.portal.demo import portal_demo_load
from gonghui.portal.models import Card, HelpRequest, JoinApplication, Place, TradeRoute


def test_demo_portal_loads_once_with_joins_requests_places_and_cards(demo_federation):
    assert portal_demo_load(progress=lambda s: None) == 0  # once only
    bopu = JoinApplication.objects.filter(org__name="博铺镇外来工工会")
    assert bopu.count() == 3 and set(bopu.values_list("state", flat=True)) == {
        "approved",
        "returned",
        "submitted",
    }
    riders = JoinApplication.objects.filter(org__name="深圳市罗湖区快递外卖骑手工会联合会")
    assert riders.filter(state="approved").exists() and riders.filter(route="industry").count() == 3
    assert JoinApplication.objects.filter(org__name="东门街道总工会", route="floating").exists()  # 家政
    routes = TradeRoute.objects.filter(org__name="深圳市罗湖区总工会")
    assert {(r.occupation, r.receiving.name) for r in routes} == {
        ("rider", "深圳市罗湖区快递外卖骑手工会联合会"),
        ("courier", "深圳市罗湖区快递外卖骑手工会联合会"),
    }
    assert set(HelpRequest.objects.values_list("state", flat=True)) == set(HelpRequest.State.values)
    turned = HelpRequest.objects.get(state="hardship")
    assert turned.application.kind == "living" and turned.application.household.name == "陈会员"
    late = HelpRequest.objects.get(escalations=2)
    assert late.org.level == "county" and late.anonymous
    assert Place.objects.count() == 20
    assert set(Place.objects.values_list("division", flat=True)) <= {"440104", "440105", "440106", "440111",
                                                                       "440112", "440113", "442000"}  # fmt: skip
    holding = Member.objects.filter(status__in=["active", "retained"])
    assert Card.objects.count() == holding.count() > 50
