import pytest
from django.db import transaction

from gonghui.core import jobs
from gonghui.core.models import Job
from gonghui.kernel.registry import Module, Structure, registry, unchanged
from gonghui.orgs.models import Org


def _count(job, report):
    n = job.params["n"]
    for i in range(n):
        report(i + 1, n, f"第 {i + 1} 项")
    return {"summary": f"共 {n} 项"}


def _crash(job, report):
    with transaction.atomic():
        Org.objects.filter(pk=job.org_id).update(short_name="不应留下")
        return {"value": 1 / 0}


def _refuse(job, report):
    with transaction.atomic():
        Org.objects.filter(pk=job.org_id).update(short_name="不应留下")
        raise jobs.JobError("第 3 行身份证号校验位错误")


@pytest.fixture
def kinds():
    jobs_module = Module(
        name="test_jobs", title="测试", jobs={"test.count": _count, "test.refuse": _refuse, "test.crash": _crash},
        structure=Structure(merged=unchanged, split=unchanged, relocated=unchanged, dissolved=unchanged),
    )  # fmt: skip
    with registry.extra(jobs_module):
        yield


def test_job_runs_with_progress_and_result(tree, personas, kinds, login):
    job = jobs.job_enqueue(
        actor=personas.street, kind="test.count", org=tree.street, params={"n": 5}, title="计数"
    )
    assert job.status == "queued"
    assert jobs.job_run_pending() == 1
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.percent, job.result) == (
        "done",
        5,
        5,
        100,
        {"summary": "共 5 项"},
    )
    page = login(personas.street).get(f"/jobs/{job.pk}/").content.decode()
    assert "共 5 项" in page and "已完成" in page


def test_failed_job_shows_the_reason_and_leaves_nothing(tree, personas, kinds):
    job = jobs.job_enqueue(actor=personas.street, kind="test.refuse", org=tree.street, params={})
    jobs.job_run_pending()
    job.refresh_from_db()
    assert job.status == "failed" and "校验位错误" in job.error
    assert Org.objects.get(pk=tree.street.pk).short_name == ""


def test_a_crashed_job_tells_the_person_in_chinese_and_the_log_the_traceback(
    tree, personas, kinds, login, caplog
):
    job = jobs.job_enqueue(actor=personas.street, kind="test.crash", org=tree.street, params={})
    jobs.job_run_pending()
    job.refresh_from_db()
    assert job.status == "failed" and f"任务编号 {job.pk}" in job.error
    for leak in ("Traceback", 'File "', ".py", "ZeroDivisionError", "division by zero"):
        assert leak not in job.error
    page = login(personas.street).get(f"/jobs/{job.pk}/").content.decode()
    assert "任务执行出错" in page and "Traceback" not in page and "ZeroDivisionError" not in page
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert f"job {job.pk}" in logged and any(r.exc_info for r in caplog.records)
    assert Org.objects.get(pk=tree.street.pk).short_name == ""


def test_a_job_is_claimed_once(tree, personas, kinds):
    jobs.job_enqueue(actor=personas.street, kind="test.count", org=tree.street, params={"n": 1})
    first = jobs.job_claim_next()
    assert first is not None and first.status == "running"
    assert jobs.job_claim_next() is None


def test_sibling_cannot_see_the_job(tree, personas, kinds, login):
    job = jobs.job_enqueue(actor=personas.street, kind="test.count", org=tree.street, params={"n": 1})
    assert login(personas.sibling).get(f"/jobs/{job.pk}/").status_code == 403
    assert login(personas.district).get(f"/jobs/{job.pk}/").status_code == 200
    assert Job.objects.count() == 1
