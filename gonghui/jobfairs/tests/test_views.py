"""The pages: the organiser's and the worker's, each showing exactly the buttons the abilities
give, refusing with 422."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from gonghui.conftest import make_org
from gonghui.core.models import AuditEntry
from gonghui.jobfairs import actions
from gonghui.jobfairs.abilities import employer_abilities, fair_abilities
from gonghui.jobfairs.models import Employer, ReviewState, Seeker
from gonghui.kernel.codes import credit_code_make
from gonghui.orgs.actions import org_dissolve
from gonghui.tests.contract import assert_page_offers

from .factories import make_employer, make_fair, make_position, make_seeker


def worker_fair(fair) -> str:  # type: ignore[no-untyped-def]
    return f"{reverse('jobfairs:worker_fair')}?fair={fair.pk}"


def test_the_fair_page_shows_the_buttons_the_abilities_give(tree, personas, login, fair):
    for name in ("city", "district", "province"):
        user = getattr(personas, name)
        html = login(user).get(reverse("jobfairs:fair", args=[fair.pk])).content.decode()
        assert_page_offers(
            html,
            fair_abilities(user, fair),
            {
                "close": 'value="close"',
                "cancel": 'value="cancel"',
                "add_employer": reverse("jobfairs:employer_create", args=[fair.pk]),
                "enrol": reverse("jobfairs:seeker_enrol", args=[fair.pk]),
                "checkin": reverse("jobfairs:checkin", args=[fair.pk]),
            },
        )


def test_the_organiser_registers_an_employer_and_approves_it(personas, login, fair):
    client = login(personas.city)
    url = reverse("jobfairs:employer_create", args=[fair.pk])
    r = client.post(url, {"credit_code": "123", "name": "某厂", "industry": "03"})
    assert r.status_code == 422 and "统一社会信用代码" in r.content.decode()
    code = credit_code_make("91", "440105", 66_000_001)
    r = client.post(url, {"credit_code": code, "name": "广州白云电器设备股份有限公司", "industry": "03"})
    employer = Employer.objects.get(credit_code=code)
    assert r.status_code == 302
    html = client.get(reverse("jobfairs:employer", args=[employer.pk])).content.decode()
    assert_page_offers(html, employer_abilities(personas.city, employer), {"approve": 'value="approve"'})
    r = client.post(
        reverse("jobfairs:employer_step", args=[employer.pk]), {"step": "approve", "booth": "A-08"}
    )
    assert r.status_code == 302
    employer.refresh_from_db()
    assert (employer.state, employer.booth) == (ReviewState.APPROVED, "A-08")


def test_the_to_do_lists_list_what_the_counts_count(personas, login, fair):
    employer = make_employer(fair, approve=False)
    client = login(personas.city)
    html = client.get(reverse("jobfairs:todo_employers")).content.decode()
    assert employer.name in html
    client.post(reverse("jobfairs:employer_step", args=[employer.pk]), {"step": "approve", "back": "todo"})
    make_position(Employer.objects.get(pk=employer.pk), approve=False, title="注塑技工")
    assert "注塑技工" in client.get(reverse("jobfairs:todo_positions")).content.decode()
    assert "注塑技工" not in login(personas.district).get(reverse("jobfairs:todo_positions")).content.decode()


def test_a_worker_registers_on_the_phone_and_sees_matched_positions(personas, login, fair):
    make_position(make_employer(fair, name="广州某电子厂"), title="电子装配工", skills=["电子组装"], pay_min=5000,
                  pay_max=6500)  # fmt: skip
    make_position(make_employer(fair, name="某酒楼", industry="09"), title="厨师", pay_min=3000, pay_max=3500)
    client = login(personas.member)
    assert fair.title in client.get(reverse("jobfairs:worker_home")).content.decode()
    url = f"{reverse('jobfairs:worker_register')}?fair={fair.pk}"
    bad = client.post(url, {"name": "黄志强", "phone": "1234"})
    assert bad.status_code == 422 and "手机号码" in bad.content.decode()
    r = client.post(url, {"name": "黄志强", "phone": "13922223333", "industries": ["03"], "pay_min": "4500",
                          "division": "440105", "skills": ["电子组装"], "migrant": "on"})  # fmt: skip
    assert r.status_code == 302
    seeker = Seeker.objects.get(user=personas.member)
    html = client.get(worker_fair(fair)).content.decode()
    assert html.index("电子装配工") < html.index("厨师") if "厨师" in html else "电子装配工" in html
    assert "<svg" in html and actions.ticket(seeker)[:20] in html
    assert "13922223333" not in html
    assert client.post(url, {"name": "再报", "phone": "13922224444"}).status_code == 403


def test_a_worker_cannot_open_a_fair_that_does_not_reach_them(tree, personas, login):
    private = make_fair(tree.shenzhen, public=False)
    assert login(personas.member).get(worker_fair(private)).status_code == 404


def test_the_desk_checks_a_ticket_in_by_its_code(personas, login, fair):
    seeker = make_seeker(fair, name="陈秀英")
    client = login(personas.city)
    page = client.get(reverse("jobfairs:checkin", args=[fair.pk])).content.decode()
    assert 'data-scan-field="#id_code"' in page
    r = client.post(
        reverse("jobfairs:checkin", args=[fair.pk]), {"code": actions.ticket(seeker)}, follow=True
    )
    assert "陈秀英" in r.content.decode()
    assert client.post(reverse("jobfairs:checkin", args=[fair.pk]), {"code": "乱码"}).status_code == 422


def test_the_result_page_charts_and_exports(personas, login, fair):
    make_position(make_employer(fair))
    client = login(personas.city)
    html = client.get(reverse("jobfairs:result", args=[fair.pk])).content.decode()
    assert 'data-chart="jobfair-chart"' in html
    r = client.get(reverse("jobfairs:export", args=[fair.pk]), {"format": "csv"})
    body = b"".join(r.streaming_content).decode("utf-8-sig")
    assert "普工" in body and "广州某电子有限公司" in body
    assert AuditEntry.objects.filter(action="jobfairs.result.export").exists()


def test_a_seekers_page_shows_numbers_masked_until_revealed(personas, login, fair):
    seeker = make_seeker(fair, phone="13512345678")
    client = login(personas.city)
    html = client.get(reverse("jobfairs:seeker", args=[seeker.pk])).content.decode()
    assert "135****5678" in html and "13512345678" not in html
    assert "13512345678" in client.post(reverse("jobfairs:seeker_reveal", args=[seeker.pk])).content.decode()


def test_a_person_with_no_union_to_hold_a_fair_is_told_so(personas, login):
    r = login(personas.member).get(reverse("jobfairs:create"))
    assert r.status_code == 403 and "您没有可以举办招聘会的工会。" in r.content.decode()


def test_a_venue_is_held_by_the_fairs_union_or_an_active_union_below_it(tree, personas, login, fair):
    gone = make_org(tree.guangzhou, "广州市荔湾区某撤销工会", "county", "440103")
    org_dissolve(actor=None, org=gone, reason="撤销")
    r = login(personas.city).get(reverse("jobfairs:create"), {"parent": fair.pk})
    assert r.status_code == 200
    options = r.context["form"].fields["venue_org"].choices
    assert [name for _pk, name in options] == [tree.guangzhou.name, tree.haizhu.name]


def test_a_step_says_it_was_taken_in_the_persons_language(personas, login, fair):
    client = login(personas.city)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    r = client.post(reverse("jobfairs:fair_step", args=[fair.pk]), {"step": "close"}, follow=True)
    assert r.status_code == 200 and "The job fair is over." in r.content.decode()
