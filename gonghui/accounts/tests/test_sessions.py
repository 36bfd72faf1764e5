"""A request reads its session, the person and the data generations in one query, and a
person's grants are kept in the process until a role or the tree changes: what each saves must
never let a stale session or a stale grant through."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gonghui.accounts.actions import role_grant
from gonghui.accounts.models import Role, Session
from gonghui.conftest import PASSWORD, make_user
from gonghui.core import generation


def _queries(client, path: str) -> list[str]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def _reads(sql: list[str], table: str) -> int:
    """Queries that read `table` first (not as a subquery of another's)."""
    return sum(1 for q in sql if q.lstrip().startswith(f'SELECT "{table}".'))


def test_a_signed_in_page_reads_the_session_and_the_person_in_one_query(tree, personas, login):  # type: ignore[no-untyped-def]
    client = login(personas.street)
    client.get("/")
    sql = _queries(client, "/")
    assert _reads(sql, "accounts_session") == 1
    assert _reads(sql, "accounts_user") == 0  # read with the session
    assert _reads(sql, "core_generation") == 0  # read with the session too


def test_the_session_row_names_its_person_and_signing_out_removes_it(tree, personas, client):  # type: ignore[no-untyped-def]
    response = client.post("/accounts/login/", {"username": personas.street.username, "password": PASSWORD})
    assert response.status_code == 302
    key = client.cookies["sessionid"].value
    assert Session.objects.get(session_key=key).user == personas.street
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()


def test_a_session_without_a_person_has_none(db, client):  # type: ignore[no-untyped-def]
    session = client.session
    session["seen"] = 1
    session.save()
    assert Session.objects.get(session_key=session.session_key).user is None


def test_a_password_changed_elsewhere_ends_the_session_at_its_next_request(tree, personas, login):  # type: ignore[no-untyped-def]
    client = login(personas.street)
    assert client.get("/").status_code == 200
    user = type(personas.street).objects.get(pk=personas.street.pk)
    user.set_password("另一个-Passw0rd!")
    user.save()
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_person_made_inactive_is_signed_out_at_the_next_request(tree, personas, login):  # type: ignore[no-untyped-def]
    client = login(personas.street)
    assert client.get("/").status_code == 200
    type(personas.street).objects.filter(pk=personas.street.pk).update(is_active=False)
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_expired_session_is_not_read(tree, personas, login):  # type: ignore[no-untyped-def]
    client = login(personas.street)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_persons_roles_are_read_once_until_a_role_changes_in_any_process(tree, personas, login):  # type: ignore[no-untyped-def]
    # The personas' roles are committed (built once per test process): no write is pending.
    generation.forget()
    client = login(personas.street)
    assert _reads(_queries(client, "/"), "accounts_role") == 1
    assert _reads(_queries(client, "/"), "accounts_role") == 0  # kept
    sibling = f"/orgs/{tree.sibling_street.pk}/"
    assert client.get(sibling).status_code in (403, 404)
    # Another process grants a role there and commits: here, only the number in the database
    # moves on (the row is written without this process's ORM).
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {Role._meta.db_table} (created_at, user_id, org_id, kind) VALUES (%s, %s, %s, %s)",
            [timezone.now(), personas.street.pk, tree.sibling_street.pk, "viewer"],
        )
    assert client.get(sibling).status_code in (403, 404)  # the number has not moved: kept
    generation.bump(generation.GRANTS_ROW)
    assert client.get(sibling).status_code == 200


def test_a_role_granted_in_this_process_counts_at_once(tree, personas, login):  # type: ignore[no-untyped-def]
    client = login(personas.street)
    sibling = f"/orgs/{tree.sibling_street.pk}/"
    assert client.get(sibling).status_code in (403, 404)
    role_grant(actor=None, user=personas.street, org=tree.sibling_street, kind="viewer")
    assert client.get(sibling).status_code == 200


def test_a_new_person_never_gets_the_grants_kept_for_another(tree, login):  # type: ignore[no-untyped-def]
    first = make_user("first_officer", tree.street)
    client = login(first)
    assert client.get(f"/orgs/{tree.street.pk}/").status_code == 200
    client.logout()
    second = make_user("second_nobody", None)
    client = login(second)
    assert client.get(f"/orgs/{tree.street.pk}/").status_code in (403, 404)
