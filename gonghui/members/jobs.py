"""Background jobs of the member register: ledger imports (big files run in the worker)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

from gonghui.core.jobs import JobError, Report
from gonghui.core.models import Job
from gonghui.orgs.models import Org

IMPORT_KIND = "members.import"


def upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "member-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


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
