"""The workbench in Chromium, for every persona: the home shows what waits for them and the count
moves when something new waits; no visible button or menu entry leads to a refusal; no page
reachable from the menu scrolls sideways on a 390×844 phone or a 1366×768 desk. Screenshots of
each persona's home at both sizes go to var/screenshots/ for review."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from gonghui.accounts.models import User
from gonghui.accounts.sessions import BACKEND, SessionStore
from gonghui.conftest import Personas, Tree, make_user
from gonghui.kernel.codes import id_number_make
from gonghui.members.actions import member_apply
from gonghui.services import actions as service_actions
from gonghui.services.tests import factories as f
from gonghui.tests.browser.plugin import SCREENSHOTS, settled

pytestmark = pytest.mark.browser

SIZES = ((390, 844), (1366, 768))
# Addresses that hand out files or leave the site: they are not pages to look at.
NOT_PAGES = (
    "/api/",
    "/accounts/logout",
    "export",
    ".xlsx",
    ".csv",
    ".docx",
    ".pdf",
    "template",
    "payment-file",
)


def menu_pages(page: Page) -> Iterator[str]:
    """Each page of the signed-in person's menu, the home page first, opened and settled in turn
    (the menu must list more than one page)."""
    menu = ["/", *page.eval_on_selector_all("#main-menu a", "els => els.map(e => e.getAttribute('href'))")]
    assert len(menu) > 2, "the menu lists no pages"
    for href in dict.fromkeys(menu):
        if any(x in href for x in NOT_PAGES):
            continue
        page.goto(href)
        settled(page)
        yield href


def sign_in(page: Page, user: User) -> None:
    """A signed-in session, second factor passed (province and city administrators need one)."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["otp_device_id"] = device.persistent_id
    session.create()
    page.goto("/accounts/login/")
    origin = "/".join(page.url.split("/")[:3]) + "/"
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": origin}]
    )
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("您好")
    settled(page)


class People:
    """Every persona of the tree, and the providers of a centre of 海珠区总工会."""

    def __init__(self, tree: Tree, personas: Personas) -> None:
        self.tree = tree
        self.by_name: dict[str, User] = dict(personas.items())
        self.by_name["approver"] = make_user("approver_user", tree.haizhu, "approver")
        self.by_name["viewer"] = make_user("viewer_user", tree.province, "viewer")
        self.centre = f.make_centre(tree.haizhu)
        self.counsellor = make_user("xinyi", None)
        self.supervisor = make_user("zhiyuan", None)
        self.provider = f.make_provider(self.centre, "李心怡", user=self.counsellor)
        f.make_provider(self.centre, "梁志远", user=self.supervisor)
        self.centre.supervisor = self.supervisor
        self.centre.save(update_fields=["supervisor"])
        self.by_name["counsellor"] = self.counsellor
        self.by_name["supervisor"] = self.supervisor
        self.worker = f.make_worker(tree.grassroots, "林小青", username="lin")
        self.by_name["member"] = self.worker.login.user
        self._n = 0

    def apply(self) -> None:
        self._n += 1
        number = id_number_make("440105", dt.date(1992, 1, 1) + dt.timedelta(days=self._n), self._n)
        name = "王李张刘陈杨黄赵吴周"[self._n % 10] + "一二三四五六七八九十"[self._n // 10 % 10] + "明"
        member_apply(actor=None, org=self.tree.grassroots, name=name, id_number=number)

    def consult(self) -> None:
        self._n += 1
        service_actions.thread_start(
            actor=self.worker.login.user,
            provider=self.provider,
            subject=f"夜班后睡不着{self._n}",
            body="想聊聊。",
        )

    def case(self, org: Any) -> Callable[[], None]:
        return lambda: f.make_case(org)


PERSONAS = ["province", "city", "district", "street", "grassroots", "member", "sibling", "approver", "viewer",
            "counsellor", "supervisor"]  # fmt: skip


@pytest.fixture
def people(tree: Tree, personas: Personas) -> People:
    return People(tree, personas)


def _waiting(people: People, who: str) -> tuple[str, Callable[[], None]] | None:
    """A to-do this persona has, and how to make one more of it."""
    joins = ("members.joins_to_decide", people.apply)
    return {
        "province": joins, "city": joins, "street": joins, "grassroots": joins,
        "district": ("services.open_cases", people.case(people.tree.haizhu)),
        "sibling": ("services.open_cases", people.case(people.tree.sibling_street)),
        "counsellor": ("services.threads_waiting", people.consult),
    }.get(who)  # fmt: skip


def _count(page: Page, key: str) -> int:
    todo = page.locator(f'a.todo[data-todo="{key}"]')
    return int(todo.locator(".n").inner_text()) if todo.count() else 0


@pytest.mark.parametrize("who", PERSONAS)
def test_the_home_shows_what_waits_and_the_count_moves(page: Page, people: People, who: str) -> None:
    sign_in(page, people.by_name[who])
    expect(page.locator("main")).not_to_contain_text("尚未分配管辖组织")
    waiting = _waiting(people, who)
    if waiting is None:
        # Nothing of theirs to decide: their own things are there instead (or the union's figures).
        expect(page.locator("main .panel, main .stat").first).to_be_visible()
        return
    key, make = waiting
    before = _count(page, key)
    # Written while the server is idle (SQLite in memory: one writer at a time, test or server).
    settled(page)
    make()
    page.reload()
    assert _count(page, key) == before + 1
    settled(page)
    make()
    page.reload()
    assert _count(page, key) == before + 2
    # The to-do opens its list.
    href = page.locator(f'a.todo[data-todo="{key}"]').get_attribute("href")
    response = page.goto(href or "")
    assert response is not None and response.ok


@pytest.mark.parametrize("who", PERSONAS)
def test_no_visible_button_or_menu_entry_leads_to_a_refusal(page: Page, people: People, who: str) -> None:
    people.apply()
    sign_in(page, people.by_name[who])
    menu = ["/", *page.eval_on_selector_all("#main-menu a", "els => els.map(e => e.getAttribute('href'))")]
    seen: set[str] = set()
    refused: list[str] = []
    for entry in menu:
        if any(x in entry for x in NOT_PAGES):
            continue
        page.goto(entry)
        links = page.eval_on_selector_all(
            "main a.btn, main a.todo, main .panel a, #main-menu a",
            "els => els.map(e => e.getAttribute('href'))",
        )
        for href in [entry, *links]:
            if not href or not href.startswith("/") or href in seen or any(x in href for x in NOT_PAGES):
                continue
            seen.add(href)
            status = page.request.get(href).status
            if status >= 400:
                refused.append(f"{status} {href} (from {entry})")
    assert len(seen) > 2
    assert not refused, "\n".join(refused)


# Layout is the browser's and the stylesheet's, the same on either database: the first run checks it.
# Each page is loaded once and measured at both sizes (the window resized, the page laid out again).
@pytest.mark.first_database_only
@pytest.mark.parametrize("who", PERSONAS)
def test_no_page_of_the_menu_scrolls_sideways(page: Page, people: People, who: str) -> None:
    phone, desk = SIZES
    page.set_viewport_size({"width": phone[0], "height": phone[1]})
    people.apply()
    sign_in(page, people.by_name[who])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(SCREENSHOTS / f"workbench-home-{who}-{width}x{height}.png"), full_page=True)
    page.set_viewport_size({"width": phone[0], "height": phone[1]})
    # On a phone the menu folds behind a button; opened, it lists the entries one under another.
    menu = page.locator("#main-menu")
    expect(menu).to_be_hidden()
    page.get_by_role("button", name="菜单").click()
    expect(menu).to_be_visible()
    entries = page.eval_on_selector_all("#main-menu a", "els => els.map(e => e.getAttribute('href'))")
    wide: list[str] = []
    for href in ["/", *entries]:
        if any(x in href for x in NOT_PAGES):
            continue
        page.set_viewport_size({"width": phone[0], "height": phone[1]})
        page.goto(href)
        settled(page)
        for width, height in (phone, desk):
            page.set_viewport_size({"width": width, "height": height})
            scroll, client = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll > client:
                wide.append(f"{href} at {width}x{height}: {scroll} > {client}")
    assert not wide, "\n".join(wide)


def test_the_tree_is_a_drawer_on_a_phone(page: Page, people: People) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, people.by_name["street"])
    tree = page.locator("aside.sidebar")
    expect(tree).not_to_be_in_viewport()
    page.get_by_role("button", name="组织树", exact=True).click()
    expect(tree).to_be_in_viewport()
    expect(tree.get_by_role("link", name="赤岗街道总工会", exact=True)).to_be_visible()
    page.keyboard.press("Escape")
    expect(tree).not_to_be_in_viewport()


def test_the_tree_folds_away_on_a_desk_and_stays_folded(page: Page, people: People) -> None:
    sign_in(page, people.by_name["street"])
    tree = page.locator("aside.sidebar")
    expect(tree).to_be_visible()
    page.get_by_role("button", name="组织树", exact=True).click()
    expect(tree).to_be_hidden()
    page.goto("/members/")
    expect(tree).to_be_hidden()
    page.get_by_role("button", name="组织树", exact=True).click()
    expect(tree).to_be_visible()


def test_on_a_list_the_tree_picks_the_union_to_list_and_the_menu_remembers_it(
    page: Page, people: People
) -> None:
    tree = people.tree
    sign_in(page, people.by_name["street"])
    page.locator("#main-menu").get_by_role("link", name="会员").click()
    side = page.locator("aside.sidebar #org-tree")
    node = side.locator(".node").filter(has=page.get_by_role("link", name="赤岗街道总工会", exact=True))
    node.get_by_role("button", name="展开").click()
    side.get_by_role("link", name="赤岗街道联合工会", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/members/\?within={tree.grassroots.pk}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("赤岗街道联合工会")
    page.locator("#main-menu").get_by_role("link", name="困难帮扶").click()
    expect(page).to_have_url(re.compile(rf"/assistance/\?within={tree.grassroots.pk}$"))
    # Away from the lists, a union in the tree opens the union's page.
    page.goto("/")
    side.get_by_role("link", name="赤岗街道总工会", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/orgs/{tree.street.pk}/$"))
