from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonghui.kernel import qr

from . import actions
from .forms import LoginForm, TokenForm
from .models import User


def _next_url(request: HttpRequest) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return nxt
    return "/"


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = actions.login_attempt(
            request=request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
        )
        if user is not None:
            further = actions.login_further_step(request=request, user=user, next_url=_next_url(request))
            if further is not None:
                return further
            login(request, user)
            return redirect(_next_url(request))
        form.add_error(None, actions.LOGIN_REFUSED)
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


LOCKED_OUT = "登录失败次数过多，请 {minutes} 分钟后再试。如忘记密码，请联系本级或上级工会的系统管理员。"


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: object = None
) -> HttpResponse:
    """django-axes' answer when an account is locked at this address, on every sign-in page:
    the same words whether the account exists or not (429); in the API's shape to the API."""
    if request.path.startswith("/api/"):
        message = LOCKED_OUT.format(minutes=settings.GONGHUI_LOCKOUT_MINUTES)
        return JsonResponse({"detail": message, "errors": {"password": [message]}}, status=429)
    form = LoginForm(request.POST if request.method == "POST" else None)
    form.is_valid()
    form.add_error(None, LOCKED_OUT.format(minutes=settings.GONGHUI_LOCKOUT_MINUTES))
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)}, status=429)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


@login_required
@require_http_methods(["GET", "POST"])
def otp_view(request: HttpRequest) -> HttpResponse:
    """Verify the second factor; enrol an authenticator first if the user has none."""
    user = request.user
    assert isinstance(user, User)
    confirmed = [d for d in devices_for_user(user, confirmed=True) if isinstance(d, TOTPDevice)]
    form = TokenForm(request.POST if request.method == "POST" else None)
    if confirmed:
        if request.method == "POST" and form.is_valid():
            throttled = not any(d.verify_is_allowed()[0] for d in confirmed)
            device = next((d for d in confirmed if d.verify_token(form.cleaned_data["token"].strip())), None)
            if device is None and throttled:
                form.add_error("token", gettext("验证失败次数过多，请稍候几秒再试。"))
            elif device is None:
                form.add_error("token", gettext("动态验证码不正确或已过期。"))
            else:
                otp_login(request, device)
                return redirect(_next_url(request))
        return render(request, "accounts/otp_verify.html", {"form": form})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or actions.totp_device_start(
        user=user
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.totp_device_confirm(user=user, device=device, token=form.cleaned_data["token"])
        except ValidationError as exc:
            form.add_error("token", exc)
        else:
            otp_login(request, device)
            messages.success(request, gettext("双因素认证已启用。"))
            return redirect(_next_url(request))
    secret = device.config_url.split("secret=")[1].split("&")[0]
    return render(
        request, "accounts/otp_setup.html", {"form": form, "qr": qr.svg(device.config_url), "secret": secret}
    )
