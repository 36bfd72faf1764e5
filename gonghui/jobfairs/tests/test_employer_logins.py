"""An employer's own login: invited by the organiser by phone, signed in with the portal's
one-time code, it posts and changes its positions (back to review), sees its matched seekers
masked and records interviews; it reaches nothing of another employer's, nor the union's pages."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from gonghui.accounts.models import User
from gonghui.core.models import AuditEntry
from gonghui.jobfairs import actions
from gonghui.jobfairs.abilities import desk_abilities, desk_position_abilities, employer_abilities
from gonghui.jobfairs.models import EmployerLogin, Interview, ReviewState
from gonghui.kernel.errors import Refused
from gonghui.portal.actions.signin import signin_code_check, signin_code_send
from gonghui.tests.contract import assert_abilities_agree

from .factories import make_employer, make_fair, make_position, make_seeker

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair(tree):
    return make_fair(tree.street)


def _invite(fair, personas, phone="13712345678", **extra):
    employer = make_employer(fair, contact="张经理", **extra)
    login = actions.employer_invite(actor=personas.street, employer=employer, phone=phone)
    return employer, login.user


def test_the_organiser_invites_by_phone_and_the_contact_signs_in_with_a_code(fair, personas, monkeypatch):
    sent = []
    monkeypatch.setattr("gonghui.services.notify.send", sent.append)
    employer, user = _invite(fair, personas)
    assert user.username == "13712345678" and not user.has_usable_password() and user.full_name == "张经理"
    assert "发布岗位" in sent[0].text and sent[0].to_phone == "13712345678"
    entry = AuditEntry.objects.get(action="jobfairs.employer.invite")
    assert entry.org_id == fair.org_id and "13712345678" not in str(entry.detail)
    with pytest.raises(Refused, match="已是本单位的账号"):
        actions.employer_invite(actor=personas.street, employer=employer, phone="137 1234 5678")
    # The portal's one-time code signs the contact in (the same mechanism as a worker's).
    codes = []
    monkeypatch.setattr(
        "gonghui.portal.actions.signin.secrets.randbelow", lambda n: codes.append(123456) or 123456
    )
    signin_code_send(phone="13712345678")
    assert signin_code_check(phone="13712345678", code="123456") == user


def test_only_the_organiser_invites_and_a_bad_phone_is_refused(fair, personas):
    employer = make_employer(fair)
    with pytest.raises(PermissionDenied):
        actions.employer_invite(actor=personas.sibling, employer=employer, phone="13712345678")
    with pytest.raises(Refused) as exc:
        actions.employer_invite(actor=personas.street, employer=employer, phone="1371234")
    assert "phone" in exc.value.message_dict
    assert not EmployerLogin.objects.exists() and not User.objects.filter(username="13712345678").exists()


def test_an_employer_posts_and_edits_its_positions_which_go_back_to_review(fair, personas):
    employer, user = _invite(fair, personas)
    p = actions.position_post(actor=user, employer=employer, title="电子装配工", openings=10, pay_min=4800,
                              pay_max=6500, skills=["电子组装"])  # fmt: skip
    assert p.state == ReviewState.SUBMITTED
    actions.position_approve(actor=personas.street, position=p)
    p = actions.position_update(actor=user, position=p, title="电子装配工", openings=12, pay_min=5000, pay_max=6500,
                                skills=["电子组装"])  # fmt: skip
    assert p.state == ReviewState.SUBMITTED and p.openings == 12
    assert AuditEntry.objects.filter(action="jobfairs.position.update", actor=user).exists()
    with pytest.raises(Refused):
        actions.position_update(
            actor=user, position=p, title="电子装配工", openings=12, pay_min=7000, pay_max=6500
        )
    # Approval stays the organiser's.
    with pytest.raises(PermissionDenied):
        actions.position_approve(actor=user, position=p)


def test_one_employer_cannot_touch_anothers_positions_seekers_or_interviews(fair, personas):
    mine, me = _invite(fair, personas)
    other, _them = _invite(fair, personas, phone="13787654321", name="佛山某制衣厂")
    theirs = make_position(other)
    seeker = make_seeker(fair)
    with pytest.raises(PermissionDenied):
        actions.position_post(
            actor=me, employer=other, title="车位工", openings=5, pay_min=5000, pay_max=7000
        )
    with pytest.raises(PermissionDenied):
        actions.position_update(
            actor=me, position=theirs, title="车位工", openings=5, pay_min=5000, pay_max=7000
        )
    with pytest.raises(PermissionDenied):
        actions.interview_record(actor=me, position=theirs, seeker=seeker, outcome="offered")
    assert not desk_abilities(me, other) and not desk_position_abilities(me, theirs)
    own = make_position(mine)
    row = actions.interview_record(
        actor=me, position=own, seeker=seeker, outcome="offered", note="下周一入职"
    )
    assert row.outcome == "offered" and Interview.objects.count() == 1


def test_desk_abilities_agree_with_the_actions(fair, personas):
    employer, user = _invite(fair, personas)
    other, them = _invite(fair, personas, phone="13787654321", name="佛山某制衣厂")
    approved, waiting = make_position(employer), make_position(employer, approve=False)
    seeker = make_seeker(fair)
    assert_abilities_agree(
        actors=[("employer", user), ("another employer", them)],
        records=[approved, waiting],
        abilities=desk_position_abilities,
        attempts={
            "edit": lambda a, p: actions.position_update(actor=a, position=p, title="普工", openings=21,
                                                         pay_min=4500, pay_max=6000),
            "interview": lambda a, p: actions.interview_record(actor=a, position=p, seeker=seeker, outcome="interviewed"),
        },
    )  # fmt: skip
    assert_abilities_agree(
        actors=[("employer", user), ("another employer", them)],
        records=[employer, other],
        abilities=desk_abilities,
        attempts={"add_position": lambda a, e: make_position(e, actor=a, approve=False)},
    )
    assert_abilities_agree(
        actors=personas.items(),
        records=[employer],
        abilities=employer_abilities,
        attempts={"invite": lambda a, e: actions.employer_invite(actor=a, employer=e, phone="13911112222")},
    )


def test_the_desk_pages_are_scoped_to_the_employer(fair, personas, login, tree):
    mine, me = _invite(fair, personas)
    other, _ = _invite(fair, personas, phone="13787654321", name="佛山某制衣厂")
    own, theirs = make_position(mine, title="电子装配工"), make_position(other, title="车位工")
    seeker = make_seeker(fair, name="黄志强", skills=["电子组装"])
    client = login(me)
    page = client.get("/jobfairs/desk/").content.decode()
    assert mine.name in page and "电子装配工" in page and other.name not in page and "车位工" not in page
    page = client.get(f"/jobfairs/desk/positions/{own.pk}/").content.decode()
    assert (
        "黄**" in page and "黄志强" not in page and seeker.phone not in page and seeker.phone_masked in page
    )
    r = client.post(
        f"/jobfairs/desk/positions/{own.pk}/interview/",
        {"seeker": seeker.pk, "outcome": "offered", "note": ""},
    )
    assert r.status_code == 302 and Interview.objects.filter(position=own, outcome="offered").exists()
    r = client.post(f"/jobfairs/desk/{mine.pk}/positions/new/", {"title": "质检员", "openings": "3", "pay_min": "5000",
                                                                "pay_max": "7000"})  # fmt: skip
    assert r.status_code == 302 and mine.positions.filter(title="质检员", state="submitted").exists()
    r = client.post(f"/jobfairs/desk/positions/{own.pk}/edit/", {"title": "电子装配工", "openings": "30",
                                                                 "pay_min": "9000", "pay_max": "7000"})  # fmt: skip
    assert r.status_code == 422
    for url in (f"/jobfairs/desk/positions/{theirs.pk}/", f"/jobfairs/desk/positions/{theirs.pk}/edit/",
                f"/jobfairs/desk/{other.pk}/positions/new/"):  # fmt: skip
        assert client.get(url).status_code == 403, url
    assert client.post(f"/jobfairs/desk/positions/{theirs.pk}/interview/",
                       {"seeker": seeker.pk, "outcome": "offered"}).status_code == 403  # fmt: skip
    # Nothing of the union's own pages.
    for url in (f"/jobfairs/{fair.pk}/", f"/jobfairs/employers/{mine.pk}/", f"/jobfairs/positions/{own.pk}/",
                f"/jobfairs/seekers/{seeker.pk}/", f"/jobfairs/{fair.pk}/seekers/", f"/jobfairs/{fair.pk}/result/",
                f"/api/jobfairs/{fair.pk}"):  # fmt: skip
        r = client.get(url)
        assert r.status_code in (302, 403, 404), (url, r.status_code)
        assert "黄志强" not in r.content.decode()
    assert fair.title not in client.get("/jobfairs/").content.decode()
    assert tree.street.name not in client.get("/members/").content.decode()


def test_the_organiser_opens_a_login_from_the_employer_page(fair, personas, login):
    employer = make_employer(fair, contact_phone="13712345678")
    client = login(personas.street)
    assert "开通单位账号" in client.get(f"/jobfairs/employers/{employer.pk}/").content.decode()
    r = client.post(f"/jobfairs/employers/{employer.pk}/invite/", {"phone": "13712345678"})
    assert r.status_code == 302 and EmployerLogin.objects.filter(employer=employer).count() == 1
    assert (
        login(personas.sibling)
        .post(f"/jobfairs/employers/{employer.pk}/invite/", {"phone": "13700000000"})
        .status_code
        == 403
    )


def test_the_contact_finds_the_desk_on_the_portals_home(fair, personas):
    from gonghui.jobfairs.home import my_jobfair_panels

    employer, user = _invite(fair, personas)
    (panel,) = [p for p in my_jobfair_panels(user) if p.key == "jobfairs.desk"]
    assert panel.url == "/jobfairs/desk/" and employer.name in panel.lines[0].text
    assert not [p for p in my_jobfair_panels(personas.member) if p.key == "jobfairs.desk"]
