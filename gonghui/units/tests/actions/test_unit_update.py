import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.core.models import AuditEntry
from gonghui.units.actions import unit_close, unit_update
from gonghui.units.models import Unit, UnitVersion

from ..factories import make_unit


def test_head_counts_open_a_new_version_from_the_effective_date(tree, personas):
    unit = make_unit(tree.street, "赤岗甲厂", 100)
    unit_update(actor=personas.street, unit=unit, on=dt.date(2013, 7, 1), employees=120, address="赤岗路1号")
    versions = list(UnitVersion.objects.filter(unit=unit).order_by("valid_from").values_list(
        "employees", "valid_from", "valid_to"))  # fmt: skip
    assert versions == [(100, dt.date(2012, 1, 1), dt.date(2013, 7, 1)), (120, dt.date(2013, 7, 1), None)]
    entry = AuditEntry.objects.filter(action="unit.update").get()
    assert entry.detail["before"] == {"employees": 100, "address": ""}
    assert entry.detail["after"] == {"employees": 120, "address": "赤岗路1号"}
    # Same day again: the version is corrected in place, no zero-length period.
    unit_update(actor=personas.street, unit=unit, on=dt.date(2013, 7, 1), employees=125)
    assert UnitVersion.objects.filter(unit=unit).count() == 2


def test_an_effective_date_before_the_last_change_is_refused(tree, personas):
    unit = make_unit(tree.street, "赤岗甲厂", 100)
    unit_update(actor=personas.street, unit=unit, on=dt.date(2013, 7, 1), employees=120)
    with pytest.raises(ValidationError) as exc:
        unit_update(actor=personas.street, unit=unit, on=dt.date(2013, 1, 1), employees=90)
    assert "不能早于" in exc.value.message_dict["on"][0]
    assert Unit.objects.get(pk=unit.pk).employees == 120


def test_joining_a_union_moves_the_unit_under_it(tree, personas):
    unit = make_unit(tree.street, "赤岗甲厂", 100)
    unit_update(actor=personas.street, unit=unit, on=dt.date(2013, 3, 1), covering_org=tree.grassroots)
    unit.refresh_from_db()
    assert unit.org == tree.grassroots and unit.registered_org == tree.street
    # The joint union's officer now sees and edits it, but cannot take it off the street's ledger.
    unit_update(actor=personas.grassroots, unit=unit, employees=110, on=dt.date(2013, 6, 1))
    with pytest.raises(PermissionDenied):
        unit_update(actor=personas.grassroots, unit=unit, covering_org=None)
    unit_update(actor=personas.street, unit=unit, on=dt.date(2014, 1, 1), covering_org=None)
    unit.refresh_from_db()
    assert unit.org == tree.street and unit.covering_org is None


def test_sibling_street_cannot_touch_or_pull_a_unit(tree, personas):
    unit = make_unit(tree.street, "赤岗甲厂", 100)
    with pytest.raises(PermissionDenied):
        unit_update(actor=personas.sibling, unit=unit, employees=1)
    mine = make_unit(tree.sibling_street, "新港厂", 10)
    with pytest.raises(PermissionDenied):
        unit_update(actor=personas.sibling, unit=mine, registered_org=tree.street)
    assert Unit.objects.get(pk=unit.pk).employees == 100


def test_closing_a_unit_keeps_it_in_history(tree, personas):
    unit = make_unit(tree.street, "赤岗甲厂", 100)
    with pytest.raises(ValidationError) as exc:
        unit_close(actor=personas.street, unit=unit, reason=" ")
    assert exc.value.message_dict["reason"] == ["请填写注销原因。"]
    unit_close(actor=personas.street, unit=unit, reason="歇业", on=dt.date(2014, 2, 1))
    unit.refresh_from_db()
    assert unit.status == "closed" and unit.status_since == dt.date(2014, 2, 1)
    assert UnitVersion.objects.filter(unit=unit).order_by("-valid_from").first().status == "closed"
    with pytest.raises(ValidationError):
        unit_update(actor=personas.street, unit=unit, employees=1)
