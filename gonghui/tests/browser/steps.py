"""Steps every journey takes through the real pages: signing in and out as a person does, on a\ndesk or on a phone."""

from __future__ import annotations

import re

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from gonghui.accounts.models import User
from gonghui.conftest import PASSWORD


def sign_in(page: Page, who: User | str, *, forget: str = "") -> None:
    """Sign in on the login page with the password, and pass the second factor when the account
    has one (province and city administrators). `forget="session"` starts a new session in the
    same browser (a phone keeps its remembered device); `forget="all"` a browser seen for the
    first time. Returns once the sign-in pages are left; where the person lands is for the journey
    to check."""
    username = who.username if isinstance(who, User) else who
    if forget:
        page.context.clear_cookies(**({"name": "sessionid"} if forget == "session" else {}))
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is not None:
        expect(page).to_have_url(re.compile(r"/accounts/otp/"))
        token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        page.get_by_label("动态验证码").fill(f"{token:06d}")
        page.get_by_role("button", name="验证").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/(login|otp)/"))


def open_menu(page: Page) -> None:
    """On a phone the menu (and the sign-out) fold behind the 菜单 button."""
    toggle = page.get_by_role("button", name="菜单")
    if toggle.is_visible():
        toggle.click()


def sign_out(page: Page) -> None:
    open_menu(page)
    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def no_sideways_scroll(page: Page, width: int = 390) -> None:
    """The page fits a phone's width: nothing to scroll sideways."""
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"the page is {wide}px wide on a {width}px phone"
