from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from gonghui.core.models import AuditEntry
from gonghui.kernel.errors import Refused
from gonghui.members.actions import member_apply, member_approve
from gonghui.members.models import Member, MemberLogin, Transfer
from gonghui.portal import actions
from gonghui.portal.abilities import join_abilities
from gonghui.portal.models import Card, JoinApplication, Route
from gonghui.tests.contract import assert_abilities_agree
from gonghui.units.tests.factories import make_unit

from ..conftest import apply_values, new_id


def test_a_unit_covered_by_a_joint_union_routes_there(tree):
    unit = make_unit(tree.street, "广州赤岗小五金加工厂", 12, covering=tree.grassroots)
    a = actions.join_submit(actor=None, **apply_values(employer_credit_code=unit.credit_code))
    assert (a.org, a.route, a.unit) == (tree.grassroots, Route.EMPLOYER, unit)
    by_name = actions.join_submit(actor=None, **apply_values(employer_name="广州赤岗小五金加工厂"))
    assert by_name.org == tree.grassroots


def test_a_unit_without_a_union_goes_to_the_street_that_organises_it(tree):
    make_unit(tree.street, "赤岗某电子厂", 30)
    a = actions.join_submit(actor=None, **apply_values(employer_name="赤岗某电子厂"))
    assert (a.org, a.route) == (tree.street, Route.ORGANISER)


def test_an_unknown_employer_without_a_home_is_refused_and_with_one_goes_to_the_street(tree):
    with pytest.raises(Refused) as exc:
        actions.join_submit(actor=None, **apply_values(employer_name="查无此厂"))
    assert "单位名录中没有找到" in str(exc.value)
    a = actions.join_submit(actor=None, **apply_values(employer_name="查无此厂", home=tree.street))
    assert (a.org, a.route) == (tree.street, Route.FLOATING)


def test_a_rider_goes_to_the_riders_union_of_the_district(tree, riders_union):
    a = actions.join_submit(
        actor=None, **apply_values(work="new_form", occupation="rider", platform="美团", home=tree.street)
    )
    assert (a.org, a.route) == (riders_union, Route.INDUSTRY)


def test_a_domestic_worker_with_no_union_for_them_is_a_floating_member_of_their_street(tree, riders_union):
    a = actions.join_submit(
        actor=None, **apply_values(work="new_form", occupation="domestic", home=tree.street)
    )
    assert (a.org, a.route) == (tree.street, Route.FLOATING)


def test_bad_person_fields_are_refused_in_chinese_and_nothing_is_saved(tree):
    with pytest.raises(Refused) as exc:
        actions.join_submit(actor=None, **apply_values(id_number="440303199503041234", phone="12345", home=tree.street,
                                                       work="new_form", occupation="rider"))  # fmt: skip
    assert {"id_number", "phone"} <= set(exc.value.message_dict)
    assert not JoinApplication.objects.exists()


def test_a_new_worker_gets_a_login_and_approval_makes_member_login_and_card(tree, personas):
    a = actions.join_submit(actor=None, **apply_values(home=tree.street, employer_name="无名小店"))
    assert a.user is not None and a.user.username == a.phone
    done = actions.join_approve(actor=personas.street, application=a, place_in=tree.grassroots)
    member = done.member
    assert member.status == "active" and member.org == tree.grassroots
    assert MemberLogin.objects.get(user=a.user).member == member
    assert Card.objects.get(member=member).state == "active"
    assert AuditEntry.objects.filter(action="member.apply", object_id=str(member.pk)).exists()
    assert AuditEntry.objects.filter(action="portal.join.approve", object_id=str(a.pk)).exists()


def test_a_street_must_place_the_worker_in_one_of_its_grassroots_unions(tree, personas):
    a = actions.join_submit(actor=None, **apply_values(home=tree.street, employer_name="无名小店"))
    with pytest.raises(Refused):
        actions.join_approve(actor=personas.street, application=a)
    with pytest.raises(Refused):
        actions.join_approve(actor=personas.street, application=a, place_in=tree.sibling_grassroots)
    assert not Member.objects.filter(id_number_bidx=a.id_number_bidx).exists()


def test_sent_back_with_a_reason_then_resubmitted_routed_anew(tree, personas):
    unit = make_unit(tree.street, "赤岗食品厂", 40, covering=tree.grassroots)
    a = actions.join_submit(actor=None, **apply_values(employer_name="写错的厂名", home=tree.street))
    with pytest.raises(Refused):
        actions.join_send_back(actor=personas.street, application=a, reason="  ")
    a = actions.join_send_back(actor=personas.street, application=a, reason="请填写单位全称")
    assert a.state == "returned" and a.return_reason == "请填写单位全称"
    a = actions.join_resubmit(actor=a.user, application=a, work="employed", employer_name=unit.name)
    assert (a.state, a.org, a.return_reason) == ("submitted", tree.grassroots, "")


def test_an_officer_of_another_street_cannot_decide(tree, personas):
    a = actions.join_submit(actor=None, **apply_values(home=tree.street, employer_name="某店"))
    with pytest.raises(PermissionDenied):
        actions.join_approve(actor=personas.sibling, application=a, place_in=tree.grassroots)


def test_someone_already_a_member_elsewhere_is_offered_a_transfer(tree, personas, riders_union):
    number = new_id()
    existing = member_apply(actor=None, org=tree.sibling_grassroots, name="王快递", id_number=number,
                            phone="13612345678")  # fmt: skip
    member_approve(actor=None, member=existing)
    values = apply_values(name="王快递", id_number=number, phone="13612345678", work="new_form",
                          occupation="rider", home=tree.street)  # fmt: skip
    a = actions.join_submit(actor=None, **values)
    assert a.state == "elsewhere" and a.existing == existing
    assert join_abilities(a.user, a).request_transfer
    a = actions.join_request_transfer(actor=a.user, application=a)
    transfer = Transfer.objects.get(member=existing)
    assert (a.state, a.transfer, transfer.to_org) == ("transfer", transfer, riders_union)


def test_a_duplicate_that_cannot_be_shown_to_be_theirs_is_refused(tree):
    number = new_id()
    member_approve(actor=None, member=member_apply(actor=None, org=tree.sibling_grassroots, name="赵某",
                                                   id_number=number, phone="13612340000"))  # fmt: skip
    with pytest.raises(Refused) as exc:
        actions.join_submit(actor=None, **apply_values(name="赵某", id_number=number, home=tree.street,
                                                       employer_name="某店"))  # fmt: skip
    assert "一人只能有一个会籍" in str(exc.value)
    assert "新港" not in str(exc.value)  # the other union is not named to a stranger


def test_a_second_open_application_for_the_same_person_is_refused(tree):
    values = apply_values(home=tree.street, employer_name="某店")
    actions.join_submit(actor=None, **values)
    with pytest.raises(Refused):
        actions.join_submit(actor=None, **{**values, "phone": "13700000001"})


def test_join_abilities_agree_with_the_actions(tree, personas):
    submitted = actions.join_submit(actor=None, **apply_values(home=tree.street, employer_name="某店"))
    returned = actions.join_send_back(
        actor=None, application=actions.join_submit(actor=None, **apply_values(home=tree.street, employer_name="某店")),
        reason="信息不全",
    )  # fmt: skip
    assert_abilities_agree(
        actors=[*personas.items(), ("applicant", submitted.user), ("other applicant", returned.user)],
        records=[submitted, returned],
        abilities=join_abilities,
        attempts={
            "approve": lambda actor, a: actions.join_approve(
                actor=actor, application=a, place_in=tree.grassroots
            ),
            "send_back": lambda actor, a: actions.join_send_back(actor=actor, application=a, reason="不全"),
            "withdraw": lambda actor, a: actions.join_withdraw(actor=actor, application=a),
            "resubmit": lambda actor, a: actions.join_resubmit(
                actor=actor, application=a, work="employed", employer_name="某店", home=tree.street
            ),
        },
    )


def test_the_worker_names_their_street_in_their_own_words(tree):
    from gonghui.portal.actions.joins import town_named

    assert town_named("赤岗街道") == tree.street
    assert town_named("海珠区赤岗街道") == tree.street
    assert town_named("  ") is None
    with pytest.raises(Refused) as exc:
        town_named("不存在街道")
    assert "没有找到" in str(exc.value)
    with pytest.raises(Refused) as exc:
        town_named("街道")
    assert "有多个街道" in str(exc.value)
    a = actions.join_submit(
        actor=None, **apply_values(work="new_form", occupation="courier", home="海珠区赤岗街道")
    )
    assert a.home == tree.street
