"""The foundation's journey through the real pages, in the Chinese UI.

A street officer logs in, opens the tree, is refused a sibling street's union, edits its own
union and sees the audit entry.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from gonghui.accounts.models import User
from gonghui.conftest import PASSWORD, Personas, Tree
from gonghui.orgs.models import Org
from gonghui.services.notify import MemoryBackend

from .plugin import PageWatch

pytestmark = pytest.mark.browser


def log_in(page: Page, user: User) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    if "/sign-in/device" in page.url:
        # A worker on a phone the site has not seen: the code sent to their mobile, once.
        code = re.search(r"\d{6}", MemoryBackend.outbox[-1].text).group(0)  # type: ignore[union-attr]
        page.get_by_label("验证码").fill(code)
        page.get_by_role("button", name="验证并登录").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("您好")


def navigator(page: Page) -> Locator:
    return page.locator("aside.sidebar #org-tree")


def expand(page: Page, org_label: str) -> None:
    """Click the + beside a node and wait for its children to be fetched."""
    node = navigator(page).locator(".node").filter(has=page.get_by_role("link", name=org_label, exact=True))
    toggle = node.get_by_role("button", name="展开")
    expect(toggle).to_have_text("+")
    with page.expect_response(re.compile(r"/orgs/tree/\?parent=\d+$")):
        toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")


def test_street_officer_journey(page: Page, page_watch: PageWatch, personas: Personas, tree: Tree) -> None:
    log_in(page, personas.street)

    # The navigator shows the officer's own union; its children arrive only when asked for.
    nav = navigator(page)
    expect(nav.get_by_role("link", name="赤岗街道总工会", exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name="赤岗街道联合工会")).to_have_count(0)
    expand(page, "赤岗街道总工会")
    expect(nav.get_by_role("link", name="赤岗街道联合工会", exact=True)).to_be_visible()

    # The sibling street's union is out of scope: the 403 page, in Chinese.
    sibling_url = f"/orgs/{tree.sibling_grassroots.pk}/"
    page_watch.allow_http_error(403, sibling_url)
    response = page.goto(sibling_url)
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("无权访问")
    expect(page.get_by_text("新港社区工会")).to_have_count(0)
    expect(navigator(page).get_by_role("link", name="赤岗街道总工会", exact=True)).to_be_visible()

    # Its own union: open it from the tree, edit the address and short name.
    page.goto("/")
    navigator(page).get_by_role("link", name="赤岗街道总工会", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("赤岗街道总工会")
    page.get_by_role("link", name="修改信息").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("修改「赤岗街道总工会」")
    page.get_by_label(re.compile("^地址")).fill("广州市海珠区赤岗路 100 号")
    page.get_by_label(re.compile("^简称")).fill("赤岗街总工会")
    page.get_by_role("button", name="提交").click()

    expect(page).to_have_url(re.compile(rf"/orgs/{tree.street.pk}/$"))
    expect(page.locator(".messages")).to_contain_text("已保存")
    fields = page.locator("dl.fields")
    expect(fields).to_contain_text("广州市海珠区赤岗路 100 号")
    expect(fields).to_contain_text("赤岗街总工会")
    expect(navigator(page).get_by_role("link", name="赤岗街总工会", exact=True)).to_be_visible()

    # The audit log, reached from the org page, records the edit by this officer.
    page.locator(".actions").get_by_role("link", name="审计日志").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("审计日志 · 赤岗街道总工会")
    row = page.get_by_role("row").filter(has=page.locator("code", has_text="org.update"))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("赤岗街道总工会")
    expect(row).to_contain_text(personas.street.display_name)
    expect(row).to_contain_text("广州市海珠区赤岗路 100 号")


def test_wrong_credit_code_is_refused_in_chinese(
    page: Page, page_watch: PageWatch, personas: Personas, tree: Tree
) -> None:
    # A refused form answers 422 (nothing saved), which the browser reports as an error.
    page_watch.allow(rf"^HTTP 422: POST http://[^/]+/orgs/{tree.street.pk}/edit/$")
    page_watch.allow(
        rf"^console error: Failed to load resource: .* status of 422 .*/orgs/{tree.street.pk}/edit/\)$"
    )
    before = Org.objects.get(pk=tree.street.pk)
    good = before.credit_code
    assert good
    wrong = good[:-1] + ("1" if good[-1] == "0" else "0")  # same code, wrong check character

    log_in(page, personas.street)
    page.goto(f"/orgs/{tree.street.pk}/edit/")
    page.get_by_label("统一社会信用代码").fill(wrong)
    page.get_by_label(re.compile("^地址")).fill("不应保存的地址")
    page.get_by_role("button", name="提交").click()

    expect(page).to_have_url(re.compile(rf"/orgs/{tree.street.pk}/edit/$"))
    expect(page.locator(".errorlist")).to_contain_text("校验位错误")
    expect(page.get_by_label("统一社会信用代码")).to_have_value(wrong)

    after = Org.objects.get(pk=tree.street.pk)
    assert after.credit_code == good
    assert after.address == before.address


def test_tree_shows_only_the_officers_scope(page: Page, personas: Personas, tree: Tree) -> None:
    log_in(page, personas.street)
    nav = navigator(page)
    expect(nav.get_by_role("link", name="赤岗街道总工会", exact=True)).to_be_visible()
    expand(page, "赤岗街道总工会")
    expect(nav.get_by_role("link", name="赤岗街道联合工会", exact=True)).to_be_visible()
    expect(nav.get_by_text("新港街道总工会")).to_have_count(0)
    expect(nav.get_by_text("广州市海珠区总工会")).to_have_count(0)

    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    log_in(page, personas.district)
    nav = navigator(page)
    expect(nav.get_by_role("link", name="赤岗街道总工会")).to_have_count(0)
    expand(page, "广州市海珠区总工会")
    expect(nav.get_by_role("link", name="赤岗街道总工会", exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name="新港街道总工会", exact=True)).to_be_visible()
