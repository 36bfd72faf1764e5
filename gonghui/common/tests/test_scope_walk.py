"""Every URL and API route, walked as every persona against orgs outside their subtree.

The routes come from the URLconf, so a module that adds a page or an endpoint is walked too.
A route whose URL takes an argument this file does not know fails the test until it is
registered in URL_ARGS: say how to make such an object inside a given org.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from gonghui.assistance.tests import factories as assistance_walk
from gonghui.bulletin.tests import factories as bulletin_walk
from gonghui.common import scope
from gonghui.common.models import AuditEntry
from gonghui.meetings.tests import factories as meetings_walk
from gonghui.members.tests import factories as members_walk
from gonghui.orgs.models import Org
from gonghui.services.tests import factories as services_walk
from gonghui.units.tests import factories as units_walk

# How to fill a URL argument with an object that belongs to `org`.
URL_ARGS: dict[str, Callable[[Org], Any]] = {
    "org_id": lambda org: org.pk,
    "job_id": lambda org: _job_in(org).pk,
    # Members and transfers (gonghui/members/tests/factories.py).
    "member_id": lambda org: members_walk.member_in(org).pk,
    "transfer_id": lambda org: members_walk.transfer_in(org).pk,
    # The bulletin's objects (gonghui/bulletin/tests/factories.py says what each one is).
    "bulletin_id": lambda org: bulletin_walk.walk_bulletin(org).pk,
    "issue_id": lambda org: bulletin_walk.walk_issue(org).pk,
    "article_id": lambda org: bulletin_walk.walk_article(org).pk,
    "submission_id": lambda org: bulletin_walk.walk_submission(org).pk,
    "photo_id": lambda org: bulletin_walk.walk_photo(org).pk,
    "fact_id": lambda org: bulletin_walk.walk_fact(org).pk,
    # Units and collective contracts (gonghui/units/tests/factories.py).
    "unit_id": lambda org: units_walk.unit_in(org).pk,
    "contract_id": lambda org: units_walk.contract_in(org).pk,
    # Hardship assistance (gonghui/assistance/tests/factories.py).
    "household_id": lambda org: assistance_walk.household_in(org).pk,
    "application_id": lambda org: assistance_walk.application_in(org).pk,
    "attachment_id": lambda org: assistance_walk.attachment_in(org).pk,
    "fund_id": lambda org: assistance_walk.fund_in(org).pk,
    "batch_id": lambda org: assistance_walk.batch_in(org).pk,
    # Worker services (gonghui/services/tests/factories.py).
    "centre_id": lambda org: services_walk.centre_in(org).pk,
    "provider_id": lambda org: services_walk.provider_in(org).pk,
    "booking_id": lambda org: services_walk.booking_in(org).pk,
    "thread_id": lambda org: services_walk.thread_in(org).pk,
    "knowledge_id": lambda org: services_walk.article_in(org).pk,
    "case_id": lambda org: services_walk.case_in(org).pk,
    # Committees, meetings, elections and passing-on tasks (gonghui/meetings/tests/factories.py).
    "committee_id": lambda org: meetings_walk.committee_in(org).pk,
    "seat_id": lambda org: meetings_walk.seat_in(org).pk,
    "meeting_id": lambda org: meetings_walk.meeting_in(org).pk,
    "election_id": lambda org: meetings_walk.election_in(org).pk,
    "document_id": lambda org: meetings_walk.document_in(org).pk,
    "passon_id": lambda org: meetings_walk.passon_in(org).pk,
}
# Not walked: Django's admin (superusers only; checked below), static files, the language switch,
# sign-in pages, and the OpenAPI documents (public descriptions, no data).
SKIP = re.compile(r"^(admin/|static/|i18n/|accounts/|api/docs|api/openapi\.json)")
QUERY_KEYS = ("within", "parent", "org")
# 400 and 422: the input was refused before the scope check could even run; still nothing changes.
REFUSED = {400, 403, 404, 405, 422}


def _job_in(org: Org) -> Any:
    from gonghui.common.models import Job

    return Job.objects.get_or_create(kind="scope.walk", org=org, defaults={"title": org.name})[0]


def walk(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def routes() -> list[str]:
    return sorted({r for r in walk(get_resolver().url_patterns) if not SKIP.match(r)})


def fill(route: str, org: Org) -> str:
    def one(m: re.Match[str]) -> str:
        name = m.group(2)
        if name not in URL_ARGS:
            pytest.fail(f"route {route!r} takes <{name}>: register it in URL_ARGS in {__file__}")
        return str(URL_ARGS[name](org))

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", one, route)


# Reads an ancestor's record allows by design: the free slots of a centre of a union above the
# persona, which serves its members (an officer books there on a member's behalf; see
# services.selectors.provider_get_for_booking). Writes there are still refused below.
SERVED_BY_ANCESTORS = {"api/services/providers/<int:provider_id>/slots"}


def snapshot(orgs: list[Org]) -> dict[int, tuple[Any, ...]]:
    fields = [f.attname for f in Org._meta.concrete_fields]
    rows = Org.objects.filter(pk__in=[o.pk for o in orgs]).values_list(*fields)
    return {r[0]: r for r in rows}


def nearest_outsiders(outsiders: list[Org], s: scope.Scope, n: int = 4) -> list[Org]:
    """The outsiders closest to the persona's own subtree (a sibling branch first, then its
    ancestors' other branches), and always a node of the foreign tree."""
    roots = s.paths("view") or s.paths("self")

    def shared(o: Org) -> int:
        return max((len(_common(o.path, r)) for r in roots), default=0)

    ranked = sorted(outsiders, key=lambda o: (-shared(o), -o.depth, o.path))
    foreign = [o for o in outsiders if shared(o) == 0][-1:]
    return list(dict.fromkeys(ranked[: n - 1] + foreign))


def _common(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]


def attack_payload(target: Org, own: Org | None) -> dict[str, Any]:
    """A plausible write: every field a form or endpoint might read, aimed across the line."""
    mine = own.pk if own else target.pk
    return {
        "name": "越权修改", "short_name": "越权", "kind": "federation", "division": "440105",
        "level": "grassroots", "parent_id": target.pk, "new_parent": mine, "new_parent_id": mine,
        "target": mine, "new_name": "越权分立", "reason": "越权撤销", "children": [],
    }  # fmt: skip


def test_walker_finds_the_org_pages_and_api():
    found = routes()
    assert "orgs/<int:org_id>/edit/" in found
    assert any(r.startswith("api/orgs/") for r in found)


def test_no_persona_reads_or_writes_outside_its_subtree(tree, personas, login, client):
    everything = tree.all()
    for name, user in personas.items():
        client.logout()
        login(user)
        s = scope.scope_of(user)
        visible = {o.pk for o in everything if s.allows("view", o.path)}
        writable = [o for o in everything if s.allows("edit", o.path) or s.allows("manage", o.path)]
        own = writable[0] if writable else None
        # An ancestor's name may show (a union knows its parent); its data may not.
        ancestors = {o.pk for o in everything if any(o.path != v and v.startswith(o.path) for v in
                                                    (x.path for x in everything if x.pk in visible))}  # fmt: skip
        outsiders = nearest_outsiders([o for o in everything if o.pk not in visible], s)
        assert outsiders, name
        untouchable = [o for o in everything if o not in writable]
        before = snapshot(untouchable)
        last_audit = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        for route in routes():
            has_args = "<" in route
            for target in outsiders:
                if has_args:
                    url = fill(route, target)
                    r = client.get(url)
                    if not (route in SERVED_BY_ANCESTORS and target.pk in ancestors):
                        assert r.status_code in {403, 404, 405}, f"{name} GET {url} -> {r.status_code}"
                    payload = attack_payload(target, own)
                    for method in ("post", "patch"):
                        r = getattr(client, method)(
                            url, data=json.dumps(payload), content_type="application/json"
                        )
                        assert r.status_code in REFUSED, f"{name} {method} {url} (json) -> {r.status_code}"
                    r = client.post(url, payload)
                    assert r.status_code in REFUSED, f"{name} POST {url} (form) -> {r.status_code}"
                else:
                    url = "/" + route
                    for key in QUERY_KEYS:
                        r = client.get(url, {key: target.pk})
                        assert r.status_code < 500, f"{name} GET {url}?{key}= -> {r.status_code}"
                        if r.status_code == 200 and target.pk not in ancestors:
                            assert target.name not in r.content.decode(), (
                                f"{name} sees {target.name} at {url}?{key}="
                            )
                    r = client.get(url, {"q": target.name})
                    assert r.status_code < 500
                    if r.status_code == 200:  # the query is echoed back, so look for the code instead
                        assert target.credit_code not in r.content.decode(), (
                            f"{name} finds {target.name} at {url}?q="
                        )
                    payload = attack_payload(target, own)
                    r = client.post(url, data=json.dumps(payload), content_type="application/json")
                    assert r.status_code in REFUSED, f"{name} POST {url} -> {r.status_code}"
        assert snapshot(untouchable) == before, f"{name} changed an org outside its scope"
        new_rows = AuditEntry.objects.filter(id__gt=last_audit, org__in=untouchable)
        assert not new_rows.exists(), f"{name} left audit rows on orgs outside its scope"


@pytest.mark.parametrize("persona", ["street", "member", "province"])
def test_admin_site_is_for_superusers_only(tree, personas, login, persona):
    client = login(getattr(personas, persona))
    r = client.get("/admin/orgs/org/")
    assert r.status_code == 302 and "login" in r.url
