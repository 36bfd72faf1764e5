from decimal import Decimal

from gonghui.assistance.models import Application, Household

from .factories import family_rows, fund_with, make_household, worker_values


def test_file_apply_and_approve_through_the_api(rules, personas, login):
    client = login(personas.street)
    values = worker_values()
    payload = {**values, "org_id": rules.grassroots.pk, "family": family_rows()}
    r = client.post("/api/assistance/households", payload, content_type="application/json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["tier"] == "deep" and body["size"] == 3 and "*" in body["id_number"]
    fund_with(rules.street, "2000")
    r = client.post(f"/api/assistance/households/{body['id']}/applications",
                    {"kind": "living", "amount": "1200.50", "reason": "生活困难"}, content_type="application/json")  # fmt: skip
    assert r.status_code == 201 and r.json()["approver_id"] == rules.street.pk
    r = client.post(f"/api/assistance/applications/{r.json()['id']}/approve")
    assert r.status_code == 200 and r.json()["state"] == "approved"
    funds = client.get("/api/assistance/funds").json()
    assert [Decimal(f["balance"]) for f in funds] == [Decimal("799.50")]
    rows = client.get(f"/api/assistance/report?org_id={rules.street.pk}").json()
    assert rows[0]["households"] == 1 and Decimal(rows[0]["money"]["living"]) == Decimal("1200.50")


def test_the_api_refuses_bad_input_in_chinese(rules, personas, login):
    client = login(personas.street)
    payload = {**worker_values(id_number="123"), "org_id": rules.grassroots.pk}
    r = client.post("/api/assistance/households", payload, content_type="application/json")
    assert r.status_code == 422 and "身份证号长度应为18位" in r.json()["detail"]
    assert not Household.objects.exists()
    household = make_household(rules.grassroots)
    application = client.post(f"/api/assistance/households/{household.pk}/applications",
                              {"kind": "living", "amount": "100", "reason": "困难"}, content_type="application/json").json()  # fmt: skip
    r = client.post(
        f"/api/assistance/applications/{application['id']}/reject",
        {"reason": ""},
        content_type="application/json",
    )
    assert r.status_code == 422 and "不予批准须填写理由" in r.json()["detail"]
    assert Application.objects.get().state == "submitted"


def test_filing_someone_on_a_file_out_of_sight_answers_without_its_number_or_union(rules, personas, login):
    first = make_household(rules.grassroots)
    payload = {**worker_values(id_number=first.id_number), "org_id": rules.sibling_grassroots.pk}
    r = login(personas.sibling).post("/api/assistance/households", payload, content_type="application/json")
    assert r.status_code == 422
    assert "已有困难职工档案，由其他工会持有" in r.json()["detail"]
    for secret in (first.file_no, rules.grassroots.name, rules.street.name):
        assert secret not in r.content.decode()
    assert Household.objects.count() == 1


def test_a_sibling_street_cannot_read_the_file(rules, personas, login):
    household = make_household(rules.grassroots)
    r = login(personas.sibling).get(f"/api/assistance/households/{household.pk}")
    assert r.status_code == 403


def test_the_openapi_document_describes_the_assistance_routes(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/assistance/households" in paths
    assert "/api/assistance/applications/{application_id}/approve" in paths


def test_the_api_lists_what_waits_for_payment_and_the_worker_withdraws_their_own(rules, personas, login):
    from gonghui.assistance import actions
    from gonghui.members.actions import member_link_user
    from gonghui.members.tests.conftest import make_member

    from .factories import new_id

    member = make_member(rules.grassroots, name="陈建华", id_number=new_id())
    member_link_user(actor=None, member=member, user=personas.member)
    own = make_household(rules.grassroots, id_number=member.id_number, family=[])
    fund_with(rules.street, "2000")
    approved = actions.application_approve(
        actor=None,
        application=actions.application_submit(
            actor=None, household=own, kind="visit", amount="300", reason="慰问"
        ),
    )
    waiting = actions.application_submit(
        actor=None, household=own, kind="living", amount="500", reason="困难"
    )
    clerk = login(personas.district)
    assert [a["id"] for a in clerk.get("/api/assistance/applications?to_pay=true").json()["items"]] == [
        approved.pk
    ]
    worker = login(personas.member)
    assert worker.get(f"/api/assistance/applications/{waiting.pk}").json()["abilities"] == ["withdraw"]
    r = worker.post(f"/api/assistance/applications/{waiting.pk}/withdraw")
    assert r.status_code == 200 and r.json()["state"] == "withdrawn" and r.json()["abilities"] == []
    assert worker.post(f"/api/assistance/applications/{approved.pk}/pay").status_code == 403
