"""Background jobs of the member register: ledger imports (big files run in the worker)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

from gonghui.core.jobs import JobError, Report, job_enqueue, job_run_now
from gonghui.core.models import Job
from gonghui.kernel import scope
from gonghui.kernel.errors import Refused
from gonghui.orgs.models import Org

IMPORT_KIND = "members.import"


def upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "member-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def import_enqueue(
    *, actor: Any, org: Org, stored: str, file_name: str, good_rows: bool, size: int, now: bool
) -> Job:
    """Queue the import of a stored upload into `org`; `now` runs it during the request (a small
    file), else the worker takes it and the page shows progress."""
    scope.require(actor, "edit", org)
    job = job_enqueue(
        actor=actor, kind=IMPORT_KIND, org=org, title=f"导入会员名册：{file_name}",
        params={"org_id": org.pk, "stored_name": stored, "file_name": file_name, "good_rows": good_rows, "size": size},
    )  # fmt: skip
    return job_run_now(job) if now else job


def rerun_refusal(job: Job) -> str:
    """Why the good rows of this import cannot be imported on their own ("" when they can): the
    ledger was read, refused whole, had good rows, and is still kept."""
    stored = upload_dir() / str(job.params.get("stored_name", ""))
    if (
        not job.succeeded
        or job.result.get("committed")
        or not job.result.get("ok_rows")
        or not stored.is_file()
    ):
        return "这次导入不能再按“只导入无误的行”重新导入。"
    return ""


def import_rerun_good_rows(*, actor: Any, job: Job, now: bool) -> Job:
    """Import only the good rows of a ledger that was refused whole, as a new job."""
    if job.org is None:
        raise Refused("这次导入没有指定工会。")
    scope.require(actor, "edit", job.org)
    why = rerun_refusal(job)
    if why:
        raise Refused(why)
    p = job.params
    return import_enqueue(actor=actor, org=job.org, stored=p["stored_name"], file_name=p["file_name"],
                          good_rows=True, size=int(p.get("size", 0)), now=now)  # fmt: skip


def import_job(job: Job, report: Report) -> dict[str, Any]:
    from .importing import FileRefused, run_import

    params = job.params
    org = Org.objects.get(pk=params["org_id"])
    path = upload_dir() / params["stored_name"]
    if not path.exists():
        raise JobError("上传的文件已不存在，请重新上传。")
    try:
        result = run_import(
            actor=job.created_by, org=org, path=path, original_name=params.get("file_name", ""),
            good_rows=bool(params.get("good_rows")), job_id=job.pk, progress=report,
        )  # fmt: skip
    except FileRefused as exc:
        raise JobError(str(exc)) from None
    if result.committed:
        # The ledger holds ID numbers in clear: keep it only while a re-run may still need it.
        path.unlink(missing_ok=True)
    out = result.as_dict()
    out["org_id"] = org.pk
    return out


AUTOAPPROVE_KIND = "members.autoapprove_transfers"


def autoapprove_job(job: Job, report: Report) -> dict[str, Any]:
    """The 30-day rule as a job, for a worker that runs periodic work (cron runs the command)."""
    from .actions import auto_approve_days, transfers_auto_approve

    done = transfers_auto_approve()
    return {
        "summary": f"逾期 {auto_approve_days()} 日未答复视为同意：办结 {len(done)} 件转会申请。",
        "done": len(done),
    }


def transfers_due() -> None:
    """The worker applies the 30-day rule as it goes (no cron needed)."""
    from .actions import transfers_auto_approve

    transfers_auto_approve()
