from __future__ import annotations

import datetime as dt

import pytest

from gonghui.conftest import Tree
from gonghui.meetings.models import Committee

from .factories import make_committee

START = dt.date(2012, 11, 28)


@pytest.fixture
def committee(tree: Tree) -> Committee:
    """广州市总工会第十七届委员会: a chair and eleven members (twelve in all)."""
    return make_committee(
        tree.guangzhou, term=17, starts_on=START, members=12, chair="赵小穗", seats_planned=15
    )
