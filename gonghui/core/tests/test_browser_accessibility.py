"""axe-core over the main page of every menu entry, for an officer and a worker: no serious or
critical violation (labels, contrast, landmarks, names of buttons and links)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from gonghui.conftest import Personas, Tree
from gonghui.core.tests.test_browser_workbench import People, menu_pages, sign_in
from gonghui.tests.browser.axe import axe_violations

pytestmark = pytest.mark.browser

PERSONAS = ["street", "member"]


@pytest.fixture
def people(tree: Tree, personas: Personas) -> People:
    return People(tree, personas)


def test_axe_reports_a_button_without_a_name(page: Page, live_server: object) -> None:
    page.goto("/accounts/login/")
    page.evaluate("() => { const b = document.createElement('button'); document.body.append(b); }")
    assert any(v.startswith("button-name ") for v in axe_violations(page))


@pytest.mark.parametrize("who", PERSONAS)
def test_the_menu_pages_have_no_serious_accessibility_violation(page: Page, people: People, who: str) -> None:
    people.apply()
    sign_in(page, people.by_name[who])
    found: list[str] = []
    for href in menu_pages(page):
        found += [f"{href}: {v}" for v in axe_violations(page)]
    assert not found, "\n".join(found)
