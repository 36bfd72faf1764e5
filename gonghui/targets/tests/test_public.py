"""A union publishes the progress of its 民生实事: anyone may read what it chose to show, nothing else."""

from __future__ import annotations

import datetime as dt

from gonghui.targets import actions
from gonghui.targets.abilities import org_abilities, target_abilities
from gonghui.targets.models import Publication, Target
from gonghui.tests.contract import assert_abilities_agree

from .factories import YEAR, indicator_in, target_in


def test_only_published_targets_of_an_open_page_are_shown_to_anyone(tree, client):
    promise = target_in(
        tree.guangzhou,
        indicator=indicator_in(tree.guangzhou, name="家政服务员免费培训", unit="人"),
        value="1000",
    )
    hidden = target_in(
        tree.guangzhou, indicator=indicator_in(tree.guangzhou, name="内部考核指标"), value="10"
    )
    actions.report_submit(actor=None, target=promise, month=1, value="100", on=dt.date(YEAR, 2, 3))
    actions.target_publish(actor=None, target=promise, public=True)
    page = actions.publication_set(actor=None, org=tree.guangzhou, active=True)
    html = client.get(f"/targets/public/{page.token}/").content.decode()
    assert "家政服务员免费培训" in html and "100.00（1月）" in html and "10.0%" in html
    assert hidden.indicator.name not in html and "陈志强" not in html  # owners are not published
    actions.publication_set(actor=None, org=tree.guangzhou, active=False)
    assert client.get(f"/targets/public/{page.token}/").status_code == 404
    assert client.get("/targets/public/no-such-page/").status_code == 404


def test_publishing_abilities_agree_with_the_actions(tree, personas):
    shown = target_in(tree.street, indicator=indicator_in(tree.street, name="公开项目"))
    actions.target_publish(actor=None, target=shown, public=True)
    records = [target_in(tree.street), Target.objects.get(pk=shown.pk), target_in(tree.sibling_street)]
    assert_abilities_agree(
        actors=personas.items(), records=records, abilities=target_abilities,
        attempts={
            "publish": lambda actor, t: actions.target_publish(actor=actor, target=t, public=True),
            "unpublish": lambda actor, t: actions.target_publish(actor=actor, target=t, public=False),
        },
    )  # fmt: skip


def test_opening_the_page_is_offered_exactly_when_allowed(tree, personas):
    actions.publication_set(actor=None, org=tree.sibling_street, active=True)
    for name, user in personas.items():
        for org in (tree.street, tree.sibling_street):
            ab = org_abilities(user, org)
            for doing, active in (("open_publication", True), ("close_publication", False)):
                try:
                    from django.db import transaction

                    with transaction.atomic():
                        actions.publication_set(actor=user, org=org, active=active)
                        transaction.set_rollback(True)
                    ok = True
                except Exception:
                    ok = False
                assert ok == ab[doing], (name, org.name, doing)
    assert Publication.objects.get(org=tree.sibling_street).active
