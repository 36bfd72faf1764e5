from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

from .actions import requires_second_factor

EXEMPT = ("/accounts/", "/static/", "/i18n/")


class SecondFactorMiddleware:
    """Province and city administrators must pass TOTP before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(EXEMPT)
            and not user.is_verified()  # type: ignore[union-attr,attr-defined]
            and self._required(request)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "需要完成双因素认证"}, status=401)
            return redirect("accounts:otp")
        return self.get_response(request)

    @staticmethod
    def _required(request: HttpRequest) -> bool:
        cached = request.session.get("_second_factor_required")
        if cached is None:
            cached = requires_second_factor(request.user)  # type: ignore[arg-type]
            request.session["_second_factor_required"] = cached
        return bool(cached)
