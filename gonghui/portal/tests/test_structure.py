from __future__ import annotations

from gonghui.conftest import make_org
from gonghui.core.models import AuditEntry
from gonghui.orgs.actions import org_merge, org_split
from gonghui.portal import actions
from gonghui.portal.models import Card, HelpRequest, JoinApplication, Place

from .factories import application_in, member_with_login, place_in, request_in


def test_a_merged_union_hands_its_applications_requests_places_and_cards_to_the_survivor(tree):
    source = make_org(tree.street, "赤岗某厂工会", "grassroots", kind="enterprise")
    application, request, place = application_in(source), request_in(source), place_in(source)
    card = actions.card_issue(actor=None, member=member_with_login(source))
    org_merge(actor=None, source=source, target=tree.grassroots)
    assert JoinApplication.objects.get(pk=application.pk).org == tree.grassroots
    moved = HelpRequest.objects.get(pk=request.pk)
    assert moved.org == moved.origin == tree.grassroots
    assert Place.objects.get(pk=place.pk).org == tree.grassroots
    assert Card.objects.get(pk=card.pk).org == tree.grassroots
    entry = AuditEntry.objects.get(action="portal.follow_merge")
    assert entry.detail["moved"] == 4 and entry.org_id == tree.grassroots.pk


def test_a_split_leaves_records_on_their_unions(tree):
    street = make_org(tree.haizhu, "某街道总工会", "town")
    union = make_org(street, "某社区工会", "grassroots", kind="community")
    request = request_in(union)
    org_split(actor=None, org=street, new_name="某新街道总工会", children=[union])
    assert HelpRequest.objects.get(pk=request.pk).org == union
