"""A share's cap holds under concurrent approvals: 200 threads, each with its own PostgreSQL
connection, approve 200 claims of 4,000 元 against one share whose cap for the period is 30,000."""

from __future__ import annotations

from decimal import Decimal

from gonghui.mutualaid import actions
from gonghui.mutualaid.models import Claim, ClaimFile
from gonghui.tests.concurrency import CONCURRENT, race

from .factories import claim, covered, line_of

pytestmark = CONCURRENT
ATTEMPTS = 200


def test_two_hundred_concurrent_claims_never_pay_one_share_more_than_its_cap(tree, personas):
    share = line_of(covered(tree.grassroots))
    template = claim(share, expense="8800")  # 4,000 by the schedule
    files = list(template.files.all())
    claims = [template]
    for _ in range(ATTEMPTS - 1):
        c = Claim.objects.get(pk=template.pk)
        c.pk = None
        c.save()
        ClaimFile.objects.bulk_create(
            ClaimFile(
                claim=c, material=f.material, name=f.name, content_type=f.content_type, file=f.file.name
            )
            for f in files
        )
        claims.append(c)
    cap = share.plan.period_cap
    outcomes = race([lambda c=c: actions.claim_approve(actor=personas.city, claim=c) for c in claims])
    approved = Claim.objects.filter(line=share, state="approved")
    # Seven of 4,000, then one of what is left (2,000), then the cap is reached.
    assert outcomes.count("ok") == 8
    assert all("达到上限" in o for o in outcomes if o != "ok"), set(outcomes)
    assert (
        sorted(approved.values_list("payable", flat=True)) == [Decimal("2000.00")] + [Decimal("4000.00")] * 7
    )
    assert sum(c.payable for c in approved) == cap
