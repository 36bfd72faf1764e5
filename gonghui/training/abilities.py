"""What a person may do now with a course, a trainee's enrolment and a certificate: the buttons
the pages show and the API's `abilities`, decided by the rules the actions check."""

from __future__ import annotations

from typing import Any

from gonghui.kernel import scope
from gonghui.kernel.abilities import Abilities

from . import rules
from .models import Audience, Certificate, Course, Enrolment
from .workflow import CERTIFICATE, COURSE, ENROLMENT


def training_abilities(actor: Any, org: Any) -> Abilities:
    """At a union: open a course (its clerks and administrators)."""
    return Abilities(create=scope.can(actor, "edit", org), statistics=scope.can(actor, "view", org))


def course_abilities(actor: Any, course: Course) -> Abilities:
    edits = scope.can(actor, "edit", course.org)
    roster_open = edits and not rules.roster_refusal(course)
    under_way = edits and not rules.under_way_refusal(course)
    waiting = (
        edits
        and course.state == Course.State.FINISHED
        and course.enrolments.filter(
            state=Enrolment.State.ENROLLED, completed=True, certificate__isnull=True
        ).exists()
    )
    return Abilities(
        COURSE.offers(actor, course),
        edit=roster_open,
        sessions=roster_open,
        enrol=roster_open,
        enrol_person=roster_open and course.audience == Audience.PUBLIC,
        attendance=under_way,
        scores=edits and not rules.scores_refusal(course),
        certify=waiting,
        export=scope.can(actor, "view", course.org),
        reveal=scope.can(actor, "reveal", course.org) and course.audience == Audience.PUBLIC,
    )


def course_worker_abilities(actor: Any, course: Course) -> Abilities:
    """A worker's doings on a course page: enrol themselves, withdraw, show their check-in code."""
    member = rules.worker_member(actor)
    mine = (
        course.enrolments.filter(state=Enrolment.State.ENROLLED, id_number_bidx=member.id_number_bidx).first()
        if member is not None
        else None
    )
    return Abilities(
        self_enrol=member is not None and not rules.self_enrol_refusal(course, member),
        withdraw=mine is not None and ENROLMENT.may(actor, mine, "withdraw"),
        checkin=mine is not None and not rules.under_way_refusal(course),
    )


def enrolment_abilities(actor: Any, enrolment: Enrolment) -> Abilities:
    return Abilities(
        ENROLMENT.offers(actor, enrolment),
        reveal=not enrolment.is_member and scope.can(actor, "reveal", enrolment.course.org),
    )


def certificate_abilities(actor: Any, certificate: Certificate) -> Abilities:
    org = certificate.enrolment.course.org
    return Abilities(
        CERTIFICATE.offers(actor, certificate),
        download=scope.can(actor, "view", org) or rules.own_enrolment(actor, certificate.enrolment),
    )


def enrolment_holder_abilities(enrolment: Enrolment) -> Abilities:
    """What the holder of an enrolment's own code may do with it: show it at the door while
    the course runs, see whether they completed once it finished, download the certificate."""
    holds = enrolment.state == Enrolment.State.ENROLLED
    course = enrolment.course
    return Abilities(
        checkin=holds and not rules.under_way_refusal(course),
        outcome=holds and course.state == Course.State.FINISHED,
        certificate=holds
        and Certificate.objects.filter(enrolment=enrolment, state=Certificate.State.VALID).exists(),
    )
