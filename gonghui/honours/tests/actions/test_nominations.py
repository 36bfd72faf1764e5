"""A nomination climbs from its union through the unions holding places to the one that opened
the round, within their places and the round's conditions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from gonghui.core.models import AuditEntry
from gonghui.honours import actions
from gonghui.honours.models import NominationState, Review
from gonghui.kernel.errors import Refused

from ..factories import climb, make_round, nominate


def test_a_nomination_goes_to_the_first_union_above_holding_places(tree, personas, round):
    nomination = nominate(round, tree.grassroots, actor=personas.grassroots)
    assert nomination.state == NominationState.REVIEWING
    assert nomination.at == tree.haizhu  # the street holds no places: it does not review


def test_the_district_passes_it_to_the_city_and_the_city_selects_it(tree, personas, round):
    nomination = nominate(round, tree.grassroots, actor=personas.grassroots)
    nomination = actions.nomination_recommend(
        actor=personas.district, nomination=nomination, comment="同意推荐"
    )
    assert nomination.at == tree.guangzhou
    nomination = actions.nomination_select(actor=personas.city, nomination=nomination)
    assert nomination.state == NominationState.SELECTED
    assert [(r.org, r.decision) for r in Review.objects.filter(nomination=nomination)] == [
        (tree.haizhu, "推荐"),
        (tree.guangzhou, "确定拟表彰"),
    ]
    assert AuditEntry.objects.filter(action="honours.nomination.recommend", org=tree.haizhu).exists()


def test_a_union_cannot_review_its_own_nomination_nor_one_waiting_above(tree, personas, round):
    nomination = nominate(round, tree.grassroots, actor=personas.grassroots)
    with pytest.raises(PermissionDenied):
        actions.nomination_recommend(actor=personas.grassroots, nomination=nomination)
    with pytest.raises(PermissionDenied):
        actions.nomination_recommend(actor=personas.sibling, nomination=nomination)


def test_over_its_places_a_union_is_refused_with_the_reason(tree, personas, round):
    first, second, third = (nominate(round, tree.grassroots, name) for name in ("陈建华", "李秀英", "王志强"))
    actions.nomination_recommend(actor=personas.district, nomination=first)
    actions.nomination_recommend(actor=personas.district, nomination=second)
    with pytest.raises(Refused, match="「广州市海珠区总工会」的名额为2名，已推荐2名，不能再推荐。"):
        actions.nomination_recommend(actor=personas.district, nomination=third)


def test_a_nomination_turned_down_above_gives_its_place_back(tree, personas, round):
    first, second, third = (nominate(round, tree.grassroots, name) for name in ("陈建华", "李秀英", "王志强"))
    actions.nomination_recommend(actor=personas.district, nomination=first)
    first = actions.nomination_recommend(actor=personas.district, nomination=second)
    actions.nomination_reject(actor=personas.city, nomination=first, reason="事迹材料不够突出")
    third = actions.nomination_recommend(actor=personas.district, nomination=third)
    assert third.at == tree.guangzhou


def test_the_round_places_bound_the_selection(tree, personas):
    round = make_round(tree.guangzhou, places=1)
    one, two = (climb(nominate(round, tree.grassroots, name)) if i == 0 else nominate(round, tree.grassroots, name)
                for i, name in enumerate(("陈建华", "李秀英")))  # fmt: skip
    assert one.state == NominationState.SELECTED
    assert two.at == tree.guangzhou  # no union holds places between: straight to the city
    with pytest.raises(Refused, match="「广州市总工会」的名额为1名，已推荐1名"):
        actions.nomination_select(actor=personas.city, nomination=two)


def test_the_frontline_share_is_kept_at_every_union(tree, personas):
    round = make_round(tree.guangzhou, places=5, frontline_min_pct=80)
    actions.quota_set(actor=None, round=round, org=tree.haizhu, places=2)
    boss = nominate(round, tree.grassroots, "黄总", frontline=False, job="总经理")
    # 2 places, at least 80% frontline: not one may go to anyone else.
    with pytest.raises(
        Refused, match="一线职工比例不低于80%：「广州市海珠区总工会」的2个名额中非一线人员最多0名"
    ):
        actions.nomination_recommend(actor=personas.district, nomination=boss)


def test_no_more_leaders_than_the_round_allows(tree, personas):
    round = make_round(tree.guangzhou, places=5, leaders_max=1)
    first = climb(nominate(round, tree.grassroots, "黄总", leader=True))
    assert first.state == NominationState.SELECTED
    second = nominate(round, tree.sibling_grassroots, "林总", leader=True)
    with pytest.raises(Refused, match="企业负责人不超过1名"):
        actions.nomination_select(actor=personas.city, nomination=second)


def test_the_same_member_cannot_be_nominated_twice_in_a_round(tree, personas, round):
    from gonghui.members.tests.conftest import make_member

    member = make_member(tree.grassroots, "陈建华")
    nominate(round, tree.grassroots, member=member)
    with pytest.raises(Refused, match="已在本次评选中被推荐"):
        nominate(round, tree.grassroots, member=member)


def test_a_union_outside_the_round_cannot_nominate(tree, personas):
    round = make_round(tree.shenzhen)
    with pytest.raises(Refused, match="不在「深圳市总工会」之下"):
        nominate(round, tree.grassroots, actor=personas.grassroots)


def test_sent_back_it_can_be_corrected_and_submitted_again(tree, personas, round):
    nomination = nominate(round, tree.grassroots, actor=personas.grassroots)
    nomination = actions.nomination_send_back(
        actor=personas.district, nomination=nomination, reason="请补充事迹"
    )
    assert (nomination.state, nomination.at, nomination.reason) == (NominationState.DRAFT, None, "请补充事迹")
    actions.nomination_update(actor=personas.grassroots, nomination=nomination, name="陈建华", sex="男",
                              unit="广州某某机械有限公司", deeds="补充后的事迹。", frontline=True)  # fmt: skip
    nomination = actions.nomination_submit(actor=personas.grassroots, nomination=nomination)
    assert nomination.at == tree.haizhu


def test_nominations_close_on_the_deadline(tree, personas, round):
    import datetime as dt

    from gonghui.honours.models import Round

    nomination = nominate(round, tree.grassroots, submit=False)
    Round.objects.filter(pk=round.pk).update(nominate_until=dt.date(2020, 1, 1))
    with pytest.raises(Refused, match="推荐已于2020年1月1日截止"):
        actions.nomination_submit(actor=personas.grassroots, nomination=nomination)


def test_a_national_medal_is_selected_by_the_province_from_the_cities_candidates(tree):
    from gonghui.honours.abilities import round_abilities

    with pytest.raises(Refused, match="由省总工会组织评选"):
        make_round(tree.guangzhou, kind_name="全国五一劳动奖章")
    round = make_round(tree.province, kind_name="全国五一劳动奖章")
    with pytest.raises(Refused, match="只能由市总工会、省产业工会及以上工会推荐"):
        nominate(round, tree.grassroots, "陈建华")
    assert not round_abilities(None, round, org=tree.grassroots).nominate
    assert round_abilities(None, round, org=tree.guangzhou).nominate
    assert nominate(round, tree.guangzhou, "陈建华").state == "reviewing"
