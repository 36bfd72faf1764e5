"""In English, the main pages of every menu entry show no Chinese but the records' own data
(names of unions and people, titles typed by clerks): labels, choices, buttons, messages and
headings all come from the catalogues."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from playwright.sync_api import Page

from gonghui.conftest import Personas, Tree
from gonghui.core.tests.test_browser_workbench import People, menu_pages, sign_in

pytestmark = pytest.mark.browser

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
PERSONAS = ["province", "street", "grassroots", "member", "counsellor"]
# Everything a reader sees on the page: its text, the options of its lists, and the words in
# placeholders, titles and labels for screen readers.
VISIBLE_WORDS = """() => [
  document.body.innerText,
  ...[...document.querySelectorAll('option')].map(o => o.textContent),
  ...[...document.querySelectorAll('[placeholder],[title],[aria-label],img[alt]')].flatMap(
      e => ['placeholder', 'title', 'aria-label', 'alt'].map(a => e.getAttribute(a) || '')),
].join('\\n')"""


@pytest.fixture
def people(tree: Tree, personas: Personas) -> People:
    return People(tree, personas)


def records_text() -> str:
    """Every text a record holds: what the page may show of the data is not for translation."""
    parts: list[str] = []
    for model in apps.get_models():
        if not model.__module__.startswith("gonghui."):
            continue
        fields = [
            f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
        ]
        for row in model._default_manager.values_list(*fields) if fields else []:
            parts.extend(v for v in row if isinstance(v, str) and HAN.search(v))
    return "\n".join(parts)


def untranslated(text: str, data: str) -> set[str]:
    return {run for run in HAN.findall(text) if run not in data}


def test_untranslated_finds_words_outside_the_records():
    data = "赤岗街道联合工会\n林小青"
    assert untranslated("Members of 赤岗街道联合工会: 林小青 · 待批准", data) == {"待批准"}


@pytest.mark.parametrize("who", PERSONAS)
def test_in_english_the_menu_pages_show_chinese_only_in_the_records(
    page: Page, people: People, who: str
) -> None:
    people.apply()
    sign_in(page, people.by_name[who])
    origin = "/".join(page.url.split("/")[:3]) + "/"
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": origin}])
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    # The records' own words, and each language's name in itself on the language switch.
    data = records_text() + "\n" + "\n".join(name for _code, name in settings.LANGUAGES)
    found: list[str] = []
    for href in menu_pages(page):
        if words := untranslated(page.evaluate(VISIBLE_WORDS), data):
            found.append(f"{href}: {'、'.join(sorted(words))}")
    assert not found, "Chinese left on English pages:\n" + "\n".join(found)
