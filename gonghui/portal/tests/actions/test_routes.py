"""Trade → union routing as data: the area union's rows say which union takes the workers of a
trade without a fixed employer who live in the area."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from gonghui.conftest import make_org
from gonghui.core.models import AuditEntry
from gonghui.kernel.errors import Refused
from gonghui.orgs.actions import org_dissolve, org_merge
from gonghui.portal import actions
from gonghui.portal.abilities import trade_route_abilities
from gonghui.portal.models import Route, TradeRoute
from gonghui.tests.contract import assert_abilities_agree

from ..conftest import apply_values


def _rider(home, occupation="rider"):
    return actions.join_submit(
        actor=None, **apply_values(work="new_form", occupation=occupation, platform="美团", home=home)
    )


@pytest.fixture
def luohu_riders(tree):
    """罗湖: the district's street 东门街道 and the riders' union of the district."""
    dongmen = make_org(tree.luohu, "东门街道总工会", "town")
    union = make_org(dongmen, "深圳市罗湖区快递外卖骑手工会联合会", "grassroots", kind="joint")
    return dongmen, union


def test_a_rider_in_luohu_goes_to_the_union_the_table_names(tree, personas, luohu_riders):
    dongmen, union = luohu_riders
    officer = personas.province
    row = actions.trade_route_set(actor=officer, org=tree.luohu, occupation="rider", receiving=union,
                                  note="罗湖区骑手统一由骑手工会联合会接收")  # fmt: skip
    a = _rider(dongmen)
    assert (a.org, a.route) == (union, Route.INDUSTRY)
    entry = AuditEntry.objects.get(action="portal.trade_route.set")
    assert entry.detail == {"occupation": "外卖配送员", "receiving": union.name}
    # No row for couriers: they join the street union where they live, as floating members.
    courier = _rider(dongmen, "courier")
    assert (courier.org, courier.route) == (dongmen, Route.FLOATING)
    # The rows of 罗湖 do not reach 海珠's riders.
    elsewhere = _rider(tree.street)
    assert (elsewhere.org, elsewhere.route) == (tree.street, Route.FLOATING)
    assert row.receiving == union


def test_the_nearest_union_above_the_street_wins(tree, personas, luohu_riders):
    dongmen, union = luohu_riders
    city_union = make_org(tree.shenzhen, "深圳市快递行业工会联合会", "county")
    actions.trade_route_set(
        actor=personas.province, org=tree.shenzhen, occupation="rider", receiving=city_union
    )
    assert _rider(dongmen).org == city_union  # the city's row covers 罗湖
    actions.trade_route_set(actor=personas.province, org=tree.luohu, occupation="rider", receiving=union)
    assert _rider(dongmen).org == union  # the district's own row comes first
    # Setting the trade again changes the row (one a trade and area), audited with what it was.
    actions.trade_route_set(actor=personas.province, org=tree.luohu, occupation="rider", receiving=city_union)
    assert TradeRoute.objects.filter(org=tree.luohu).count() == 1
    assert AuditEntry.objects.filter(action="portal.trade_route.set", detail__before=union.name).exists()


def test_only_the_area_union_and_those_above_set_its_rows(tree, personas, riders_union):
    with pytest.raises(PermissionDenied):
        actions.trade_route_set(
            actor=personas.sibling, org=tree.haizhu, occupation="driver", receiving=riders_union
        )
    with pytest.raises(Refused) as exc:
        actions.trade_route_set(actor=personas.city, org=tree.haizhu, occupation="pilot", receiving=None)
    assert {"occupation", "receiving"} <= set(exc.value.message_dict)
    row = TradeRoute.objects.get(org=tree.haizhu)
    assert_abilities_agree(
        actors=personas.items(),
        records=[row],
        abilities=trade_route_abilities,
        attempts={
            "edit": lambda actor, r: actions.trade_route_set(
                actor=actor, org=r.org, occupation=r.occupation, receiving=r.receiving
            ),
            "remove": lambda actor, r: actions.trade_route_remove(actor=actor, route=r),
        },
    )


def test_removing_the_row_sends_the_trade_back_to_the_street(tree, personas, riders_union):
    assert _rider(tree.street).org == riders_union
    actions.trade_route_remove(actor=personas.city, route=TradeRoute.objects.get(org=tree.haizhu))
    a = _rider(tree.street)
    assert (a.org, a.route) == (tree.street, Route.FLOATING)
    assert AuditEntry.objects.filter(action="portal.trade_route.remove").exists()


def test_a_dissolved_receiving_union_is_not_routed_to(tree, riders_union):
    org_dissolve(actor=None, org=riders_union, reason="撤销")
    assert not TradeRoute.objects.filter(receiving=riders_union).exists()
    assert _rider(tree.street).route == Route.FLOATING


def test_rows_follow_a_merge(tree, riders_union):
    TradeRoute.objects.create(org=tree.street, occupation="driver", receiving=riders_union)
    org_merge(actor=None, source=tree.street, target=tree.sibling_street)
    assert TradeRoute.objects.get(occupation="driver").org == tree.sibling_street


def test_the_district_sets_a_route_from_its_page(client, tree, personas, login, riders_union):
    officer = login(personas.city)
    page = officer.get("/portal/trade-routes/", {"within": tree.haizhu.pk}).content.decode()
    assert riders_union.name in page and "外卖配送员" in page and "设定入会去向" in page
    form = officer.get("/portal/trade-routes/new/", {"org": tree.haizhu.pk}).content.decode()
    assert riders_union.name in form
    r = officer.post(
        f"/portal/trade-routes/new/?org={tree.haizhu.pk}",
        {"occupation": "courier", "receiving": riders_union.pk},
    )
    assert r.status_code == 302
    assert TradeRoute.objects.get(org=tree.haizhu, occupation="courier").receiving == riders_union
    bad = officer.post(f"/portal/trade-routes/new/?org={tree.haizhu.pk}", {"occupation": "", "receiving": ""})
    assert bad.status_code == 422 and "errorlist" in bad.content.decode()
    assert TradeRoute.objects.filter(org=tree.haizhu).count() == 2
    # Another street's officer sees no row of 海珠 and cannot change one.
    row = TradeRoute.objects.get(org=tree.haizhu, occupation="rider")
    sibling = login(personas.sibling)
    assert riders_union.name not in sibling.get("/portal/trade-routes/").content.decode()
    assert sibling.post(f"/portal/trade-routes/{row.pk}/remove/").status_code in (403, 404)
    assert TradeRoute.objects.filter(pk=row.pk).exists()
