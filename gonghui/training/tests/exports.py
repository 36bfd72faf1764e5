"""Samples of the module's exports (`MODULE.exports`): a course whose trainees (and their units)
hold the given texts; the statistics of courses at unions named with them."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse

from gonghui.conftest import Tree
from gonghui.members import keys
from gonghui.tests.exports import unions_named, url
from gonghui.training.models import Attendance, Audience, Course, Enrolment

from .factories import DAY, course_in, new_id, session_in


def roster(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, _unions = unions_named(tree, texts)
    course = course_in(town)
    Course.objects.filter(pk=course.pk).update(audience=Audience.PUBLIC)
    for text in texts:
        number = new_id()
        Enrolment.objects.create(course=course, name=text[:50], unit=text[:100], id_number=number,
                                 id_number_bidx=keys.id_bidx(number), phone="13800138000")  # fmt: skip
    return url(reverse("training:roster_export", kwargs={"course_id": course.pk}), format=fmt)


def statistics(tree: Tree, texts: Sequence[str], fmt: str) -> str:
    town, unions = unions_named(tree, texts)
    for union in unions:
        course = course_in(union)
        Course.objects.filter(pk=course.pk).update(state=Course.State.FINISHED)
        session = session_in(union)
        number = new_id()
        e = Enrolment.objects.create(course=course, name="学员", id_number_bidx=keys.id_bidx(number),
                                     completed=True)  # fmt: skip
        Attendance.objects.create(enrolment=e, session=session)
    return url(reverse("training:statistics_export", kwargs={"org_id": town.pk}), year=DAY.year, format=fmt)
