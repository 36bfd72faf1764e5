"""Every page of worker services offers a doing exactly when its action succeeds, for every
persona (the shared ones, a viewer and an approver of the centre's district, the worker, another
worker, the counsellor and the centre's supervisor), and on records in every state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from gonghui.conftest import make_user
from gonghui.services import actions
from gonghui.services.abilities import (
    article_abilities,
    booking_abilities,
    case_abilities,
    centre_abilities,
    provider_abilities,
    services_abilities,
    thread_abilities,
)
from gonghui.services.models import Booking, RightsCase, Thread
from gonghui.tests.contract import assert_abilities_agree, assert_page_offers, assert_pages_offer

from . import factories as f


@pytest.fixture
def actors(personas, svc, tree):  # type: ignore[no-untyped-def]
    """The shared personas, roles that only read or approve, and the people of the centre."""
    other = f.make_worker(tree.grassroots, "另一位工友", username="worker_other")
    return [
        *personas.items(),
        ("viewer", make_user("viewer_haizhu", tree.haizhu, "viewer")),
        ("approver", make_user("approver_haizhu", tree.haizhu, "approver")),
        ("worker", svc.worker_user),
        ("other_worker", other.login.user),
        ("counsellor", svc.counsellor_user),
        ("supervisor", svc.supervisor),
    ]


# ---- bookings ------------------------------------------------------------------------------


@dataclass
class Sessions:
    attended: Booking
    rated: Booking
    no_show: Booking
    begun: Booking
    online: Booking
    for_them: Booking
    cancelled: Booking

    def all(self) -> list[Booking]:
        return list(vars(self).values())


@pytest.fixture
def sessions(svc, tree, personas, clock):  # type: ignore[no-untyped-def]
    """Sessions in every state, seen on the first coming Monday at 11:30: three of that morning
    marked or not, and three of a Monday two weeks on (booked online, booked by the member's
    union on their behalf, cancelled)."""
    f.weekly(svc.lawyer, 0, "09:00", "12:00", 60)
    first, later = f.next_weekday(0), f.next_weekday(0, weeks=2)
    b, c, d = (f.make_worker(tree.grassroots, n) for n in ("会员乙", "会员丙", "会员丁"))
    attended = f.book(svc.worker, svc.counsellor, f.at(first, 9))
    rated = f.book(b, svc.counsellor, f.at(first, 10))
    no_show = f.book(c, svc.counsellor, f.at(first, 11))
    begun = f.book(svc.worker, svc.lawyer, f.at(first, 10))
    online = f.book(svc.worker, svc.counsellor, f.at(later, 9), note="最近睡不好")
    for_them = f.book(d, svc.counsellor, f.at(later, 10), actor=personas.grassroots, note="家里有事想聊聊")
    cancelled = f.book(b, svc.counsellor, f.at(later, 11))
    actions.booking_cancel(actor=b.login.user, booking=cancelled)
    clock(f.at(first, 11, 30))
    actions.booking_mark(actor=svc.counsellor_user, booking=attended, attended=True)
    actions.booking_mark(actor=svc.counsellor_user, booking=rated, attended=True)
    actions.booking_feedback(actor=b.login.user, booking=rated, rating=4)
    actions.booking_mark(actor=svc.counsellor_user, booking=no_show, attended=False)
    fresh = [
        Booking.objects.get(pk=b.pk) for b in (attended, rated, no_show, begun, online, for_them, cancelled)
    ]
    return Sessions(*fresh)


BOOKING_ATTEMPTS = {
    "cancel": lambda actor, b: actions.booking_cancel(actor=actor, booking=b, reason="临时有事"),
    "attend": lambda actor, b: actions.booking_mark(actor=actor, booking=b, attended=True),
    "no_show": lambda actor, b: actions.booking_mark(actor=actor, booking=b, attended=False),
    "feedback": lambda actor, b: actions.booking_feedback(actor=actor, booking=b, rating=5),
}


def test_booking_abilities_agree_with_the_actions(actors, sessions):
    assert_abilities_agree(
        actors=actors, records=sessions.all(), abilities=booking_abilities, attempts=BOOKING_ATTEMPTS
    )


def test_the_booking_page_shows_exactly_the_offered_buttons(actors, sessions, login):
    def buttons(booking):
        pk = booking.pk
        return {
            "cancel": f"/services/bookings/{pk}/cancel/", "attend": 'value="attended"',
            "no_show": 'value="no_show"', "feedback": f"/services/bookings/{pk}/feedback/",
            **({"read_note": booking.note} if booking.note else {}),
        }  # fmt: skip

    seen = assert_pages_offer(
        login=login, actors=actors, records=sessions.all(), url=lambda b: f"/services/bookings/{b.pk}/",
        abilities=booking_abilities, buttons=buttons,
    )  # fmt: skip
    assert seen > len(sessions.all())


def test_the_members_union_books_for_them_but_does_not_read_their_note(sessions, personas, login):
    booking = sessions.for_them
    page = login(personas.grassroots).get(f"/services/bookings/{booking.pk}/").content.decode()
    assert "家里有事想聊聊" not in page and f"/services/bookings/{booking.pk}/cancel/" in page
    page = login(personas.district).get(f"/services/bookings/{booking.pk}/").content.decode()
    assert "家里有事想聊聊" in page


def test_the_booking_api_answers_the_same_abilities(actors, sessions, login):
    for _name, user in actors:
        client = login(user)
        for booking in (sessions.begun, sessions.online, sessions.attended):
            r = client.get(f"/api/services/bookings/{booking.pk}")
            if r.status_code == 200:
                assert r.json()["abilities"] == booking_abilities(user, booking).names()


def test_a_refused_cancel_answers_422_and_changes_nothing(sessions, svc, login):
    r = login(svc.worker_user).post(f"/services/bookings/{sessions.begun.pk}/cancel/", {"reason": ""})
    assert r.status_code == 422 and "咨询已经开始或结束" in r.content.decode()
    assert Booking.objects.get(pk=sessions.begun.pk).status == Booking.Status.BOOKED


# ---- rights cases ----------------------------------------------------------------------------


def _case(org, stage: str = "consultation", category: str = "wages") -> RightsCase:  # type: ignore[no-untyped-def]
    case = f.make_case(org, category=category)
    path = {"mediation": ["mediate"], "arbitration": ["arbitrate"], "litigation": ["arbitrate", "litigate"]}
    for step in path.get(stage, []):
        actions.case_advance(actor=None, case=case, step=step, on=dt.date(2013, 4, 1))
    if stage == "closed":
        actions.case_close(actor=None, case=case, outcome="resolved", on=dt.date(2013, 5, 1))
    return RightsCase.objects.get(pk=case.pk)


@pytest.fixture
def cases(tree):  # type: ignore[no-untyped-def]
    return [
        _case(tree.street),
        _case(tree.street, category="traffic"),
        _case(tree.street, "mediation", "traffic"),
        _case(tree.street, "arbitration"),
        _case(tree.street, "litigation"),
        _case(tree.street, "closed"),
        _case(tree.grassroots, "mediation", "contract"),
        _case(tree.sibling_street),
    ]


CASE_ATTEMPTS = {
    "mediate": lambda actor, c: actions.case_advance(actor=actor, case=c, step="mediate"),
    "arbitrate": lambda actor, c: actions.case_advance(actor=actor, case=c, step="arbitrate"),
    "litigate": lambda actor, c: actions.case_advance(actor=actor, case=c, step="litigate"),
    "close": lambda actor, c: actions.case_close(actor=actor, case=c, outcome="resolved"),
}


def test_case_abilities_agree_with_the_actions(actors, cases):
    assert_abilities_agree(actors=actors, records=cases, abilities=case_abilities, attempts=CASE_ATTEMPTS)


def test_the_case_page_offers_only_the_steps_the_case_allows(actors, cases, login):
    steps = {s: f'<option value="{s}"' for s in ("mediate", "arbitrate", "litigate")}
    assert_pages_offer(
        login=login, actors=actors, records=cases, url=lambda c: f"/services/cases/{c.pk}/",
        abilities=case_abilities,
        buttons=lambda c: {"advance": f"/services/cases/{c.pk}/advance/", "close": f"/services/cases/{c.pk}/close/", **steps},
    )  # fmt: skip


def test_a_labour_dispute_is_not_offered_court_before_arbitration(cases, personas):
    wages, traffic = cases[0], cases[1]
    assert case_abilities(personas.street, wages).names() == ["advance", "arbitrate", "close", "mediate"]
    assert "litigate" in case_abilities(personas.street, traffic)
    assert "litigate" in case_abilities(personas.street, cases[3])  # arbitrated first


def test_the_close_form_of_a_closed_case_is_refused(cases, personas, login):
    client = login(personas.street)
    assert client.get(f"/services/cases/{cases[5].pk}/close/").status_code == 403
    assert client.get(f"/services/cases/{cases[0].pk}/close/").status_code == 200


def test_the_case_api_answers_the_same_abilities(cases, personas, login):
    r = login(personas.street).get(f"/api/services/cases/{cases[0].pk}")
    assert r.json()["abilities"] == ["advance", "arbitrate", "close", "mediate"]
    assert login(personas.province).get(f"/api/services/cases/{cases[5].pk}").json()["abilities"] == []


# ---- consultation threads ------------------------------------------------------------------


@pytest.fixture
def threads(svc):  # type: ignore[no-untyped-def]
    open_ = actions.thread_start(
        actor=svc.worker_user, provider=svc.counsellor, subject="睡眠", body="睡不着"
    )
    closed = actions.thread_start(
        actor=svc.worker_user, provider=svc.counsellor, subject="压力", body="压力大"
    )
    actions.thread_close(actor=svc.counsellor_user, thread=closed)
    return [open_, Thread.objects.get(pk=closed.pk)]


THREAD_ATTEMPTS = {
    "close": lambda actor, t: actions.thread_close(actor=actor, thread=t),
    "post": lambda actor, t: actions.thread_post(actor=actor, thread=t, body="还想再问一下"),
}


def test_thread_abilities_agree_with_the_actions(actors, threads):
    assert_abilities_agree(
        actors=actors, records=threads, abilities=thread_abilities, attempts=THREAD_ATTEMPTS
    )


def test_the_thread_page_shows_exactly_the_offered_buttons(actors, threads, login):
    assert_pages_offer(
        login=login, actors=actors, records=threads, url=lambda t: f"/services/threads/{t.pk}/", skip=[404],
        abilities=thread_abilities,
        buttons=lambda t: {"post": 'name="body"', "close": f"/services/threads/{t.pk}/close/"},
    )  # fmt: skip


def test_the_threads_page_offers_asking_to_members_only(svc, threads, login):
    assert "/services/threads/new/" in login(svc.worker_user).get("/services/threads/").content.decode()
    for user in (svc.counsellor_user, svc.supervisor):
        assert "/services/threads/new/" not in login(user).get("/services/threads/").content.decode()


# ---- centres, providers, articles ----------------------------------------------------------


@pytest.fixture
def centres(svc, tree):  # type: ignore[no-untyped-def]
    return [
        svc.centre,
        f.make_centre(tree.street, "赤岗心灵驿站"),
        f.make_centre(tree.sibling_street, "新港驿站"),
    ]


def _add_provider(actor, centre):  # type: ignore[no-untyped-def]
    service = centre.services.first() or actions.service_create(
        actor=None, centre=centre, kind="legal", name="法律"
    )
    return actions.provider_create(
        actor=actor, centre=centre, kind="lawyer", name="新律师", services=[service]
    )


CENTRE_ATTEMPTS = {
    "add_room": lambda actor, c: actions.room_create(actor=actor, centre=c, name="新功能室"),
    "add_service": lambda actor, c: actions.service_create(
        actor=actor, centre=c, kind="group", name="团体辅导"
    ),
    "add_provider": _add_provider,
    "add_holiday": lambda actor, c: actions.holiday_add(
        actor=actor, centre=c, on=f.next_weekday(2, weeks=3), name="调休"
    ),
    "add_article": lambda actor, c: actions.article_create(
        actor=actor, centre=c, category="mental", title="标题", body="正文"
    ),
    "set_supervisor": lambda actor, c: actions.centre_set_supervisor(actor=actor, centre=c, supervisor=None),
}


def test_centre_abilities_agree_with_the_actions(actors, centres):
    assert_abilities_agree(
        actors=actors, records=centres, abilities=centre_abilities, attempts=CENTRE_ATTEMPTS
    )


def test_the_centre_page_shows_exactly_the_offered_buttons(actors, centres, login):
    doings = {"add_provider": "providers/new", "add_service": "services/new", "add_room": "rooms/new",
              "add_holiday": "holidays/new", "add_article": "knowledge/new", "set_supervisor": "supervisor"}  # fmt: skip
    assert_pages_offer(
        login=login, actors=actors, records=centres, url=lambda c: f"/services/centres/{c.pk}/",
        abilities=centre_abilities,
        buttons=lambda c: {d: f"/services/centres/{c.pk}/{path}/" for d, path in doings.items()},
    )  # fmt: skip


def test_a_form_for_a_doing_the_person_may_not_do_is_refused_before_it_is_shown(svc, actors, login):
    viewer = dict(actors)["viewer"]
    client = login(viewer)
    assert client.get(f"/services/centres/{svc.centre.pk}/").status_code == 200
    for url in (
        f"/services/centres/{svc.centre.pk}/rooms/new/",
        f"/services/providers/{svc.counsellor.pk}/schedules/new/",
        f"/services/providers/{svc.counsellor.pk}/units/",
        f"/services/bookings/new/?provider={svc.counsellor.pk}",
    ):
        assert client.get(url).status_code == 403, url
    # A counsellor is not linked to enterprises, whoever asks.
    assert (
        login(dict(actors)["district"]).get(f"/services/providers/{svc.counsellor.pk}/units/").status_code
        == 403
    )


@pytest.fixture
def providers(svc, centres):  # type: ignore[no-untyped-def]
    f.weekly(svc.lawyer, 3, "14:00", "16:00", 60)
    sibling_lawyer = f.make_provider(centres[2], "新港律师", kind="lawyer")
    f.weekly(sibling_lawyer, 3, "14:00", "16:00", 60)
    return [svc.counsellor, svc.lawyer, sibling_lawyer]


def _end_schedule(actor, provider):  # type: ignore[no-untyped-def]
    return actions.schedule_end(actor=actor, schedule=provider.schedules.first())


PROVIDER_ATTEMPTS = {
    "add_schedule": lambda actor, p: actions.schedule_add(
        actor=actor, provider=p, weekday=4, start=dt.time(9), end=dt.time(10), slot_minutes=60
    ),
    "add_exception": lambda actor, p: actions.exception_add(
        actor=actor, provider=p, on=f.next_weekday(5), start=dt.time(9), end=dt.time(10), extra=True
    ),
    "end_schedule": _end_schedule,
    "link_units": lambda actor, p: actions.provider_set_units(actor=actor, provider=p, units=[]),
}


def test_provider_abilities_agree_with_the_actions(actors, providers):
    assert_abilities_agree(
        actors=actors, records=providers, abilities=provider_abilities, attempts=PROVIDER_ATTEMPTS
    )


def test_the_provider_page_shows_exactly_the_offered_buttons(actors, providers, login):
    doings = {"add_schedule": "schedules/new/", "add_exception": "exceptions/new/",
              "end_schedule": "schedules/end/", "link_units": "units/"}  # fmt: skip
    assert_pages_offer(
        login=login, actors=actors, records=providers, url=lambda p: f"/services/providers/{p.pk}/",
        abilities=provider_abilities,
        buttons=lambda p: {**{d: f"/services/providers/{p.pk}/{path}" for d, path in doings.items()},
                           "book_for": f"/services/bookings/new/?provider={p.pk}"},
    )  # fmt: skip


def test_an_officer_books_on_behalf_wherever_the_centre_serves_a_union_they_edit(svc, actors, login):
    people = dict(actors)
    for name, may in [("street", True), ("grassroots", True), ("district", True), ("viewer", False),
                      ("approver", False), ("sibling", True), ("counsellor", False)]:  # fmt: skip
        assert provider_abilities(people[name], svc.counsellor).book_for is may, name
        r = login(people[name]).get(f"/services/bookings/new/?provider={svc.counsellor.pk}")
        assert r.status_code == (200 if may else 403), name


@pytest.fixture
def articles(svc, centres):  # type: ignore[no-untyped-def]
    return [
        actions.article_create(
            actor=None, centre=c, category="legal", title="劳动合同", body="要签。", publish=True
        )
        for c in centres
    ]


def test_article_abilities_agree_with_the_actions_and_the_page(actors, articles, login):
    assert_abilities_agree(
        actors=actors,
        records=articles,
        abilities=article_abilities,
        attempts={
            "edit": lambda actor, a: actions.article_update(
                actor=actor, article=a, category="legal", title="改", body="改", publish=True
            )
        },
    )
    for _name, user in actors:
        client = login(user)
        for article in articles:
            r = client.get(f"/services/knowledge/{article.pk}/")
            if r.status_code == 200:
                assert_page_offers(
                    r.content.decode(),
                    article_abilities(user, article),
                    {"edit": f"/services/knowledge/{article.pk}/edit/"},
                )


# ---- the union's own doings ----------------------------------------------------------------


def test_services_abilities_over_a_union_agree_with_the_actions(actors, tree):
    assert_abilities_agree(
        actors=actors,
        records=[tree.province, tree.haizhu, tree.street, tree.grassroots, tree.sibling_street, tree.luohu],
        abilities=services_abilities,
        attempts={
            "create_centre": lambda actor, org: actions.centre_create(actor=actor, org=org, name="新中心"),
            "create_case": lambda actor, org: f.make_case(org, actor=actor),
            "export_stats": lambda actor, org: actions.case_stats_export_record(
                actor=actor, org=org, year=None, fmt="xlsx"
            ),
        },
    )


def test_the_list_pages_offer_what_the_person_may_do_at_their_union(actors, tree, login):
    for _name, user in actors:
        client = login(user)
        for url, doing, marker in [
            (f"/services/?within={tree.haizhu.pk}", "create_centre", "/services/centres/new/"),
            (f"/services/cases/?within={tree.haizhu.pk}", "create_case", "/services/cases/new/"),
            (f"/services/cases/stats/?org={tree.haizhu.pk}", "export_stats", "/services/cases/stats/export/"),
        ]:
            r = client.get(url)
            if r.status_code == 200:
                offered = services_abilities(user, tree.haizhu)
                assert_page_offers(r.content.decode(), offered, {doing: marker})


def test_a_supervisor_is_not_offered_a_members_doings(svc, login):
    page = login(svc.supervisor).get("/services/me/").content.decode()
    assert "/services/book/" not in page and "/services/threads/new/" not in page
    assert login(svc.supervisor).get("/services/book/").status_code == 403
    page = login(svc.worker_user).get("/services/me/").content.decode()
    assert "/services/book/" in page and "/services/threads/new/" in page
