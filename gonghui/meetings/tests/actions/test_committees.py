from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.core.models import AuditEntry
from gonghui.meetings import actions
from gonghui.meetings.models import Committee, Post, Seat
from gonghui.meetings.selectors import roster_on, rules_for_org

from ..factories import make_committee


def test_a_new_term_ends_the_previous_one_and_its_seats(tree, personas, committee):
    actions.committee_create(actor=personas.city, org=tree.guangzhou, kind="committee", term=18,
                             starts_on=dt.date(2017, 12, 1))  # fmt: skip
    committee.refresh_from_db()
    assert committee.ends_on == dt.date(2017, 12, 1)
    assert committee.seats.filter(left_on__isnull=True).count() == 0
    assert set(committee.seats.values_list("left_why", flat=True)) == {"term_ended"}
    assert len(roster_on(committee, dt.date(2017, 11, 30))) == 12
    assert roster_on(committee, dt.date(2017, 12, 1)) == []


def test_the_same_term_twice_is_refused_in_chinese(tree, personas, committee):
    with pytest.raises(ValidationError, match="已登记第十七届委员会"):
        actions.committee_create(actor=personas.city, org=tree.guangzhou, kind="committee", term=17,
                                 starts_on=dt.date(2013, 1, 1))  # fmt: skip
    assert Committee.objects.filter(org=tree.guangzhou).count() == 1


def test_a_sibling_street_cannot_create_a_committee_for_another_street(tree, personas):
    with pytest.raises(PermissionDenied):
        actions.committee_create(actor=personas.sibling, org=tree.street, kind="committee", term=1,
                                 starts_on=dt.date(2012, 1, 1))  # fmt: skip
    assert not Committee.objects.exists()


def test_registering_a_roster_is_all_or_nothing(tree, personas, committee):
    before = Seat.objects.count()
    people = [actions.SeatIn("新委员甲", Post.MEMBER), actions.SeatIn("新主席", Post.CHAIR)]
    with pytest.raises(ValidationError) as exc:
        actions.seats_register(
            actor=personas.city, committee=committee, people=people, on=dt.date(2013, 1, 5)
        )
    assert "第2行（新主席）" in str(exc.value) and "主席现由赵小穗担任" in str(exc.value)
    assert Seat.objects.count() == before


def test_a_committee_has_only_its_own_posts(tree, personas, committee):
    with pytest.raises(ValidationError, match="委员会的职务只能是"):
        actions.seats_register(actor=personas.city, committee=committee,
                               people=[actions.SeatIn("某人", Post.AUDIT_MEMBER)], on=dt.date(2013, 1, 5))  # fmt: skip


def test_seats_beyond_the_planned_number_are_refused(tree, personas, committee):
    people = [actions.SeatIn(f"增员{i}", Post.MEMBER) for i in range(4)]
    with pytest.raises(ValidationError, match="委员名额为15人，现有15人，已满"):
        actions.seats_register(
            actor=personas.city, committee=committee, people=people, on=dt.date(2013, 1, 5)
        )


def test_the_roster_at_a_past_date_shows_who_sat_then(tree, personas, committee):
    seat = committee.seats.exclude(post=Post.CHAIR).first()
    actions.seat_end(
        actor=personas.city, seat=seat, on=dt.date(2013, 6, 1), why="transferred", note="调往外地"
    )
    assert seat.name in {s.name for s in roster_on(committee, dt.date(2013, 5, 31))}
    assert seat.name not in {s.name for s in roster_on(committee, dt.date(2013, 6, 1))}
    assert AuditEntry.objects.filter(action="meetings.seat.end", org=tree.guangzhou).exists()
    with pytest.raises(ValidationError, match="已于2013-06-01离任"):
        actions.seat_end(actor=personas.city, seat=seat, on=dt.date(2013, 7, 1), why="resigned")


def test_leaving_before_joining_is_refused(tree, personas, committee):
    seat = committee.seats.first()
    with pytest.raises(ValidationError, match="离任日期不能早于任职日期"):
        actions.seat_end(actor=personas.city, seat=seat, on=dt.date(2012, 1, 1), why="resigned")
    seat.refresh_from_db()
    assert seat.left_on is None


def test_rules_set_by_the_province_hold_below_until_a_union_sets_its_own(tree, personas):
    assert rules_for_org(tree.street).quorum_label == "出席人数不少于应到会人数的2/3"
    actions.rules_set(actor=personas.province, org=tree.province, quorum_num=3, quorum_den=4,
                      majority_basis="present")  # fmt: skip
    rules = rules_for_org(tree.street)
    assert (rules.quorum_num, rules.quorum_den, rules.majority_basis) == (3, 4, "present")
    assert rules.source == "广东省总工会设定"
    actions.rules_set(
        actor=personas.street, org=tree.street, quorum_num=2, quorum_den=3, majority_basis="expected"
    )
    assert rules_for_org(tree.grassroots).source == "赤岗街道总工会设定"
    with pytest.raises(ValidationError, match="不能少于应到会人数的半数"):
        actions.rules_set(actor=personas.street, org=tree.street, quorum_num=1, quorum_den=3,
                          majority_basis="expected")  # fmt: skip


def test_make_committee_factory_seats_everyone_on_the_first_day(tree):
    c = make_committee(tree.street, members=5, chair="林主席", starts_on=dt.date(2011, 3, 1))
    assert roster_on(c, dt.date(2011, 3, 1))[0].post == Post.CHAIR
    assert roster_on(c, dt.date(2011, 2, 28)) == []
