"""Personal data shown in full, each time audited: the contact an objector left."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused

from ..abilities import objection_abilities
from ..models import Objection


@action
def objection_reveal(*, actor: Any, objection: Objection) -> str:
    """The contact an objector left, in full, for the officers of the union that runs the round
    (who answer the objection and must reach the person); every showing is audited."""
    objection = Objection.objects.select_related("nomination__round__org").get(pk=objection.pk)
    if not objection.contact:
        raise Refused(gettext("该异议没有留下联系方式。"))
    objection_abilities(actor, objection).require(
        "reveal", gettext("只有组织评选的工会的审核人可以查看异议人的联系方式。")
    )
    round = objection.nomination.round
    audit(actor=actor, action="honours.objection.reveal", obj=objection, org=round.org,
          detail={"name": objection.nomination.name, "round": round.title})  # fmt: skip
    return objection.contact
