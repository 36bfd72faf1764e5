from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from gonghui.kernel.errors import Refused
from gonghui.portal import actions, selectors

PLACE = {"kind": "outdoor", "name": "海珠区赤岗户外劳动者服务站", "address": "广州市海珠区赤岗路1号",
         "lng": "113.3350", "lat": "23.0960", "hours": "全天开放", "services": "饮水、充电、休息"}  # fmt: skip


def test_an_officer_registers_a_place_in_scope_only(tree, personas):
    place = actions.place_register(actor=personas.street, org=tree.street, **PLACE)
    assert place.division == tree.street.division and place.service_list == ["饮水", "充电", "休息"]
    with pytest.raises(PermissionDenied):
        actions.place_register(actor=personas.sibling, org=tree.street, **PLACE)


def test_coordinates_outside_guangdong_or_not_numbers_are_refused(tree, personas):
    with pytest.raises(Refused) as exc:
        actions.place_register(
            actor=personas.street, org=tree.street, **{**PLACE, "lng": "23.09", "lat": "abc"}
        )
    assert {"lng", "lat"} <= set(exc.value.message_dict)
    assert "广东省范围内" in exc.value.message_dict["lng"][0]


def test_the_nearest_places_come_first_else_by_district(tree, personas):
    near = actions.place_register(actor=personas.street, org=tree.street, **PLACE)
    far = actions.place_register(actor=personas.province, org=tree.shenzhen, **{
        **PLACE, "name": "罗湖区东门职工之家", "kind": "home", "lng": "114.1200", "lat": "22.5480", "division": "440303"})  # fmt: skip
    found = selectors.places_near(lat=23.10, lng=113.33)
    assert [n.place for n in found][:2] == [near, far] and found[0].km < 2 < found[1].km
    assert [n.place for n in selectors.places_near(division="440303")] == [far]
    actions.place_close(actor=personas.province, place=far)
    assert far not in [n.place for n in selectors.places_near(lat=22.5, lng=114.1)]
