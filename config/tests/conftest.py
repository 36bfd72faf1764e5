import io
import json
import logging

import pytest

from config.observability import JsonLogFormatter, RequestIdFilter

# The personas of the project's tests (gonghui/conftest.py), for the pages a signed-in person opens.
from gonghui.conftest import _persona_tree, login, personas, tree  # noqa: F401


@pytest.fixture
def json_log():  # type: ignore[no-untyped-def]
    """What the production handler writes, for the request log and Django's own."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonLogFormatter())
    loggers = [logging.getLogger(name) for name in ("gonghui.request", "django.request")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for lg, level in zip(loggers, levels, strict=True):
        lg.removeHandler(handler)
        lg.setLevel(level)
