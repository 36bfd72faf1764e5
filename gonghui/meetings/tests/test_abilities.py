"""Each page offers a doing exactly when its action succeeds, for every persona and record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.conftest import make_org, make_user
from gonghui.meetings import actions
from gonghui.meetings.abilities import (
    committee_abilities,
    election_abilities,
    meeting_abilities,
    meetings_abilities,
    passon_abilities,
    seat_abilities,
)
from gonghui.meetings.models import POSTS_BY_KIND, Committee, Election, Meeting, PassOn
from gonghui.meetings.report import passon_report
from gonghui.meetings.selectors import attendance_counts
from gonghui.orgs.actions import org_dissolve
from gonghui.tests.contract import (
    assert_abilities_agree,
    assert_each_page_offers,
    assert_page_offers,
    assert_pages_offer,
    fresh,
)

from .factories import make_committee, make_election, make_meeting, tally_for

START = dt.date(2011, 1, 1)
HELD = dt.date(2013, 3, 25)


@pytest.fixture
def everyone(tree, personas) -> list[tuple[str, Any]]:
    """The shared personas, and an approver and a viewer of the district (roles without edit)."""
    return [
        *personas.items(),
        ("approver", make_user("approver_user", tree.haizhu, "approver")),
        ("viewer", make_user("viewer_user", tree.haizhu, "viewer")),
    ]


def standing_tally(election: Election) -> actions.Tally:
    """A count that stands by the rule book when the meeting had a quorum: everyone present
    votes for every candidate."""
    _expected, present = attendance_counts(election.meeting)
    return tally_for(election, {c.name: present for c in election.candidates.all()}, issued=present)


# ---- meetings ------------------------------------------------------------------------------


@pytest.fixture
def meetings(tree) -> dict[str, Meeting]:
    """Meetings of the street (a draft, one recorded, one with a confirmed result, one cancelled,
    a study meeting, one whose committee had nobody that day) and the district's recorded one."""
    street = make_committee(tree.street, members=6, chair="林主席", starts_on=START)
    draft = make_meeting(tree.street, held_on=dt.date(2013, 1, 10))
    recorded = make_meeting(tree.street, held_on=dt.date(2013, 2, 10), record=True)
    elected = make_meeting(tree.street, held_on=dt.date(2013, 3, 10), record=True)
    confirmed = make_election(elected, ["当选甲"], kind="add")
    actions.election_confirm(actor=None, election=confirmed, tally=standing_tally(confirmed))
    cancelled = make_meeting(tree.street, held_on=dt.date(2013, 4, 10))
    actions.meeting_cancel(actor=None, meeting=cancelled, reason="会期推迟")
    study = actions.meeting_create(actor=None, org=tree.street, kind="study", held_on=HELD, subject="学习会")
    make_committee(tree.haizhu, starts_on=START)  # nobody seated yet
    empty = make_meeting(tree.haizhu, held_on=dt.date(2012, 5, 1))
    make_committee(tree.haizhu, kind="standing", starts_on=START, members=5)
    district = make_meeting(tree.haizhu, kind="standing", held_on=HELD, record=True)
    assert street.seats.exists()
    return {
        "draft": draft, "recorded": recorded, "elected": elected, "cancelled": cancelled, "study": study,
        "empty": empty, "district": district,
    }  # fmt: skip


def member_post(c: Committee) -> str:
    """An ordinary member's post on the committee (委员, 常委, 经审委员 …)."""
    return POSTS_BY_KIND[c.kind][-1]


def _add_election(actor: Any, m: Meeting) -> Election:
    committee = m.committee or Committee.objects.filter(org=m.org).first()
    return actions.election_create(
        actor=actor, meeting=m, committee=committee, kind="add", post=member_post(committee), seats=1,
        candidates=[actions.CandidateIn("新候选人")],
    )  # fmt: skip


MEETING_ATTEMPTS = {
    "record": lambda actor, m: actions.meeting_record(actor=actor, meeting=m),
    "reopen": lambda actor, m: actions.meeting_reopen(actor=actor, meeting=m),
    "cancel": lambda actor, m: actions.meeting_cancel(actor=actor, meeting=m, reason="会期推迟"),
    "edit": lambda actor, m: actions.meeting_update(
        actor=actor,
        meeting=m,
        held_on=m.held_on,
        enlarged=not m.enlarged,
        place="工人文化宫",
        subject=m.subject,
    ),
    "attendance": lambda actor, m: actions.attendance_set(
        actor=actor, meeting=m, absent=set(), guests=[("列席人", "副主席")]
    ),
    "agenda": lambda actor, m: actions.agenda_add(actor=actor, meeting=m, kind="other", title="其他事项"),
    "add_document": lambda actor, m: actions.document_add(
        actor=actor,
        meeting=m,
        title="工作报告",
        upload=SimpleUploadedFile("报告.pdf", b"%PDF-1.4", content_type="application/pdf"),
    ),
    "add_election": _add_election,
    "pass_on": lambda actor, m: actions.passon_require(actor=actor, meeting=m, depth=3),
    "minutes": lambda actor, m: actions.minutes_export_record(actor=actor, meeting=m),
}


def test_meeting_abilities_agree_with_the_actions(everyone, meetings, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert_abilities_agree(
        actors=everyone, records=meetings.values(), abilities=meeting_abilities, attempts=MEETING_ATTEMPTS
    )


def test_the_meeting_page_shows_exactly_the_offered_buttons(everyone, meetings, login):
    paths = {"edit": "edit/", "attendance": "attendance/", "agenda": "agenda/", "add_document": "documents/",
             "add_election": "elections/new/", "cancel": "cancel/", "minutes": "minutes/",
             "pass_on": "passon/require/"}  # fmt: skip
    shown = assert_pages_offer(
        login=login, actors=everyone, records=meetings.values(), url=lambda m: f"/meetings/{m.pk}/",
        abilities=meeting_abilities,
        buttons=lambda m: {**{d: f"/meetings/{m.pk}/{p}" for d, p in paths.items()},
                           "record": 'name="step" value="record"', "reopen": 'name="step" value="reopen"'},
    )  # fmt: skip
    assert shown > len(meetings)


def test_a_form_for_a_doing_the_person_may_not_do_is_refused_before_it_is_shown(
    tree, everyone, meetings, login
):
    users = dict(everyone)
    recorded = meetings["recorded"]
    assert (
        login(users["street"]).get(f"/meetings/{recorded.pk}/edit/").status_code == 403
    )  # no longer a draft
    assert login(users["street"]).get(f"/meetings/{meetings['draft'].pk}/edit/").status_code == 200
    district = meetings["district"]
    assert login(users["viewer"]).get(f"/meetings/{district.pk}/passon/require/").status_code == 403
    assert login(users["district"]).get(f"/meetings/{district.pk}/passon/require/").status_code == 200
    assert login(users["approver"]).get(f"/meetings/new/?org={tree.haizhu.pk}").status_code == 403
    assert login(users["viewer"]).get(f"/meetings/{district.pk}/").status_code == 200


def test_a_refused_step_answers_422_on_the_meetings_page(meetings, personas, login):
    elected = meetings["elected"]
    r = login(personas.street).post(f"/meetings/{elected.pk}/status/", {"step": "reopen"})
    assert r.status_code == 422 and "选举结果已确认，会议记录不能退回修改" in r.content.decode()
    elected.refresh_from_db()
    assert elected.status == "recorded"


# ---- elections -----------------------------------------------------------------------------


@pytest.fixture
def elections(tree, meetings) -> list[Election]:
    """Open results at a recorded meeting (a quorum), at a draft one, and at a recorded meeting
    without a quorum; a confirmed result and a cancelled one."""
    at_recorded = make_election(meetings["recorded"], ["候选甲", "候选乙"], kind="add")
    at_draft = make_election(meetings["draft"], ["候选丙"], kind="add")
    thin = make_meeting(tree.street, held_on=dt.date(2013, 5, 10), absent=4, record=True)  # 3 of 7
    no_quorum = make_election(thin, ["候选丁"], kind="add")
    cancelled = make_election(meetings["recorded"], ["候选戊"], kind="add")
    actions.election_cancel(actor=None, election=cancelled)
    return [at_recorded, at_draft, no_quorum, Election.objects.get(status="confirmed"), cancelled]


ELECTION_ATTEMPTS = {
    "confirm": lambda actor, e: actions.election_confirm(actor=actor, election=e, tally=standing_tally(e)),
    "cancel": lambda actor, e: actions.election_cancel(actor=actor, election=e),
    "count": lambda actor, e: actions.election_count(actor=actor, election=e, tally=standing_tally(e)),
}


def test_election_abilities_agree_with_the_actions(everyone, elections):
    assert_abilities_agree(
        actors=everyone, records=elections, abilities=election_abilities, attempts=ELECTION_ATTEMPTS
    )


def test_the_election_page_shows_exactly_the_offered_buttons(everyone, elections, login):
    assert_pages_offer(
        login=login, actors=everyone, records=elections, url=lambda e: f"/meetings/elections/{e.pk}/",
        abilities=election_abilities,
        buttons=lambda e: {"count": 'name="save"', "confirm": 'name="confirm"',
                           "cancel": f"/meetings/elections/{e.pk}/cancel/"},
    )  # fmt: skip


def test_the_election_page_says_why_a_result_cannot_be_confirmed_yet(elections, personas, login):
    page = login(personas.street).get(f"/meetings/elections/{elections[2].pk}/").content.decode()
    assert "尚不能确认选举结果" in page and "出席会议的委员3人，不足应到会委员7人的三分之二" in page


# ---- committees and seats ------------------------------------------------------------------


@pytest.fixture
def committees(tree, meetings) -> list[Committee]:
    ended = make_committee(tree.street, kind="audit", term=1, starts_on=START, members=3, chair="审查主任")
    actions.committee_create(actor=None, org=tree.street, kind="audit", term=2, starts_on=dt.date(2014, 1, 1))
    return [*Committee.objects.filter(org__in=[tree.street, tree.haizhu]).order_by("pk"), ended]


COMMITTEE_ATTEMPTS = {
    "register_seats": lambda actor, c: actions.seats_register(
        actor=actor, committee=c, people=[actions.SeatIn("新委员", member_post(c))], on=c.starts_on
    ),
    "export": lambda actor, c: actions.roster_export_record(actor=actor, committee=c, on=c.starts_on),
}


def test_committee_and_seat_abilities_agree_with_the_actions(everyone, committees):
    assert_abilities_agree(
        actors=everyone, records=committees, abilities=committee_abilities, attempts=COMMITTEE_ATTEMPTS
    )
    seats = [c.seats.order_by("pk").first() for c in committees if c.seats.exists()]
    assert any(s.left_on for s in seats) and any(not s.left_on for s in seats)
    assert_abilities_agree(
        actors=everyone, records=seats, abilities=seat_abilities,
        attempts={"end": lambda actor, s: actions.seat_end(actor=actor, seat=s, on=s.joined_on, why="resigned")},
    )  # fmt: skip


def test_the_committee_page_shows_exactly_the_offered_buttons(everyone, committees, login):
    for _name, user in everyone:
        client = login(user)
        for c in committees:
            r = client.get(f"/meetings/committees/{c.pk}/", {"on": START.isoformat()})
            if r.status_code == 403:
                continue
            page = r.content.decode()
            assert_page_offers(
                page,
                committee_abilities(user, c),
                {"register_seats": f"/meetings/committees/{c.pk}/seats/",
                 "export": f"/meetings/committees/{c.pk}/export/"},
            )  # fmt: skip
            for s in c.seats.filter(joined_on__lte=START):
                assert_page_offers(page, seat_abilities(user, s), {"end": f"/meetings/seats/{s.pk}/end/"})


# ---- a union's committees and meetings -------------------------------------------------------


@pytest.fixture
def unions(tree) -> list[Any]:
    group = make_org(tree.grassroots, "赤岗街道联合工会第一工会小组", "group", kind="group")
    gone = make_org(tree.sibling_grassroots, "新港社区工会小组", "group", kind="group")
    org_dissolve(actor=None, org=gone, reason="撤销")
    gone.refresh_from_db()
    return [tree.province, tree.haizhu, tree.street, tree.grassroots, group, gone]


UNION_ATTEMPTS = {
    "create_committee": lambda actor, org: actions.committee_create(
        actor=actor, org=org, kind="women", term=9, starts_on=START
    ),
    "create_meeting": lambda actor, org: actions.meeting_create(
        actor=actor, org=org, kind="work", held_on=HELD, subject="工作会议"
    ),
    "set_rules": lambda actor, org: actions.rules_set(
        actor=actor, org=org, quorum_num=2, quorum_den=3, majority_basis="expected"
    ),
}


def test_union_abilities_agree_with_the_actions(everyone, unions):
    assert_abilities_agree(
        actors=everyone, records=unions, abilities=meetings_abilities, attempts=UNION_ATTEMPTS
    )


UNION_PAGES = {  # a union's list pages, and on each what only a doing's button has
    "/meetings/committees/?within={pk}": {
        "create_committee": "/meetings/committees/new/?org={pk}",
        "set_rules": "/meetings/rules/?org={pk}",
    },
    "/meetings/?within={pk}": {"create_meeting": "/meetings/new/?org={pk}"},
}


def test_the_list_pages_show_exactly_the_offered_buttons(everyone, unions, login):
    assert_each_page_offers(
        login=login, actors=everyone, records=unions, abilities=meetings_abilities, pages=UNION_PAGES
    )


# ---- passing on ----------------------------------------------------------------------------


@pytest.fixture
def tasks(tree) -> list[PassOn]:
    """The city's plenary sent down two levels: the district's task pending, the street's done,
    and the sibling street's done before that street was dissolved."""
    make_committee(tree.guangzhou, term=17, starts_on=START, members=5)
    plenary = make_meeting(tree.guangzhou, held_on=HELD, record=True)
    actions.passon_require(actor=None, meeting=plenary, depth=2)
    found = {t.org_id: t for t in PassOn.objects.filter(meeting=plenary)}
    for org in (tree.street, tree.sibling_street):
        actions.passon_record(actor=None, task=found[org.pk], on=HELD, how="study")
    org_dissolve(actor=None, org=tree.sibling_grassroots, reason="撤销")
    org_dissolve(actor=None, org=tree.sibling_street, reason="撤销")
    return [found[tree.haizhu.pk], found[tree.street.pk], found[tree.sibling_street.pk]]


PASSON_ATTEMPTS = {
    "record": lambda actor, t: actions.passon_record(actor=actor, task=t, on=HELD, how="document"),
    "undo": lambda actor, t: actions.passon_undo(actor=actor, task=t),
    "report": lambda actor, t: passon_report(actor=actor, meeting=t.meeting, subject=t.org),
}


def test_passon_abilities_agree_with_the_actions(everyone, tasks):
    assert_abilities_agree(
        actors=everyone, records=tasks, abilities=passon_abilities, attempts=PASSON_ATTEMPTS
    )


def test_the_passon_pages_show_exactly_the_offered_buttons(everyone, tasks, login):
    for _name, user in everyone:
        client = login(user)
        page = client.get("/meetings/passon/", {"all": "1"}).content.decode()
        for t in map(fresh, tasks):
            offered = passon_abilities(user, t)
            if not offered.record and not offered.report:
                assert f"/meetings/passon/{t.pk}/" not in page
                continue
            if t.org.is_active and offered.record:  # the list holds the tasks of unions one may edit
                assert_page_offers(
                    page, offered,
                    {"record": f'/meetings/passon/{t.pk}/"', "report": f"/meetings/passon/{t.pk}/report/"},
                )  # fmt: skip
            r = client.get(f"/meetings/passon/{t.pk}/")
            assert r.status_code == (200 if offered.record else 403)
            if r.status_code == 200:
                assert_page_offers(r.content.decode(), offered, {"undo": f"/meetings/passon/{t.pk}/undo/"})
