from __future__ import annotations

import pytest

from gonghui.conftest import Tree
from gonghui.jobfairs.models import Fair

from .factories import make_fair


@pytest.fixture
def fair(tree: Tree) -> Fair:
    """广州市总工会's 春风行动 fair, open today."""
    return make_fair(tree.guangzhou, title="2026年春风行动广州站启动仪式暨大型招聘会")
