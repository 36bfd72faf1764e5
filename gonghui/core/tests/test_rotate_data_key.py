"""Changing the data key: every encrypted value opens with the new key afterwards, every blind
index is the new key's, and people are still found by ID number and phone."""

from __future__ import annotations

import base64
import io
import os
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from gonghui.assistance.models import FamilyMember, Household
from gonghui.assistance.selectors import HouseholdFilter, households_for_actor
from gonghui.assistance.tests.factories import make_household, setup_lines_and_rules
from gonghui.core.models import AuditEntry
from gonghui.kernel.crypto import protected_columns
from gonghui.members.models import Member
from gonghui.members.selectors import member_list_for_actor
from gonghui.members.tests.conftest import make_member, new_id
from gonghui.mutualaid.models import Line
from gonghui.mutualaid.tests.factories import enrolment, workers
from gonghui.orgs.models import Org


@pytest.fixture
def keys(tmp_path, settings):
    new = base64.urlsafe_b64encode(os.urandom(32)).decode()
    (tmp_path / "new").write_text(new + "\n")
    (tmp_path / "old").write_text(settings.GONGHUI_DATA_KEY)
    return {"new": new, "new_file": str(tmp_path / "new"), "old_file": str(tmp_path / "old")}


@pytest.fixture
def register(tree):
    shares = enrolment(tree.grassroots, people=workers(tree.grassroots, 3))
    number = new_id()
    member = make_member(tree.grassroots, name="黄海燕", id_number=number, phone="13912345678")
    setup_lines_and_rules(tree.province)
    household = make_household(tree.grassroots)
    Org.objects.filter(pk=tree.grassroots.pk).update(bank_account="44050110043300000123")
    return {"member": member, "number": number, "household": household, "shares": shares}


def rotate(*args: str) -> str:
    out = io.StringIO()
    call_command("rotate_data_key", *args, stdout=out)
    return out.getvalue()


def raw(model, pk, column):  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def everything_opens() -> int:
    """Load every row of every model with protected columns, opening each encrypted value."""
    opened = 0
    for model, sealed, _indexed in protected_columns():
        for row in model._default_manager.all():
            for f in sealed:
                getattr(row, f.attname)
                opened += 1
    return opened


def test_a_dry_run_counts_and_changes_nothing(register, keys):
    before = raw(Member, register["member"].pk, "id_number")
    out = rotate("--new-key-file", keys["new_file"], "--dry-run")
    assert "members.Member.id_number：待重新加密" in out and "无法读取 0" in out
    assert raw(Member, register["member"].pk, "id_number") == before
    assert not AuditEntry.objects.filter(action="crypto.rotate").exists()


def test_after_rotation_everything_opens_with_the_new_key_and_is_found(register, keys, personas, settings):
    out = rotate("--new-key-file", keys["new_file"], "--old-key-file", keys["old_file"], "--batch", "2")
    assert "无法读取 0" in out.splitlines()[-1]
    assert AuditEntry.objects.filter(action="crypto.rotate").count() == 1
    assert "全部加密字段和盲索引都已是新密钥" in rotate(
        "--new-key-file", keys["new_file"], "--old-key-file", keys["old_file"], "--check"
    )

    settings.GONGHUI_DATA_KEY = keys["new"]
    assert everything_opens() > 10
    member = Member.objects.get(pk=register["member"].pk)
    assert (member.id_number, member.phone) == (register["number"], "13912345678")
    found, _ = member_list_for_actor(actor=personas.province, id_number=register["number"])
    assert [m.pk for m in found] == [member.pk]
    found, _ = member_list_for_actor(actor=personas.province, phone="13912345678")
    assert [m.pk for m in found] == [member.pk]
    household = Household.objects.get(pk=register["household"].pk)
    assert household.bank_account == "6222020200112233445"
    by_own = households_for_actor(actor=personas.province, f=HouseholdFilter(q=household.id_number))
    relative = FamilyMember.objects.filter(household=household).first()
    by_family = households_for_actor(actor=personas.province, f=HouseholdFilter(q=relative.id_number))
    assert list(by_own) == [household] and list(by_family) == [household]
    assert Org.objects.get(pk=register["member"].org_id).bank_account == "44050110043300000123"
    # A mutual-aid share's index was recomputed from its member's ID number.
    for line in Line.objects.filter(enrolment=register["shares"]).select_related("member"):
        assert line.person_bidx == line.member.id_number_bidx


def totals(out: str) -> tuple[int, int]:
    """(re-encrypted or to be, already under the new key) from the command's last line."""
    found = re.search(r"合计：\w+ (\d+)，已是新密钥 (\d+)", out.splitlines()[-1])
    assert found, out
    return int(found[1]), int(found[2])


def test_a_rotation_stopped_half_way_is_finished_by_running_it_again(register, keys, settings):
    args = ("--new-key-file", keys["new_file"], "--batch", "1")
    to_do, _ = totals(rotate(*args, "--dry-run"))
    first = rotate(*args, "--max-batches", "15")
    assert "再次运行同一命令即可续完" in first
    done_first, _ = totals(first.replace("\n已按 --max-batches 停止；再次运行同一命令即可续完。", ""))
    assert 0 < done_first < to_do
    with pytest.raises(CommandError, match="未换成新密钥"):
        rotate(*args, "--check")
    done_second, kept = totals(rotate(*args))
    assert done_first + done_second == to_do and kept == done_first
    rotate(*args, "--check")
    settings.GONGHUI_DATA_KEY = keys["new"]
    assert everything_opens() > 10


def test_a_wrong_old_key_changes_nothing_and_says_so(register, keys, tmp_path):
    wrong = tmp_path / "wrong"
    wrong.write_text(base64.urlsafe_b64encode(os.urandom(32)).decode())
    before = raw(Member, register["member"].pk, "id_number")
    with pytest.raises(CommandError, match="都读不出"):
        rotate("--new-key-file", keys["new_file"], "--old-key-file", str(wrong))
    assert raw(Member, register["member"].pk, "id_number") == before


def test_a_key_of_the_wrong_size_is_refused(keys, tmp_path, db):
    short = tmp_path / "short"
    short.write_text(base64.urlsafe_b64encode(os.urandom(16)).decode())
    with pytest.raises(CommandError, match="32 bytes"):
        rotate("--new-key-file", str(short))
