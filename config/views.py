"""The server-error page: it names the request's id, so a person can quote it and the
administrator can find the traceback in the log."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader

from .observability import current_request_id


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: nothing here may need the database (it may be what failed).
    html = loader.get_template("500.html").render({"request_id": current_request_id()})
    return HttpResponseServerError(html)
