"""An uploaded ledger holds ID numbers in clear: kept for the service only, and not for long."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from gonghui.core.jobs import job_run_pending
from gonghui.core.models import Job
from gonghui.members import jobs
from gonghui.members.models import Member

from .conftest import ledger_row


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def usual_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def kept(media: Path) -> list[Path]:
    folder = media / "member-imports"
    return sorted(folder.iterdir()) if folder.exists() else []


def post(client, tree, path):
    with path.open("rb") as f:
        return client.post("/members/import/", {"org": tree.grassroots.pk, "file": f})


def test_a_ledger_waiting_for_the_worker_is_readable_by_the_service_only(
    tree, personas, login, ledger, media, monkeypatch, usual_umask
):
    from gonghui.members import views

    monkeypatch.setattr(views, "INLINE_IMPORT_BYTES", 0)
    post(login(personas.street), tree, ledger([ledger_row("王甲")]))
    [stored] = kept(media)
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(stored.parent.stat().st_mode) == 0o700
    assert job_run_pending() == 1 and Member.objects.count() == 1
    assert kept(media) == []  # imported: deleted


def test_a_ledger_whose_import_fails_is_deleted(tree, personas, login, ledger, media):
    r = post(login(personas.street), tree, ledger([["x", "y"]], headers=["甲", "乙"]))
    assert r.status_code == 302
    job = Job.objects.get(kind="members.import")
    assert job.failed and "没有找到表头" in job.error
    assert kept(media) == []


def test_a_ledger_refused_whole_is_kept_for_its_good_rows_and_then_deleted(
    tree, personas, login, ledger, media
):
    client = login(personas.street)
    post(client, tree, ledger([ledger_row("好人"), ledger_row("坏人", "4.40305E+17")]))
    job = Job.objects.get(kind="members.import")
    assert len(kept(media)) == 1  # the report offers "import only the good rows"
    client.post(f"/members/import/{job.pk}/good-rows/")
    assert Member.objects.get().name == "好人" and kept(media) == []


def test_a_ledger_with_no_good_rows_is_not_kept(tree, personas, login, ledger, media):
    post(login(personas.street), tree, ledger([ledger_row("坏人", "4.40305E+17")]))
    assert Job.objects.get(kind="members.import").succeeded and kept(media) == []


def test_ledgers_left_behind_are_swept_after_a_day(tree, personas, login, ledger, media):
    client = login(personas.street)
    post(client, tree, ledger([ledger_row("好人"), ledger_row("坏人", "4.40305E+17")]))
    [old] = kept(media)
    day_ago = time.time() - jobs.KEEP_SECONDS - 60
    os.utime(old, (day_ago, day_ago))
    post(client, tree, ledger([ledger_row("王乙")]))
    assert kept(media) == []


def test_an_upload_over_the_limit_is_refused_naming_it_and_not_kept(
    tree, personas, login, ledger, media, monkeypatch
):
    monkeypatch.setattr(jobs, "MAX_UPLOAD_BYTES", 1024)
    r = post(login(personas.street), tree, ledger([ledger_row(f"王{c}") for c in "甲乙丙丁戊己庚辛"]))
    assert r.status_code == 422
    assert "文件超过 1 KB，会员名册每次最多上传 1 KB，请分成几个文件导入。" in r.content.decode()
    assert kept(media) == [] and not Job.objects.exists()
