"""The test kit of the exports' samples (`Export.sample` in each module.py): unions whose names
are the texts a test chose, so that every file listing unions lists them.

    def adoption_stats(tree, texts, fmt):
        town, unions = unions_named(tree, texts)
        …
        return f"/bulletin/stats/{town.pk}/xlsx/?month="

The names are written after the union is made, as plain rows: an export must write whatever a
record holds as text, however it got there (an old import, the admin, the API).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from urllib.parse import urlencode

from gonghui.conftest import Tree, make_org
from gonghui.orgs.models import Level, Org, OrgVersion

_seq = itertools.count(1)


def rename(org: Org, name: str) -> Org:
    Org.objects.filter(pk=org.pk).update(name=name)
    OrgVersion.objects.filter(org=org).update(name=name)
    org.name = name
    return org


def unions_named(tree: Tree, texts: Sequence[str], *, level: str = Level.GRASSROOTS) -> tuple[Org, list[Org]]:
    """A new street union under 海珠区 (named after the first text) and one union below it per
    text, named with it."""
    town = rename(make_org(tree.haizhu, f"样本街道工会{next(_seq)}", Level.TOWN), texts[0])
    kind = {"kind": "enterprise"} if level == Level.GRASSROOTS else {}
    unions = [rename(make_org(town, f"样本工会{next(_seq)}", level, **kind), text) for text in texts]
    return town, unions


def url(path: str, **params: object) -> str:
    return f"{path}?{urlencode(params)}" if params else path
