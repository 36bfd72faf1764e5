"""The task queue under the jobs: retries with backoff, lost workers, interruptions, periodic
work once per period, and a real worker process stopped and killed half-way (PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import OperationalError, connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gonghui.core import jobs
from gonghui.core.models import Job, PeriodicSlot
from gonghui.core.tests import slow_worker
from gonghui.kernel.registry import Module, Periodic, Structure, registry, unchanged
from gonghui.orgs.models import Org

ROOT = Path(__file__).resolve().parents[3]
calls: dict[str, int] = {}


def _flaky(job, report):
    """Fails like a database restarting, the first `fail` times."""
    calls["flaky"] = calls.get("flaky", 0) + 1
    if calls["flaky"] <= job.params["fail"]:
        raise OperationalError("server closed the connection unexpectedly")
    return {"ok": calls["flaky"]}


def _pay(job, report):
    """Checks, then pays in one transaction; `stop` interrupts it as a stopping worker would."""
    report(1, 2, "核对")
    if job.params.get("stop") == "before" and not calls.get("stopped"):
        calls["stopped"] = 1
        raise jobs.WorkerStopping("SIGTERM")
    with transaction.atomic():
        Org.objects.filter(pk=job.org_id).update(short_name=Concat(F("short_name"), Value("付")))
    report(2, 2, "已支付")
    if job.params.get("stop") == "after" and not calls.get("stopped"):
        calls["stopped"] = 1
        raise jobs.WorkerStopping("SIGTERM")
    return {"paid": 1}


def _undo_then_refuse(job, report):
    """Puts its record back on purpose, then refuses (as a batch whose fund is gone does)."""
    with transaction.atomic():
        Org.objects.filter(pk=job.org_id).update(short_name="已退回")
    raise jobs.JobError("本单位尚无本年度帮扶专项资金。")


def _tick():
    calls["tick"] = calls.get("tick", 0) + 1


@pytest.fixture
def kinds():
    calls.clear()
    module = Module(
        name="test_queue", title="测试", jobs={"test.flaky": _flaky, "test.pay": _pay, "test.undo": _undo_then_refuse},
        periodic=(Periodic("test.tick", _tick, every=60),),
        structure=Structure(merged=unchanged, split=unchanged, relocated=unchanged, dissolved=unchanged),
    )  # fmt: skip
    with registry.extra(module):
        yield


def _task(job: Job) -> DBTaskResult:
    job.refresh_from_db()
    return DBTaskResult.objects.get(pk=job.task_id)


def test_a_job_and_its_task_are_committed_together(tree, personas, kinds):
    with pytest.raises(RuntimeError), transaction.atomic():
        jobs.job_enqueue(actor=personas.street, kind="test.pay", org=tree.street, params={})
        raise RuntimeError
    assert not Job.objects.exists() and not DBTaskResult.objects.exists()
    job = jobs.job_enqueue(actor=personas.street, kind="test.pay", org=tree.street, params={})
    assert _task(job).status == "READY" and _task(job).args_kwargs["args"] == [job.pk]


def test_a_passing_failure_is_tried_again_later_with_a_growing_delay(tree, personas, kinds, settings, login):
    settings.GONGHUI_JOB_RETRY_DELAY = 30
    job = jobs.job_enqueue(actor=personas.street, kind="test.flaky", org=tree.street, params={"fail": 2})
    assert jobs.job_run_pending() == 1
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("queued", 1) and "30 秒后自动重试" in job.message
    page = login(personas.street).get(f"/jobs/{job.pk}/").content.decode()
    assert (
        "排队中" in page and "数据库暂时不可用），30 秒后自动重试" in page and "OperationalError" not in page
    )
    waiting = _task(job)
    assert dt.timedelta(seconds=25) < waiting.run_after - timezone.now() <= dt.timedelta(seconds=30)
    assert jobs.job_run_pending() == 0  # not before its time
    DBTaskResult.objects.filter(pk=waiting.pk).update(run_after=timezone.now())
    assert jobs.job_run_pending() == 1
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("queued", 2) and "60 秒后自动重试" in job.message
    DBTaskResult.objects.filter(pk=job.task_id).update(run_after=timezone.now())
    jobs.job_run_pending()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result) == ("done", 3, {"ok": 3})


def test_a_job_that_keeps_failing_stops_after_its_attempts(tree, personas, kinds, settings):
    settings.GONGHUI_JOB_RETRY_DELAY = 0
    settings.GONGHUI_JOB_MAX_ATTEMPTS = 2
    job = jobs.job_enqueue(actor=personas.street, kind="test.flaky", org=tree.street, params={"fail": 5})
    jobs.job_run_pending()
    job.refresh_from_db()
    assert (job.status, job.attempts, calls["flaky"]) == ("failed", 2, 2)
    assert f"任务编号 {job.pk}" in job.error and "OperationalError" not in job.error


def test_a_refusal_keeps_what_the_handler_put_back_on_purpose(tree, personas, kinds):
    job = jobs.job_enqueue(actor=personas.street, kind="test.undo", org=tree.street, params={})
    jobs.job_run_pending()
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "本单位尚无本年度帮扶专项资金。")
    assert Org.objects.get(pk=tree.street.pk).short_name == "已退回"


def test_a_job_whose_worker_was_lost_is_put_back_and_run_once(tree, personas, kinds):
    job = jobs.job_enqueue(actor=personas.street, kind="test.pay", org=tree.street, params={})
    taken = jobs.job_claim_next()
    assert taken is not None and taken.status == "running"
    # That worker died: its heartbeat stopped two minutes ago.
    Job.objects.filter(pk=job.pk).update(
        worker="app2:4242:gone", heartbeat_at=timezone.now() - dt.timedelta(minutes=2)
    )
    lost_task = job.task_id
    assert jobs.jobs_recover(lease=300) == 0  # still within its lease
    assert jobs.jobs_recover(lease=60) == 1
    job.refresh_from_db()
    assert job.status == "queued" and job.task_id != lost_task and "重新排队" in job.message
    assert DBTaskResult.objects.get(pk=lost_task).status == "FAILED"
    assert jobs.job_run_pending() == 1
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 2)
    assert Org.objects.get(pk=tree.street.pk).short_name == "付"


def test_a_lost_job_that_used_its_attempts_fails_and_says_so(tree, personas, kinds, settings):
    settings.GONGHUI_JOB_MAX_ATTEMPTS = 1
    job = jobs.job_enqueue(actor=personas.street, kind="test.pay", org=tree.street, params={})
    jobs.job_claim_next()
    Job.objects.filter(pk=job.pk).update(
        worker="app2:4242:gone", heartbeat_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert jobs.jobs_recover() == 1
    job.refresh_from_db()
    assert job.status == "failed" and "中断" in job.error and jobs.job_run_pending() == 0


def test_a_worker_does_not_take_back_its_own_running_job(tree, personas, kinds):
    job = jobs.job_enqueue(actor=personas.street, kind="test.pay", org=tree.street, params={})
    jobs.job_claim_next()
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(hours=1))
    assert jobs.jobs_recover() == 0


def test_a_job_interrupted_before_it_paid_goes_back_and_pays_once(tree, personas, kinds):
    job = jobs.job_enqueue(actor=personas.street, kind="test.pay", org=tree.street, params={"stop": "before"})
    assert jobs.job_run_pending(limit=1) == 1
    job.refresh_from_db()
    assert job.status == "queued" and "放回队列" in job.message and job.attempts == 0
    assert Org.objects.get(pk=tree.street.pk).short_name == ""
    assert jobs.job_run_pending() == 1
    job.refresh_from_db()
    assert (job.status, job.result) == ("done", {"paid": 1})
    assert Org.objects.get(pk=tree.street.pk).short_name == "付"


@pytest.mark.postgresql
def test_on_postgresql_a_job_interrupted_after_it_paid_keeps_nothing_and_pays_once(tree, personas, kinds):
    if connection.vendor != "postgresql":
        pytest.skip("the handler's work and the job's end commit together on PostgreSQL")
    job = jobs.job_enqueue(actor=personas.street, kind="test.pay", org=tree.street, params={"stop": "after"})
    jobs.job_run_pending(limit=1)
    job.refresh_from_db()
    assert job.status == "queued" and Org.objects.get(pk=tree.street.pk).short_name == ""
    jobs.job_run_pending()
    job.refresh_from_db()
    assert job.status == "done" and Org.objects.get(pk=tree.street.pk).short_name == "付"


@pytest.mark.postgresql
def test_on_postgresql_a_batch_payment_interrupted_before_done_debits_the_fund_once(
    tree, personas, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("the handler's work and the job's end commit together on PostgreSQL")
    from decimal import Decimal

    from gonghui.assistance import actions
    from gonghui.assistance.actions import batches
    from gonghui.assistance.models import Batch, Fund
    from gonghui.assistance.tests.actions.test_batches import new_batch
    from gonghui.assistance.tests.factories import fund_with, make_household, setup_lines_and_rules

    setup_lines_and_rules(tree.province)
    rules = tree
    for _ in range(12):
        make_household(rules.grassroots, family=[], monthly_income="900", rigid_expenses="0")
    monkeypatch.setattr(batches, "INLINE_LINES", 10)
    fund = fund_with(rules.street, "20000")
    batch = new_batch(rules, personas.street)
    job = actions.batch_approve(actor=personas.street, batch=batch)
    finish = jobs._finish

    def stopped_at_the_end(*args, **kwargs):  # the payment is made; the worker is told to stop
        monkeypatch.setattr(jobs, "_finish", finish)
        raise jobs.WorkerStopping("SIGTERM")

    monkeypatch.setattr(jobs, "_finish", stopped_at_the_end)
    jobs.job_run_pending(limit=1)
    job.refresh_from_db()
    fund.refresh_from_db()
    assert job.status == "queued" and fund.balance == Decimal("20000")
    assert Batch.objects.get(pk=batch.pk).state == Batch.State.APPROVING
    assert jobs.job_run_pending() == 1
    job.refresh_from_db()
    assert job.status == "done"
    assert Fund.objects.get(pk=fund.pk).balance == Decimal("20000") - Decimal("600") * 12
    assert Batch.objects.get(pk=batch.pk).state == Batch.State.APPROVED


def test_periodic_work_is_queued_once_per_period_however_many_workers(kinds, db):
    first, second = jobs.Periods(), jobs.Periods()  # two workers, on two machines
    at = 1_800_000_000.0
    assert first.tick(at) >= 1
    assert second.tick(at + 1) == 0 and first.tick(at + 2) == 0
    queued = DBTaskResult.objects.filter(
        task_path=jobs.run_periodic.module_path, args_kwargs__args=["test.tick"]
    )
    assert queued.count() == 1 and PeriodicSlot.objects.filter(name="test.tick").count() == 1
    jobs.job_run_pending()
    assert calls["tick"] == 1
    assert second.tick(at + 60) >= 1 and first.tick(at + 61) == 0  # the next period: once again
    jobs.job_run_pending()
    assert calls["tick"] == 2


def test_a_periodic_run_that_fails_is_logged_and_the_next_period_runs(kinds, db, caplog):
    def broken():
        raise RuntimeError("报表库不可用")

    module = Module(
        name="test_queue_broken", title="测试", periodic=(Periodic("test.broken", broken, every=60),),
        structure=Structure(merged=unchanged, split=unchanged, relocated=unchanged, dissolved=unchanged),
    )  # fmt: skip
    with registry.extra(module):
        jobs.Periods().tick(1_800_000_000.0)
        jobs.job_run_pending()
    failed = DBTaskResult.objects.get(args_kwargs__args=["test.broken"])
    assert failed.status == "FAILED" and "报表库不可用" in failed.traceback
    assert calls["tick"] == 1


# -- a real worker process, stopped and killed (PostgreSQL: several processes, one database) ----


def _database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "") + (":" + quote(s["PASSWORD"]) if s["PASSWORD"] else "")
    return f"postgres://{auth}@{quote(s['HOST'] or 'localhost', safe='')}:{s['PORT'] or 5432}/{s['NAME']}"


def _worker(**env: str) -> subprocess.Popen[bytes]:
    full = {
        **os.environ, "DATABASE_URL": _database_url(), "DJANGO_SETTINGS_MODULE": "config.settings.test", **env,
    }  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "gonghui.core.tests.slow_worker"], cwd=ROOT, env=full,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip


def _wait(what, timeout: float = 60.0):  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if found := what():
            return found
        time.sleep(0.05)
    raise AssertionError("waited in vain")


def _running(job: Job) -> bool:
    job.refresh_from_db()
    return job.status == "running" and job.done >= 2


@pytest.fixture
def slow(kinds, tree, personas):
    """Enqueues the slow kind's job for the street (worker processes on one database: PostgreSQL)."""
    if connection.vendor != "postgresql":
        pytest.skip("worker processes on the test database: PostgreSQL")
    with registry.extra(slow_worker.MODULE):
        yield lambda **params: jobs.job_enqueue(
            actor=personas.street, kind=slow_worker.KIND, org=tree.street, params=params
        )


@pytest.fixture
def start():
    """Starts a worker process; those still running at the end are killed."""
    started: list[subprocess.Popen[bytes]] = []

    def worker(**env: str) -> subprocess.Popen[bytes]:
        started.append(_worker(**env))
        return started[-1]

    yield worker
    for p in started:
        if p.poll() is None:
            p.kill()
        p.wait(timeout=30)


def _sigterm_while_running(job: Job, worker: subprocess.Popen[bytes]) -> None:
    """Stops the worker with SIGTERM once the job is under way; the worker exits cleanly."""
    _wait(lambda: _running(job))
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=60) == 0
    job.refresh_from_db()


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_s_job_is_run_again_by_another_and_pays_once(tree, slow, start):
    job = slow(n=20, pause=0.1, pause_after=5)
    first = start(GONGHUI_JOB_LEASE="3")
    _wait(lambda: _running(job))
    # Its progress shows while it runs, from the side thread's own connection.
    assert 2 <= job.done <= 20 and job.total == 20
    _wait(lambda: job.refresh_from_db() or job.done == 20)
    time.sleep(1)  # inside the payment's transaction now
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    job.refresh_from_db()
    assert job.status == "running" and Org.objects.get(pk=tree.street.pk).short_name == ""
    second = start(GONGHUI_JOB_LEASE="3")
    _wait(lambda: job.refresh_from_db() or job.status == "done", timeout=120)
    assert job.attempts == 2 and job.result == {"paid": 20}
    assert Org.objects.get(pk=tree.street.pk).short_name == "付"
    second.send_signal(signal.SIGTERM)
    assert second.wait(timeout=30) == 0


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_sigterm_lets_the_running_job_finish(tree, slow, start):
    job = slow(n=20, pause=0.1)
    _sigterm_while_running(job, start(GONGHUI_WORKER_GRACE="60"))
    assert (job.status, job.attempts) == ("done", 1)
    assert Org.objects.get(pk=tree.street.pk).short_name == "付"


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_sigterm_puts_back_a_job_that_would_outlast_the_grace(tree, slow, start):
    job = slow(n=600, pause=0.1)
    _sigterm_while_running(job, start(GONGHUI_WORKER_GRACE="1"))
    assert job.status == "queued" and "放回队列" in job.message and job.attempts == 0
    assert Org.objects.get(pk=tree.street.pk).short_name == ""
    Job.objects.filter(pk=job.pk).update(params={"n": 2, "pause": 0})
    jobs.job_run_pending()  # the job, and the periodic work that worker queued as it started
    job.refresh_from_db()
    assert job.status == "done" and Org.objects.get(pk=tree.street.pk).short_name == "付"


def test_in_english_the_job_page_shows_a_requeued_job_s_words_in_english(tree, personas, kinds, login):
    job = jobs.job_enqueue(actor=personas.street, kind="test.pay", org=tree.street, params={"stop": "before"})
    assert jobs.job_run_pending(limit=1) == 1
    client = login(personas.street)
    page = client.get(f"/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "back in the queue" in page and "放回队列" not in page
