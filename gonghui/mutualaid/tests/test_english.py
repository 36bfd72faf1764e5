"""In English, what the Python of mutual aid says is English: a message built by a helper, a
rule's refusal, a workflow step's label."""

from __future__ import annotations

from django.urls import reverse

from gonghui.kernel import cleaning
from gonghui.mutualaid import actions

from .factories import claim, covered, line_of, plan


def english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def test_the_approval_message_built_by_a_helper_is_english(tree, personas, login):
    c = claim(line_of(covered(tree.grassroots)))
    page = english(login(personas.city)).post(reverse("mutualaid:claim_approve", args=[c.pk]), follow=True)
    text = page.content.decode()
    assert "Approved: " in text and " yuan to pay." in text and "已核准给付" not in text


def test_a_refusal_from_the_plan_rules_is_english(tree, personas, login):
    e = actions.enrolment_create(actor=None, org=tree.grassroots, plan=plan(), year=cleaning.today().year)
    r = english(login(personas.grassroots)).post(reverse("mutualaid:enrolment_submit", args=[e.pk]))
    text = r.content.decode()
    assert r.status_code == 422 and "No one has been added yet." in text and "尚未添加参保人员" not in text


def test_a_step_the_state_does_not_allow_is_refused_with_its_english_label(tree, personas, login):
    c = actions.claim_approve(actor=None, claim=claim(line_of(covered(tree.grassroots))))
    r = english(login(personas.city)).post(reverse("mutualaid:claim_approve", args=[c.pk]))
    text = r.content.decode()
    assert r.status_code == 422 and "so “Approve” cannot be done." in text and "当前状态为" not in text
