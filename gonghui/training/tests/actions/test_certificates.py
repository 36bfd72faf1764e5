"""Certificates only to those who completed; verified by their code on the public page."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from gonghui.kernel.errors import Refused
from gonghui.training import actions, selectors
from gonghui.training.models import Certificate

from ..factories import attend_all, enrol, make_course, member_at

pytestmark = pytest.mark.django_db


def _finished(tree, personas):
    course = make_course(tree.street, sessions=2)
    passed, failed, absent = enrol(
        course, [member_at(tree.grassroots, name=n) for n in ("陈建华", "李娜", "王强")]
    )
    attend_all(course, [passed, failed])
    actions.scores_set(
        actor=personas.street, course=course, scores={passed.pk: "88", failed.pk: "40", absent.pk: "99"}
    )
    actions.course_finish(actor=personas.street, course=course)
    return course, passed, failed, absent


def test_certificates_go_only_to_those_who_completed(tree, personas):
    course, passed, failed, absent = _finished(tree, personas)
    made = actions.certificates_issue(actor=personas.street, course=course)
    assert [c.enrolment_id for c in made] == [passed.pk]
    assert not Certificate.objects.filter(enrolment__in=[failed, absent]).exists()
    with pytest.raises(Refused, match="没有待发证书"):
        actions.certificates_issue(actor=personas.street, course=course)


def test_no_certificates_before_the_course_finished(tree, personas):
    course = make_course(tree.street)
    attend_all(course, enrol(course, [member_at(tree.grassroots)]))
    with pytest.raises(Refused, match="办理结业后"):
        actions.certificates_issue(actor=personas.street, course=course)
    assert not Certificate.objects.exists()


def test_a_sibling_cannot_issue_certificates(tree, personas):
    course, *_ = _finished(tree, personas)
    with pytest.raises(PermissionDenied):
        actions.certificates_issue(actor=personas.sibling, course=course)


def test_the_code_verifies_with_the_name_masked_and_nothing_more(tree, personas):
    course, *_ = _finished(tree, personas)
    (cert,) = actions.certificates_issue(actor=personas.street, course=course)
    found = selectors.certificate_verify(cert.code.lower()[:4] + "-" + cert.code[4:])
    assert found is not None
    assert (found.name, found.course, found.org) == ("陈*华", course.title, tree.street.name)
    assert selectors.certificate_verify("AAAA-BBBB-CCCC") is None


def test_a_revoked_certificate_no_longer_verifies(tree, personas):
    course, *_ = _finished(tree, personas)
    (cert,) = actions.certificates_issue(actor=personas.street, course=course)
    actions.certificate_revoke(actor=personas.street, certificate=cert, reason="成绩登记有误")
    assert selectors.certificate_verify(cert.code) is None
