"""The demo: 机场集团's 160-person training with attendance and certificates, 茂名's 家政 course of
non-members, a course open now that the demo worker is offered."""

from __future__ import annotations

from gonghui.training import selectors
from gonghui.training.demo import training_demo_load
from gonghui.training.models import Certificate, Course, Enrolment


def test_demo_courses_follow_the_seed_and_load_once(demo_federation):
    assert Course.objects.count() == 3
    assert training_demo_load(progress=lambda s: None) == 0  # once only

    airport = Course.objects.get(title="帮扶工作实操培训班")
    assert airport.org.name == "广东机场集团公司工会" and airport.state == "finished"
    assert airport.enrolments.count() == 160
    certified = Certificate.objects.filter(enrolment__course=airport)
    # Certificates to those who completed, and only to them.
    assert 0 < certified.count() == airport.enrolments.filter(completed=True).count() < 160
    assert not Certificate.objects.filter(enrolment__completed=False).exists()

    housekeeping = Course.objects.get(org__name__startswith="茂名市", subject="housekeeping")
    assert 20 <= housekeeping.enrolments.count() <= 40
    assert not housekeeping.enrolments.filter(member__isnull=False).exists()
    assert Certificate.objects.filter(enrolment__course=housekeeping).exists()

    public = Course.objects.get(title="职工职业技能提升培训班（电工）")
    assert public.audience == "public" and public.state == "open"
    assert public.enrolments.filter(via="self", member__isnull=True).count() == 2

    stats = selectors.statistics(actor=None, within=airport.org.parent, year=2013)
    assert (
        stats.total.trainees >= 160
        and stats.total.completed == Enrolment.objects.filter(completed=True).count()
    )
