"""Uploaded files are stored readable by the service's own user only."""

from __future__ import annotations

import os
import stat

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage


@pytest.fixture
def usual_umask():
    """The umask a service usually runs with, which would leave files readable by all."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_stored_uploads_and_their_folders_are_the_services_only(settings, tmp_path, usual_umask):
    settings.MEDIA_ROOT = tmp_path / "media"
    storage = FileSystemStorage()
    name = storage.save("meetings/2026/纪要.pdf", ContentFile(b"%PDF-1.7 ..."))
    path = tmp_path / "media" / name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
