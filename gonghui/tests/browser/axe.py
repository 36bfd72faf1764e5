"""axe-core in the page under test: the accessibility rules a page breaks, as a person reads them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
SEVERE = ("serious", "critical")


@cache
def _source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Page, impacts: tuple[str, ...] = SEVERE) -> list[str]:
    """The page's violations of the given impacts, one line each: rule, help, where (up to 3).

    The script is evaluated through the browser's debugging protocol, so the site's
    Content-Security-Policy (no inline scripts) does not stop it and nothing is served."""
    if page.evaluate("() => typeof window.axe") == "undefined":
        page.evaluate("() => {\n" + _source() + "\n}")
    results = page.evaluate(
        """async () => {
            const r = await window.axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           targets: v.nodes.map(n => n.target.join(' '))}));
        }"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(v['targets'][:3])}"
        + (f" and {len(v['targets']) - 3} more" if len(v["targets"]) > 3 else "")
        for v in results
        if v["impact"] in impacts
    ]
