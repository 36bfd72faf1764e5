"""The division picker in Chromium: 户口所在地 chosen as province → city → county."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from gonghui.conftest import Personas, Tree
from gonghui.tests.browser.axe import axe_violations

from .test_browser_workbench import sign_in

pytestmark = pytest.mark.browser


def test_a_clerk_picks_the_hukou_division_province_city_county(
    page: Page, personas: Personas, tree: Tree
) -> None:
    sign_in(page, personas.grassroots)
    page.goto(f"/assistance/households/new/?org={tree.grassroots.pk}")
    box = page.locator("#id_hukou_division")
    city = page.locator("#id_hukou_division-city")
    county = page.locator("#id_hukou_division-county")
    expect(city).to_be_disabled()
    page.locator("#id_hukou_division-province").select_option(label="广东省")
    expect(city).to_be_enabled()
    expect(box).to_have_value("440000")
    city.select_option(label="广州市")
    expect(county).to_be_enabled()
    expect(box).to_have_value("440100")
    county.select_option(label="海珠区")
    expect(box).to_have_value("440105")
    # The picker comes back from the server after each choice: typing starts once it has.
    page.wait_for_function("() => !document.querySelector('.division-pick.htmx-request')")
    # Typed the other way: the lists follow the code.
    box.fill("441900")
    box.blur()
    expect(city.locator("option:checked")).to_have_text("东莞市")
    expect(county).to_be_disabled()
    expect(page.locator("label[for=id_hukou_division]")).to_be_visible()
    # Each list and the box have a name a screen reader says (no serious violation in the picker).
    assert [v for v in axe_violations(page) if "division" in v] == []
