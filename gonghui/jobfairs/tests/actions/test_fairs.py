from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.core.models import AuditEntry
from gonghui.jobfairs import actions
from gonghui.jobfairs.models import FairState

from ..factories import make_fair, today


def test_a_city_clerk_registers_and_publishes_a_fair(tree, personas):
    fair = make_fair(tree.guangzhou, actor=personas.city, title="春风行动广州站")
    assert fair.state == FairState.OPEN
    assert AuditEntry.objects.filter(action="jobfairs.fair.create", org=tree.guangzhou).exists()
    assert AuditEntry.objects.filter(action="jobfairs.fair.publish", object_id=str(fair.pk)).exists()


def test_a_fair_without_a_place_is_refused_unless_it_is_online(tree):
    with pytest.raises(ValidationError) as exc:
        actions.fair_create(actor=None, org=tree.guangzhou, title="招聘会", held_on=today())
    assert "地点" in str(exc.value)
    online = actions.fair_create(
        actor=None, org=tree.guangzhou, title="网络招聘会", held_on=today(), online=True
    )
    assert online.where == "网上"


def test_a_sibling_street_cannot_hold_a_fair_for_the_city(tree, personas):
    with pytest.raises(PermissionDenied):
        make_fair(tree.guangzhou, actor=personas.sibling)


def test_a_venue_is_in_the_same_city_under_the_main_fair(tree, personas):
    main = make_fair(tree.guangzhou, actor=personas.city)
    venue = make_fair(tree.haizhu, actor=personas.city, parent=main, title="海珠分会场", division="440105")
    assert venue.parent == main
    with pytest.raises(ValidationError, match="同一城市"):
        make_fair(tree.haizhu, actor=personas.city, parent=main, title="深圳分会场", division="440303")
    with pytest.raises(ValidationError, match="不能再设分会场"):
        make_fair(tree.street, actor=personas.city, parent=venue, title="再分")
    with pytest.raises(ValidationError, match="下级工会"):
        make_fair(tree.luohu, actor=personas.province, parent=main, title="罗湖", division="440303")


def test_the_district_clerk_cannot_open_a_venue_of_the_city_fair(tree, personas):
    main = make_fair(tree.guangzhou, actor=personas.city)
    with pytest.raises(PermissionDenied):
        make_fair(tree.haizhu, actor=personas.district, parent=main, title="海珠分会场")


def test_close_and_cancel_follow_the_workflow(tree):
    fair = make_fair(tree.guangzhou)
    fair = actions.fair_close(actor=None, fair=fair)
    assert fair.state == FairState.CLOSED
    with pytest.raises(ValidationError):
        actions.fair_cancel(actor=None, fair=fair)


def test_an_end_date_before_the_start_is_refused(tree):
    with pytest.raises(ValidationError, match="结束日期"):
        make_fair(tree.guangzhou, ends_on=today() - dt.timedelta(days=1))
