"""Request ids and log lines a machine can read.

Every request carries an id: the proxy's `X-Request-ID` when it sent a well-formed one (nginx sends
`$request_id`), else a new one. It is answered in the `X-Request-ID` header, shown on the error
page, and written on every log line made while the request runs, so one line in the proxy's log,
the person's screenshot of an error page and the traceback in the application's log can be put
together. Each request is logged once (`gonghui.request`): method, path without the query string
(a search may carry a name or an ID number), status, duration and the account's number.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.core.signals import request_finished
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
WELL_FORMED = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Probes and scrapes come every few seconds: their lines are DEBUG, not INFO.
QUIET = ("/health/", "/metrics")

request_id_var: ContextVar[str] = ContextVar("gonghui_request_id", default="-")
log = logging.getLogger("gonghui.request")


def current_request_id() -> str:
    """The id of the request being served in this thread ("-" outside a request)."""
    return request_id_var.get()


class RequestIdFilter(logging.Filter):
    """Puts the current request id on every record (`%(request_id)s`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class RefusalWithoutTraceback(logging.Filter):
    """Django logs every refused request (403, 404, 405 …) with the traceback of the exception that
    answered it. A refusal is the application working as meant: its line keeps the status and the
    path, and a traceback is written only for a failure (5xx)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True


class JsonLogFormatter(JsonFormatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id, and
    the extra fields of the call; Chinese stays readable (no \\u escapes)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s")
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        kwargs.setdefault("json_ensure_ascii", False)
        kwargs.setdefault("timestamp", False)
        # Django puts the request on its records: its text holds the query string.
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request"])
        super().__init__(*args, **kwargs)

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        moment = time.gmtime(record.created)
        return time.strftime("%Y-%m-%dT%H:%M:%S", moment) + f".{int(record.msecs):03d}Z"

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        super().add_fields(log_data, record, message_dict)
        log_data.setdefault("request_id", getattr(record, "request_id", "-"))


def forget_request_id(**kwargs: Any) -> None:
    request_id_var.set("-")


request_finished.connect(forget_request_id, dispatch_uid="gonghui-forget-request-id")


class RequestIdMiddleware:
    """First in MIDDLEWARE: sets the request id, answers it, and logs the request once."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = offered if WELL_FORMED.match(offered) else uuid.uuid4().hex
        request.META["HTTP_X_REQUEST_ID"] = request_id
        # Kept until the response is closed (request_finished, below): Django logs a 4xx answer
        # ("Not Found: …") after the middleware has returned.
        request_id_var.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        response[HEADER] = request_id
        self.log(request, response.status_code, started)
        return response

    @staticmethod
    def log(request: HttpRequest, status: int, started: float) -> None:
        level = logging.DEBUG if request.path.startswith(QUIET) else logging.INFO
        if not log.isEnabledFor(level):
            return
        user = getattr(request, "user", None)
        log.log(
            level,
            "%s %s %s",
            request.method,
            request.path,
            status,
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever standard error is when a line is logged, not when logging was set up
    (a test runner or a worker may replace it in between)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self):  # type: ignore[no-untyped-def]
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:  # type: ignore[no-untyped-def]
        pass
