"""Every page and API that takes a spreadsheet, against files made to hurt the reader.

Each path gets each hostile file (a sparse far corner, one in an .ods that only the reading
child can measure, a zip bomb, XML entities, an executable named .xlsx) and one over its size
limit. Each must be refused with a message in Chinese, leave nothing behind (no rows, no kept
upload, no audit row of the import), and leave the server answering.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gonghui.assistance.models import Payment
from gonghui.assistance.tests.factories import batch_in
from gonghui.core.models import AuditEntry
from gonghui.kernel.tests.hostile import HOSTILE
from gonghui.members.models import Member
from gonghui.units.models import Unit

OVERSIZED = "oversized"


def upload(name: str, data: bytes) -> io.BytesIO:
    f = io.BytesIO(data)
    f.name = name
    return f


def answer(client: Any, response: Any) -> str:
    """What the person is told: the page (after its redirect to the job's page) or the JSON."""
    if response.status_code == 302:
        response = client.get(response.url)
    text = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        text = json.dumps(response.json(), ensure_ascii=False)
    return text


def _member_import(client: Any, tree: Any, name: str, data: bytes) -> Any:
    return client.post("/members/import/", {"org": tree.grassroots.pk, "file": upload(name, data)})


def _unit_import_page(client: Any, tree: Any, name: str, data: bytes) -> Any:
    return client.post("/units/import/", {"org": "赤岗街道总工会", "file": upload(name, data)})


def _unit_import_api(client: Any, tree: Any, name: str, data: bytes) -> Any:
    return client.post("/api/units/import", {"org_id": tree.street.pk, "file": upload(name, data)})


def _bank_return(client: Any, tree: Any, name: str, data: bytes) -> Any:
    batch = batch_in(tree.street)
    return client.post(f"/assistance/batches/{batch.pk}/bank-return/", {"file": upload(name, data)})


PATHS: dict[str, Callable[[Any, Any, str, bytes], Any]] = {
    "member import": _member_import,
    "unit import (page)": _unit_import_page,
    "unit import (API)": _unit_import_api,
    "bank return file": _bank_return,
}
# Where each keeps its size limit, and the words its refusal uses.
LIMITS = {
    "member import": ("gonghui.members.jobs.MAX_UPLOAD_BYTES", "会员名册每次最多上传"),
    "unit import (page)": ("gonghui.units.importer.MAX_BYTES", "单位台账每次最多上传"),
    "unit import (API)": ("gonghui.units.importer.MAX_BYTES", "单位台账每次最多上传"),
    "bank return file": ("gonghui.assistance.payfiles.MAX_RETURN_BYTES", "银行回盘文件每次最多上传"),
}


def _nothing_written(media: Path) -> None:
    assert not Member.objects.exists() and not Unit.objects.exists()
    assert not Payment.objects.exclude(status=Payment.Status.PENDING).exists()
    assert not AuditEntry.objects.filter(
        action__in=["member.import", "unit.import", "assistance.batch.bank_return"]
    ).exists()
    kept = [p for p in media.rglob("*") if p.is_file()]
    assert kept == [], kept


@pytest.mark.parametrize("path", list(PATHS))
@pytest.mark.parametrize("hostile", [*HOSTILE, OVERSIZED])
def test_a_hostile_upload_is_refused_in_chinese_and_leaves_nothing(
    path, hostile, tree, personas, login, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = login(personas.street)
    if hostile == OVERSIZED:
        limit, said = LIMITS[path]
        monkeypatch.setattr(limit, 1024 * 1024)
        name, data = "名册.csv", ("姓名,身份证号码\n" + "张三,440105198506010011\n" * 60_000).encode()
        assert len(data) > 1024 * 1024
    else:
        name, data, said = HOSTILE[hostile]
    response = PATHS[path](client, tree, name, data)
    text = answer(client, response)
    assert said in text, text[:3000]
    if response.status_code == 202:  # the API's job, refused by its reading
        assert path.endswith("(API)") and response.json()["status"] == "failed"
    elif response.status_code == 302:  # the page's job, refused by its reading
        assert "失败" in text
    else:
        assert response.status_code == 422
    _nothing_written(Path(settings.MEDIA_ROOT))
    # The reader's failure was its own: this process still answers.
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("path", list(PATHS))
def test_a_reader_that_dies_is_a_refusal_and_changes_nothing(path, tree, personas, login, settings, tmp_path):
    # Every uploaded Excel file is parsed in a child process: with too little memory to read
    # even a good ledger, the child dies, the person is told, and nothing is written.
    from gonghui.kernel.tests.test_sheetguard import cell, row, xlsx

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGHUI_SHEET_CHILD_MEMORY = 16 * 1024 * 1024
    client = login(personas.street)
    data = xlsx(row(1, cell("A1", 1)) + row(2, cell("A2", 2)))
    text = answer(client, PATHS[path](client, tree, "花名册.xlsx", data))
    assert "读取该Excel文件时读取进程异常退出" in text and "没有导入任何数据" in text
    _nothing_written(Path(settings.MEDIA_ROOT))
    assert client.get("/").status_code == 200
