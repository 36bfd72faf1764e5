"""Every URL and API route, walked as every persona against orgs outside their subtree.

The routes come from each module's module.py (its pages and its API router), one test per module
and persona, so a module that adds a page or an endpoint is walked too, and a new module adds its
own tests. A route whose URL takes an argument no module's WALK knows fails until that module's
`tests/factories.py` says how to make such an object inside a given org.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from gonghui.conftest import make_user
from gonghui.core.models import AuditEntry
from gonghui.kernel import scope
from gonghui.kernel.registry import Module, registry, resolve
from gonghui.orgs.models import SEGMENT, Org


def url_args() -> dict[str, Callable[[Org], Any]]:
    """How to fill a URL argument with an object that belongs to `org`: every module's WALK."""
    found: dict[str, Callable[[Org], Any]] = {}
    for m in registry:
        if m.walk:
            found.update(resolve(m.walk))
    return found


URL_ARGS = url_args()
# Not walked: Django's admin (superusers only; checked below), static files, the language switch,
# sign-in pages, the API's root and OpenAPI documents (public descriptions, no data), and its
# answer to an address that is no operation (a 404, no data), and the health probes and metrics
# (no data; config/tests/test_health.py), and the load benchmark's floor (a page that does not
# exist unless a benchmark turns it on; core/tests/test_bench_floor.py).
SKIP = re.compile(
    r"^(admin/|static/|i18n/|accounts/|api/$|api/docs|api/openapi\.json|\^api/|health/|metrics$|bench/floor$)"
)
QUERY_KEYS = ("within", "parent", "org")
# 400 and 422: the input was refused before the scope check could even run; still nothing changes.
REFUSED = {400, 403, 404, 405, 422}


def walk(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


@functools.cache
def routes() -> list[str]:
    return sorted({r for r in walk(get_resolver().url_patterns) if not SKIP.match(r)})


def module_routes(m: Module) -> list[str]:
    """The pages a module mounts and its API's routes."""
    pages = set(walk(resolve(m.urls).urlpatterns, m.url_prefix)) if m.urls else set()
    api = f"api{m.api_prefix}/" if m.api else None
    return sorted(r for r in routes() if r in pages or (api and r.startswith(api)))


WALKED = [m for m in registry if module_routes(m)]


def fill(route: str, org: Org, made: dict[tuple[str, int], str] | None = None) -> str:
    """The route's address with an object of `org` for each argument; `made` keeps the objects
    one walk made, so that the routes of one kind of record share one (none of them may change)."""
    made = {} if made is None else made

    def one(m: re.Match[str]) -> str:
        name = m.group(2)
        if name not in URL_ARGS:
            pytest.fail(f"route {route!r} takes <{name}>: add a maker to the WALK of its module's module.py")
        if (name, org.pk) not in made:
            obj = URL_ARGS[name](org)
            made[name, org.pk] = str(getattr(obj, "pk", obj))
        return made[name, org.pk]

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", one, route)


# Reads an ancestor's record allows by design: the free slots of a centre of a union above the
# persona, which serves its members (an officer books there on a member's behalf; see
# services.selectors.provider_get_for_booking). Writes there are still refused below.
SERVED_BY_ANCESTORS = {"api/services/providers/<int:provider_id>/slots"}


def snapshot(orgs: list[Org]) -> dict[int, tuple[Any, ...]]:
    fields = [f.attname for f in Org._meta.concrete_fields]
    rows = Org.objects.filter(pk__in=[o.pk for o in orgs]).values_list(*fields)
    return {r[0]: r for r in rows}


def nearest_outsiders(outsiders: list[Org], s: scope.Scope, ancestors: set[int], n: int = 3) -> list[Org]:
    """One of each kind of union the persona must not reach: the nearest other branch (its
    deepest node: the sibling street's grassroots union), the nearest ancestor (the district
    above a street: its records are not the street's) and a node of the foreign tree; then the
    next nearest, up to `n`."""
    roots = s.paths("view") or s.paths("self")

    def shared(o: Org) -> int:
        return max((len(_common(o.path, r)) for r in roots), default=0)

    ranked = sorted(outsiders, key=lambda o: (-shared(o), -o.depth, o.path))
    branch = [o for o in ranked if o.pk not in ancestors][:1]
    above = sorted((o for o in outsiders if o.pk in ancestors), key=lambda o: -o.depth)[:1]
    foreign = [o for o in outsiders if shared(o) == 0][-1:]
    picked = list(dict.fromkeys(branch + above + foreign))
    return list(dict.fromkeys(picked + ranked))[: max(n, len(picked))]


def _common(a: str, b: str) -> str:
    """The common ancestry of two paths, whole segments only (0001 and 0002 share nothing)."""
    i = 0
    while i + SEGMENT <= min(len(a), len(b)) and a[i : i + SEGMENT] == b[i : i + SEGMENT]:
        i += SEGMENT
    return a[:i]


def attack_payload(target: Org, own: Org | None) -> dict[str, Any]:
    """A plausible write: every field a form or endpoint might read, aimed across the line."""
    mine = own.pk if own else target.pk
    return {
        "name": "越权修改", "short_name": "越权", "kind": "federation", "division": "440105",
        "level": "grassroots", "parent_id": target.pk, "new_parent": mine, "new_parent_id": mine,
        "target": mine, "new_name": "越权分立", "reason": "越权撤销", "children": [],
    }  # fmt: skip


WRITES = ("POST", "PUT", "PATCH", "DELETE")


@functools.cache
def api_methods() -> dict[str, frozenset[str]]:
    """The methods each API route declares (its OpenAPI operations). Any other method is answered
    405 by django-ninja before any of our code runs, so the walk does not send it."""
    from gonghui.api import api

    paths = api.get_openapi_schema()["paths"]
    return {
        path: frozenset(m.upper() for m in ops if m.upper() in ("GET", *WRITES))
        for path, ops in paths.items()
    }


def methods(route: str) -> frozenset[str]:
    """What the walk sends to a route: a page gets GET and a posted form; an API route the
    methods it declares."""
    if not route.startswith("api/"):
        return frozenset({"GET", "POST"})
    return api_methods()["/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)]


def writes(client: Any, route: str, url: str, payload: dict[str, Any]) -> Iterator[Any]:
    """The writes a route takes, with the attack payload: a page takes a posted form; the API
    takes JSON by each write method it declares."""
    if not route.startswith("api/"):
        yield "POST (form)", client.post(url, payload)
        return
    body = json.dumps(payload)
    for method in WRITES:
        if method in methods(route):
            yield f"{method} (json)", client.generic(method, url, body, content_type="application/json")


def test_walker_finds_the_org_pages_and_api():
    found = module_routes(registry.get("orgs"))
    assert "orgs/<int:org_id>/edit/" in found
    assert any(r.startswith("api/orgs/") for r in found)


def test_the_walk_knows_the_methods_of_every_api_route():
    api = [r for r in routes() if r.startswith("api/")]
    assert api and all(methods(r) for r in api)
    assert methods("api/orgs/<int:org_id>") >= {"GET", "PATCH"}


def test_every_route_belongs_to_a_module():
    owned = {r for m in registry for r in module_routes(m)}
    assert set(routes()) == owned, sorted(set(routes()) - owned)


# Where a persona may reach is decided in Python over paths (kernel.scope) and in SQL by path
# prefixes. Both databases' runs walk three personas whose outsiders are of every kind (a city's:
# the other city, the province, the foreign tree; a street's: the sibling street, the district
# above; a member's: everyone else, from their own union up). The second run (PostgreSQL, the
# production database) walks three more, while the first runs the browser tests; the first walks
# the grassroots union's, so that the two runs take about as long.
ON_BOTH_DATABASES = {"city", "street", "member"}
FIRST_ONLY = {"grassroots"}
PERSONAS = [
    p
    if p in ON_BOTH_DATABASES
    else pytest.param(
        p, marks=pytest.mark.first_database_only if p in FIRST_ONLY else pytest.mark.second_database_only
    )
    for p in ("province", "city", "district", "street", "grassroots", "member", "sibling")
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("module", [m.name for m in WALKED])
def test_no_persona_reads_or_writes_outside_its_subtree(
    module, persona, tree, personas, login, client, settings
):
    # Thousands of requests: the session is not written back after each one (the idle timeout
    # is tested in accounts), which the walk does not need.
    settings.SESSION_SAVE_EVERY_REQUEST = False
    everything = tree.all()
    walked = module_routes(registry.get(module))
    for name, user in [(persona, getattr(personas, persona))]:
        login(user)
        s = scope.scope_of(user)
        visible = {o.pk for o in everything if s.allows("view", o.path)}
        writable = [o for o in everything if s.allows("edit", o.path) or s.allows("manage", o.path)]
        own = writable[0] if writable else None
        # An ancestor's name may show (a union knows its parent); its data may not.
        ancestors = {o.pk for o in everything if any(o.path != v and v.startswith(o.path) for v in
                                                    (x.path for x in everything if x.pk in visible))}  # fmt: skip
        outsiders = nearest_outsiders([o for o in everything if o.pk not in visible], s, ancestors)
        assert outsiders, name
        untouchable = [o for o in everything if o not in writable]
        before = snapshot(untouchable)
        last_audit = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        made: dict[tuple[str, int], str] = {}
        for route in walked:
            has_args = "<" in route
            reads = "GET" in methods(route)
            for target in outsiders:
                payload = attack_payload(target, own)
                if has_args:
                    url = fill(route, target, made)
                    if reads:
                        r = client.get(url)
                        if not (route in SERVED_BY_ANCESTORS and target.pk in ancestors):
                            assert r.status_code in {403, 404, 405}, f"{name} GET {url} -> {r.status_code}"
                    for method, r in writes(client, route, url, payload):
                        assert r.status_code in REFUSED, f"{name} {method} {url} -> {r.status_code}"
                    continue
                url = "/" + route
                if reads:
                    # Every parameter a list may be narrowed by, at once, naming the outsider.
                    r = client.get(url, dict.fromkeys(QUERY_KEYS, target.pk))
                    assert r.status_code < 500, f"{name} GET {url}?{'&'.join(QUERY_KEYS)}= -> {r.status_code}"
                    if r.status_code == 200 and target.pk not in ancestors:
                        assert target.name not in r.content.decode(), f"{name} sees {target.name} at {url}"
                    r = client.get(url, {"q": target.name})
                    assert r.status_code < 500
                    if r.status_code == 200:  # the query is echoed back, so look for the code instead
                        assert target.credit_code not in r.content.decode(), (
                            f"{name} finds {target.name} at {url}?q="
                        )
                for method, r in writes(client, route, url, payload):
                    assert r.status_code in REFUSED, f"{name} {method} {url} -> {r.status_code}"
        assert snapshot(untouchable) == before, f"{name} changed an org outside its scope"
        new_rows = AuditEntry.objects.filter(id__gt=last_audit, org__in=untouchable)
        assert not new_rows.exists(), f"{name} left audit rows on orgs outside its scope"


@pytest.mark.parametrize("persona", ["street", "member", "province"])
def test_admin_site_is_for_superusers_only(tree, personas, login, persona):
    client = login(getattr(personas, persona))
    r = client.get("/admin/orgs/org/")
    assert r.status_code == 302 and "login" in r.url


def test_a_superuser_reads_the_admin_but_changes_nothing_there(tree, login):
    """Changes go through the audited actions: the admin lists the registers and offers no add,
    change or delete, even to a superuser."""
    root = make_user("root_admin", None, is_superuser=True, is_staff=True)
    client = login(root)
    for model in ("orgs/org", "core/auditentry", "units/unit", "units/collectivecontract"):
        assert client.get(f"/admin/{model}/").status_code == 200, model
        assert client.get(f"/admin/{model}/add/").status_code == 403, model
    page = client.get(f"/admin/orgs/org/{tree.street.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(f"/admin/orgs/org/{tree.street.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Org.objects.filter(pk=tree.street.pk).exists()
