from decimal import Decimal

from gonghui.assistance.demo import assistance_demo_load
from gonghui.assistance.models import Application, Batch, Fund, Household, SubsistenceLine


def test_demo_assistance_loads_once_with_funds_files_and_a_batch(demo_federation):
    assert Household.objects.count() > 40
    assert assistance_demo_load(progress=lambda s: None) == 0  # once only
    assert SubsistenceLine.objects.filter(division="440900").count() == 2
    streets = Fund.objects.filter(org__name__in=["赤岗街道总工会", "新港街道总工会"])
    assert sum(f.balance for f in streets) <= Decimal("500000") and streets.count() == 2
    haizhu = Fund.objects.get(org__name="广州市海珠区总工会")
    assert haizhu.balance == Decimal("300000.00")
    batch = Batch.objects.get()
    assert batch.state == "approved" and batch.lines.count() >= 30
    assert Application.objects.filter(state="submitted", approver__name="广州市海珠区总工会").exists()
    assert Household.objects.filter(name="陈会员", member__isnull=False).exists()
