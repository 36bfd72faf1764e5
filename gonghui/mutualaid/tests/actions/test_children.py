"""The children's plan (在职职工子女意外伤害互助保障计划): a member enrols their child, the child's ID
checked, age within the plan's, one share per child; the claim asks for proof of the link."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gonghui.kernel import cleaning
from gonghui.kernel.codes import id_number_make
from gonghui.kernel.errors import Refused
from gonghui.mutualaid import actions
from gonghui.mutualaid.models import Line
from gonghui.mutualaid.tests.factories import plan, worker, workers

pytestmark = pytest.mark.django_db
YEAR = cleaning.today().year


def child_id(age: int, serial: int = 12) -> str:
    return id_number_make("440105", dt.date(YEAR - age, 3, 1), serial)


def start(org):
    return actions.enrolment_create(actor=None, org=org, plan=plan("acftu-child-accident"), year=YEAR)


def add_child(enrolment, parent, name: str, number: str) -> Line:
    return actions.enrolment_add_child(
        actor=None, enrolment=enrolment, parent=parent, child_name=name, child_id_number=number
    )


def test_a_member_enrols_a_child_kept_encrypted_and_shown_masked(tree):
    parent = worker(tree.grassroots, name="陈建华")
    e = start(tree.grassroots)
    number = child_id(8)
    line = add_child(e, parent, "陈小明", number)
    line = Line.objects.get(pk=line.pk)
    assert line.insured == "陈小明（陈建华之子女）" and line.child_id_number == number
    assert number not in line.child_id_number_masked and line.child_id_number_masked.endswith(number[-4:])
    assert actions.enrolment_submit(actor=None, enrolment=e).shares == 1


def test_an_adult_child_a_second_share_or_a_parent_off_the_register_is_refused(tree):
    parent = worker(tree.grassroots)
    e = start(tree.grassroots)
    with pytest.raises(Refused, match="不在 0 至 17 周岁之间"):
        add_child(e, parent, "陈大明", child_id(20))
    with pytest.raises(Refused, match="子女身份证号"):
        add_child(e, parent, "陈小明", "440105201801011230")
    number = child_id(6)
    add_child(e, parent, "陈小明", number)
    other = start(tree.sibling_grassroots)
    with pytest.raises(Refused, match="一人一份"):
        add_child(other, worker(tree.sibling_grassroots), "陈小明", number)
    with pytest.raises(Refused, match="不是「赤岗街道联合工会」会员名册中的在职职工"):
        add_child(e, worker(tree.sibling_grassroots), "李小红", child_id(5, 14))
    assert Line.objects.count() == 1


def test_members_themselves_are_not_put_on_the_childrens_plan_nor_in_a_round(tree, personas):
    people = workers(tree.grassroots, 3)
    e = start(tree.grassroots)
    with pytest.raises(Refused, match="请逐一添加子女"):
        actions.enrolment_add(actor=None, enrolment=e, members=people)
    with pytest.raises(Refused, match="不能集中办理"):
        actions.enrolment_units(
            actor=personas.street,
            plan=plan("acftu-child-accident"),
            year=YEAR,
            unions=[tree.grassroots],
        )


def test_a_child_is_added_from_the_enrolment_page_and_a_claim_asks_for_the_link(tree, personas, login):
    parent = worker(tree.grassroots, name="陈建华")
    e = start(tree.grassroots)
    client = login(personas.grassroots)
    page = client.get(reverse("mutualaid:enrolment", args=[e.pk])).content.decode()
    assert "添加会员子女" in page and "从会员名册添加" not in page
    bad = client.post(
        reverse("mutualaid:enrolment_add_child", args=[e.pk]),
        {"parent": parent.pk, "child_name": "陈大明", "child_id_number": child_id(19)},
    )
    assert bad.status_code == 422 and "不在 0 至 17 周岁之间" in bad.content.decode()
    response = client.post(
        reverse("mutualaid:enrolment_add_child", args=[e.pk]),
        {"parent": parent.pk, "child_name": "陈小明", "child_id_number": child_id(9)},
    )
    assert response.status_code == 302
    assert (
        "陈小明（陈建华之子女）" in client.get(reverse("mutualaid:enrolment", args=[e.pk])).content.decode()
    )
    materials = {m for b in plan("acftu-child-accident").benefits.all() for m in b.material_list}
    assert "亲子关系证明（出生医学证明或户口簿）" in materials
