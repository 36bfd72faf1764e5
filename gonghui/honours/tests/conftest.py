from __future__ import annotations

import datetime as dt

import pytest

from gonghui.conftest import Tree
from gonghui.honours.models import Objection, Round
from gonghui.kernel import cleaning

from .factories import climb, make_round, nominate


@pytest.fixture
def round(tree: Tree) -> Round:
    """广州市总工会's round of 市劳动模范: five places, two of them allotted to 海珠区."""
    from gonghui.honours import actions

    r = make_round(tree.guangzhou, places=5)
    actions.quota_set(actor=None, round=r, org=tree.haizhu, places=2)
    return r


@pytest.fixture
def public_objection(tree: Tree) -> Objection:
    """赤岗街道总工会's own round in 公示, and an objection from its public page that left a phone."""
    from gonghui.honours import actions

    street_kind = actions.kind_create(
        actor=None, org=tree.street, name="赤岗街道岗位能手", level="other", category="title",
        awarding_body="赤岗街道总工会",
    )  # fmt: skip
    round = actions.round_open(
        actor=None, org=tree.street, kind=street_kind, title="赤岗街道岗位能手评选", year=cleaning.today().year,
        places=2, nominate_until=cleaning.today() + dt.timedelta(days=30),
    )  # fmt: skip
    chen = climb(nominate(round, tree.grassroots, "陈建华"))
    round = actions.round_publish(actor=None, round=round)
    return actions.objection_submit_public(
        actor=None, round=round, nomination_id=chen.pk, raised_by="王先生", contact="13812345678",
        content="其事迹中的技术革新并非本人完成。", client="10.0.0.1",
    )  # fmt: skip
