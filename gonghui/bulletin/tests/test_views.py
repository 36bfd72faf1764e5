"""The pages: the whole journey through forms, refusals in Chinese, downloads."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from gonghui.bulletin import actions
from gonghui.bulletin.models import Article, FactSuggestion, Issue, Submission
from gonghui.bulletin.tests.factories import make_issue, make_submission, png
from gonghui.core.models import AuditEntry


def test_pages_render_for_every_officer(tree, personas, bulletin, login):
    make_submission(tree.street, bulletin)
    for who in ("province", "city", "district", "street", "grassroots", "sibling"):
        client = login(getattr(personas, who))
        for url in ("/bulletin/", "/bulletin/submissions/", "/bulletin/archive/", "/bulletin/stats/",
                    "/bulletin/submissions/?box=review", "/bulletin/stats/?month="):  # fmt: skip
            r = client.get(url)
            assert r.status_code == 200, (who, url)
            assert "工作简报" in r.content.decode()


def test_a_member_has_no_bulletin_pages(personas, login):
    client = login(personas.member)
    assert client.get("/bulletin/stats/").status_code == 403
    assert client.get("/bulletin/submit/").status_code == 403
    assert "赤岗" not in client.get("/bulletin/submissions/").content.decode()


def test_street_submits_through_the_form_with_a_photo(tree, personas, bulletin, login):
    client = login(personas.street)
    r = client.get("/bulletin/submit/")
    assert r.status_code == 302 and r.url == f"/bulletin/orgs/{tree.street.pk}/submit/"
    page = client.get(r.url).content.decode()
    assert "广东省总工会《工作简报》" in page and 'value="赤岗街道总工会"' in page
    r = client.post(r.url, {"bulletin": bulletin.pk, "title": "赤岗街道举办招聘会", "body": "第一段。\n第二段。",
                            "unit": "赤岗街道总工会", "authors": "林小元", "photos": [png()], "submit": "1"})  # fmt: skip
    sub = Submission.objects.get()
    assert r.status_code == 302 and r.url == f"/bulletin/submissions/{sub.pk}/"
    assert sub.status == "submitted" and sub.photos.count() == 1
    page = client.get(r.url).content.decode()
    assert "待审" in page and "（赤岗街道总工会  林小元）" in page and "撤回" in page
    photo = client.get(f"/bulletin/photos/{sub.photos.get().pk}/")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
    assert login(personas.sibling).get(f"/bulletin/photos/{sub.photos.get().pk}/").status_code == 403


def test_a_refused_form_says_why_in_chinese_and_changes_nothing(tree, personas, bulletin, login):
    client = login(personas.street)
    r = client.post(
        f"/bulletin/orgs/{tree.street.pk}/submit/", {"bulletin": bulletin.pk, "title": "", "body": ""}
    )
    assert r.status_code == 422
    page = r.content.decode()
    assert "请填写标题" in page
    assert not Submission.objects.exists()
    r = client.post(
        f"/bulletin/orgs/{tree.sibling_street.pk}/submit/",
        {"bulletin": bulletin.pk, "title": "越权", "body": "越权"},
    )
    assert r.status_code == 403 and not Submission.objects.exists()


def test_city_editor_adopts_returns_and_declines_on_the_page(tree, personas, bulletin, login):
    first = make_submission(tree.street, bulletin, title="第一篇")
    second = make_submission(tree.street, bulletin, title="第二篇")
    client = login(personas.city)
    page = client.get(f"/bulletin/submissions/{first.pk}/").content.decode()
    assert "审稿" in page and "采用" in page and "退回修改" in page
    url = f"/bulletin/submissions/{first.pk}/transition/"
    r = client.post(url, {"action": "adopt", "section": "工作交流", "issue": ""})
    assert r.status_code == 302
    assert Submission.objects.get(pk=first.pk).section == "工作交流"
    r = client.post(f"/bulletin/submissions/{second.pk}/transition/", {"action": "return", "comment": ""})
    assert r.status_code == 422 and "请填写意见" in r.content.decode()
    assert Submission.objects.get(pk=second.pk).status == "submitted"
    client.post(
        f"/bulletin/submissions/{second.pk}/transition/", {"action": "return", "comment": "请补充时间"}
    )
    assert Submission.objects.get(pk=second.pk).status == "returned"
    # The street sees the comment, changes the text and sends it again.
    street = login(personas.street)
    assert "请补充时间" in street.get(f"/bulletin/submissions/{second.pk}/").content.decode()
    r = street.post(
        f"/bulletin/submissions/{second.pk}/edit/",
        {"title": "第二篇", "body": "补充：3月19日。", "submit": "1"},
    )
    assert r.status_code == 302 and Submission.objects.get(pk=second.pk).status == "submitted"
    # The street cannot adopt its own item.
    r = street.post(
        f"/bulletin/submissions/{second.pk}/transition/", {"action": "adopt", "section": "各地动态"}
    )
    assert r.status_code == 403


def test_province_compiles_publishes_and_downloads(tree, personas, bulletin, login):
    sub = make_submission(tree.street, bulletin, title="赤岗街道举办招聘会")
    actions.submission_transition(actor=personas.city, submission=sub, action="adopt", section="各地动态")
    client = login(personas.province)
    page = client.get(f"/bulletin/{bulletin.pk}/issues/new/").content.decode()
    assert "各地动态\n工作交流\n短讯速递" in page
    r = client.post(f"/bulletin/{bulletin.pk}/issues/new/", {
        "number": 5, "date": "2013-03-31", "masthead": "工作简报", "office": "广东省总工会办公室",
        "sections": "各地动态\n工作交流\n短讯速递", "include_adopted": "on"})  # fmt: skip
    issue = Issue.objects.get()
    assert r.status_code == 302 and r.url == f"/bulletin/issues/{issue.pk}/"
    r = client.post(f"/bulletin/issues/{issue.pk}/articles/new/", {
        "section": "短讯速递", "title": "茂名女工帮扶", "body": "累计发放18000元。", "source": "茂名市总工会  柯周梅"})  # fmt: skip
    assert r.status_code == 302
    page = client.get(f"/bulletin/issues/{issue.pk}/").content.decode()
    assert page.index("赤岗街道举办招聘会") < page.index("茂名女工帮扶") and "签发并发布" in page
    r = client.post(f"/bulletin/issues/{issue.pk}/publish/")
    assert r.status_code == 302 and Issue.objects.get().is_published
    assert FactSuggestion.objects.filter(article__issue=issue, kind="money").exists()
    docx = client.get(f"/bulletin/issues/{issue.pk}/docx/")
    assert docx.status_code == 200 and docx["Content-Disposition"].startswith("attachment;")
    texts = [p.text for p in Document(io.BytesIO(docx.getvalue())).paragraphs]
    assert "赤岗街道举办招聘会" in texts and "（茂名市总工会  柯周梅）" in texts
    # The unions below read it; the street's editor controls are not there.
    page = login(personas.street).get(f"/bulletin/issues/{issue.pk}/").content.decode()
    assert "赤岗街道举办招聘会" in page and "签发并发布" not in page and "移出本期" not in page


def test_a_clerk_compiles_but_does_not_publish(tree, personas, bulletin, login):
    from gonghui.conftest import make_user

    clerk = make_user("prov_clerk", tree.province, "clerk")
    issue = make_issue(bulletin)
    actions.article_create(actor=None, issue=issue, section="各地动态", title="甲", body="正文。")
    client = login(clerk)
    page = client.get(f"/bulletin/issues/{issue.pk}/").content.decode()
    assert "移出本期" in page and "签发并发布" not in page
    assert client.post(f"/bulletin/issues/{issue.pk}/publish/").status_code == 403
    assert Issue.objects.get().is_draft


def test_moving_and_removing_articles(tree, personas, bulletin, login):
    issue = make_issue(bulletin)
    for title in ("甲", "乙"):
        actions.article_create(actor=None, issue=issue, section="各地动态", title=title, body="正文。")
    client = login(personas.province)
    second = Article.objects.get(title="乙")
    r = client.post(f"/bulletin/articles/{second.pk}/move/", {"direction": "up"})
    assert r.status_code == 302 and r.url.endswith(f"#article-{second.pk}")
    assert list(Article.objects.order_by("order").values_list("title", flat=True)) == ["乙", "甲"]
    client.post(f"/bulletin/articles/{second.pk}/remove/")
    assert list(Article.objects.values_list("title", flat=True)) == ["甲"]
    r = client.post(
        f"/bulletin/articles/{Article.objects.get().pk}/edit/",
        {"section": "工作交流", "title": "甲（改）", "body": "新正文。"},
    )
    assert r.status_code == 302 and Article.objects.get().section.name == "工作交流"


def test_legacy_import_through_the_upload_page(tree, personas, bulletin, login, seed_bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(personas.province)
    url = f"/bulletin/{bulletin.pk}/import/"
    empty = SimpleUploadedFile("empty.txt", b"", content_type="text/plain")
    r = client.post(url, {"file": empty, "number": 3, "date": "2013-03-31"})
    assert r.status_code == 422 and not Issue.objects.exists()
    assert "无法导入：文件为空" in r.content.decode()
    binary = SimpleUploadedFile("x.txt", b"\xff\xfe\x00\x00", content_type="text/plain")
    r = client.post(url, {"file": binary, "number": 3, "date": "2013-03-31"})
    assert r.status_code == 422 and "文件编码无法识别" in r.content.decode() and not Issue.objects.exists()
    seed = SimpleUploadedFile("seed.txt", seed_bytes, content_type="text/plain")
    r = client.post(url, {"file": seed, "number": 3, "date": "2013-03-31"})
    issue = Issue.objects.get()
    assert r.status_code == 302 and issue.articles.count() == 29
    again = SimpleUploadedFile("seed.txt", seed_bytes, content_type="text/plain")
    r = client.post(url, {"file": again, "number": 3, "date": "2013-03-31"})
    assert r.status_code == 422 and "2013年第3期已存在" in r.content.decode() and Issue.objects.count() == 1


def test_the_facts_page_accepts_with_htmx(tree, personas, bulletin, login, seed_bytes):
    issue = actions.issue_import(
        actor=None, bulletin=bulletin, number=3, date=dt.date(2013, 3, 31), data=seed_bytes
    )
    client = login(personas.province)
    page = client.get(f"/bulletin/issues/{issue.pk}/facts/").content.decode()
    assert "会议" in page and "十二届六次全委会" in page and "届" in page
    fact = FactSuggestion.objects.filter(article__issue=issue, kind="meeting").first()
    r = client.post(f"/bulletin/facts/{fact.pk}/", {"decision": "accept"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "已采纳" in r.content.decode()
    assert AuditEntry.objects.filter(action="bulletin.fact.accept", actor=personas.province).count() == 1
    assert login(personas.city).get(f"/bulletin/issues/{issue.pk}/facts/").status_code == 403


def test_stats_page_and_export(tree, personas, bulletin, login):
    sub = make_submission(tree.street, bulletin)
    actions.submission_transition(actor=personas.city, submission=sub, action="adopt", section="各地动态")
    client = login(personas.province)
    page = client.get("/bulletin/stats/").content.decode()
    assert 'data-chart="units-chart"' in page and 'id="units-chart"' in page
    assert "广州市总工会" in page and "100.0%" in page and "广东省海员工会" in page
    assert "<script>" not in page.replace('<script type="application/json"', "")
    r = client.get(f"/bulletin/stats/{tree.province.pk}/xlsx/", {"month": ""})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEntry.objects.filter(action="bulletin.stats.export").count() == 1
    assert login(personas.street).get("/bulletin/stats/", {"org": tree.haizhu.pk}).status_code == 403


@pytest.mark.parametrize("who", ["street", "sibling", "city"])
def test_editorial_pages_are_for_the_bulletins_union(tree, personas, bulletin, login, who):
    client = login(getattr(personas, who))
    assert client.get(f"/bulletin/{bulletin.pk}/").status_code == 403
    assert client.get(f"/bulletin/{bulletin.pk}/issues/new/").status_code == 403
    assert client.post(f"/bulletin/{bulletin.pk}/import/").status_code == 403
