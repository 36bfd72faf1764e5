"""What only PostgreSQL shows: the COPY path, and an import killed half-way."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from gonghui.core.models import AuditEntry
from gonghui.members.importing import pipeline, run_import
from gonghui.members.models import Member, MemberEvent

from .conftest import ledger_row

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's COPY path"),
]
ROOT = Path(__file__).resolve().parents[3]

# Run in a child process: the import stops inside its write transaction (after every row is in
# the register, before the commit) and waits to be killed.
CHILD = """
import os, sys, time
import django
django.setup()
from gonghui.members.importing import pipeline
from gonghui.orgs.models import Org

def stop_here(*args, **kwargs):
    print("IN-WRITE", flush=True)
    time.sleep(120)

pipeline._audit = stop_here
org = Org.objects.get(pk=int(sys.argv[2]))
pipeline.run_import(actor=None, org=org, path=__import__("pathlib").Path(sys.argv[1]))
print("COMMITTED", flush=True)
"""


def _sessions_in_transaction() -> int:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE state LIKE 'idle in transaction%%' "
            "AND datname = current_database() AND pid <> pg_backend_pid()"
        )
        return int(cur.fetchone()[0])


def _database_url() -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_an_import_killed_in_its_write_phase_leaves_nothing_and_runs_again(tree, ledger):
    rows = [
        ledger_row("王" + "甲乙丙丁戊己庚辛壬癸"[i % 10] + "一二三四五六七八九十"[i // 10 % 10])
        for i in range(3000)
    ]
    path = ledger(rows)
    env = dict(os.environ, DATABASE_URL=_database_url(), DJANGO_SETTINGS_MODULE="config.settings.test")
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(tree.grassroots.pk)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        line = child.stdout.readline() if child.stdout else ""
        assert line.strip() == "IN-WRITE", child.stderr.read() if child.stderr else line
        # The child's transaction holds every row, uncommitted.
        assert _sessions_in_transaction() >= 1
        assert not Member.objects.exists()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    # The server notices the dead client, rolls its transaction back and ends the session.
    deadline = time.monotonic() + 20
    while _sessions_in_transaction() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _sessions_in_transaction() == 0
    assert not Member.objects.exists() and not MemberEvent.objects.exists()
    assert not AuditEntry.objects.filter(action="member.import").exists()
    # Running it again succeeds.
    result = run_import(actor=None, org=tree.grassroots, path=path)
    assert (
        result.committed and result.imported == 3000 == Member.objects.count() == MemberEvent.objects.count()
    )


@pytest.mark.django_db(transaction=True)
def test_a_failure_inside_the_write_transaction_leaves_nothing(tree, ledger, monkeypatch):
    path = ledger([ledger_row("王甲"), ledger_row("王乙")])

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline, "_audit", fail)
    with pytest.raises(RuntimeError):
        run_import(actor=None, org=tree.grassroots, path=path)
    assert not Member.objects.exists() and not MemberEvent.objects.exists()
    monkeypatch.undo()
    assert run_import(actor=None, org=tree.grassroots, path=path).imported == 2


def test_chunks_and_the_unique_index_decide_duplicates(tree, personas, ledger, monkeypatch):
    monkeypatch.setattr(pipeline, "CHUNK", 7)  # many chunks through COPY and INSERT … SELECT
    rows = [ledger_row("王" + "甲乙丙丁戊己庚辛壬癸"[i % 10] + "子丑寅卯"[i // 10]) for i in range(40)]
    existing = Member.objects.none()
    from .conftest import make_member

    holder = make_member(tree.sibling_grassroots)
    rows[25][1] = holder.id_number
    result = run_import(actor=personas.district, org=tree.grassroots, path=ledger(rows), good_rows=True)
    assert (result.imported, result.duplicates_in_register) == (39, 1)
    assert result.errors[0].row == 28 and "新港社区工会" in result.errors[0].message
    assert Member.objects.count() == 40 and not existing.exists()
    # The first chunks went in by plain INSERT; the one that met the holder was taken back to
    # its savepoint and decided row by row: one history row per member imported, none lost.
    imported = set(Member.objects.exclude(pk=holder.pk).values_list("pk", flat=True))
    history = list(MemberEvent.objects.filter(kind="imported").values_list("member_id", flat=True))
    assert len(history) == 39 and set(history) == imported


def test_a_ledger_imported_again_meets_the_unique_index_and_says_they_are_members_here(
    tree, personas, ledger, monkeypatch
):
    monkeypatch.setattr(pipeline, "CHUNK", 3)
    path = ledger([ledger_row("王" + c) for c in "甲乙丙丁戊"])
    assert run_import(actor=personas.street, org=tree.grassroots, path=path).imported == 5
    again = run_import(actor=personas.street, org=tree.grassroots, path=path)
    assert (again.committed, again.imported, again.errors, again.already_here) == (
        True,
        0,
        [],
        [3, 4, 5, 6, 7],
    )
    assert Member.objects.count() == 5 and MemberEvent.objects.filter(kind="imported").count() == 5
