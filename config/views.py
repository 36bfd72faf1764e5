"""The server-error page: it names the request's id, so a person can quote it and the
administrator can find the traceback in the log.

When the database is what failed — the primary is being replaced, a connection was cut — the
answer is 503 with "请稍后重试" and a Retry-After instead: nothing was written, and the same
request will succeed once the cluster has its new primary (config/database.py)."""

from __future__ import annotations

import sys

from django.contrib.sessions.exceptions import SessionInterrupted
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views import defaults

from .observability import current_request_id

RETRY_AFTER_SECONDS = 5
UNAVAILABLE = "数据库暂时不可用，这次操作没有完成，请稍后重试。"


def database_unavailable() -> bool:
    """Called while Django handles the exception (the handler runs inside its `except`)."""
    return isinstance(sys.exc_info()[1], OperationalError | InterfaceError)


def try_again_shortly(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": UNAVAILABLE}, status=503)
    else:
        html = loader.get_template("503.html").render({"request_id": current_request_id()})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: nothing here may need the database (it may be what failed).
    if database_unavailable():
        return try_again_shortly(request)
    html = loader.get_template("500.html").render({"request_id": current_request_id()})
    return HttpResponseServerError(html)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    # The session could not be saved at the end of the request: the database went away (or the
    # session was ended elsewhere) — the person can only try again, there is nothing to correct.
    if isinstance(exception, SessionInterrupted):
        return try_again_shortly(request)
    return defaults.bad_request(request, exception)
