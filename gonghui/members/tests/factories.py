"""Members and transfers inside a given org, for the scope walk (any level, bypassing rules)."""

from __future__ import annotations

import datetime as dt
import itertools

from gonghui.kernel.codes import id_number_make
from gonghui.members import keys
from gonghui.members.models import Member, Transfer
from gonghui.orgs.models import Org

_seq = itertools.count(1)


def member_in(org: Org) -> Member:
    found = Member.objects.filter(org=org).first()
    if found is not None:
        return found
    n = next(_seq)
    number = id_number_make("440105", dt.date(1970, 1, 1) + dt.timedelta(days=n), n % 1000)
    return Member.objects.create(
        org=org, name=f"走查{org.pk}", id_number=number, id_number_bidx=keys.id_bidx(number),
        birth_date=dt.date(1970, 1, 1), sex="男", status="active", join_date=dt.date(2000, 1, 1),
    )  # fmt: skip


def transfer_in(org: Org) -> Transfer:
    """A transfer whose both sides are `org` (so that it is outside the same scopes)."""
    member = member_in(org)
    found = Transfer.objects.filter(member=member).first()
    return found or Transfer.objects.create(member=member, from_org=org, to_org=org)


# The scope walk's URL arguments (gonghui/core/tests/test_scope_walk.py): a maker of each, in an org.
WALK = {
    "member_id": member_in,
    "transfer_id": transfer_in,
}
