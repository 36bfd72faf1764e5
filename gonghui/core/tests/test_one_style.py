"""One sub-menu style and one summary card across modules.

A sub-menu is a `nav.subnav` whose current entry carries `aria-current="page"` ({% navlink %});
a summary figure is drawn by `{% stat %}` (gonghui/templates/ui/stat.html); a list of cards is
`ul.cards`. The retired variants below must not come back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template

ROOT = Path(__file__).resolve().parents[2]

RETIRED = {
    # A current entry marked by a class instead of aria-current (sub-menus and tab rows).
    "a current entry marked by class": re.compile(r'class="[^"]*(\bcurrent\b|%\}\s*current\s*\{%)'),
    # Summary cards written out by hand instead of {% stat %}.
    "a hand-written summary card": re.compile(r'class="stat\b'),
    "a figure written as <div class=n/l>": re.compile(r'<div class="[nl]"'),
    # The services module's own card lists.
    "svc-card / booking-list": re.compile(r'class="[^"]*\b(svc-cards?|booking-list)\b'),
}
THE_ONE = {"gonghui/templates/ui/stat.html"}


def _templates() -> list[Path]:
    return sorted(p for p in ROOT.glob("**/templates/**/*.html") if ".venv" not in p.parts)


def _offences(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [why for why, pattern in RETIRED.items() if pattern.search(text)]


def test_no_template_uses_a_retired_sub_menu_or_card_style() -> None:
    found = {}
    for path in _templates():
        name = str(path.relative_to(ROOT.parent))
        if name in THE_ONE:
            continue
        if offences := _offences(path):
            found[name] = offences
    assert found == {}


def test_the_check_catches_each_retired_style() -> None:
    samples = [
        '<a class="btn{% if here %} current{% endif %}" href="?s=1">',
        '<a href="/x/" class="current">',
        '<div class="stat"><span class="n">3</span></div>',
        '<div class="n">3</div>',
        '<div class="svc-cards">',
        '<ul class="booking-list">',
    ]
    for sample in samples:
        assert any(p.search(sample) for p in RETIRED.values()), sample
    assert not any(p.search('<nav class="subnav"><a href="/" aria-current="page">') for p in RETIRED.values())


@pytest.mark.parametrize(
    ("here", "marked"),
    [("funds", True), ("rules", False), (None, False)],
)
def test_a_sub_menu_entry_is_marked_by_aria_current_only(here: str | None, marked: bool) -> None:
    out = Template(
        '{% load gonghui %}{% navlink "assistance:funds" "专项资金" here "funds" org=7 year="" %}'
    ).render(Context({"here": here}))
    assert out.startswith('<a href="/assistance/funds/?org=7"')
    assert ('aria-current="page"' in out) is marked
    assert "class=" not in out


def test_the_summary_card_shows_a_figure_its_label_and_parts() -> None:
    out = Template(
        '{% load gonghui %}{% stat 12.5 "建会率" suffix="%" part=1204 whole=9632 %}'
        '{% stat None "入会率" suffix="%" %}{% stat 3 "已传达" of=5 url="/m/" %}'
    ).render(Context())
    assert (
        '<div class="stat"><span class="n">12.5%</span><span class="l">建会率（1,204 / 9,632）</span></div>'
        in out
    )
    assert '<span class="n">—</span><span class="l">入会率</span>' in out
    assert '<a class="stat" href="/m/"><span class="n">3 / 5</span>' in out
