"""With debug off the error pages are ours, in Chinese; the server-error page names the request."""

from __future__ import annotations

import pytest
from django.contrib.sessions.exceptions import SessionInterrupted
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import path

from config import urls as project_urls

pytestmark = pytest.mark.django_db


def boom(request):  # type: ignore[no-untyped-def]
    raise RuntimeError("数据库连接字符串 postgres://gonghui:secret@db.internal/gonghui")


def cut_off(request):  # type: ignore[no-untyped-def]
    raise OperationalError('connection to server at "127.0.0.1", port 55431 failed: Connection refused')


def session_lost(request):  # type: ignore[no-untyped-def]
    raise SessionInterrupted("The request's session was deleted before the request completed.")


urlpatterns = [
    path("boom/", boom),
    path("cut/", cut_off),
    path("api/cut/", cut_off),
    path("session-lost/", session_lost),
    *project_urls.urlpatterns,
]
handler400 = project_urls.handler400
handler500 = project_urls.handler500


def test_a_wrong_address_is_our_404_in_chinese(client: Client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "页面不存在" in text and "返回首页" in text
    assert response["X-Request-ID"] in text
    assert "Django" not in text and "urlpatterns" not in text


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_is_our_page_with_the_request_id_and_no_detail(json_log):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "系统错误" in text and "请稍后重试" in text
    assert response["X-Request-ID"] in text
    assert "secret" not in text and "RuntimeError" not in text and "Traceback" not in text
    # The administrator finds the traceback by the number the person quotes.
    error = next(e for e in json_log() if e["logger"] == "django.request")
    assert error["request_id"] == response["X-Request-ID"] and error["level"] == "ERROR"
    assert "RuntimeError" in error["exc_info"]


def test_a_form_sent_without_its_token_is_our_403_in_chinese():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "页面已过期" in text and "什么也没有保存" in text
    assert "CSRF" not in text


@override_settings(ROOT_URLCONF=__name__)
def test_a_database_that_is_away_is_a_503_saying_try_again_not_a_500():
    """During a failover: the person is told nothing was saved and to try again shortly."""
    client = Client(raise_request_exception=False)
    page = client.get("/cut/")
    assert page.status_code == 503 and page["Retry-After"] == "5"
    text = page.content.decode()
    assert "请稍后重试" in text and "没有保存任何内容" in text and page["X-Request-ID"] in text
    assert "55431" not in text and "OperationalError" not in text
    api = client.post("/api/cut/")
    assert api.status_code == 503 and api.json() == {
        "detail": "数据库暂时不可用，这次操作没有完成，请稍后重试。"
    }


@override_settings(ROOT_URLCONF=__name__)
def test_a_session_that_could_not_be_saved_is_a_503_saying_try_again():
    """The database went away while the session was being saved (SessionInterrupted is a 400):
    there is nothing for the person to correct, only to try again."""
    response = Client(raise_request_exception=False).get("/session-lost/")
    assert response.status_code == 503 and "请稍后重试" in response.content.decode()
