"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

A pytest plugin (loaded by the top-level conftest.py) so that every module's journey test shares
one Chromium: one thread runs one Playwright driver at a time. Tests marked `browser` get the
personas' tree committed for real (see gonghui/conftest.py: `tree`).

Every test gets a fresh browser context (zh-CN, 10 s timeouts). Console errors (a CSP violation
is one), uncaught page errors, failed requests and HTTP errors on sub-resources fail the test
unless the test allowed them with `page_watch.allow(...)`. A screenshot of the last page goes
to var/screenshots/<test name>.png, passed or failed.
"""

from __future__ import annotations

import os
import re
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_MISSING = "Debian chromium not installed: apt-get install chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# A loaded machine (a shared CI runner) may need longer: BROWSER_TIMEOUT_MS.
TIMEOUT_MS = int(os.environ.get("BROWSER_TIMEOUT_MS", "10000"))
SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
WATCH_KEY = pytest.StashKey["PageWatch"]()
# Problems that are not the page's fault, or are known and reported:
IGNORED = [
    # A request cut short because the test navigated away (e.g. the tree still loading).
    re.compile(r"^request failed: .*\(net::ERR_ABORTED\)$"),
]


class PageWatch:
    """What went wrong in the browser during one test."""

    def __init__(self, page: Page, name: str) -> None:
        self.page = page
        self.name = name
        self.problems: list[str] = []
        self._allowed: list[re.Pattern[str]] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)
        # Requests the page has sent and not yet seen through (see `settled`).
        self.in_flight: set[Request] = set()
        page.on("request", lambda r: self.in_flight.add(r))
        page.on("requestfinished", lambda r: self.in_flight.discard(r))
        page.on("requestfailed", lambda r: self.in_flight.discard(r))
        _WATCHES[page] = self

    def allow(self, pattern: str) -> None:
        """Expect problems matching this regular expression."""
        self._allowed.append(re.compile(pattern))

    def allow_http_error(self, status: int, path: str) -> None:
        """Expect one page to answer with an error status (e.g. the 403 page): Chromium reports
        it both as a response and as a console error."""
        url = r"http://[^/]+" + re.escape(path)
        self.allow(rf"^HTTP {status}: GET {url}$")
        self.allow(rf"^console error: Failed to load resource: .* status of {status} .*\({url}\)$")

    def _on_console(self, msg: ConsoleMessage) -> None:
        if msg.type == "error":
            where = msg.location.get("url", "")
            self.problems.append(f"console error: {msg.text}" + (f" ({where})" if where else ""))

    def _on_request_failed(self, request: Request) -> None:
        self.problems.append(f"request failed: {request.method} {request.url} ({request.failure})")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.request.method} {response.url}")

    def unexpected(self) -> list[str]:
        allowed = IGNORED + self._allowed
        return [p for p in self.problems if not any(a.search(p) for a in allowed)]

    def screenshot(self) -> Path | None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / (re.sub(r"[^\w.-]+", "_", self.name) + ".png")
        try:
            self.page.screenshot(path=str(path), full_page=True)
        except PlaywrightError:
            return None
        return path


_WATCHES: weakref.WeakKeyDictionary[Page, PageWatch] = weakref.WeakKeyDictionary()


def settled(page: Page) -> None:
    """Wait until the page has loaded and so has what it fetches after (the org tree, a map's
    outline): the `load` event, then no request in flight. Playwright's "networkidle" would wait
    half a second more on every page."""
    page.wait_for_load_state("load")
    watch = _WATCHES[page]
    waited = 0
    while watch.in_flight:
        if waited >= TIMEOUT_MS:
            pending = ", ".join(sorted(r.url for r in watch.in_flight))
            raise AssertionError(f"requests still in flight after {TIMEOUT_MS} ms: {pending}")
        page.wait_for_timeout(20)
        waited += 20


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM_MISSING} (CI is set, so this is a failure, not a skip)")
        pytest.skip(f"!!! BROWSER TESTS NOT RUN !!! {CHROMIUM_MISSING}")
    expect.set_options(timeout=TIMEOUT_MS)
    # Playwright's sync API keeps an asyncio loop running in this thread; while it does, Django's
    # ORM raises SynchronousOnlyOperation in every test. Allowed only while the browser is up.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if before is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def page(
    request: pytest.FixtureRequest, browser: Browser, live_server: LiveServer, settings: Any
) -> Iterator[Page]:
    # Texts (sign-in codes, notices) go to an outbox the test can read, not to the console.
    from gonghui.services.notify import MemoryBackend

    settings.GONGHUI_NOTIFY_BACKEND = "gonghui.services.notify.MemoryBackend"
    MemoryBackend.outbox = []
    context = browser.new_context(
        locale="zh-CN",
        base_url=live_server.url,
        viewport={"width": 1280, "height": 800},
        timezone_id="Asia/Shanghai",
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = context.new_page()
    request.node.stash[WATCH_KEY] = PageWatch(page, request.node.name)
    yield page
    context.close()


@pytest.fixture
def page_watch(request: pytest.FixtureRequest, page: Page) -> PageWatch:
    return request.node.stash[WATCH_KEY]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """After the test body: screenshot the page, then fail on any unexpected browser problem."""
    try:
        result = yield
    except BaseException:
        if (watch := item.stash.get(WATCH_KEY, None)) is not None:
            watch.screenshot()
            if watch.problems:
                item.add_report_section("call", "browser", "\n".join(watch.problems))
        raise
    if (watch := item.stash.get(WATCH_KEY, None)) is not None:
        watch.screenshot()  # also lets late console messages arrive
        if problems := watch.unexpected():
            pytest.fail("the browser reported problems:\n  " + "\n  ".join(problems), pytrace=False)
    return result
