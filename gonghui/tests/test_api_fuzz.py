"""The whole API fuzzed from its own OpenAPI description (schemathesis), in-process, as a clerk and
as a member: whatever is sent, the answer is never a server error.

Generation is derandomized (the same cases every run) and bounded: a fixed number of valid and
of invalid cases per operation, about half of them aimed at real records and at the union of the
persona so that the handlers behind the scope check are reached too. The cases go through Django's
test client (every middleware; the CSRF check is the client's usual exemption). Each persona's
search runs once, in about a minute, the member's on PostgreSQL when both databases run (it has
found there what SQLite lets through, such as the NUL character in text); set
GONGHUI_FUZZ_EXAMPLES for a longer search by hand.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.transport.wsgi import WSGI_TRANSPORT
from werkzeug.test import EnvironBuilder

from gonghui.api import api as ninja_api
from gonghui.kernel.registry import registry, resolve
from gonghui.orgs.models import Org

# Per operation, persona and mode (2 × 2 × 6 requests per operation).
EXAMPLES = int(os.environ.get("GONGHUI_FUZZ_EXAMPLES", "6"))
PERSONAS = ("district", "member")  # a clerk of a district union, a member of a grassroots union
# Parameters and body fields that name a union: aimed at the persona's own union in half the cases.
ORG_FIELDS = {"org", "org_id", "within", "within_id", "parent", "parent_id", "source_id", "target_id"}


def record_makers() -> dict[str, Callable[[Org], Any]]:
    """How to make a record inside a union for each path parameter (every module's WALK)."""
    found: dict[str, Callable[[Org], Any]] = {}
    for m in registry:
        if m.walk:
            found.update(resolve(m.walk))
    return found


def operations() -> list[Any]:
    schema = schemathesis.openapi.from_dict(ninja_api.get_openapi_schema())
    return [result.ok() for result in schema.get_all_operations()]


def environ(case: Any) -> dict[str, Any]:
    """The WSGI environ of a generated case, as schemathesis would send it to a WSGI app."""
    data = WSGI_TRANSPORT.serialize_case(case)
    builder = EnvironBuilder(**data)
    try:
        return builder.get_environ()
    finally:
        builder.close()


def aimed(case: Any, org: Org) -> Any:
    """The case with every union it names replaced by `org`."""
    for values in (case.query, case.body):
        if isinstance(values, dict):
            for key in ORG_FIELDS & set(values):
                values[key] = org.pk
    return case


def send(client: Any, case: Any) -> Any:
    env = environ(case)
    keep = {
        k: v for k, v in env.items() if k not in {"HTTP_COOKIE", "SERVER_NAME", "HTTP_HOST", "SERVER_PORT"}
    }
    return client.request(**keep)


def takes_input(op: Any) -> bool:
    """Does the operation read anything a request could get wrong (the session cookie included)?"""
    return any((op.path_parameters, op.query, op.headers, op.cookies, op.body))


def fuzz(client: Any, strategy: Any, who: str) -> list[str]:
    """Send `EXAMPLES` cases drawn from `strategy`; the server errors, said in one line each."""
    failures: list[str] = []

    @settings(
        max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
        phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    @given(case=strategy)
    def run(case: Any) -> None:
        response = send(client, case)
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            where = "".join(traceback.format_exception(*exc)[-3:]) if exc else ""
            failures.append(
                f"{who} {case.method} {case.formatted_path} query={case.query!r} body={case.body!r} "
                f"media={case.media_type} → {response.status_code}\n{where}"
            )

    run()
    return failures


# Each persona's search runs once: the clerk's in the first database's run, the member's in the
# second's (on PostgreSQL when both run, which refuses what SQLite lets through).
@pytest.mark.parametrize(
    "name",
    [
        pytest.param(PERSONAS[0], marks=pytest.mark.first_database_only),
        pytest.param(PERSONAS[1], marks=pytest.mark.second_database_only),
    ],
)
def test_no_input_makes_the_api_fail(tree, personas, login, name):
    makers = record_makers()
    ops = operations()
    failures: list[str] = []
    home = tree.grassroots
    client = login(getattr(personas, name))
    client.raise_request_exception = False
    for op in ops:
        # Records in the persona's own union for the ids in the path.
        real = {p.name: makers[p.name](home) for p in op.path_parameters if p.name in makers}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            if mode is GenerationMode.NEGATIVE and not takes_input(op):
                continue  # no parameter, body or credential to send wrong (GET /api/portal/signin/csrf)
            anywhere = op.as_strategy(generation_mode=mode)
            near = op.as_strategy(generation_mode=mode, path_parameters=real).map(partial(aimed, org=home))
            failures += fuzz(client, st.one_of(anywhere, near), f"{name} {mode.value}")
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures[:40])
