from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from gonghui.assistance import actions
from gonghui.assistance.models import FamilyMember, Household, SubsistenceLine
from gonghui.core.models import AuditEntry
from gonghui.members.tests.conftest import make_member

from ..factories import family_rows, make_household, new_id, worker_values


def test_street_officer_files_a_deep_hardship_household(rules, personas):
    household = make_household(rules.grassroots, actor=personas.street)
    assert household.tier == "deep"
    # (1500 × 12 − 6000) ÷ 12 ÷ 3 people = 333.33 元 against 广州's 1,300 元.
    assert household.per_capita == Decimal("333.33")
    assert household.line == Decimal("1300.00") and household.line_division == "440100"
    assert household.size == 3
    assert household.file_no.startswith("440105")
    assert household.filed_by == personas.street
    entry = AuditEntry.objects.get(action="assistance.household.create")
    assert entry.org == rules.grassroots and entry.actor == personas.street


def test_id_numbers_and_bank_account_are_stored_encrypted(rules):
    household = make_household(rules.grassroots)
    with connection.cursor() as cur:
        cur.execute("SELECT id_number, bank_account FROM assistance_household WHERE id = %s", [household.pk])
        raw_id, raw_account = cur.fetchone()
        cur.execute("SELECT id_number FROM assistance_familymember WHERE household_id = %s", [household.pk])
        raw_family = [r[0] for r in cur.fetchall()]
    assert raw_id.startswith("v1:") and household.id_number not in raw_id
    assert raw_account.startswith("v1:") and "6222020200112233445" not in raw_account
    assert all(r.startswith("v1:") for r in raw_family)
    assert household.bank_account_masked == "**** **** 3445"


def test_a_bad_id_number_is_refused_in_chinese_and_nothing_is_written(rules, personas):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        make_household(rules.grassroots, actor=personas.street, id_number="440105197803010000")
    assert "身份证号校验位错误" in exc.value.message_dict["id_number"][0]
    assert not Household.objects.exists() and not FamilyMember.objects.exists()
    assert AuditEntry.objects.count() == before


def test_a_family_member_with_a_bad_id_is_named_in_the_message(rules):
    family = family_rows()
    family[1]["id_number"] = "44010520100901123"
    with pytest.raises(ValidationError) as exc:
        make_household(rules.grassroots, family=family)
    assert "第2位家庭成员（陈晓明）：身份证号长度应为18位" in exc.value.message_dict["family"]
    assert not Household.objects.exists()


def test_a_family_member_already_on_another_file_in_the_province_is_refused(rules, personas):
    first = make_household(rules.grassroots)
    spouse = first.family.get(relation="配偶")
    family = family_rows(1)
    family[0]["id_number"] = spouse.id_number
    # Filed by another street's union: the province is one archive.
    with pytest.raises(ValidationError) as exc:
        make_household(rules.sibling_grassroots, actor=personas.sibling, family=family, name="王志强")
    message = exc.value.message_dict["family"][0]
    assert "李秀英 已有困难职工档案，由其他工会持有" in message
    assert Household.objects.count() == 1


def test_the_worker_already_filed_elsewhere_is_refused_on_the_id_field(rules):
    first = make_household(rules.grassroots)
    with pytest.raises(ValidationError) as exc:
        make_household(rules.sibling_grassroots, id_number=first.id_number)
    assert "已在「赤岗街道联合工会」的困难职工档案" in exc.value.message_dict["id_number"][0]


def test_a_file_outside_the_actors_scope_is_named_by_neither_number_nor_union(rules, personas):
    first = make_household(rules.grassroots, actor=personas.street)
    with pytest.raises(ValidationError) as exc:
        make_household(
            rules.sibling_grassroots, actor=personas.sibling, id_number=first.id_number, name="陈建华"
        )
    said = " ".join(exc.value.messages)
    assert "陈建华 已有困难职工档案，由其他工会持有（不在您的管辖范围内）" in said
    for secret in (
        first.file_no,
        first.file_no[-6:],
        rules.grassroots.name,
        rules.street.name,
        str(first.pk),
    ):
        assert secret not in said
    assert Household.objects.count() == 1


def test_an_attempt_on_someone_filed_elsewhere_is_audited_though_nothing_is_filed(rules, personas):
    first = make_household(rules.grassroots, actor=personas.street)
    with pytest.raises(ValidationError):
        make_household(rules.sibling_grassroots, actor=personas.sibling, id_number=first.id_number)
    entry = AuditEntry.objects.get(action="assistance.household.on_file")
    assert entry.actor == personas.sibling and entry.org == rules.sibling_grassroots
    assert entry.detail == {"households": 1, "outside_scope": 1}
    assert first.file_no not in str(entry.detail)
    assert not AuditEntry.objects.filter(
        action="assistance.household.create", actor=personas.sibling
    ).exists()


def test_inside_the_actors_scope_the_refusal_names_the_file_and_its_union(rules, personas):
    first = make_household(rules.grassroots, actor=personas.street)
    with pytest.raises(ValidationError) as exc:
        make_household(rules.sibling_grassroots, actor=personas.district, id_number=first.id_number)
    (error,) = exc.value.error_dict["id_number"]
    assert first.file_no in error.message and rules.grassroots.name in error.message
    assert error.code == "on_file" and error.params == {"household": first.pk, "file_no": first.file_no}
    entry = AuditEntry.objects.get(action="assistance.household.on_file")
    assert entry.detail == {"households": 1, "outside_scope": 0}


def test_a_correction_naming_someone_filed_elsewhere_is_refused_the_same_way(rules, personas):
    first = make_household(rules.grassroots, actor=personas.street)
    mine = make_household(rules.sibling_grassroots, actor=personas.sibling, family=[])
    values = worker_values(id_number=first.id_number)
    with pytest.raises(ValidationError) as exc:
        actions.household_update(actor=personas.sibling, household=mine, values=values, family=[])
    assert first.file_no not in " ".join(exc.value.messages)
    entry = AuditEntry.objects.get(action="assistance.household.on_file")
    assert entry.object_id == str(mine.pk) and entry.detail == {"households": 1, "outside_scope": 1}


def test_the_same_person_twice_on_one_file_is_refused(rules):
    family = family_rows()
    family[1]["id_number"] = family[0]["id_number"]
    with pytest.raises(ValidationError) as exc:
        make_household(rules.grassroots, family=family)
    assert "出现了两次" in exc.value.message_dict["family"][0]


def test_a_file_in_another_province_is_not_a_duplicate(rules, tree):
    first = make_household(rules.grassroots)
    SubsistenceLine.objects.create(division="450000", year=first.line_year, monthly=Decimal("800"))
    other = make_household(tree.foreign_city, id_number=first.id_number, hukou_division="450000", family=[])
    assert other.pk != first.pk


def test_exactly_one_main_cause_and_at_most_three_secondary(rules):
    with pytest.raises(ValidationError) as exc:
        make_household(rules.grassroots, secondary_causes=["1", "2", "3", "9"])
    assert exc.value.message_dict["secondary_causes"] == ["次要致困原因最多选择3项。"]
    with pytest.raises(ValidationError) as exc:
        make_household(rules.grassroots, main_cause="6", secondary_causes=["6"])
    assert "不能与主要致困原因相同" in exc.value.message_dict["secondary_causes"][0]
    with pytest.raises(ValidationError) as exc:
        make_household(rules.grassroots, main_cause="")
    assert "main_cause" in exc.value.message_dict


def test_a_household_above_twice_the_line_is_not_filed(rules):
    with pytest.raises(ValidationError) as exc:
        make_household(rules.grassroots, monthly_income="9000", rigid_expenses="0", family=[])
    assert "不符合困难职工建档条件" in exc.value.messages[0]
    assert not Household.objects.exists()


def test_without_a_local_line_the_officer_is_told_to_have_one_entered(rules):
    SubsistenceLine.objects.all().delete()
    with pytest.raises(ValidationError) as exc:
        make_household(rules.grassroots)
    assert "低保标准" in exc.value.message_dict["hukou_division"][0]


def test_the_county_line_wins_over_the_city_and_the_city_over_the_province(rules):
    year = SubsistenceLine.objects.first().year
    SubsistenceLine.objects.create(division="440105", year=year, monthly=Decimal("1400"))
    assert make_household(rules.grassroots).line == Decimal("1400")
    assert make_household(rules.grassroots, hukou_division="440106", family=[]).line == Decimal("1300")
    assert make_household(rules.grassroots, hukou_division="440300", family=[]).line == Decimal("900")


def test_a_sibling_street_officer_cannot_file_in_another_street(rules, personas):
    with pytest.raises(PermissionDenied):
        make_household(rules.grassroots, actor=personas.sibling)
    assert not Household.objects.exists()


def test_the_file_is_linked_to_the_member_register_by_id(rules):
    member = make_member(rules.grassroots, name="陈建华", id_number=new_id())
    household = make_household(rules.grassroots, id_number=member.id_number)
    assert household.member == member
    assert make_household(rules.grassroots, family=[]).member is None


def test_update_recomputes_the_tier_and_asks_for_a_new_review(rules, personas):
    household = make_household(rules.grassroots, actor=personas.grassroots)
    actions.household_review(actor=personas.street, household=household)
    values = worker_values(id_number=household.id_number, monthly_income="3000", rigid_expenses="0")
    family = [
        {"name": m.name, "relation": m.relation, "id_number": m.id_number, "monthly_income": "1200",
         "identity": m.identity, "insurance": m.insurance}
        for m in household.family.all()
    ]  # fmt: skip
    # (3000 + 1200 + 1200) × 12 ÷ 12 ÷ 3 = 1,800 元: between one and two lines.
    updated = actions.household_update(
        actor=personas.street, household=household, values=values, family=family
    )
    assert updated.tier == "relative" and updated.per_capita == Decimal("1800.00")
    assert updated.reviewed_at is None


def test_the_filer_cannot_review_their_own_file(rules, personas):
    household = make_household(rules.grassroots, actor=personas.street)
    with pytest.raises(ValidationError):
        actions.household_review(actor=personas.street, household=household)
    reviewed = actions.household_review(actor=personas.province, household=household)
    assert reviewed.reviewed_by == personas.province


def test_a_closed_file_is_not_reviewed(rules, personas):
    household = make_household(rules.grassroots, actor=personas.street)
    actions.household_exit(actor=personas.street, household=household, reason="再就业，收入稳定")
    with pytest.raises(ValidationError, match="已脱困"):
        actions.household_review(actor=personas.province, household=household)
    household.refresh_from_db()
    assert household.reviewed_at is None
