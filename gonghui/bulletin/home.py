"""The bulletin's part of a union's page and the home page: write an item for it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.orgs.models import Org

from .abilities import union_abilities


def bulletin_shortcuts(actor: Any, org: Org) -> list[tuple[str, str]]:
    """报送信息 for the union, where the person writes for it and a union above runs a bulletin."""
    if not union_abilities(actor, org).submit:
        return []
    return [(_("报送信息"), reverse("bulletin:submission_new", args=[org.pk]))]
