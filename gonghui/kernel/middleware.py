from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpRequest, HttpResponse

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
