"""Bulletin fixtures on the shared personas' tree: the province runs 《工作简报》."""

from __future__ import annotations

from pathlib import Path

import pytest

from gonghui.bulletin.models import Bulletin
from gonghui.bulletin.tests.factories import make_bulletin

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed_000_27272cd6bd636cd5.txt"


@pytest.fixture
def bulletin(tree) -> Bulletin:  # type: ignore[no-untyped-def]
    return make_bulletin(tree.province)


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Uploaded photos go to a throwaway folder, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
