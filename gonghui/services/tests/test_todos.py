"""The workbench's to-do counters of worker services count only what waits for this person."""

from __future__ import annotations

from gonghui.kernel.registry import registry
from gonghui.services import actions

from . import factories as f


def todo(key: str):  # type: ignore[no-untyped-def]
    return next(t for t in registry.get("services").todos if t.key == key)


def test_sessions_today_are_counted_for_the_centres_the_officer_runs(svc, tree, personas, clock):
    day = f.next_weekday(0)
    f.book(svc.worker, svc.counsellor, f.at(day, 9))
    f.book(f.make_worker(tree.grassroots, "会员乙"), svc.counsellor, f.at(day, 10))
    cancelled = f.book(f.make_worker(tree.grassroots, "会员丙"), svc.counsellor, f.at(day, 11))
    actions.booking_cancel(actor=None, booking=cancelled)
    count = todo("services.sessions_today").count
    assert count(personas.district) == 0  # not today yet
    clock(f.at(day, 8))
    assert count(personas.district) == 2 and count(personas.province) == 2
    # The worker's own union and a sibling run no centre with sessions today.
    assert count(personas.grassroots) == 0 and count(personas.sibling) == 0 and count(svc.worker_user) == 0


def test_consultations_awaiting_the_providers_reply(svc):
    count = todo("services.threads_waiting").count
    thread = actions.thread_start(
        actor=svc.worker_user, provider=svc.counsellor, subject="睡眠", body="睡不着"
    )
    assert count(svc.counsellor_user) == 1 and count(svc.worker_user) == 0 and count(svc.supervisor) == 0
    actions.thread_post(actor=svc.counsellor_user, thread=thread, body="先记录作息。")
    assert count(svc.counsellor_user) == 0
    actions.thread_post(actor=svc.worker_user, thread=thread, body="好的，还有一个问题。")
    assert count(svc.counsellor_user) == 1
    actions.thread_close(actor=svc.worker_user, thread=thread)
    assert count(svc.counsellor_user) == 0


def test_open_cases_at_the_unions_the_officer_runs(tree, personas, login):
    count = todo("services.open_cases").count
    open_ = f.make_case(tree.street)
    closed = f.make_case(tree.street)
    actions.case_close(actor=None, case=closed, outcome="resolved", on=closed.intake_on)
    f.make_case(tree.sibling_street)
    assert count(personas.street) == 1 and count(personas.district) == 2 and count(personas.grassroots) == 0
    page = login(personas.street).get(todo("services.open_cases").url).content.decode()
    assert open_.number in page and f"/services/cases/{closed.pk}/" not in page
