from gonghui.honours.demo import honours_demo_load
from gonghui.honours.models import Care, Honour, Nomination, Round, Studio


def test_demo_honours_follow_the_seed_and_load_once(demo_federation):
    assert Honour.objects.count() > 60
    assert honours_demo_load(progress=lambda s: None) == 0  # once only

    assert Studio.objects.count() == 41 and Round.objects.filter(title="东莞市第八届劳动模范评选").exists()
    cui = Honour.objects.get(name="崔汉彬")
    assert cui.title == "全国五一劳动奖章" and Studio.objects.get(lead=cui).name == "崔汉彬劳动模范创新室"
    visits = Care.objects.filter(org__name="佛山市总工会", kind="visit")
    assert visits.count() == 8 and {str(c.amount) for c in visits} == {"1000.00"}
    assert Honour.objects.filter(title="十佳海嫂").count() == 10
    assert Honour.objects.get(title="市工人先锋号").collective
    assert Honour.objects.get(name="王玩龙").title == "市五一劳动奖章"
    waiting = Nomination.objects.get(name="陈建华")
    assert waiting.at.name == "广州市海珠区总工会"
