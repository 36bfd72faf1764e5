import datetime as dt

from gonghui.core.models import AuditEntry
from gonghui.orgs.actions import org_merge
from gonghui.units.models import CollectiveContract, Unit, UnitVersion
from gonghui.units.report import two_universal_report

from ..factories import make_contract, make_unit


def test_units_and_contracts_follow_a_merge(tree, personas):
    covered = make_unit(tree.sibling_street, "新港甲厂", 200, covering=tree.sibling_grassroots)
    listed = make_unit(tree.sibling_street, "新港乙厂", 40)
    make_contract(tree.sibling_street, [covered, listed], kind="regional", workers=200)
    org_merge(actor=personas.city, source=tree.sibling_street, target=tree.street, on=dt.date(2014, 1, 1))
    listed.refresh_from_db()
    covered.refresh_from_db()
    assert listed.registered_org == tree.street == listed.org
    # The covering union moved under the target with its parent; it still covers the unit.
    assert covered.covering_org == tree.sibling_grassroots and covered.registered_org == tree.street
    assert CollectiveContract.objects.get().org == tree.street
    assert UnitVersion.objects.filter(unit=listed, valid_from=dt.date(2014, 1, 1), org=tree.street).exists()
    assert AuditEntry.objects.get(action="unit.follow_merge").detail["units"] == 2
    report = two_universal_report(actor=personas.district, org=tree.street, on=dt.date(2014, 6, 30))
    assert report.total.units == 2
    assert Unit.objects.filter(registered_org=tree.sibling_street).count() == 0
