"""The module contract's test kit: abilities agree with the actions, pages show exactly those.

    def test_application_abilities_agree_with_the_actions(tree, personas):
        records = [application_in(tree.street), application_in(tree.street, state="publicity"), …]
        assert_abilities_agree(
            actors=personas.items(), records=records, abilities=application_abilities,
            attempts={
                "approve": lambda actor, a: actions.application_approve(actor=actor, application=a),
                "reject": lambda actor, a: actions.application_reject(actor=actor, application=a, reason="不符合条件"),
                …
            },
        )

For every actor, record and doing, the doing is among the record's abilities exactly when the
action succeeds; each attempt runs in a savepoint that is rolled back, so one attempt never
changes what the next one sees. `assert_page_offers` then checks that the record's page shows a
button exactly for each ability.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404

from gonghui.kernel import scope

Attempt = Callable[[Any, Any], Any]


class _RollBack(Exception):
    pass


def fresh(record: models.Model) -> Any:
    return type(record)._default_manager.get(pk=record.pk)


def succeeds(attempt: Attempt, actor: Any, record: models.Model) -> bool:
    """Does the action succeed for this actor on this record? Nothing it does is kept."""
    try:
        with transaction.atomic():
            attempt(actor, fresh(record))
            raise _RollBack
    except _RollBack:
        return True
    except (PermissionDenied, ValidationError, ObjectDoesNotExist, Http404):
        return False


def assert_abilities_agree(
    *,
    actors: Iterable[tuple[str, Any]],
    records: Iterable[models.Model],
    abilities: Callable[[Any, Any], Mapping[str, bool]],
    attempts: Mapping[str, Attempt],
) -> None:
    records = list(records)
    assert records, "no records to check"
    mismatches = []
    checked = 0
    for name, actor in actors:
        scope.forget(actor)
        for record in records:
            offered = abilities(actor, fresh(record))
            for doing, attempt in attempts.items():
                ok = succeeds(attempt, actor, record)
                checked += 1
                if ok != bool(offered[doing]):
                    mismatches.append(
                        f"{name} · {record!r} (#{record.pk}) · {doing}: "
                        f"{'offered' if offered[doing] else 'not offered'} but the action "
                        f"{'succeeds' if ok else 'is refused'}"
                    )
    assert not mismatches, f"{len(mismatches)} of {checked} disagree:\n" + "\n".join(mismatches)


def assert_page_offers(html: str, offered: Mapping[str, bool], buttons: Mapping[str, str]) -> None:
    """`buttons` names, per doing, a piece of the page that only its button has (its form's
    action URL, usually): it is on the page exactly when the doing is offered."""
    wrong = [
        f"{doing}: {'offered' if offered[doing] else 'not offered'} but the page "
        f"{'lacks' if offered[doing] else 'shows'} {marker!r}"
        for doing, marker in buttons.items()
        if (marker in html) != bool(offered[doing])
    ]
    assert not wrong, "\n".join(wrong)


def assert_pages_offer(
    *,
    login: Callable[[Any], Any],
    actors: Iterable[tuple[str, Any]],
    records: Iterable[models.Model],
    url: Callable[[Any], str] | str,
    abilities: Callable[[Any, Any], Mapping[str, bool]],
    buttons: Callable[[Any], Mapping[str, str]] | Mapping[str, str],
    skip: Iterable[int] = (403,),
) -> int:
    """For every actor and record, the record's page (`url(record)`) shows a button exactly for
    each of the record's abilities (`buttons(record)`: as in `assert_page_offers`). A page the
    actor may not open (a status in `skip`) is passed over; any other opens (200). Returns how
    many pages were checked.

    `url` and `buttons` may instead be a path and markers in which `{pk}` stands for the
    record's pk: `url="/members/{pk}/"`, `buttons={"edit": "/members/{pk}/edit/"}`."""
    records, skip = list(records), set(skip)
    assert records, "no records to check"
    seen = 0
    for name, actor in actors:
        client = login(actor)
        for record in records:
            path = url(record) if callable(url) else _with_pk(url, record)
            r = client.get(path)
            if r.status_code in skip:
                continue
            assert r.status_code == 200, f"{name} · {path}: {r.status_code}"
            seen += 1
            markers = (
                buttons(record)
                if callable(buttons)
                else {doing: _with_pk(marker, record) for doing, marker in buttons.items()}
            )
            assert_page_offers(r.content.decode(), abilities(actor, fresh(record)), markers)
    return seen


def assert_each_page_offers(
    *,
    login: Callable[[Any], Any],
    actors: Iterable[tuple[str, Any]],
    records: Iterable[models.Model],
    abilities: Callable[[Any, Any], Mapping[str, bool]],
    pages: Mapping[str, Mapping[str, str]],
) -> None:
    """`assert_pages_offer` for several pages of each record (a union's list pages, say): `pages`
    maps each page's path to its markers, `{pk}` in both standing for the record's pk. Each page
    must open for someone."""
    actors, records = list(actors), list(records)
    for url, buttons in pages.items():
        seen = assert_pages_offer(
            login=login, actors=actors, records=records, url=url, abilities=abilities, buttons=buttons
        )
        assert seen, f"{url}: no page opened"


def _with_pk(template: str, record: models.Model) -> str:
    return template.replace("{pk}", str(record.pk))
