"""Legacy text bulletins into the archive: the seed issue, and bad input that changes nothing."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.bulletin import actions
from gonghui.bulletin.models import Article, FactSuggestion, Issue, Section
from gonghui.bulletin.tests.factories import make_issue
from gonghui.conftest import make_org
from gonghui.core.models import AuditEntry

DATE = dt.date(2013, 3, 31)


def run_import(actor, bulletin, data, number=3):
    return actions.issue_import(
        actor=actor, bulletin=bulletin, number=number, date=DATE, data=data, filename="seed.txt"
    )


def test_the_seed_becomes_a_published_issue_in_three_sections(tree, personas, bulletin, seed_bytes):
    issue = run_import(personas.province, bulletin, seed_bytes)
    assert issue.is_published and issue.imported and issue.label == "2013年第3期"
    assert list(Section.objects.filter(issue=issue).values_list("name", flat=True)) == [
        "各地动态",
        "工作交流",
        "短讯速递",
    ]
    counts = {s.name: s.articles.count() for s in issue.sections.all()}
    assert counts == {"各地动态": 13, "工作交流": 3, "短讯速递": 13}
    maoming = Article.objects.get(issue=issue, title="茂名市总工会召开十一届四次全委（扩大）会议")
    assert maoming.source == "茂名市总工会办公室  梁冲"
    assert (maoming.units, maoming.authors) == (["茂名市总工会办公室"], ["梁冲"])
    assert maoming.attribution == "（茂名市总工会办公室  梁冲）"
    first = Article.objects.filter(issue=issue).order_by("section__order", "order").first()
    assert first.title == "省总工会召开十二届六次全委会" and first.source == "省总工会办公室综合"
    entry = AuditEntry.objects.get(action="bulletin.issue.import")
    assert entry.detail["articles"] == 29 and entry.actor == personas.province


def test_gb18030_files_import_too(tree, personas, bulletin, seed_bytes):
    issue = run_import(personas.province, bulletin, seed_bytes.decode("utf-8").encode("gb18030"))
    assert issue.articles.count() == 29


def test_facts_are_suggested_and_matched_to_the_org_tree(tree, personas, bulletin, seed_bytes):
    maoming = make_org(tree.province, "茂名市总工会", "city", "440900")
    issue = run_import(personas.province, bulletin, seed_bytes)
    facts = FactSuggestion.objects.filter(article__issue=issue)
    meeting = facts.get(
        kind="meeting", article__title="省总工会召开十二届六次全委会", text="十二届六次全委会"
    )
    assert (meeting.value["term"], meeting.value["session"]) == (12, 6)
    assert meeting.matched_org == tree.province  # 省总工会 → 广东省总工会
    assert facts.filter(kind="org", matched_org=maoming).exists()
    assert facts.filter(kind="org", value__name="广州市总工会", matched_org=tree.guangzhou).exists()
    person = facts.filter(kind="person", value__name="黄业斌").first()
    assert person is not None and "省人大常委会副主任" in person.value["post"]
    help_article = Article.objects.get(issue=issue, title="茂名市总工会开展三月“女工帮扶”主题探访活动")
    assert help_article.facts.filter(kind="money", value__amount_yuan="18000").exists()
    assert help_article.facts.filter(kind="count", value__n=600, value__unit="户").exists()
    # The same fact found twice in one article is one suggestion.
    texts = list(facts.filter(article=help_article).values_list("kind", "value"))
    assert len(texts) == len({(k, str(sorted(v.items()))) for k, v in texts})
    assert set(facts.values_list("status", flat=True)) == {"suggested"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件为空"),
        (b"   \n\n ", "文件为空"),
        (b"\xff\xfe\x00\x00\x00\x00", "文件编码无法识别"),
        (b"\x81\x30\xff\xff\xfe", "文件编码无法识别"),
        ("工作简报\n第5期\n广东省总工会办公室\n".encode(), "未识别出任何文章"),
        (codecs.BOM_UTF8 + b"", "文件为空"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(tree, personas, bulletin, data, message):
    audit_before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        run_import(personas.province, bulletin, data)
    assert message in refused.value.message_dict["file"][0]
    assert not Issue.objects.exists() and not Article.objects.exists()
    assert AuditEntry.objects.count() == audit_before


def test_a_duplicate_issue_number_is_refused(tree, personas, bulletin, seed_bytes):
    make_issue(bulletin, number=3, date=dt.date(2013, 2, 1))
    with pytest.raises(ValidationError, match="2013年第3期已存在"):
        run_import(personas.province, bulletin, seed_bytes)
    assert Issue.objects.count() == 1 and not Article.objects.exists()


def test_importing_needs_edit_at_the_bulletins_union(tree, personas, bulletin, seed_bytes):
    with pytest.raises(PermissionDenied):
        run_import(personas.city, bulletin, seed_bytes)
    assert not Issue.objects.exists()


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=400), st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))
    )
)
def test_any_upload_is_either_parsed_or_refused_in_chinese(data):
    try:
        result = actions.parse_upload(data)
    except ValidationError as exc:
        assert set(exc.message_dict) == {"file"}
        assert exc.message_dict["file"][0].startswith("无法导入：")
    else:
        assert result.articles
