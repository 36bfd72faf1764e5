from __future__ import annotations

import pytest

from gonghui.conftest import Tree
from gonghui.honours.models import Round

from .factories import make_round


@pytest.fixture
def round(tree: Tree) -> Round:
    """广州市总工会's round of 市劳动模范: five places, two of them allotted to 海珠区."""
    from gonghui.honours import actions

    r = make_round(tree.guangzhou, places=5)
    actions.quota_set(actor=None, round=r, org=tree.haizhu, places=2)
    return r
