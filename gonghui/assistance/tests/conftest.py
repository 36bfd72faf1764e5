from __future__ import annotations

import pytest

from gonghui.conftest import Tree

from .factories import setup_lines_and_rules


@pytest.fixture
def rules(tree: Tree) -> Tree:
    """The personas' tree with 广州's 低保 line and the province's approval rules."""
    setup_lines_and_rules(tree.province)
    return tree
