"""Worker services follow the tree: a merged union's centres (with everything on them) and cases
go to the survivor; a split leaves them where they are; a dissolved union's centres stop."""

from __future__ import annotations

import datetime as dt

from gonghui.conftest import make_org
from gonghui.core.models import AuditEntry
from gonghui.members.actions import member_leave
from gonghui.members.models import Member
from gonghui.orgs.actions import org_dissolve, org_merge, org_split
from gonghui.services import actions
from gonghui.services.abilities import booking_abilities
from gonghui.services.models import Article, Booking, Centre, Provider, RightsCase, Thread
from gonghui.services.selectors import centres_for_member, serves
from gonghui.services.stats import case_stats

from .. import factories as f


def _centre_with_work(org, name, worker, hour=9):  # type: ignore[no-untyped-def]
    """A centre with a room, a counsellor on Tuesdays, a coming session of `worker` (at `hour`),
    a consultation and an article."""
    centre = f.make_centre(org, name)
    room = f.make_room(centre)
    counsellor = f.make_provider(centre, f"{org.name}咨询师", user=f.make_user(f"c{org.pk}_{centre.pk}"))
    f.weekly(counsellor, 1, "09:00", "12:00", 60, room=room)
    booking = f.book(worker, counsellor, f.at(f.next_weekday(1), hour))
    thread = actions.thread_start(actor=worker.login.user, provider=counsellor, subject="咨询", body="你好")
    actions.article_create(
        actor=None, centre=centre, category="mental", title="文章", body="正文", publish=True
    )
    return centre, booking, thread


def test_centres_and_cases_follow_a_merge_and_stay_whole(tree, personas):
    source, target = tree.street, tree.sibling_street
    worker = f.make_worker(tree.grassroots, "赤岗工友")
    neighbour = f.make_worker(tree.sibling_grassroots, "新港工友")
    same_name, booking, thread = _centre_with_work(source, "心灵驿站", worker)
    other, _b, _t = _centre_with_work(source, "法律援助站", worker, hour=10)
    theirs, their_booking, _t2 = _centre_with_work(target, "心灵驿站", neighbour)
    for org, amount in ((source, "1000.10"), (source, "0"), (target, "20.00")):
        case = f.make_case(org, parties=2, migrants=1)
        actions.case_close(
            actor=None, case=case, outcome="resolved", amount_recovered=amount, on=case.intake_on
        )
    f.make_case(source, intake_on=dt.date(2014, 5, 1))
    before = [case_stats(actor=personas.district, org=o) for o in (source, target)]
    kept = {
        "providers": Provider.objects.filter(centre__org__in=[source, target]).count(),
        "bookings": Booking.objects.filter(centre__org__in=[source, target]).count(),
        "threads": Thread.objects.filter(centre__org__in=[source, target]).count(),
        "articles": Article.objects.filter(centre__org__in=[source, target]).count(),
    }

    org_merge(actor=personas.city, source=source, target=target, note="街道合并")

    assert (
        not Centre.objects.filter(org=source).exists() and not RightsCase.objects.filter(org=source).exists()
    )
    centres = {c.pk: c for c in Centre.objects.filter(org=target)}
    assert set(centres) == {same_name.pk, other.pk, theirs.pk}
    assert centres[theirs.pk].name == "心灵驿站" and centres[other.pk].name == "法律援助站"
    assert centres[same_name.pk].name == "心灵驿站（原赤岗街道总工会）"
    # Everything that hangs on a centre went with it; nothing was lost or doubled.
    assert kept == {
        "providers": Provider.objects.filter(centre__org=target).count(),
        "bookings": Booking.objects.filter(centre__org=target).count(),
        "threads": Thread.objects.filter(centre__org=target).count(),
        "articles": Article.objects.filter(centre__org=target).count(),
    }
    # The open sessions stay valid: still booked, the centre still serves the member, who may
    # still cancel.
    booking = Booking.objects.select_related("centre__org").get(pk=booking.pk)
    worker = Member.objects.select_related("org").get(pk=worker.pk)
    assert booking.status == Booking.Status.BOOKED
    assert serves(booking.centre, worker.org) and booking.centre in centres_for_member(worker)
    assert "cancel" in booking_abilities(worker.login.user, booking)
    assert Booking.objects.get(pk=their_booking.pk).status == Booking.Status.BOOKED
    moved_thread = Thread.objects.select_related("centre").get(pk=thread.pk)
    assert moved_thread.centre.org_id == target.pk and moved_thread.status == Thread.Status.OPEN
    # Cases keep their numbers where they can; a clash takes the target's next number.
    numbers = sorted(RightsCase.objects.filter(org=target).values_list("number", flat=True))
    assert numbers == ["2013-0001", "2013-0002", "2013-0003", "2014-0001"]
    after = case_stats(actor=personas.district, org=target)
    for field in ("cases", "closed", "people", "migrants", "recovered"):
        assert getattr(after.total, field) == sum(getattr(s.total, field) for s in before), field
    entry = AuditEntry.objects.get(action="services.follow_merge")
    assert entry.org_id == target.pk
    assert entry.detail["centres"] == 2 and entry.detail["cases"] == 3
    assert entry.detail["renamed"] == ["心灵驿站 → 心灵驿站（原赤岗街道总工会）"]
    assert entry.detail["renumbered"] == ["2013-0001 → 2013-0003"]


def test_a_merge_of_a_union_without_services_writes_nothing_here(tree, personas):
    org_merge(actor=personas.city, source=tree.street, target=tree.sibling_street)
    assert not AuditEntry.objects.filter(action="services.follow_merge").exists()


def test_a_split_leaves_centres_and_cases_on_their_union(tree, personas):
    worker = f.make_worker(tree.grassroots, "赤岗工友")
    centre, booking, _thread = _centre_with_work(tree.street, "心灵驿站", worker)
    case = f.make_case(tree.street)
    member_case = f.make_case(tree.grassroots)
    new_org = org_split(
        actor=personas.city, org=tree.street, new_name="赤岗北街道总工会", children=[tree.grassroots]
    )
    assert Centre.objects.get(pk=centre.pk).org_id == tree.street.pk
    assert RightsCase.objects.get(pk=case.pk).org_id == tree.street.pk
    # The moved sub-union took its own cases with it (it keeps its id), and the session booked
    # before stays booked.
    assert RightsCase.objects.get(pk=member_case.pk).org.path.startswith(new_org.path)
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.BOOKED
    assert not AuditEntry.objects.filter(action__startswith="services.follow").exists()


def test_a_dissolved_unions_centres_stop_and_coming_sessions_are_cancelled(
    tree, personas, outbox, django_capture_on_commit_callbacks
):
    union = make_org(tree.sibling_street, "新港某厂工会", "grassroots", kind="enterprise")
    worker = f.make_worker(union, "新港厂工友")
    centre, booking, thread = _centre_with_work(union, "厂区心灵驿站", worker)
    case = f.make_case(union)
    # A union that still has members is not dissolved: the factory closes, its worker leaves first.
    member_leave(actor=None, member=worker, reason="企业关闭")
    with django_capture_on_commit_callbacks(execute=True):
        org_dissolve(actor=personas.sibling, org=union, reason="企业关闭")
    assert Centre.objects.get(pk=centre.pk).active is False
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and "已撤销" in booking.cancel_reason
    assert [n.kind for n in outbox if n.meta.get("booking") == str(booking.pk)] == ["cancelled"]
    assert AuditEntry.objects.filter(
        action="booking.cancel", object_id=str(booking.pk), actor=personas.sibling
    ).exists()
    entry = AuditEntry.objects.get(action="services.follow_dissolve")
    assert entry.detail["centres"] == 1 and entry.detail["bookings"] == 1
    # What happened there stays as it was.
    assert Thread.objects.get(pk=thread.pk).status == Thread.Status.OPEN
    assert RightsCase.objects.get(pk=case.pk).org_id == union.pk
    assert centres_for_member(worker) == []
