"""Import through the page (inline and through the worker), the template, and the CLI."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from python_calamine import CalamineWorkbook

from gonghui.core.jobs import job_run_pending
from gonghui.core.models import Job
from gonghui.units import importer
from gonghui.units.models import Unit

from .factories import unit_code
from .test_importer import good_row, xlsx


def upload(data, name="台账.xlsx"):
    f = io.BytesIO(data)
    f.name = name
    return f


def test_small_file_is_checked_at_once_and_the_report_shown(tree, personas, login, media):
    client = login(personas.street)
    bad = xlsx([good_row("甲"), [unit_code(), "乙", "03", "170", -3, 0, 0, ""]])
    r = client.post("/units/import/", {"org": "赤岗街道总工会", "file": upload(bad)})
    assert r.status_code == 302
    job = Job.objects.get(kind="units.import")
    assert job.status == "done" and r.url == f"/units/import/{job.pk}/"
    page = client.get(r.url).content.decode()
    assert (
        "未导入任何单位" in page
        and "第 3 行" in page
        and "E列（职工人数）" in page
        and "不能小于0，现为-3" in page
    )
    assert not Unit.objects.exists()
    assert not list(Path(media, "imports").iterdir())  # the upload is not kept
    r = client.post(
        "/units/import/", {"org": tree.street.credit_code, "file": upload(bad), "good_rows": "on"}
    )
    page = client.get(r.url).content.decode()
    assert "导入 1 个单位" in page and "查看导入的单位" in page
    assert Unit.objects.count() == 1


def test_large_file_runs_in_the_worker_with_progress(tree, personas, login, media, monkeypatch):
    monkeypatch.setattr(importer, "INLINE_BYTES", 0)
    client = login(personas.street)
    r = client.post(
        "/units/import/",
        {"org": "赤岗街道总工会", "file": upload(xlsx([good_row(f"厂{i}") for i in range(50)]))},
    )
    job = Job.objects.get(kind="units.import")
    assert job.status == "queued"
    page = client.get(r.url).content.decode()
    assert "排队中" in page and 'hx-trigger="every 1s"' in page and "<progress" in page
    assert job_run_pending() == 1
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.result["created"]) == ("done", 50, 50, 50)
    partial = client.get(r.url, HTTP_HX_REQUEST="true").content.decode()
    assert "已全部导入（50 个单位）" in partial and "every 1s" not in partial


def test_the_import_page_refuses_other_subtrees_and_bad_input(tree, personas, login, media):
    client = login(personas.street)
    data = xlsx([good_row("甲")])
    r = client.post("/units/import/", {"org": "新港街道总工会", "file": upload(data)})
    assert r.status_code == 422 and "在您的管辖范围内找不到「新港街道总工会」" in r.content.decode()
    assert client.get(f"/units/import/?org={tree.sibling_street.pk}").status_code == 403
    r = client.post("/units/import/", {"org": "赤岗街道总工会", "file": upload(b"x", "a.pdf")})
    assert r.status_code == 422 and "只能导入" in r.content.decode()
    r = client.post("/units/import/", {"org": "赤岗街道总工会"})
    assert r.status_code == 422
    assert not Unit.objects.exists() and not Job.objects.exists()


def test_a_sibling_cannot_watch_the_import(tree, personas, login, media):
    login(personas.street).post(
        "/units/import/", {"org": "赤岗街道总工会", "file": upload(xlsx([good_row()]))}
    )
    job = Job.objects.get()
    assert login(personas.sibling).get(f"/units/import/{job.pk}/").status_code == 403


def test_a_failed_job_leaves_nothing(tree, personas, login, media, monkeypatch):
    def die(*args, **kwargs):
        raise RuntimeError("killed")

    from gonghui.units.models import UnitVersion

    monkeypatch.setattr(UnitVersion.objects, "bulk_create", die)
    client = login(personas.street)
    r = client.post("/units/import/", {"org": "赤岗街道总工会", "file": upload(xlsx([good_row()]))})
    job = Job.objects.get()
    assert job.status == "failed" and not Unit.objects.exists()
    assert "没有导入任何数据" in client.get(r.url).content.decode()


def test_template_has_drop_down_lists_and_round_trips(tree, personas, login, media):
    client = login(personas.street)
    r = client.get(f"/units/import/template/{tree.street.pk}/")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    data = b"".join(r.streaming_content)
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.sheet_names == ["单位台账", "代码表", "填表说明"]
    header = book.get_sheet_by_name("单位台账").to_python()[0]
    assert header[:5] == ["统一社会信用代码", "单位名称", "行业", "单位类别", "职工人数"]
    codes = book.get_sheet_by_name("代码表").to_python()
    assert codes[1][:3] == ["01 农林牧渔", "110 国有企业", "赤岗街道联合工会"]
    import zipfile

    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert sheet_xml.count("<dataValidation ") >= 5 and "代码表" in sheet_xml
    # Filled in as a clerk would: values chosen from the drop-down lists.
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("单位台账")
    sheet.write_row(0, 0, header)
    sheet.write_row(
        1, 0, [unit_code(), "赤岗模板厂", codes[3][0], codes[9][1], 40, 10, 5, "", "", "", codes[1][2]]
    )
    book.close()
    r = client.post("/units/import/", {"org": "赤岗街道总工会", "file": upload(buf.getvalue())})
    assert r.status_code == 302, r.content.decode()
    job = Job.objects.get(kind="units.import")
    assert job.result["created"] == 1, job.result
    unit = Unit.objects.get()
    assert (unit.industry, unit.unit_type, unit.covering_org) == ("03", "170", tree.grassroots)
    assert login(personas.sibling).get(f"/units/import/template/{tree.street.pk}/").status_code == 403


def test_cli_imports_with_a_progress_line(tree, personas, tmp_path, capsys):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(xlsx([good_row(f"厂{i}") for i in range(5)]))
    call_command(
        "import_units", str(path), "--org", tree.street.credit_code, "--user", personas.street.username
    )
    out = capsys.readouterr().out
    assert "\r正在检查" in out and "已全部导入（5 个单位）" in out
    assert Unit.objects.count() == 5


def test_cli_refuses_with_errors_and_outside_the_scope(tree, personas, tmp_path, capsys):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(xlsx([good_row("甲"), good_row("乙", employees="很多")]))
    with pytest.raises(SystemExit) as exc:
        call_command("import_units", str(path), "--org", "赤岗街道总工会")
    assert exc.value.code == 1
    out = capsys.readouterr().out
    assert "第3行 E列（职工人数）：应为整数，现为「很多」" in out and "未导入任何单位" in out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="无权操作"):
        call_command(
            "import_units",
            str(path),
            "--org",
            "赤岗街道总工会",
            "--user",
            personas.sibling.username,
            "--good-rows",
        )
    with pytest.raises(CommandError, match="找不到工会"):
        call_command("import_units", str(path), "--org", "no-such-union")
    assert not Unit.objects.exists()


def test_gonghui_cli_maps_import_units(monkeypatch):
    from gonghui import cli

    seen = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", lambda argv: seen.append(argv))
    monkeypatch.setattr("django.setup", lambda: None)
    cli.main(["import", "units", "f.xlsx", "--org", "X"])
    assert seen == [["gonghui", "import_units", "f.xlsx", "--org", "X"]]
