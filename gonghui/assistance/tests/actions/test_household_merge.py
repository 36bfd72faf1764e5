import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.assistance import actions
from gonghui.assistance.models import FamilyMember, Household
from gonghui.assistance.selectors import duplicate_files_for_actor, household_duplicates
from gonghui.members.keys import id_bidx

from ..factories import fund_with, make_household, new_id


def copy_spouse_into_new_file(first: Household, org) -> Household:
    """Two files of one household, as left by paper records entered twice (the actions refuse
    to create the second one)."""
    spouse = first.family.get(relation="配偶")
    number = new_id()
    other = Household.objects.get(pk=first.pk)
    other.pk, other.org, other.file_no = None, org, "DUP-1"
    other.name, other.id_number, other.id_bidx = "李秀英", spouse.id_number, spouse.id_bidx
    other.save()
    FamilyMember.objects.create(
        household=other, name="陈建华", relation="配偶", sex="男", id_number=first.id_number, id_bidx=first.id_bidx,
        birth_date=first.birth_date, identity="在岗", insurance="职工医保",
    )  # fmt: skip
    FamilyMember.objects.create(
        household=other, name="陈晓华", relation="子女", sex="女", id_number=number, id_bidx=id_bidx(number),
        birth_date=first.birth_date, identity="在校学生", insurance="居民医保",
    )  # fmt: skip
    return other


def test_files_sharing_a_person_are_flagged_across_streets(rules, personas):
    first = make_household(rules.grassroots)
    other = copy_spouse_into_new_file(first, rules.sibling_grassroots)
    assert household_duplicates(first) == [other]
    assert duplicate_files_for_actor(actor=personas.street) == [first]
    assert duplicate_files_for_actor(actor=personas.district) == [first, other]


def test_merge_moves_the_people_and_history_and_closes_the_other_file(rules, personas):
    first = make_household(rules.grassroots)
    other = copy_spouse_into_new_file(first, rules.sibling_grassroots)
    fund_with(rules.sibling_street, "5000")
    application = actions.application_submit(
        actor=None, household=other, kind="living", amount="800", reason="困难"
    )
    kept = actions.household_merge(actor=personas.district, keep=first, other=other)
    other.refresh_from_db()
    assert other.status == "merged" and other.merged_into == kept
    assert sorted(kept.family.values_list("name", flat=True)) == ["李秀英", "陈晓华", "陈晓明"]
    assert kept.size == 4
    application.refresh_from_db()
    assert application.household == kept
    assert household_duplicates(kept) == []


def test_a_street_cannot_merge_a_file_of_another_street(rules, personas):
    first = make_household(rules.grassroots)
    other = copy_spouse_into_new_file(first, rules.sibling_grassroots)
    with pytest.raises(PermissionDenied):
        actions.household_merge(actor=personas.street, keep=first, other=other)
    other.refresh_from_db()
    assert other.status == "active"


def test_files_without_a_common_person_are_not_merged(rules, personas):
    a = make_household(rules.grassroots)
    b = make_household(rules.grassroots, family=[])
    with pytest.raises(ValidationError) as exc:
        actions.household_merge(actor=personas.street, keep=a, other=b)
    assert "不是同一户" in exc.value.messages[0]


def test_exit_keeps_the_file_with_its_reason(rules, personas):
    household = make_household(rules.grassroots)
    with pytest.raises(ValidationError):
        actions.household_exit(actor=personas.street, household=household, reason="")
    done = actions.household_exit(
        actor=personas.street, household=household, reason="配偶病愈返岗，家庭收入超过标准"
    )
    assert done.status == "exited" and done.exited_on is not None


def test_yearly_verification_uses_the_line_as_it_now_stands(rules, personas):
    import datetime as dt
    from decimal import Decimal

    from gonghui.assistance.models import SubsistenceLine

    household = make_household(rules.grassroots, monthly_income="1200", rigid_expenses="0", family=[])
    assert household.tier == "deep"
    Household.objects.filter(pk=household.pk).update(verified_on=dt.date(2020, 1, 1))
    SubsistenceLine.objects.filter(division="440100").update(monthly=Decimal("1100"))
    verified = actions.household_verify(actor=personas.street, household=household)
    assert verified.tier == "relative" and verified.line == Decimal("1100.00")
    assert verified.verified_on > dt.date(2020, 1, 1)
