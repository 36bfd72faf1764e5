"""Merge and split of unions carry rounds, places, nominations, honours and studios along."""

from __future__ import annotations

import datetime as dt

from gonghui.core.models import AuditEntry
from gonghui.honours import actions
from gonghui.honours.models import Care, Honour, Nomination, Quota, Studio
from gonghui.orgs.actions import org_merge
from gonghui.orgs.tests.factories import street_split_off

from .factories import kind, make_round, nominate

ON = dt.date(2026, 6, 1)


def _records(org, tree):  # type: ignore[no-untyped-def]
    honour = actions.honour_record(actor=None, org=org, kind=kind(), name=f"{org.name}劳模", unit="某厂",
                                   awarded_on="2020-04-28")  # fmt: skip
    actions.care_record(actor=None, org=org, honour=honour, kind="visit", on="2026-01-20", amount="1000")
    actions.studio_create(actor=None, org=org, name=f"{org.name}创新工作室", lead_name="陈建华", unit="某厂",
                          field="焊接", level="city", named_on="2021-05-01")  # fmt: skip


def test_a_merged_grassroots_unions_records_go_to_the_survivor(tree, personas):
    round = make_round(tree.guangzhou, places=5)
    ours = nominate(round, tree.grassroots, "陈建华")
    theirs = nominate(round, tree.sibling_grassroots, "李秀英")
    _records(tree.grassroots, tree)
    _records(tree.sibling_grassroots, tree)
    org_merge(actor=personas.province, source=tree.grassroots, target=tree.sibling_grassroots, on=ON)
    for model in (Honour, Care, Studio):
        assert not model.objects.filter(org=tree.grassroots).exists()
        assert model.objects.filter(org=tree.sibling_grassroots).count() == 2
    assert {n.org for n in Nomination.objects.filter(pk__in=[ours.pk, theirs.pk])} == {
        tree.sibling_grassroots
    }
    entry = AuditEntry.objects.get(action="honours.follow_merge")
    assert entry.org_id == tree.sibling_grassroots.pk and entry.detail["moved"] == 4


def test_places_of_two_merged_unions_are_added_and_waiting_nominations_follow(tree, personas):
    round = make_round(tree.guangzhou, places=6)
    actions.quota_set(actor=None, round=round, org=tree.haizhu, places=4)
    actions.quota_set(actor=None, round=round, org=tree.street, places=2)
    actions.quota_set(actor=None, round=round, org=tree.sibling_street, places=1)
    waiting = nominate(round, tree.grassroots, "陈建华")
    assert waiting.at == tree.street
    org_merge(actor=personas.province, source=tree.street, target=tree.sibling_street, on=ON)
    assert Quota.objects.get(round=round, org=tree.sibling_street).places == 3
    assert not Quota.objects.filter(org=tree.street).exists()
    waiting.refresh_from_db()
    assert waiting.at == tree.sibling_street
    # The survivor reviews it, within the places it now holds.
    assert actions.nomination_recommend(actor=personas.sibling, nomination=waiting).at == tree.haizhu


def test_a_split_leaves_every_record_on_its_union(tree, personas):
    round = make_round(tree.guangzhou, places=5)
    n = nominate(round, tree.grassroots, "陈建华")
    _records(tree.grassroots, tree)
    new = street_split_off(tree, on=ON)
    n.refresh_from_db()
    assert n.org == tree.grassroots
    assert Honour.objects.get(org=tree.grassroots).org.path.startswith(new.path)
