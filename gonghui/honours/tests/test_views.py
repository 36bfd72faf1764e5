"""The pages, as each union's officers use them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gonghui.honours import actions, selectors
from gonghui.honours.abilities import nomination_abilities
from gonghui.honours.models import Honour, Nomination, NominationState
from gonghui.kernel import cleaning
from gonghui.kernel.errors import Refused
from gonghui.members.tests.conftest import make_member
from gonghui.tests.contract import assert_page_offers, assert_pages_offer

from .factories import climb, end_notice, make_round, nominate


def test_the_grassroots_union_nominates_a_member_from_the_rounds_list(tree, personas, login, round):
    member = make_member(tree.grassroots, "陈建华", employer_name="广州造船厂有限公司")
    client = login(personas.grassroots)
    page = client.get(reverse("honours:rounds")).content.decode()
    url = f"{reverse('honours:nomination_create')}?round={round.pk}&org={tree.grassroots.pk}"
    assert url.replace("&", "&amp;") in page
    r = client.post(
        url, {"member": member.pk, "job": "焊工班长", "frontline": "on", "deeds": "攻克焊接难题。"}
    )
    nomination = Nomination.objects.get(round=round)
    assert r.status_code == 302 and (nomination.name, nomination.unit, nomination.member) == (
        "陈建华", "广州造船厂有限公司", member)  # fmt: skip
    r = client.post(reverse("honours:nomination_submit", args=[nomination.pk]))
    assert r.status_code == 302
    nomination.refresh_from_db()
    assert nomination.at == tree.haizhu


def test_a_refused_nomination_shows_the_reason_and_saves_nothing(tree, personas, login, round):
    client = login(personas.grassroots)
    url = f"{reverse('honours:nomination_create')}?round={round.pk}&org={tree.grassroots.pk}"
    r = client.post(url, {"name": "陈建华", "unit": "", "deeds": "事迹"})
    assert r.status_code == 422
    assert "请填写工作单位。" in r.content.decode()
    assert not Nomination.objects.exists()


def test_the_district_finds_it_waiting_and_the_over_quota_one_is_refused(tree, personas, login, round):
    chen, li, wang = (nominate(round, tree.grassroots, name) for name in ("陈建华", "李秀英", "王志强"))
    client = login(personas.district)
    page = client.get(reverse("honours:review")).content.decode()
    assert all(name in page for name in ("陈建华", "李秀英", "王志强"))
    for n in (chen, li):
        assert client.post(reverse("honours:nomination_recommend", args=[n.pk])).status_code == 302
    r = client.post(reverse("honours:nomination_recommend", args=[wang.pk]))
    assert r.status_code == 422
    assert "「广州市海珠区总工会」的名额为2名，已推荐2名，不能再推荐。" in r.content.decode()
    wang.refresh_from_db()
    assert wang.at == tree.haizhu
    # The page says why where the button would be.
    page = client.get(reverse("honours:nomination", args=[wang.pk])).content.decode()
    assert "已推荐2名，不能再推荐" in page
    assert reverse("honours:nomination_recommend", args=[wang.pk]) not in page


def test_the_nomination_page_offers_exactly_its_abilities(tree, personas, login, round):
    nomination = nominate(round, tree.grassroots)
    shown = assert_pages_offer(
        login=login,
        actors=[(persona, getattr(personas, persona)) for persona in ("grassroots", "district", "city")],
        records=[nomination],
        url=lambda n: reverse("honours:nomination", args=[n.pk]),
        abilities=nomination_abilities,
        buttons=lambda n: {
            doing: reverse(f"honours:nomination_{doing}", args=[n.pk])
            for doing in ("recommend", "send_back", "reject", "withdraw")
        },
    )
    assert shown == 3


def test_the_public_notice_shows_only_the_published_fields(tree, personas, client, round):
    member = make_member(tree.grassroots, "陈建华", phone="13912345678")
    climb(nominate(round, tree.grassroots, member=member, job="焊工班长", deeds="攻克焊接难题。"))
    actions.round_publish(actor=personas.city, round=round)
    url = selectors.notice_url(round.__class__.objects.get(pk=round.pk))
    r = client.get(url)  # nobody signed in
    page = r.content.decode()
    assert r.status_code == 200
    assert all(text in page for text in ("陈建华", "焊工班长", "攻克焊接难题。", "广州某某机械有限公司"))
    assert member.id_number not in page and member.id_number[-4:] not in page
    assert "13912345678" not in page and "5678" not in page


def test_the_public_notice_cannot_be_guessed(client, round):
    assert client.get(reverse("honours:notice"), {"t": str(round.pk)}).status_code == 404
    assert client.get(reverse("honours:notice")).status_code == 404


def test_a_round_still_open_has_no_public_page(client, round):
    from django.core import signing

    token = signing.dumps(round.pk, salt="honours.notice")
    assert client.get(reverse("honours:notice"), {"t": token}).status_code == 404


def test_the_city_publishes_confers_and_the_honour_is_on_the_persons_record(tree, personas, login, round):
    member = make_member(tree.grassroots, "陈建华")
    actions.honour_record(actor=None, org=tree.grassroots, kind=round.kind.__class__.objects.get(name="省五一劳动奖章"),
                          member=member, awarded_on="2019-04-28", doc_no="粤工〔2019〕20号", unit="广州某某机械有限公司")  # fmt: skip
    climb(nominate(round, tree.grassroots, member=member))
    client = login(personas.city)
    assert client.post(reverse("honours:round_publish", args=[round.pk])).status_code == 302
    r = client.post(reverse("honours:round_confer", args=[round.pk]), {"doc_no": "穗府〔2026〕12号",
                                                                       "conferred_on": str(cleaning.today())})  # fmt: skip
    assert r.status_code == 422 and "公示期满后方可表彰" in r.content.decode()
    end_notice(round)
    today = str(cleaning.today())
    r = client.post(
        reverse("honours:round_confer", args=[round.pk]),
        {"doc_no": "穗府〔2026〕12号", "conferred_on": today},
    )
    assert r.status_code == 302
    honour = Honour.objects.get(member=member, title="市劳动模范")
    page = login(personas.grassroots).get(reverse("honours:honour", args=[honour.pk])).content.decode()
    assert "省五一劳动奖章" in page and "市劳动模范" in page and "穗府〔2026〕12号" in page


def test_the_register_exports_a_subtree(tree, personas, login):
    from gonghui.honours.tests.factories import kind

    actions.honour_record(actor=None, org=tree.grassroots, kind=kind("全国劳动模范"), name="李秀英", sex="女",
                          unit="广州某纺织厂", awarded_on="2015-04-28")  # fmt: skip
    actions.honour_record(actor=None, org=tree.luohu, kind=kind("省劳动模范"), name="王深", unit="深圳某公司",
                          awarded_on="2016-04-28")  # fmt: skip
    client = login(personas.city)
    r = client.get(reverse("honours:register_export"), {"within": tree.guangzhou.pk, "format": "csv"})
    body = b"".join(r.streaming_content).decode("utf-8-sig")
    assert "李秀英" in body and "王深" not in body
    assert client.get(reverse("honours:register_export"), {"within": tree.luohu.pk}).status_code == 403


@pytest.mark.parametrize("page", ["rounds", "review", "register", "care", "studios", "kinds"])
def test_every_list_page_opens_for_every_persona(page, personas, login, round):
    for _, user in personas.items():
        assert login(user).get(reverse(f"honours:{page}")).status_code == 200


def test_a_collective_is_nominated_by_name(tree, personas):
    round = make_round(tree.guangzhou, kind_name="市工人先锋号")
    n = nominate(round, tree.grassroots, "广州某某机械有限公司数控车间甲班", sex="", job="")
    assert n.state == NominationState.REVIEWING and n.sex == ""


def test_material_is_uploaded_to_a_draft_and_served_to_its_reviewers(
    tree, personas, login, round, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    nomination = nominate(round, tree.grassroots, submit=False)
    client = login(personas.grassroots)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    r = client.post(reverse("honours:nomination_attach", args=[nomination.pk]),
                    {"title": "事迹材料", "file": SimpleUploadedFile("事迹.pdf", pdf)})  # fmt: skip
    assert r.status_code == 302
    r = client.post(reverse("honours:nomination_attach", args=[nomination.pk]),
                    {"title": "脚本", "file": SimpleUploadedFile("x.pdf", b"<script>alert(1)</script>")})  # fmt: skip
    assert r.status_code == 422 and "不是可以上传的文件" in r.content.decode()
    [attachment] = nomination.files.all()
    actions.nomination_submit(actor=personas.grassroots, nomination=nomination)
    r = login(personas.district).get(reverse("honours:attachment", args=[attachment.pk]))
    assert r.status_code == 200 and b"".join(r.streaming_content) == pdf
    assert login(personas.sibling).get(reverse("honours:attachment", args=[attachment.pk])).status_code == 403
    # Once submitted, nothing more is added.
    r = client.post(reverse("honours:nomination_attach", args=[nomination.pk]),
                    {"title": "补充", "file": SimpleUploadedFile("b.pdf", pdf)})  # fmt: skip
    assert r.status_code == 403


def test_the_upload_pages_open(tree, personas, login, round):
    nomination = nominate(round, tree.grassroots, submit=False)
    client = login(personas.grassroots)
    assert client.get(reverse("honours:nomination_attach", args=[nomination.pk])).status_code == 200
    assert client.get(reverse("honours:register_import"), {"org": tree.grassroots.pk}).status_code == 200


def test_anyone_objects_on_the_public_page_and_the_city_must_answer_before_conferring(
    tree, personas, client, login, round
):
    from gonghui.honours.models import Objection

    chen = climb(nominate(round, tree.grassroots, "陈建华"))
    actions.round_publish(actor=personas.city, round=round)
    url = selectors.notice_url(round.__class__.objects.get(pk=round.pk))
    r = client.post(url, {"nomination": chen.pk, "content": "", "contact": ""})  # nobody signed in
    assert r.status_code == 422 and "异议内容及理由" in r.content.decode()
    assert not Objection.objects.exists()
    r = client.post(url, {"nomination": chen.pk, "content": "其事迹中的专利并非本人完成。", "raised_by": "王先生",
                          "contact": "13812345678"})  # fmt: skip
    assert r.status_code == 302
    objection = Objection.objects.get()
    assert (objection.public, objection.contact, objection.nomination_id) == (True, "13812345678", chen.pk)
    review = login(personas.city).get(reverse("honours:review")).content.decode()
    assert "待答复的公示异议" in review and "陈建华" in review
    detail = login(personas.city).get(reverse("honours:nomination", args=[chen.pk])).content.decode()
    assert "138****5678" in detail and "13812345678" not in detail
    with pytest.raises(Refused, match="尚有1件异议未答复"):
        actions.round_confer(actor=personas.city, round=end_notice(round), doc_no="穗府〔2026〕12号")


def test_one_address_may_send_only_a_few_objections_an_hour(tree, personas, client, round):
    from gonghui.honours.models import Objection

    chen = climb(nominate(round, tree.grassroots, "陈建华"))
    actions.round_publish(actor=personas.city, round=round)
    url = selectors.notice_url(round.__class__.objects.get(pk=round.pk))
    sent = {"nomination": chen.pk, "content": "反映问题。", "contact": "13812345678"}
    assert [client.post(url, sent).status_code for _ in range(4)] == [302, 302, 302, 422]
    assert Objection.objects.count() == 3
    assert "提交过于频繁" in client.post(url, sent).content.decode()
    other = client.post(url, sent, REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 302 and Objection.objects.count() == 4


def test_no_public_objection_outside_the_notice_or_to_someone_not_on_the_list(tree, personas, round):
    chen = climb(nominate(round, tree.grassroots, "陈建华"))
    sent = {"raised_by": "", "contact": "13812345678", "content": "反映问题。", "client": "10.0.0.1"}
    with pytest.raises(Refused, match="不在公示期内"):
        actions.objection_submit_public(actor=None, round=round, nomination_id=chen.pk, **sent)
    round = actions.round_publish(actor=personas.city, round=round)
    for other in (chen.pk + 1000, "abc"):
        with pytest.raises(Refused) as refused:
            actions.objection_submit_public(actor=None, round=round, nomination_id=other, **sent)
        assert "请选择公示名单中的对象" in str(refused.value)


def test_the_worker_sees_their_honour_on_their_own_page_and_the_clerk_on_the_record(
    tree, personas, login, round
):
    from gonghui.honours.home import honours_home_panels
    from gonghui.members import actions as members_actions

    member = make_member(tree.grassroots, "陈建华")
    members_actions.member_link_user(actor=None, member=member, user=personas.member)
    assert honours_home_panels(personas.member) == []  # nothing yet: no panel
    climb(nominate(round, tree.grassroots, member=member))
    actions.round_publish(actor=personas.city, round=round)
    (panel,) = honours_home_panels(personas.member)
    assert [line.text for line in panel.lines] == [round.title] and "公示中" in panel.lines[0].note
    actions.round_confer(actor=personas.city, round=end_notice(round), doc_no="穗府〔2026〕12号")
    (panel,) = honours_home_panels(personas.member)
    assert [line.text for line in panel.lines] == ["市劳动模范"] and "穗府〔2026〕12号" in panel.lines[0].note
    record = login(personas.grassroots).get(reverse("members:detail", args=[member.pk])).content.decode()
    assert "市劳动模范" in record and "穗府〔2026〕12号" in record
    own = login(personas.member).get(reverse("members:me")).content.decode()
    assert "市劳动模范" in own


def test_the_round_union_reveals_an_objectors_contact_once_and_it_is_audited(
    tree, personas, login, public_objection
):
    from gonghui.conftest import make_user
    from gonghui.core.models import AuditEntry
    from gonghui.honours.abilities import objection_abilities

    page_url = reverse("honours:nomination", args=[public_objection.nomination_id])
    reveal_url = reverse("honours:objection_reveal", args=[public_objection.pk])
    viewer = make_user("street_viewer", tree.street, "viewer")
    for user in (personas.street, viewer):
        page = login(user).get(page_url).content.decode()
        assert "138****5678" in page and "13812345678" not in page
        assert_page_offers(page, objection_abilities(user, public_objection), {"reveal": reveal_url})
    # Signed in as the street's officer: the button answers with the contact in full, once.
    r = login(personas.street).post(reveal_url)
    assert r.status_code == 200 and "13812345678" in r.content.decode()
    assert AuditEntry.objects.filter(action="honours.objection.reveal", actor=personas.street).count() == 1
    # The page itself still shows it masked.
    page = login(personas.street).get(page_url).content.decode()
    assert "13812345678" not in page
    # A read-only role at the union, another branch, the nominating union: refused, nothing audited.
    for user in (viewer, personas.sibling, personas.grassroots):
        assert login(user).post(reveal_url).status_code == 403
    assert login(personas.street).get(reveal_url).status_code == 405
    assert AuditEntry.objects.filter(action="honours.objection.reveal").count() == 1


def test_an_objection_without_a_contact_offers_no_reveal(tree, personas, login, public_objection):
    recorded = actions.objection_record(
        actor=personas.street, nomination=public_objection.nomination, content="来电反映，未留姓名。"
    )
    client = login(personas.street)
    page = client.get(reverse("honours:nomination", args=[recorded.nomination_id])).content.decode()
    assert reverse("honours:objection_reveal", args=[recorded.pk]) not in page
    assert reverse("honours:objection_reveal", args=[public_objection.pk]) in page
    r = client.post(reverse("honours:objection_reveal", args=[recorded.pk]))
    assert r.status_code == 422 and "没有留下联系方式" in r.content.decode()
