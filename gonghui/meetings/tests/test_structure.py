"""When the tree changes: a merged union's committees, meetings and passing-on tasks go to the
survivor (its committees still serving end that day); a split moves nothing; a dissolved union's
committees end and its pending tasks are withdrawn."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.conftest import make_org
from gonghui.core.models import AuditEntry
from gonghui.meetings import actions
from gonghui.meetings.models import Attendance, Committee, Election, Meeting, PassOn, Seat
from gonghui.meetings.report import passon_report
from gonghui.meetings.selectors import committee_current, roster_on
from gonghui.orgs.actions import org_dissolve, org_merge, org_split
from gonghui.orgs.models import Org

from .factories import make_committee, make_election, make_meeting, tally_for

START = dt.date(2011, 1, 1)
MERGED_ON = dt.date(2014, 1, 1)


def confirmed_election(meeting: Meeting, names: list[str]) -> Election:
    election = make_election(meeting, names, kind="add")
    present = meeting.attendance.filter(role="member", present=True).count()
    actions.election_confirm(
        actor=None,
        election=election,
        tally=tally_for(election, dict.fromkeys(names, present), issued=present),
    )
    return election


def recount(meeting: Meeting, subject: Org) -> tuple[int, int]:
    tasks = PassOn.objects.filter(meeting=meeting, org__path__startswith=subject.path).exclude(org=subject)
    return tasks.count(), tasks.filter(status="done").count()


@pytest.fixture
def two_streets(tree, personas):
    """新港街道 (to be merged) and 南洲街道 (the survivor, set up after the district's first plenary
    was sent down): each with a 第七届委员会 and its 七届一次全委会议; 新港 also with an audit
    committee and a draft 七届二次 with a draft election. Both plenaries of the district were sent
    down to the streets; 新港 passed both on, 南洲 neither."""
    source = tree.sibling_street
    make_committee(tree.haizhu, starts_on=START, members=5)
    first = make_meeting(tree.haizhu, held_on=dt.date(2013, 3, 1), record=True)
    actions.passon_require(actor=None, meeting=first, depth=1)
    target = make_org(tree.haizhu, "南洲街道总工会", "town")
    second = make_meeting(tree.haizhu, held_on=dt.date(2013, 6, 1), record=True)
    actions.passon_require(actor=None, meeting=second, depth=1)
    for task in PassOn.objects.filter(org=source):
        actions.passon_record(actor=None, task=task, on=dt.date(2013, 6, 5), how="study")

    theirs = make_committee(source, members=6, chair="新港主席", starts_on=START)
    make_committee(source, kind="audit", members=3, chair="新港经审主任", starts_on=START)
    plenary = make_meeting(source, held_on=dt.date(2013, 3, 10), record=True)
    confirmed_election(plenary, ["新港增补委员"])
    draft = make_meeting(source, held_on=dt.date(2013, 9, 1), absent=1)
    actions.agenda_add(actor=None, meeting=draft, kind="other", title="研究工作")
    make_election(draft, ["新港候选人"], kind="add")
    audit = make_meeting(source, kind="audit", held_on=dt.date(2013, 10, 1))

    ours = make_committee(target, members=5, chair="南洲主席", starts_on=dt.date(2012, 1, 1))
    own = make_meeting(target, held_on=dt.date(2013, 4, 1), record=True)
    confirmed_election(own, ["南洲增补委员"])
    return {
        "source": source, "target": target, "first": first, "second": second, "theirs": theirs, "ours": ours,
        "plenary": plenary, "draft": draft, "audit": audit, "own": own,
    }  # fmt: skip


def test_a_merged_unions_records_hang_on_the_survivor(tree, personas, two_streets):
    s = two_streets
    source, target, theirs = s["source"], s["target"], s["theirs"]
    sat_before = {c.pk: len(roster_on(c, MERGED_ON - dt.timedelta(days=1))) for c in source.committees.all()}
    meetings = {m.pk: (m.name, m.attendance.count(), m.agenda.count(), m.elections.count())
                for m in Meeting.objects.filter(org=source)}  # fmt: skip
    seats = Seat.objects.filter(committee__org=source).count()

    org_merge(actor=personas.province, source=source, target=target, on=MERGED_ON)

    # Every record hangs on the survivor, and says whose it was.
    assert not Committee.objects.filter(org=source).exists()
    assert not Meeting.objects.filter(org=source).exists() and not PassOn.objects.filter(org=source).exists()
    moved = list(Committee.objects.filter(merged_from=source))
    assert len(moved) == 2 and {c.org_id for c in moved} == {target.pk}
    assert str(Committee.objects.get(pk=theirs.pk)) == "新港街道总工会第七届委员会"
    after = {m.pk: (m.name, m.attendance.count(), m.agenda.count(), m.elections.count())
             for m in Meeting.objects.filter(merged_from=source, org=target)}  # fmt: skip
    assert after == meetings
    assert Seat.objects.filter(committee__org=target, committee__merged_from=source).count() == seats

    # Its committees ended that day; the rosters before read as they did.
    for c in moved:
        assert c.ends_on == MERGED_ON
        assert len(roster_on(c, MERGED_ON - dt.timedelta(days=1))) == sat_before[c.pk] > 0
        assert roster_on(c, MERGED_ON) == []
    assert set(
        Seat.objects.filter(committee__in=moved, left_on=MERGED_ON).values_list("left_why", flat=True)
    ) == {"merged"}

    # The survivor's own committee is still its current one, and its sequence its own.
    assert committee_current(target, "committee", dt.date(2014, 3, 1)) == s["ours"]
    nxt = actions.meeting_create(
        actor=personas.district, org=target, kind="plenary", held_on=dt.date(2014, 3, 1)
    )
    assert nxt.name == "南洲街道总工会七届二次全委会议" and nxt.committee == s["ours"]

    # Passing on: the first plenary's task came over as recorded; for the second the survivor's
    # own (pending) task stands and the merged union's is gone. The report recounts.
    first = PassOn.objects.get(meeting=s["first"], org=target)
    assert first.status == "done" and first.on == dt.date(2013, 6, 5)
    assert PassOn.objects.get(meeting=s["second"], org=target).status == "pending"
    for meeting in (s["first"], s["second"]):
        report = passon_report(actor=personas.district, meeting=meeting, subject=tree.haizhu)
        assert (report.expected, report.done) == recount(meeting, tree.haizhu)
    assert recount(s["second"], tree.haizhu) == (2, 0)

    entry = AuditEntry.objects.get(action="meetings.follow_merge")
    assert entry.org_id == target.pk
    assert {k: entry.detail[k] for k in ("committees", "meetings", "passons", "dropped", "terms_ended")} == {
        "committees": 2, "meetings": 3, "passons": 1, "dropped": 1, "terms_ended": 2,
    }  # fmt: skip
    assert entry.detail["seats_ended"] == Seat.objects.filter(left_why="merged").count()
    assert entry.detail["dropped_tasks"] == [f"{s['second'].name}（已传达，2013-06-05）"]


def test_the_survivors_officers_carry_on_with_the_merged_unions_draft(tree, personas, two_streets, login):
    s = two_streets
    org_merge(actor=None, source=s["source"], target=s["target"], on=MERGED_ON)
    draft = Meeting.objects.get(pk=s["draft"].pk)
    actions.meeting_update(actor=personas.district, meeting=draft, held_on=draft.held_on, enlarged=True)
    draft.refresh_from_db()
    assert draft.name == "新港街道总工会七届二次全委（扩大）会议"  # named by the union that held it
    assert draft.attendance.filter(role=Attendance.Role.MEMBER).count() == 7  # its own committee that day
    actions.meeting_record(actor=personas.district, meeting=draft)
    election = draft.elections.get()
    present = draft.attendance.filter(role="member", present=True).count()
    actions.election_confirm(actor=personas.district, election=election,
                             tally=tally_for(election, {"新港候选人": present}, issued=present))  # fmt: skip
    assert Seat.objects.get(name="新港候选人").committee == s["theirs"]
    with pytest.raises(ValidationError, match="请选择「新港街道总工会」的委员会"):
        make_election(draft, ["南洲候选人"], committee=s["ours"], actor=personas.district)
    # A new date is read against the committee of the union that held the meeting.
    audit = Meeting.objects.get(pk=s["audit"].pk)
    actions.meeting_update(
        actor=personas.district, meeting=audit, held_on=dt.date(2013, 10, 2), enlarged=False
    )
    assert Meeting.objects.get(pk=audit.pk).attendance.count() == 3
    page = login(personas.district).get(f"/meetings/committees/{s['theirs'].pk}/", {"on": "2013-09-01"})
    assert "新港街道总工会第七届委员会" in page.content.decode() and "新港候选人" in page.content.decode()
    listing = (
        login(personas.district).get("/meetings/committees/", {"within": s["target"].pk}).content.decode()
    )
    assert "新港街道总工会第七届委员会" in listing and "南洲街道总工会第七届委员会" in listing


def test_a_merge_dated_before_a_term_began_is_refused_and_nothing_changes(tree, personas, two_streets):
    s = two_streets
    with pytest.raises(ValidationError, match="始于2011-01-01，不早于2010-06-01"):
        org_merge(actor=None, source=s["source"], target=s["target"], on=dt.date(2010, 6, 1))
    assert Org.objects.get(pk=s["source"].pk).is_active
    assert Committee.objects.filter(org=s["source"]).count() == 2
    assert not Seat.objects.filter(left_why="merged").exists()


def test_a_split_moves_no_record(tree, personas, two_streets):
    s = two_streets
    before = {
        "committees": sorted(Committee.objects.values_list("pk", "org_id")),
        "meetings": sorted(Meeting.objects.values_list("pk", "org_id")),
        "tasks": sorted(PassOn.objects.values_list("pk", "org_id", "status")),
        "seats": sorted(Seat.objects.values_list("pk", "left_on")),
    }
    new_county = org_split(actor=None, org=tree.haizhu, new_name="广州市新港区总工会", children=[s["source"]],
                           on=MERGED_ON)  # fmt: skip
    after = {
        "committees": sorted(Committee.objects.values_list("pk", "org_id")),
        "meetings": sorted(Meeting.objects.values_list("pk", "org_id")),
        "tasks": sorted(PassOn.objects.values_list("pk", "org_id", "status")),
        "seats": sorted(Seat.objects.values_list("pk", "left_on")),
    }
    assert after == before
    assert Org.objects.get(pk=s["source"].pk).parent_id == new_county.pk
    # The district's report counts what is still under it.
    report = passon_report(actor=personas.district, meeting=s["first"], subject=tree.haizhu)
    assert (report.expected, report.done) == recount(s["first"], tree.haizhu) == (1, 0)
    assert not AuditEntry.objects.filter(action__startswith="meetings.follow").exists()


def test_a_dissolved_unions_committees_end_and_its_pending_tasks_are_withdrawn(tree, personas, two_streets):
    s = two_streets
    street = tree.street
    make_committee(street, members=4, chair="赤岗主席", starts_on=START)
    done = PassOn.objects.get(meeting=s["first"], org=street)
    actions.passon_record(actor=None, task=done, on=dt.date(2013, 3, 5), how="study")
    org_dissolve(actor=None, org=tree.grassroots, reason="撤销", on=MERGED_ON)
    org_dissolve(actor=personas.province, org=street, reason="区划调整", on=MERGED_ON)

    committee = Committee.objects.get(org=street)
    assert committee.ends_on == MERGED_ON and roster_on(committee, MERGED_ON) == []
    assert len(roster_on(committee, MERGED_ON - dt.timedelta(days=1))) == 4
    assert set(committee.seats.values_list("left_why", flat=True)) == {"dissolved"}
    assert list(PassOn.objects.filter(org=street).values_list("pk", flat=True)) == [done.pk]
    entry = AuditEntry.objects.get(action="meetings.follow_dissolution")
    assert (entry.org_id, entry.detail["withdrawn"], entry.detail["seats_ended"]) == (street.pk, 1, 4)
    report = passon_report(actor=personas.district, meeting=s["second"], subject=tree.haizhu)
    assert (report.expected, report.done) == recount(s["second"], tree.haizhu)
