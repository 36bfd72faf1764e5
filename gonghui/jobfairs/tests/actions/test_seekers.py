from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from gonghui.core.models import AuditEntry
from gonghui.jobfairs import actions
from gonghui.jobfairs.models import Seeker
from gonghui.kernel import crypto
from gonghui.kernel.codes import id_number_make

from ..factories import make_fair, make_seeker, today


def test_a_member_registers_on_the_phone_and_the_numbers_are_sealed(fair, personas):
    number = id_number_make("440105", today().replace(year=1990), 123)
    seeker = make_seeker(fair, actor=personas.member, walk_in=False, phone="13912345678", id_number=number)
    assert seeker.user == personas.member and seeker.member
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, id_number FROM jobfairs_seeker WHERE id = %s", [seeker.pk])
        raw_phone, raw_id = cursor.fetchone()
    assert "13912345678" not in raw_phone and number not in raw_id
    assert seeker.phone_bidx == crypto.blind_index("13912345678", purpose=actions.PHONE_PURPOSE)
    assert seeker.phone_masked == "139****5678"
    assert seeker.id_number_masked.startswith("440") and "*" in seeker.id_number_masked


def test_a_worker_registers_once(fair, personas):
    make_seeker(fair, actor=personas.member, walk_in=False)
    with pytest.raises(ValidationError, match="已报名"):
        make_seeker(fair, actor=personas.member, walk_in=False)


def test_one_phone_registers_once_per_fair(fair):
    make_seeker(fair, phone="13700000001")
    with pytest.raises(ValidationError, match="已报名"):
        make_seeker(fair, phone="137 0000 0001")


def test_a_fair_in_preparation_takes_no_registrations(tree, personas):
    draft = make_fair(tree.guangzhou, publish=False)
    with pytest.raises(PermissionDenied):
        make_seeker(draft, actor=personas.member, walk_in=False)


def test_a_members_only_fair_reaches_only_its_subtree(tree, personas):
    from gonghui.conftest import make_user

    fair = make_fair(tree.guangzhou, public=False)
    make_seeker(fair, actor=personas.member, walk_in=False)
    outsider = make_user("shenzhen_worker", tree.luohu, "member")
    with pytest.raises(PermissionDenied):
        make_seeker(fair, actor=outsider, walk_in=False)


def test_bad_input_is_refused_in_chinese(fair):
    with pytest.raises(ValidationError) as exc:
        make_seeker(fair, phone="12345")
    assert "手机号码" in str(exc.value)
    with pytest.raises(ValidationError, match="最多选3项"):
        make_seeker(fair, industries=["01", "02", "03", "05"])
    with pytest.raises(ValidationError):
        make_seeker(fair, id_number="440105199001011234")


def test_walk_ins_are_registered_by_the_organiser_only(fair, personas):
    with pytest.raises(PermissionDenied):
        make_seeker(fair, actor=personas.district)
    seeker = make_seeker(fair, actor=personas.city, member=True)
    assert seeker.user is None and seeker.member


def test_revealing_needs_the_right_and_is_audited(fair, personas):
    seeker = make_seeker(fair, phone="13612345678")
    with pytest.raises(PermissionDenied):
        actions.seeker_reveal(actor=personas.district, seeker=seeker)
    assert actions.seeker_reveal(actor=personas.city, seeker=seeker) == {"phone": "13612345678"}
    assert AuditEntry.objects.filter(action="jobfairs.seeker.reveal", object_id=str(seeker.pk)).count() == 1
    assert Seeker.objects.get(pk=seeker.pk).phone == "13612345678"
