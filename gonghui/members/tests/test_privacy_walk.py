"""Every page and API answer of the modules that hold people, read by a clerk who may not
reveal: no ID number, mobile number or bank account appears in full.

The records come from the modules' own scope-walk makers (their WALK), made inside the clerk's
subtree, so a page or endpoint added later is read too. Reveal is a POST and audited; it is not
read here (its own tests check it)."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from gonghui.assistance.models import Attachment, FamilyMember, Household
from gonghui.assistance.tests.factories import household_in
from gonghui.core.tests.test_scope_walk import QUERY_KEYS, URL_ARGS, fill, module_routes
from gonghui.kernel import scope
from gonghui.kernel.registry import registry
from gonghui.members.actions import member_link_user
from gonghui.members.models import Member
from gonghui.members.tests.factories import member_in

# The modules whose pages show members, household files, clients and committee members.
MODULES = ["members", "assistance", "services", "meetings", "units"]
ARG = re.compile(r"<(?:\w+:)?(\w+)>")


def _secrets() -> set[str]:
    """Every personal number stored in the register and the household files, in full."""
    found: set[str] = set()
    for m in Member.objects.all():
        found.update(v for v in (m.id_number, m.phone) if v)
    for h in Household.objects.all():
        found.update(v for v in (h.id_number, h.phone, h.bank_account) if v)
    found.update(f.id_number for f in FamilyMember.objects.all())
    return found


@pytest.mark.parametrize("persona", ["district", "member"])
@pytest.mark.parametrize("module", MODULES)
def test_no_page_or_api_answer_shows_a_personal_number_in_full(
    module, persona, tree, personas, login, client
):
    """As a clerk who may edit but not reveal, and as a member looking at their own record."""
    user = getattr(personas, persona)
    assert not scope.can(user, "reveal", tree.grassroots)
    routes = module_routes(registry.get(module))
    # A member (the member persona's own record) and a household file in the persona's union,
    # and every record the routes name; then every member gets a mobile number, and the walk's
    # attachment its file.
    member_link_user(actor=None, member=member_in(tree.grassroots), user=personas.member)
    household_in(tree.grassroots)
    for route in routes:
        for name in ARG.findall(route):
            URL_ARGS[name](tree.grassroots)
    for i, m in enumerate(Member.objects.filter(phone=""), start=1):
        m.phone = f"139{i:08d}"
        m.save(update_fields=["phone"])
    for item in Attachment.objects.all():
        if not default_storage.exists(item.file.name):
            default_storage.save(item.file.name, ContentFile(b"%PDF-1.4 walk"))
    secrets = _secrets()
    assert secrets
    login(user)
    read = 0
    for route in routes:
        url = fill(route, tree.grassroots)
        query = {} if "<" in route else dict.fromkeys(QUERY_KEYS, tree.grassroots.pk)
        r = client.get(url, query)
        if r.status_code != 200 or getattr(r, "streaming", False):
            continue  # downloads are the export writers' (and their own tests')
        read += 1
        body = r.content.decode()
        shown = sorted(s for s in secrets if s in body)
        assert not shown, f"{persona} GET {url} shows {shown} in full"
    assert read or (persona, module) == ("member", "units")  # a member reads no unit pages
