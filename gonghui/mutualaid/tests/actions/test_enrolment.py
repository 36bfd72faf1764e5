"""Group enrolment: the group rule against the register, age, sex, the add-on, one share per
person, contributions and the start of cover."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from gonghui.core.models import AuditEntry
from gonghui.kernel import cleaning
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import InvalidTransition
from gonghui.mutualaid import actions, rules
from gonghui.mutualaid.models import Enrolment, Line
from gonghui.mutualaid.tests.factories import enrolment, paid_long_ago, plan, worker, workers

pytestmark = pytest.mark.django_db
YEAR = cleaning.today().year


def start(org, code="gd-medical"):
    return actions.enrolment_create(actor=None, org=org, plan=plan(code), year=YEAR)


def test_a_group_below_sixty_percent_is_refused_with_the_numbers_then_accepted_when_people_are_added(
    tree, personas
):
    people = workers(tree.grassroots, 20)
    e = start(tree.grassroots)
    actions.enrolment_add(actor=personas.grassroots, enrolment=e, members=people[:11], healthy_confirmed=True)
    with pytest.raises(InvalidTransition) as refused:
        actions.enrolment_submit(actor=personas.grassroots, enrolment=e)
    assert "在职职工 20 人，至少 12 人参保，现有 11 人，还差 1 人" in str(refused.value)
    assert Enrolment.objects.get(pk=e.pk).state == Enrolment.State.DRAFT

    actions.enrolment_add(
        actor=personas.grassroots, enrolment=e, members=people[11:12], healthy_confirmed=True
    )
    e = actions.enrolment_submit(actor=personas.grassroots, enrolment=e)
    assert (e.state, e.shares, e.in_service, e.amount_due) == ("due", 12, 20, Decimal("720.00"))
    assert AuditEntry.objects.filter(action="mutualaid.enrolment.submit", object_id=str(e.pk)).exists()


@pytest.mark.parametrize(
    ("union", "size", "first", "refusal"),
    [
        pytest.param("grassroots", 12, 9, "至少 10 人参保，现有 9 人", id="a-group-of-ten-or-more-needs-ten"),
        pytest.param(
            "sibling_grassroots",
            6,
            5,
            "须全员参保，现有 5 人，还差 1 人",
            id="a-unit-of-ten-or-fewer-enrols-all",
        ),
    ],
)
def test_a_group_too_small_for_its_unit_is_not_submitted_until_it_is_complete(
    tree, union, size, first, refusal
):
    org = getattr(tree, union)
    people = workers(org, size)
    e = start(org)
    actions.enrolment_add(actor=None, enrolment=e, members=people[:first], healthy_confirmed=True)
    with pytest.raises(InvalidTransition, match=refusal):
        actions.enrolment_submit(actor=None, enrolment=e)
    actions.enrolment_add(actor=None, enrolment=e, members=people[first:], healthy_confirmed=True)
    assert actions.enrolment_submit(actor=None, enrolment=e).state == Enrolment.State.DUE


def test_retired_members_do_not_count_as_in_service_workers(tree):
    on_post = workers(tree.grassroots, 10)
    workers(tree.grassroots, 5, employment_status="退休")
    e = start(tree.grassroots)
    actions.enrolment_add(actor=None, enrolment=e, members=on_post, healthy_confirmed=True)
    assert actions.enrolment_submit(actor=None, enrolment=e).in_service == 10


def test_age_is_checked_per_person_and_one_refusal_adds_nobody(tree):
    young = worker(tree.grassroots, name="李少年", born=dt.date(YEAR - 15, 12, 30))
    old = worker(tree.grassroots, name="王老伯", born=dt.date(YEAR - 62, 1, 1))
    fine = worker(tree.grassroots, name="陈建华")
    e = start(tree.grassroots)
    with pytest.raises(Refused) as refused:
        actions.enrolment_add(actor=None, enrolment=e, members=[young, old, fine], healthy_confirmed=True)
    text = str(refused.value)
    assert "李少年" in text and "王老伯" in text and "不在 16 至 60 周岁之间" in text and "陈建华" not in text
    assert not Line.objects.filter(enrolment=e).exists()

    added = actions.enrolment_add(
        actor=None, enrolment=e, members=[young, old, fine], healthy_confirmed=True, skip_ineligible=True
    )
    assert [line.member for line in added.lines] == [fine] and len(added.skipped) == 2


def test_the_womens_plan_takes_women_only_and_needs_the_main_plan(tree):
    women = workers(tree.grassroots, 10, sex="女")
    man = worker(tree.grassroots, name="张伟")
    addon = start(tree.grassroots, "gd-women")
    with pytest.raises(Refused, match="须先参加"):
        actions.enrolment_add(actor=None, enrolment=addon, members=women[:1])
    main = start(tree.grassroots)
    actions.enrolment_add(actor=None, enrolment=main, members=[*women, man], healthy_confirmed=True)
    with pytest.raises(Refused) as refused:
        actions.enrolment_add(actor=None, enrolment=addon, members=[*women, man])
    assert "张伟：本计划只接受女职工参保" in str(refused.value)
    assert len(actions.enrolment_add(actor=None, enrolment=addon, members=women).lines) == 10


def test_the_medical_plan_needs_the_health_condition_confirmed(tree):
    e = start(tree.grassroots)
    with pytest.raises(Refused, match="六种重大疾病"):
        actions.enrolment_add(actor=None, enrolment=e, members=workers(tree.grassroots, 1))


def test_one_person_holds_one_share_per_plan_and_year_across_the_province(tree):
    person = worker(tree.grassroots, name="赵敏")
    enrolment(tree.grassroots, people=[person, *workers(tree.grassroots, 9)])
    # Moved to another union's register, the same person cannot be enrolled there again.
    from gonghui.members.models import Member

    Member.objects.filter(pk=person.pk).update(org=tree.sibling_grassroots)
    person.refresh_from_db()
    other = start(tree.sibling_grassroots)
    with pytest.raises(Refused, match=r"赵敏：.*已在「赤岗街道联合工会」参加"):
        actions.enrolment_add(actor=None, enrolment=other, members=[person], healthy_confirmed=True)


def test_only_the_unions_own_in_service_members_can_be_added(tree):
    stranger = worker(tree.sibling_grassroots, name="外单位")
    e = start(tree.grassroots)
    with pytest.raises(Refused, match="不是「赤岗街道联合工会」会员名册中的在职职工"):
        actions.enrolment_add(actor=None, enrolment=e, members=[stranger], healthy_confirmed=True)


def test_enrolment_is_by_a_grassroots_union_in_the_actors_scope(tree, personas):
    with pytest.raises(Refused, match="由基层工会办理"):
        actions.enrolment_create(actor=None, org=tree.street, plan=plan(), year=YEAR)
    with pytest.raises(PermissionDenied):
        actions.enrolment_create(actor=personas.sibling, org=tree.grassroots, plan=plan(), year=YEAR)


def test_cover_starts_on_the_common_date_after_payment_in_full_never_before(tree, personas):
    e = enrolment(tree.grassroots)
    assert e.amount_due == Decimal("600.00")
    with pytest.raises(PermissionDenied, match="上级工会"):
        actions.contribution_record(
            actor=personas.grassroots, enrolment=e, amount="600", paid_on=cleaning.today()
        )
    paid = paid_long_ago()
    actions.contribution_record(actor=personas.street, enrolment=e, amount="200.00", paid_on=paid)
    e.refresh_from_db()
    assert (e.state, e.cover_start) == ("due", None)
    with pytest.raises(Refused, match=r"超过未缴金额 400.00 元"):
        actions.contribution_record(actor=personas.street, enrolment=e, amount="400.01", paid_on=paid)
    later = paid + dt.timedelta(days=40)
    actions.contribution_record(actor=personas.street, enrolment=e, amount="400", paid_on=later)
    e.refresh_from_db()
    assert e.state == "covered"
    assert e.cover_start == max(rules.cover_start_after(later), dt.date(YEAR, 1, 1)) > later
    assert e.cover_end == rules.cover_end(e.cover_start, 1)


def test_a_cancelled_enrolment_frees_its_shares(tree):
    people = workers(tree.grassroots, 10)
    e = enrolment(tree.grassroots, people=people)
    actions.enrolment_cancel(actor=None, enrolment=e, reason="单位改参其他计划")
    again = start(tree.grassroots)
    assert (
        len(actions.enrolment_add(actor=None, enrolment=again, members=people, healthy_confirmed=True).lines)
        == 10
    )


def test_a_paid_enrolment_cannot_be_reopened_or_cancelled(tree):
    e = enrolment(tree.grassroots)
    actions.contribution_record(actor=None, enrolment=e, amount="100", paid_on=paid_long_ago())
    with pytest.raises(InvalidTransition, match="已有缴费记录"):
        actions.enrolment_cancel(actor=None, enrolment=e)
    with pytest.raises(InvalidTransition, match="已有缴费记录"):
        actions.enrolment_reopen(actor=None, enrolment=e)


def test_the_womens_plan_counts_the_units_women_for_the_group_rule(tree):
    women = workers(tree.grassroots, 10, sex="女")
    enrolment(tree.grassroots, people=[*women, *workers(tree.grassroots, 12, sex="男")])
    addon = start(tree.grassroots, "gd-women")
    actions.enrolment_add(actor=None, enrolment=addon, members=women[:9])
    with pytest.raises(InvalidTransition, match="须全员参保，现有 9 人，还差 1 人"):
        actions.enrolment_submit(actor=None, enrolment=addon)
    actions.enrolment_add(actor=None, enrolment=addon, members=women[9:])
    assert actions.enrolment_submit(actor=None, enrolment=addon).in_service == 10


def test_many_units_are_enrolled_at_once_and_each_that_fails_the_rule_is_named(tree, personas):
    from gonghui.conftest import make_org

    fine = workers(tree.grassroots, 12)
    worker(tree.grassroots, name="王老伯", born=dt.date(YEAR - 62, 1, 1))  # counted, left out by age
    small = make_org(tree.street, "赤岗小微企业工会", "grassroots", kind="enterprise")
    workers(small, 4)
    worker(small, name="李老伯", born=dt.date(YEAR - 63, 1, 1))  # a unit of 5 must enrol all 5
    done = actions.enrolment_units(
        actor=personas.street, plan=plan(), year=YEAR, unions=[tree.grassroots, small], healthy_confirmed=True
    )
    assert [e.org for e in done.enrolments] == [tree.grassroots] and done.left_out == 2
    e = Enrolment.objects.get(org=tree.grassroots)
    assert (e.state, e.shares, e.in_service, e.amount_due) == ("due", 12, 13, Decimal("720.00"))
    assert set(Line.objects.filter(enrolment=e).values_list("member", flat=True)) == {p.pk for p in fine}
    assert "须全员参保，现有 4 人，还差 1 人" in done.refused["赤岗小微企业工会"]
    again = actions.enrolment_units(
        actor=personas.street, plan=plan(), year=YEAR, unions=[tree.grassroots], healthy_confirmed=True
    )
    assert not again.enrolments and "已有本年度该计划的参保单" in again.refused["赤岗街道联合工会"]
    with pytest.raises(PermissionDenied):
        actions.enrolment_units(actor=personas.sibling, plan=plan(), year=YEAR, unions=[tree.grassroots])


def test_a_round_is_audited_once_with_its_counts_at_the_union_its_units_share(tree, personas):
    from gonghui.conftest import make_org

    other = make_org(tree.street, "赤岗第二联合工会", "grassroots", kind="enterprise")
    workers(tree.grassroots, 12)
    workers(other, 11)
    done = actions.enrolment_units(
        actor=personas.street, plan=plan(), year=YEAR, unions=[tree.grassroots, other], healthy_confirmed=True
    )
    keys = list(Line.objects.values_list("person_bidx", flat=True))
    assert len(keys) == len(set(keys)) == 23 and len(done.enrolments) == 2 and done.left_out == 0
    entry = AuditEntry.objects.get(action="mutualaid.enrolment.units")
    assert entry.org == tree.street and entry.actor == personas.street
    assert (entry.detail["enrolments"], entry.detail["count"], entry.detail["amount"]) == (2, 23, "1380.00")
