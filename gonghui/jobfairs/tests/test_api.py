from __future__ import annotations

from gonghui.jobfairs.models import Seeker

from .factories import make_employer, make_position


def test_a_worker_registers_through_the_api_and_gets_matches(personas, login, fair):
    make_position(make_employer(fair), title="普工")
    client = login(personas.member)
    fairs = client.get("/api/jobfairs/me/fairs").json()
    assert [f["id"] for f in fairs] == [fair.pk]
    r = client.post(f"/api/jobfairs/me/register?fair={fair.pk}",
                    data={"name": "李明", "phone": "13800001111", "industries": ["03"], "pay_min": 4000},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["phone"] == "138****1111" and body["matches"][0]["title"] == "普工"
    assert Seeker.objects.get(pk=body["id"]).user == personas.member
    bad = client.post(f"/api/jobfairs/me/register?fair={fair.pk}", data={"name": "李明", "phone": "1"},
                      content_type="application/json")  # fmt: skip
    assert bad.status_code == 422


def test_the_organiser_reads_the_result_and_others_cannot(personas, login, fair):
    make_position(make_employer(fair), openings=12)
    r = login(personas.city).get(f"/api/jobfairs/{fair.pk}/result")
    assert r.status_code == 200 and r.json()["openings"] == 12
    assert login(personas.sibling).get(f"/api/jobfairs/{fair.pk}/result").status_code in (403, 404)


def test_an_employer_registered_through_the_api_says_what_may_be_done(personas, login, fair):
    from gonghui.kernel.codes import credit_code_make

    client = login(personas.city)
    r = client.post(f"/api/jobfairs/{fair.pk}/employers", data={"credit_code": credit_code_make("91", "440105", 5),
                    "name": "广州某物流公司", "industry": "06"}, content_type="application/json")  # fmt: skip
    assert r.status_code == 201 and {"approve", "reject"} <= set(r.json()["abilities"])
