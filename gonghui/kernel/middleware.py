from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render

from .context import RequestInfo, current_request
from .errors import NotFound


def client_ip(request: HttpRequest) -> str | None:
    # Behind the production proxy the first X-Forwarded-For hop is the client.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and getattr(settings, "USE_X_FORWARDED_FOR", False):
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        via = "api" if request.path.startswith("/api/") else "web"
        token = current_request.set(
            RequestInfo(
                ip=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", "")[:200], via=via
            )
        )
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and the headers Django does not set itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        csp = settings.CONTENT_SECURITY_POLICY
        if request.path.startswith("/api/docs"):
            # The OpenAPI viewer (vendored by django-ninja) runs an inline bootstrap script.
            csp = csp.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
                "style-src 'self'", "style-src 'self' 'unsafe-inline'"
            )
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.user.is_authenticated if hasattr(request, "user") else False:
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class NotFoundMiddleware:
    """A record the kernel could not find (`errors.NotFound`) is the 404 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotFound):
            return response_for_exception(request, Http404(str(exception)))
        return None


class SessionIdleMiddleware:
    """Idle sessions end SESSION_COOKIE_AGE after the last request: a session in use is saved
    again (and so renewed) once GONGHUI_SESSION_RENEW_SECONDS have passed since it last was,
    not on every request, which would make every page a write to the session table."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or not session.session_key:
            return response
        every = int(getattr(settings, "GONGHUI_SESSION_RENEW_SECONDS", 60))
        now = int(time.time())
        if now - int(session.get("_renewed", 0)) >= every:
            session["_renewed"] = now
        return response


class RequestSizeMiddleware:
    """No request body larger than GONGHUI_MAX_REQUEST_BYTES is read at all (413, in Chinese):
    every upload has a ceiling before any view sees it; importers set lower ones of their own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = int(getattr(settings, "GONGHUI_MAX_REQUEST_BYTES", 100 * 1024 * 1024))
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return HttpResponse(
                f"上传的内容过大（{length / 1024 / 1024:.1f} MB），单次上传不能超过 {limit // 1024 // 1024} MB。",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


NUL_IN_ADDRESS = "链接中含有不可见的控制字符（U+0000），无法打开。请检查链接后重试。"
UNREADABLE_FORM = "提交的内容无法读取（表单不完整），什么也没有保存。请刷新页面后重新提交。"


class RequestGuardMiddleware:
    """Requests nobody's browser sends, refused in Chinese before any view or check reads them:
    a NUL character in the query string (PostgreSQL cannot compare text with it, so a search
    for it would fail there), and a form body that cannot be read (a multipart body without
    its boundary, which the CSRF check of a page that does not exist would otherwise turn into
    a server error). The API refuses both itself, in its own shape (gonghui.api)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            return self.get_response(request)
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            return self.refuse(request, NUL_IN_ADDRESS)
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                request.POST  # noqa: B018 - read now, so that every later reader gets the same answer
            except MultiPartParserError:
                return self.refuse(request, UNREADABLE_FORM)
        return self.get_response(request)

    @staticmethod
    def refuse(request: HttpRequest, message: str) -> HttpResponse:
        return render(request, "400.html", {"message": message}, status=400)
