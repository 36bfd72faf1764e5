"""The API: the same rules as the pages."""

from __future__ import annotations

import datetime as dt

from gonghui.services.models import Booking, RightsCase

from . import factories as f


def monday(hh: int) -> dt.datetime:
    return f.at(f.next_weekday(0), hh)


def test_member_lists_slots_books_and_cancels(svc, login):
    client = login(svc.worker_user)
    centres = client.get("/api/services/centres").json()
    assert [c["name"] for c in centres] == ["海珠区职工心理咨询服务中心"]
    slots = client.get(f"/api/services/providers/{svc.counsellor.pk}/slots?days=8").json()
    assert monday(9) in [dt.datetime.fromisoformat(s["starts_at"]) for s in slots]
    slot = {
        "provider_id": svc.counsellor.pk,
        "service_id": svc.counselling.pk,
        "starts_at": monday(9).isoformat(),
    }
    r = client.post("/api/services/bookings", slot, content_type="application/json")
    assert r.status_code == 201, r.content
    booking_id = r.json()["id"]
    again = client.post("/api/services/bookings", slot, content_type="application/json")
    assert again.status_code == 422 and "该时段已被预约" in again.json()["detail"]
    assert (
        client.post(
            f"/api/services/bookings/{booking_id}/cancel", {}, content_type="application/json"
        ).status_code
        == 200
    )
    assert Booking.objects.get().status == "cancelled"
    slots = client.get(f"/api/services/providers/{svc.counsellor.pk}/slots?days=8").json()
    assert monday(9) in [dt.datetime.fromisoformat(s["starts_at"]) for s in slots]


def test_a_slot_in_the_past_is_refused_in_chinese(svc, login):
    last_monday = f.at(dt.date.today() - dt.timedelta(days=dt.date.today().weekday() + 7), 9)
    r = login(svc.worker_user).post(
        "/api/services/bookings",
        {
            "provider_id": svc.counsellor.pk,
            "service_id": svc.counselling.pk,
            "starts_at": last_monday.isoformat(),
        },
        content_type="application/json",
    )
    assert r.status_code == 422 and "不能预约已经过去" in r.json()["detail"]
    assert not Booking.objects.exists()


def test_officer_books_on_behalf_only_inside_the_subtree(svc, personas, login, tree):
    client = login(personas.street)
    body = {
        "provider_id": svc.counsellor.pk,
        "service_id": svc.counselling.pk,
        "starts_at": monday(10).isoformat(),
    }
    outsider = f.make_worker(tree.sibling_grassroots, "吴四")
    r = client.post(
        "/api/services/bookings", {**body, "member_id": outsider.pk}, content_type="application/json"
    )
    assert r.status_code == 403
    assert not Booking.objects.exists()
    # The district's centre serves the street's members: the street officer books there for a
    # member of its own union, as on the page.
    r = client.post(
        "/api/services/bookings", {**body, "member_id": svc.worker.pk}, content_type="application/json"
    )
    assert r.status_code == 201 and r.json()["channel"] == "officer"
    assert client.get(f"/api/services/providers/{svc.counsellor.pk}/slots?days=8").status_code == 200
    neighbour = f.make_worker(tree.grassroots, "郑五")
    r = login(personas.district).post(
        "/api/services/bookings",
        {**body, "starts_at": monday(11).isoformat(), "member_id": neighbour.pk},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["channel"] == "officer"


def test_slots_are_listed_only_as_far_ahead_as_they_can_be_booked(svc, login):
    from gonghui.services.selectors import BOOKING_WINDOW_DAYS

    first = dt.date.today() + dt.timedelta(days=20)
    slots = (
        login(svc.worker_user)
        .get(f"/api/services/providers/{svc.counsellor.pk}/slots?first={first.isoformat()}&days=31")
        .json()
    )
    starts = [dt.datetime.fromisoformat(s["starts_at"]) for s in slots]
    horizon = dt.datetime.now(dt.UTC) + dt.timedelta(days=BOOKING_WINDOW_DAYS)
    assert starts and max(starts) <= horizon


def test_booking_reads_are_scoped(svc, personas, login):
    booking = f.book(svc.worker, svc.counsellor, monday(11))
    assert login(personas.district).get(f"/api/services/bookings/{booking.pk}").status_code == 200
    assert login(personas.sibling).get(f"/api/services/bookings/{booking.pk}").status_code == 403
    assert login(svc.counsellor_user).get(f"/api/services/bookings/{booking.pk}").status_code == 200


def test_cases_through_the_api(tree, personas, login):
    client = login(personas.street)
    r = client.post(
        "/api/services/cases",
        {"org_id": tree.street.pk, "category": "work_injury", "intake_on": "2013-03-02", "summary": "工伤",
         "parties": 1, "party_names": ["张三"], "amount_claimed": "50000.00"},
        content_type="application/json",
    )  # fmt: skip
    assert r.status_code == 201, r.content
    case_id = r.json()["id"]
    r = client.post(
        f"/api/services/cases/{case_id}/close",
        {"outcome": "resolved", "amount_recovered": "45000.50", "on": "2013-05-01"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["stage"] == "closed"
    assert str(RightsCase.objects.get().amount_recovered) == "45000.50"
    assert [c["number"] for c in client.get("/api/services/cases").json()["items"]] == ["2013-0001"]
    assert login(personas.sibling).get(f"/api/services/cases/{case_id}").status_code == 403
    r = login(personas.sibling).post(
        "/api/services/cases",
        {"org_id": tree.street.pk, "category": "other", "summary": "越权", "parties": 1},
        content_type="application/json",
    )
    assert r.status_code == 403 and RightsCase.objects.count() == 1
