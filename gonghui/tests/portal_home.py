"""The member portal's home as a signed-in worker reads it: the panels of their own things, and
what the page costs in queries when it is made afresh."""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.core import generation

HOME = "/portal/"


def portal_home(client: Any) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return str(response.content.decode())


def panel(page: str, title: str) -> str:
    """The HTML of the panel titled `title` on the page ("" when the page has none)."""
    found = re.search(
        r'<section class="panel"><h3>(?:<a href="[^"]*">)?'
        + re.escape(title)
        + r"(?:</a>)?</h3>(.*?)</section>",
        page,
        re.S,
    )
    return found[1] if found else ""


def links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', html)


def portal_queries(client: Any) -> int:
    """The queries of the portal's home made afresh (as after a write anywhere)."""
    generation.forget()
    with CaptureQueriesContext(connection) as ctx:
        portal_home(client)
    return len(ctx.captured_queries)
