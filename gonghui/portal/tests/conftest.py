from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

import pytest

from gonghui.conftest import Tree, make_org
from gonghui.kernel.codes import id_number_make
from gonghui.orgs.models import Org
from gonghui.portal.models import TradeRoute

_seq = itertools.count(100)


def new_id(birth: dt.date = dt.date(1995, 3, 4)) -> str:
    return id_number_make("440303", birth, next(_seq))


def new_phone() -> str:
    return f"137{next(_seq):08d}"


def apply_values(**extra: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "李骑手", "id_number": new_id(), "phone": new_phone(), "password": "a-long-password-2026",
        "work": "employed", "employer_name": "", "employer_credit_code": "", "occupation": "", "platform": "",
        "home": None, "migrant_worker": True,
    }  # fmt: skip
    values.update(extra)
    return values


@pytest.fixture
def riders_union(tree: Tree) -> Org:
    """A union of delivery riders in 海珠区 (a joint grassroots union under the district), named by
    the district's table as the union that takes the riders living in it."""
    town = make_org(tree.haizhu, "海珠区新就业形态工会联合会筹备组", "town")
    union = make_org(town, "海珠区外卖骑手工会联合会", "grassroots", kind="joint")
    TradeRoute.objects.create(org=tree.haizhu, occupation="rider", receiving=union)
    return union


@pytest.fixture
def outbox(settings):  # type: ignore[no-untyped-def]
    """Notices kept in memory instead of sent (a sign-in code is read from here)."""
    from gonghui.services.notify import MemoryBackend

    settings.GONGHUI_NOTIFY_BACKEND = "gonghui.services.notify.MemoryBackend"
    MemoryBackend.outbox = []
    return MemoryBackend.outbox


def last_code(outbox: list[Any]) -> str:
    """The six digits of the last code sent."""
    found = re.search(r"\d{6}", outbox[-1].text)
    assert found is not None, outbox[-1].text
    return found.group(0)


def rider_with_password(tree: Tree) -> tuple[Any, Any]:
    """A member with a login and a password (冼骑手), and that login."""
    from gonghui.conftest import PASSWORD

    from .factories import member_with_login

    member = member_with_login(tree.grassroots, name="冼骑手", phone=new_phone())
    user = member.login.user
    user.set_password(PASSWORD)
    user.save()
    return member, user
