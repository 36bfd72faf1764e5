"""The contact an objector left: shown in full only to the union that runs the round, and every
showing is audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from gonghui.conftest import make_user
from gonghui.core.models import AuditEntry
from gonghui.honours import actions
from gonghui.kernel.errors import Refused

REVEAL = "honours.objection.reveal"


def test_the_union_running_the_round_sees_the_contact_and_it_is_audited_once(
    public_objection, personas, tree
):
    contact = actions.objection_reveal(actor=personas.street, objection=public_objection)
    assert contact == "13812345678"
    (entry,) = AuditEntry.objects.filter(action=REVEAL)
    assert (entry.actor, entry.org, entry.object_id) == (
        personas.street,
        tree.street,
        str(public_objection.pk),
    )
    assert entry.detail == {"name": "陈建华", "round": "赤岗街道岗位能手评选"}
    # A union above it may too (its scope covers the round's union).
    assert actions.objection_reveal(actor=personas.city, objection=public_objection) == "13812345678"
    assert AuditEntry.objects.filter(action=REVEAL).count() == 2


@pytest.mark.parametrize("who", ["sibling", "grassroots", "district", "member", "viewer"])
def test_another_branch_the_nominating_union_and_a_read_only_role_are_refused(
    public_objection, personas, tree, who
):
    # sibling: 新港街道 (another branch); grassroots: the union that nominated; district: a clerk
    # above (may edit, may not review); viewer: a read-only role at the round's own union.
    actor = make_user("street_viewer", tree.street, "viewer") if who == "viewer" else getattr(personas, who)
    with pytest.raises(PermissionDenied):
        actions.objection_reveal(actor=actor, objection=public_objection)
    assert not AuditEntry.objects.filter(action=REVEAL).exists()


def test_an_objection_without_a_contact_has_nothing_to_show(public_objection, personas):
    recorded = actions.objection_record(
        actor=personas.street, nomination=public_objection.nomination, content="来电反映，未留姓名。"
    )
    with pytest.raises(Refused, match="没有留下联系方式"):
        actions.objection_reveal(actor=personas.street, objection=recorded)
    assert not AuditEntry.objects.filter(action=REVEAL).exists()
