"""`gonghui bulletin parse` and `gonghui bulletin import`: output, exit codes, nothing half done."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gonghui.bulletin.models import Issue
from gonghui.bulletin.tests.conftest import SEED

ROOT = Path(__file__).resolve().parents[3]


def test_parse_json_prints_the_documented_shape(capsys):
    call_command("bulletin_parse", str(SEED), "--json")
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"sections", "articles"}
    assert data["sections"] == ["各地动态", "工作交流", "短讯速递"]
    assert len(data["articles"]) == 29
    first = data["articles"][0]
    assert set(first) == {"section", "title", "body", "source", "units", "authors"}
    assert first["title"] == "省总工会召开十二届六次全委会"
    maoming = next(a for a in data["articles"] if a["title"] == "茂名市总工会召开十一届四次全委（扩大）会议")
    assert (maoming["units"], maoming["authors"]) == (["茂名市总工会办公室"], ["梁冲"])


def test_parse_json_is_utf8_not_escaped(capsys):
    call_command("bulletin_parse", str(SEED), "--json")
    out = capsys.readouterr().out
    assert "各地动态" in out and "\\u" not in out


def test_parse_without_json_lists_the_articles(capsys):
    call_command("bulletin_parse", str(SEED))
    out = capsys.readouterr().out
    assert "文章：29 篇" in out and "（茂名市总工会办公室 梁冲）" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件为空"),
        (b"\xff\xfe\x00\x00\x00\x00", "文件编码无法识别"),
        ("第5期\n".encode(), "未识别出任何文章"),
    ],
)
def test_parse_refuses_bad_files_with_a_chinese_message(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("bulletin_parse", str(path), "--json")
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("bulletin_parse", str(tmp_path / "missing.txt"))


def test_the_gonghui_cli_exits_non_zero_on_bad_input(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    run = subprocess.run(
        [sys.executable, "-m", "gonghui.cli", "bulletin", "parse", str(path), "--json"],
        capture_output=True, text=True, cwd=ROOT, env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )  # fmt: skip
    assert run.returncode == 1
    assert "文件为空" in run.stderr and run.stdout == ""


def test_import_stores_a_published_issue(tree, bulletin, capsys):
    call_command("bulletin_import", str(SEED), "--number", "3", "--date", "2013-03-31")
    issue = Issue.objects.get()
    assert (issue.label, issue.is_published, issue.imported, issue.date) == (
        "2013年第3期",
        True,
        True,
        dt.date(2013, 3, 31),
    )
    assert "3 个栏目，29 篇文章" in capsys.readouterr().out
    with pytest.raises(CommandError, match="2013年第3期已存在"):
        call_command("bulletin_import", str(SEED), "--number", "3", "--date", "2013-03-31")
    assert Issue.objects.count() == 1


def test_import_names_the_bulletin_by_org(tree, bulletin):
    call_command(
        "bulletin_import",
        str(SEED),
        "--number",
        "1",
        "--date",
        "2013-03-31",
        "--org",
        tree.province.credit_code,
    )
    with pytest.raises(CommandError, match="没有唯一的刊物《工作简报》，请先在“工作简报”页面创办"):
        call_command(
            "bulletin_import", str(SEED), "--number", "1", "--date", "2013-03-31", "--org", "广州市总工会"
        )
    with pytest.raises(CommandError, match="刊物 999 不存在"):
        call_command(
            "bulletin_import", str(SEED), "--number", "1", "--date", "2013-03-31", "--bulletin", "999"
        )


def test_import_of_a_bad_file_changes_nothing(tree, bulletin, tmp_path):
    path = tmp_path / "no-articles.txt"
    path.write_text("工作简报\n2013年第3期\n", encoding="utf-8")
    with pytest.raises(CommandError, match="未识别出任何文章"):
        call_command("bulletin_import", str(path), "--number", "3", "--date", "2013-03-31")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("bulletin_import", str(SEED), "--number", "3", "--date", "2013/03/31")
    assert not Issue.objects.exists()
