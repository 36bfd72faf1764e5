"""Care for model workers, innovation studios, and places allotted down the tree."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from gonghui.assistance.tests.exports import household_named
from gonghui.honours import actions, selectors
from gonghui.honours.models import Quota
from gonghui.kernel.errors import Refused
from gonghui.members.tests.conftest import make_member

from ..factories import kind, make_round


def _honour(org, name="陈建华", member=None, kind_name="市劳动模范"):  # type: ignore[no-untyped-def]
    return actions.honour_record(actor=None, org=org, kind=kind(kind_name), name=name, unit="佛山某陶瓷厂",
                                 awarded_on="2015-04-28", member=member)  # fmt: skip


def test_help_for_a_model_worker_in_hardship_goes_under_their_hardship_file(tree, personas):
    member = make_member(tree.grassroots, "陈建华")
    honour = _honour(tree.grassroots, member=member)
    with pytest.raises(Refused, match="须关联其困难职工档案"):
        actions.care_record(actor=personas.street, org=tree.street, honour=honour, kind="hardship", on="2026-01-20",
                            amount="1000")  # fmt: skip
    household = household_named(tree.grassroots, "陈建华")
    household.member = member
    household.save(update_fields=["member"])
    assert selectors.households_for(honour, actor=personas.street) == [household]
    care = actions.care_record(actor=personas.street, org=tree.street, honour=honour, kind="hardship",
                               on="2026-01-20", amount="1000", household=household)  # fmt: skip
    assert (care.household, care.amount) == (household, Decimal("1000.00"))


def test_another_persons_hardship_file_is_refused(tree):
    honour = _honour(tree.grassroots, member=make_member(tree.grassroots, "陈建华"))
    other = household_named(tree.grassroots, "李秀英")
    other.member = make_member(tree.grassroots, "李秀英")
    other.save(update_fields=["member"])
    with pytest.raises(Refused, match="不是陈建华的"):
        actions.care_record(actor=None, org=tree.grassroots, honour=honour, kind="hardship", on="2026-01-20",
                            household=other)  # fmt: skip


def test_the_list_of_model_workers_nobody_visited_this_year(tree, personas):
    visited = _honour(tree.grassroots, "陈建华")
    _honour(tree.grassroots, "李秀英")
    _honour(tree.grassroots, "王志强", kind_name="省五一劳动奖章")  # not a 劳模
    _honour(tree.luohu, "张深圳")  # not in the city's subtree
    actions.care_record(
        actor=None, org=tree.haizhu, honour=visited, kind="visit", on="2026-01-20", amount="1000"
    )
    rows = selectors.unvisited(actor=personas.city, year=2026)
    assert [h.name for h in rows] == ["李秀英"]
    assert [h.name for h in selectors.unvisited(actor=personas.city, year=2025)] == ["李秀英", "陈建华"]


def test_a_union_cannot_give_care_to_a_model_worker_outside_its_subtree(tree, personas):
    honour = _honour(tree.sibling_grassroots)
    with pytest.raises(Refused, match="不在「赤岗街道总工会」之下"):
        actions.care_record(
            actor=personas.street, org=tree.street, honour=honour, kind="visit", on="2026-01-20"
        )


def test_a_studios_results_are_kept_per_year_and_counted_by_county(tree, personas):
    lead = _honour(tree.grassroots)
    studio = actions.studio_create(actor=personas.street, org=tree.street, name="陈建华劳模创新工作室", lead=lead,
                                   lead_name="", unit="佛山某陶瓷厂", field="陶瓷工艺", level="city",
                                   named_on="2021-05-01", members=12)  # fmt: skip
    assert studio.lead_name == "陈建华"
    actions.studio_year_set(actor=personas.street, studio=studio, year=2025, patents=3, improvements=8,
                            savings="1,200,000", trained=150)  # fmt: skip
    row = actions.studio_year_set(
        actor=personas.street, studio=studio, year=2025, patents=4, savings="1300000.50"
    )
    assert (row.patents, row.savings, studio.years.count()) == (4, Decimal("1300000.50"), 1)
    actions.studio_create(actor=None, org=tree.luohu, name="罗湖工作室", lead_name="张", unit="某厂", field="电子",
                          level="provincial", named_on="2022-05-01")  # fmt: skip
    counts = selectors.studios_by_county(actor=personas.province, within=tree.province)
    assert [(o.name, n) for o, n in counts] == [("广州市总工会", 1), ("深圳市总工会", 1)]


def test_places_are_allotted_down_the_tree_never_more_than_held(tree, personas):
    round = make_round(tree.province, places=5, kind_name="省劳动模范")
    actions.quota_set(actor=personas.province, round=round, org=tree.guangzhou, places=3)
    with pytest.raises(Refused, match="「广东省总工会」共有名额5名，已分配3名，最多还能分配2名"):
        actions.quota_set(actor=personas.province, round=round, org=tree.shenzhen, places=3)
    with pytest.raises(Refused, match="不在「广东省总工会」之下"):
        actions.quota_set(actor=None, round=round, org=tree.foreign_city, places=1)


def test_the_district_allots_its_places_on_to_its_streets(tree, personas):
    round = make_round(tree.guangzhou, places=5)
    actions.quota_set(actor=personas.city, round=round, org=tree.haizhu, places=3)
    actions.quota_set(actor=personas.district, round=round, org=tree.street, places=2)
    with pytest.raises(Refused, match="「广州市海珠区总工会」共有名额3名，已分配2名，最多还能分配1名"):
        actions.quota_set(actor=personas.district, round=round, org=tree.sibling_street, places=2)
    with pytest.raises(PermissionDenied):
        actions.quota_set(actor=personas.sibling, round=round, org=tree.grassroots, places=1)
    with pytest.raises(Refused, match="「赤岗街道总工会」共有名额2名"):
        actions.quota_set(actor=personas.street, round=round, org=tree.grassroots, places=3)
    actions.quota_set(actor=personas.street, round=round, org=tree.grassroots, places=1)
    assert Quota.objects.filter(round=round).count() == 3


def test_a_unions_own_kind_of_honour_is_not_for_another_branch(tree, personas):
    chief = actions.kind_create(actor=personas.province, org=tree.shenzhen, name="首席员工", level="city",
                                category="title", awarding_body="深圳市总工会")  # fmt: skip
    actions.honour_record(
        actor=None, org=tree.luohu, kind=chief, name="王深", unit="某厂", awarded_on="2013-01-15"
    )
    with pytest.raises(Refused, match="「首席员工」由深圳市总工会设立"):
        actions.honour_record(actor=None, org=tree.grassroots, kind=chief, name="陈建华", unit="某厂",
                              awarded_on="2013-01-15")  # fmt: skip
    with pytest.raises(Refused, match="已有荣誉种类「首席员工」"):
        actions.kind_create(actor=None, org=tree.shenzhen, name="首席员工", level="city", category="title",
                            awarding_body="深圳市总工会")  # fmt: skip
