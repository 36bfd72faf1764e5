import datetime as dt

from gonghui.orgs.models import Org
from gonghui.units.demo import units_demo_load
from gonghui.units.models import CollectiveContract, Unit, UnitVersion
from gonghui.units.report import two_universal_report


def test_demo_units_load_once_and_report(demo_federation):
    # The units' demo registers its units by 2012 (a worker joining online may add one today).
    made = UnitVersion.objects.filter(valid_from__lte=dt.date(2012, 6, 30)).values("unit").distinct().count()
    assert made > 300
    assert units_demo_load(progress=lambda s: None) == 0  # once only
    assert CollectiveContract.objects.filter(kind="industry", title__contains="赤岗街道餐饮").exists()
    assert CollectiveContract.objects.filter(kind="regional", org__name="新港街道总工会").exists()
    assert Unit.objects.filter(covering_org__isnull=True, employees__gte=25).exists()
    province = Org.objects.get(name="广东省总工会")
    now = two_universal_report(actor=None, org=province, on=dt.date(2013, 6, 30))
    then = two_universal_report(actor=None, org=province, on=dt.date(2012, 6, 30))
    assert now.total.units == then.total.units == made
    assert 0 < then.total.built < now.total.built <= now.total.should
    assert now.total.contract_units > 0
    today = two_universal_report(actor=None, org=province, on=dt.date.today())
    assert today.total.contract_units > 0  # contracts were renewed for the current term
