"""Background jobs of the member register: ledger imports (big files run in the worker).

An uploaded ledger holds ID numbers in clear. It is kept in a folder only the service may
read (0700, the file 0600) and deleted when its import ends, whether it succeeded or failed;
the one exception is a ledger refused whole that has good rows, kept for the report's "import
only the good rows" until that re-run or for KEEP_SECONDS at most.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext, gettext_noop

from gonghui.core.jobs import JobError, Report, job_enqueue, job_run_now
from gonghui.core.models import Job
from gonghui.kernel import scope
from gonghui.kernel.errors import Refused
from gonghui.kernel.spreadsheet import size_text
from gonghui.orgs.models import Org

IMPORT_KIND = "members.import"
MAX_UPLOAD_BYTES = 90 * 1024 * 1024  # a million-row ledger is about 80 MB
LEDGER_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt"})
KEEP_SECONDS = 24 * 3600


def too_big() -> str:
    limit = size_text(MAX_UPLOAD_BYTES)
    return f"文件超过 {limit}，会员名册每次最多上传 {limit}，请分成几个文件导入。"


def upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "member-imports"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path


def import_store(upload: IO[bytes], *, file_name: str) -> tuple[str, int]:
    """Keep an uploaded ledger for its import: (stored name, size). Readable by the service
    only; a file over MAX_UPLOAD_BYTES or of another kind is refused and nothing is kept."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in LEDGER_SUFFIXES:
        raise Refused({"file": gettext("只能导入 Excel 文件（.xlsx、.xls）或 CSV 文件（.csv）。")})
    sweep()
    stored = f"{uuid.uuid4().hex}{suffix}"
    path = upload_dir() / stored
    size = 0
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
        try:
            while chunk := upload.read(1 << 20):
                size += len(chunk)
                if size > MAX_UPLOAD_BYTES:
                    raise Refused({"file": too_big()})
                out.write(chunk)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    return stored, size


def sweep(older_than: float = KEEP_SECONDS) -> None:
    """Ledgers whose import a dead worker never finished, or whose re-run never came."""
    limit = time.time() - older_than
    for p in upload_dir().glob("*"):
        with contextlib.suppress(OSError):
            if p.stat().st_mtime < limit:
                p.unlink()


def _discard(stored: str) -> None:
    if stored and "/" not in stored and stored not in (".", ".."):
        (upload_dir() / stored).unlink(missing_ok=True)


def import_enqueue(
    *, actor: Any, org: Org, stored: str, file_name: str, good_rows: bool, size: int, now: bool
) -> Job:
    """Queue the import of a stored upload into `org`; `now` runs it during the request (a small
    file), else the worker takes it and the page shows progress."""
    scope.require(actor, "edit", org)
    sweep()
    path = upload_dir() / stored
    try:
        real = path.stat().st_size
        path.chmod(0o600)
    except OSError:
        raise Refused({"file": gettext("上传的文件已不存在，请重新上传。")}) from None
    if max(size, real) > MAX_UPLOAD_BYTES:
        _discard(stored)
        raise Refused({"file": too_big()})
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
        raise Refused(gettext("这次导入没有指定工会。"))
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
    stored = str(params.get("stored_name", ""))
    keep = False
    try:
        org = Org.objects.get(pk=params["org_id"])
        path = upload_dir() / stored
        if not stored or not path.is_file():
            raise JobError(gettext_noop("上传的文件已不存在，请重新上传。"))
        try:
            result = run_import(
                actor=job.created_by, org=org, path=path, original_name=params.get("file_name", ""),
                good_rows=bool(params.get("good_rows")), job_id=job.pk, progress=report,
            )  # fmt: skip
        except FileRefused as exc:
            raise JobError(str(exc)) from None
        # Kept only while the report offers to import the good rows of a ledger refused whole.
        keep = not result.committed and result.ok_rows > 0
    finally:
        if not keep:
            _discard(stored)
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
