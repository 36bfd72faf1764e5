"""Reports and exports read from the replica; writes, pinned people and everything else the primary."""

from __future__ import annotations

import time

import pytest
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.test import RequestFactory, override_settings
from django.urls import ResolverMatch

from gonghui.kernel import replica
from gonghui.kernel.replica import PIN_COOKIE, ReplicaMiddleware, Router, reading_from_replica
from gonghui.members.models import Member
from gonghui.orgs.models import Org

router = Router()
with_replica = override_settings(GONGHUI_READ_REPLICA="replica", GONGHUI_PIN_AFTER_WRITE_SECONDS=15)
REPORT = ["units:report"]


def marked(request: HttpRequest, name: str) -> HttpRequest:
    request.resolver_match = ResolverMatch(lambda r: None, (), {}, url_name=name.split(":")[1],
                                           app_names=[name.split(":")[0]], namespaces=[name.split(":")[0]])  # fmt: skip
    return request


def through(request: HttpRequest, view) -> HttpResponse:  # type: ignore[no-untyped-def]
    """The request through the middleware, its view called as Django calls it (process_view first)."""

    def handler(r: HttpRequest) -> HttpResponse:
        middleware.process_view(r, view, (), {})
        return view(r)  # type: ignore[no-any-return]

    middleware = ReplicaMiddleware(handler)
    return middleware(request)


@with_replica
def test_a_report_read_goes_to_the_replica() -> None:
    assert router.db_for_read(Member) == "default"
    with reading_from_replica():
        assert router.db_for_read(Member) == "replica"
        assert router.db_for_read(Org) == "replica"
    assert router.db_for_read(Member) == "default"


@with_replica
def test_every_write_goes_to_the_primary_even_in_a_report() -> None:
    assert router.db_for_write(Member) == "default"
    with reading_from_replica():
        assert router.db_for_write(Member) == "default"


@with_replica
def test_sessions_and_accounts_are_read_on_the_primary_even_in_a_report() -> None:
    from django.contrib.sessions.models import Session

    from gonghui.accounts.models import User

    with reading_from_replica():
        assert router.db_for_read(Session) == "default"
        assert router.db_for_read(User) == "default"


@with_replica
@pytest.mark.django_db
def test_a_read_inside_a_transaction_stays_with_its_writes() -> None:
    from django.db import transaction

    with reading_from_replica(), transaction.atomic():
        assert router.db_for_read(Member) == "default"


@with_replica
def test_the_replica_is_never_migrated() -> None:
    assert router.allow_migrate("replica", "members") is False
    assert router.allow_migrate("default", "members") is None


@override_settings(GONGHUI_READ_REPLICA=None)
def test_without_a_replica_the_router_leaves_every_read_alone() -> None:
    with reading_from_replica():
        assert router.db_for_read(Member) is None
        assert router.db_for_write(Member) is None


@with_replica
@override_settings(GONGHUI_REPLICA_VIEWS=REPORT)
def test_the_middleware_sends_a_report_page_to_the_replica_when_not_pinned() -> None:
    seen = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(router.db_for_read(Member))
        return HttpResponse("ok")

    response = through(marked(RequestFactory().get("/units/report/"), "units:report"), view)
    assert seen == ["replica"]
    assert PIN_COOKIE not in response.cookies


@with_replica
@override_settings(GONGHUI_REPLICA_VIEWS=REPORT)
def test_a_page_not_named_reads_the_primary() -> None:
    seen = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(router.db_for_read(Member))
        return HttpResponse("ok")

    through(marked(RequestFactory().get("/members/"), "members:list"), view)
    assert seen == ["default"]


@with_replica
@override_settings(GONGHUI_REPLICA_VIEWS=REPORT)
def test_a_pinned_person_reads_the_report_on_the_primary() -> None:
    seen = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(router.db_for_read(Member))
        return HttpResponse("ok")

    request = RequestFactory().get("/units/report/")
    request.COOKIES[PIN_COOKIE] = str(int(time.time()) + 10)
    through(marked(request, "units:report"), view)
    expired = RequestFactory().get("/units/report/")
    expired.COOKIES[PIN_COOKIE] = str(int(time.time()) - 1)
    through(marked(expired, "units:report"), view)
    assert seen == ["default", "replica"]


@with_replica
def test_the_middleware_pins_the_person_after_a_post() -> None:
    response = through(RequestFactory().post("/members/new/"), lambda r: HttpResponse("saved"))
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == 15 and cookie["httponly"]
    assert int(time.time()) + 14 <= int(cookie.value) <= int(time.time()) + 15


@with_replica
def test_a_get_that_wrote_pins_too_and_one_that_did_not_does_not() -> None:
    def writes(request: HttpRequest) -> HttpResponse:
        router.db_for_write(Member)
        return HttpResponse("ok")

    assert PIN_COOKIE in through(RequestFactory().get("/x/"), writes).cookies
    assert PIN_COOKIE not in through(RequestFactory().get("/x/"), lambda r: HttpResponse("ok")).cookies


@with_replica
@override_settings(GONGHUI_REPLICA_VIEWS=["members:export"])
def test_an_export_s_own_audit_row_does_not_pin_and_its_stream_reads_the_replica() -> None:
    seen = []

    def rows():  # type: ignore[no-untyped-def]
        for _ in range(2):
            seen.append(router.db_for_read(Member))
            yield b"row\n"

    def view(request: HttpRequest) -> StreamingHttpResponse:
        router.db_for_write(Member)  # the export's audit row
        return StreamingHttpResponse(rows())

    response = through(marked(RequestFactory().get("/members/export/"), "members:export"), view)
    assert seen == []  # nothing streamed yet: the view has returned
    assert b"".join(response.streaming_content) == b"row\nrow\n"  # type: ignore[attr-defined]
    assert seen == ["replica", "replica"]
    assert PIN_COOKIE not in response.cookies


@override_settings(GONGHUI_READ_REPLICA=None, GONGHUI_REPLICA_VIEWS=REPORT)
def test_without_a_replica_the_middleware_sets_nothing() -> None:
    response = through(RequestFactory().post("/members/new/"), lambda r: HttpResponse("saved"))
    assert PIN_COOKIE not in response.cookies
    assert replica.replica_alias() is None


@with_replica
@override_settings(GONGHUI_REPLICA_VIEWS=REPORT)
@pytest.mark.django_db
def test_a_real_post_pins_and_a_real_report_page_is_marked(client, personas, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    marks = []
    read = Router.db_for_read

    def spy(self, model, **hints):  # type: ignore[no-untyped-def]
        state = replica._reads.get()
        marks.append(state is not None and state.replica)
        return read(self, model, **hints)

    monkeypatch.setattr(Router, "db_for_read", spy)
    client.force_login(personas.district)
    page = client.get("/units/report/")
    assert page.status_code == 200 and PIN_COOKIE not in page.cookies
    assert marks and any(marks)
    marks.clear()
    assert client.get("/units/").status_code == 200
    assert marks and not any(marks)
    answer = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert answer.cookies[PIN_COOKIE]["max-age"] == 15


@with_replica
def test_a_view_may_opt_in_with_the_decorator_for_its_gets_only() -> None:
    from gonghui.kernel.replica import replica_reads

    seen = []

    @replica_reads
    def view(request: HttpRequest) -> HttpResponse:
        seen.append(router.db_for_read(Member))
        return HttpResponse("ok")

    view(RequestFactory().get("/report/"))
    view(RequestFactory().post("/report/"))
    assert seen == ["replica", "default"]


def named(name: str) -> bool:
    from django.urls import get_resolver

    namespace, _, url_name = name.partition(":")
    found = get_resolver().namespace_dict.get(namespace)
    return found is not None and url_name in found[1].reverse_dict


def test_every_view_named_for_the_replica_exists() -> None:
    from django.conf import settings

    assert named("units:report") and not named("units:reports") and not named("nowhere:report")
    assert [name for name in settings.GONGHUI_REPLICA_VIEWS if not named(name)] == []
