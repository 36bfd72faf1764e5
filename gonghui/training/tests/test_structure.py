"""Courses follow their union through a merge; a dissolved union's unfinished courses end."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.core.models import AuditEntry
from gonghui.orgs.actions import org_dissolve, org_merge
from gonghui.training.models import Course, Enrolment

from .factories import attend_all, enrol, make_course, member_at

pytestmark = pytest.mark.django_db


def test_a_merged_unions_courses_move_to_the_survivor(tree, personas):
    mine = make_course(tree.street)
    attend_all(mine, enrol(mine, [member_at(tree.grassroots)]))
    theirs = make_course(tree.sibling_street)
    org_merge(actor=personas.province, source=tree.street, target=tree.sibling_street, on=dt.date(2013, 4, 1))
    assert set(Course.objects.filter(org=tree.sibling_street)) == {mine, theirs}
    mine.refresh_from_db()
    assert mine.merged_from == tree.street.name
    assert Enrolment.objects.filter(course=mine).count() == 1
    entry = AuditEntry.objects.get(action="training.follow_merge")
    assert entry.detail["moved"] == 1 and entry.org_id == tree.sibling_street.pk


def test_a_dissolved_unions_unfinished_courses_are_cancelled(tree, personas):
    running = make_course(tree.sibling_grassroots)
    org_dissolve(
        actor=personas.province, org=tree.sibling_grassroots, reason="企业关闭", on=dt.date(2013, 4, 1)
    )
    running.refresh_from_db()
    assert running.state == Course.State.CANCELLED
