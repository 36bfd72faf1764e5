"""The pages: workers book and cancel on their phones, providers see their day, officers run
centres, schedules and cases. Refused input answers 422 with a Chinese message and changes
nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.services import actions
from gonghui.services.models import Booking, Centre, RightsCase, WeeklySchedule

from . import factories as f


def monday(hh: int) -> dt.datetime:
    return f.at(f.next_weekday(0), hh)


def test_member_books_through_the_slot_page(svc, login):
    client = login(svc.worker_user)
    r = client.get(f"/services/book/?provider={svc.counsellor.pk}")
    assert r.status_code == 200
    page = r.content.decode()
    assert "王咨询师" in page and monday(9).isoformat() in page
    r = client.post(
        f"/services/book/?provider={svc.counsellor.pk}",
        {"provider": svc.counsellor.pk, "service": svc.counselling.pk, "starts_at": monday(9).isoformat()},
    )
    booking = Booking.objects.get()
    assert r.status_code == 302 and r.url == f"/services/bookings/{booking.pk}/"
    assert booking.member == svc.worker and booking.starts_at == monday(9)
    assert "预约成功" in client.get(r.url).content.decode()
    assert "王咨询师" in client.get("/services/me/").content.decode()


def test_a_taken_slot_answers_422_in_chinese(svc, login, tree):
    f.book(f.make_worker(tree.grassroots, "先到"), svc.counsellor, monday(9))
    r = login(svc.worker_user).post(
        f"/services/book/?provider={svc.counsellor.pk}",
        {"provider": svc.counsellor.pk, "service": svc.counselling.pk, "starts_at": monday(9).isoformat()},
    )
    assert r.status_code == 422 and "该时段已被预约" in r.content.decode()
    assert Booking.objects.count() == 1


def test_member_cancels_from_the_booking_page(svc, login):
    booking = f.book(svc.worker, svc.counsellor, monday(10))
    client = login(svc.worker_user)
    assert "取消预约" in client.get(f"/services/bookings/{booking.pk}/").content.decode()
    r = client.post(f"/services/bookings/{booking.pk}/cancel/", {"reason": "临时有事"})
    assert r.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_provider_sees_their_bookings_but_not_other_providers(svc, login, tree):
    mine = f.book(svc.worker, svc.counsellor, monday(10))
    legal = svc.lawyer.services.first()
    f.weekly(svc.lawyer, 0, "14:00", "16:00", 60)
    theirs = actions.booking_create(
        actor=None, member=f.make_worker(tree.grassroots, "别人"), provider=svc.lawyer, service=legal,
        starts_at=monday(14),
    )  # fmt: skip
    client = login(svc.counsellor_user)
    page = client.get("/services/provider/").content.decode()
    assert "林小青" in page and "别人" not in page
    assert client.get("/services/me/").url == "/services/provider/"
    assert client.get(f"/services/bookings/{mine.pk}/").status_code == 200
    assert client.get(f"/services/bookings/{theirs.pk}/").status_code == 403


def test_officer_books_for_a_member_by_id_number(svc, personas, login):
    client = login(personas.street)
    r = client.get(f"/services/bookings/new/?provider={svc.counsellor.pk}")
    assert r.status_code == 200
    r = client.post(
        f"/services/bookings/new/?provider={svc.counsellor.pk}",
        {
            "id_number": svc.worker.id_number,
            "service": svc.counselling.pk,
            "starts_at": monday(11).isoformat(),
        },
    )
    assert r.status_code == 302
    assert Booking.objects.get().channel == Booking.Channel.OFFICER


def test_officer_booking_for_someone_outside_the_subtree_is_refused_and_nothing_changes(
    svc, personas, login, tree
):
    outsider = f.make_worker(tree.sibling_grassroots, "吴四")
    r = login(personas.street).post(
        f"/services/bookings/new/?provider={svc.counsellor.pk}",
        {"id_number": outsider.id_number, "service": svc.counselling.pk, "starts_at": monday(11).isoformat()},
    )
    assert r.status_code == 422
    assert "在您的管辖范围内找不到该身份证号" in r.content.decode()
    assert "吴四" not in r.content.decode()
    assert not Booking.objects.exists()


def test_officer_adds_an_overlapping_schedule_and_is_told(svc, personas, login):
    r = login(personas.district).post(
        f"/services/providers/{svc.counsellor.pk}/schedules/new/",
        {"weekday": 0, "start": "10:00", "end": "11:00", "slot_minutes": 60},
    )
    assert r.status_code == 422 and "与已有排班" in r.content.decode()
    assert WeeklySchedule.objects.filter(provider=svc.counsellor).count() == 1


def test_officer_sets_up_a_centre_with_a_counsellor(tree, personas, login):
    client = login(personas.street)
    r = client.post(
        "/services/centres/new/",
        {"org": "赤岗街道总工会", "name": "赤岗心灵驿站", "functions": "心理咨询室、阅读区"},
    )
    centre = Centre.objects.get(name="赤岗心灵驿站")
    assert r.status_code == 302 and centre.org == tree.street
    client.post(f"/services/centres/{centre.pk}/services/new/", {"kind": "counselling", "name": "心理咨询"})
    client.post(f"/services/centres/{centre.pk}/rooms/new/", {"name": "一号咨询室"})
    service = centre.services.get()
    r = client.post(
        f"/services/centres/{centre.pk}/providers/new/",
        {"kind": "counsellor", "name": "何老师", "services": [service.pk]},
    )
    provider = centre.providers.get()
    assert r.status_code == 302
    room = centre.rooms.get()
    r = client.post(
        f"/services/providers/{provider.pk}/schedules/new/",
        {"weekday": 2, "start": "14:00", "end": "17:00", "slot_minutes": 50, "room": room.pk},
    )
    assert r.status_code == 302
    page = client.get(f"/services/providers/{provider.pk}/").content.decode()
    assert "星期三 14:00–17:00" in page and "一号咨询室" in page


def test_a_centre_for_a_union_outside_the_subtree_is_refused(tree, personas, login):
    r = login(personas.street).post("/services/centres/new/", {"org": "新港街道总工会", "name": "越权中心"})
    assert r.status_code == 422 and "找不到「新港街道总工会」" in r.content.decode()
    assert not Centre.objects.exists()


def test_calendar_lists_the_days_bookings_for_the_centres_officers(svc, personas, login):
    f.book(svc.worker, svc.counsellor, monday(9))
    day = f.next_weekday(0)
    r = login(personas.district).get(f"/services/bookings/?centre={svc.centre.pk}&day={day:%Y-%m-%d}")
    assert r.status_code == 200 and "林小青" in r.content.decode()
    r = login(personas.sibling).get(f"/services/bookings/?day={day:%Y-%m-%d}")
    assert "林小青" not in r.content.decode()


def test_case_intake_and_stages_through_the_pages(svc, tree, personas, login):
    client = login(personas.street)
    r = client.post(
        "/services/cases/new/",
        {"org": "赤岗街道总工会", "category": "wages", "intake_on": "2013-03-01", "summary": "拖欠工资", "parties": 12,
         "migrants": 10, "party_names": "张三、李四", "employer_name": "某制衣厂", "lawyer": svc.lawyer.pk},
    )  # fmt: skip
    case = RightsCase.objects.get()
    assert r.status_code == 302 and case.lawyer == svc.lawyer and case.number == "2013-0001"
    r = client.post(f"/services/cases/{case.pk}/advance/", {"step": "litigate"})
    assert r.status_code == 422 and "仲裁前置" in r.content.decode()
    client.post(f"/services/cases/{case.pk}/advance/", {"step": "arbitrate", "on": "2013-04-01"})
    r = client.post(
        f"/services/cases/{case.pk}/close/",
        {"outcome": "award", "amount_recovered": "86,000.00", "on": "2013-06-01"},
    )
    case.refresh_from_db()
    assert r.status_code == 302 and case.stage == "closed" and str(case.amount_recovered) == "86000.00"
    assert "86,000.00" in client.get(f"/services/cases/{case.pk}/").content.decode()


@pytest.mark.parametrize("published", [True, False])
def test_members_read_published_articles_of_centres_that_serve_them(svc, tree, login, published):
    station = f.make_centre(tree.street, "赤岗心灵驿站")
    article = actions.article_create(
        actor=None,
        centre=station,
        category="mental",
        title="如何缓解工作压力",
        body="深呼吸。",
        publish=published,
    )
    client = login(svc.worker_user)
    assert client.get(f"/services/knowledge/{article.pk}/").status_code == (200 if published else 403)
    assert ("如何缓解工作压力" in client.get("/services/knowledge/").content.decode()) is published
    stranger = f.make_worker(tree.sibling_grassroots, "新港工友")
    assert login(stranger.login.user).get(f"/services/knowledge/{article.pk}/").status_code == 403


def test_the_members_union_does_not_see_a_booking_the_worker_made_online(svc, personas, login, tree):
    online = f.book(svc.worker, svc.counsellor, monday(9))
    for_them = f.book(
        f.make_worker(tree.grassroots, "代约"), svc.counsellor, monday(10), actor=personas.grassroots
    )
    client = login(personas.grassroots)  # 赤岗街道联合工会: the workers' own union, not the centre's
    assert client.get(f"/services/bookings/{online.pk}/").status_code == 403
    assert client.get(f"/services/bookings/{for_them.pk}/").status_code == 200


def test_officer_stops_a_weekly_schedule_and_its_slots_close(svc, personas, login):
    from gonghui.services.selectors import free_slots

    schedule = WeeklySchedule.objects.get(provider=svc.counsellor)
    client = login(personas.district)
    r = client.post(f"/services/providers/{svc.counsellor.pk}/schedules/end/", {"schedule": schedule.pk})
    assert r.status_code == 302
    day = f.next_weekday(0)
    assert free_slots(svc.counsellor, first=day, last=day) == []
    r = login(personas.sibling).post(
        f"/services/providers/{svc.counsellor.pk}/schedules/end/", {"schedule": schedule.pk}
    )
    assert r.status_code == 403


def test_officer_links_a_lawyer_to_enterprises_in_scope_only(svc, personas, login, tree):
    from gonghui.units.tests.factories import make_unit

    mine = make_unit(tree.grassroots, "赤岗某电子厂", 300)
    theirs = make_unit(tree.sibling_grassroots, "新港某酒店", 80)
    client = login(personas.district)
    r = client.post(f"/services/providers/{svc.lawyer.pk}/units/", {"units": mine.credit_code})
    assert r.status_code == 302 and list(svc.lawyer.units.all()) == [mine]
    r = login(personas.street).post(
        f"/services/providers/{svc.lawyer.pk}/units/", {"units": theirs.credit_code}
    )
    assert r.status_code == 403
    assert list(svc.lawyer.units.all()) == [mine]
    # The district officer may edit the lawyer but not reach an enterprise in another city.
    elsewhere = make_unit(tree.luohu, "罗湖某商场", 120)
    r = client.post(f"/services/providers/{svc.lawyer.pk}/units/", {"units": elsewhere.credit_code})
    assert r.status_code == 403
    assert list(svc.lawyer.units.all()) == [mine]


def test_only_a_manager_names_the_centres_supervisor(svc, personas, login):
    assert (
        login(personas.district)
        .post(  # a clerk
            f"/services/centres/{svc.centre.pk}/supervisor/", {"supervisor": personas.district.username}
        )
        .status_code
        == 403
    )
    r = login(personas.city).post(
        f"/services/centres/{svc.centre.pk}/supervisor/", {"supervisor": "nobody_here"}
    )
    assert r.status_code == 422 and "找不到用户名为「nobody_here」的账号" in r.content.decode()
    r = login(personas.city).post(
        f"/services/centres/{svc.centre.pk}/supervisor/", {"supervisor": "counsellor_wang"}
    )
    svc.centre.refresh_from_db()
    assert r.status_code == 302 and svc.centre.supervisor == svc.counsellor_user


def test_the_supervisor_page_refuses_an_administrator_naming_themselves(svc, personas, login):
    client = login(personas.city)
    page = client.get(f"/services/centres/{svc.centre.pk}/supervisor/").content.decode()
    assert "督导须是本工会服务中心在岗的心理咨询师" in page
    r = client.post(f"/services/centres/{svc.centre.pk}/supervisor/", {"supervisor": personas.city.username})
    assert r.status_code == 422 and "不能指定自己为督导" in r.content.decode()
    svc.centre.refresh_from_db()
    assert svc.centre.supervisor == svc.supervisor


def test_slots_are_offered_as_far_ahead_as_they_can_be_booked(svc, personas, login):
    """The booking window is one rule: the member's page and the officer's form list the slots
    of the whole window (four weeks), and a slot past it is refused by the action."""
    from gonghui.services.selectors import BOOKING_WINDOW_DAYS

    far = f.at(f.next_weekday(0, weeks=4), 9)  # 22 to 28 days ahead
    assert (
        'value="' + far.isoformat()
        in login(personas.district)
        .get(f"/services/bookings/new/?provider={svc.counsellor.pk}")
        .content.decode()
    )
    assert (
        far.isoformat()
        in login(svc.worker_user)
        .get(f"/services/book/?provider={svc.counsellor.pk}&service={svc.counselling.pk}")
        .content.decode()
    )
    beyond = f.at(f.next_weekday(0, weeks=6), 9)  # 35 to 41 days ahead
    r = login(svc.worker_user).post(
        f"/services/book/?provider={svc.counsellor.pk}",
        {"provider": svc.counsellor.pk, "service": svc.counselling.pk, "starts_at": beyond.isoformat()},
    )
    assert r.status_code == 422 and f"只能预约{BOOKING_WINDOW_DAYS}天以内的时段" in r.content.decode()
    assert far.isoformat() in r.content.decode() and beyond.isoformat() not in r.content.decode()
