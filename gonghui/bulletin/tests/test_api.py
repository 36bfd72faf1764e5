"""The bulletin API: the same rules as the pages, answers in Chinese."""

from __future__ import annotations

import datetime as dt
import json

from gonghui.bulletin import actions
from gonghui.bulletin.models import Submission
from gonghui.bulletin.tests.factories import make_issue, make_submission


def post(client, url, payload):
    return client.post(url, data=json.dumps(payload), content_type="application/json")


def test_submit_review_and_read_through_the_api(tree, personas, bulletin, login):
    client = login(personas.street)
    r = post(client, "/api/bulletin/submissions", {"org_id": tree.street.pk, "bulletin_id": bulletin.pk,
                                                   "title": "赤岗街道举办招聘会", "body": "第一段。", "authors": "林小元"})  # fmt: skip
    assert r.status_code == 201, r.content
    body = r.json()
    assert (body["status"], body["status_label"], body["org_name"]) == ("submitted", "待审", "赤岗街道总工会")
    sub_id = body["id"]
    r = post(
        client, f"/api/bulletin/submissions/{sub_id}/transition", {"action": "adopt", "section": "各地动态"}
    )
    assert r.status_code == 403 and "本单位不能审核" in r.json()["detail"]
    city = login(personas.city)
    assert [s["id"] for s in city.get("/api/bulletin/submissions", {"box": "review"}).json()["items"]] == [
        sub_id
    ]
    r = post(city, f"/api/bulletin/submissions/{sub_id}/transition", {"action": "return"})
    assert r.status_code == 422 and "comment" in r.json()["errors"]
    r = post(
        city, f"/api/bulletin/submissions/{sub_id}/transition", {"action": "adopt", "section": "各地动态"}
    )
    assert r.status_code == 200 and r.json()["status"] == "adopted"


def test_bad_submissions_get_422_in_chinese_and_change_nothing(tree, personas, bulletin, login):
    client = login(personas.street)
    r = post(
        client,
        "/api/bulletin/submissions",
        {"org_id": tree.street.pk, "bulletin_id": bulletin.pk, "title": "", "body": "正文"},
    )
    assert r.status_code == 422 and "请填写标题" in r.json()["detail"]
    sibling = actions.bulletin_create(actor=None, org=tree.sibling_street, name="新港简报")
    r = post(
        client,
        "/api/bulletin/submissions",
        {"org_id": tree.street.pk, "bulletin_id": sibling.pk, "title": "甲", "body": "乙"},
    )
    assert r.status_code == 422 and "上级工会" in r.json()["detail"]
    r = post(
        client,
        "/api/bulletin/submissions",
        {"org_id": tree.sibling_street.pk, "bulletin_id": bulletin.pk, "title": "甲", "body": "乙"},
    )
    assert r.status_code == 403
    assert not Submission.objects.exists()


def test_issues_and_archive_are_scoped(tree, personas, bulletin, login, seed_bytes):
    published = actions.issue_import(
        actor=None, bulletin=bulletin, number=3, date=dt.date(2013, 3, 31), data=seed_bytes
    )
    draft = make_issue(bulletin, number=4, date=dt.date(2013, 4, 15))
    street = login(personas.street)
    ids = [i["id"] for i in street.get("/api/bulletin/issues").json()]
    assert ids == [published.pk]
    detail = street.get(f"/api/bulletin/issues/{published.pk}").json()
    assert [s["name"] for s in detail["sections"]] == ["各地动态", "工作交流", "短讯速递"]
    assert detail["sections"][0]["articles"][0]["title"] == "省总工会召开十二届六次全委会"
    assert street.get(f"/api/bulletin/issues/{draft.pk}").status_code == 403
    found = street.get("/api/bulletin/articles", {"q": "心灵港湾", "unit": "中山市总工会"}).json()["items"]
    assert [a["title"] for a in found] == ["中山市“心灵港湾”职工心理咨询服务中心举行揭牌仪式"]
    article = street.get(f"/api/bulletin/articles/{found[0]['id']}").json()
    assert article["authors"] == ["李雁"] and article["units"] == ["中山市总工会"]
    assert [b["name"] for b in street.get("/api/bulletin/bulletins").json()] == ["工作简报"]


def test_sibling_sees_no_submission(tree, personas, bulletin, login):
    sub = make_submission(tree.street, bulletin)
    client = login(personas.sibling)
    assert client.get(f"/api/bulletin/submissions/{sub.pk}").status_code == 403
    assert client.get("/api/bulletin/submissions").json()["items"] == []


def test_the_api_answers_the_same_abilities_as_the_pages(tree, personas, bulletin, login):
    from gonghui.bulletin.abilities import issue_abilities, submission_abilities

    sub = make_submission(tree.street, bulletin)
    issue = make_issue(bulletin)
    actions.article_create(actor=None, issue=issue, section="各地动态", title="甲", body="正文。")
    expected = {
        "street": ["withdraw"],
        "city": ["adopt", "decline", "return", "review", "withdraw"],
        "province": ["adopt", "decline", "place", "return", "review", "withdraw"],
    }
    for who, names in expected.items():
        user = getattr(personas, who)
        client = login(user)
        body = client.get(f"/api/bulletin/submissions/{sub.pk}").json()
        assert body["abilities"] == submission_abilities(user, sub).names() == names, who
    client = login(personas.province)
    assert client.get(f"/api/bulletin/issues/{issue.pk}").json()["abilities"] == [
        "add_adopted", "delete", "edit", "publish",
    ]  # fmt: skip
    assert issue_abilities(personas.province, issue).names() == ["add_adopted", "delete", "edit", "publish"]
    # After a step, the answer is the item's new abilities.
    r = post(client, f"/api/bulletin/submissions/{sub.pk}/transition", {"action": "decline"})
    assert r.status_code == 200 and r.json()["abilities"] == []
