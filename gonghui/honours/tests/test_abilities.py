"""For every persona, record and doing: offered exactly when the action succeeds."""

from __future__ import annotations

import datetime as dt

from gonghui.conftest import make_user
from gonghui.honours import actions
from gonghui.honours.abilities import (
    honour_abilities,
    nomination_abilities,
    objection_abilities,
    quota_abilities,
    round_abilities,
    studio_abilities,
)
from gonghui.honours.models import Quota
from gonghui.kernel import cleaning
from gonghui.tests.contract import assert_abilities_agree

from .factories import climb, end_notice, kind, make_round, nominate


def _pdf():  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("事迹.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def test_nomination_abilities_agree_with_the_actions(tree, personas, round, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = nominate(round, tree.grassroots, "草稿", submit=False)
    at_district = nominate(round, tree.grassroots, "待区审核")
    at_city = actions.nomination_recommend(
        actor=None, nomination=nominate(round, tree.grassroots, "待市审核")
    )
    sibling = nominate(round, tree.sibling_grassroots, "新港推荐")
    selected = climb(nominate(round, tree.sibling_grassroots, "拟表彰"))
    assert_abilities_agree(
        actors=personas.items(),
        records=[draft, at_district, at_city, sibling, selected],
        abilities=nomination_abilities,
        attempts={
            "submit": lambda a, n: actions.nomination_submit(actor=a, nomination=n),
            "recommend": lambda a, n: actions.nomination_recommend(actor=a, nomination=n),
            "select": lambda a, n: actions.nomination_select(actor=a, nomination=n),
            "send_back": lambda a, n: actions.nomination_send_back(actor=a, nomination=n, reason="请补充"),
            "reject": lambda a, n: actions.nomination_reject(actor=a, nomination=n, reason="不符合条件"),
            "withdraw": lambda a, n: actions.nomination_withdraw(actor=a, nomination=n),
            "attach": lambda a, n: actions.nomination_attach(
                actor=a, nomination=n, title="事迹", upload=_pdf()
            ),
            "edit": lambda a, n: actions.nomination_update(
                actor=a, nomination=n, name=n.name, unit=n.unit, deeds=n.deeds
            ),
        },
    )


def test_notice_abilities_agree_with_the_actions(tree, personas):
    round = make_round(tree.guangzhou, places=3)
    chen = climb(nominate(round, tree.grassroots, "陈建华"))
    climb(nominate(round, tree.grassroots, "李秀英"))
    actions.round_publish(actor=None, round=round)
    objection = actions.objection_record(actor=None, nomination=chen, content="反映问题")
    assert_abilities_agree(
        actors=personas.items(), records=[chen], abilities=nomination_abilities,
        attempts={"object": lambda a, n: actions.objection_record(actor=a, nomination=n, content="反映问题")},
    )  # fmt: skip
    assert_abilities_agree(
        actors=personas.items(),
        records=[objection],
        abilities=objection_abilities,
        attempts={
            "answer": lambda a, o: actions.objection_answer(
                actor=a, objection=o, answer="dismissed", finding="不属实"
            )
        },
    )
    actions.objection_answer(actor=None, objection=objection, answer="dismissed", finding="不属实")
    for r in (round, end_notice(round)):
        assert_abilities_agree(
            actors=personas.items(),
            records=[r],
            abilities=round_abilities,
            attempts={
                "confer": lambda a, x: actions.round_confer(actor=a, round=x, doc_no="穗府〔2026〕1号")
            },
        )


def test_round_abilities_agree_with_the_actions(tree, personas, round):
    district_kind = actions.kind_create(
        actor=None, org=tree.haizhu, name="海珠区劳动模范", level="other", category="model_worker",
        awarding_body="海珠区人民政府",
    )  # fmt: skip
    empty = actions.round_open(
        actor=None, org=tree.haizhu, kind=district_kind, title="海珠区劳动模范评选", year=2026, places=2,
        nominate_until=cleaning.today() + dt.timedelta(days=30),
    )  # fmt: skip
    ready = make_round(tree.guangzhou, places=2, title="广州市五一劳动奖章评选")
    climb(nominate(ready, tree.grassroots))
    assert_abilities_agree(
        actors=personas.items(), records=[round, empty, ready], abilities=round_abilities,
        attempts={
            "publish": lambda a, r: actions.round_publish(actor=a, round=r),
            "cancel": lambda a, r: actions.round_cancel(actor=a, round=r, reason="另行安排"),
            "allot": lambda a, r: actions.quota_set(actor=a, round=r, org=r.org.children.first(), places=1),
        },
    )  # fmt: skip


def test_quota_abilities_agree_with_the_actions(tree, personas, round):
    quota = Quota.objects.get(round=round, org=tree.haizhu)
    assert_abilities_agree(
        actors=personas.items(), records=[quota], abilities=quota_abilities,
        attempts={"allot": lambda a, q: actions.quota_set(actor=a, round=q.round, org=tree.street, places=1)},
    )  # fmt: skip


def test_honour_and_studio_abilities_agree_with_the_actions(tree, personas):
    honour = actions.honour_record(actor=None, org=tree.grassroots, kind=kind(), name="陈建华", unit="某厂",
                                   awarded_on="2020-04-28")  # fmt: skip
    studio = actions.studio_create(actor=None, org=tree.street, name="陈建华劳模创新工作室", lead_name="陈建华",
                                   unit="某厂", field="焊接", level="city", named_on="2021-05-01")  # fmt: skip
    assert_abilities_agree(
        actors=personas.items(),
        records=[honour],
        abilities=honour_abilities,
        attempts={
            "care": lambda a, h: actions.care_record(
                actor=a, org=h.org, honour=h, kind="visit", on="2026-01-20", amount="1000"
            )
        },
    )
    assert_abilities_agree(
        actors=personas.items(),
        records=[studio],
        abilities=studio_abilities,
        attempts={
            "record_year": lambda a, s: actions.studio_year_set(actor=a, studio=s, year=2025, patents=3)
        },
    )


def test_objection_reveal_agrees_with_the_action(tree, personas, public_objection):
    """Seeing the objector's contact: the reviewers of the round's union and those above, whether
    answered or not, when a contact was left; not another branch, a clerk or a read-only role."""
    nomination = public_objection.nomination
    recorded = actions.objection_record(actor=None, nomination=nomination, content="来电反映，未留姓名。")
    answered = actions.objection_submit_public(
        actor=None, round=nomination.round, nomination_id=nomination.pk, raised_by="", contact="020-84123456",
        content="反映其事迹有夸大。", client="10.0.0.2",
    )  # fmt: skip
    actions.objection_answer(actor=None, objection=answered, answer="dismissed", finding="经核查不属实。")
    actors = [
        *personas.items(),
        ("street_viewer", make_user("street_viewer", tree.street, "viewer")),
        ("street_approver", make_user("street_approver", tree.street, "approver")),
        ("shenzhen", make_user("shenzhen_admin", tree.shenzhen, "admin")),
    ]
    assert_abilities_agree(
        actors=actors, records=[public_objection, recorded, answered], abilities=objection_abilities,
        attempts={
            "reveal": lambda a, o: actions.objection_reveal(actor=a, objection=o),
            "answer": lambda a, o: actions.objection_answer(actor=a, objection=o, answer="dismissed",
                                                            finding="不属实"),
        },
    )  # fmt: skip
    offered = {name for name, a in actors if objection_abilities(a, public_objection).reveal}
    assert offered == {"province", "city", "street", "street_approver"}
