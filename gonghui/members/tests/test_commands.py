import datetime as dt
import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from gonghui.members.actions import transfer_request
from gonghui.members.models import Member, Transfer

from .conftest import ledger_row, make_member


def test_import_members_prints_progress_and_the_row_report(tree, ledger):
    path = ledger([ledger_row("王甲"), ledger_row("王乙", "440105198001010010")])
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="未导入任何数据"):
        call_command(
            "import_members", str(path), "--org", tree.grassroots.credit_code, stdout=out, stderr=err
        )
    assert "\r" in err.getvalue() and "正在" in err.getvalue()
    assert "4\t身份证号码\t身份证号校验位错误" in out.getvalue() and Member.objects.count() == 0
    out = io.StringIO()
    call_command(
        "import_members",
        str(path),
        "--org",
        tree.grassroots.credit_code,
        "--good-rows",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "已导入 1 名会员，1 行有问题未导入" in out.getvalue()


def test_import_members_refuses_bad_input_in_chinese(tree, personas, ledger, tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("import_members", str(tmp_path / "none.xlsx"), "--org", "x", stderr=io.StringIO())
    path = ledger([ledger_row("王甲")])
    with pytest.raises(CommandError, match="找不到统一社会信用代码"):
        call_command("import_members", str(path), "--org", "81440000MA00000000", stderr=io.StringIO())
    with pytest.raises(CommandError, match="超出您的管辖范围"):
        call_command("import_members", str(path), "--org", tree.grassroots.credit_code, "--user", personas.sibling.username,
                     stderr=io.StringIO())  # fmt: skip


def test_the_gonghui_cli_maps_import_members(tree, ledger, monkeypatch):
    import django.core.management as management

    from gonghui import cli

    seen = []

    def run(argv):  # as execute_from_command_line, without closing the test's connection
        seen.append(argv[1])
        call_command(*argv[1:], stdout=io.StringIO(), stderr=io.StringIO())

    monkeypatch.setattr(management, "execute_from_command_line", run)
    path = ledger([ledger_row("王甲")])
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "config.settings.test")
    cli.main(["import", "members", str(path), "--org", tree.grassroots.credit_code])
    assert seen == ["import_members"]
    assert Member.objects.count() == 1


def test_autoapprove_command(tree, personas):
    m = make_member(tree.grassroots)
    t = transfer_request(actor=personas.street, member=m, to_org=tree.sibling_grassroots)
    Transfer.objects.filter(pk=t.pk).update(requested_at=timezone.now() - dt.timedelta(days=31))
    out = io.StringIO()
    call_command("members_autoapprove_transfers", stdout=out)
    assert "办结 1 件" in out.getvalue() and Member.objects.get(pk=m.pk).org_id == tree.sibling_grassroots.pk


def test_autoapprove_as_a_worker_job(tree, personas):
    from gonghui.core.jobs import job_enqueue, job_run_pending
    from gonghui.core.models import Job
    from gonghui.members.jobs import AUTOAPPROVE_KIND

    m = make_member(tree.grassroots)
    t = transfer_request(actor=personas.street, member=m, to_org=tree.sibling_grassroots)
    Transfer.objects.filter(pk=t.pk).update(requested_at=timezone.now() - dt.timedelta(days=31))
    job = job_enqueue(actor=None, kind=AUTOAPPROVE_KIND, params={})
    job_run_pending()
    assert Job.objects.get(pk=job.pk).result["done"] == 1


def test_the_worker_applies_the_30_day_rule_as_it_goes(tree, personas):
    from gonghui.core.jobs import run_housekeeping
    from gonghui.kernel.registry import registry

    m = make_member(tree.grassroots)
    t = transfer_request(actor=personas.street, member=m, to_org=tree.sibling_grassroots)
    Transfer.objects.filter(pk=t.pk).update(requested_at=timezone.now() - dt.timedelta(days=31))
    run_housekeeping(force=True)
    assert Member.objects.get(pk=m.pk).org_id == tree.sibling_grassroots.pk
    names = {f"{p.run.__module__}.{p.run.__name__}" for p in registry.periodic()}
    assert {
        "gonghui.members.jobs.transfers_due",
        "gonghui.assistance.housekeeping.applications_due",
        "gonghui.services.housekeeping.bookings_due",
        "gonghui.units.tally.tally_keep_fresh",
    } <= names


def test_gonghui_import_members_reads_a_file_named_relative_to_where_it_is_run(
    tree, ledger, tmp_path, monkeypatch, capsys
):
    from django.db import connections

    from gonghui.cli import main

    path = ledger([ledger_row("王甲")])
    monkeypatch.chdir(path.parent)
    close_all = connections.close_all

    def keep_the_tests_own() -> None:
        # The command closes every connection when it ends, the test's (its transaction still
        # open) among them; the import's own thread closes its connection as it should.
        if threading.current_thread() is not threading.main_thread():
            close_all()

    monkeypatch.setattr(connections, "close_all", keep_the_tests_own)
    main(["import", "members", path.name, "--org", tree.grassroots.credit_code])
    assert "已导入 1 名会员" in capsys.readouterr().out and Member.objects.get().name == "王甲"
