"""Every answer carries a request id; the log lines are JSON objects that carry it too, and the
request's line holds no query string."""

from __future__ import annotations

import json
import logging
import sys

import pytest
from django.test import Client

from config.observability import JsonLogFormatter, RequestIdFilter, current_request_id

pytestmark = pytest.mark.django_db


def test_an_answer_carries_a_new_request_id(client: Client):
    first = client.get("/accounts/login/")["X-Request-ID"]
    second = client.get("/accounts/login/")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_the_proxys_request_id_is_kept_and_a_malformed_one_replaced(client: Client):
    assert (
        client.get("/health/live", HTTP_X_REQUEST_ID="nginx-5f2b9c0e1a")["X-Request-ID"] == "nginx-5f2b9c0e1a"
    )
    for bad in ("short", "x" * 65, "abc\ndef-forged-line", "id with spaces 123"):
        answered = client.get("/health/live", HTTP_X_REQUEST_ID=bad)["X-Request-ID"]
        assert answered != bad and len(answered) == 32


def test_each_request_is_one_json_line_with_its_id_and_without_its_query(client: Client, json_log):
    response = client.get("/accounts/login/", {"next": "/members/?q=440106198803121234"})
    line = next(entry for entry in json_log() if entry["logger"] == "gonghui.request")
    assert line["request_id"] == response["X-Request-ID"]
    assert line["level"] == "INFO"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/accounts/login/", 200)
    assert line["duration_ms"] >= 0 and line["user_id"] is None
    assert line["time"].endswith("Z")
    assert "440106198803121234" not in json.dumps(json_log())


def test_djangos_not_found_line_carries_the_request_id(client: Client, json_log):
    response = client.get("/no-such-page/", {"q": "13800138000"})
    assert response.status_code == 404
    warning = next(entry for entry in json_log() if entry["logger"] == "django.request")
    assert warning["message"] == "Not Found: /no-such-page/"
    assert warning["request_id"] == response["X-Request-ID"]
    assert "13800138000" not in json.dumps(json_log())
    assert current_request_id() == "-"  # the id ends with the request


def test_a_refusal_is_one_line_without_a_traceback_and_a_failure_keeps_its_own(
    client: Client, json_log, tree, personas, login
):
    login(personas.street)
    assert client.get(f"/orgs/{tree.sibling_street.pk}/edit/").status_code == 403
    refused = next(entry for entry in json_log() if entry["logger"] == "django.request")
    assert refused["message"].startswith("Forbidden (Permission denied)")
    assert "exc_info" not in refused and "Traceback" not in json.dumps(refused)

    failure = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error", (), None
    )
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        failure.exc_info = sys.exc_info()
    failure.status_code = 500
    logging.getLogger("django.request").handle(failure)
    assert "RuntimeError: boom" in json.dumps(json_log()[-1])


def test_probes_are_logged_below_info(client: Client, json_log):
    client.get("/health/live")
    client.get("/metrics")
    assert [e for e in json_log() if e["logger"] == "gonghui.request"] == []


def test_a_line_outside_a_request_is_json_with_chinese_readable():
    record = logging.LogRecord("gonghui.core.jobs", logging.ERROR, __file__, 1, "任务 %s 失败", (7,), None)
    RequestIdFilter().filter(record)
    entry = json.loads(JsonLogFormatter().format(record))
    assert entry["message"] == "任务 7 失败" and entry["request_id"] == "-"
    assert "任务" in JsonLogFormatter().format(record)
