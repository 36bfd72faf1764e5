"""What the API's schemas share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .abilities import Abilities

ABILITIES = "调用者现在可以办理的事项（与页面上的按钮一致）"


def abilities_of(abilities: Callable[[Any, Any], Abilities]) -> staticmethod[..., list[str]]:
    """The resolver of a record schema's `abilities`: the names of what the caller may do with the
    record now (`abilities(user, record).names()`, the buttons its page shows).

        class CampaignDetailOut(CampaignOut):
            abilities: list[str] = Field(..., description=ABILITIES)
            resolve_abilities = abilities_of(campaign_abilities)
    """

    def resolve_abilities(obj: Any, context: dict[str, Any]) -> list[str]:
        return abilities(context["request"].user, obj).names()

    return staticmethod(resolve_abilities)
